// SPDX-License-Identifier: GPL-2.0
/*
 * vasinfo_walk: a walk (vasinfo_walk()) of a real user address space, the
 * insmod's: 4 KiB pages faulted in, untouched and unmapped addresses, a
 * 2 MiB THP, each frame read back through kmap_local_page(), and bad PUD
 * and PMD entries (made bad for the length of one walk).
 */
#include <kunit/test.h>
#include <linux/err.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/highmem.h>
#include <linux/kthread.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/mmap_lock.h>
#include <linux/sched/mm.h>
#include <linux/uaccess.h>

#include <vasinfo.h>
#include "internal.h"
#include "helpers.h"

#define WALK_PAGES 64
#define THP_REGION (2 * PMD_SIZE) /* holds one aligned 2 MiB block */
static struct mm_struct *walk_mm;
static unsigned long walk_base, thp_region, thp_base;

/*
 * Map @len bytes with an unmapped page on either side, so that the region
 * is a VMA of its own (nothing merges with it) with a gap right below.
 */
static unsigned long map_alone(unsigned long len)
{
	unsigned long addr = vm_mmap(NULL, 0, len + 2 * PAGE_SIZE,
				     PROT_READ | PROT_WRITE,
				     MAP_PRIVATE | MAP_ANONYMOUS, 0);

	if (IS_ERR_VALUE(addr))
		return addr;
	vm_munmap(addr, PAGE_SIZE);
	vm_munmap(addr + PAGE_SIZE + len, PAGE_SIZE);
	return addr + PAGE_SIZE;
}

/* Runs in the insmod process: map regions in its address space. */
static int walk_suite_init(struct kunit_suite *suite)
{
	struct vm_area_struct *vma;
	unsigned long addr;

	walk_mm = get_task_mm(current);
	if (!walk_mm)
		return -ESRCH;
	/* As MADV_HUGEPAGE would (do_madvise() is not exported). */
	addr = map_alone(THP_REGION);
	if (!IS_ERR_VALUE(addr)) {
		thp_region = addr;
		thp_base = ALIGN(addr, PMD_SIZE);
		mmap_write_lock(walk_mm);
		vma = find_vma(walk_mm, addr);
		if (vma && vma->vm_start == addr &&
		    vma->vm_end == addr + THP_REGION)
			vasinfo_vma_add_flags(vma, VM_HUGEPAGE);
		mmap_write_unlock(walk_mm);
	}
	addr = map_alone(WALK_PAGES * PAGE_SIZE);
	if (IS_ERR_VALUE(addr)) {
		if (thp_region)
			vm_munmap(thp_region, THP_REGION);
		thp_region = 0;
		thp_base = 0;
		mmput(walk_mm);
		walk_mm = NULL;
		return (int)addr;
	}
	walk_base = addr;
	return 0;
}

static void walk_suite_exit(struct kunit_suite *suite)
{
	if (!walk_mm)
		return;
	vm_munmap(walk_base, WALK_PAGES * PAGE_SIZE);
	if (thp_region)
		vm_munmap(thp_region, THP_REGION);
	thp_region = 0;
	thp_base = 0;
	mmput(walk_mm);
	walk_mm = NULL;
}

static unsigned long walk(struct kunit *test, unsigned long addr, bool show_pfn,
			  struct vasinfo_xlate *x)
{
	unsigned long span;

	KUNIT_ASSERT_NOT_NULL(test, walk_mm);
	mmap_read_lock(walk_mm);
	span = vasinfo_walk(walk_mm, addr, show_pfn, x);
	mmap_read_unlock(walk_mm);
	return span;
}

/* Write @val at @addr of the borrowed address space (faulting it in). */
static void poke(struct kunit *test, unsigned long addr, u64 val)
{
	int left;

	kthread_use_mm(walk_mm);
	left = copy_to_user((void __user *)addr, &val, sizeof(val));
	kthread_unuse_mm(walk_mm);
	KUNIT_ASSERT_EQ(test, left, 0);
}

static void walk_touched(struct kunit *test)
{
	unsigned long addr = walk_base + 5 * PAGE_SIZE + 0x18;
	u64 magic = 0x766173696e666f21ULL, seen;
	struct vasinfo_xlate x;
	void *kaddr;
	int l;

	poke(test, addr, magic);
	walk(test, addr, true, &x);
	KUNIT_ASSERT_EQ(test, x.state, (u32)VASINFO_STATE_PRESENT);
	KUNIT_EXPECT_EQ(test, x.leaf, (u32)VASINFO_LEVEL_PTE);
	for (l = VASINFO_LEVEL_PGD; l <= VASINFO_LEVEL_PTE; l++)
		KUNIT_EXPECT_TRUE(test,
				  x.levels[l].flags & (VASINFO_ENTRY_VALID |
						       VASINFO_ENTRY_FOLDED));
	KUNIT_EXPECT_EQ(test, x.levels[VASINFO_LEVEL_PTE].index,
			(u32)pte_index(addr));
	KUNIT_EXPECT_EQ(test, x.paddr & ~PAGE_MASK, (u64)0x18);
	/* The frame the walk found holds what we wrote at the address. */
	kaddr = kmap_local_page(pfn_to_page(x.pfn));
	seen = *(u64 *)(kaddr + 0x18);
	kunmap_local(kaddr);
	KUNIT_EXPECT_EQ(test, seen, magic);
	KUNIT_EXPECT_TRUE(test, x.page & VASINFO_PAGE_ANON);
	KUNIT_EXPECT_TRUE(test, x.page & VASINFO_PAGE_EXCLUSIVE);
	KUNIT_EXPECT_EQ(test, x.mapcount, 1LL);
}

static void walk_untouched_stays_untouched(struct kunit *test)
{
	unsigned long addr = walk_base + 40 * PAGE_SIZE;
	struct vasinfo_xlate x;
	bool empty;

	walk(test, addr, true, &x);
	KUNIT_EXPECT_TRUE(test, x.mapped);
	empty = x.state == VASINFO_STATE_NONE ||
		x.state == VASINFO_STATE_NO_TABLE;
	KUNIT_EXPECT_TRUE_MSG(test, empty, "state %u", x.state);
	/* Read-only: asking again finds it still not there. */
	walk(test, addr, true, &x);
	KUNIT_EXPECT_NE(test, x.state, (u32)VASINFO_STATE_PRESENT);
}

static void walk_outside(struct kunit *test)
{
	unsigned long addr = walk_base - PAGE_SIZE;
	struct vasinfo_xlate x;
	unsigned long span;

	/* map_alone() left the page below the region unmapped. */
	span = walk(test, addr, true, &x);
	KUNIT_EXPECT_FALSE(test, x.mapped);
	KUNIT_EXPECT_EQ(test, x.state, (u32)VASINFO_STATE_UNMAPPED);
	KUNIT_EXPECT_EQ(test, x.pagemap, 0ULL);
	KUNIT_EXPECT_FALSE(test, x.levels[VASINFO_LEVEL_PGD].flags &
					 VASINFO_ENTRY_VALID);
	KUNIT_EXPECT_GE(test, span, (unsigned long)PAGE_SIZE);
}

static void walk_span(struct kunit *test)
{
	unsigned long addr = walk_base + 6 * PAGE_SIZE + 100;
	struct vasinfo_xlate x;

	poke(test, addr, 1);
	KUNIT_EXPECT_EQ(test, walk(test, addr, true, &x), PAGE_SIZE - 100);
}

static void walk_hidden(struct kunit *test)
{
	unsigned long addr = walk_base + 7 * PAGE_SIZE;
	struct vasinfo_xlate x;
	int l;

	poke(test, addr, 2);
	walk(test, addr, false, &x);
	KUNIT_EXPECT_EQ(test, x.state, (u32)VASINFO_STATE_PRESENT);
	KUNIT_EXPECT_EQ(test, x.pfn, VASINFO_HIDDEN);
	for (l = 0; l < VASINFO_LEVELS; l++)
		KUNIT_EXPECT_EQ(test, x.levels[l].value & PTE_PFN_MASK, 0ULL);
	KUNIT_EXPECT_TRUE(test,
			  x.levels[VASINFO_LEVEL_PTE].value & _PAGE_PRESENT);
}

static void walk_vma_fields(struct kunit *test)
{
	struct vasinfo_xlate x;

	walk(test, walk_base, true, &x);
	KUNIT_EXPECT_EQ(test, x.vma_start, (u64)walk_base);
	KUNIT_EXPECT_EQ(test, x.vma_end,
			(u64)walk_base + WALK_PAGES * PAGE_SIZE);
	KUNIT_EXPECT_EQ(test,
			x.vma_flags & (VASINFO_VMA_READ | VASINFO_VMA_WRITE |
				       VASINFO_VMA_EXEC | VASINFO_VMA_FILE),
			VASINFO_VMA_READ | VASINFO_VMA_WRITE);
}

#define THP_ENABLED "/sys/kernel/mm/transparent_hugepage/enabled"

/* Whether THP may be used at all, as THP_ENABLED says. */
static bool thp_enabled(struct kunit *test, char *setting, size_t len)
{
	struct file *f = filp_open(THP_ENABLED, O_RDONLY, 0);
	loff_t pos = 0;
	ssize_t n;

	if (IS_ERR(f)) {
		snprintf(setting, len, "unreadable: %ld", PTR_ERR(f));
		return true;
	}
	n = kernel_read(f, setting, len - 1, &pos);
	fput(f);
	setting[n > 0 ? n : 0] = '\0';
	return !strstr(setting, "[never]");
}

/*
 * A 2 MiB anonymous THP, faulted in by a write: one PMD leaf, no PTE table,
 * each 4 KiB part of it a frame of the compound page.
 */
static void walk_thp(struct kunit *test)
{
	unsigned long addr = thp_base + PAGE_SIZE + 0x234;
	u64 magic = 0x7468702d6b756e69ULL, seen;
	struct vasinfo_xlate x, *head, *last;
	char setting[128];
	unsigned long span;
	void *kaddr;

	KUNIT_ASSERT_NE_MSG(test, thp_base, 0UL, "no region for the THP");
	head = kunit_kzalloc(test, sizeof(*head), GFP_KERNEL);
	last = kunit_kzalloc(test, sizeof(*last), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, head);
	KUNIT_ASSERT_NOT_NULL(test, last);
	poke(test, addr, magic);
	span = walk(test, addr, true, &x);
	KUNIT_ASSERT_EQ(test, x.state, (u32)VASINFO_STATE_PRESENT);
	if (x.leaf != VASINFO_LEVEL_PMD) {
		if (!thp_enabled(test, setting, sizeof(setting)))
			kunit_skip(test, "THP is disabled: %s", setting);
		KUNIT_FAIL(test,
			   "no 2 MiB page after writing (leaf %u, THP %s)",
			   x.leaf, setting);
		return;
	}
	KUNIT_EXPECT_EQ(test, x.page_size, (u64)PMD_SIZE);
	KUNIT_EXPECT_TRUE(test, x.levels[VASINFO_LEVEL_PMD].flags &
					VASINFO_ENTRY_LEAF);
	KUNIT_EXPECT_FALSE(test, x.levels[VASINFO_LEVEL_PTE].flags &
					 VASINFO_ENTRY_VALID);
	KUNIT_EXPECT_TRUE(test, x.hw & VASINFO_HW_HUGE);
	KUNIT_EXPECT_TRUE(test, x.page & VASINFO_PAGE_THP);
	KUNIT_EXPECT_TRUE(test, x.page & VASINFO_PAGE_ANON);
	KUNIT_EXPECT_TRUE(test, x.page & VASINFO_PAGE_EXCLUSIVE);
	KUNIT_EXPECT_FALSE(test, x.page & VASINFO_PAGE_HUGETLB);
	/* The second 4 KiB of the huge page: a tail page, mapped once. */
	KUNIT_EXPECT_TRUE(test, x.page & VASINFO_PAGE_TAIL);
	KUNIT_EXPECT_FALSE(test, x.page & VASINFO_PAGE_HEAD);
	KUNIT_EXPECT_EQ(test, x.mapcount, 1LL);
	/* The rest of the 2 MiB leaf shares this answer. */
	KUNIT_EXPECT_EQ(test, span, PMD_SIZE - (PAGE_SIZE + 0x234));
	KUNIT_EXPECT_EQ(test, x.paddr, ((u64)x.pfn << PAGE_SHIFT) | 0x234);
	KUNIT_EXPECT_EQ(test, x.pagemap & GENMASK_ULL(54, 0), x.pfn);

	/* The frame holds what was written at the address. */
	kaddr = kmap_local_page(pfn_to_page(x.pfn));
	seen = *(u64 *)(kaddr + 0x234);
	kunmap_local(kaddr);
	KUNIT_EXPECT_EQ(test, seen, magic);

	/* First and last 4 KiB: the head, and 511 frames on. */
	walk(test, thp_base, true, head);
	walk(test, thp_base + PMD_SIZE - 1, true, last);
	KUNIT_EXPECT_EQ(test, head->pfn + 1, x.pfn);
	KUNIT_EXPECT_EQ(test, head->pfn % (PMD_SIZE / PAGE_SIZE), 0ULL);
	KUNIT_EXPECT_TRUE(test, head->page & VASINFO_PAGE_HEAD);
	KUNIT_EXPECT_EQ(test, last->pfn, head->pfn + PMD_SIZE / PAGE_SIZE - 1);
	KUNIT_EXPECT_EQ(test, last->leaf, (u32)VASINFO_LEVEL_PMD);
	KUNIT_EXPECT_TRUE(test, last->page & VASINFO_PAGE_TAIL);
}

/*
 * A bad PUD or PMD answers for its own span, not for the rest of its VMA
 * (RANGE would otherwise report every later table of the VMA as one "bad"
 * run). To make one, the test sets _PAGE_PCD in a table entry of the
 * insmod's own address space, which x86's pud_bad() and pmd_bad() both
 * reject, and restores the entry before the mmap lock it holds for
 * writing is dropped: no fault, no other walker and no user access can
 * see the bad entry in between (the insmod waits in init_module()).
 */
static void walk_bad_upper(struct kunit *test)
{
	unsigned long len = 3 * PUD_SIZE, region, base, span;
	struct vm_area_struct *vma;
	struct vasinfo_xlate x;
	pud_t *pudp, pud;
	pmd_t *pmdp, pmd;

	KUNIT_ASSERT_NOT_NULL(test, walk_mm);
	/* A case runs in a kernel thread: map in the borrowed mm. */
	kthread_use_mm(walk_mm);
	region = vm_mmap(NULL, 0, len, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, 0);
	kthread_unuse_mm(walk_mm);
	KUNIT_ASSERT_FALSE(test, IS_ERR_VALUE(region));
	/* Two whole PUDs inside, each with 4 KiB pages (so a PMD table). */
	base = ALIGN(region, PUD_SIZE);
	mmap_write_lock(walk_mm);
	vma = find_vma(walk_mm, region);
	if (vma && vma->vm_start == region)
		vasinfo_vma_add_flags(vma, VM_NOHUGEPAGE);
	mmap_write_unlock(walk_mm);
	poke(test, base, 1);
	poke(test, base + PMD_SIZE, 2);
	poke(test, base + PUD_SIZE, 3);

	mmap_write_lock(walk_mm);
	pudp = pud_offset(p4d_offset(pgd_offset(walk_mm, base), base), base);
	pmdp = pmd_offset(pudp, base);
	pmd = READ_ONCE(*pmdp);
	set_pmd(pmdp, __pmd(pmd_val(pmd) | _PAGE_PCD));
	span = vasinfo_walk(walk_mm, base, true, &x);
	set_pmd(pmdp, pmd);
	mmap_write_unlock(walk_mm);
	KUNIT_EXPECT_EQ(test, x.state, (u32)VASINFO_STATE_BAD);
	KUNIT_EXPECT_EQ(test, x.leaf, (u32)VASINFO_LEVEL_PMD);
	KUNIT_EXPECT_EQ(test, span, (unsigned long)PMD_SIZE);

	mmap_write_lock(walk_mm);
	pud = READ_ONCE(*pudp);
	set_pud(pudp, __pud(pud_val(pud) | _PAGE_PCD));
	span = vasinfo_walk(walk_mm, base + PAGE_SIZE, true, &x);
	set_pud(pudp, pud);
	mmap_write_unlock(walk_mm);
	KUNIT_EXPECT_EQ(test, x.state, (u32)VASINFO_STATE_BAD);
	KUNIT_EXPECT_EQ(test, x.leaf, (u32)VASINFO_LEVEL_PUD);
	KUNIT_EXPECT_EQ(test, span, (unsigned long)(PUD_SIZE - PAGE_SIZE));

	/* Restored: the page behind both entries is there again. */
	walk(test, base, true, &x);
	KUNIT_EXPECT_EQ(test, x.state, (u32)VASINFO_STATE_PRESENT);
	kthread_use_mm(walk_mm);
	vm_munmap(region, len);
	kthread_unuse_mm(walk_mm);
}

/*
 * vasinfo_walk_table() answers exactly as vasinfo_walk() does, page for
 * page, up to the end of the table or of the VMA, whichever comes first
 * (the region is its own VMA, so its end lies inside a PTE table), for
 * pages touched and untouched, with frames shown and hidden.
 */
static void walk_table_equals_walk(struct kunit *test)
{
	unsigned long start = walk_base + 8 * PAGE_SIZE, addr, end;
	struct vasinfo_xlate *one, *many;
	struct vasinfo_table *t;
	unsigned int i, n, got;
	int pass;

	one = kunit_kzalloc(test, sizeof(*one), GFP_KERNEL);
	many = kunit_kcalloc(test, WALK_PAGES, sizeof(*many), GFP_KERNEL);
	t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, one);
	KUNIT_ASSERT_NOT_NULL(test, many);
	KUNIT_ASSERT_NOT_NULL(test, t);
	for (i = 8; i < WALK_PAGES; i += 3)
		poke(test, walk_base + i * PAGE_SIZE, i);
	end = min(walk_base + WALK_PAGES * PAGE_SIZE,
		  pmd_addr_end(start, walk_base + WALK_PAGES * PAGE_SIZE));

	for (pass = 0; pass < 2; pass++) {
		bool show_pfn = !pass;

		mmap_read_lock(walk_mm);
		vasinfo_walk_first(walk_mm, start, show_pfn, one, t);
		n = (end - start) / PAGE_SIZE - 1;
		got = t->end ? vasinfo_walk_table(t, start + PAGE_SIZE, n,
						  show_pfn, 0, many) :
			       0;
		mmap_read_unlock(walk_mm);
		KUNIT_ASSERT_EQ(test, t->end, end);
		KUNIT_ASSERT_EQ(test, got, n);

		mmap_read_lock(walk_mm);
		for (i = 0; i < n; i++) {
			addr = start + (i + 1) * PAGE_SIZE;
			vasinfo_walk(walk_mm, addr, show_pfn, one);
			KUNIT_EXPECT_EQ_MSG(test,
					    memcmp(one, &many[i], sizeof(*one)),
					    0, "page %#lx, show_pfn %d", addr,
					    show_pfn);
		}
		mmap_read_unlock(walk_mm);

		/* RANGE's brief form: the same run fields. */
		mmap_read_lock(walk_mm);
		vasinfo_walk_first(walk_mm, start, show_pfn, one, t);
		got = vasinfo_walk_table(t, start + PAGE_SIZE, n, show_pfn,
					 VASINFO_WALK_BRIEF, many);
		mmap_read_unlock(walk_mm);
		KUNIT_ASSERT_EQ(test, got, n);
		mmap_read_lock(walk_mm);
		for (i = 0; i < n; i++) {
			addr = start + (i + 1) * PAGE_SIZE;
			vasinfo_walk(walk_mm, addr, show_pfn, one);
			KUNIT_EXPECT_EQ(test, many[i].vaddr, one->vaddr);
			KUNIT_EXPECT_EQ(test, many[i].state, one->state);
			KUNIT_EXPECT_EQ(test, many[i].page_size,
					one->page_size);
			KUNIT_EXPECT_EQ(test, many[i].pfn, one->pfn);
			KUNIT_EXPECT_EQ(test, many[i].swap_type,
					one->swap_type);
			KUNIT_EXPECT_EQ(test, many[i].swap_offset,
					one->swap_offset);
			KUNIT_EXPECT_EQ(test, many[i].page, one->page);
			KUNIT_EXPECT_EQ(test, many[i].pagemap, one->pagemap);
		}
		mmap_read_unlock(walk_mm);
	}
}

/*
 * A walk that does not end in a PTE table offers none: a 2 MiB leaf, and
 * an address outside every VMA.
 */
static void walk_first_no_table(struct kunit *test)
{
	struct vasinfo_xlate x;
	struct vasinfo_table *t;

	t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, t);
	mmap_read_lock(walk_mm);
	t->end = 1;
	vasinfo_walk_first(walk_mm, walk_base - PAGE_SIZE, true, &x, t);
	mmap_read_unlock(walk_mm);
	KUNIT_EXPECT_EQ(test, x.state, (u32)VASINFO_STATE_UNMAPPED);
	KUNIT_EXPECT_EQ(test, t->end, 0UL);
	if (!thp_base)
		return;
	poke(test, thp_base + 5 * PAGE_SIZE, 5);
	mmap_read_lock(walk_mm);
	vasinfo_walk_first(walk_mm, thp_base + 5 * PAGE_SIZE, true, &x, t);
	mmap_read_unlock(walk_mm);
	if (x.leaf == VASINFO_LEVEL_PMD)
		KUNIT_EXPECT_EQ(test, t->end, 0UL);
}

/*
 * COUNTS' walk over the walk region and the THP region counts, hold by
 * hold, exactly the present and huge pages that vasinfo_walk() finds page
 * by page, one element per VMA, and nothing needs a CUT.
 */
static void walk_counts_equal_walk(struct kunit *test)
{
	unsigned long bases[2] = { walk_base, thp_base }, lens[2];
	struct vasinfo_vma_counts *buf;
	struct vasinfo_counter c;
	struct vasinfo_xlate x;
	unsigned long addr, present, huge, span;
	int k, holds;

	buf = kunit_kcalloc(test, 4, sizeof(*buf), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	lens[0] = WALK_PAGES * PAGE_SIZE;
	lens[1] = PMD_SIZE;
	for (k = 0; k < 7; k++)
		poke(test, walk_base + (3 + 9 * k) * PAGE_SIZE, k);
	if (thp_base)
		poke(test, thp_base, 1);
	for (k = 0; k < 2; k++) {
		if (!bases[k])
			continue;
		present = 0;
		huge = 0;
		mmap_read_lock(walk_mm);
		for (addr = bases[k]; addr < bases[k] + lens[k]; addr += span) {
			span = vasinfo_walk(walk_mm, addr, false, &x);
			span = min(span, bases[k] + lens[k] - addr);
			if (x.state != VASINFO_STATE_PRESENT)
				continue;
			present += span >> PAGE_SHIFT;
			if (x.page_size > PAGE_SIZE)
				huge += span >> PAGE_SHIFT;
		}
		mmap_read_unlock(walk_mm);

		c = (struct vasinfo_counter){ .buf = buf,
					      .room = 4,
					      .addr = bases[k],
					      .end = bases[k] + lens[k],
					      .budget =
						      VASINFO_MAX_RANGE_PAGES };
		for (holds = 0; c.addr < c.end && holds < 64; holds++) {
			mmap_read_lock(walk_mm);
			vasinfo_count_hold(&c, walk_mm);
			mmap_read_unlock(walk_mm);
		}
		KUNIT_EXPECT_EQ(test, c.addr, (u64)(bases[k] + lens[k]));
		KUNIT_EXPECT_FALSE(test, c.open);
		KUNIT_ASSERT_GE(test, c.n, 1U);
		KUNIT_EXPECT_EQ(test, buf[0].start, (u64)bases[k]);
		KUNIT_EXPECT_EQ(test, buf[c.n - 1].end,
				(u64)(bases[k] + lens[k]));
		KUNIT_EXPECT_EQ(test, buf[0].flags, 0U);
		for (present -= buf[0].present, huge -= buf[0].huge; c.n > 1;
		     c.n--) {
			present -= buf[c.n - 1].present;
			huge -= buf[c.n - 1].huge;
		}
		KUNIT_EXPECT_EQ_MSG(test, present, 0UL, "region %d", k);
		KUNIT_EXPECT_EQ_MSG(test, huge, 0UL, "region %d", k);
	}
}

static struct kunit_case walk_cases[] = {
	KUNIT_CASE(walk_thp),
	KUNIT_CASE(walk_touched),
	KUNIT_CASE(walk_untouched_stays_untouched),
	KUNIT_CASE(walk_outside),
	KUNIT_CASE(walk_span),
	KUNIT_CASE(walk_hidden),
	KUNIT_CASE(walk_vma_fields),
	KUNIT_CASE(walk_bad_upper),
	KUNIT_CASE(walk_table_equals_walk),
	KUNIT_CASE(walk_first_no_table),
	KUNIT_CASE(walk_counts_equal_walk),
	{},
};

struct kunit_suite vasinfo_walk_suite = {
	.name = "vasinfo_walk",
	.suite_init = walk_suite_init,
	.suite_exit = walk_suite_exit,
	.test_cases = walk_cases,
};
