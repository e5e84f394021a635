// SPDX-License-Identifier: GPL-2.0
/*
 * The page-table walk: virtual address -> every level's entry -> frame.
 *
 * Read-only. Called with the mmap lock held for reading, which keeps the
 * VMA and the upper tables (PGD..PMD) of the addresses inside it from being
 * freed. Each entry is read exactly once (READ_ONCE) and the next table is
 * found from that copy, never from the live entry, so a concurrent change
 * gives a stale but self-consistent answer. The PMD and the PTE table it
 * points to are read as the kernel's own __pte_offset_map() reads them:
 * rcu_read_lock() first, then the PMD once, locklessly; only if that copy
 * is a table (not none, not a leaf or migration entry, not bad) is the
 * table found from it and the PTE read, all before rcu_read_unlock(). Since
 * 6.5 khugepaged may retract a PTE table with only the mmap read lock held
 * (and 7.2 reclaims empty ones), freeing it through RCU, so a table reached
 * this way stays allocated, if perhaps disconnected and empty, while it is
 * read. Nothing here faults, sleeps, takes a page reference or writes an
 * entry (a bad PMD is reported, never cleared).
 *
 * The decoding mirrors fs/proc/task_mmu.c (pagemap) and fs/proc/page.c
 * (kpageflags, kpagecount) so the tests can hold the two side by side.
 */
#include <linux/mm.h>
#include <linux/huge_mm.h>
#include <linux/hugetlb.h>
#include <linux/page-flags.h>
#include <linux/pgtable.h>
#include <linux/rcupdate.h>
#include <linux/swap.h>
#include <linux/swapops.h>

#include <vasinfo.h>
#include "internal.h"

/* pagemap's bits, fs/proc/task_mmu.c */
#define PM_SOFT_DIRTY BIT_ULL(55)
#define PM_MMAP_EXCLUSIVE BIT_ULL(56)
#define PM_UFFD_WP VASINFO_PM_UFFD_WP /* 0 where pagemap lacks it */
#define PM_GUARD_REGION VASINFO_PM_GUARD_REGION /* likewise */
#define PM_FILE BIT_ULL(61)
#define PM_SWAP BIT_ULL(62)
#define PM_PRESENT BIT_ULL(63)
#define PM_PFRAME_MASK GENMASK_ULL(54, 0)

struct leaf {
	int level; /* VASINFO_LEVEL_* of the entry */
	u64 raw; /* its value */
	unsigned long size; /* bytes it maps (or would map) */
	bool pmd_shared; /* hugetlb: its slot is in a shared PMD table */
	bool brief; /* only what a run holds: no levels, hw bits or pkey */
	bool no_facts; /* nor page facts: no struct page is read */
};

static void set_level(struct vasinfo_xlate *x, int level, u64 value,
		      unsigned int index, u32 flags)
{
	x->levels[level].value = value;
	x->levels[level].index = index;
	x->levels[level].flags = VASINFO_ENTRY_VALID | flags;
	x->leaf = level;
}

/* Frame of a present leaf, as pte_pfn/pmd_pfn/pud_pfn see it (on x86, L1TF-aware). */
static unsigned long leaf_pfn(const struct leaf *lf)
{
	switch (lf->level) {
	case VASINFO_LEVEL_PUD:
		return pud_pfn(__pud(lf->raw));
	case VASINFO_LEVEL_PMD:
		return pmd_pfn(__pmd(lf->raw));
	default:
		return pte_pfn(__pte(lf->raw));
	}
}

/* What one entry of @level maps, whatever page it is part of. */
static unsigned long entry_span(int level)
{
	if (level == VASINFO_LEVEL_PUD)
		return PUD_SIZE;
	return level == VASINFO_LEVEL_PMD ? PMD_SIZE : PAGE_SIZE;
}

/* Facts kpageflags/kpagecount give for @page (the exact frame's page). */
static void page_facts(struct vasinfo_xlate *x, struct page *page)
{
	bool anon, ksm;

	if (!page)
		return;
	x->mapcount = vasinfo_mapcount(page);
	if (vasinfo_small_page(page, &anon, &ksm)) {
		/*
		 * A page of its own, the common case: its own count, and no
		 * head, tail, hugetlb or THP to ask about, each of which
		 * would find its head again.
		 */
		x->refcount = page_ref_count(page);
		if (anon)
			x->page |= VASINFO_PAGE_ANON;
		if (ksm)
			x->page |= VASINFO_PAGE_KSM;
		if (x->mapcount > 1)
			x->page |= VASINFO_PAGE_SHARED;
		return;
	}
	x->refcount = page_count(page);
	if (PageAnon(page))
		x->page |= VASINFO_PAGE_ANON;
	if (vasinfo_page_ksm(page))
		x->page |= VASINFO_PAGE_KSM;
	if (PageHead(page))
		x->page |= VASINFO_PAGE_HEAD;
	if (PageTail(page))
		x->page |= VASINFO_PAGE_TAIL;
	if (PageHuge(page))
		x->page |= VASINFO_PAGE_HUGETLB;
	else if (PageTransCompound(page))
		x->page |= VASINFO_PAGE_THP;
	if (x->mapcount > 1)
		x->page |= VASINFO_PAGE_SHARED;
}

static void decode_present(struct vasinfo_xlate *x, struct vm_area_struct *vma,
			   const struct leaf *lf, bool show_pfn, u64 *pm)
{
	unsigned long addr = x->vaddr;
	/* The entry's own frame, and the page's: they differ in a PTE_CONT page. */
	unsigned long pfn =
		leaf_pfn(lf) +
		((addr & (entry_span(lf->level) - 1)) >> PAGE_SHIFT);
	unsigned long head = pfn - ((addr & (lf->size - 1)) >> PAGE_SHIFT);
	struct page *pm_page = NULL, *page;
	pte_t pte = __pte(lf->raw);
	enum vasinfo_pm_at at;

	x->state = VASINFO_STATE_PRESENT;
	if (!lf->brief) {
		x->hw = vasinfo_arch_hw(lf->raw, lf->level);
		x->pkey = vasinfo_arch_pkey(lf->raw);
	}
	*pm |= PM_PRESENT;
	if (show_pfn) {
		x->pfn = pfn;
		x->paddr = ((u64)pfn << PAGE_SHIFT) | (addr & ~PAGE_MASK);
		*pm |= pfn & PM_PFRAME_MASK;
	} else {
		x->pfn = VASINFO_HIDDEN;
		x->paddr = VASINFO_HIDDEN;
	}
	if (lf->no_facts)
		return;

	page = vasinfo_pfn_page(pfn);
	if (lf->level == VASINFO_LEVEL_PTE && !is_vm_hugetlb_page(vma)) {
		at = VASINFO_PM_AT_PTE;
		/* vm_normal_page() with pte_special: no page behind it. */
		if (pte_special(pte)) {
			/*
			 * No page for pagemap; but the zero page has a struct
			 * page whose counts kpagecount reports.
			 */
			if (is_zero_pfn(pfn)) {
				x->page |= VASINFO_PAGE_ZERO;
			} else {
				x->page |= VASINFO_PAGE_NO_STRUCT;
				page = NULL;
			}
		} else {
			pm_page = page;
		}
		if (pte_soft_dirty(pte))
			*pm |= PM_SOFT_DIRTY;
		if (pte_uffd_wp(pte))
			*pm |= PM_UFFD_WP;
	} else if (lf->level == VASINFO_LEVEL_PMD && !is_vm_hugetlb_page(vma)) {
		pmd_t pmd = __pmd(lf->raw);

		at = VASINFO_PM_AT_PMD;
		/* pagemap looks at the head page of a PMD-mapped THP. */
		pm_page = vasinfo_pfn_page(pmd_pfn(pmd));
		if (pmd_soft_dirty(pmd))
			*pm |= PM_SOFT_DIRTY;
		if (pmd_uffd_wp(pmd))
			*pm |= PM_UFFD_WP;
	} else {
		/*
		 * hugetlb: pte_page() of the huge entry huge_pte_offset()
		 * finds, the first of a contiguous run: the head page.
		 */
		at = VASINFO_PM_AT_HUGETLB;
		pm_page = vasinfo_pfn_page(head);
		if (vasinfo_huge_pte_uffd_wp(pte))
			*pm |= PM_UFFD_WP;
	}
	if (!page && !(x->page & VASINFO_PAGE_ZERO))
		x->page |= VASINFO_PAGE_NO_STRUCT;
	page_facts(x, page);

	if (vasinfo_pm_file(pm_page, at))
		*pm |= PM_FILE;
	if (vasinfo_pm_exclusive(pm_page, page, at, lf->pmd_shared))
		*pm |= PM_MMAP_EXCLUSIVE;
}

/* A non-present, non-empty leaf: swap, migration, hwpoison, marker... */
static void decode_swap(struct vasinfo_xlate *x, struct vm_area_struct *vma,
			const struct leaf *lf, bool show_pfn, u64 *pm)
{
	unsigned long addr = x->vaddr;
	bool pmd_level = lf->level == VASINFO_LEVEL_PMD &&
			 !is_vm_hugetlb_page(vma);
	pte_t pte = __pte(lf->raw);
	struct page *page = NULL;
	unsigned long offset;
	vasinfo_leaf_t entry;

	if (is_vm_hugetlb_page(vma)) {
		/* pagemap reports no swap or migration for hugetlb. */
		x->state = VASINFO_STATE_BAD;
		if (vasinfo_pte_is_swap(pte) &&
		    vasinfo_leaf_is_migration(vasinfo_pte_leaf(pte)))
			x->state = VASINFO_STATE_MIGRATION;
		if (vasinfo_pte_swp_uffd_wp_any(pte))
			*pm |= PM_UFFD_WP;
		return;
	}
	if (pmd_level) {
		bool soft_dirty, uffd_wp;

		if (!vasinfo_pmd_leaf(__pmd(lf->raw), &entry, &soft_dirty,
				      &uffd_wp)) {
			x->state = VASINFO_STATE_BAD;
			return;
		}
		if (soft_dirty)
			*pm |= PM_SOFT_DIRTY;
		if (uffd_wp)
			*pm |= PM_UFFD_WP;
	} else {
		if (!vasinfo_pte_is_swap(pte)) {
			x->state = VASINFO_STATE_BAD;
			return;
		}
		entry = vasinfo_pte_leaf(pte);
		if (pte_swp_soft_dirty(pte))
			*pm |= PM_SOFT_DIRTY;
		if (pte_swp_uffd_wp(pte))
			*pm |= PM_UFFD_WP;
		if (vasinfo_leaf_is_uffd_wp_marker(entry))
			*pm |= PM_UFFD_WP;
		if (vasinfo_leaf_is_guard_marker(entry))
			*pm |= PM_GUARD_REGION;
		if (vasinfo_pte_swp_exclusive(pte))
			x->page |= VASINFO_PAGE_SWAP_EXCLUSIVE;
	}

	if (vasinfo_leaf_is_migration(entry))
		x->state = VASINFO_STATE_MIGRATION;
	else if (vasinfo_leaf_is_hwpoison(entry))
		x->state = VASINFO_STATE_HWPOISON;
	else if (vasinfo_leaf_is_marker(entry))
		x->state = VASINFO_STATE_MARKER;
	else if (vasinfo_leaf_is_device(entry))
		x->state = VASINFO_STATE_DEVICE;
	else if (!vasinfo_leaf_is_swap(entry))
		x->state = VASINFO_STATE_BAD;
	else
		x->state = VASINFO_STATE_SWAP;

	*pm |= PM_SWAP;
	offset = vasinfo_leaf_pm_offset(entry);
	if (pmd_level)
		offset += (addr & ~PMD_MASK) >> PAGE_SHIFT;
	if (show_pfn) {
		x->swap_type = swp_type(entry);
		x->swap_offset = offset;
		*pm |= (swp_type(entry) |
			((u64)offset << MAX_SWAPFILES_SHIFT)) &
		       PM_PFRAME_MASK;
	} else {
		x->swap_type = VASINFO_HIDDEN;
		x->swap_offset = VASINFO_HIDDEN;
	}
	if (lf->no_facts)
		return;
	/*
	 * Not pfn_swap_entry_to_page(): it BUG()s on a migration entry whose
	 * page is no longer locked, which pagemap rules out by holding the PTE
	 * lock and we, reading locklessly, cannot. (Found by the KUnit suite.)
	 */
	if (vasinfo_leaf_pm_has_page(entry))
		page = vasinfo_pfn_page(vasinfo_leaf_pfn(entry));
	if (vasinfo_pm_file(page,
			    pmd_level ? VASINFO_PM_AT_PMD : VASINFO_PM_AT_PTE))
		*pm |= PM_FILE;
	if (vasinfo_pm_exclusive_swap(page, vasinfo_leaf_is_migration(entry)))
		*pm |= PM_MMAP_EXCLUSIVE;
}

/*
 * Raw entries carry physical addresses (of the next table or the frame)
 * and swap locations: without CAP_SYS_ADMIN keep only the flag bits.
 */
static void hide_entries(struct vasinfo_xlate *x)
{
	int i;

	for (i = 0; i < VASINFO_LEVELS; i++)
		x->levels[i].value = vasinfo_arch_hide(x->levels[i].value);
}

static void decode_leaf(struct vasinfo_xlate *x, struct vm_area_struct *vma,
			const struct leaf *lf, bool show_pfn)
{
	u64 pm = vasinfo_vma_softdirty(vma) ? PM_SOFT_DIRTY : 0;
	int level = lf->level;

	if (level >= 0) {
		if (!lf->brief)
			x->levels[level].flags |= VASINFO_ENTRY_LEAF;
		x->leaf = level;
		x->page_size = lf->size;
		if (lf->raw == 0 ||
		    (level == VASINFO_LEVEL_PTE && pte_none(__pte(lf->raw))))
			x->state = VASINFO_STATE_NONE;
		else if (pte_present(__pte(lf->raw)))
			decode_present(x, vma, lf, show_pfn, &pm);
		else
			decode_swap(x, vma, lf, show_pfn, &pm);
	}
	/* pagemap shows VM_PFNMAP mappings as holes: it never walks them. */
	if (vma->vm_flags & VM_PFNMAP)
		pm &= PM_SOFT_DIRTY;
	x->pagemap = pm;
	if (pm & PM_FILE)
		x->page |= VASINFO_PAGE_FILE;
	if (pm & PM_MMAP_EXCLUSIVE)
		x->page |= VASINFO_PAGE_EXCLUSIVE;
	if (pm & PM_SOFT_DIRTY)
		x->page |= VASINFO_PAGE_SOFT_DIRTY;
	if (pm & PM_UFFD_WP)
		x->page |= VASINFO_PAGE_UFFD_WP;
	if (!show_pfn && !lf->brief)
		hide_entries(x);
}

/**
 * vasinfo_decode_leaf - fill @x from the leaf entry the walk ended on
 * @x: result, with vaddr, VMA and levels already filled
 * @vma: the VMA of x->vaddr
 * @level: VASINFO_LEVEL_* of the leaf, or -1 if the walk ended on an
 *	   empty or bad upper level (x->state already says which)
 * @raw: the leaf entry's value
 * @size: bytes the leaf maps
 * @show_pfn: the caller may see frames and swap locations
 *
 * Also computes the pagemap entry and, without @show_pfn, hides the address
 * bits of every level's entry. A hugetlb entry is taken to be in a PMD table
 * that is not shared (only vasinfo_walk() knows where the entry lives).
 */
void vasinfo_decode_leaf(struct vasinfo_xlate *x, struct vm_area_struct *vma,
			 int level, u64 raw, unsigned long size, bool show_pfn)
{
	struct leaf lf = { .level = level, .raw = raw, .size = size };

	decode_leaf(x, vma, &lf, show_pfn);
}

/**
 * vasinfo_hugetlb_level - the level whose entries map a hugetlb VMA's pages
 * @vma: any VMA
 *
 * A huge page of a PUD's or a PMD's size is one entry of that level; arm64
 * also makes huge pages of contiguous entries (PTE_CONT: 64 KiB of PTEs
 * and 32 MiB of PMDs with 4 KiB pages, 2 MiB and 1 GiB with 16 KiB), each
 * entry mapping its own part, as huge_pte_offset() finds them.
 *
 * Return: VASINFO_LEVEL_PUD, _PMD or _PTE, or -1 if @vma is not hugetlb.
 */
int vasinfo_hugetlb_level(struct vm_area_struct *vma)
{
	unsigned long size;

	if (!is_vm_hugetlb_page(vma))
		return -1;
	size = vma_kernel_pagesize(vma);
	if (size >= PUD_SIZE)
		return VASINFO_LEVEL_PUD;
	return size >= PMD_SIZE ? VASINFO_LEVEL_PMD : VASINFO_LEVEL_PTE;
}

static unsigned long leaf_size_of(struct vm_area_struct *vma, int level)
{
	if (is_vm_hugetlb_page(vma))
		return vma_kernel_pagesize(vma);
	return level == VASINFO_LEVEL_PMD ? PMD_SIZE : PAGE_SIZE;
}

enum pmd_kind { PMD_NONE, PMD_LEAF, PMD_BAD, PMD_TABLE };

/*
 * What a PMD value read by the walk is. PMD_TABLE exactly when
 * __pte_offset_map() (mm/pgtable-generic.c) would map the table: not none,
 * not a migration entry (nor any non-present entry), not trans-huge or
 * devmap, not bad. Unlike it, a bad PMD is only reported, never cleared.
 * In a hugetlb VMA of PMD-level pages every PMD, even an empty one, is the
 * leaf slot; with pages of contiguous PTEs it is a table as any other.
 */
static enum pmd_kind pmd_kind(struct vm_area_struct *vma, pmd_t pmd)
{
	if (vasinfo_hugetlb_level(vma) == VASINFO_LEVEL_PMD)
		return PMD_LEAF;
	if (pmd_none(pmd))
		return PMD_NONE;
	/* A 2 MiB leaf, or a THP migration entry in its place. */
	if (pmd_trans_huge(pmd) || vasinfo_pmd_devmap(pmd) || !pmd_present(pmd))
		return PMD_LEAF;
	if (pmd_bad(pmd))
		return PMD_BAD;
	return PMD_TABLE;
}

/* Where one descent is, from the VMA down to the entry it ends on. */
struct descent {
	struct vasinfo_xlate *x; /* the answer being filled */
	struct vm_area_struct *vma;
	unsigned long addr;
	unsigned long end; /* the answer holds up to here */
	struct leaf lf; /* the leaf, or .level -1 for an empty or bad entry */
	void *slot; /* where a hugetlb leaf lives */
};

/*
 * The descent ends on an empty or bad entry of an upper level: the answer
 * holds for the addresses that entry covers (*_addr_end), no further.
 */
static void stop_upper(struct descent *d, bool none, unsigned long end)
{
	d->x->state = none ? VASINFO_STATE_NO_TABLE : VASINFO_STATE_BAD;
	d->end = end;
}

/* The descent ends on the leaf @level of @size bytes, @raw, in @slot. */
static void stop_leaf(struct descent *d, int level, u64 raw, unsigned long size,
		      void *slot)
{
	d->lf = (struct leaf){ .level = level, .raw = raw, .size = size };
	d->slot = slot;
}

/* PGD and P4D. Return: false if the descent ended there. */
static bool descend_p4d(struct descent *d, struct mm_struct *mm, p4d_t *p4dv)
{
	unsigned long addr = d->addr;
	pgd_t pgd = READ_ONCE(*pgd_offset(mm, addr));
	p4d_t p4d;

	set_level(d->x, VASINFO_LEVEL_PGD, pgd_val(pgd), pgd_index(addr), 0);
	if (pgd_none(pgd) || pgd_bad(pgd)) {
		stop_upper(d, pgd_none(pgd), pgd_addr_end(addr, d->end));
		return false;
	}
	if (!vasinfo_arch_p4d_folded()) {
		p4d = READ_ONCE(*p4d_offset(&pgd, addr));
		set_level(d->x, VASINFO_LEVEL_P4D, p4d_val(p4d),
			  vasinfo_arch_p4d_index(addr), 0);
	} else {
		/* Folded: the PGD entry is the P4D entry. */
		p4d = __p4d(pgd_val(pgd));
		d->x->levels[VASINFO_LEVEL_P4D].flags = VASINFO_ENTRY_FOLDED;
	}
	if (p4d_none(p4d) || p4d_bad(p4d)) {
		stop_upper(d, p4d_none(p4d), p4d_addr_end(addr, d->end));
		return false;
	}
	*p4dv = p4d;
	return true;
}

/* The PUD. Return: false if the descent ended there. */
static bool descend_pud(struct descent *d, p4d_t p4d, pud_t *pudv)
{
	unsigned long addr = d->addr;
	pud_t *pudp = pud_offset(&p4d, addr);
	pud_t pud = vasinfo_pudp_get(pudp);
	bool huge_slot = vasinfo_hugetlb_level(d->vma) == VASINFO_LEVEL_PUD;

	set_level(d->x, VASINFO_LEVEL_PUD, pud_val(pud), pud_index(addr), 0);
	/* In a 1 GiB hugetlb VMA the PUD is the leaf slot, even if empty. */
	if (huge_slot || (!pud_none(pud) && pud_leaf(pud))) {
		stop_leaf(d, VASINFO_LEVEL_PUD,
			  pud_none(pud) ? 0 : pud_val(pud), PUD_SIZE, pudp);
		return false;
	}
	if (pud_none(pud) || pud_bad(pud)) {
		/*
		 * Only this entry is bad: the next PUD's addresses have their
		 * own entry, so the answer covers this PUD's span, no more.
		 */
		stop_upper(d, pud_none(pud), pud_addr_end(addr, d->end));
		return false;
	}
	*pudv = pud;
	return true;
}

/*
 * The PMD and, if it points to a table, the PTE: both read inside one RCU
 * section, the table found from the PMD's copy. With @t, the table is
 * remembered for vasinfo_walk_table().
 */
static void descend_pmd(struct descent *d, pud_t pud, struct vasinfo_table *t)
{
	unsigned long addr = d->addr;
	pmd_t *pmdp = pmd_offset(&pud, addr);
	enum pmd_kind kind;
	pmd_t pmd;
	pte_t pte;

	rcu_read_lock();
	pmd = vasinfo_pmdp_get_lockless(pmdp);
	kind = pmd_kind(d->vma, pmd);
	if (kind == PMD_TABLE)
		pte = ptep_get(pte_offset_kernel(&pmd, addr));
	rcu_read_unlock();

	set_level(d->x, VASINFO_LEVEL_PMD, pmd_val(pmd), pmd_index(addr), 0);
	switch (kind) {
	case PMD_NONE:
	case PMD_BAD:
		/* As for a bad PUD: this PMD's span only. */
		stop_upper(d, kind == PMD_NONE, pmd_addr_end(addr, d->end));
		return;
	case PMD_LEAF:
		/* The THPs after this one are read from this PMD table. */
		if (t && !is_vm_hugetlb_page(d->vma) && pmd_present(pmd) &&
		    pmd_trans_huge(pmd)) {
			t->tmpl = *d->x;
			t->vma = d->vma;
			t->thp_pmdp = pmdp;
			t->thp_end = min(d->vma->vm_end,
					 pud_addr_end(addr, d->vma->vm_end));
		}
		/* An empty hugetlb slot is reported as an empty leaf. */
		stop_leaf(d, VASINFO_LEVEL_PMD,
			  pmd_none(pmd) ? 0 : pmd_val(pmd),
			  leaf_size_of(d->vma, VASINFO_LEVEL_PMD), pmdp);
		return;
	case PMD_TABLE:
		break;
	}
	/* A hugetlb page of contiguous PTEs is no 4 KiB page: no table runs. */
	if (t && !is_vm_hugetlb_page(d->vma)) {
		/* What the next pages of this table share with this one. */
		t->tmpl = *d->x;
		t->vma = d->vma;
		t->pmdp = pmdp;
		t->pmd = pmd_val(pmd);
		t->end =
			min(d->vma->vm_end, pmd_addr_end(addr, d->vma->vm_end));
	}
	set_level(d->x, VASINFO_LEVEL_PTE, pte_val(pte), pte_index(addr), 0);
	stop_leaf(d, VASINFO_LEVEL_PTE, pte_val(pte),
		  leaf_size_of(d->vma, VASINFO_LEVEL_PTE), NULL);
}

/* The answer for an address in no VMA, and the VMA's before a descent. */
static bool start_walk(struct descent *d, struct mm_struct *mm)
{
	struct vasinfo_xlate *x = d->x;
	struct vm_area_struct *vma;

	memset(x, 0, sizeof(*x));
	x->vaddr = d->addr;
	x->refcount = -1;
	x->mapcount = -1;
	x->page_size = PAGE_SIZE;

	vma = find_vma(mm, d->addr);
	if (!vma || vma->vm_start > d->addr) {
		x->state = VASINFO_STATE_UNMAPPED;
		d->end = vma ? vma->vm_start : TASK_SIZE_MAX;
		return false;
	}
	x->mapped = 1;
	/*
	 * Until a leaf says otherwise, the size any page of this VMA maps: a
	 * hugetlb VMA whose upper tables are still empty has no 4 KiB pages.
	 */
	if (is_vm_hugetlb_page(vma))
		x->page_size = vma_kernel_pagesize(vma);
	x->vma_start = vma->vm_start;
	x->vma_end = vma->vm_end;
	x->vma_flags = vasinfo_vma_flags(vma);
	d->vma = vma;
	d->end = vma->vm_end;
	return true;
}

/* vasinfo_walk(), and with @t the PTE table the walk ended in. */
static unsigned long walk_addr(struct mm_struct *mm, unsigned long addr,
			       bool show_pfn, struct vasinfo_xlate *x,
			       struct vasinfo_table *t)
{
	struct descent d = { .x = x, .addr = addr, .lf = { .level = -1 } };
	p4d_t p4d;
	pud_t pud;

	if (!start_walk(&d, mm))
		return d.end - addr;
	if (descend_p4d(&d, mm, &p4d) && descend_pud(&d, p4d, &pud))
		descend_pmd(&d, pud, t);
	if (d.lf.level >= 0) {
		/* pagemap's hugetlb_pmd_shared(ptep), 6.12 on. */
		if (d.slot && is_vm_hugetlb_page(d.vma))
			d.lf.pmd_shared = vasinfo_hugetlb_pmd_shared(d.slot);
		d.end = min(d.end, ALIGN_DOWN(addr, d.lf.size) + d.lf.size);
	}
	decode_leaf(x, d.vma, &d.lf, show_pfn);
	if (d.end <= addr)
		d.end = addr + PAGE_SIZE;
	return d.end - addr;
}

/**
 * vasinfo_walk - translate one address of @mm
 * @mm: the address space, mmap lock held for reading
 * @addr: a user address (below TASK_SIZE_MAX)
 * @show_pfn: the caller may see frames and swap locations
 * @x: the result, filled completely
 *
 * Return: how many bytes from @addr on share this answer's leaf (at least
 * to the next page), so that range walks can step over huge pages, empty
 * tables and holes.
 */
unsigned long vasinfo_walk(struct mm_struct *mm, unsigned long addr,
			   bool show_pfn, struct vasinfo_xlate *x)
{
	return walk_addr(mm, addr, show_pfn, x, NULL);
}

/**
 * vasinfo_walk_first - vasinfo_walk(), remembering the PTE table it used
 * @mm: the address space, mmap lock held for reading
 * @addr: a user address (below TASK_SIZE_MAX)
 * @show_pfn: the caller may see frames and swap locations
 * @x: the result, filled completely
 * @t: set up for vasinfo_walk_table() when the walk ended in a PTE table
 *	(t->end > @addr + PAGE_SIZE then), else t->end is 0; for
 *	vasinfo_pmd_runs() when it ended on a THP (t->thp_end is not 0)
 *
 * Return: as vasinfo_walk().
 */
unsigned long vasinfo_walk_first(struct mm_struct *mm, unsigned long addr,
				 bool show_pfn, struct vasinfo_xlate *x,
				 struct vasinfo_table *t)
{
	t->end = 0;
	t->thp_end = 0;
	return walk_addr(mm, addr, show_pfn, x, t);
}

/*
 * The table of @t again, in an RCU section the caller is in: the PMD read
 * once more, as __pte_offset_map() reads it, and the table found from that
 * copy only if it still holds the value vasinfo_walk_first() read.
 * Return: the entry of @addr, or NULL if the PMD changed.
 */
static pte_t *table_again(const struct vasinfo_table *t, unsigned long addr)
{
	pmd_t pmd = vasinfo_pmdp_get_lockless(t->pmdp);

	if (pmd_val(pmd) != t->pmd)
		return NULL;
	return pte_offset_kernel(&pmd, addr);
}

/**
 * vasinfo_walk_table - translate the next pages of a PTE table at once
 * @t: the table, from vasinfo_walk_first() in the same mmap lock hold
 * @addr: the first address, page-aligned, below t->end
 * @n: how many pages, each below t->end
 * @show_pfn: the caller may see frames and swap locations
 * @how: 0 for results in full; VASINFO_WALK_BRIEF for only what a run
 *	 holds (the fields before levels[], no hardware bits or protection
 *	 key), with VASINFO_WALK_NO_FACTS also without page facts
 * @out: @n results, each exactly what vasinfo_walk() would give (but for
 *	 what @how leaves out)
 *
 * What pagemap does for a PTE table: the PMD is read again and, if it still
 * points to the same table, the table is mapped once and its entries read
 * one after the other, all inside one RCU section (as __pte_offset_map()),
 * instead of a descent from the PGD for every page. The VMA and the upper
 * levels are those of vasinfo_walk_first(): the mmap lock the caller holds
 * keeps them.
 *
 * Return: how many results were filled: @n, or 0 if the PMD changed since
 * vasinfo_walk_first() (the caller walks those pages one by one instead).
 */
unsigned int vasinfo_walk_table(const struct vasinfo_table *t,
				unsigned long addr, unsigned int n,
				bool show_pfn, unsigned int how,
				struct vasinfo_xlate *out)
{
	bool brief = how & VASINFO_WALK_BRIEF;
	unsigned int i;
	pte_t *ptep;

	rcu_read_lock();
	ptep = table_again(t, addr);
	if (!ptep) {
		rcu_read_unlock();
		return 0;
	}
	for (i = 0; i < n; i++) {
		struct vasinfo_xlate *x = &out[i];
		unsigned long a = addr + i * PAGE_SIZE;
		pte_t pte = ptep_get(ptep + i);
		struct leaf lf = { .level = VASINFO_LEVEL_PTE,
				   .raw = pte_val(pte),
				   .size = PAGE_SIZE,
				   .brief = brief,
				   .no_facts = how & VASINFO_WALK_NO_FACTS };

		if (brief) {
			memcpy(x, &t->tmpl,
			       offsetof(struct vasinfo_xlate, levels));
		} else {
			*x = t->tmpl;
			set_level(x, VASINFO_LEVEL_PTE, pte_val(pte),
				  pte_index(a), 0);
		}
		x->vaddr = a;
		decode_leaf(x, t->vma, &lf, show_pfn);
	}
	rcu_read_unlock();
	return n;
}

/*
 * What the page facts of a run (RUN_PAGE_MASK) come from, for a present,
 * normal PTE whose page is a page of its own (not part of a compound page,
 * so neither THP nor hugetlb): anonymous or not, KSM or not, and its map
 * count, which says SHARED and, as pagemap reads it, EXCLUSIVE. Two such
 * pages alike in these have the same facts.
 */
struct page_sig {
	bool small; /* the entry has such a page; nothing else is set if not */
	bool anon;
	bool ksm;
	int mapcount; /* page->_mapcount as read */
	struct page *page; /* for the next frame's, vasinfo_next_pfn_page() */
};

/*
 * @pte's page_sig; @prev is the page of the frame before @pte's, if that
 * one was looked at (its struct page is then found without a lookup).
 */
static struct page_sig page_sig(pte_t pte, struct page *prev)
{
	struct page_sig sig = { .small = false };
	struct page *page;

	if (pte_special(pte))
		return sig;
	page = vasinfo_next_pfn_page(prev, pte_pfn(pte));
	if (!page || !vasinfo_small_page(page, &sig.anon, &sig.ksm))
		return sig;
	sig.small = true;
	sig.mapcount = atomic_read(&page->_mapcount);
	sig.page = page;
	return sig;
}

/* The entry before the one being looked at, in vasinfo_table_runs(). */
struct table_prev {
	pte_t pte;
	struct page_sig sig; /* page_sig(pte), if @have_sig */
	bool have_sig;
};

/*
 * Are @pte's page and @p->pte's both pages of their own, alike in
 * page_sig()? @next: @pte maps the frame after @p->pte's, whose struct
 * page is then the one after. On success @pte's page_sig() is kept for
 * the entry after it. Inlined: it is the in-order loop's hot path.
 */
static __always_inline bool pages_alike(struct table_prev *p, pte_t pte,
					bool next)
{
	struct page_sig sig;

	if (!p->have_sig)
		p->sig = page_sig(p->pte, NULL);
	if (!p->sig.small)
		return false;
	sig = page_sig(pte, next ? p->sig.page : NULL);
	if (!sig.small || sig.anon != p->sig.anon || sig.ksm != p->sig.ksm ||
	    sig.mapcount != p->sig.mapcount)
		return false;
	p->sig = sig;
	p->have_sig = true;
	return true;
}

/*
 * Does @pte, the entry after @p->pte in a PTE table (never hugetlb),
 * continue the run @p->pte ended in, as vasinfo_runs_add() of its decoding
 * would find? Decided without decoding where the entries tell: an empty
 * entry after an empty one (same state, and the facts of the VMA); a
 * present one after a present one: without page facts if it maps the next
 * frame (or frames are not shown), with them if it is the same entry but
 * for the next frame and both pages have the same page_sig(). If false,
 * @pte must be decoded.
 */
static bool pte_continues(struct table_prev *p, pte_t pte,
			  const struct vasinfo_runs *r)
{
	pte_t prev = p->pte;

	if (pte_none(pte))
		return pte_none(prev);
	if (!pte_present(pte) || !pte_present(prev))
		return false;
	if (r->no_facts)
		return !r->show_pfn || pte_pfn(pte) == pte_pfn(prev) + 1;
	if (pte_val(pte) != pte_val(prev) + PAGE_SIZE ||
	    pte_pfn(pte) != pte_pfn(prev) + 1)
		return false;
	return pages_alike(p, pte, true);
}

/*
 * @pte, after @p->pte in a PTE table, does not continue its run as
 * pte_continues() sees it. Is it at least alike in all but the frame:
 * both present, the same entry flags and (with page facts) both pages of
 * their own alike in page_sig()? Then its decoding differs from the run's
 * only in the frame: it continues the run if frames are not shown, and
 * else starts a run like the last one (memory whose frames are out of
 * order, where every page is a run of its own). Out of the hot path of
 * pte_continues(), which memory in frame order takes.
 */
static noinline bool pte_alike(struct table_prev *p, pte_t pte,
			       const struct vasinfo_runs *r)
{
	pte_t prev = p->pte;

	if (!pte_present(pte) || !pte_present(prev))
		return false;
	/*
	 * The next frame joins the run: decoded, for vasinfo_runs_add() to
	 * see it (an entry whose value does not show it, as x86's inverted
	 * PROT_NONE entries, comes here).
	 */
	if (r->show_pfn && pte_pfn(pte) == pte_pfn(prev) + 1)
		return false;
	if (r->no_facts)
		return true;
	if (pgprot_val(pte_pgprot(pte)) != pgprot_val(pte_pgprot(prev)))
		return false;
	return pages_alike(p, pte, false);
}

/*
 * @more pages continue the last run, each as its entry before, @pte: a run
 * continues only with entries of its own state (pte_continues()).
 */
static void runs_extend(struct vasinfo_runs *r, unsigned int more, pte_t pte)
{
	if (!more)
		return;
	r->buf[r->n - 1].pages += more;
	if (pte_none(pte))
		r->none += more;
	else
		r->present += more;
}

/**
 * vasinfo_table_runs - the next pages of a PTE table, straight into runs
 * @t: the table, from vasinfo_walk_first() in the same mmap lock hold
 * @addr: the first address, page-aligned, below t->end
 * @n: how many pages at most, each below t->end
 * @r: the runs; the first page may continue the last of them
 *
 * RANGE's loop over a table: as vasinfo_walk_table() with
 * VASINFO_WALK_BRIEF (and VASINFO_WALK_NO_FACTS if @r->no_facts) followed
 * by vasinfo_runs_add() of each page, with the same runs as result, but
 * one RCU section and one mapping of the table for all @n entries, and no
 * decoding of an entry that visibly continues the run of the one before
 * (pte_continues()): only a page that may start a new run, or whose page
 * facts must be read, is decoded.
 *
 * Return: how many pages were added, fewer than @n when a new run was
 * needed and @r was full; -EAGAIN, nothing added, if the PMD changed since
 * vasinfo_walk_first() (the caller walks those pages one by one instead).
 */
long vasinfo_table_runs(const struct vasinfo_table *t, unsigned long addr,
			unsigned int n, struct vasinfo_runs *r)
{
	struct leaf lf = { .level = VASINFO_LEVEL_PTE,
			   .size = PAGE_SIZE,
			   .brief = true,
			   .no_facts = r->no_facts };
	struct table_prev prev = { .have_sig = false };
	struct vasinfo_xlate x;
	unsigned int i, more = 0;
	pte_t *ptep;

	rcu_read_lock();
	ptep = table_again(t, addr);
	if (!ptep) {
		rcu_read_unlock();
		return -EAGAIN;
	}
	for (i = 0; i < n; i++) {
		pte_t pte = ptep_get(ptep + i);

		/* Pages that continue the last run are counted in @more. */
		/* Alike with frames hidden: runs are not cut on frames. */
		if (i && (pte_continues(&prev, pte, r) ||
			  (!r->show_pfn && pte_alike(&prev, pte, r)))) {
			more++;
		} else if (i && r->show_pfn && pte_alike(&prev, pte, r)) {
			runs_extend(r, more, prev.pte);
			more = 0;
			if (!vasinfo_runs_like_last(r, addr + i * PAGE_SIZE,
						    pte_pfn(pte)))
				break;
		} else {
			runs_extend(r, more, prev.pte);
			more = 0;
			memcpy(&x, &t->tmpl,
			       offsetof(struct vasinfo_xlate, levels));
			x.vaddr = addr + i * PAGE_SIZE;
			lf.raw = pte_val(pte);
			decode_leaf(&x, t->vma, &lf, r->show_pfn);
			if (!vasinfo_runs_add(r, &x, 1))
				break;
			prev.have_sig = false;
		}
		prev.pte = pte;
	}
	runs_extend(r, more, prev.pte);
	rcu_read_unlock();
	return i;
}

/**
 * vasinfo_pmd_runs - the THPs after the one a walk ended on, into runs
 * @t: from vasinfo_walk_first() in the same mmap lock hold, which ended on
 *     a THP (t->thp_end is not 0)
 * @addr: the first address, at a PMD boundary after that THP's start
 * @end: where to stop, at most t->thp_end
 * @steps: how many PMD entries at most
 * @r: the runs; the first THP may continue the last of them
 * @full: set when the loop stopped because a new run did not fit in @r
 *
 * RANGE's loop over a PMD table of THPs: each present THP entry after the
 * walk's is decoded as vasinfo_walk() would decode it (VASINFO_WALK_BRIEF)
 * and added to the runs, with no descent from the PGD, no VMA lookup and
 * no answer cleared for each, as pagemap_pmd_range() takes a THP whole.
 * The PMD table stays while the mmap lock is held; each entry is read as
 * the walk reads it, and anything but a present THP (an empty entry, a
 * PTE table after a split, a migration entry) stops the loop, for the
 * caller to walk from there.
 *
 * Return: how many pages were added: fewer than asked at the first entry
 * that is no THP, or when a new run was needed and @r was full (@full).
 */
long vasinfo_pmd_runs(const struct vasinfo_table *t, unsigned long addr,
		      unsigned long end, unsigned int steps,
		      struct vasinfo_runs *r, bool *full)
{
	struct leaf lf = { .level = VASINFO_LEVEL_PMD,
			   .size = PMD_SIZE,
			   .brief = true,
			   .no_facts = r->no_facts };
	pmd_t *pmdp = t->thp_pmdp +
		      ((addr - (t->tmpl.vaddr & PMD_MASK)) >> PMD_SHIFT);
	struct vasinfo_xlate x;
	long added = 0;

	*full = false;
	end = min(end, t->thp_end);
	for (; steps && addr < end; steps--, pmdp++) {
		pmd_t pmd = vasinfo_pmdp_get_lockless(pmdp);
		u64 pages = (min(end, addr + PMD_SIZE) - addr) >> PAGE_SHIFT;

		if (!pmd_present(pmd) || !pmd_trans_huge(pmd))
			break;
		memcpy(&x, &t->tmpl, offsetof(struct vasinfo_xlate, levels));
		x.vaddr = addr;
		lf.raw = pmd_val(pmd);
		decode_leaf(&x, t->vma, &lf, r->show_pfn);
		if (!vasinfo_runs_add(r, &x, pages)) {
			*full = true;
			break;
		}
		added += pages;
		addr += PMD_SIZE;
	}
	return added;
}
