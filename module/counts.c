// SPDX-License-Identifier: GPL-2.0
/*
 * COUNTS: per-VMA page counts in one pass over the page tables, without
 * runs. The walk is walk.c's (the same levels, the PMD read once under RCU
 * and the PTE table found from that copy), but it keeps no levels and
 * decodes nothing it does not count: each table entry is read once, and a
 * struct page is looked at only for what smaps counts from it (anonymous
 * or not, and the reference and map counts behind Shared/Private), never
 * for a PFNMAP mapping. The rules are those of smaps_pte_entry(),
 * smaps_pmd_entry() and smaps_hugetlb_range() in fs/proc/task_mmu.c, so
 * that every count can be held against /proc/PID/smaps; where the versions
 * differ, module/compat.h says how.
 */
#include <linux/mm.h>
#include <linux/huge_mm.h>
#include <linux/hugetlb.h>
#include <linux/page-flags.h>
#include <linux/pgtable.h>
#include <linux/rcupdate.h>

#include <vasinfo.h>
#include "internal.h"

/* Table entries read per mmap lock hold: one PTE table's worth, as pagemap. */
#define COUNT_HOLD PTRS_PER_PTE

/* @nr pages of one folio from @page, resident as smaps counts them. */
static void count_resident(struct vasinfo_vma_counts *e, struct page *page,
			   unsigned long nr, bool thp, bool present,
			   bool migration)
{
	unsigned int shared;

	shared = vasinfo_smaps_shared(page, nr, present, migration);
	e->rss += nr;
	if (PageAnon(page)) {
		e->anon += nr;
		if (thp)
			e->anon_thp += nr;
	} else {
		e->file += nr;
	}
	e->rss_shared += shared;
	e->rss_private += nr - shared;
}

/* One PTE of a VMA that is not hugetlb. */
static void count_pte(struct vasinfo_vma_counts *e, pte_t pte, bool smaps)
{
	vasinfo_leaf_t entry;
	struct page *page;
	unsigned long pfn;

	if (pte_present(pte)) {
		e->present++;
		/* vm_normal_page(): no page behind special or zero PTEs. */
		if (!smaps || pte_special(pte))
			return;
		pfn = pte_pfn(pte);
		if (is_zero_pfn(pfn))
			return;
		page = vasinfo_pfn_page(pfn);
		if (page)
			count_resident(e, page, 1, false, true, false);
		return;
	}
	if (!vasinfo_pte_is_swap(pte))
		return;
	entry = vasinfo_pte_leaf(pte);
	if (vasinfo_leaf_is_swap(entry)) {
		e->swapped++;
		return;
	}
	/* smaps counts the page of a migration (or other pfn) entry. */
	if (!smaps || !vasinfo_leaf_has_pfn(entry))
		return;
	page = vasinfo_pfn_page(vasinfo_leaf_pfn(entry));
	if (page)
		count_resident(e, page, 1, false, false,
			       vasinfo_leaf_is_migration(entry));
}

/*
 * A PMD or PUD leaf (a THP, a hugetlb page, or an empty or non-present
 * hugetlb slot), or a PTE of a hugetlb page of contiguous PTEs, with @raw
 * its value, of which the pages from @addr to @next are counted.
 */
static void count_leaf(struct vasinfo_vma_counts *e, struct vm_area_struct *vma,
		       u64 raw, int level, unsigned long addr,
		       unsigned long next, bool smaps)
{
	unsigned long size = level == VASINFO_LEVEL_PUD ? PUD_SIZE : PMD_SIZE;
	unsigned long nr = (next - addr) >> PAGE_SHIFT, idx, pfn;
	bool hugetlb = is_vm_hugetlb_page(vma);
	bool soft_dirty, uffd_wp;
	vasinfo_leaf_t entry;
	struct page *page;

	if (!raw)
		return;
	if (hugetlb)
		size = vma_kernel_pagesize(vma);
	idx = (addr & (size - 1)) >> PAGE_SHIFT;
	if (pte_present(__pte(raw))) {
		e->present += nr;
		if (size > PAGE_SIZE)
			e->huge += nr;
		if (!smaps)
			return;
		pfn = level == VASINFO_LEVEL_PUD ? pud_pfn(__pud(raw)) :
		      level == VASINFO_LEVEL_PMD ? pmd_pfn(__pmd(raw)) :
						   pte_pfn(__pte(raw));
		page = vasinfo_pfn_page(pfn);
		if (!page)
			return;
		if (hugetlb) {
			/* Shared_Hugetlb + Private_Hugetlb, not in Rss. */
			e->hugetlb += nr;
			return;
		}
		/* smaps walks no PUD leaf outside hugetlb (DAX). */
		if (level != VASINFO_LEVEL_PMD)
			return;
		/*
		 * The huge zero page is no page to smaps (FOLL_DUMP,
		 * vm_normal_page_pmd()): it alone is neither anonymous nor
		 * in a file's page cache.
		 */
		if (!PageAnon(page) && !READ_ONCE(page->mapping))
			return;
		count_resident(e, page + idx, nr, true, true, false);
		return;
	}
	if (!smaps)
		return;
	if (hugetlb) {
		pte_t pte = __pte(raw);

		if (vasinfo_pte_is_swap(pte) &&
		    vasinfo_leaf_has_pfn(vasinfo_pte_leaf(pte)))
			e->hugetlb += nr;
		return;
	}
	/* A THP being migrated: smaps counts its page. */
	if (level != VASINFO_LEVEL_PMD ||
	    !vasinfo_pmd_leaf(__pmd(raw), &entry, &soft_dirty, &uffd_wp) ||
	    !vasinfo_leaf_is_migration(entry))
		return;
	page = vasinfo_pfn_page(vasinfo_leaf_pfn(entry));
	if (page)
		count_resident(e, page + idx, nr, true, false, true);
}

/*
 * One step of the walk from @addr, below @end (inside @vma): an empty or
 * bad upper entry, a huge leaf, or the rest of one PTE table, with the
 * smaps counts if @smaps. *@work gets the number of entries read.
 * Return: where the next step starts.
 */
static unsigned long count_step(struct mm_struct *mm,
				struct vm_area_struct *vma, unsigned long addr,
				unsigned long end, struct vasinfo_vma_counts *e,
				bool smaps, unsigned long *work)
{
	bool hugetlb = is_vm_hugetlb_page(vma);
	unsigned long next, i, n;
	pte_t *ptep;
	pgd_t pgd;
	p4d_t p4d;
	pud_t pud;
	pmd_t pmd;

	*work = 1;
	pgd = READ_ONCE(*pgd_offset(mm, addr));
	if (pgd_none(pgd) || pgd_bad(pgd))
		return pgd_addr_end(addr, end);
	if (!vasinfo_arch_p4d_folded())
		p4d = READ_ONCE(*p4d_offset(&pgd, addr));
	else
		p4d = __p4d(pgd_val(pgd));
	if (p4d_none(p4d) || p4d_bad(p4d))
		return p4d_addr_end(addr, end);

	next = pud_addr_end(addr, end);
	pud = vasinfo_pudp_get(pud_offset(&p4d, addr));
	if (pud_none(pud))
		return next;
	if (pud_leaf(pud) || vasinfo_hugetlb_level(vma) == VASINFO_LEVEL_PUD) {
		count_leaf(e, vma, pud_val(pud), VASINFO_LEVEL_PUD, addr, next,
			   smaps);
		return next;
	}
	if (pud_bad(pud))
		return next;

	next = pmd_addr_end(addr, end);
	rcu_read_lock();
	pmd = vasinfo_pmdp_get_lockless(pmd_offset(&pud, addr));
	/* walk.c's pmd_kind(): a leaf, a hole, or a table to read. */
	if (vasinfo_hugetlb_level(vma) == VASINFO_LEVEL_PMD ||
	    (!pmd_none(pmd) &&
	     (pmd_trans_huge(pmd) || vasinfo_pmd_devmap(pmd) ||
	      !pmd_present(pmd)))) {
		rcu_read_unlock();
		count_leaf(e, vma, pmd_none(pmd) ? 0 : pmd_val(pmd),
			   VASINFO_LEVEL_PMD, addr, next, smaps);
		return next;
	}
	if (pmd_none(pmd) || pmd_bad(pmd)) {
		rcu_read_unlock();
		return next;
	}
	n = (next - addr) >> PAGE_SHIFT;
	ptep = pte_offset_kernel(&pmd, addr);
	for (i = 0; i < n; i++) {
		pte_t pte = ptep_get(ptep + i);
		unsigned long a = addr + i * PAGE_SIZE;

		if (pte_none(pte))
			continue;
		/* One PTE of a hugetlb page of contiguous PTEs (arm64). */
		if (hugetlb)
			count_leaf(e, vma, pte_val(pte), VASINFO_LEVEL_PTE, a,
				   a + PAGE_SIZE, smaps);
		else
			count_pte(e, pte, smaps);
	}
	rcu_read_unlock();
	*work = n;
	return next;
}

/**
 * vasinfo_count_hold - one mmap lock hold's worth of a COUNTS walk
 * @c: the walk: where it is, its budget, and the elements being filled
 * @mm: the address space, mmap lock held for reading
 *
 * Counts from c->addr on, VMA by VMA, into c->buf: an element per VMA (its
 * part in [c->addr, c->end)), the last one left open (c->open) where the
 * hold ended inside a VMA, to be continued by the next hold. With
 * c->tables_only only present, swapped and huge are counted. Stops after
 * about COUNT_HOLD table entries, at c->end, when c->budget is spent, or
 * when a new element is needed and c->n is c->room.
 */
void vasinfo_count_hold(struct vasinfo_counter *c, struct mm_struct *mm)
{
	struct vm_area_struct *vma = NULL;
	unsigned long vend = 0, work = 0, used;
	bool smaps = false;

	while (c->addr < c->end && c->budget && work < COUNT_HOLD) {
		struct vasinfo_vma_counts *e;

		if (!vma) {
			vma = find_vma(mm, c->addr);
			if (!vma || vma->vm_start >= c->end) {
				c->open = false;
				c->addr = c->end;
				return;
			}
			/* What was counted up to here is gone: a new VMA. */
			if (vma->vm_start > c->addr) {
				c->open = false;
				c->addr = vma->vm_start;
			}
			if (!c->open) {
				if (c->n == c->room)
					return;
				e = &c->buf[c->n++];
				memset(e, 0, sizeof(*e));
				e->start = c->addr;
				e->end = c->addr;
				c->open = true;
			}
			vend = min_t(u64, vma->vm_end, c->end);
			/* smaps walks no PFNMAP VMA. */
			smaps = !c->tables_only && !(vma->vm_flags & VM_PFNMAP);
		}
		e = &c->buf[c->n - 1];
		c->addr = count_step(mm, vma, c->addr, vend, e, smaps, &used);
		e->end = c->addr;
		work += used;
		c->budget -= min_t(u64, used, c->budget);
		if (c->addr >= vend) {
			c->open = false;
			vma = NULL;
		}
	}
}
