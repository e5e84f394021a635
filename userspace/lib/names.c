// SPDX-License-Identifier: MIT
/* libvasinfo: names for the ABI's enums and bits, and address parsing. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "libvasinfo.h"
#include "paging.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static const char *const levels[] = { "pgd", "p4d", "pud", "pmd", "pte" };
static const char *const states[] = {
	"unmapped", "present", "no_table", "none", "swap",
	"migration", "hwpoison", "marker", "device", "bad",
};
static const char *const segments[] = {
	"-", "code", "rodata", "data", "bss", "heap", "stack", "vdso",
	"vvar", "special", "io", "file", "anon",
};
static const char *const hw_bits[] = {
	"present", "write", "user", "pwt", "pcd", "accessed", "dirty",
	"huge", "global", "nx", "soft_dirty", "protnone", "special", "uffd_wp",
	/* arm64's own, VASINFO_HW_ARM64_* (the SH and AttrIndx fields apart) */
	[32] = "cont", "pxn", "dbm",
};
static const char *const sh_names[] = { "sh_non", "sh_1", "sh_outer", "sh_inner" };
static const char *const page_bits[] = {
	"anon", "file", "exclusive", "soft_dirty", "shared", "ksm", "zero",
	"thp", "head", "tail", "hugetlb", "no_struct_page", "swap_exclusive",
	"uffd_wp",
};

const char *vi_level_name(unsigned int level)
{
	return level < ARRAY_SIZE(levels) ? levels[level] : "?";
}

const char *vi_state_name(unsigned int state)
{
	return state < ARRAY_SIZE(states) ? states[state] : "?";
}

const char *vi_segment_name(unsigned int segment)
{
	return segment < ARRAY_SIZE(segments) ? segments[segment] : "?";
}

void vi_vma_perms(uint64_t flags, char out[5])
{
	out[0] = flags & VASINFO_VMA_READ ? 'r' : '-';
	out[1] = flags & VASINFO_VMA_WRITE ? 'w' : '-';
	out[2] = flags & VASINFO_VMA_EXEC ? 'x' : '-';
	out[3] = flags & VASINFO_VMA_SHARED ? 's' : 'p';
	out[4] = '\0';
}

static int bit_names(uint64_t mask, const char *const *names, size_t count,
		     char *buf, size_t len)
{
	size_t used = 0, i;

	if (len)
		buf[0] = '\0';
	for (i = 0; i < 64; i++) {
		int n;

		if (!(mask & (1ULL << i)))
			continue;
		if (i < count && names[i])
			n = snprintf(buf + used, len - used, "%s%s",
				     used ? " " : "", names[i]);
		else
			n = snprintf(buf + used, len - used, "%sbit%zu",
				     used ? " " : "", i);
		if (n < 0 || (size_t)n >= len - used)
			return -ENOSPC;
		used += (size_t)n;
	}
	return (int)used;
}

int vi_hw_names(uint64_t hw, char *buf, size_t len)
{
	const uint64_t fields = VASINFO_HW_ARM64_SH_VALID | VASINFO_HW_ARM64_SH_MASK |
				VASINFO_HW_ARM64_ATTR_MASK;
	int used = bit_names(hw & ~fields, hw_bits, ARRAY_SIZE(hw_bits), buf, len);
	int n = 0;

	/* arm64's fields as words: "sh_inner attr0" (AttrIndx 0 is normal memory). */
	if (used >= 0 && (hw & VASINFO_HW_ARM64_SH_VALID))
		n = snprintf(buf + used, len - (size_t)used, "%s%s", used ? " " : "",
			     sh_names[(hw & VASINFO_HW_ARM64_SH_MASK) >> VASINFO_HW_ARM64_SH_SHIFT]);
	if (n < 0 || (size_t)n >= len - (size_t)used)
		return -ENOSPC;
	used += n;
	if (vi_paging_arch() == VASINFO_ARCH_ARM64 && (hw & VASINFO_HW_PRESENT))
		n = snprintf(buf + used, len - (size_t)used, "%sattr%llu", used ? " " : "",
			     (unsigned long long)((hw & VASINFO_HW_ARM64_ATTR_MASK) >>
						  VASINFO_HW_ARM64_ATTR_SHIFT));
	else
		n = 0;
	if (n < 0 || (size_t)n >= len - (size_t)used)
		return -ENOSPC;
	return used + n;
}

int vi_page_names(uint64_t page, char *buf, size_t len)
{
	return bit_names(page, page_bits, ARRAY_SIZE(page_bits), buf, len);
}

int vi_parse_addr(const char *s, uint64_t *out)
{
	uint64_t v = 0;
	int base = 10, digits = 0, over = 0;

	if (!s || !*s)
		return -EINVAL;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	for (; *s; s++, digits++) {
		unsigned int d;

		if (*s >= '0' && *s <= '9')
			d = (unsigned int)(*s - '0');
		else if (base == 16 && *s >= 'a' && *s <= 'f')
			d = (unsigned int)(*s - 'a' + 10);
		else if (base == 16 && *s >= 'A' && *s <= 'F')
			d = (unsigned int)(*s - 'A' + 10);
		else
			return -EINVAL;
		/* Too long, but a bad character further on still says EINVAL. */
		if (v > (UINT64_MAX - d) / (uint64_t)base)
			over = 1;
		v = v * (uint64_t)base + d;
	}
	if (!digits)
		return -EINVAL;
	if (over)
		return -ERANGE;
	*out = v;
	return 0;
}
