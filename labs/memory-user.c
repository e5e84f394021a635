// SPDX-License-Identifier: MIT
/*
 * memory-user: the program OSTEP chapter 13's homework asks for. It
 * allocates an array of MB megabytes and streams through it, touching every
 * entry, forever or for SECONDS seconds, so that free, pmap -X and vasinfo
 * have something to show. With --rate it touches slowly and the resident
 * size grows page by page while you watch.
 *
 *   memory-user [--rate MBPS] MB [SECONDS]
 *
 * Exit status: 0 when the time is up or SIGINT/SIGTERM arrived, 1 when the
 * memory cannot be allocated, 2 on a usage error.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <time.h>
#include <unistd.h>

#define MB_BYTES (1UL << 20)

static const char usage[] =
	"usage: memory-user [--rate MBPS] MB [SECONDS]\n"
	"\n"
	"OSTEP chapter 13's homework program: allocate an array of MB megabytes\n"
	"(MiB, 1048576 bytes) and stream through it, touching every entry, until\n"
	"SECONDS seconds (a decimal number, e.g. 0.5) have passed or, without\n"
	"SECONDS, until Ctrl-C (SIGINT) or SIGTERM. Meanwhile look at it with\n"
	"free, pmap -X PID or vasinfo maps --counts PID.\n"
	"\n"
	"  --rate MBPS  touch at most MBPS megabytes per second (a decimal number),\n"
	"               so the resident size grows page by page while you watch;\n"
	"               asks for 4 KiB pages (PR_SET_THP_DISABLE), not 2 MiB ones\n"
	"  -h, --help   this text\n"
	"\n"
	"Exit status: 0 when the time is up or on SIGINT/SIGTERM, 1 when the memory\n"
	"cannot be allocated, 2 on a usage error.\n";

struct opts {
	size_t mb;
	double seconds;		/* 0: until a signal */
	double rate;		/* MB per second; 0: as fast as possible */
	int help;
};

__attribute__((format(printf, 1, 2)))
static int usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("memory-user: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs(" (try 'memory-user --help')\n", stderr);
	return 2;
}

/* A positive, finite decimal number, the whole string. */
static int parse_positive(const char *s, double *out)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (end == s || *end || errno || !isfinite(v) || v <= 0)
		return -1;
	*out = v;
	return 0;
}

static int parse_args(int argc, char **argv, struct opts *o)
{
	const char *pos[2];
	int npos = 0, i, dashdash = 0;

	memset(o, 0, sizeof(*o));
	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *val = NULL;

		/* "-5" is a (bad) number, not an option. */
		if (dashdash || a[0] != '-' || !a[1] || (a[1] >= '0' && a[1] <= '9')) {
			if (npos == 2)
				return usage_error("too many arguments: '%s'", a);
			pos[npos++] = a;
			continue;
		}
		if (!strcmp(a, "--")) {
			dashdash = 1;
		} else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			o->help = 1;
			return 0;
		} else if (!strcmp(a, "--rate") || !strncmp(a, "--rate=", 7)) {
			if (a[6] == '=')
				val = a + 7;
			else if (i + 1 < argc)
				val = argv[++i];
			else
				return usage_error("%s needs a number of megabytes per second", a);
			if (parse_positive(val, &o->rate))
				return usage_error("--rate: '%s' is not a positive number of megabytes per second",
						   val);
		} else {
			return usage_error("unknown option '%s'", a);
		}
	}
	if (npos == 0)
		return usage_error("how many megabytes?");
	{
		char *end;
		unsigned long long mb;

		errno = 0;
		mb = strtoull(pos[0], &end, 10);
		if (end == pos[0] || *end || pos[0][0] == '-' || pos[0][0] == '+' || errno ||
		    mb == 0)
			return usage_error("MB: '%s' is not a positive whole number of megabytes",
					   pos[0]);
		if (mb > SIZE_MAX / MB_BYTES)
			return usage_error("MB: %s megabytes do not fit in this address space",
					   pos[0]);
		o->mb = (size_t)mb;
	}
	if (npos == 2 && parse_positive(pos[1], &o->seconds))
		return usage_error("SECONDS: '%s' is not a positive number of seconds",
				   pos[1]);
	return 0;
}

static volatile sig_atomic_t stop_signal;

static void on_signal(int sig)
{
	stop_signal = sig;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void sleep_until(double t)
{
	double d = t - now();
	struct timespec ts;

	if (d <= 0)
		return;
	ts.tv_sec = (time_t)d;
	ts.tv_nsec = (long)((d - (double)ts.tv_sec) * 1e9);
	nanosleep(&ts, NULL);	/* a signal cuts it short: fine */
}

int main(int argc, char **argv)
{
	struct sigaction sa;
	struct opts o;
	double start, deadline, first_pass = 0;
	volatile unsigned long *a;
	size_t bytes, n, per_page, i, j;
	unsigned long long touched = 0;	/* bytes, over all passes */
	long page = sysconf(_SC_PAGESIZE);
	int rc, timed_out = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	rc = parse_args(argc, argv, &o);
	if (rc)
		return rc;
	if (o.help) {
		fputs(usage, stdout);
		return 0;
	}

	/*
	 * Transparent huge pages would make the slow growth jump 2 MiB at a
	 * time: --rate turns them off for this process before malloc() runs.
	 * madvise(MADV_NOHUGEPAGE) after malloc() came too late where the
	 * kernel aligns a large anonymous mapping to 2 MiB (7.2 did): the
	 * header malloc() writes had already faulted in a whole huge page.
	 */
	if (o.rate && prctl(PR_SET_THP_DISABLE, 1, 0, 0, 0))
		fprintf(stderr, "memory-user: cannot turn off huge pages (%s); the growth may jump 2 MiB at a time\n",
			strerror(errno));
	bytes = o.mb * MB_BYTES;
	a = malloc(bytes);
	if (!a) {
		fprintf(stderr, "memory-user: cannot allocate %zu MB: %s\n", o.mb,
			strerror(errno));
		return 1;
	}
	n = bytes / sizeof(*a);
	if (page <= 0)
		page = 4096;
	per_page = (size_t)page / sizeof(*a);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);

	printf("memory-user: pid %d, %zu MB at %p, touching every page ",
	       (int)getpid(), o.mb, (void *)a);
	if (o.rate)
		printf("at %g MB/s (4 KiB pages) ", o.rate);
	if (o.seconds)
		printf("for %g s\n", o.seconds);
	else
		printf("until Ctrl-C\n");

	start = now();
	deadline = o.seconds ? start + o.seconds : INFINITY;
	while (!stop_signal && !timed_out) {
		for (i = 0; i < n && !stop_signal; i += per_page) {
			size_t end = i + per_page < n ? i + per_page : n;

			for (j = i; j < end; j++)
				a[j]++;
			touched += (end - i) * sizeof(*a);
			if (o.rate)
				sleep_until(fmin(start + (double)touched / (o.rate * MB_BYTES),
						 deadline));
			if (now() >= deadline) {
				timed_out = 1;
				break;
			}
		}
		if (!first_pass && touched >= bytes) {
			first_pass = now() - start;
			printf("memory-user: all %zu MB touched in %.1f s, streaming on\n",
			       o.mb, first_pass);
		}
	}
	if (timed_out)
		printf("memory-user: time limit of %g s reached after %.1f passes, exiting\n",
		       o.seconds, (double)touched / (double)bytes);
	else
		printf("memory-user: %s received after %.1f passes, exiting\n",
		       stop_signal == SIGINT ? "SIGINT" : "SIGTERM",
		       (double)touched / (double)bytes);
	free((void *)a);
	return 0;
}
