/* SPDX-License-Identifier: GPL-2.0 */
/*
 * arm64 (VMSAv8-64 stage 1, arch/arm64/include/asm/pgtable-hwdef.h and
 * pgtable-prot.h): 4, 16 or 64 KiB pages, 2 to 4 levels chosen when the
 * kernel is configured, so the P4D (and with fewer levels the PUD) is
 * folded at build time. What the ABI's VASINFO_HW_* can carry:
 *
 *   PRESENT  PTE_VALID		ACCESSED  PTE_AF
 *   USER     PTE_USER (AP[1])	WRITE     !PTE_RDONLY (AP[2]): writable
 *						  by the hardware now
 *   DIRTY    pte_dirty(): the kernel's PTE_DIRTY, or DBM with AP[2] clear
 *   HUGE     a block entry (bit 1 clear) above the PTE level
 *   GLOBAL   !PTE_NG of a valid entry
 *   NX       PTE_UXN (user execute-never)
 *   PROTNONE pte_present() without PTE_VALID: PROT_NONE or NUMA hinting
 *	      (PTE_PROT_NONE in 6.1, PTE_PRESENT_INVALID, which is nG, in 6.12)
 *   SPECIAL  PTE_SPECIAL, a software bit (PTE level)
 *
 * and, in VASINFO_HW_ARM64_* (ABI 1.3), what x86 has no bit for:
 *
 *   CONT  PTE_CONT		PXN   PTE_PXN
 *   DBM   PTE_DBM, also the kernel's PTE_WRITE: "writable" is DBM ||
 *	   !RDONLY, while VASINFO_HW_WRITE says only what the hardware allows
 *   SH    SH[1:0] (bits 9:8) of a valid entry, unless LPA2 uses those bits
 *	   for the address (SH_VALID clear then)
 *   ATTR  AttrIndx[2:0] (bits 4:2) of a valid entry: the MAIR slot
 *
 * Not carried: GP (BTI) and PTE_DEVMAP. No soft-dirty and no uffd-wp bit
 * exist on arm64 in the kernels supported, and no protection keys (pkey 0).
 */
#ifndef VASINFO_ARCH_ARM64_H
#define VASINFO_ARCH_ARM64_H

#include <linux/pgtable.h>
#include <vasinfo.h>

/*
 * Whether a descriptor holds SH: not with LPA2 (6.9+, PTE_MAYBE_SHARED
 * then 0), where bits 9:8 are address bits and TCR_EL1 holds SH.
 */
#ifdef PTE_MAYBE_SHARED
#define VASINFO_ARM64_SH_IN_ENTRY (PTE_MAYBE_SHARED != 0)
#else
#define VASINFO_ARM64_SH_IN_ENTRY true
#endif

/* The bits only arm64 has, of a valid entry. */
static inline u64 vasinfo_arm64_only(u64 f)
{
	u64 hw = 0;

	if (f & PTE_CONT)
		hw |= VASINFO_HW_ARM64_CONT;
	if (f & PTE_PXN)
		hw |= VASINFO_HW_ARM64_PXN;
	if (f & PTE_DBM)
		hw |= VASINFO_HW_ARM64_DBM;
	if (VASINFO_ARM64_SH_IN_ENTRY)
		hw |= VASINFO_HW_ARM64_SH_VALID |
		      ((f & PTE_SHARED) >> 8) << VASINFO_HW_ARM64_SH_SHIFT;
	hw |= ((f & PTE_ATTRINDX_MASK) >> 2) << VASINFO_HW_ARM64_ATTR_SHIFT;
	return hw;
}

static inline u64 vasinfo_arch_hw(u64 raw, int level)
{
	u64 f = raw, hw = 0;

	if (f & PTE_VALID)
		hw |= VASINFO_HW_PRESENT;
	if (!(f & PTE_RDONLY))
		hw |= VASINFO_HW_WRITE;
	if (f & PTE_USER)
		hw |= VASINFO_HW_USER;
	if (f & PTE_AF)
		hw |= VASINFO_HW_ACCESSED;
	if (pte_dirty(__pte(raw)))
		hw |= VASINFO_HW_DIRTY;
	if (level != VASINFO_LEVEL_PTE && !(f & PTE_TABLE_BIT))
		hw |= VASINFO_HW_HUGE;
	if (!(f & PTE_VALID) && pte_present(__pte(raw)))
		hw |= VASINFO_HW_PROTNONE;
	else if ((f & PTE_VALID) && !(f & PTE_NG))
		hw |= VASINFO_HW_GLOBAL;
	if (f & PTE_UXN)
		hw |= VASINFO_HW_NX;
	if (level == VASINFO_LEVEL_PTE && (f & PTE_SPECIAL))
		hw |= VASINFO_HW_SPECIAL;
	if (f & PTE_VALID)
		hw |= vasinfo_arm64_only(f);
	return hw;
}

static inline u32 vasinfo_arch_pkey(u64 raw)
{
	return 0;
}

/*
 * The bits of an output address: 6.12 names them PHYS_TO_PTE_ADDR_MASK
 * with 52-bit physical addresses (bits 9:8 with LPA2, 15:12 with 64 KiB
 * pages), PTE_ADDR_LOW without; 6.1 names them PTE_ADDR_MASK.
 */
#if defined(PHYS_TO_PTE_ADDR_MASK)
#define VASINFO_ARM64_ADDR_MASK PHYS_TO_PTE_ADDR_MASK
#elif defined(PTE_ADDR_MASK)
#define VASINFO_ARM64_ADDR_MASK PTE_ADDR_MASK
#else
#define VASINFO_ARM64_ADDR_MASK PTE_ADDR_LOW
#endif

/* VERSION's arch and addr_mask. */
#define VASINFO_ARCH VASINFO_ARCH_ARM64
#define VASINFO_ARCH_ADDR_MASK ((u64)VASINFO_ARM64_ADDR_MASK)

/*
 * A valid or PROT_NONE entry holds a frame or the next table at the
 * address bits; any other non-zero one is a swap entry, whose type and
 * offset sit from __SWP_TYPE_SHIFT up (bit 2 is PTE_SWP_EXCLUSIVE).
 */
static inline u64 vasinfo_arch_hide(u64 raw)
{
	if (pte_present(__pte(raw)))
		return raw & ~VASINFO_ARM64_ADDR_MASK;
	return raw & ~GENMASK_ULL(__SWP_OFFSET_SHIFT + __SWP_OFFSET_BITS - 1,
				  __SWP_TYPE_SHIFT);
}

static inline bool vasinfo_arch_p4d_folded(void)
{
#ifdef __PAGETABLE_P4D_FOLDED
	return true;
#else
	return !pgtable_l5_enabled();
#endif
}

/* arm64 names p4d_index() only with 5 levels (LPA2). */
static inline unsigned int vasinfo_arch_p4d_index(unsigned long addr)
{
	return (addr >> P4D_SHIFT) & (PTRS_PER_P4D - 1);
}

/*
 * ioctl.c's VERSION reply counts levels with x86's pgtable_l5_enabled(),
 * which arm64 defines only since LPA2 (6.9; compat.mk looks for it).
 */
#ifndef VASINFO_HAVE_PGTABLE_L5_ENABLED
#define pgtable_l5_enabled() false
#endif

#endif /* VASINFO_ARCH_ARM64_H */
