# SPDX-License-Identifier: GPL-2.0
#
# Kernel features, tested on the headers the module is built against rather
# than on version numbers: each line looks for a header or a helper and
# defines VASINFO_HAVE_<FEATURE> when it is there. module/compat.h, forced
# into every file with -include, turns them into one API, so the C files
# (and sparse and checkpatch, which read them) see plain C. Where only the
# kernel's behaviour changed, not its headers (pagemap's rules, say),
# compat.h still compares versions, and says why.
#
# $(srctree) is the kernel's source tree; in Debian's headers packages, the
# -common folder.

vasinfo_have_file = $(if $(wildcard $(srctree)/$(1)),-DVASINFO_HAVE_$(2))
vasinfo_have_text = $(if $(shell grep -qsF '$(2)' $(srctree)/$(1) && echo y),-DVASINFO_HAVE_$(3))

# The maple tree's VMA iterator (6.1 on); 5.10 links VMAs with vm_next.
ccflags-y += $(call vasinfo_have_text,include/linux/mm_types.h,struct vma_iterator {,VMA_ITERATOR)
# softleaf_t replaced swp_entry_t's helpers (7.2).
ccflags-y += $(call vasinfo_have_file,include/linux/leafops.h,SOFTLEAF)
# Dumpability and its user namespace moved from the mm to the task (7.2).
ccflags-y += $(call vasinfo_have_file,include/linux/sched/exec_state.h,EXEC_STATE)
# The PMD read as __pte_offset_map() reads it (6.12 has it, 6.1 not).
ccflags-y += $(call vasinfo_have_text,include/linux/pgtable.h,pmdp_get_lockless,PMDP_GET_LOCKLESS)
# The summed RSS counter /proc/PID/status reads (6.12 and 7.2 have it).
ccflags-y += $(call vasinfo_have_text,include/linux/mm.h,get_mm_counter_sum,GET_MM_COUNTER_SUM)
# vm_flags_init()/vm_flags_set(): vm_flags is const since 6.3 (KUnit only).
ccflags-y += $(call vasinfo_have_text,include/linux/mm.h,static inline void vm_flags_init,VM_FLAGS_INIT)
# folio_test_ksm() (6.1 on); PageKsm() is gone in 7.2.
ccflags-y += $(call vasinfo_have_text,include/linux/page-flags.h,folio_test_ksm,FOLIO_TEST_KSM)
# page_mapcount() (gone in 6.12, where folios count).
ccflags-y += $(call vasinfo_have_text,include/linux/mm.h,static inline int page_mapcount,PAGE_MAPCOUNT)
# Non-present entries of 6.1 and 6.12: PTE markers, frames in swap entries,
# device-exclusive entries, anon-exclusive swap PTEs, uffd-wp bits.
ccflags-y += $(call vasinfo_have_text,include/linux/swapops.h,is_pte_marker_entry,PTE_MARKER)
ccflags-y += $(call vasinfo_have_text,include/linux/swapops.h,swp_offset_pfn,SWP_OFFSET_PFN)
ccflags-y += $(call vasinfo_have_text,include/linux/swapops.h,is_device_exclusive_entry,DEVICE_EXCLUSIVE)
ccflags-y += $(call vasinfo_have_text,include/linux/swapops.h,pte_swp_exclusive,PTE_SWP_EXCLUSIVE)
ccflags-y += $(call vasinfo_have_text,include/linux/mm_inline.h,pte_swp_uffd_wp_any,PTE_SWP_UFFD_WP_ANY)
ccflags-y += $(call vasinfo_have_text,include/asm-generic/hugetlb.h,huge_pte_uffd_wp,HUGE_PTE_UFFD_WP)

# arm64 has pgtable_l5_enabled() only since LPA2 (6.9); module/arch/arm64.h.
ccflags-y += $(call vasinfo_have_text,arch/$(SRCARCH)/include/asm/pgtable.h,pgtable_l5_enabled,PGTABLE_L5_ENABLED)

ccflags-y += -include $(src)/module/compat.h
