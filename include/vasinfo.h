/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR MIT */
/*
 * vasinfo user-space ABI: the one header shared, unchanged, by the kernel
 * module and by user space. docs/abi.md explains it at length.
 *
 * Rules every request follows:
 *  - It starts with __u32 size (sizeof the struct as the caller knows it)
 *    and __u32 flags. The module accepts smaller (older) and larger (newer)
 *    sizes the way copy_struct_from_user() does: missing fields read as 0,
 *    extra fields must be 0 (else -E2BIG). size below the first published
 *    size (VASINFO_*_SIZE_VER0) is -EINVAL.
 *  - Flags the module does not know, and reserved fields not 0: -EINVAL.
 *  - Arrays are passed as __u64 user pointers with an element count and the
 *    element size the caller was built with (at least the element's
 *    VASINFO_*_SIZE_VER0); the module writes min(its size, caller's) bytes
 *    of each element and zeroes the rest.
 *  - pid 0 means the calling process. Others are looked up in the caller's
 *    pid namespace and checked as /proc/PID/maps is (docs/security.md).
 *  - Work and kernel memory per call are bounded: batches are cut at
 *    VASINFO_MAX_BATCH, range walks at VASINFO_MAX_RANGE_PAGES per call and
 *    return a cursor to resume from.
 *  - The ioctl number's size bits are those of this version of the struct;
 *    the module matches commands on type, number and direction only, and
 *    trusts the size field.
 */
#ifndef _UAPI_VASINFO_H
#define _UAPI_VASINFO_H

#include <linux/types.h>
#include <linux/ioctl.h>

#define VASINFO_VERSION "0.2.0"

/*
 * MAJOR changes only if an existing request changes meaning; MINOR counts
 * additions: new requests, new fields at the end of a struct, new flags.
 */
#define VASINFO_ABI_MAJOR 1
#define VASINFO_ABI_MINOR 3

#define VASINFO_DEVICE "/dev/vasinfo"
#define VASINFO_IOC_MAGIC 0xBB

#define VASINFO_MAX_BATCH 4096		/* addresses per TRANSLATE call */
#define VASINFO_MAX_RANGE_PAGES (1UL << 18) /* 4 KiB steps per RANGE call */
#define VASINFO_NAME_MAX 256

/* ---- VERSION: what the module speaks, and what the caller may see ---- */

#define VASINFO_CAP_PFN (1U << 0)	/* opener and caller have CAP_SYS_ADMIN: PFNs shown */

struct vasinfo_version {
	__u32 size;
	__u32 flags;		/* none yet: 0 */
	__u32 abi_major;	/* out */
	__u32 abi_minor;	/* out */
	__u32 caps;		/* out: VASINFO_CAP_* */
	__u32 page_shift;	/* out: PAGE_SHIFT */
	__u32 levels;		/* out: paging levels in use (arm64: 2-4; x86: 4 or 5) */
	__u32 reserved;		/* must be 0 */
	/*
	 * ABI 1.3: which machine answered, for decoding without guessing.
	 * addr_mask: the bits of a present entry that hold a physical
	 * address (hidden without VASINFO_CAP_PFN). level_shift and
	 * level_bits, per VASINFO_LEVEL_* (PGD..PTE): the lowest address
	 * bit of the level's index, and its index bits (0: folded).
	 */
	__u32 arch;		/* out: VASINFO_ARCH_* */
	__u32 reserved2;	/* must be 0 */
	__u64 task_size_max;	/* out: user addresses end here (TASK_SIZE_MAX) */
	__u64 addr_mask;	/* out */
	__u8 level_shift[5];	/* out */
	__u8 level_bits[5];	/* out */
	__u8 reserved3[6];	/* must be 0 */
};

/* vasinfo_version.arch */
#define VASINFO_ARCH_X86_64	1
#define VASINFO_ARCH_ARM64	2

#define VASINFO_VERSION_SIZE_VER0 32
#define VASINFO_VERSION_SIZE_VER1 72	/* ABI 1.3: arch .. level_bits */

/* ---- MM_INFO: the mm_struct summary of a process ---- */

struct vasinfo_mm_info {
	__u32 size;
	__u32 flags;		/* none yet: 0 */
	__s32 pid;		/* in: 0 = caller */
	__u32 map_count;	/* out: number of VMAs */
	__u64 start_code, end_code;
	__u64 start_data, end_data;
	__u64 start_brk, brk;
	__u64 start_stack;
	__u64 arg_start, arg_end;
	__u64 env_start, env_end;
	__u64 mmap_base;
	__u64 task_size;
	__u64 total_vm;		/* pages */
	__u64 rss_anon, rss_file, rss_shmem;	/* pages */
	char comm[16];
};

#define VASINFO_MM_INFO_SIZE_VER0 168

/* ---- VMAS: the regions of a process, resumable ---- */

/* vasinfo_vma.flags */
#define VASINFO_VMA_READ	(1ULL << 0)
#define VASINFO_VMA_WRITE	(1ULL << 1)
#define VASINFO_VMA_EXEC	(1ULL << 2)
#define VASINFO_VMA_SHARED	(1ULL << 3)	/* VM_MAYSHARE: 's' in maps */
#define VASINFO_VMA_FILE	(1ULL << 4)
#define VASINFO_VMA_HUGETLB	(1ULL << 5)
#define VASINFO_VMA_PFNMAP	(1ULL << 6)	/* VM_PFNMAP or VM_IO */
#define VASINFO_VMA_SOFTDIRTY	(1ULL << 7)
#define VASINFO_VMA_NAME_TRUNCATED (1ULL << 8)

/* vasinfo_vma.segment */
enum vasinfo_segment {
	VASINFO_SEG_NONE,
	VASINFO_SEG_CODE,
	VASINFO_SEG_RODATA,
	VASINFO_SEG_DATA,
	VASINFO_SEG_BSS,
	VASINFO_SEG_HEAP,
	VASINFO_SEG_STACK,
	VASINFO_SEG_VDSO,
	VASINFO_SEG_VVAR,
	VASINFO_SEG_SPECIAL,
	VASINFO_SEG_IO,
	VASINFO_SEG_FILE,
	VASINFO_SEG_ANON,
};

struct vasinfo_vma {
	__u64 start, end;
	__u64 offset;		/* bytes into the file, 0 if none */
	__u64 inode;
	__u64 flags;		/* VASINFO_VMA_* */
	__u32 dev_major, dev_minor;
	__u32 segment;		/* enum vasinfo_segment */
	__u32 reserved;
	char name[VASINFO_NAME_MAX]; /* as in the text report, NUL-terminated */
};

#define VASINFO_VMA_SIZE_VER0 312

struct vasinfo_vmas {
	__u32 size;
	__u32 flags;		/* none yet: 0 */
	__s32 pid;		/* in */
	__u32 count;		/* in: room in @vmas; out: entries written */
	__u64 cursor;		/* in: VMAs ending above this; out: resume here */
	__u64 vmas;		/* in: user pointer to count elements */
	__u32 vma_size;		/* in: sizeof(struct vasinfo_vma) of the caller */
	__u32 done;		/* out: 1 when no VMA is left above @cursor */
};

#define VASINFO_VMAS_SIZE_VER0 40

/* ---- TRANSLATE: virtual to physical, one snapshot per address ---- */

enum vasinfo_level {
	VASINFO_LEVEL_PGD,
	VASINFO_LEVEL_P4D,
	VASINFO_LEVEL_PUD,
	VASINFO_LEVEL_PMD,
	VASINFO_LEVEL_PTE,
	VASINFO_LEVELS,
};

/* vasinfo_entry.flags */
#define VASINFO_ENTRY_VALID	(1U << 0)	/* this level was read */
#define VASINFO_ENTRY_FOLDED	(1U << 1)	/* level folded into the one above */
#define VASINFO_ENTRY_LEAF	(1U << 2)	/* the walk ended here */

struct vasinfo_entry {
	__u64 value;		/* raw entry; 0 for a folded level */
	__u32 index;		/* index of the entry in its table */
	__u32 flags;		/* VASINFO_ENTRY_* */
};

/* vasinfo_xlate.state: what the leaf says */
enum vasinfo_state {
	VASINFO_STATE_UNMAPPED,	/* no VMA covers the address */
	VASINFO_STATE_PRESENT,	/* in memory (pte_present: PROT_NONE too) */
	VASINFO_STATE_NO_TABLE,	/* an upper level is empty: never touched */
	VASINFO_STATE_NONE,	/* empty leaf entry: never touched / dropped */
	VASINFO_STATE_SWAP,	/* swapped out: swap_type, swap_offset */
	VASINFO_STATE_MIGRATION, /* being migrated */
	VASINFO_STATE_HWPOISON,	/* memory failure */
	VASINFO_STATE_MARKER,	/* pte marker (uffd-wp, swapin error) */
	VASINFO_STATE_DEVICE,	/* device private / exclusive entry */
	VASINFO_STATE_BAD,	/* an entry the walk does not understand */
};

/* vasinfo_xlate.hw: the leaf entry's bits, decoded (x86 names; arm64 below) */
#define VASINFO_HW_PRESENT	(1ULL << 0)
#define VASINFO_HW_WRITE	(1ULL << 1)
#define VASINFO_HW_USER		(1ULL << 2)
#define VASINFO_HW_PWT		(1ULL << 3)
#define VASINFO_HW_PCD		(1ULL << 4)
#define VASINFO_HW_ACCESSED	(1ULL << 5)
#define VASINFO_HW_DIRTY	(1ULL << 6)
#define VASINFO_HW_HUGE		(1ULL << 7)	/* PS bit of a PUD/PMD leaf */
#define VASINFO_HW_GLOBAL	(1ULL << 8)
#define VASINFO_HW_NX		(1ULL << 9)
#define VASINFO_HW_SOFT_DIRTY	(1ULL << 10)
#define VASINFO_HW_PROTNONE	(1ULL << 11)	/* PROT_NONE / NUMA hinting */
#define VASINFO_HW_SPECIAL	(1ULL << 12)	/* pte_special: no struct page */
#define VASINFO_HW_UFFD_WP	(1ULL << 13)
/*
 * arm64 only (VERSION's arch is VASINFO_ARCH_ARM64; ABI 1.3): what x86 has
 * no bit for. There WRITE says the hardware lets the page be written now
 * (AP[2] clear); DBM that the kernel allows writing (its PTE_WRITE), the
 * hardware then clearing AP[2]'s read-only on the first write. SH, the
 * shareability, is in the entry unless the kernel uses LPA2 (52-bit
 * addresses with 4 or 16 KiB pages), where the TCR holds it: SH_VALID.
 * ATTR is AttrIndx, the MAIR slot that gives the memory type (the kernel's
 * MT_NORMAL is 0).
 */
#define VASINFO_HW_ARM64_CONT	(1ULL << 32)	/* contiguous hint */
#define VASINFO_HW_ARM64_PXN	(1ULL << 33)	/* privileged execute-never */
#define VASINFO_HW_ARM64_DBM	(1ULL << 34)	/* dirty bit modifier */
#define VASINFO_HW_ARM64_SH_VALID (1ULL << 35)
#define VASINFO_HW_ARM64_SH_SHIFT 36		/* SH[1:0]: 3 inner, 2 outer */
#define VASINFO_HW_ARM64_SH_MASK (3ULL << VASINFO_HW_ARM64_SH_SHIFT)
#define VASINFO_HW_ARM64_ATTR_SHIFT 38		/* AttrIndx[2:0] */
#define VASINFO_HW_ARM64_ATTR_MASK (7ULL << VASINFO_HW_ARM64_ATTR_SHIFT)

/* vasinfo_xlate.page: facts about the page, as pagemap and kpageflags say */
#define VASINFO_PAGE_ANON	(1ULL << 0)
#define VASINFO_PAGE_FILE	(1ULL << 1)	/* pagemap's PM_FILE */
#define VASINFO_PAGE_EXCLUSIVE	(1ULL << 2)	/* pagemap's PM_MMAP_EXCLUSIVE */
#define VASINFO_PAGE_SOFT_DIRTY	(1ULL << 3)	/* pagemap's PM_SOFT_DIRTY */
#define VASINFO_PAGE_SHARED	(1ULL << 4)	/* map count > 1 */
#define VASINFO_PAGE_KSM	(1ULL << 5)
#define VASINFO_PAGE_ZERO	(1ULL << 6)	/* the shared zero page */
#define VASINFO_PAGE_THP	(1ULL << 7)	/* part of a transparent huge page */
#define VASINFO_PAGE_HEAD	(1ULL << 8)	/* compound head */
#define VASINFO_PAGE_TAIL	(1ULL << 9)	/* compound tail */
#define VASINFO_PAGE_HUGETLB	(1ULL << 10)
#define VASINFO_PAGE_NO_STRUCT	(1ULL << 11)	/* no struct page (PFNMAP, IO) */
#define VASINFO_PAGE_SWAP_EXCLUSIVE (1ULL << 12) /* swap entry of an exclusive anon page */
#define VASINFO_PAGE_UFFD_WP	(1ULL << 13)	/* pagemap's PM_UFFD_WP */

#define VASINFO_HIDDEN (~0ULL)	/* pfn/paddr/swap without CAP_SYS_ADMIN */

struct vasinfo_xlate {
	__u64 vaddr;		/* the address asked */
	__u32 state;		/* enum vasinfo_state */
	__u32 mapped;		/* 1: inside a VMA */
	__u64 vma_start, vma_end, vma_flags; /* the VMA, VASINFO_VMA_* */
	__u64 page_size;	/* bytes mapped by the leaf: 4 KiB, 2 MiB, 1 GiB */
	__u64 pfn;		/* frame of vaddr's page; VASINFO_HIDDEN, 0 if none */
	__u64 paddr;		/* physical address of vaddr's byte, likewise */
	__u64 swap_type, swap_offset; /* SWAP/MIGRATION; VASINFO_HIDDEN likewise */
	__u64 hw;		/* VASINFO_HW_* of the leaf */
	__u64 page;		/* VASINFO_PAGE_* */
	__s64 refcount;		/* page_count(); -1 if no page */
	__s64 mapcount;		/* page_mapcount() (kpagecount); -1 if no page */
	__u32 leaf;		/* enum vasinfo_level of the last entry read */
	__u32 pkey;		/* protection key of the leaf (0 without PKU) */
	__u64 pagemap;		/* the /proc/PID/pagemap entry, as it would read */
	struct vasinfo_entry levels[VASINFO_LEVELS];
};

#define VASINFO_XLATE_SIZE_VER0 208

struct vasinfo_translate {
	__u32 size;
	__u32 flags;		/* none yet: 0 */
	__s32 pid;		/* in */
	__u32 count;		/* in: addresses; out: results written */
	__u64 addrs;		/* in: user pointer to __u64[count] */
	__u64 results;		/* in: user pointer to count results */
	__u32 result_size;	/* in: sizeof(struct vasinfo_xlate) of the caller */
	__u32 reserved;		/* must be 0 */
};

#define VASINFO_TRANSLATE_SIZE_VER0 40

/* ---- RANGE: the pages of [start, end) as runs, resumable ---- */

struct vasinfo_run {
	__u64 vaddr;		/* first page */
	__u64 pages;		/* base pages (PAGE_SIZE) in the run */
	__u64 page_size;	/* leaf size of every page in the run */
	__u64 pfn;		/* first frame; VASINFO_HIDDEN, 0 if none */
	__u32 state;		/* enum vasinfo_state */
	__u32 reserved;
	__u64 page;		/* VASINFO_PAGE_* common to the whole run */
	__u64 swap_type, swap_offset; /* of the first page */
};

#define VASINFO_RUN_SIZE_VER0 64

/*
 * A run is a stretch of pages that are contiguous in virtual memory, have
 * the same state, leaf size and page facts, and — when PFNs are shown —
 * contiguous frames (or swap offsets). Without CAP_SYS_ADMIN, runs are cut
 * on virtual contiguity and state only, so that their lengths say nothing
 * about physical layout.
 */
struct vasinfo_range {
	__u32 size;
	__u32 flags;		/* in: VASINFO_RANGE_* */
	__s32 pid;		/* in */
	__u32 count;		/* in: room in @runs; out: runs written */
	__u64 start, end;	/* in: page-aligned, start < end, user half */
	__u64 cursor;		/* in: 0 or where to resume; out: resume here */
	__u64 runs;		/* in: user pointer to count runs */
	__u32 run_size;		/* in: sizeof(struct vasinfo_run) of the caller */
	__u32 done;		/* out: 1 when cursor reached end */
	__u64 pages_present, pages_swapped, pages_none; /* out: this call */
};

#define VASINFO_RANGE_SIZE_VER0 80

/*
 * RANGE flags. NO_FACTS: runs without page facts (run.page is 0), cut on
 * state, leaf size and frames only; no struct page is read, which makes
 * the walk several times cheaper (ABI 1.1).
 */
#define VASINFO_RANGE_NO_FACTS (1U << 0)

/* ---- COUNTS: per-region page counts, as smaps gives them (ABI 1.2) ---- */

/* vasinfo_vma_counts.flags */
/* The call ended inside this VMA: the next call's first element goes on. */
#define VASINFO_COUNTS_CUT (1U << 0)

/*
 * The pages of one VMA (its part inside [start, end) of the request), in
 * base pages (PAGE_SIZE, VERSION's page_shift). Two views: what the page
 * tables hold, as RANGE counts it (present, swapped, huge), and what
 * /proc/PID/smaps shows for the VMA, field for field (docs/abi.md).
 */
struct vasinfo_vma_counts {
	__u64 start, end;	/* the part of the VMA these counts cover */
	__u32 flags;		/* VASINFO_COUNTS_* */
	__u32 reserved;
	__u64 present;		/* present leaf entries (RANGE's pages_present) */
	__u64 swapped;		/* swap entries (RANGE's pages_swapped) */
	__u64 huge;		/* present, in leaves larger than a base page */
	__u64 rss;		/* smaps Rss */
	__u64 anon;		/* smaps Anonymous */
	__u64 file;		/* rss - anon: resident pages not anonymous */
	__u64 anon_thp;		/* smaps AnonHugePages (PMD-mapped THP) */
	__u64 hugetlb;		/* smaps Shared_Hugetlb + Private_Hugetlb */
	__u64 rss_shared;	/* smaps Shared_Clean + Shared_Dirty */
	__u64 rss_private;	/* smaps Private_Clean + Private_Dirty */
};

#define VASINFO_VMA_COUNTS_SIZE_VER0 104

/*
 * Counts of every VMA that overlaps [start, end), one element each, in
 * address order, without producing runs. Resumable like RANGE: the walk
 * reads a bounded number of table entries per call and returns a cursor.
 */
struct vasinfo_counts {
	__u32 size;
	__u32 flags;		/* in: VASINFO_COUNTS_TABLES_ONLY */
	__s32 pid;		/* in */
	__u32 count;		/* in: room in @counts (> 0); out: elements written */
	__u64 start, end;	/* in: page-aligned, start < end, user half */
	__u64 cursor;		/* in: 0 or where to resume; out: resume here */
	__u64 counts;		/* in: user pointer to count elements */
	__u32 counts_size;	/* in: sizeof(struct vasinfo_vma_counts) of the caller */
	__u32 done;		/* out: 1 when cursor reached end */
};

#define VASINFO_COUNTS_SIZE_VER0 56

/*
 * COUNTS flags. TABLES_ONLY: only what the page tables say (present,
 * swapped, huge); the smaps counts are 0 and no struct page is read, which
 * is what maps --counts and watch need.
 */
#define VASINFO_COUNTS_TABLES_ONLY (1U << 0)

#define VASINFO_IOC_VERSION	_IOWR(VASINFO_IOC_MAGIC, 0x00, struct vasinfo_version)
#define VASINFO_IOC_MM_INFO	_IOWR(VASINFO_IOC_MAGIC, 0x01, struct vasinfo_mm_info)
#define VASINFO_IOC_VMAS	_IOWR(VASINFO_IOC_MAGIC, 0x02, struct vasinfo_vmas)
#define VASINFO_IOC_TRANSLATE	_IOWR(VASINFO_IOC_MAGIC, 0x03, struct vasinfo_translate)
#define VASINFO_IOC_RANGE	_IOWR(VASINFO_IOC_MAGIC, 0x04, struct vasinfo_range)
#define VASINFO_IOC_COUNTS	_IOWR(VASINFO_IOC_MAGIC, 0x05, struct vasinfo_counts)

#endif /* _UAPI_VASINFO_H */
