/* SPDX-License-Identifier: MIT */
/* The vasinfo client: one function per subcommand, shared helpers. */
#ifndef VASINFO_CLI_H
#define VASINFO_CLI_H

#include <stdio.h>
#include <sys/types.h>

#include "json.h"
#include "libvasinfo.h"

enum { EXIT_OK = 0, EXIT_USER = 1, EXIT_USAGE = 2 };

/* --color= values */
enum cli_color { CLI_COLOR_AUTO, CLI_COLOR_ALWAYS, CLI_COLOR_NEVER };

struct cli_opts {
	int json, verbose, counts, help;
	/* layout's own: --all, --phys, --color=WHEN, --svg FILE */
	int all, phys;
	enum cli_color color;
	const char *svg;
	const char *interval, *count;	/* --interval, --count: NULL if absent */
};

/*
 * Options without a short form: their letters in @accepted of cli_parse().
 * 'A' --all, 'P' --phys, 'C' --color=WHEN, 'S' --svg FILE.
 */
#define CLI_OPT_ALL 'A'
#define CLI_OPT_PHYS 'P'
#define CLI_OPT_COLOR 'C'
#define CLI_OPT_SVG 'S'


/*
 * Parse the options every subcommand shares; the operands are left in
 * argv[*first..argc). Returns EXIT_OK or EXIT_USAGE (message printed).
 */
int cli_parse(const char *cmd, int argc, char **argv, struct cli_opts *o,
	      const char *accepted, int *first);
int cli_usage_error(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int cli_user_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Parse a pid operand (0 and up). */
int cli_pid(const char *cmd, const char *s, pid_t *pid);
/*
 * The parsers behind the operands, quiet (the fuzzers in tests/fuzz/ call
 * them). cli_parse_pid: decimal, 0..CLI_PID_MAX, the whole string; returns 0
 * or -EINVAL.
 */
#define CLI_PID_MAX 0x3fffffff
int cli_parse_pid(const char *s, pid_t *pid);
/*
 * range's START and END: addresses as vi_parse_addr() takes them, END above
 * START, rounded out to whole pages (*rounded set when that changed them).
 * On CLI_RANGE_TOO_HIGH, *end is END as given.
 */
enum cli_range_err {
	CLI_RANGE_OK,
	CLI_RANGE_BAD_START,	/* not an address */
	CLI_RANGE_BAD_END,
	CLI_RANGE_EMPTY,	/* END <= START */
	CLI_RANGE_TOO_HIGH,	/* END cannot be rounded up to a page */
};
enum cli_range_err cli_range_bounds(const char *s, const char *e,
				    uint64_t *start, uint64_t *end,
				    int *rounded);
/* The one operand of maps, layout and watch: a pid. EXIT_OK or EXIT_USAGE. */
int cli_one_pid(const char *cmd, int argc, char **argv, int first, pid_t *pid);
/*
 * Open the device or say why not, and learn the module's page size
 * (vi_page_size()). Returns the fd or -1 (message printed).
 */
int cli_open(void);
/* Paging levels (4 or 5) the module reports, 0 if it cannot say. */
unsigned int cli_levels(int fd);
/*
 * Colour on standard output? --color=always or never, or auto: on a
 * terminal, unless NO_COLOR is set to something (no-color.org).
 */
int cli_color(enum cli_color when);
/* The whole of file @path, NUL-terminated, malloc'd; NULL with errno set. */
char *cli_read_file(const char *path);

int cmd_maps(int argc, char **argv);
int cmd_translate(int argc, char **argv);
int cmd_range(int argc, char **argv);
int cmd_self(int argc, char **argv);
int cmd_layout(int argc, char **argv);
int cmd_watch(int argc, char **argv);
int cmd_shared(int argc, char **argv);

/*
 * What the commands print, apart from the device calls, so that tests can
 * feed them made-up results.
 */
/* maps: per-region page counts (base pages), from vi_range over each VMA. */
struct cli_counts {
	uint64_t resident, swapped, huge;	/* huge: in 2 MiB / 1 GiB leaves */
};
/* Count the pages of region @v of @pid (vi_range). Returns 0 or -errno. */
int cli_count_region(int fd, pid_t pid, const struct vasinfo_vma *v,
		     struct cli_counts *c);
/*
 * The counts of all @n regions @v of @pid at once: one COUNTS walk (ABI
 * 1.2) over them, or, from a module that does not know it (ENOTTY, or
 * EINVAL from a module that knows the number but not this request),
 * cli_count_region() for each. Returns 0 or -errno.
 */
int cli_count_regions(int fd, pid_t pid, const struct vasinfo_vma *v,
		      ssize_t n, struct cli_counts *c);
/*
 * Sum COUNTS elements @e[ne] into @c[n] of regions @v[n] (both by
 * address): each element to the region holding its start; an element in
 * no region (mapped after the regions were read) counts nowhere.
 */
void cli_counts_assign(const struct vasinfo_vma *v, ssize_t n,
		       const struct vasinfo_vma_counts *e, ssize_t ne,
		       struct cli_counts *c);
/* @c: NULL, or n counts (maps --counts). */
void cli_maps_report(FILE *f, int json, const struct vasinfo_vma *v, ssize_t n,
		     const struct cli_counts *c);
void cli_translate_report(FILE *f, int json, int verbose,
			  const struct vasinfo_xlate *res, size_t n,
			  unsigned int levels);
void cli_range_report(FILE *f, int json, const struct vasinfo_run *runs,
		      ssize_t n, const struct vi_range_totals *tot);
/* self: @res are the translations of main, the heap and the stack. */
void cli_self_report(FILE *f, int json, int verbose, pid_t pid,
		     const struct vasinfo_xlate res[3],
		     const struct vasinfo_vma *v, ssize_t n, unsigned int levels);

/* layout: one System RAM range of /proc/iomem, [start, end) in bytes. */
struct cli_ram {
	uint64_t start, end;
};

#define CLI_LAYOUT_CELLS 64	/* cells of a --phys strip: all System RAM */

enum cli_layout_format { CLI_LAYOUT_TEXT, CLI_LAYOUT_JSON, CLI_LAYOUT_SVG };

struct cli_layout {
	pid_t pid;
	const struct vasinfo_mm_info *mm; /* NULL: no comm, top gap, mmap_base */
	const struct vasinfo_vma *v;	/* ascending, as VASINFO_IOC_VMAS gives */
	ssize_t n;
	int all;			/* every region on its own line: no groups */
	/* --phys: runs[i] (nruns[i] of them) cover v[i]; runs NULL: no strips */
	struct vasinfo_run *const *runs;
	const ssize_t *nruns;
	const struct cli_ram *ram;	/* ascending, not overlapping */
	size_t nram;
};

/*
 * The picture of an address space, highest address on top: as text (@color:
 * ANSI colours), JSON or SVG. Returns 0 or -ENOMEM.
 */
int cli_layout_report(FILE *f, enum cli_layout_format fmt, int color,
		      const struct cli_layout *l);
/* Height in text rows of an unmapped gap of @bytes: log scale, 1 to 6. */
unsigned int cli_layout_gap_rows(uint64_t bytes);
/* "4 KiB", "1.5 MiB", "127.9 TiB": one decimal unless exact. */
void cli_layout_size(uint64_t bytes, char *buf, size_t len);
/* The cell (0..cells-1) of physical address @pa, or -1 outside System RAM. */
int cli_layout_cell(const struct cli_ram *ram, size_t nram, unsigned int cells,
		    uint64_t pa);
/*
 * The "System RAM" ranges of /proc/iomem's @text, sorted and merged, in a
 * malloc'd array. Returns the count, -ENOENT if there is none, -EPERM if
 * their addresses read as 0 (not root), -ENOMEM.
 */
ssize_t cli_layout_iomem(const char *text, struct cli_ram **out);

/* ---- watch ---- */

/* The lines of /proc/meminfo that free(1) shows, in KiB. */
struct cli_meminfo {
	uint64_t total, free, available, swap_total, swap_free;
};
/* Parse the text of /proc/meminfo. Returns 0, or -1 if a line is missing. */
int cli_parse_meminfo(const char *text, struct cli_meminfo *m);

#define CLI_WATCH_SEGS (VASINFO_SEG_ANON + 1)	/* indexed by enum vasinfo_segment */

struct cli_watch_seg {
	uint64_t regions, size;		/* VMAs, bytes */
	uint64_t resident, swapped;	/* base pages */
};

/* One frame of vasinfo watch: what the page tables and meminfo said. */
struct cli_watch_frame {
	unsigned long seq;		/* 1, 2, ... */
	int64_t time_ms;		/* wall clock, ms since the epoch */
	pid_t pid;
	char comm[16];
	struct cli_watch_seg seg[CLI_WATCH_SEGS];
	struct cli_watch_seg total;
	struct cli_meminfo mem;
};

/* How a text frame is drawn. */
#define CLI_WATCH_CLEAR 1	/* a terminal: clear the screen, redraw */
#define CLI_WATCH_COLOR 2	/* changed numbers in bold colour */

/* Sum @n regions (their counts in @c) into the segments of @fr. */
void cli_watch_sum(struct cli_watch_frame *fr, const struct vasinfo_vma *v,
		   ssize_t n, const struct cli_counts *c);
/*
 * Print @cur; @prev: the frame before, or NULL for the first. Text marks
 * every number that changed with its difference ("+12", "-3"); JSON is one
 * line per frame.
 */
void cli_watch_report(FILE *f, int json, int style,
		      const struct cli_watch_frame *cur,
		      const struct cli_watch_frame *prev);

/* ---- shared ---- */

/* One resident page of a process, as RANGE and TRANSLATE saw it. */
struct cli_page {
	uint64_t vaddr, pfn;
	int64_t mapcount;	/* -1: no struct page */
	uint64_t page;		/* VASINFO_PAGE_* */
};

/* A process for shared: its regions and its resident pages, by address. */
struct cli_proc {
	pid_t pid;
	char comm[16];
	const struct vasinfo_vma *v;
	ssize_t nv;
	const struct cli_page *p;	/* by address */
	size_t np;
};

/* RSS, USS, PSS of one process, computed from its pages. */
struct cli_mem_use {
	uint64_t rss, uss;	/* pages */
	uint64_t pss_x;		/* bytes << CLI_PSS_SHIFT, as smaps sums it */
	uint64_t skipped;	/* present without a page of its own (zero page, PFNMAP) */
};
#define CLI_PSS_SHIFT 12

void cli_mem_use(const struct cli_proc *pr, struct cli_mem_use *u);

/*
 * Pages of region @i of @a whose frames @b maps too: @j < 0 in all of @b,
 * else in region @j of @b. Only frames with a struct page count, not the
 * shared zero page.
 */
struct cli_share {
	ssize_t i, j;
	uint64_t pages;
};
/*
 * Every region pair with shared pages, in a malloc'd array: for each region
 * @i of @a in order, its total (@j = -1), then the regions of @b in order.
 * Returns the count, or -ENOMEM.
 */
ssize_t cli_shared_pairs(const struct cli_proc *a, const struct cli_proc *b,
			 struct cli_share **out);
void cli_shared_report(FILE *f, int json, const struct cli_proc *a,
		       const struct cli_proc *b);

#endif /* VASINFO_CLI_H */
