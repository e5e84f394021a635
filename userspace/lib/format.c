// SPDX-License-Identifier: MIT
/*
 * libvasinfo: how translations and runs are shown, as JSON for scripts and
 * as text for people. Separate from the device calls so that the host
 * tests can feed them made-up results.
 */
#include <stdio.h>
#include <string.h>

#include "json.h"
#include "paging.h"
#include "libvasinfo.h"

/*
 * Is there a frame to show? Not when the kernel hides it (no CAP_SYS_ADMIN)
 * nor when there is none (0 and not present).
 */
static int shows_frame(unsigned int state, uint64_t pfn)
{
	return pfn != VASINFO_HIDDEN &&
	       (state == VASINFO_STATE_PRESENT || pfn != 0);
}

/* Inside a VMA that allows no access at all (mprotect PROT_NONE). */
static int prot_none(const struct vasinfo_xlate *x)
{
	return x->mapped && !(x->vma_flags & (VASINFO_VMA_READ | VASINFO_VMA_WRITE |
					      VASINFO_VMA_EXEC));
}

static int has_frame(const struct vasinfo_xlate *x)
{
	return shows_frame(x->state, x->pfn);
}

static int has_swap(const struct vasinfo_xlate *x)
{
	return (x->state == VASINFO_STATE_SWAP ||
		x->state == VASINFO_STATE_MIGRATION) &&
	       x->swap_offset != VASINFO_HIDDEN;
}

/* @key: the names of @mask's set bits, VASINFO_HW_* if @hw, else _PAGE_*. */
static void names_array(struct vj *j, const char *key, uint64_t mask, int hw)
{
	char buf[512], *save = NULL, *w;

	if (hw)
		vi_hw_names(mask, buf, sizeof(buf));
	else
		vi_page_names(mask, buf, sizeof(buf));
	vj_kv_arr(j, key);
	for (w = strtok_r(buf, " ", &save); w; w = strtok_r(NULL, " ", &save))
		vj_str(j, w);
	vj_arr_end(j);
}

void vj_xlate(struct vj *j, const struct vasinfo_xlate *x)
{
	vj_obj(j);
	vj_xlate_fields(j, x);
	vj_obj_end(j);
}

void vj_xlate_fields(struct vj *j, const struct vasinfo_xlate *x)
{
	int l, present = x->state == VASINFO_STATE_PRESENT;

	vj_kv_hex(j, "vaddr", x->vaddr);
	vj_kv_bool(j, "mapped", x->mapped);
	vj_kv_str(j, "state", vi_state_name(x->state));
	vj_kv_bool(j, "present", present);
	vj_kv_uint_or_null(j, "pfn", x->pfn, has_frame(x));
	vj_kv_hex_or_null(j, "paddr", x->paddr, has_frame(x));
	vj_kv_bool(j, "pfn_hidden",
		   x->pfn == VASINFO_HIDDEN || x->swap_offset == VASINFO_HIDDEN);
	vj_kv_uint(j, "page_size", x->page_size);
	vj_kv_bool(j, "swapped", x->state == VASINFO_STATE_SWAP);
	vj_kv_uint_or_null(j, "swap_type", x->swap_type, has_swap(x));
	vj_kv_uint_or_null(j, "swap_offset", x->swap_offset, has_swap(x));
	vj_kv_arr(j, "levels");
	for (l = 0; l < VASINFO_LEVELS; l++) {
		if (!(x->levels[l].flags & VASINFO_ENTRY_VALID))
			continue;
		vj_obj(j);
		vj_kv_str(j, "level", vi_level_name((unsigned int)l));
		vj_kv_uint(j, "index", x->levels[l].index);
		vj_kv_hex(j, "entry", x->levels[l].value);
		vj_kv_bool(j, "leaf", !!(x->levels[l].flags & VASINFO_ENTRY_LEAF));
		vj_obj_end(j);
	}
	vj_arr_end(j);
	vj_kv_arr(j, "folded");
	for (l = 0; l < VASINFO_LEVELS; l++)
		if (x->levels[l].flags & VASINFO_ENTRY_FOLDED)
			vj_str(j, vi_level_name((unsigned int)l));
	vj_arr_end(j);
	names_array(j, "hw", x->mapped ? x->hw : 0, 1);
	names_array(j, "page", x->page, 0);
	vj_kv_int_or_null(j, "refcount", x->refcount, x->refcount >= 0);
	vj_kv_int_or_null(j, "mapcount", x->mapcount, x->mapcount >= 0);
	vj_kv_uint(j, "pkey", x->pkey);
	if (x->mapped) {
		char perms[5];

		vi_vma_perms(x->vma_flags, perms);
		vj_kv_obj(j, "vma");
		vj_kv_hex(j, "start", x->vma_start);
		vj_kv_hex(j, "end", x->vma_end);
		vj_kv_str(j, "perms", perms);
		vj_obj_end(j);
	} else {
		vj_kv_null(j, "vma");
	}
	vj_kv_bool(j, "prot_none", prot_none(x));
	vj_kv_hex(j, "pagemap", x->pagemap);
	/* Whose entry bits "hw" and "levels" hold; null before ABI 1.3. */
	if (vi_paging_arch() == VASINFO_ARCH_X86_64)
		vj_kv_str(j, "arch", "x86-64");
	else if (vi_paging_arch() == VASINFO_ARCH_ARM64)
		vj_kv_str(j, "arch", "arm64");
	else
		vj_kv_null(j, "arch");
}

/* Paging levels of the walk: what the result says, else @hint, else a guess. */
static int paging_levels(const struct vasinfo_xlate *x, unsigned int hint)
{
	if (vi_paging_levels())
		return (int)vi_paging_levels();
	if (x->levels[VASINFO_LEVEL_P4D].flags & VASINFO_ENTRY_FOLDED)
		return 4;
	if (x->levels[VASINFO_LEVEL_P4D].flags & VASINFO_ENTRY_VALID)
		return 5;
	if (hint == 4 || hint == 5)
		return (int)hint;
	return x->vaddr >> 47 ? 5 : 4;
}

/*
 * Which address bits index each level: as the module said (ABI 1.3), else
 * x86-64's for @levels-level paging, the only layout older modules had.
 */
static void level_bits(int level, int levels, int *hi, int *lo)
{
	static const int lo4[] = { 39, 39, 30, 21, 12 };
	static const int lo5[] = { 48, 39, 30, 21, 12 };

	if (!vi_paging_level(level, hi, lo))
		return;
	*lo = levels == 5 ? lo5[level] : lo4[level];
	*hi = *lo + 8;
}

/* A leaf size for people: "4 KiB", "16 KiB", "2 MiB", "32 MiB", "1 GiB". */
static const char *size_name(uint64_t size)
{
	static char buf[4][24];
	static unsigned int next;
	static const char *const unit[] = { "B", "KiB", "MiB", "GiB", "TiB" };
	char *b = buf[next++ % 4];
	unsigned int u = 0;

	while (u < 4 && size >= 1024 && !(size % 1024)) {
		size /= 1024;
		u++;
	}
	snprintf(b, sizeof(buf[0]), "%llu %s", (unsigned long long)size, unit[u]);
	return b;
}

/* log2 of a leaf size: the offset bits below the frame. */
static int size_shift(uint64_t size)
{
	int s = 0;

	if (!size)
		return (int)vi_page_shift();
	while (s < 63 && (1ULL << s) < size)
		s++;
	return s;
}

static const char *why_not_present(unsigned int state)
{
	static const char *const why[] = {
		[VASINFO_STATE_UNMAPPED] = "no VMA covers this address",
		[VASINFO_STATE_NO_TABLE] = "no page table below this level: never touched",
		[VASINFO_STATE_NONE] = "empty entry: never touched, or dropped (file pages may still be cached)",
		[VASINFO_STATE_SWAP] = "swapped out",
		[VASINFO_STATE_MIGRATION] = "being migrated",
		[VASINFO_STATE_HWPOISON] = "memory failure (hwpoison)",
		[VASINFO_STATE_MARKER] = "a pte marker (userfaultfd)",
		[VASINFO_STATE_DEVICE] = "in device memory",
		[VASINFO_STATE_BAD] = "an entry the walker does not understand",
	};

	return state < sizeof(why) / sizeof(why[0]) && why[state] ?
		       why[state] : vi_state_name(state);
}

void vi_xlate_text(FILE *f, const struct vasinfo_xlate *x, int verbose)
{
	vi_xlate_text_levels(f, x, verbose, 0);
}

void vi_xlate_text_levels(FILE *f, const struct vasinfo_xlate *x, int verbose,
			  unsigned int levels_hint)
{
	char hw[512], pg[512], where[64];
	int l, levels = paging_levels(x, levels_hint), last = -1;

	/* The line: vaddr, state, frame and physical address, size, facts. */
	if (x->pfn == VASINFO_HIDDEN)
		snprintf(where, sizeof(where), "pfn hidden paddr hidden");
	else if (has_frame(x))
		snprintf(where, sizeof(where), "pfn %#llx paddr %#llx",
			 (unsigned long long)x->pfn, (unsigned long long)x->paddr);
	else if (has_swap(x))
		snprintf(where, sizeof(where), "swap %llu:%#llx",
			 (unsigned long long)x->swap_type,
			 (unsigned long long)x->swap_offset);
	else if (x->swap_offset == VASINFO_HIDDEN)
		snprintf(where, sizeof(where), "swap hidden");
	else
		snprintf(where, sizeof(where), "pfn - paddr -");
	vi_page_names(x->page, pg, sizeof(pg));
	fprintf(f, "%#018llx  %-9s %-32s %s  %s\n", (unsigned long long)x->vaddr,
		vi_state_name(x->state), where,
		x->mapped ? size_name(x->page_size) : "-    ", pg);
	if (!verbose)
		return;

	/* The walk, like a textbook figure with real numbers. */
	if (!x->mapped) {
		fprintf(f, "    no VMA covers this address: nothing to walk\n");
		return;
	}
	{
		char perms[5];

		vi_vma_perms(x->vma_flags, perms);
		fprintf(f, "    VMA %#llx-%#llx %s%s\n", (unsigned long long)x->vma_start,
			(unsigned long long)x->vma_end, perms,
			prot_none(x) ? "  PROT_NONE: every access faults (SIGSEGV)" : "");
	}
	/* Where the walk starts: the register the CPU takes the PGD from. */
	if (vi_paging_arch() == VASINFO_ARCH_X86_64)
		fprintf(f, "    root: CR3 -> pgd (x86-64, %d-level paging, %s pages)\n",
			levels, size_name(vi_page_size()));
	else if (vi_paging_arch() == VASINFO_ARCH_ARM64)
		fprintf(f, "    root: TTBR0_EL1 -> pgd (arm64, %d levels, %s pages)\n",
			levels, size_name(vi_page_size()));
	for (l = 0; l < VASINFO_LEVELS; l++) {
		const struct vasinfo_entry *e = &x->levels[l];
		int hi, lo;

		level_bits(l, levels, &hi, &lo);
		if (e->flags & VASINFO_ENTRY_FOLDED) {
			fprintf(f, "    %s folded into %s (%d-level paging)\n",
				vi_level_name((unsigned int)l),
				vi_level_name((unsigned int)l - 1), levels);
			continue;
		}
		if (!(e->flags & VASINFO_ENTRY_VALID))
			continue;
		last = l;
		fprintf(f, "    %-4s bits %2d-%2d  index %3u  entry %#018llx%s\n",
			vi_level_name((unsigned int)l), hi, lo, e->index,
			(unsigned long long)e->value,
			(e->flags & VASINFO_ENTRY_LEAF) ? "  <- leaf" : "");
	}
	if (x->state == VASINFO_STATE_PRESENT) {
		int shift = size_shift(x->page_size);
		uint64_t off = x->vaddr & ((1ULL << shift) - 1);

		vi_hw_names(x->hw, hw, sizeof(hw));
		fprintf(f, "    offset bits %d-0 = %#llx\n", shift - 1,
			(unsigned long long)off);
		fprintf(f, "    leaf bits: %s (pkey %u)\n", hw[0] ? hw : "-", x->pkey);
		if (x->pfn == VASINFO_HIDDEN) {
			fprintf(f, "    frame: hidden (only CAP_SYS_ADMIN sees frames, as with /proc/PID/pagemap)\n");
		} else {
			/* The leaf's first frame: pfn is that of vaddr's base page. */
			int ps = (int)vi_page_shift();
			uint64_t frame = x->pfn - (off >> ps);

			fprintf(f, "    vaddr %#llx -> frame %#llx + offset %#llx = paddr %#llx\n",
				(unsigned long long)x->vaddr,
				(unsigned long long)frame, (unsigned long long)off,
				(unsigned long long)x->paddr);
			if (shift > ps)
				fprintf(f, "    (a %s page: frames %#llx-%#llx, paddr = frame << %d + offset)\n",
					size_name(x->page_size),
					(unsigned long long)frame,
					(unsigned long long)(frame + (1ULL << (shift - ps)) - 1),
					ps);
		}
	} else {
		fprintf(f, "    not present (%s): ", vi_state_name(x->state));
		if (x->state == VASINFO_STATE_NO_TABLE && last >= 0)
			fprintf(f, "the %s entry is empty, no page table below it: never touched\n",
				vi_level_name((unsigned int)last));
		else
			fprintf(f, "%s\n", why_not_present(x->state));
		if (prot_none(x) && (x->state == VASINFO_STATE_NO_TABLE ||
				     x->state == VASINFO_STATE_NONE))
			fprintf(f, "    and it cannot be touched: the region is PROT_NONE\n");
		if (has_swap(x))
			fprintf(f, "    swap type %llu, offset %#llx\n",
				(unsigned long long)x->swap_type,
				(unsigned long long)x->swap_offset);
		else if ((x->state == VASINFO_STATE_SWAP ||
			  x->state == VASINFO_STATE_MIGRATION) &&
			 x->swap_offset == VASINFO_HIDDEN)
			fprintf(f, "    swap location: hidden (only CAP_SYS_ADMIN sees it)\n");
	}
	if (x->page || x->refcount >= 0) {
		fprintf(f, "    page:");
		if (x->refcount >= 0)
			fprintf(f, " refcount %lld, mapcount %lld",
				(long long)x->refcount, (long long)x->mapcount);
		if (x->page)
			fprintf(f, "%s%s", x->refcount >= 0 ? "; " : " ", pg);
		fputc('\n', f);
	}
}

void vj_run(struct vj *j, const struct vasinfo_run *r)
{
	int frame = shows_frame(r->state, r->pfn);
	int swap = (r->state == VASINFO_STATE_SWAP ||
		    r->state == VASINFO_STATE_MIGRATION) &&
		   r->swap_offset != VASINFO_HIDDEN;

	vj_obj(j);
	vj_kv_hex(j, "start", r->vaddr);
	vj_kv_hex(j, "end", r->vaddr + r->pages * vi_page_size());
	vj_kv_uint(j, "pages", r->pages);
	vj_kv_uint(j, "page_size", r->page_size);
	vj_kv_str(j, "state", vi_state_name(r->state));
	vj_kv_uint_or_null(j, "pfn", r->pfn, frame);
	vj_kv_uint_or_null(j, "swap_type", r->swap_type, swap);
	vj_kv_uint_or_null(j, "swap_offset", r->swap_offset, swap);
	names_array(j, "page", r->page, 0);
	vj_obj_end(j);
}

void vi_run_text(FILE *f, const struct vasinfo_run *r)
{
	char pg[512];

	vi_page_names(r->page, pg, sizeof(pg));
	fprintf(f, "%012llx-%012llx %8llu  %-5s  %-9s ",
		(unsigned long long)r->vaddr,
		(unsigned long long)(r->vaddr + r->pages * vi_page_size()),
		(unsigned long long)r->pages, size_name(r->page_size),
		vi_state_name(r->state));
	if (r->pfn == VASINFO_HIDDEN)
		fprintf(f, "%-14s", "hidden");
	else if (shows_frame(r->state, r->pfn))
		fprintf(f, "%#-14llx", (unsigned long long)r->pfn);
	else
		fprintf(f, "%-14s", "-");
	fprintf(f, " %s\n", pg);
}
