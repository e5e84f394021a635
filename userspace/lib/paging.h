/* SPDX-License-Identifier: MIT */
/*
 * The paging the module described in its VERSION reply (ABI 1.3), kept by
 * vi_version() for the formatters. Private to libvasinfo (not exported).
 */
#ifndef VASINFO_PAGING_H
#define VASINFO_PAGING_H

struct vasinfo_version;

/* Remember @v's architecture and levels, if it has them. */
void vi_paging_set(const struct vasinfo_version *v);
/*
 * The address bits @hi..@lo that index @level (VASINFO_LEVEL_*), as the
 * module said. Returns 0, or -1 when no module of ABI 1.3 has answered
 * (the caller then knows only x86's layout) or the level is folded.
 */
int vi_paging_level(int level, int *hi, int *lo);
/* VASINFO_ARCH_* of the module that answered; 0 if not known. */
unsigned int vi_paging_arch(void);
/* Its paging levels; 0 if not known. */
unsigned int vi_paging_levels(void);

#endif /* VASINFO_PAGING_H */
