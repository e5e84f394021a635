// SPDX-License-Identifier: MIT
/*
 * Host tests of the OSTEP lab programs (labs/), run as programs from
 * ../labs/ next to this test: memory-user's argument handling, time limit
 * and signals; va's usage and what it says without the module. What they
 * show of the kernel is tested in the VM (tests/vm/t_labs.c).
 */
#define _GNU_SOURCE
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../lib/capture.h"
#include "../lib/ktap.h"
#include "libvasinfo.h"

static char labs_dir[PATH_MAX];

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Run labs/@prog with @args (shell words); exit status, output in @out. */
static int run(char *out, size_t len, const char *prog, const char *args)
{
	char cmd[PATH_MAX + 256];

	snprintf(cmd, sizeof(cmd), "'%s/%s' %s 2>&1", labs_dir, prog, args);
	return cap_popen(cmd, out, len);
}

static int lines(const char *s)
{
	int n = 0;

	for (; *s; s++)
		n += *s == '\n';
	return n;
}

static void usage_error(const char *args, const char *want)
{
	char out[4096];
	int rc = run(out, sizeof(out), "memory-user", args);

	ktap_ok(rc == 2 && !strncmp(out, "memory-user: ", 13) && strstr(out, want) &&
		strstr(out, "try 'memory-user --help'") && lines(out) == 1,
		"memory-user %s: exit 2, one line: ...%s...", args, want);
	if (rc != 2 || !strstr(out, want))
		diag("exit %d: %.300s", rc, out);
}

static void test_memory_user_usage(void)
{
	char out[4096], args[64];
	int rc;

	rc = run(out, sizeof(out), "memory-user", "--help");
	ktap_ok(rc == 0 && !strncmp(out, "usage: memory-user [--rate MBPS] MB [SECONDS]", 45),
		"memory-user --help: usage, exit 0");
	usage_error("", "how many megabytes?");
	usage_error("0", "MB: '0' is not a positive whole number");
	usage_error("-5", "MB: '-5' is not a positive whole number");
	usage_error("+5", "MB: '+5' is not a positive whole number");
	usage_error("1.5", "MB: '1.5' is not a positive whole number");
	usage_error("12abc", "MB: '12abc' is not");
	usage_error("''", "MB: '' is not");
	usage_error("99999999999999999999999", "is not a positive whole number");
	snprintf(args, sizeof(args), "%zu", SIZE_MAX / (1UL << 20) + 1);
	usage_error(args, "do not fit in this address space");
	usage_error("1 0", "SECONDS: '0' is not a positive number");
	usage_error("1 -1", "SECONDS: '-1' is not a positive number");
	usage_error("1 2s", "SECONDS: '2s' is not");
	usage_error("1 inf", "SECONDS: 'inf' is not");
	usage_error("1 nan", "SECONDS: 'nan' is not");
	usage_error("1 2 3", "too many arguments: '3'");
	usage_error("--rate", "--rate needs a number");
	usage_error("1 --rate", "--rate needs a number");
	usage_error("--rate 0 1", "--rate: '0' is not a positive number");
	usage_error("--rate=-2 1", "--rate: '-2' is not a positive number");
	usage_error("--rate=fast 1", "--rate: 'fast' is not");
	usage_error("--bogus 1", "unknown option '--bogus'");
	usage_error("-x 1", "unknown option '-x'");
	usage_error("--rater 1", "unknown option '--rater'");

	/* 2^40 MB fits in size_t, not in any machine: malloc fails. */
	rc = run(out, sizeof(out), "memory-user", "1099511627776 1");
	ktap_ok(rc == 1 && strstr(out, "memory-user: cannot allocate 1099511627776 MB: ") &&
		lines(out) == 1, "memory-user 2^40: exit 1, cannot allocate");
}

static void test_memory_user_runs(void)
{
	char out[4096];
	double t0, took;
	int rc, pid = 0;
	unsigned long addr = 0;
	size_t mb = 0;

	t0 = now();
	rc = run(out, sizeof(out), "memory-user", "2 0.3");
	took = now() - t0;
	ktap_ok(rc == 0 && sscanf(out, "memory-user: pid %d, %zu MB at %lx, touching every page for 0.3 s\n",
				  &pid, &mb, &addr) == 3 && pid > 0 && mb == 2 && addr &&
		strstr(out, "memory-user: all 2 MB touched in ") &&
		strstr(out, "memory-user: time limit of 0.3 s reached after ") && took >= 0.3,
		"memory-user 2 0.3: pid, size and address, all touched, exit 0 after the limit (%.2f s)",
		took);
	if (rc)
		diag("%.300s", out);

	/* Options after the operands and with =; a decimal rate. */
	t0 = now();
	rc = run(out, sizeof(out), "memory-user", "1 0.5 --rate=1.5");
	took = now() - t0;
	ktap_ok(rc == 0 && strstr(out, "touching every page at 1.5 MB/s (4 KiB pages) for 0.5 s") &&
		!strstr(out, "all 1 MB touched") && strstr(out, "time limit of 0.5 s reached after 0.") &&
		took >= 0.5,
		"memory-user 1 0.5 --rate=1.5: stopped by the limit before one pass (which takes 0.67 s)");
	if (rc || strstr(out, "all 1 MB"))
		diag("%.300s", out);
	rc = run(out, sizeof(out), "memory-user", "-- 1 0.1");
	ktap_ok(rc == 0 && strstr(out, "time limit of 0.1 s"), "memory-user -- 1 0.1: '--' ends the options");
}

static void test_memory_user_signals(void)
{
	static const int sigs[] = { SIGINT, SIGTERM };
	static const char *const names[] = { "SIGINT", "SIGTERM" };

	for (int i = 0; i < 2; i++) {
		char path[PATH_MAX + 32], out[4096] = "";
		int p[2], st = -1;
		size_t len = 0;
		ssize_t n;
		pid_t pid;

		snprintf(path, sizeof(path), "%s/memory-user", labs_dir);
		if (pipe(p))
			return;
		pid = fork();
		if (pid == 0) {
			dup2(p[1], 1);
			dup2(p[1], 2);
			close(p[0]);
			close(p[1]);
			execl(path, path, "1", (char *)NULL);
			_exit(127);
		}
		close(p[1]);
		/* Its first line says it runs; then the signal. */
		while (!strchr(out, '\n') && (n = read(p[0], out + len, sizeof(out) - 1 - len)) > 0)
			out[len += (size_t)n] = '\0';
		kill(pid, sigs[i]);
		while ((n = read(p[0], out + len, sizeof(out) - 1 - len)) > 0)
			out[len += (size_t)n] = '\0';
		close(p[0]);
		waitpid(pid, &st, 0);
		ktap_ok(WIFEXITED(st) && WEXITSTATUS(st) == 0 && strstr(out, "until Ctrl-C") &&
			strstr(out, names[i]) && strstr(out, "received after"),
			"memory-user 1: exit 0 on %s, saying so", names[i]);
		if (!strstr(out, "received"))
			diag("%.300s", out);
	}
}

static void test_va(void)
{
	char out[4096];
	unsigned long code = 0, heap = 0, stack = 0;
	const char *l;
	int rc;

	rc = run(out, sizeof(out), "va", "--help");
	ktap_ok(rc == 0 && !strncmp(out, "usage: va [--wait]", 18), "va --help: usage, exit 0");
	rc = run(out, sizeof(out), "va", "--bogus");
	ktap_ok(rc == 2 && strstr(out, "va: unknown argument '--bogus'") && lines(out) == 1,
		"va --bogus: exit 2, one line");
	if (access(VASINFO_DEVICE, F_OK) == 0) {
		ktap_skip("va without the module", "%s exists", VASINFO_DEVICE);
		return;
	}
	rc = run(out, sizeof(out), "va", "");
	l = strstr(out, "location of code : ");
	ktap_ok(rc == 0 && l &&
		sscanf(l, "location of code : %lx\nlocation of heap : %lx\nlocation of stack: %lx",
		       &code, &heap, &stack) == 3 && code && heap && stack &&
		strstr(out, "module is not loaded") && strstr(out, "virtual all the same"),
		"va without the module: the three addresses, says the module is not loaded, exit 0");
	if (rc)
		diag("%.300s", out);
}

int main(void)
{
	ssize_t n = readlink("/proc/self/exe", labs_dir, sizeof(labs_dir) - 8);
	char va[PATH_MAX + 8], *slash;
	const int cases = 33;

	ktap_header("labs");
	ktap_plan(cases);
	if (n > 0) {
		labs_dir[n] = '\0';
		slash = strrchr(labs_dir, '/');	/* .../tests/test_labs -> .../labs */
		*slash = '\0';
		slash = strrchr(labs_dir, '/');
		if (slash)
			strcpy(slash, "/labs");
	}
	snprintf(va, sizeof(va), "%s/va", labs_dir);
	if (n <= 0 || access(va, X_OK)) {
		for (int i = 0; i < cases; i++)
			ktap_skip("labs", "no labs/ next to the tests (make -C labs)");
		return ktap_finish();
	}
	test_memory_user_usage();
	test_memory_user_runs();
	test_memory_user_signals();
	test_va();
	return ktap_finish();
}
