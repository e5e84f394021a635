// SPDX-License-Identifier: GPL-2.0
/*
 * The machine's paging as VERSION reports it, so that user space decodes
 * entries and addresses from the module's answer instead of assuming
 * x86's 4 KiB pages, 9 index bits per level and 47-bit user half.
 */
#include <linux/log2.h>
#include <linux/mm.h>
#include <linux/pgtable.h>

#include <vasinfo.h>
#include "internal.h"
#include "arch.h"

/* The index bits of a level with @ptrs entries per table: 0 when folded. */
static u8 index_bits(unsigned long ptrs)
{
	return ptrs > 1 ? ilog2(ptrs) : 0;
}

/**
 * vasinfo_paging - fill VERSION's description of this machine's paging
 * @v: the reply; its page_shift, levels, arch, task_size_max, addr_mask,
 *     level_shift[] and level_bits[] are set
 *
 * A folded level (the P4D on 4-level x86 and arm64, the PUD with 3 levels)
 * has 0 index bits and the shift of the level it folds into.
 */
void vasinfo_paging(struct vasinfo_version *v)
{
	BUILD_BUG_ON(ARRAY_SIZE(v->level_shift) != VASINFO_LEVELS);
	BUILD_BUG_ON(ARRAY_SIZE(v->level_bits) != VASINFO_LEVELS);
	v->page_shift = PAGE_SHIFT;
	v->arch = VASINFO_ARCH;
	v->task_size_max = TASK_SIZE_MAX;
	v->addr_mask = VASINFO_ARCH_ADDR_MASK;
	v->level_shift[VASINFO_LEVEL_PGD] = PGDIR_SHIFT;
	v->level_bits[VASINFO_LEVEL_PGD] = index_bits(PTRS_PER_PGD);
	v->level_shift[VASINFO_LEVEL_P4D] = P4D_SHIFT;
	v->level_bits[VASINFO_LEVEL_P4D] =
		vasinfo_arch_p4d_folded() ? 0 : index_bits(PTRS_PER_P4D);
	v->level_shift[VASINFO_LEVEL_PUD] = PUD_SHIFT;
	v->level_bits[VASINFO_LEVEL_PUD] = index_bits(PTRS_PER_PUD);
	v->level_shift[VASINFO_LEVEL_PMD] = PMD_SHIFT;
	v->level_bits[VASINFO_LEVEL_PMD] = index_bits(PTRS_PER_PMD);
	v->level_shift[VASINFO_LEVEL_PTE] = PAGE_SHIFT;
	v->level_bits[VASINFO_LEVEL_PTE] = index_bits(PTRS_PER_PTE);
	v->levels = 1 + !!v->level_bits[VASINFO_LEVEL_P4D] +
		    !!v->level_bits[VASINFO_LEVEL_PUD] +
		    !!v->level_bits[VASINFO_LEVEL_PMD] +
		    !!v->level_bits[VASINFO_LEVEL_PTE];
}
