// SPDX-License-Identifier: GPL-2.0
/*
 * vasinfo_decode: the decoding of a leaf entry (vasinfo_decode_leaf()):
 * empty, swap, migration, present, PROT_NONE, special, zero-page, PMD and
 * PFNMAP entries, with and without frames shown.
 */
#include <kunit/test.h>
#include <linux/bits.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/string.h>
#include <linux/swap.h>
#include <linux/swapops.h>

#include <vasinfo.h>
#include "internal.h"
#include "helpers.h"

struct decode_ctx {
	struct mm_struct *mm;
	struct vm_area_struct *vma;
	struct page *page;
};

static int decode_init(struct kunit *test)
{
	struct decode_ctx *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, c);
	c->mm = kunit_kzalloc(test, sizeof(*c->mm), GFP_KERNEL);
	c->vma = kunit_kzalloc(test, sizeof(*c->vma), GFP_KERNEL);
	c->page = alloc_page(GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, c->mm);
	KUNIT_ASSERT_NOT_NULL(test, c->vma);
	KUNIT_ASSERT_NOT_NULL(test, c->page);
	c->vma->vm_mm = c->mm;
	c->vma->vm_start = 0x400000;
	c->vma->vm_end = 0x800000;
	vasinfo_vma_init_flags(c->vma, VM_READ | VM_WRITE);
	test->priv = c;
	return 0;
}

static void decode_exit(struct kunit *test)
{
	struct decode_ctx *c = test->priv;

	__free_page(c->page);
}

static void decode(struct kunit *test, struct vasinfo_xlate *x, int level,
		   u64 raw, unsigned long size, bool show_pfn)
{
	struct decode_ctx *c = test->priv;

	memset(x, 0, sizeof(*x));
	x->vaddr = 0x401234;
	x->mapped = 1;
	x->refcount = -1;
	x->mapcount = -1;
	x->levels[level].value = raw;
	x->levels[level].flags = VASINFO_ENTRY_VALID;
	vasinfo_decode_leaf(x, c->vma, level, raw, size, show_pfn);
}

#define PM_PRESENT BIT_ULL(63)
#define PM_SWAP BIT_ULL(62)
#define PM_FILE BIT_ULL(61)
#define PM_SOFT_DIRTY BIT_ULL(55)

/* A present user page, as a PTE or (with _PAGE_PSE) a PMD maps it. */
#define USER_PAGE (_PAGE_PRESENT | _PAGE_USER)

static void decode_none(struct kunit *test)
{
	struct decode_ctx *c = test->priv;
	struct vasinfo_xlate x;

	decode(test, &x, VASINFO_LEVEL_PTE, 0, PAGE_SIZE, true);
	KUNIT_EXPECT_EQ(test, x.state, (u32)VASINFO_STATE_NONE);
	KUNIT_EXPECT_EQ(test, x.pagemap, 0ULL);
	KUNIT_EXPECT_TRUE(test, x.levels[VASINFO_LEVEL_PTE].flags &
					VASINFO_ENTRY_LEAF);
	vasinfo_vma_init_flags(c->vma, c->vma->vm_flags | VM_SOFTDIRTY);
	decode(test, &x, VASINFO_LEVEL_PTE, 0, PAGE_SIZE, true);
	KUNIT_EXPECT_EQ(test, x.pagemap,
			(u64)(VM_SOFTDIRTY ? PM_SOFT_DIRTY : 0));
}

static void decode_swap_entry(struct kunit *test)
{
	pte_t pte = swp_entry_to_pte(swp_entry(3, 0x1234));
	struct vasinfo_xlate x;

	decode(test, &x, VASINFO_LEVEL_PTE, pte_val(pte), PAGE_SIZE, true);
	KUNIT_EXPECT_EQ(test, x.state, (u32)VASINFO_STATE_SWAP);
	KUNIT_EXPECT_EQ(test, x.swap_type, 3ULL);
	KUNIT_EXPECT_EQ(test, x.swap_offset, 0x1234ULL);
	KUNIT_EXPECT_EQ(test, x.pagemap, PM_SWAP | 3 | (0x1234ULL << 5));
	KUNIT_EXPECT_EQ(test, x.pfn, 0ULL);
}

static void decode_swap_hidden(struct kunit *test)
{
	pte_t pte = swp_entry_to_pte(swp_entry(3, 0x1234));
	struct vasinfo_xlate x;

	decode(test, &x, VASINFO_LEVEL_PTE, pte_val(pte), PAGE_SIZE, false);
	KUNIT_EXPECT_EQ(test, x.state, (u32)VASINFO_STATE_SWAP);
	KUNIT_EXPECT_EQ(test, x.swap_offset, VASINFO_HIDDEN);
	KUNIT_EXPECT_EQ(test, x.pagemap, PM_SWAP);
	/* The raw entry keeps only its low flag bits. */
	KUNIT_EXPECT_EQ(test,
			x.levels[VASINFO_LEVEL_PTE].value & GENMASK_ULL(62, 9),
			0ULL);
}

static void decode_swap_bits(struct kunit *test)
{
	pte_t pte = swp_entry_to_pte(swp_entry(1, 77));
	struct vasinfo_xlate x;

	pte = pte_swp_mkexclusive(pte_swp_mksoft_dirty(pte));
	decode(test, &x, VASINFO_LEVEL_PTE, pte_val(pte), PAGE_SIZE, true);
	KUNIT_EXPECT_EQ(test, x.swap_offset, 77ULL);
	KUNIT_EXPECT_TRUE(test, x.page & VASINFO_PAGE_SWAP_EXCLUSIVE);
	if (IS_ENABLED(CONFIG_MEM_SOFT_DIRTY))
		KUNIT_EXPECT_TRUE(test, x.page & VASINFO_PAGE_SOFT_DIRTY);
}

static void decode_migration(struct kunit *test)
{
	struct decode_ctx *c = test->priv;
	unsigned long pfn = page_to_pfn(c->page);
	pte_t pte = swp_entry_to_pte(make_readable_migration_entry(pfn));
	struct vasinfo_xlate x;

	decode(test, &x, VASINFO_LEVEL_PTE, pte_val(pte), PAGE_SIZE, true);
	KUNIT_EXPECT_EQ(test, x.state, (u32)VASINFO_STATE_MIGRATION);
	KUNIT_EXPECT_EQ(test, x.swap_offset, (u64)pfn);
	KUNIT_EXPECT_TRUE(test, x.pagemap & PM_SWAP);
	KUNIT_EXPECT_FALSE(test, x.pagemap & PM_PRESENT);
}

static void decode_present_page(struct kunit *test)
{
	struct decode_ctx *c = test->priv;
	unsigned long pfn = page_to_pfn(c->page);
	pte_t pte =
		pfn_pte(pfn, __pgprot(_PAGE_PRESENT | _PAGE_RW | _PAGE_USER |
				      _PAGE_ACCESSED | _PAGE_DIRTY | _PAGE_NX));
	struct vasinfo_xlate x;

	decode(test, &x, VASINFO_LEVEL_PTE, pte_val(pte), PAGE_SIZE, true);
	KUNIT_EXPECT_EQ(test, x.state, (u32)VASINFO_STATE_PRESENT);
	KUNIT_EXPECT_EQ(test, x.pfn, (u64)pfn);
	KUNIT_EXPECT_EQ(test, x.paddr, ((u64)pfn << PAGE_SHIFT) | 0x234);
	KUNIT_EXPECT_EQ(test,
			x.hw & (VASINFO_HW_PRESENT | VASINFO_HW_WRITE |
				VASINFO_HW_USER | VASINFO_HW_ACCESSED |
				VASINFO_HW_DIRTY | VASINFO_HW_NX |
				VASINFO_HW_HUGE | VASINFO_HW_GLOBAL),
			VASINFO_HW_PRESENT | VASINFO_HW_WRITE |
				VASINFO_HW_USER | VASINFO_HW_ACCESSED |
				VASINFO_HW_DIRTY | VASINFO_HW_NX);
	/* A kernel page: not anonymous, so pagemap would call it a file page. */
	KUNIT_EXPECT_EQ(test, x.pagemap, PM_PRESENT | PM_FILE | pfn);
	KUNIT_EXPECT_EQ(test, x.mapcount, 0LL);
	KUNIT_EXPECT_GE(test, x.refcount, 1LL);
	KUNIT_EXPECT_FALSE(test, x.page & VASINFO_PAGE_ANON);
}

static void decode_present_hidden(struct kunit *test)
{
	struct decode_ctx *c = test->priv;
	unsigned long pfn = page_to_pfn(c->page);
	pte_t pte = pfn_pte(pfn, __pgprot(USER_PAGE));
	struct vasinfo_xlate x;

	decode(test, &x, VASINFO_LEVEL_PTE, pte_val(pte), PAGE_SIZE, false);
	KUNIT_EXPECT_EQ(test, x.pfn, VASINFO_HIDDEN);
	KUNIT_EXPECT_EQ(test, x.paddr, VASINFO_HIDDEN);
	KUNIT_EXPECT_EQ(test, x.pagemap & GENMASK_ULL(54, 0), 0ULL);
	KUNIT_EXPECT_EQ(test, x.levels[VASINFO_LEVEL_PTE].value & PTE_PFN_MASK,
			0ULL);
	KUNIT_EXPECT_EQ(test, x.levels[VASINFO_LEVEL_PTE].value,
			(u64)USER_PAGE);
}

/* PROT_NONE entries store the frame inverted (L1TF): decoded, not masked. */
static void decode_protnone(struct kunit *test)
{
	struct decode_ctx *c = test->priv;
	unsigned long pfn = page_to_pfn(c->page);
	pte_t pte = pfn_pte(pfn, __pgprot(_PAGE_PROTNONE | _PAGE_ACCESSED));
	struct vasinfo_xlate x;

	KUNIT_ASSERT_NE(test, (pte_val(pte) & PTE_PFN_MASK) >> PAGE_SHIFT,
			(u64)pfn);
	decode(test, &x, VASINFO_LEVEL_PTE, pte_val(pte), PAGE_SIZE, true);
	KUNIT_EXPECT_EQ(test, x.state, (u32)VASINFO_STATE_PRESENT);
	KUNIT_EXPECT_EQ(test, x.pfn, (u64)pfn);
	KUNIT_EXPECT_TRUE(test, x.hw & VASINFO_HW_PROTNONE);
	KUNIT_EXPECT_FALSE(test, x.hw & VASINFO_HW_PRESENT);
	KUNIT_EXPECT_FALSE(test, x.hw & VASINFO_HW_GLOBAL);
}

static void decode_special(struct kunit *test)
{
	struct decode_ctx *c = test->priv;
	unsigned long pfn = page_to_pfn(c->page);
	pte_t pte = pte_mkspecial(pfn_pte(pfn, __pgprot(USER_PAGE)));
	struct vasinfo_xlate x;

	decode(test, &x, VASINFO_LEVEL_PTE, pte_val(pte), PAGE_SIZE, true);
	KUNIT_EXPECT_TRUE(test, x.page & VASINFO_PAGE_NO_STRUCT);
	KUNIT_EXPECT_TRUE(test, x.hw & VASINFO_HW_SPECIAL);
	KUNIT_EXPECT_EQ(test, x.refcount, -1LL);
	KUNIT_EXPECT_EQ(test, x.pagemap, PM_PRESENT | pfn);
}

static void decode_zero_page(struct kunit *test)
{
	pte_t pte = pte_mkspecial(pfn_pte(my_zero_pfn(0), __pgprot(USER_PAGE)));
	struct vasinfo_xlate x;

	decode(test, &x, VASINFO_LEVEL_PTE, pte_val(pte), PAGE_SIZE, true);
	KUNIT_EXPECT_TRUE(test, x.page & VASINFO_PAGE_ZERO);
	KUNIT_EXPECT_FALSE(test, x.page & VASINFO_PAGE_NO_STRUCT);
	KUNIT_EXPECT_FALSE(test, x.pagemap & PM_FILE);
}

static void decode_pmd_leaf(struct kunit *test)
{
	struct decode_ctx *c = test->priv;
	unsigned long pfn = page_to_pfn(c->page) &
			    ~(unsigned long)(PTRS_PER_PMD - 1);
	pmd_t pmd = pfn_pmd(pfn, __pgprot(USER_PAGE | _PAGE_PSE));
	struct vasinfo_xlate x;

	decode(test, &x, VASINFO_LEVEL_PMD, pmd_val(pmd), PMD_SIZE, true);
	KUNIT_EXPECT_EQ(test, x.page_size, (u64)PMD_SIZE);
	KUNIT_EXPECT_EQ(test, x.leaf, (u32)VASINFO_LEVEL_PMD);
	KUNIT_EXPECT_TRUE(test, x.hw & VASINFO_HW_HUGE);
	/* 0x401234 is 1 page and 0x234 bytes into its 2 MiB page. */
	KUNIT_EXPECT_EQ(test, x.pfn, (u64)pfn + 1);
}

static void decode_pfnmap(struct kunit *test)
{
	struct decode_ctx *c = test->priv;
	unsigned long pfn = page_to_pfn(c->page);
	pte_t pte = pte_mkspecial(pfn_pte(pfn, __pgprot(USER_PAGE)));
	struct vasinfo_xlate x;

	vasinfo_vma_init_flags(c->vma, c->vma->vm_flags | VM_PFNMAP | VM_IO);
	decode(test, &x, VASINFO_LEVEL_PTE, pte_val(pte), PAGE_SIZE, true);
	KUNIT_EXPECT_EQ(test, x.state, (u32)VASINFO_STATE_PRESENT);
	KUNIT_EXPECT_EQ(test, x.pagemap, 0ULL); /* pagemap never walks PFNMAP */
}

static struct kunit_case decode_cases[] = {
	KUNIT_CASE(decode_none),
	KUNIT_CASE(decode_swap_entry),
	KUNIT_CASE(decode_swap_hidden),
	KUNIT_CASE(decode_swap_bits),
	KUNIT_CASE(decode_migration),
	KUNIT_CASE(decode_present_page),
	KUNIT_CASE(decode_present_hidden),
	KUNIT_CASE(decode_protnone),
	KUNIT_CASE(decode_special),
	KUNIT_CASE(decode_zero_page),
	KUNIT_CASE(decode_pmd_leaf),
	KUNIT_CASE(decode_pfnmap),
	{},
};

struct kunit_suite vasinfo_decode_suite = {
	.name = "vasinfo_decode",
	.init = decode_init,
	.exit = decode_exit,
	.test_cases = decode_cases,
};
