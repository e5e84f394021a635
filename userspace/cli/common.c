// SPDX-License-Identifier: MIT
/* What every vasinfo subcommand shares: options, errors, operands. */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "grow.h"

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fputs("vasinfo: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, " (try 'vasinfo %s--help')\n", cmd ? cmd : "");
	return EXIT_USAGE;
}

int cli_user_error(const char *fmt, ...)
{
	va_list ap;

	fputs("vasinfo: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return EXIT_USER;
}

int cli_parse(const char *cmd, int argc, char **argv, struct cli_opts *o,
	      const char *accepted, int *first)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "json", no_argument, NULL, 'j' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "counts", no_argument, NULL, 'c' },
		/* Long only: their values are not in the short option string. */
		{ "all", no_argument, NULL, CLI_OPT_ALL },
		{ "phys", no_argument, NULL, CLI_OPT_PHYS },
		{ "color", required_argument, NULL, CLI_OPT_COLOR },
		{ "svg", required_argument, NULL, CLI_OPT_SVG },
		{ "interval", required_argument, NULL, 'I' },
		{ "count", required_argument, NULL, 'N' },
		{ NULL, 0, NULL, 0 },
	};
	char cmdsp[32];
	int c, idx;

	snprintf(cmdsp, sizeof(cmdsp), "%s ", cmd);
	memset(o, 0, sizeof(*o));
	optind = 0;	/* 0, not 1: glibc forgets a half-read "-vx" */
	opterr = 0;
	/* Options may come before or after the operands, or stop at "--". */
	for (;;) {
		idx = -1;
		c = getopt_long(argc, argv, "hjvc", longopts, &idx);
		if (c == -1)
			break;
		if (c == '?' && (optopt == CLI_OPT_COLOR || optopt == CLI_OPT_SVG ||
				  optopt == 'I' || optopt == 'N') &&
		    !strncmp(argv[optind - 1], "--", 2) && !strchr(argv[optind - 1], '='))
			return cli_usage_error(cmdsp, "%s: option '%s' needs a value",
					       cmd, argv[optind - 1]);
		if (c == '?' && optopt > ' ' && optopt < 0x7f &&
		    !strchr("hjvcAPCS", optopt))
			return cli_usage_error(cmdsp, "%s: unknown option '-%c'",
					       cmd, optopt);
		if (c == '?')	/* unknown long option, or one given a value */
			return cli_usage_error(cmdsp, "%s: unknown option '%s'",
					       cmd, argv[optind - 1]);
		if (c != 'h' && !strchr(accepted, c)) {
			if (idx >= 0)
				return cli_usage_error(cmdsp, "%s: no option '--%s' here",
						       cmd, longopts[idx].name);
			return cli_usage_error(cmdsp, "%s: no option '-%c' here",
					       cmd, c);
		}
		switch (c) {
		case 'h':
			o->help = 1;
			break;
		case 'j':
			o->json = 1;
			break;
		case 'v':
			o->verbose = 1;
			break;
		case 'c':
			o->counts = 1;
			break;
		case CLI_OPT_ALL:
			o->all = 1;
			break;
		case CLI_OPT_PHYS:
			o->phys = 1;
			break;
		case CLI_OPT_SVG:
			if (!*optarg)
				return cli_usage_error(cmdsp, "%s: --svg needs a file name",
						       cmd);
			o->svg = optarg;
			break;
		case CLI_OPT_COLOR:
			if (!strcmp(optarg, "auto"))
				o->color = CLI_COLOR_AUTO;
			else if (!strcmp(optarg, "always"))
				o->color = CLI_COLOR_ALWAYS;
			else if (!strcmp(optarg, "never"))
				o->color = CLI_COLOR_NEVER;
			else
				return cli_usage_error(cmdsp, "%s: --color is auto, always or never, not '%s'",
						       cmd, optarg);
			break;
		case 'I':
			o->interval = optarg;
			break;
		case 'N':
			o->count = optarg;
			break;
		}
	}
	*first = optind;
	return EXIT_OK;
}

int cli_parse_pid(const char *s, pid_t *pid)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (!*s || *end || errno || v < 0 || v > CLI_PID_MAX)
		return -EINVAL;
	*pid = (pid_t)v;
	return 0;
}

int cli_pid(const char *cmd, const char *s, pid_t *pid)
{
	char cmdsp[32];

	if (!cli_parse_pid(s, pid))
		return EXIT_OK;
	snprintf(cmdsp, sizeof(cmdsp), "%s ", cmd);
	return cli_usage_error(cmdsp, "%s: '%s' is not a process id", cmd, s);
}

int cli_one_pid(const char *cmd, int argc, char **argv, int first, pid_t *pid)
{
	char cmdsp[32];

	if (argc - first == 1)
		return cli_pid(cmd, argv[first], pid);
	snprintf(cmdsp, sizeof(cmdsp), "%s ", cmd);
	return cli_usage_error(cmdsp, "%s: needs exactly one PID", cmd);
}

int cli_open(void)
{
	struct vasinfo_version v;
	int fd = vi_open();

	if (fd == -EACCES || fd == -EPERM) {
		/* The node, not a process: vi_strerror() would name pid 0. */
		cli_user_error("cannot open " VASINFO_DEVICE
			       ": permission denied; its mode comes from the udev rule 60-vasinfo.rules (0666): ls -l "
			       VASINFO_DEVICE ", sudo udevadm trigger");
		return -1;
	}
	if (fd < 0) {
		cli_user_error("%s", vi_strerror(fd, 0));
		return -1;
	}
	/*
	 * Also the page size, for vi_page_size(). Minor versions only add
	 * (requests fall back or say ENOTTY); a major version is another ABI.
	 */
	if (vi_version(fd, &v) || v.abi_major != VASINFO_ABI_MAJOR) {
		int err = errno;

		close(fd);
		if (v.abi_major)
			cli_user_error("the loaded vasinfo module speaks ABI %u.%u, this client %d.%d: install the module and the client of one version (apt install vasinfo vasinfo-dkms, or make install from one source tree), then sudo modprobe -r vasinfo; sudo modprobe vasinfo",
				       v.abi_major, v.abi_minor,
				       VASINFO_ABI_MAJOR, VASINFO_ABI_MINOR);
		else
			cli_user_error(VASINFO_DEVICE " does not answer vasinfo's VERSION request (%s): is it the vasinfo module of ABI %d? sudo modprobe -r vasinfo; sudo modprobe vasinfo",
				       strerror(err), VASINFO_ABI_MAJOR);
		return -1;
	}
	return fd;
}

unsigned int cli_levels(int fd)
{
	struct vasinfo_version v;

	return vi_version(fd, &v) ? 0 : v.levels;
}

int cli_color(enum cli_color when)
{
	const char *nc = getenv("NO_COLOR");

	if (when != CLI_COLOR_AUTO)
		return when == CLI_COLOR_ALWAYS;
	return isatty(STDOUT_FILENO) && !(nc && *nc);
}

#define READ_CHUNK 65536

char *cli_read_file(const char *path)
{
	FILE *f = fopen(path, "re");	/* e: O_CLOEXEC */
	char *buf = NULL;
	size_t len = 0, cap = 0, want, n;

	if (!f)
		return NULL;
	for (;;) {
		if (VI_GROW(buf, cap, len + READ_CHUNK + 1)) {
			free(buf);
			fclose(f);
			errno = ENOMEM;
			return NULL;
		}
		want = cap - len - 1;
		n = fread(buf + len, 1, want, f);
		len += n;
		if (n < want)
			break;
	}
	buf[len] = '\0';
	fclose(f);
	return buf;
}

int cli_count_region(int fd, pid_t pid, const struct vasinfo_vma *v,
		     struct cli_counts *c)
{
	struct vi_range_totals tot;
	struct vasinfo_run *runs;
	ssize_t n, i;

	/*
	 * Counts need no page facts: without them no struct page is read
	 * (ABI 1.1); a module of ABI 1.0 refuses the flag, and then the
	 * plain request does.
	 */
	n = vi_range_flags(fd, pid, v->start, v->end, VASINFO_RANGE_NO_FACTS,
			   &runs, &tot);
	if (n == -EINVAL)
		n = vi_range(fd, pid, v->start, v->end, &runs, &tot);
	if (n < 0)
		return (int)n;
	c->resident = tot.present;
	c->swapped = tot.swapped;
	c->huge = 0;
	for (i = 0; i < n; i++)
		if (runs[i].state == VASINFO_STATE_PRESENT &&
		    runs[i].page_size > vi_page_size())
			c->huge += runs[i].pages;
	free(runs);
	return 0;
}

void cli_counts_assign(const struct vasinfo_vma *v, ssize_t n,
		       const struct vasinfo_vma_counts *e, ssize_t ne,
		       struct cli_counts *c)
{
	ssize_t i = 0, k;

	memset(c, 0, (size_t)n * sizeof(*c));
	for (k = 0; k < ne; k++) {
		while (i < n && v[i].end <= e[k].start)
			i++;
		if (i == n)
			break;
		if (e[k].start < v[i].start)
			continue;
		c[i].resident += e[k].present;
		c[i].swapped += e[k].swapped;
		c[i].huge += e[k].huge;
	}
}

int cli_count_regions(int fd, pid_t pid, const struct vasinfo_vma *v,
		      ssize_t n, struct cli_counts *c)
{
	struct vasinfo_vma_counts *e;
	ssize_t ne, i;
	int rc;

	if (n <= 0)
		return 0;
	/* Only what the page tables say: no struct page is read. */
	ne = vi_counts_flags(fd, pid, v[0].start, v[n - 1].end,
			     VASINFO_COUNTS_TABLES_ONLY, &e);
	if (ne >= 0) {
		cli_counts_assign(v, n, e, ne, c);
		free(e);
		return 0;
	}
	if (ne != -ENOTTY && ne != -EINVAL)
		return (int)ne;
	for (i = 0; i < n; i++) {
		rc = cli_count_region(fd, pid, &v[i], &c[i]);
		if (rc)
			return rc;
	}
	return 0;
}
