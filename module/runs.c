// SPDX-License-Identifier: GPL-2.0
/*
 * The rules of the binary requests that need no process: sizes, flags,
 * limits, ranges and cursors, and how pages join into runs. Kept apart from
 * ioctl.c so the KUnit suite can hold each rule to its documentation.
 */
#include <linux/errno.h>
#include <linux/mm.h>

#include <vasinfo.h>
#include "internal.h"

/**
 * vasinfo_check_size - is a request's own size acceptable
 * @size: the size the caller's struct says it has
 * @ver0: the size the struct was first published with
 *
 * Return: 0, -EINVAL below @ver0, -E2BIG above VASINFO_MAX_USER_SIZE.
 * (Bytes beyond what the module knows must be zero: copy_struct_from_user
 * checks that.)
 */
int vasinfo_check_size(u32 size, size_t ver0)
{
	if (size < ver0)
		return -EINVAL;
	if (size > VASINFO_MAX_USER_SIZE)
		return -E2BIG;
	return 0;
}

/**
 * vasinfo_check_translate - are a TRANSLATE request's fields acceptable
 * @req: the request, copied in
 *
 * Return: 0, -EINVAL for flags or reserved bits set, a negative pid or a
 * result size out of bounds, -E2BIG for more than VASINFO_MAX_BATCH
 * addresses.
 */
int vasinfo_check_translate(const struct vasinfo_translate *req)
{
	if (req->flags || req->reserved || req->pid < 0)
		return -EINVAL;
	if (req->count > VASINFO_MAX_BATCH)
		return -E2BIG;
	if (req->result_size < VASINFO_XLATE_SIZE_VER0 ||
	    req->result_size > VASINFO_MAX_USER_SIZE)
		return -EINVAL;
	return 0;
}

/**
 * vasinfo_check_range - is a RANGE request acceptable, and where it starts
 * @req: the request, copied in
 * @addr: set to the address the walk starts at (the cursor, or the start)
 *
 * A range must be page-aligned, non-empty and in the user half; a cursor,
 * when given, inside it and aligned.
 *
 * Return: 0 or -EINVAL.
 */
int vasinfo_check_range(const struct vasinfo_range *req, u64 *addr)
{
	u64 start;

	if ((req->flags & ~VASINFO_RANGE_NO_FACTS) || req->pid < 0 ||
	    req->count == 0)
		return -EINVAL;
	if (req->run_size < VASINFO_RUN_SIZE_VER0 ||
	    req->run_size > VASINFO_MAX_USER_SIZE)
		return -EINVAL;
	if (req->start >= req->end || req->end > TASK_SIZE_MAX ||
	    !PAGE_ALIGNED(req->start) || !PAGE_ALIGNED(req->end))
		return -EINVAL;
	start = req->cursor ? req->cursor : req->start;
	if (start < req->start || start > req->end || !PAGE_ALIGNED(start))
		return -EINVAL;
	*addr = start;
	return 0;
}

/**
 * vasinfo_check_counts - is a COUNTS request acceptable, and where it starts
 * @req: the request, copied in
 * @addr: set to the address the walk starts at (the cursor, or the start)
 *
 * As RANGE: a page-aligned, non-empty range in the user half, a cursor
 * inside it, room for at least one element of at least the first
 * published size, and no flag but VASINFO_COUNTS_TABLES_ONLY.
 *
 * Return: 0 or -EINVAL.
 */
int vasinfo_check_counts(const struct vasinfo_counts *req, u64 *addr)
{
	u64 start;

	if ((req->flags & ~VASINFO_COUNTS_TABLES_ONLY) || req->pid < 0 ||
	    req->count == 0)
		return -EINVAL;
	if (req->counts_size < VASINFO_VMA_COUNTS_SIZE_VER0 ||
	    req->counts_size > VASINFO_MAX_USER_SIZE)
		return -EINVAL;
	if (req->start >= req->end || req->end > TASK_SIZE_MAX ||
	    !PAGE_ALIGNED(req->start) || !PAGE_ALIGNED(req->end))
		return -EINVAL;
	start = req->cursor ? req->cursor : req->start;
	if (start < req->start || start > req->end || !PAGE_ALIGNED(start))
		return -EINVAL;
	*addr = start;
	return 0;
}

/* The facts that must agree for two pages to share a run. */
#define RUN_PAGE_MASK                                                       \
	(VASINFO_PAGE_ANON | VASINFO_PAGE_FILE | VASINFO_PAGE_EXCLUSIVE |   \
	 VASINFO_PAGE_SOFT_DIRTY | VASINFO_PAGE_SHARED | VASINFO_PAGE_KSM | \
	 VASINFO_PAGE_ZERO | VASINFO_PAGE_THP | VASINFO_PAGE_HUGETLB |      \
	 VASINFO_PAGE_NO_STRUCT | VASINFO_PAGE_UFFD_WP)

/**
 * vasinfo_run_extends - may the pages described by @x continue @run
 * @run: the run built so far
 * @x: the next address's translation
 * @show_pfn: the caller may see frames and swap slots
 *
 * Same state, leaf size and facts, virtually contiguous; with @show_pfn
 * also physically contiguous (or consecutive swap slots). Without it runs
 * must not reveal physical contiguity, so frames are not compared.
 *
 * Return: true if @x continues @run.
 */
bool vasinfo_run_extends(const struct vasinfo_run *run,
			 const struct vasinfo_xlate *x, bool show_pfn)
{
	if (run->vaddr + run->pages * PAGE_SIZE != x->vaddr ||
	    run->state != x->state || run->page_size != x->page_size ||
	    run->page != (x->page & RUN_PAGE_MASK))
		return false;
	if (!show_pfn)
		return true;
	if (x->state == VASINFO_STATE_PRESENT)
		return run->pfn + run->pages == x->pfn;
	if (x->state == VASINFO_STATE_SWAP ||
	    x->state == VASINFO_STATE_MIGRATION)
		return run->swap_type == x->swap_type &&
		       run->swap_offset + run->pages == x->swap_offset;
	return true;
}

/**
 * vasinfo_run_start - begin a run at the translation @x
 * @run: the run to fill
 * @x: its first address's translation
 */
void vasinfo_run_start(struct vasinfo_run *run, const struct vasinfo_xlate *x)
{
	memset(run, 0, sizeof(*run));
	run->vaddr = x->vaddr;
	run->page_size = x->page_size;
	run->state = x->state;
	run->page = x->page & RUN_PAGE_MASK;
	run->pfn = x->pfn;
	run->swap_type = x->swap_type;
	run->swap_offset = x->swap_offset;
}

/* Count @pages pages of state @state. */
static void runs_count(struct vasinfo_runs *r, u32 state, u64 pages)
{
	if (state == VASINFO_STATE_PRESENT)
		r->present += pages;
	else if (state == VASINFO_STATE_SWAP)
		r->swapped += pages;
	else
		r->none += pages;
}

/**
 * vasinfo_runs_add - add @pages pages, all described by @x, to the runs
 * @r: the runs; the last one is continued if @x extends it
 * @x: the first page's translation (its page facts are cleared when
 *     @r->no_facts)
 * @pages: how many pages from x->vaddr on, virtually contiguous, that
 *	   share one leaf (frames and swap slots advance page by page)
 *
 * Return: false, and nothing added, when a new run is needed but @r holds
 * @r->room runs already.
 */
bool vasinfo_runs_add(struct vasinfo_runs *r, struct vasinfo_xlate *x,
		      u64 pages)
{
	struct vasinfo_run *last = r->n ? &r->buf[r->n - 1] : NULL;

	if (r->no_facts)
		x->page = 0;
	if (last && vasinfo_run_extends(last, x, r->show_pfn)) {
		last->pages += pages;
	} else {
		if (r->n == r->room)
			return false;
		vasinfo_run_start(&r->buf[r->n], x);
		r->buf[r->n++].pages = pages;
	}
	runs_count(r, x->state, pages);
	return true;
}

/**
 * vasinfo_runs_like_last - a run of one present page like the last one
 * @r: the runs, the last of them present and ending at @vaddr
 * @vaddr: the page
 * @pfn: its frame, which does not follow the last run's
 *
 * What vasinfo_runs_add() of the page's translation would do when the
 * caller knows that translation equals the last run's in all but the
 * frame (vasinfo_table_runs(): same entry flags and page facts).
 *
 * Return: false, and nothing added, when @r is full.
 */
bool vasinfo_runs_like_last(struct vasinfo_runs *r, u64 vaddr, u64 pfn)
{
	struct vasinfo_run *run;

	if (r->n == r->room)
		return false;
	run = &r->buf[r->n++];
	*run = run[-1];
	run->vaddr = vaddr;
	run->pages = 1;
	run->pfn = pfn;
	runs_count(r, run->state, 1);
	return true;
}
