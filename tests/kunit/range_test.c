// SPDX-License-Identifier: GPL-2.0
/*
 * vasinfo_range: RANGE, called through the ioctl as a process calls it,
 * gives exactly the runs that vasinfo_walk()'s answers make page by page,
 * at the edges of the range walker: a range starting or ending inside a
 * huge page, THPs side by side (read from their PMD table after the first)
 * up to an empty PMD, empty upper levels (a whole PUD's span never
 * touched), and a VMA boundary inside a PTE table; with and without page
 * facts, with frames shown and hidden.
 *
 * The suite reserves 3 GiB of PROT_NONE address space in the insmod, which
 * costs no memory, and maps its regions into it with MAP_FIXED: one whole
 * aligned GiB stays untouched, then a 2 MiB-aligned region of three PMDs'
 * span whose first two may hold THPs, then two VMAs of different
 * protection side by side.
 */
#include <kunit/test.h>
#include <linux/cred.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/mmap_lock.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include <vasinfo.h>
#include "internal.h"
#include "helpers.h"

#define RESERVE (3 * PUD_SIZE)
#define SPLIT_PAGES 32 /* pages of each of the two VMAs side by side */
#define RUNS_ROOM ((UBUF_SIZE - UOFF_OUT) / sizeof(struct vasinfo_run))
#define MAX_RUNS 4096 /* what a case's ranges may make, all calls together */
#define THP_PMDS 3 /* two THPs, then an empty PMD */

static struct vasinfo_borrowed range_b;
static unsigned long resv; /* the reservation */
static unsigned long empty_at; /* PUD-aligned, PUD_SIZE never touched */
static unsigned long thp_at; /* PMD-aligned, THP_PMDS PMDs, VM_HUGEPAGE */
static unsigned long split_at; /* SPLIT_PAGES RW, then SPLIT_PAGES RO */

/* Map @len bytes at @addr, inside the reservation. Return: 0 or -errno. */
static int map_fixed(unsigned long addr, unsigned long len, unsigned long prot)
{
	unsigned long got = vm_mmap(NULL, addr, len, prot,
				    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, 0);

	return IS_ERR_VALUE(got) ? (int)got : 0;
}

/*
 * Write (or with @write false, read) a word at @addr. Only from the suite's
 * init, which runs in the insmod: its own address space, no borrowing.
 */
static int touch(unsigned long addr, bool write)
{
	void __user *p = (void __user *)addr;
	unsigned long left;
	u64 val = addr;

	if (write)
		left = copy_to_user(p, &val, sizeof(val));
	else
		left = copy_from_user(&val, p, sizeof(val));
	return left ? -EFAULT : 0;
}

static int range_map(void)
{
	struct vm_area_struct *vma;
	unsigned long i;
	int err = 0;

	resv = vm_mmap(NULL, 0, RESERVE, PROT_NONE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, 0);
	if (IS_ERR_VALUE(resv)) {
		err = (int)resv;
		resv = 0;
		return err;
	}
	empty_at = ALIGN(resv, PUD_SIZE);
	thp_at = empty_at + PUD_SIZE;
	/* A PMD's gap, so that the two VMAs do not merge. */
	split_at = thp_at + (THP_PMDS + 1) * PMD_SIZE;
	if (map_fixed(thp_at, THP_PMDS * PMD_SIZE, PROT_READ | PROT_WRITE) ||
	    map_fixed(split_at, SPLIT_PAGES * PAGE_SIZE,
		      PROT_READ | PROT_WRITE) ||
	    map_fixed(split_at + SPLIT_PAGES * PAGE_SIZE,
		      SPLIT_PAGES * PAGE_SIZE, PROT_READ))
		return -ENOMEM;
	/* As MADV_HUGEPAGE would (do_madvise() is not exported). */
	mmap_write_lock(range_b.mm);
	vma = find_vma(range_b.mm, thp_at);
	if (vma && vma->vm_start == thp_at)
		vasinfo_vma_add_flags(vma, VM_HUGEPAGE);
	mmap_write_unlock(range_b.mm);
	err = touch(thp_at + 8, true);
	if (!err)
		err = touch(thp_at + PMD_SIZE + 8, true);
	/*
	 * In each VMA, 12 pages side by side, then every third: written
	 * (anonymous pages, their frames contiguous or not) in the first,
	 * read in the second (the zero page, the same frame again and again:
	 * with frames shown, a run of one page each), and untouched.
	 */
	for (i = 0; i < 2 * SPLIT_PAGES && !err; i++)
		if (i % SPLIT_PAGES < 12 || i % 3 == 1)
			err = touch(split_at + i * PAGE_SIZE, i < SPLIT_PAGES);
	return err;
}

static int range_suite_init(struct kunit_suite *suite)
{
	int err = vasinfo_test_borrow(&range_b);

	if (!err)
		err = range_map();
	if (err)
		range_b.err = err;
	return 0; /* the cases fail with range_b.err */
}

static void range_suite_exit(struct kunit_suite *suite)
{
	if (resv)
		vm_munmap(resv, RESERVE);
	resv = 0;
	vasinfo_test_unborrow(&range_b);
}

/* Runs of one range, made by one way or the other, calls joined. */
struct runs_list {
	struct vasinfo_run *run;
	unsigned int n;
	u64 present, swapped, none;
};

/*
 * Does @b, which follows @a, continue it? Only the end of a RANGE call
 * cuts runs so. Asked of vasinfo_run_extends(), with @b's first page.
 */
static bool run_continues(const struct vasinfo_run *a,
			  const struct vasinfo_run *b, bool show_pfn)
{
	struct vasinfo_xlate x = { .vaddr = b->vaddr,
				   .state = b->state,
				   .page_size = b->page_size,
				   .pfn = b->pfn,
				   .swap_type = b->swap_type,
				   .swap_offset = b->swap_offset,
				   .page = b->page };

	return vasinfo_run_extends(a, &x, show_pfn);
}

/* [@start, @end) by RANGE through @f, every call's runs joined in @l. */
static void by_range(struct kunit *test, struct file *f, u32 flags,
		     unsigned long start, unsigned long end, bool show_pfn,
		     struct runs_list *l)
{
	struct vasinfo_run *got;
	struct vasinfo_range req = {
		.size = sizeof(req),
		.flags = flags,
		.pid = range_b.pid,
		.start = start,
		.end = end,
		.runs = range_b.ubuf + UOFF_OUT,
		.run_size = sizeof(struct vasinfo_run),
	};
	unsigned int i, calls;

	got = kunit_kcalloc(test, RUNS_ROOM, sizeof(*got), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, got);
	for (calls = 0; calls < 64; calls++) {
		req.count = RUNS_ROOM;
		KUNIT_ASSERT_EQ(test,
				vasinfo_test_ioctl(&range_b, f,
						   VASINFO_IOC_RANGE, &req,
						   sizeof(req)),
				0);
		KUNIT_ASSERT_EQ(test,
				vasinfo_test_get_ubuf(&range_b, UOFF_OUT, got,
						      req.count * sizeof(*got)),
				0);
		l->present += req.pages_present;
		l->swapped += req.pages_swapped;
		l->none += req.pages_none;
		for (i = 0; i < req.count; i++) {
			if (l->n && run_continues(&l->run[l->n - 1], &got[i],
						  show_pfn)) {
				l->run[l->n - 1].pages += got[i].pages;
				continue;
			}
			KUNIT_ASSERT_LT(test, l->n, (unsigned int)MAX_RUNS);
			l->run[l->n++] = got[i];
		}
		if (req.done)
			break;
	}
	KUNIT_ASSERT_TRUE(test, req.done);
	KUNIT_EXPECT_EQ(test, req.cursor, (u64)end);
}

/*
 * The same range from vasinfo_walk(), page by page; only an empty upper
 * level or a hole is stepped over at once, by the span the walk gives.
 */
static void by_walk(struct kunit *test, u32 flags, unsigned long start,
		    unsigned long end, bool show_pfn, struct runs_list *l)
{
	struct vasinfo_runs r = { .buf = l->run,
				  .room = MAX_RUNS,
				  .show_pfn = show_pfn,
				  .no_facts = flags & VASINFO_RANGE_NO_FACTS };
	struct vasinfo_xlate *x;
	unsigned long addr, span, pages;

	x = kunit_kzalloc(test, sizeof(*x), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, x);
	mmap_read_lock(range_b.mm);
	for (addr = start; addr < end; addr += pages << PAGE_SHIFT) {
		span = vasinfo_walk(range_b.mm, addr, show_pfn, x);
		pages = 1;
		if (x->state == VASINFO_STATE_NO_TABLE ||
		    x->state == VASINFO_STATE_UNMAPPED)
			pages = min(span, end - addr) >> PAGE_SHIFT;
		if (!vasinfo_runs_add(&r, x, pages))
			break;
	}
	mmap_read_unlock(range_b.mm);
	KUNIT_ASSERT_GE(test, addr, end);
	l->n = r.n;
	l->present = r.present;
	l->swapped = r.swapped;
	l->none = r.none;
}

static void expect_same_run(struct kunit *test, const struct vasinfo_run *a,
			    const struct vasinfo_run *b, u32 flags,
			    bool show_pfn)
{
	int diff = memcmp(a, b, sizeof(*a));

	if (!diff)
		return;
	KUNIT_FAIL(test, "run at %#llx (%llu pages; walk: %#llx, %llu pages)",
		   a->vaddr, a->pages, b->vaddr, b->pages);
	KUNIT_FAIL(test, "  state %u/%u page %#llx/%#llx pfn %#llx/%#llx",
		   a->state, b->state, a->page, b->page, a->pfn, b->pfn);
	KUNIT_FAIL(test, "  flags %u show_pfn %d", flags, show_pfn);
}

/* Both ways, for each kind of RANGE call, must give the same runs. */
static void expect_same_runs(struct kunit *test, unsigned long start,
			     unsigned long end)
{
	struct runs_list *ranged, *walked;
	struct file *files[2];
	struct cred *hidden;
	unsigned int i, k;

	KUNIT_ASSERT_EQ(test, range_b.err, 0);
	ranged = kunit_kzalloc(test, sizeof(*ranged), GFP_KERNEL);
	walked = kunit_kzalloc(test, sizeof(*walked), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ranged);
	KUNIT_ASSERT_NOT_NULL(test, walked);
	ranged->run =
		kunit_kcalloc(test, MAX_RUNS, sizeof(*ranged->run), GFP_KERNEL);
	walked->run =
		kunit_kcalloc(test, MAX_RUNS, sizeof(*walked->run), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ranged->run);
	KUNIT_ASSERT_NOT_NULL(test, walked->run);
	files[0] = vasinfo_test_open(test, "/dev/vasinfo", O_RDWR);
	hidden = vasinfo_test_creds_without(test, CAP_SYS_ADMIN);
	files[1] = vasinfo_test_open_as(test, hidden, "/dev/vasinfo");

	for (k = 0; k < 4; k++) {
		bool show_pfn = !(k & 1);
		u32 flags = k & 2 ? VASINFO_RANGE_NO_FACTS : 0;

		KUNIT_ASSERT_EQ(test, vasinfo_may_see_frames(files[k & 1]),
				show_pfn);
		ranged->n = 0;
		ranged->present = 0;
		ranged->swapped = 0;
		ranged->none = 0;
		by_range(test, files[k & 1], flags, start, end, show_pfn,
			 ranged);
		by_walk(test, flags, start, end, show_pfn, walked);
		KUNIT_EXPECT_EQ_MSG(test, ranged->n, walked->n,
				    "[%#lx, %#lx) flags %u show_pfn %d", start,
				    end, flags, show_pfn);
		for (i = 0; i < min(ranged->n, walked->n); i++)
			expect_same_run(test, &ranged->run[i], &walked->run[i],
					flags, show_pfn);
		KUNIT_EXPECT_EQ(test, ranged->present, walked->present);
		KUNIT_EXPECT_EQ(test, ranged->swapped, walked->swapped);
		KUNIT_EXPECT_EQ(test, ranged->none, walked->none);
	}
}

/* Ranges that start, end, or start and end inside a (maybe) huge page. */
static void range_inside_huge(struct kunit *test)
{
	expect_same_runs(test, thp_at + 5 * PAGE_SIZE,
			 thp_at + PMD_SIZE - 3 * PAGE_SIZE);
	expect_same_runs(test, thp_at - 7 * PAGE_SIZE, thp_at + 9 * PAGE_SIZE);
	expect_same_runs(test, thp_at + 100 * PAGE_SIZE,
			 thp_at + PMD_SIZE + 4 * PAGE_SIZE);
}

/*
 * THPs side by side: the walk ends on the first, the next is read from
 * the PMD table, and the loop stops at the empty PMD after it (and, in the
 * second range, inside the second THP).
 */
static void range_thps_in_a_row(struct kunit *test)
{
	expect_same_runs(test, thp_at + 5 * PAGE_SIZE,
			 split_at + 2 * PAGE_SIZE);
	expect_same_runs(test, thp_at, thp_at + PMD_SIZE + 4 * PAGE_SIZE);
}

/* A whole PUD's span with no table under it, and its edges. */
static void range_empty_upper(struct kunit *test)
{
	expect_same_runs(test, empty_at - 3 * PAGE_SIZE,
			 empty_at + PUD_SIZE + 2 * PAGE_SIZE);
	expect_same_runs(test, empty_at + PMD_SIZE + PAGE_SIZE,
			 empty_at + 3 * PMD_SIZE);
}

/* Two VMAs meeting inside one PTE table, pages of three kinds in each. */
static void range_vma_boundary_in_table(struct kunit *test)
{
	/* split_at starts a PTE table, which holds both VMAs. */
	KUNIT_ASSERT_TRUE(test, IS_ALIGNED(split_at, PMD_SIZE));
	KUNIT_ASSERT_LE(test, 2 * SPLIT_PAGES * PAGE_SIZE, PMD_SIZE);
	expect_same_runs(test, split_at - 2 * PAGE_SIZE,
			 split_at + (2 * SPLIT_PAGES + 2) * PAGE_SIZE);
	expect_same_runs(test, split_at + (SPLIT_PAGES - 1) * PAGE_SIZE,
			 split_at + (SPLIT_PAGES + 1) * PAGE_SIZE);
}

static struct kunit_case range_cases[] = {
	KUNIT_CASE(range_inside_huge),
	KUNIT_CASE(range_thps_in_a_row),
	KUNIT_CASE(range_empty_upper),
	KUNIT_CASE(range_vma_boundary_in_table),
	{},
};

struct kunit_suite vasinfo_range_suite = {
	.name = "vasinfo_range",
	.suite_init = range_suite_init,
	.suite_exit = range_suite_exit,
	.test_cases = range_cases,
};
