/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a page-table entry's bits mean, per architecture. walk.c is the
 * same walk everywhere (levels, folding, leaf sizes, states); the one file
 * below says how an entry of this architecture decodes into the ABI's
 * VASINFO_HW_* bits, which of its bits are addresses, which key protects
 * it, and whether the P4D level exists. Each defines:
 *
 *   u64 vasinfo_arch_hw(u64 raw, int level)	VASINFO_HW_* of a present
 *						(or PROT_NONE) leaf
 *   u32 vasinfo_arch_pkey(u64 raw)		its protection key, or 0
 *   u64 vasinfo_arch_hide(u64 raw)		the entry without physical
 *						addresses or swap locations
 *   bool vasinfo_arch_p4d_folded(void)		no P4D table: PGD is P4D
 *   VASINFO_ARCH, VASINFO_ARCH_ADDR_MASK	VERSION's arch and addr_mask
 *   unsigned int vasinfo_arch_p4d_index(addr)	its index where there is one
 *
 * dkms.conf's BUILD_EXCLUSIVE_ARCH mirrors the list.
 */
#ifndef VASINFO_ARCH_H
#define VASINFO_ARCH_H

#if defined(CONFIG_X86_64)
#include "arch/x86.h"
#elif defined(CONFIG_ARM64)
#include "arch/arm64.h"
#else
#error "vasinfo: only x86-64 and arm64 page tables are decoded (module/arch/)"
#endif

#endif /* VASINFO_ARCH_H */
