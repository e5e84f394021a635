/* SPDX-License-Identifier: MIT */
/*
 * libvasinfo: the user-space side of /dev/vasinfo.
 */
#ifndef LIBVASINFO_H
#define LIBVASINFO_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include <vasinfo.h>

#define VI_NAME_MAX 4096

/* One line of /proc/PID/maps, or one VMA line of the /dev/vasinfo report. */
struct vi_region {
	unsigned long start, end;
	char perms[5];		/* "rwxp" */
	unsigned long long offset;
	unsigned int dev_major, dev_minor;
	unsigned long inode;
	char segment[16];	/* report only: code, data, heap, ... */
	char name[VI_NAME_MAX]; /* path, [heap], ...; "" when maps has none */
};

enum vi_line_format {
	VI_FORMAT_MAPS,		/* /proc/PID/maps */
	VI_FORMAT_REPORT,	/* /dev/vasinfo: a segment column before the name */
};

/*
 * Parse one line (without or with its '\n'). Returns 0, or -1 when the line
 * is not of that format.
 */
int vi_parse_region(const char *line, enum vi_line_format fmt,
		    struct vi_region *r);

/* Format @r the way /proc/PID/maps writes it, without the name padding. */
int vi_format_maps_prefix(const struct vi_region *r, char *buf, size_t len);

/* ---- the device and its ioctl ABI ---------------------------------------
 * Every function returns 0 (or a count) on success and -errno on failure;
 * vi_strerror() turns that into one line a person can act on.
 */

/* Open /dev/vasinfo (O_RDWR). Returns the fd or -errno. */
int vi_open(void);

/*
 * The base page size of the module's kernel (VERSION's page_shift): the
 * unit of vasinfo_run.pages and of frame numbers. vi_version() records
 * it; until a module has answered, the page size of this process (the
 * same kernel's). vi_set_page_shift() records it too: for a caller that
 * knows it otherwise, and for tests that stand in for a module.
 */
uint64_t vi_page_size(void);
unsigned int vi_page_shift(void);
void vi_set_page_shift(unsigned int shift);

/* A one-line explanation of @err (negative errno) for a request about @pid. */
const char *vi_strerror(int err, pid_t pid);

/* Also records the module's page size for vi_page_size(). */
int vi_version(int fd, struct vasinfo_version *v);
int vi_mm_info(int fd, pid_t pid, struct vasinfo_mm_info *mi);

/* All VMAs of @pid, in a malloc'd array (free() it). Returns the count. */
ssize_t vi_vmas(int fd, pid_t pid, struct vasinfo_vma **out);

/* Translate @n addresses of @pid into @out[n] (batches of VASINFO_MAX_BATCH). */
int vi_translate(int fd, pid_t pid, const uint64_t *addrs, size_t n,
		 struct vasinfo_xlate *out);

struct vi_range_totals {
	uint64_t present, swapped, none;	/* pages; none: not present */
};

/* Runs of [start, end) of @pid in a malloc'd array. Returns the count. */
ssize_t vi_range(int fd, pid_t pid, uint64_t start, uint64_t end,
		 struct vasinfo_run **out, struct vi_range_totals *totals);
/*
 * The same with VASINFO_RANGE_* @flags (NO_FACTS: ABI 1.1; an older module
 * answers -EINVAL).
 */
ssize_t vi_range_flags(int fd, pid_t pid, uint64_t start, uint64_t end,
		       uint32_t flags, struct vasinfo_run **out,
		       struct vi_range_totals *totals);

/*
 * Per-VMA page counts of [start, end) of @pid (COUNTS, ABI 1.2), one
 * element per VMA in a malloc'd array, in address order: the pieces of a
 * VMA that call boundaries cut (VASINFO_COUNTS_CUT) are joined into one.
 * Returns the count. A module older than 1.2 answers -ENOTTY.
 */
ssize_t vi_counts(int fd, pid_t pid, uint64_t start, uint64_t end,
		  struct vasinfo_vma_counts **out);
/* The same with VASINFO_COUNTS_* @flags (TABLES_ONLY: no smaps counts). */
ssize_t vi_counts_flags(int fd, pid_t pid, uint64_t start, uint64_t end,
			uint32_t flags, struct vasinfo_vma_counts **out);
/* Add the counts of @b to @a (not start, end or flags). */
void vi_counts_add(struct vasinfo_vma_counts *a,
		   const struct vasinfo_vma_counts *b);

/* Names for the ABI's enums and bits ("pgd", "present", "code", ...). */
const char *vi_level_name(unsigned int level);
const char *vi_state_name(unsigned int state);
const char *vi_segment_name(unsigned int segment);
/* "rwxp" / "rwxs" of VASINFO_VMA_* flags, as /proc/PID/maps writes them. */
void vi_vma_perms(uint64_t flags, char out[5]);
/* Space-separated names of the set bits of a VASINFO_HW_* / _PAGE_* mask. */
int vi_hw_names(uint64_t hw, char *buf, size_t len);
int vi_page_names(uint64_t page, char *buf, size_t len);

/*
 * Parse an address as the client accepts it: 0x-prefixed hex or decimal,
 * the whole string, fitting in 64 bits. Returns 0 or -EINVAL/-ERANGE.
 */
int vi_parse_addr(const char *s, uint64_t *out);

/* ---- showing results (format.c) ---- */
#include <stdio.h>
/* One line per translation; @verbose adds the level-by-level walk. */
void vi_xlate_text(FILE *f, const struct vasinfo_xlate *x, int verbose);
void vi_run_text(FILE *f, const struct vasinfo_run *r);

/*
 * vi_xlate_text() for @levels-level paging (4 or 5, from vi_version(); 0:
 * infer it from the result), which says which address bits index the PGD.
 */
void vi_xlate_text_levels(FILE *f, const struct vasinfo_xlate *x, int verbose,
			  unsigned int levels);

#endif /* LIBVASINFO_H */
