/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every difference between the kernel generations vasinfo supports lives
 * here, so that the logic in the other files reads the same on all of them.
 * Kbuild forces this header into every file (-include) after testing the
 * kernel's headers for each feature (module/compat.mk: VASINFO_HAVE_*), so
 * an API that is there or not is told by the headers themselves. Version
 * numbers are compared only for what the headers cannot tell: the rules
 * the kernel's own pagemap and kpagecount follow (fs/proc/, which is not
 * in a headers package). The four targets are Debian's 5.10, 6.1, 6.12 and
 * 7.2 kernels; where a version test separates them, the release in between
 * that made the change is not verified. The sources behind every rule:
 * docs/research/kernel-compat.md.
 */
#ifndef VASINFO_COMPAT_H
#define VASINFO_COMPAT_H

#include <linux/version.h>
#include <linux/mm.h> /* first: huge_mm.h needs it */
#include <linux/huge_mm.h>
#include <linux/hugetlb.h>
#include <linux/page-flags.h>
#include <linux/pgtable.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sched/coredump.h>
#include <linux/swap.h>
#include <linux/swapops.h>
#include <linux/userfaultfd_k.h>

#ifdef VASINFO_HAVE_SOFTLEAF
#include <linux/leafops.h>
#endif
#ifdef VASINFO_HAVE_EXEC_STATE
#include <linux/sched/exec_state.h>
#endif

#if LINUX_VERSION_CODE < KERNEL_VERSION(5, 10, 0)
#error "vasinfo supports Linux 5.10 and newer (see dkms.conf)"
#endif

/* The name user space gave an anonymous mapping with PR_SET_VMA_ANON_NAME. */
static inline const char *vasinfo_anon_name(struct vm_area_struct *vma)
{
#ifdef CONFIG_ANON_VMA_NAME
	if (!vma->vm_file && vma->anon_name)
		return vma->anon_name->name;
#endif
	return NULL;
}

/*
 * An RSS counter as /proc/PID/status shows it. The counters are per CPU
 * since 6.2, and get_mm_counter() misses what the CPUs have not folded in
 * yet (hundreds of pages); task_mem() (fs/proc/task_mmu.c) reads
 * get_mm_counter_sum() where the kernel has it (6.12, 7.2) and
 * get_mm_counter() where it does not (5.10, 6.1).
 */
static inline unsigned long vasinfo_mm_counter(struct mm_struct *mm, int member)
{
#ifdef VASINFO_HAVE_GET_MM_COUNTER_SUM
	return get_mm_counter_sum(mm, member);
#else
	return get_mm_counter(mm, member);
#endif
}

/*
 * vm_flags is written through helpers since 6.3 (const otherwise, so that
 * per-VMA locks see every change). vasinfo never writes it; its KUnit
 * suites do, to set up VMAs: vasinfo_vma_init_flags() on a made-up VMA no
 * tree holds yet, vasinfo_vma_add_flags() on a real one under
 * mmap_write_lock().
 */
static inline void vasinfo_vma_init_flags(struct vm_area_struct *vma,
					  vm_flags_t flags)
{
#ifdef VASINFO_HAVE_VM_FLAGS_INIT
	vm_flags_init(vma, flags);
#else
	vma->vm_flags = flags;
#endif
}

static inline void vasinfo_vma_add_flags(struct vm_area_struct *vma,
					 vm_flags_t flags)
{
#ifdef VASINFO_HAVE_VM_FLAGS_INIT
	vm_flags_set(vma, flags);
#else
	vma->vm_flags |= flags;
#endif
}

/* VM_SOFTDIRTY is 0 without CONFIG_MEM_SOFT_DIRTY. */
static inline bool vasinfo_vma_softdirty(struct vm_area_struct *vma)
{
	return vma->vm_flags & VM_SOFTDIRTY;
}

/*
 * Read a PMD once, without its lock, as __pte_offset_map() does. The caller
 * holds rcu_read_lock() if it is going to follow the value to a PTE table.
 * pmdp_get_lockless() is in 6.12 (include/linux/pgtable.h:594) and 7.2, not
 * in 5.10 or 6.1; on x86-64 every form is a single 64-bit load.
 */
static inline pmd_t vasinfo_pmdp_get_lockless(pmd_t *pmdp)
{
#ifdef VASINFO_HAVE_PMDP_GET_LOCKLESS
	return pmdp_get_lockless(pmdp);
#else
	return READ_ONCE(*pmdp);
#endif
}

static inline pud_t vasinfo_pudp_get(pud_t *pudp)
{
	return READ_ONCE(*pudp);
}

/*
 * The VMAs of an mm in address order, from the first that ends above an
 * address, mmap lock held: the VMA iterator from 6.1 on (what
 * /proc/PID/maps uses; no descent of the tree per VMA as find_vma() does),
 * the vm_next list in 5.10.
 */
#ifdef VASINFO_HAVE_VMA_ITERATOR
struct vasinfo_vma_iter {
	struct vma_iterator vmi;
};

static inline struct vm_area_struct *
vasinfo_vma_first(struct vasinfo_vma_iter *it, struct mm_struct *mm,
		  unsigned long addr)
{
	vma_iter_init(&it->vmi, mm, addr);
	return vma_find(&it->vmi, ULONG_MAX);
}

static inline struct vm_area_struct *
vasinfo_vma_next(struct vasinfo_vma_iter *it)
{
	return vma_next(&it->vmi);
}
#else
struct vasinfo_vma_iter {
	struct vm_area_struct *vma;
};

static inline struct vm_area_struct *
vasinfo_vma_first(struct vasinfo_vma_iter *it, struct mm_struct *mm,
		  unsigned long addr)
{
	it->vma = find_vma(mm, addr);
	return it->vma;
}

static inline struct vm_area_struct *
vasinfo_vma_next(struct vasinfo_vma_iter *it)
{
	it->vma = it->vma->vm_next;
	return it->vma;
}
#endif

/*
 * The struct page of a frame that is online memory, or NULL.
 * pfn_to_online_page() is exported from 6.1 on.
 */
static inline struct page *vasinfo_pfn_page(unsigned long pfn)
{
	return pfn_to_online_page(pfn);
}

/*
 * The struct page of frame @pfn, which follows the frame of @prev (an
 * online page, or NULL if none was looked at): memory is added, removed,
 * onlined and offlined in subsections at the least, and a section's struct
 * pages lie side by side (SPARSEMEM, as every Debian kernel), so inside one
 * subsection the next frame's page is the next struct page, and only at a
 * subsection's start does pfn_to_online_page() look the section up.
 */
static inline struct page *vasinfo_next_pfn_page(struct page *prev,
						 unsigned long pfn)
{
#ifdef CONFIG_SPARSEMEM
	if (prev && (pfn & (PAGES_PER_SUBSECTION - 1)))
		return prev + 1;
#endif
	return vasinfo_pfn_page(pfn);
}

/* pmd_devmap() went with CONFIG_ARCH_HAS_PTE_DEVMAP (gone in 7.2). */
static inline bool vasinfo_pmd_devmap(pmd_t pmd)
{
#ifdef CONFIG_ARCH_HAS_PTE_DEVMAP
	return pmd_devmap(pmd);
#else
	return false;
#endif
}

/*
 * What __ptrace_may_access() checks after the credentials: is the target
 * dumpable by its owner, and in which user namespace CAP_SYS_PTRACE
 * overrides that. Up to 6.12 both live in the mm (get_dumpable(mm) ==
 * SUID_DUMP_USER, mm->user_ns); 7.2 keeps them in the task's exec_state
 * (kernel/ptrace.c task_still_dumpable()). Call under rcu_read_lock(); *ns
 * stays valid until rcu_read_unlock().
 */
static inline bool vasinfo_dumpable_owner(struct task_struct *task,
					  struct mm_struct *mm,
					  struct user_namespace **ns)
{
#ifdef VASINFO_HAVE_EXEC_STATE
	const struct task_exec_state *es = rcu_dereference(task->exec_state);

	if (!es) {
		/* Not expected for a live task with an mm: deny but to root. */
		*ns = &init_user_ns;
		return false;
	}
	*ns = es->user_ns;
	return READ_ONCE(es->dumpable) == TASK_DUMPABLE_OWNER;
#else
	*ns = mm->user_ns;
	return get_dumpable(mm) == SUID_DUMP_USER;
#endif
}

/*
 * Whether mm_access() lets a reader with perfmon_capable() (CAP_PERFMON or
 * CAP_SYS_ADMIN) in, whatever ptrace says: 7.2's may_access_mm()
 * (kernel/fork.c:1399) does for PTRACE_MODE_READ, which /proc/PID/maps
 * asks; 6.12 and earlier ask ptrace alone. kernel/fork.c is not in the
 * headers, so the version tells.
 */
static inline bool vasinfo_read_by_perfmon(void)
{
	return LINUX_VERSION_CODE >= KERNEL_VERSION(7, 0, 0);
}

/* --- Page facts, as kpageflags and kpagecount give them --- */

/* PageKsm() is gone in 7.2; folio_test_ksm() is there from 6.1 on. */
static inline bool vasinfo_page_ksm(struct page *page)
{
#ifdef VASINFO_HAVE_FOLIO_TEST_KSM
	return folio_test_ksm(page_folio(page));
#else
	return PageKsm(page);
#endif
}

/*
 * Is @page a page of its own (no part of a THP, hugetlb or other compound
 * page), and if so is it anonymous, is it KSM: for the page facts of a
 * run, with the page's head looked at once (PageAnon() and the KSM test
 * would each find the folio again). A page of its own is its own folio,
 * as page_folio() would find.
 */
static inline bool vasinfo_small_page(struct page *page, bool *anon, bool *ksm)
{
	if (PageCompound(page))
		return false;
#ifdef VASINFO_HAVE_FOLIO_TEST_KSM
	*anon = folio_test_anon((struct folio *)page);
	*ksm = folio_test_ksm((struct folio *)page);
#else
	*anon = PageAnon(page);
	*ksm = PageKsm(page);
#endif
	return true;
}

#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 12, 0) &&    \
	(LINUX_VERSION_CODE < KERNEL_VERSION(7, 0, 0) || \
	 defined(CONFIG_PAGE_MAPCOUNT))
#define VASINFO_HAVE_PRECISE_MAPCOUNT 1
/*
 * folio_precise_page_mapcount() from fs/proc/internal.h (6.12 :183; 7.2
 * :186, only under CONFIG_PAGE_MAPCOUNT), which is not in the headers
 * package.
 */
static inline int vasinfo_precise_mapcount(struct folio *folio,
					   struct page *page)
{
	int mapcount = atomic_read(&page->_mapcount) + 1;

	if (page_mapcount_is_type(mapcount))
		mapcount = 0;
	if (folio_test_large(folio))
		mapcount += folio_entire_mapcount(folio);
	return mapcount;
}
#elif LINUX_VERSION_CODE >= KERNEL_VERSION(7, 0, 0)
/* folio_average_page_mapcount(), 7.2 fs/proc/internal.h:221 */
static inline int vasinfo_average_mapcount(struct folio *folio)
{
	int mapcount, entire_mapcount, avg;

	if (!folio_test_large(folio))
		return atomic_read(&folio->_mapcount) + 1;

	mapcount = folio_large_mapcount(folio);
	if (unlikely(mapcount <= 0))
		return 0;
	entire_mapcount = folio_entire_mapcount(folio);
	if (mapcount <= entire_mapcount)
		return entire_mapcount;
	mapcount -= entire_mapcount;
	avg = ((unsigned int)mapcount + folio_large_nr_pages(folio) / 2) >>
	      folio_large_order(folio);
	return max_t(int, avg + entire_mapcount, 1);
}
#endif

/*
 * The map count /proc/kpagecount shows for @page: page_mapcount() in 5.10
 * and 6.1, folio_precise_page_mapcount() from 6.12 on (page_mapcount() is
 * gone there; 7.2 without CONFIG_PAGE_MAPCOUNT shows the folio's average).
 */
static inline int vasinfo_mapcount(struct page *page)
{
#ifdef VASINFO_HAVE_PRECISE_MAPCOUNT
	return vasinfo_precise_mapcount(page_folio(page), page);
#elif LINUX_VERSION_CODE >= KERNEL_VERSION(7, 0, 0)
	return vasinfo_average_mapcount(page_folio(page));
#else
	return page_mapcount(page);
#endif
}

/* --- smaps' rule for Shared and Private (fs/proc/task_mmu.c) --- */

/**
 * vasinfo_smaps_shared - how many of @nr pages smaps counts as Shared
 * @page: the first page (a subpage of a THP for a PMD leaf)
 * @nr: consecutive pages of one folio from @page, as one entry maps them
 * @present: the entry is present (or a device-private entry, which 6.12
 *	     treats as present)
 * @migration: the entry is a migration entry
 *
 * smaps_account(): a folio with a reference count of 1 is mapped once, so
 * all private; otherwise each page is shared when its map count is 2 or
 * more (page_mapcount() in 5.10 and 6.1, folio_precise_page_mapcount()
 * from 6.12). Non-present entries differ: 6.1 counts a migration entry's
 * page as private (and other entries by their map count); 6.12 counts
 * every non-present entry but device-private as shared. 7.2 is taken to
 * keep 6.12's rule (not verified against its source).
 *
 * Return: the number of the @nr pages smaps adds to Shared_*.
 */
static inline unsigned int vasinfo_smaps_shared(struct page *page,
						unsigned int nr, bool present,
						bool migration)
{
	unsigned int i, shared = 0;

#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 12, 0)
	if (!present)
		return nr;
	if (folio_ref_count(page_folio(page)) == 1)
		return 0;
#else
	if (migration || page_count(page) == 1)
		return 0;
#endif
	for (i = 0; i < nr; i++)
		shared += vasinfo_mapcount(page + i) >= 2;
	return shared;
}

/* --- pagemap's flag rules (fs/proc/task_mmu.c of each version) --- */

/* PM_UFFD_WP exists from 6.1 on: 5.10's pagemap never sets bit 57. */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 1, 0)
#define VASINFO_PM_UFFD_WP BIT_ULL(57)
#else
#define VASINFO_PM_UFFD_WP 0ULL
#endif
/* PM_GUARD_REGION (MADV_GUARD_INSTALL markers) exists in 7.2. */
#ifdef VASINFO_HAVE_SOFTLEAF
#define VASINFO_PM_GUARD_REGION BIT_ULL(58)
#else
#define VASINFO_PM_GUARD_REGION 0ULL
#endif

/* Where pagemap found the entry, for the rules that differ by place. */
enum vasinfo_pm_at {
	VASINFO_PM_AT_PTE,
	VASINFO_PM_AT_PMD,
	VASINFO_PM_AT_HUGETLB
};

/*
 * PM_FILE: the page pagemap looked at is not anonymous. 5.10's
 * pagemap_pmd_range() (task_mmu.c:1421) never sets it for a THP PMD.
 */
static inline bool vasinfo_pm_file(struct page *pm_page, enum vasinfo_pm_at at)
{
	if (!pm_page)
		return false;
	if (LINUX_VERSION_CODE < KERNEL_VERSION(6, 1, 0) &&
	    at == VASINFO_PM_AT_PMD)
		return false;
	return !PageAnon(pm_page);
}

#if LINUX_VERSION_CODE >= KERNEL_VERSION(7, 0, 0)
/* 7.2 task_mmu.c:1974 */
static inline bool vasinfo_page_mapped_exclusively(struct folio *folio,
						   struct page *page)
{
#ifdef VASINFO_HAVE_PRECISE_MAPCOUNT
	return vasinfo_precise_mapcount(folio, page) == 1;
#else
	return !folio_maybe_mapped_shared(folio);
#endif
}
#endif

/**
 * vasinfo_pm_exclusive - pagemap's PM_MMAP_EXCLUSIVE for a present entry
 * @pm_page: the page pagemap looks at: vm_normal_page() for a PTE, the
 *	     head (pmd_page()) for a THP PMD, pte_page() for hugetlb; or NULL
 * @page: the exact page of the address
 * @at: where the entry is
 * @pmd_shared: hugetlb_pmd_shared() of the hugetlb entry's slot
 *
 * Return: whether this kernel's pagemap sets PM_MMAP_EXCLUSIVE.
 */
static inline bool vasinfo_pm_exclusive(struct page *pm_page, struct page *page,
					enum vasinfo_pm_at at, bool pmd_shared)
{
	if (!pm_page)
		return false;
#if LINUX_VERSION_CODE >= KERNEL_VERSION(7, 0, 0)
	/* The THP loop passes the head for every subpage (task_mmu.c:2147). */
	if (at == VASINFO_PM_AT_HUGETLB)
		return !folio_maybe_mapped_shared(page_folio(pm_page)) &&
		       !pmd_shared;
	return vasinfo_page_mapped_exclusively(page_folio(pm_page), pm_page);
#elif LINUX_VERSION_CODE >= KERNEL_VERSION(6, 12, 0)
	if (at == VASINFO_PM_AT_HUGETLB)
		return !folio_likely_mapped_shared(page_folio(pm_page)) &&
		       !pmd_shared;
	/* The THP loop counts each subpage (page + idx, task_mmu.c:1837). */
	if (at == VASINFO_PM_AT_PMD)
		return page &&
		       vasinfo_precise_mapcount(page_folio(pm_page), page) == 1;
	return vasinfo_precise_mapcount(page_folio(pm_page), pm_page) == 1;
#else
	return page_mapcount(pm_page) == 1;
#endif
}

/*
 * PM_MMAP_EXCLUSIVE for the page of a non-present entry: up to 6.1 when it
 * is not a migration entry and mapped once; from 6.12 on only present
 * entries are ever exclusive.
 */
static inline bool vasinfo_pm_exclusive_swap(struct page *page, bool migration)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 12, 0)
	return false;
#else
	return page && !migration && page_mapcount(page) == 1;
#endif
}

/*
 * hugetlb_pmd_shared() of the slot holding a hugetlb entry: 6.12 and 7.2
 * use it for PM_MMAP_EXCLUSIVE; earlier pagemaps do not look at it.
 */
static inline bool vasinfo_hugetlb_pmd_shared(void *slot)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 12, 0) && \
	defined(CONFIG_HUGETLB_PAGE)
	return hugetlb_pmd_shared(slot);
#else
	return false;
#endif
}

/* --- Non-present entries: swp_entry_t up to 6.12, softleaf_t in 7.2 --- */

#ifdef VASINFO_HAVE_SOFTLEAF
typedef softleaf_t vasinfo_leaf_t;
#else
typedef swp_entry_t vasinfo_leaf_t;
#endif

/* A non-none, non-present PTE (is_swap_pte(), gone in 7.2). */
static inline bool vasinfo_pte_is_swap(pte_t pte)
{
#ifdef VASINFO_HAVE_SOFTLEAF
	return !pte_none(pte) && !pte_present(pte);
#else
	return is_swap_pte(pte);
#endif
}

static inline vasinfo_leaf_t vasinfo_pte_leaf(pte_t pte)
{
#ifdef VASINFO_HAVE_SOFTLEAF
	return softleaf_from_pte(pte);
#else
	return pte_to_swp_entry(pte);
#endif
}

/*
 * The entry of a non-present PMD (a THP migration entry) and its soft-dirty
 * and uffd-wp bits. False where the kernel has no THP migration, and so no
 * such PMD: the caller reports the entry as bad.
 */
static inline bool vasinfo_pmd_leaf(pmd_t pmd, vasinfo_leaf_t *e,
				    bool *soft_dirty, bool *uffd_wp)
{
#ifdef CONFIG_ARCH_ENABLE_THP_MIGRATION
#ifdef VASINFO_HAVE_SOFTLEAF
	*e = softleaf_from_pmd(pmd);
#else
	*e = pmd_to_swp_entry(pmd);
#endif
	*soft_dirty = pmd_swp_soft_dirty(pmd);
	*uffd_wp = pmd_swp_uffd_wp(pmd);
	return true;
#else
	return false;
#endif
}

static inline bool vasinfo_leaf_is_migration(vasinfo_leaf_t e)
{
#ifdef VASINFO_HAVE_SOFTLEAF
	return softleaf_is_migration(e);
#else
	return is_migration_entry(e);
#endif
}

static inline bool vasinfo_leaf_is_hwpoison(vasinfo_leaf_t e)
{
#ifdef VASINFO_HAVE_SOFTLEAF
	return softleaf_is_hwpoison(e);
#else
	return is_hwpoison_entry(e);
#endif
}

/* PTE markers exist from 6.1 on. */
static inline bool vasinfo_leaf_is_marker(vasinfo_leaf_t e)
{
#ifdef VASINFO_HAVE_SOFTLEAF
	return softleaf_is_marker(e);
#elif defined(VASINFO_HAVE_PTE_MARKER)
	return is_pte_marker_entry(e);
#else
	return false;
#endif
}

static inline bool vasinfo_leaf_is_uffd_wp_marker(vasinfo_leaf_t e)
{
#ifdef VASINFO_HAVE_SOFTLEAF
	return softleaf_is_uffd_wp_marker(e);
#elif defined(VASINFO_HAVE_PTE_MARKER)
	return pte_marker_entry_uffd_wp(e);
#else
	return false;
#endif
}

static inline bool vasinfo_leaf_is_guard_marker(vasinfo_leaf_t e)
{
#ifdef VASINFO_HAVE_SOFTLEAF
	return softleaf_is_guard_marker(e);
#else
	return false;
#endif
}

/* Device-private or device-exclusive (the latter from 6.1 on). */
static inline bool vasinfo_leaf_is_device(vasinfo_leaf_t e)
{
#ifdef VASINFO_HAVE_SOFTLEAF
	return softleaf_is_device_private(e) || softleaf_is_device_exclusive(e);
#elif defined(VASINFO_HAVE_DEVICE_EXCLUSIVE)
	return is_device_private_entry(e) || is_device_exclusive_entry(e);
#else
	return is_device_private_entry(e);
#endif
}

/* A real swap slot, not a migration/device/hwpoison/marker entry. */
static inline bool vasinfo_leaf_is_swap(vasinfo_leaf_t e)
{
#ifdef VASINFO_HAVE_SOFTLEAF
	return softleaf_is_swap(e);
#else
	return !non_swap_entry(e);
#endif
}

/* The entry carries a frame number (is_pfn_swap_entry() from 6.1 on). */
static inline bool vasinfo_leaf_has_pfn(vasinfo_leaf_t e)
{
#ifdef VASINFO_HAVE_SOFTLEAF
	return softleaf_has_pfn(e);
#elif defined(VASINFO_HAVE_SWP_OFFSET_PFN)
	return is_pfn_swap_entry(e);
#else
	return is_migration_entry(e) || is_device_private_entry(e) ||
	       is_hwpoison_entry(e);
#endif
}

/* Its frame; in 5.10 the offset is the frame, 6.1 added migration A/D bits. */
static inline unsigned long vasinfo_leaf_pfn(vasinfo_leaf_t e)
{
#ifdef VASINFO_HAVE_SOFTLEAF
	return softleaf_to_pfn(e);
#elif defined(VASINFO_HAVE_SWP_OFFSET_PFN)
	return swp_offset_pfn(e);
#else
	return swp_offset(e);
#endif
}

/*
 * Whether pagemap takes a page from the entry (for PM_FILE and
 * PM_MMAP_EXCLUSIVE): 5.10 only from migration and device-private entries
 * (task_mmu.c:1401-1408), 6.1 on from every entry with a frame.
 */
static inline bool vasinfo_leaf_pm_has_page(vasinfo_leaf_t e)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 1, 0)
	return vasinfo_leaf_has_pfn(e);
#else
	return is_migration_entry(e) || is_device_private_entry(e);
#endif
}

/* The offset pagemap puts in the frame field. */
static inline unsigned long vasinfo_leaf_pm_offset(vasinfo_leaf_t e)
{
	return vasinfo_leaf_has_pfn(e) ? vasinfo_leaf_pfn(e) : swp_offset(e);
}

/* --- Software bits of non-present and hugetlb entries --- */

/* Anon-exclusive swap PTEs exist from 6.1 on. */
static inline bool vasinfo_pte_swp_exclusive(pte_t pte)
{
#ifdef VASINFO_HAVE_PTE_SWP_EXCLUSIVE
	return pte_swp_exclusive(pte);
#else
	return false;
#endif
}

/* uffd-wp of a non-present hugetlb entry, bit or marker (6.1 on). */
static inline bool vasinfo_pte_swp_uffd_wp_any(pte_t pte)
{
#ifdef VASINFO_HAVE_PTE_SWP_UFFD_WP_ANY
	return pte_swp_uffd_wp_any(pte);
#else
	return false;
#endif
}

static inline bool vasinfo_huge_pte_uffd_wp(pte_t pte)
{
#ifdef VASINFO_HAVE_HUGE_PTE_UFFD_WP
	return huge_pte_uffd_wp(pte);
#else
	return false;
#endif
}

/* What an entry's bits mean on this architecture: module/arch/. */
#include "arch.h"

#endif /* VASINFO_COMPAT_H */
