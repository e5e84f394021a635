// SPDX-License-Identifier: MIT
/*
 * vi_parse_region(): one line of /proc/PID/maps or of the /dev/vasinfo
 * report, in both formats. Held to a reference parser written here from the
 * formats (show_map_vma() in the kernel, vasinfo_show_vma() in the module):
 * the same lines accepted, the same fields, no value kept past the range of
 * what the kernel can print (dev_t: 12-bit major, 20-bit minor), and every
 * accepted line formatted again (vi_format_maps_prefix) parses to the same
 * region.
 */
#include <limits.h>

#include "fuzz.h"
#include "libvasinfo.h"

#define MAJOR_MAX 0xfffULL
#define MINOR_MAX 0xfffffULL

/* At least @min lower-case hex digits, at most 64 bits of value. */
static int ref_hex(const char **p, unsigned long long *out, int min,
		   unsigned long long max)
{
	unsigned __int128 v = 0;
	int n = 0;

	for (; (**p >= '0' && **p <= '9') || (**p >= 'a' && **p <= 'f'); (*p)++, n++) {
		v = v * 16 + (unsigned)(**p <= '9' ? **p - '0' : **p - 'a' + 10);
		if (v > max)
			return -1;
	}
	*out = (unsigned long long)v;
	return n < min ? -1 : 0;
}

static int ref_parse(const char *p, enum vi_line_format fmt,
		     struct vi_region *r)
{
	unsigned long long v, w;
	unsigned __int128 ino = 0;
	size_t n;
	int i;

	memset(r, 0, sizeof(*r));
	if (ref_hex(&p, &v, 8, ULONG_MAX) || *p++ != '-' ||
	    ref_hex(&p, &w, 8, ULONG_MAX) || w <= v || *p++ != ' ')
		return -1;
	r->start = v;
	r->end = w;
	for (i = 0; i < 4; i++) {
		if (*p != "rwxp"[i] && *p != (i == 3 ? 's' : '-'))
			return -1;
		r->perms[i] = *p++;
	}
	if (*p++ != ' ' || ref_hex(&p, &r->offset, 8, ULLONG_MAX) ||
	    *p++ != ' ' || ref_hex(&p, &v, 2, MAJOR_MAX) || *p++ != ':' ||
	    ref_hex(&p, &w, 2, MINOR_MAX) || *p++ != ' ')
		return -1;
	r->dev_major = (unsigned int)v;
	r->dev_minor = (unsigned int)w;
	if (*p < '0' || *p > '9')
		return -1;
	for (; *p >= '0' && *p <= '9'; p++) {
		ino = ino * 10 + (unsigned)(*p - '0');
		if (ino > ULONG_MAX)
			return -1;
	}
	r->inode = (unsigned long)ino;
	if (*p && *p != ' ' && *p != '\n')
		return -1;
	while (*p == ' ')
		p++;
	if (fmt == VI_FORMAT_REPORT) {
		n = strcspn(p, " \n");
		if (n == 0 || n >= sizeof(r->segment) || p[n] != ' ')
			return -1;
		memcpy(r->segment, p, n);
		p += n + 1;
		while (*p == ' ')
			p++;
		if (!*p || *p == '\n')
			return -1;
	}
	n = strcspn(p, "\n");
	if (n >= sizeof(r->name))
		return -1;
	memcpy(r->name, p, n);
	return 0;
}

static int same(const struct vi_region *a, const struct vi_region *b)
{
	return a->start == b->start && a->end == b->end &&
	       !strcmp(a->perms, b->perms) && a->offset == b->offset &&
	       a->dev_major == b->dev_major && a->dev_minor == b->dev_minor &&
	       a->inode == b->inode && !strcmp(a->segment, b->segment) &&
	       !strcmp(a->name, b->name);
}

static const char *show_region(const struct vi_region *r)
{
	static char buf[2][256];
	static int next;
	char *b = buf[next++ % 2];

	snprintf(b, sizeof(buf[0]), "%lx-%lx '%.4s' %llx %x:%x %lu seg '%s' name '%.60s'",
		 r->start, r->end, r->perms, r->offset, r->dev_major,
		 r->dev_minor, r->inode, fuzz_show(r->segment), fuzz_show(r->name));
	return b;
}

static struct vi_region got, want, again;
static char line[VI_NAME_MAX + 256];

static void check(const char *s, enum vi_line_format fmt)
{
	const char *what = fmt == VI_FORMAT_MAPS ? "maps" : "report";
	int rc = vi_parse_region(s, fmt, &got), ref = ref_parse(s, fmt, &want);
	int n;

	FUZZ_CHECK(rc == ref, "%s line \"%s\": parser %d, reference %d", what,
		   fuzz_show(s), rc, ref);
	if (rc)
		return;
	FUZZ_CHECK(same(&got, &want), "%s line \"%s\": parsed %s, reference %s",
		   what, fuzz_show(s), show_region(&got), show_region(&want));
	FUZZ_CHECK(got.start < got.end && got.dev_major <= MAJOR_MAX &&
			   got.dev_minor <= MINOR_MAX && !strchr(got.name, '\n') &&
			   strlen(got.perms) == 4,
		   "%s line \"%s\": out of range: %s", what, fuzz_show(s),
		   show_region(&got));

	/* Formatted again, the line reads back as the same region. */
	n = vi_format_maps_prefix(&got, line, sizeof(line));
	FUZZ_CHECK(n > 0, "vi_format_maps_prefix failed for %s", show_region(&got));
	if (fmt == VI_FORMAT_REPORT)
		snprintf(line + n, sizeof(line) - (size_t)n, " %s %s", got.segment,
			 got.name);
	else
		snprintf(line + n, sizeof(line) - (size_t)n, " %s", got.name);
	rc = vi_parse_region(line, fmt, &again);
	FUZZ_CHECK(rc == 0 && same(&got, &again),
		   "%s line \"%s\" formatted as \"%s\" reads back as %d %s", what,
		   fuzz_show(s), fuzz_show(line), rc, show_region(&again));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_strndup(data, size);

	check(s, VI_FORMAT_MAPS);
	check(s, VI_FORMAT_REPORT);
	free(s);
	return 0;
}
