/* SPDX-License-Identifier: MIT */
/*
 * A few lines of KTAP (Documentation/dev-tools/ktap.rst) for the
 * user-space tests: "ok N - name", "not ok N - name" or
 * "ok N - name # SKIP reason", with "# " diagnostics before a failure that
 * say what was seen. The harnesses count these lines.
 *
 * KTAP puts the plan, "1..N", right after the version line; a plan at the
 * end is TAP 13's, not KTAP's. Every program calls ktap_plan() straight
 * after ktap_header(), as kselftests call ksft_set_plan(): where the count
 * depends on the uid or on what the kernel offers, it is worked out from
 * the same facts first, and a case that cannot run is a ktap_skip(), not a
 * missing line. A run that stops short then shows as a count off its plan.
 */
#ifndef VASINFO_KTAP_H
#define VASINFO_KTAP_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

static int ktap_count, ktap_failures, ktap_skipped, ktap_planned = -1;

static inline void ktap_header(const char *suite)
{
	/* A line at a time into a pipe too, as on a terminal (guest-test.sh). */
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("KTAP version 1\n# suite: %s\n", suite);
	fflush(stdout);
}

/* "1..@n", straight after ktap_header(): a run that stops short fails. */
static inline void ktap_plan(int n)
{
	ktap_planned = n;
	printf("1..%d\n", n);
	fflush(stdout);
}

__attribute__((format(printf, 1, 2)))
static inline void diag(const char *fmt, ...)
{
	va_list ap;

	fputs("# ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

/* Report one case; returns @pass so callers can stop early on failure. */
__attribute__((format(printf, 2, 3)))
static inline int ktap_ok(int pass, const char *fmt, ...)
{
	va_list ap;

	ktap_count++;
	if (!pass)
		ktap_failures++;
	printf("%sok %d - ", pass ? "" : "not ", ktap_count);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
	return pass;
}

/*
 * A case that cannot run here (no binary, a device that should be absent):
 * "ok N - @name # SKIP reason". It proves nothing, so the harness counts
 * it as skipped, not passed. @name cannot hold a '#': KTAP reads the first
 * one as the start of the directive.
 */
__attribute__((format(printf, 2, 3)))
static inline void ktap_skip(const char *name, const char *fmt, ...)
{
	va_list ap;

	ktap_count++;
	ktap_skipped++;
	printf("ok %d - %s # SKIP ", ktap_count, name);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

/* The totals; the exit status: 1 on a failure or a count off the plan. */
static inline int ktap_finish(void)
{
	printf("# %d passed, %d failed, %d skipped\n",
	       ktap_count - ktap_failures - ktap_skipped, ktap_failures,
	       ktap_skipped);
	if (ktap_planned >= 0 && ktap_count != ktap_planned)
		printf("# planned %d cases, ran %d\n", ktap_planned, ktap_count);
	fflush(stdout);
	return ktap_failures || (ktap_planned >= 0 && ktap_count != ktap_planned);
}

#endif /* VASINFO_KTAP_H */
