/* SPDX-License-Identifier: MIT */
/* Host tests: what a report function writes, caught in memory. */
#ifndef VASINFO_CAPTURE_H
#define VASINFO_CAPTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>

struct cap {
	char *buf;
	size_t len;
	FILE *f;
};

/* A stream to hand to the function under test. */
static inline FILE *cap_open(struct cap *c)
{
	c->buf = NULL;
	c->len = 0;
	c->f = open_memstream(&c->buf, &c->len);
	return c->f;
}

/* What was written, NUL-terminated; free() it. */
static inline char *cap_close(struct cap *c)
{
	fclose(c->f);
	return c->buf;
}

/*
 * Run a subcommand's function (cmd_maps, ...) with @argc words of @argv
 * (NULL-terminated, at most 15), catching what it prints. *@out and *@err
 * get the texts (free() them), or are dropped when NULL. Returns its exit
 * status.
 */
static inline int cap_run(int (*fn)(int, char **), int argc, const char *const *argv,
			  char **out, char **err)
{
	struct cap o, e;
	FILE *so = stdout, *se = stderr;
	char *argv_copy[16];
	int rc;

	for (int i = 0; i <= argc; i++)
		argv_copy[i] = (char *)argv[i];	/* getopt may permute */
	stdout = cap_open(&o);
	stderr = cap_open(&e);
	rc = fn(argc, argv_copy);
	stdout = so;
	stderr = se;
	cap_close(&o);
	cap_close(&e);
	if (out)
		*out = o.buf;
	else
		free(o.buf);
	if (err)
		*err = e.buf;
	else
		free(e.buf);
	return rc;
}

/*
 * Run the shell command line @cmd (another program: the client's binary,
 * a lab program); what it prints on standard output goes to @out, cut at
 * @len - 1 bytes and NUL-terminated. Returns its exit status, -1 if it did
 * not exit or could not be started.
 */
static inline int cap_popen(const char *cmd, char *out, size_t len)
{
	FILE *p = popen(cmd, "r");
	size_t n = p ? fread(out, 1, len - 1, p) : 0;
	int st;

	out[n] = '\0';
	if (!p)
		return -1;
	st = pclose(p);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

#endif /* VASINFO_CAPTURE_H */
