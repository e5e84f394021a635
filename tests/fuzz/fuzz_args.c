// SPDX-License-Identifier: MIT
/*
 * The client's operand parsers: vi_parse_addr() (translate, range),
 * cli_parse_pid() and cli_range_bounds(). The input is up to three lines;
 * each is an address and a pid, lines 2 and 3 are START and END.
 *
 * Each parser is held to a reference written here from its documentation
 * (same accept/reject, same value, same error), accepted values must be in
 * range and must come back unchanged from their own formatting.
 */
#include <errno.h>
#include <limits.h>

#include "cli.h"
#include "fuzz.h"

static int digit(char c, int base)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (base == 16 && c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (base == 16 && c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* "0x"/"0X" hex or decimal, all of the string, 64 bits; a bad character
 * anywhere is -EINVAL, only good digits too many for 64 bits -ERANGE. */
static int ref_addr(const char *s, uint64_t *out)
{
	unsigned __int128 v = 0;
	int base = 10, over = 0;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	if (!*s)
		return -EINVAL;
	for (; *s; s++) {
		int d = digit(*s, base);

		if (d < 0)
			return -EINVAL;
		v = v * (unsigned)base + (unsigned)d;
		if (v > UINT64_MAX) {
			over = 1;
			v = 0;
		}
	}
	if (over)
		return -ERANGE;
	*out = (uint64_t)v;
	return 0;
}

static void check_addr(const char *s)
{
	uint64_t got = 0xdeadbeef, want = 0, again;
	int rc = vi_parse_addr(s, &got), ref = ref_addr(s, &want);
	char buf[3][32];
	int i;

	FUZZ_CHECK(rc == ref, "vi_parse_addr(\"%s\") = %d, reference %d",
		   fuzz_show(s), rc, ref);
	if (rc) {
		FUZZ_CHECK(got == 0xdeadbeef,
			   "vi_parse_addr(\"%s\") failed but wrote %#llx",
			   fuzz_show(s), (unsigned long long)got);
		return;
	}
	FUZZ_CHECK(got == want, "vi_parse_addr(\"%s\") = %#llx, reference %#llx",
		   fuzz_show(s), (unsigned long long)got,
		   (unsigned long long)want);
	snprintf(buf[0], sizeof(buf[0]), "%llu", (unsigned long long)got);
	snprintf(buf[1], sizeof(buf[1]), "0x%llx", (unsigned long long)got);
	snprintf(buf[2], sizeof(buf[2]), "0X%llX", (unsigned long long)got);
	for (i = 0; i < 3; i++) {
		rc = vi_parse_addr(buf[i], &again);
		FUZZ_CHECK(rc == 0 && again == got,
			   "vi_parse_addr(\"%s\") = %d, %#llx: not what \"%s\" gave",
			   buf[i], rc, (unsigned long long)again, fuzz_show(s));
	}
}

/* strtol's grammar (leading white space, a sign, decimal digits, nothing
 * after), then 0..CLI_PID_MAX. */
static int ref_pid(const char *s, long long *out)
{
	unsigned __int128 v = 0;
	int neg = 0, digits = 0;

	while (*s == ' ' || (*s >= '\t' && *s <= '\r'))
		s++;
	if (*s == '+' || *s == '-')
		neg = *s++ == '-';
	for (; *s >= '0' && *s <= '9'; s++, digits++)
		if (v <= (unsigned __int128)1 << 64)
			v = v * 10 + (unsigned)(*s - '0');
	if (!digits || *s)
		return -EINVAL;
	if (neg && v)
		return -EINVAL;
	if (v > CLI_PID_MAX)
		return -EINVAL;
	*out = (long long)v;
	return 0;
}

static void check_pid(const char *s)
{
	pid_t got = -12345, again;
	long long want = -1;
	int rc = cli_parse_pid(s, &got), ref = ref_pid(s, &want);
	char buf[32];

	FUZZ_CHECK(rc == ref, "cli_parse_pid(\"%s\") = %d, reference %d",
		   fuzz_show(s), rc, ref);
	if (rc) {
		FUZZ_CHECK(got == -12345, "cli_parse_pid(\"%s\") failed but wrote %d",
			   fuzz_show(s), (int)got);
		return;
	}
	FUZZ_CHECK(got == want && got >= 0 && got <= CLI_PID_MAX,
		   "cli_parse_pid(\"%s\") = %d, reference %lld", fuzz_show(s),
		   (int)got, want);
	snprintf(buf, sizeof(buf), "%d", (int)got);
	FUZZ_CHECK(!cli_parse_pid(buf, &again) && again == got,
		   "pid %d does not come back from \"%s\"", (int)got, buf);
}

static void check_range(const char *s, const char *e)
{
	uint64_t start = 0, end = 0, rs = 0, re = 0, s2, e2;
	int rounded = -1, r2, rc, want;
	char bs[32], be[32];

	rc = cli_range_bounds(s, e, &start, &end, &rounded);
	if (ref_addr(s, &rs))
		want = CLI_RANGE_BAD_START;
	else if (ref_addr(e, &re))
		want = CLI_RANGE_BAD_END;
	else if (re <= rs)
		want = CLI_RANGE_EMPTY;
	else if (re > UINT64_MAX - 4095)
		want = CLI_RANGE_TOO_HIGH;
	else
		want = CLI_RANGE_OK;
	FUZZ_CHECK(rc == want, "cli_range_bounds(\"%s\", \"%s\") = %d, reference %d",
		   fuzz_show(s), fuzz_show(e), rc, want);
	if (rc == CLI_RANGE_TOO_HIGH)
		FUZZ_CHECK(end == re, "END %#llx reported as %#llx",
			   (unsigned long long)re, (unsigned long long)end);
	if (rc != CLI_RANGE_OK)
		return;
	/* Rounded out to whole pages, by less than a page at each end. */
	FUZZ_CHECK(start % 4096 == 0 && end % 4096 == 0 && start <= rs &&
			   rs - start < 4096 && end >= re && end - re < 4096 &&
			   start < end,
		   "[%#llx, %#llx) rounded to [%#llx, %#llx)",
		   (unsigned long long)rs, (unsigned long long)re,
		   (unsigned long long)start, (unsigned long long)end);
	FUZZ_CHECK(rounded == (start != rs || end != re),
		   "[%#llx, %#llx) rounded to [%#llx, %#llx), 'rounded' %d",
		   (unsigned long long)rs, (unsigned long long)re,
		   (unsigned long long)start, (unsigned long long)end, rounded);
	snprintf(bs, sizeof(bs), "%#llx", (unsigned long long)start);
	snprintf(be, sizeof(be), "%llu", (unsigned long long)end);
	r2 = -1;
	rc = cli_range_bounds(bs, be, &s2, &e2, &r2);
	FUZZ_CHECK(rc == CLI_RANGE_OK && s2 == start && e2 == end && r2 == 0,
		   "[%s, %s) does not come back unchanged (%d, %#llx, %#llx, %d)",
		   bs, be, rc, (unsigned long long)s2, (unsigned long long)e2, r2);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *line[3];
	size_t i, at = 0;

	for (i = 0; i < 3; i++) {
		const uint8_t *nl = at < size ? memchr(data + at, '\n', size - at) : NULL;
		size_t n = nl ? (size_t)(nl - (data + at)) : size - at;

		line[i] = fuzz_strndup(data + at, n);
		at += n + (nl != NULL);
	}
	for (i = 0; i < 3; i++) {
		check_addr(line[i]);
		check_pid(line[i]);
	}
	check_range(line[1], line[2]);
	for (i = 0; i < 3; i++)
		free(line[i]);
	return 0;
}
