// SPDX-License-Identifier: MIT
/* Parsing of /proc/PID/maps lines and of the report's VMA lines. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libvasinfo.h"

/* At least @min_digits lower-case hex digits, a value of at most @max. */
static int parse_hex(const char **p, unsigned long long *out, int min_digits,
		     unsigned long long max)
{
	const char *s = *p;
	unsigned long long v = 0;
	int n = 0;

	for (;; s++, n++) {
		int d;

		if (*s >= '0' && *s <= '9')
			d = *s - '0';
		else if (*s >= 'a' && *s <= 'f')
			d = *s - 'a' + 10;
		else
			break;
		if (v >> 60)
			return -1;	/* more than 64 bits */
		v = v << 4 | (unsigned long long)d;
		if (v > max)
			return -1;
	}
	if (n < min_digits)
		return -1;
	*out = v;
	*p = s;
	return 0;
}

static int expect(const char **p, char c)
{
	if (**p != c)
		return -1;
	(*p)++;
	return 0;
}

static void skip_spaces(const char **p)
{
	while (**p == ' ')
		(*p)++;
}

/* Copy the word at *p (up to a space or the end of line) into @out. */
static int take_word(const char **p, char *out, size_t len)
{
	size_t n = strcspn(*p, " \n");

	if (n == 0 || n >= len)
		return -1;
	memcpy(out, *p, n);
	out[n] = '\0';
	*p += n;
	return 0;
}

int vi_parse_region(const char *line, enum vi_line_format fmt,
		    struct vi_region *r)
{
	const char *p = line;
	unsigned long long v, maj, min;
	size_t n;
	int i;

	memset(r, 0, sizeof(*r));
	if (parse_hex(&p, &v, 8, ULONG_MAX))
		return -1;
	r->start = v;
	if (expect(&p, '-') || parse_hex(&p, &v, 8, ULONG_MAX))
		return -1;
	r->end = v;
	if (r->end <= r->start || expect(&p, ' '))
		return -1;
	for (i = 0; i < 4; i++) {
		static const char allowed[4][3] = {
			"r-", "w-", "x-", "ps"
		};
		if (!*p || !strchr(allowed[i], *p))
			return -1;
		r->perms[i] = *p++;
	}
	/* The kernel's dev_t has a 12-bit major and a 20-bit minor. */
	if (expect(&p, ' ') || parse_hex(&p, &r->offset, 8, ULLONG_MAX) ||
	    expect(&p, ' ') || parse_hex(&p, &maj, 2, 0xfff) ||
	    expect(&p, ':') || parse_hex(&p, &min, 2, 0xfffff) ||
	    expect(&p, ' '))
		return -1;
	r->dev_major = (unsigned int)maj;
	r->dev_minor = (unsigned int)min;
	if (*p < '0' || *p > '9')
		return -1;
	errno = 0;
	r->inode = strtoul(p, (char **)&p, 10);
	if (errno)
		return -1;
	if (*p && *p != ' ' && *p != '\n')
		return -1;
	skip_spaces(&p);
	if (fmt == VI_FORMAT_REPORT) {
		if (take_word(&p, r->segment, sizeof(r->segment)) ||
		    expect(&p, ' '))
			return -1;
		skip_spaces(&p);
		if (*p == '\0' || *p == '\n')
			return -1;	/* the report always names a region */
	}
	n = strcspn(p, "\n");
	if (n >= sizeof(r->name))
		return -1;
	memcpy(r->name, p, n);
	r->name[n] = '\0';
	return 0;
}

int vi_format_maps_prefix(const struct vi_region *r, char *buf, size_t len)
{
	int n = snprintf(buf, len, "%08lx-%08lx %.4s %08llx %02x:%02x %lu",
			 r->start, r->end, r->perms, r->offset, r->dev_major,
			 r->dev_minor, r->inode);

	return n < 0 || (size_t)n >= len ? -1 : n;
}
