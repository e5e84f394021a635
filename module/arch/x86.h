/* SPDX-License-Identifier: GPL-2.0 */
/*
 * x86-64: 4 or 5 levels (the P4D folded at boot without LA57), 4 KiB pages.
 * Swap and PROT_NONE entries have their frame bits inverted (L1TF), which
 * is why the frame is only ever read with the kernel's pte_pfn() and kin.
 */
#ifndef VASINFO_ARCH_X86_H
#define VASINFO_ARCH_X86_H

#include <linux/pgtable.h>
#include <vasinfo.h>

static inline u64 vasinfo_arch_hw(u64 raw, int level)
{
	u64 f = raw, hw = 0;

	if (f & _PAGE_PRESENT)
		hw |= VASINFO_HW_PRESENT;
	if (f & _PAGE_RW)
		hw |= VASINFO_HW_WRITE;
	if (f & _PAGE_USER)
		hw |= VASINFO_HW_USER;
	if (f & _PAGE_PWT)
		hw |= VASINFO_HW_PWT;
	if (f & _PAGE_PCD)
		hw |= VASINFO_HW_PCD;
	if (f & _PAGE_ACCESSED)
		hw |= VASINFO_HW_ACCESSED;
	if (f & _PAGE_DIRTY)
		hw |= VASINFO_HW_DIRTY;
	/* Bit 7 is PS in a PUD/PMD, PAT in a PTE. */
	if (level != VASINFO_LEVEL_PTE && (f & _PAGE_PSE))
		hw |= VASINFO_HW_HUGE;
	/*
	 * Bit 8 is GLOBAL when present, PROTNONE when not. Not pte_protnone():
	 * without CONFIG_NUMA_BALANCING it is always 0 (found by KUnit).
	 */
	if ((f & (_PAGE_PROTNONE | _PAGE_PRESENT)) == _PAGE_PROTNONE)
		hw |= VASINFO_HW_PROTNONE;
	else if (f & _PAGE_GLOBAL)
		hw |= VASINFO_HW_GLOBAL;
	if (f & _PAGE_NX)
		hw |= VASINFO_HW_NX;
	if (f & _PAGE_SOFT_DIRTY)
		hw |= VASINFO_HW_SOFT_DIRTY;
	if (level == VASINFO_LEVEL_PTE && pte_special(__pte(raw)))
		hw |= VASINFO_HW_SPECIAL;
	if (f & _PAGE_UFFD_WP)
		hw |= VASINFO_HW_UFFD_WP;
	return hw;
}

static inline u32 vasinfo_arch_pkey(u64 raw)
{
	return pte_flags_pkey(raw);
}

/*
 * A present, PROT_NONE or huge entry holds a frame or the next table in
 * PTE_PFN_MASK; any other non-zero one is a swap entry, whose type and
 * (inverted) offset fill bits 62..9.
 */
/* VERSION's arch and addr_mask: a present entry's address bits. */
#define VASINFO_ARCH VASINFO_ARCH_X86_64
#define VASINFO_ARCH_ADDR_MASK ((u64)PTE_PFN_MASK)

static inline u64 vasinfo_arch_hide(u64 raw)
{
	if (raw & (_PAGE_PRESENT | _PAGE_PROTNONE | _PAGE_PSE))
		return raw & ~PTE_PFN_MASK;
	return raw & ~GENMASK_ULL(62, 9);
}

static inline bool vasinfo_arch_p4d_folded(void)
{
	return !pgtable_l5_enabled();
}

static inline unsigned int vasinfo_arch_p4d_index(unsigned long addr)
{
	return p4d_index(addr);
}

#endif /* VASINFO_ARCH_X86_H */
