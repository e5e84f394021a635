// SPDX-License-Identifier: MIT
/*
 * UTF-8: well-formed sequences and display width. Sequences are decoded
 * here, not with mbrtowc(): which bytes JSON escapes and layout replaces
 * must not depend on the locales a machine has installed (the VM has
 * none). Only the width asks glibc.
 */
#define _GNU_SOURCE
#include <locale.h>
#include <pthread.h>
#include <wchar.h>

#include "utf8.h"

int vi_utf8_char(const char *s, uint32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	uint32_t c;
	int n, i;

	if (p[0] < 0x80) {
		if (cp)
			*cp = p[0];
		return 1;
	}
	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		n = 2, c = p[0] & 0x1f;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		n = 3, c = p[0] & 0x0f;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		n = 4, c = p[0] & 0x07;
	else
		return 0;
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)	/* also stops at the NUL */
			return 0;
		c = c << 6 | (p[i] & 0x3f);
	}
	if ((n == 3 && c < 0x800) || (n == 4 && c < 0x10000) ||
	    c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	if (cp)
		*cp = c;
	return n;
}

static locale_t utf8_locale;	/* (locale_t)0: C.UTF-8 is not installed */
static pthread_once_t utf8_once = PTHREAD_ONCE_INIT;

static void open_utf8_locale(void)
{
	utf8_locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
}

int vi_cp_width(uint32_t cp)
{
	locale_t old;
	int w;

	if (cp < 0x80)
		return 1;
	pthread_once(&utf8_once, open_utf8_locale);
	if (!utf8_locale)
		return 1;
	/* This thread only, and only for the call: the program's locale stays. */
	old = uselocale(utf8_locale);
	w = wcwidth((wchar_t)cp);
	uselocale(old);
	return w < 0 ? 1 : w;
}

/* The character at @s: its bytes (a bad byte is one) and *@w its columns. */
static size_t next(const char *s, int *w)
{
	uint32_t cp;
	int n = vi_utf8_char(s, &cp);

	if (!n) {
		*w = 1;
		return 1;
	}
	*w = vi_cp_width(cp);
	return (size_t)n;
}

size_t vi_utf8_width(const char *s)
{
	size_t cols = 0, i = 0;
	int w;

	while (s[i]) {
		i += next(s + i, &w);
		cols += (size_t)w;
	}
	return cols;
}

size_t vi_utf8_head(const char *s, size_t cols, size_t *width)
{
	size_t used = 0, i = 0, n;
	int w;

	while (s[i]) {
		n = next(s + i, &w);
		if (used + (size_t)w > cols)
			break;
		used += (size_t)w;
		i += n;
	}
	if (width)
		*width = used;
	return i;
}

size_t vi_utf8_tail(const char *s, size_t cols)
{
	size_t left = vi_utf8_width(s), i = 0, n;
	int w;

	while (s[i] && left > cols) {
		i += next(s + i, &w);
		left -= (size_t)w;
	}
	/* marks that belonged to the last character cut off */
	while (i && s[i]) {
		n = next(s + i, &w);
		if (w)
			break;
		i += n;
	}
	return i;
}
