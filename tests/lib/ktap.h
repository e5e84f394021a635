/* SPDX-License-Identifier: MIT */
/*
 * A few lines of KTAP for the user-space tests: "ok N - name" or
 * "not ok N - name", with "# " diagnostics before a failure that say what
 * was seen. The harnesses count these lines.
 */
#ifndef VASINFO_KTAP_H
#define VASINFO_KTAP_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

static int ktap_count, ktap_failures;

static inline void ktap_header(const char *suite)
{
	printf("KTAP version 1\n# suite: %s\n", suite);
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

static inline int ktap_finish(void)
{
	printf("# %d passed, %d failed\n", ktap_count - ktap_failures,
	       ktap_failures);
	fflush(stdout);
	return ktap_failures ? 1 : 0;
}

#endif /* VASINFO_KTAP_H */
