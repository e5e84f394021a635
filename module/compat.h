/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every difference between the kernel generations vasinfo supports lives
 * here, so that the logic in the other files reads the same on all of them.
 */
#ifndef VASINFO_COMPAT_H
#define VASINFO_COMPAT_H

#include <linux/version.h>
#include <linux/mm.h>

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
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 12, 0)
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
 * The struct page of a frame that is online memory, or NULL.
 * pfn_to_online_page() is exported from 6.1 on.
 */
static inline struct page *vasinfo_pfn_page(unsigned long pfn)
{
	return pfn_to_online_page(pfn);
}

#endif /* VASINFO_COMPAT_H */
