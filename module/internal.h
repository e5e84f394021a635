/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Interfaces between the layers of the module:
 *   main.c    device and file operations
 *   target.c  which process a request is about, and may the caller see it
 *   report.c  the text report behind read(2)
 */
#ifndef VASINFO_INTERNAL_H
#define VASINFO_INTERNAL_H

#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/pgtable.h>
#include <linux/seq_file.h>
#include <linux/types.h>

#include <vasinfo.h>

struct cred;
struct file;
struct vasinfo_run;
struct vasinfo_range;
struct vasinfo_translate;
struct vasinfo_counts;
struct mm_struct;
struct pid;
struct task_struct;

/* State of one open file description of /dev/vasinfo. */
struct vasinfo_file {
	struct mutex lock; /* protects @target and @active */
	struct pid *target; /* chosen with "pid N"; NULL: whoever reads */
	struct pid *active; /* process of the report being read */

	/* Held between seq_file start() and stop() only. */
	struct task_struct *task;
	struct mm_struct *mm;
	struct vasinfo_vma_iter vmi; /* the VMA being shown */
};

/* target.c */
bool vasinfo_decide(const struct cred *caller, const struct cred *target,
		    bool self, bool cap_target_ns, bool dumpable,
		    bool cap_mm_ns);
int vasinfo_may_inspect(const struct file *file, struct task_struct *task,
			struct mm_struct *mm);
bool vasinfo_may_see_frames(const struct file *file);
struct mm_struct *vasinfo_get_mm(const struct file *file,
				 struct task_struct *task);
struct pid *vasinfo_find_pid(int nr);
struct mm_struct *vasinfo_mm_of(const struct file *file, int nr, char *comm);
int vasinfo_parse_command(const char *buf, size_t len, int *nr);

/* vma.c */
struct vm_area_struct;
struct vasinfo_xlate;
const char *vasinfo_segment_name(unsigned int segment);
unsigned int vasinfo_vma_segment(struct vm_area_struct *vma);
const char *vasinfo_vma_fixed_name(struct vm_area_struct *vma,
				   unsigned int segment);
int vasinfo_vma_anon_name(struct vm_area_struct *vma, unsigned int segment,
			  char *buf, size_t len);
u64 vasinfo_vma_flags(struct vm_area_struct *vma);
struct vasinfo_mm_info;
void vasinfo_mm_summary(struct mm_struct *mm, struct vasinfo_mm_info *mi);

/* walk.c */
/* A PTE table found by vasinfo_walk_first(), valid in one mmap lock hold. */
struct vasinfo_table {
	struct vasinfo_xlate tmpl; /* the walk's result before its leaf level */
	struct vm_area_struct *vma;
	pmd_t *pmdp;
	u64 pmd; /* the PMD's value when the table was found */
	unsigned long end; /* end of the table's pages in the VMA; 0: none */
	/*
	 * Or the walk ended on a THP: its PMD entry, and the end of that PMD
	 * table's addresses in the VMA (0: none), for vasinfo_pmd_runs().
	 */
	pmd_t *thp_pmdp;
	unsigned long thp_end;
};

unsigned long vasinfo_walk_first(struct mm_struct *mm, unsigned long addr,
				 bool show_pfn, struct vasinfo_xlate *x,
				 struct vasinfo_table *t);
/* How vasinfo_walk_table() decodes: in full, or only what a run holds. */
#define VASINFO_WALK_BRIEF 0x1 /* no levels, hardware bits or pkey */
#define VASINFO_WALK_NO_FACTS 0x2 /* and no struct page: no page facts */
unsigned int vasinfo_walk_table(const struct vasinfo_table *t,
				unsigned long addr, unsigned int n,
				bool show_pfn, unsigned int how,
				struct vasinfo_xlate *out);
struct vasinfo_runs;
long vasinfo_table_runs(const struct vasinfo_table *t, unsigned long addr,
			unsigned int n, struct vasinfo_runs *r);
long vasinfo_pmd_runs(const struct vasinfo_table *t, unsigned long addr,
		      unsigned long end, unsigned int steps,
		      struct vasinfo_runs *r, bool *full);
unsigned long vasinfo_walk(struct mm_struct *mm, unsigned long addr,
			   bool show_pfn, struct vasinfo_xlate *x);
int vasinfo_hugetlb_level(struct vm_area_struct *vma);
void vasinfo_decode_leaf(struct vasinfo_xlate *x, struct vm_area_struct *vma,
			 int level, u64 raw, unsigned long size, bool show_pfn);

/* paging.c */
void vasinfo_paging(struct vasinfo_version *v);

/* counts.c: where a COUNTS walk is, between and within lock holds */
struct vasinfo_counter {
	struct vasinfo_vma_counts *buf; /* room for @room elements */
	u32 room; /* elements buf may hold in this hold */
	u32 n; /* elements in buf */
	bool open; /* buf[n - 1] is still being counted */
	bool tables_only; /* no smaps counts: no struct page is read */
	u64 addr; /* next address to count */
	u64 end; /* the request's end */
	u64 budget; /* table entries this call may still read */
};

void vasinfo_count_hold(struct vasinfo_counter *c, struct mm_struct *mm);

/* runs.c: requests' checks, and pages into runs */
/* The largest request struct or element read: the same on every page size. */
#define VASINFO_MAX_USER_SIZE 4096
int vasinfo_check_size(u32 size, size_t ver0);
int vasinfo_check_translate(const struct vasinfo_translate *req);
int vasinfo_check_range(const struct vasinfo_range *req, u64 *addr);
int vasinfo_check_counts(const struct vasinfo_counts *req, u64 *addr);
bool vasinfo_run_extends(const struct vasinfo_run *run,
			 const struct vasinfo_xlate *x, bool show_pfn);
void vasinfo_run_start(struct vasinfo_run *run, const struct vasinfo_xlate *x);
/* RANGE's runs, being built in a kernel buffer during one lock hold. */
struct vasinfo_runs {
	struct vasinfo_run *buf; /* room for @room runs */
	u32 n; /* runs in buf */
	u32 room; /* runs buf may hold in this hold */
	bool show_pfn; /* frames and swap slots are shown and cut runs */
	bool no_facts; /* VASINFO_RANGE_NO_FACTS: run.page is 0 */
	u64 present, swapped, none; /* pages added, by state */
};

bool vasinfo_runs_add(struct vasinfo_runs *r, struct vasinfo_xlate *x,
		      u64 pages);
bool vasinfo_runs_like_last(struct vasinfo_runs *r, u64 vaddr, u64 pfn);

/* ioctl.c */
long vasinfo_ioctl(struct file *file, unsigned int cmd, unsigned long arg);

/* report.c */
extern const struct seq_operations vasinfo_report_ops;
void vasinfo_show_vma(struct seq_file *m, struct vm_area_struct *vma);

/*
 * tests/kunit/: the KUnit suites, linked in only by a test build (make
 * VASINFO_KUNIT=1, see Kbuild). They call the functions above directly, so
 * the module exports nothing; init runs them once /dev/vasinfo exists.
 */
#ifdef VASINFO_KUNIT
void vasinfo_kunit_run(void);
void vasinfo_kunit_exit(void);
#else
static inline void vasinfo_kunit_run(void)
{
}

static inline void vasinfo_kunit_exit(void)
{
}
#endif

#endif /* VASINFO_INTERNAL_H */
