// SPDX-License-Identifier: MIT
/*
 * Host unit tests of libvasinfo's helpers: which bytes are UTF-8, how wide
 * a string is on a terminal (and where it is cut to fit), and the
 * growable array.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <locale.h>
#include <stdint.h>
#include <string.h>

#include "../lib/ktap.h"
#include "grow.h"
#include "utf8.h"

/* ---- UTF-8 ---- */

static void test_utf8_char(void)
{
	static const struct {
		const char *s;
		int len;
		uint32_t cp;
		const char *what;
	} cases[] = {
		{ "A", 1, 'A', "ASCII" },
		{ "\xc3\xa9", 2, 0xe9, "2 bytes (e acute)" },
		{ "\xe4\xb8\xad", 3, 0x4e2d, "3 bytes (a CJK ideograph)" },
		{ "\xf0\x9f\x98\x80", 4, 0x1f600, "4 bytes (an emoji)" },
		{ "\xf4\x8f\xbf\xbf", 4, 0x10ffff, "U+10FFFF, the last code point" },
		{ "\x80", 0, 0, "a stray continuation byte" },
		{ "\xc0\xaf", 0, 0, "overlong 2 bytes" },
		{ "\xe0\x80\xaf", 0, 0, "overlong 3 bytes" },
		{ "\xf0\x80\x80\xaf", 0, 0, "overlong 4 bytes" },
		{ "\xed\xa0\x80", 0, 0, "a surrogate" },
		{ "\xf4\x90\x80\x80", 0, 0, "above U+10FFFF" },
		{ "\xf5\x80\x80\x80", 0, 0, "a lead byte that never starts one" },
		{ "\xe4\xb8", 0, 0, "cut short by the NUL" },
		{ "\xe4" "a" "\xad", 0, 0, "cut short by ASCII" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint32_t cp = 0;
		int n = vi_utf8_char(cases[i].s, &cp);

		if (!ktap_ok(n == cases[i].len && (!n || cp == cases[i].cp),
			     "utf8: %s: %s", cases[i].what,
			     cases[i].len ? "its bytes and code point" : "not UTF-8"))
			diag("saw %d bytes, U+%04X", n, (unsigned int)cp);
	}
}

static int have_c_utf8(void)
{
	locale_t l = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);

	if (l)
		freelocale(l);
	return l != (locale_t)0;
}

#define ZHONG "\xe4\xb8\xad"	/* U+4E2D, 2 columns */
#define ACUTE "\xcc\x81"	/* U+0301 combining acute accent, 0 columns */

static void test_width(void)
{
	const char *skip = have_c_utf8() ? "" : " # SKIP the C.UTF-8 locale is not installed";
	int wide = !*skip;
	size_t w = 0, n;

	ktap_ok(vi_cp_width('a') == 1 && vi_utf8_width("hello, world") == 12,
		"width: ASCII is one column a character");
	ktap_ok(!wide || (vi_cp_width(0x4e2d) == 2 && vi_cp_width(0x1f600) == 2),
		"width: a CJK ideograph and an emoji are 2 columns (%d, %d)%s",
		vi_cp_width(0x4e2d), vi_cp_width(0x1f600), skip);
	ktap_ok(!wide || (vi_cp_width(0x301) == 0 && vi_cp_width(0xe9) == 1),
		"width: a combining accent is 0 columns, e acute 1 (%d, %d)%s",
		vi_cp_width(0x301), vi_cp_width(0xe9), skip);
	ktap_ok(!wide || vi_utf8_width("a" ZHONG "e" ACUTE "\xff") == 5,
		"width: 'a', an ideograph, e + accent, a bad byte: 5 columns (%zu)%s",
		vi_utf8_width("a" ZHONG "e" ACUTE "\xff"), skip);

	n = vi_utf8_head(ZHONG ZHONG ZHONG, 5, &w);
	ktap_ok(!wide || (n == 6 && w == 4),
		"width: the start that fits 5 columns holds 2 wide characters, not half of one (%zu bytes, %zu columns)%s",
		n, w, skip);
	n = vi_utf8_head("e" ACUTE "x", 1, &w);
	ktap_ok(!wide || (n == 3 && w == 1),
		"width: the start that fits 1 column keeps the accent on its letter (%zu bytes)%s", n, skip);
	n = vi_utf8_tail(ZHONG ZHONG ZHONG, 5);
	ktap_ok(!wide || n == 3, "width: the end that fits 5 columns is the last 2 wide characters (skip %zu bytes)%s",
		n, skip);
	n = vi_utf8_tail("xe" ACUTE "yz", 2);
	ktap_ok(!wide || n == 4, "width: a cut leaves no accent without its letter (skip %zu bytes)%s", n, skip);
	ktap_ok(vi_utf8_head("abc", 10, &w) == 3 && w == 3 && vi_utf8_tail("abc", 10) == 0 &&
		vi_utf8_tail("abcdef", 2) == 4,
		"width: ASCII heads and tails are the characters that fit");
}

/* ---- growable arrays ---- */

static void test_grow(void)
{
	uint64_t *a = NULL, *before;
	size_t cap = 0, n, reallocs = 0, last = 0;
	int ok = 1, rc;

	for (n = 0; n < 100000; n++) {
		if (VI_GROW(a, cap, n + 1)) {
			ok = 0;
			break;
		}
		if (cap != last) {
			reallocs++;
			last = cap;
		}
		a[n] = n * 3;
	}
	for (size_t k = 0; ok && k < n; k++)
		ok = a[k] == k * 3;
	ktap_ok(ok && n == 100000 && cap >= n, "grow: 100000 elements appended one by one, all kept");
	ktap_ok(reallocs <= 14, "grow: the room doubles: %zu reallocs for 100000 elements", reallocs);

	before = a;
	rc = VI_GROW(a, cap, cap);
	ktap_ok(rc == 0 && a == before && cap == last,
		"grow: asking for no more than the room changes nothing");
	rc = VI_GROW(a, cap, cap + 1);
	ktap_ok(rc == 0 && cap == 2 * last && a[99999] == 99999 * 3,
		"grow: one more than the room doubles it (%zu -> %zu)", last, cap);

	before = a;
	last = cap;
	rc = VI_GROW(a, cap, SIZE_MAX / 4);
	ktap_ok(rc == -ENOMEM && a == before && cap == last && a[5] == 15,
		"grow: a size that overflows is -ENOMEM, the array left as it was");
	free(a);

	{
		char *s = NULL;
		size_t room = 0;

		rc = VI_GROW(s, room, 3);
		ktap_ok(rc == 0 && s && room >= 3, "grow: the first call allocates (room %zu)", room);
		free(s);
	}
}

int main(void)
{
	ktap_header("libvasinfo-helpers");
	ktap_plan(29);
	test_utf8_char();
	test_width();
	test_grow();
	return ktap_finish();
}
