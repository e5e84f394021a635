/* SPDX-License-Identifier: MIT */
/*
 * What the libFuzzer harnesses share: a broken invariant prints what was
 * seen and aborts, which libFuzzer reports as a crash and saves the input
 * (scripts/fuzz.sh prints where).
 */
#ifndef VASINFO_FUZZ_H
#define VASINFO_FUZZ_H

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__attribute__((format(printf, 1, 2), noreturn))
static inline void fuzz_fail(const char *fmt, ...)
{
	va_list ap;

	fputs("fuzz: invariant broken: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

#define FUZZ_CHECK(cond, ...)                 \
	do {                                  \
		if (!(cond))                  \
			fuzz_fail(__VA_ARGS__); \
	} while (0)

/* A NUL-terminated copy of @n bytes, exactly that long, so that ASan sees
 * any read past the terminator. */
static inline char *fuzz_strndup(const uint8_t *p, size_t n)
{
	char *s = malloc(n + 1);

	if (!s)
		abort();
	memcpy(s, p, n);
	s[n] = '\0';
	return s;
}

/* @s with bytes outside printable ASCII as \xNN, for messages (four
 * results may be used in one message). */
static inline const char *fuzz_show(const char *s)
{
	static char bufs[4][1024];
	static int next;
	char *out = bufs[next++ % 4];
	size_t o = 0;

	for (; *s && o + 5 < sizeof(bufs[0]); s++) {
		unsigned char c = (unsigned char)*s;

		if (c >= 0x20 && c < 0x7f && c != '\\')
			out[o++] = (char)c;
		else
			o += (size_t)snprintf(out + o, sizeof(bufs[0]) - o, "\\x%02x", c);
	}
	out[o] = '\0';
	return out;
}

#endif /* VASINFO_FUZZ_H */
