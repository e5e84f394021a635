// SPDX-License-Identifier: GPL-2.0
/*
 * vasinfo_runs: the rule that merges translated pages into runs
 * (vasinfo_run_extends(), vasinfo_run_start()).
 */
#include <kunit/test.h>
#include <linux/mm.h>
#include <linux/string.h>

#include <vasinfo.h>
#include "internal.h"
#include "helpers.h"

static struct vasinfo_xlate page_at(u64 vaddr, u32 state, u64 pfn)
{
	return (struct vasinfo_xlate){
		.vaddr = vaddr,
		.state = state,
		.page_size = PAGE_SIZE,
		.pfn = pfn,
		.page = VASINFO_PAGE_ANON,
	};
}

static void run_contiguous(struct kunit *test)
{
	struct vasinfo_xlate a = page_at(0x1000, VASINFO_STATE_PRESENT, 100);
	struct vasinfo_xlate b = page_at(0x2000, VASINFO_STATE_PRESENT, 101);
	struct vasinfo_run r;

	vasinfo_run_start(&r, &a);
	r.pages = 1;
	KUNIT_EXPECT_TRUE(test, vasinfo_run_extends(&r, &b, true));
}

static void run_frame_gap(struct kunit *test)
{
	struct vasinfo_xlate a = page_at(0x1000, VASINFO_STATE_PRESENT, 100);
	struct vasinfo_xlate b = page_at(0x2000, VASINFO_STATE_PRESENT, 205);
	struct vasinfo_run r;

	vasinfo_run_start(&r, &a);
	r.pages = 1;
	KUNIT_EXPECT_FALSE(test, vasinfo_run_extends(&r, &b, true));
	/* Without frames, lengths must not reveal physical contiguity. */
	a.pfn = VASINFO_HIDDEN;
	b.pfn = VASINFO_HIDDEN;
	vasinfo_run_start(&r, &a);
	r.pages = 1;
	KUNIT_EXPECT_TRUE(test, vasinfo_run_extends(&r, &b, false));
}

static void run_breaks(struct kunit *test)
{
	struct vasinfo_xlate a = page_at(0x1000, VASINFO_STATE_PRESENT, 100);
	struct vasinfo_xlate b;
	struct vasinfo_run r;

	vasinfo_run_start(&r, &a);
	r.pages = 1;
	b = page_at(0x3000, VASINFO_STATE_PRESENT, 101); /* virtual gap */
	KUNIT_EXPECT_FALSE(test, vasinfo_run_extends(&r, &b, true));
	b = page_at(0x2000, VASINFO_STATE_NONE, 0); /* state */
	KUNIT_EXPECT_FALSE(test, vasinfo_run_extends(&r, &b, true));
	b = page_at(0x2000, VASINFO_STATE_PRESENT, 101);
	b.page_size = PMD_SIZE; /* leaf size */
	KUNIT_EXPECT_FALSE(test, vasinfo_run_extends(&r, &b, true));
	b = page_at(0x2000, VASINFO_STATE_PRESENT, 101);
	b.page |= VASINFO_PAGE_SHARED; /* facts */
	KUNIT_EXPECT_FALSE(test, vasinfo_run_extends(&r, &b, true));
}

static void run_thp_head_tail(struct kunit *test)
{
	struct vasinfo_xlate a = page_at(0x200000, VASINFO_STATE_PRESENT, 512);
	struct vasinfo_xlate b = page_at(0x201000, VASINFO_STATE_PRESENT, 513);
	struct vasinfo_run r;

	a.page |= VASINFO_PAGE_THP | VASINFO_PAGE_HEAD;
	b.page |= VASINFO_PAGE_THP | VASINFO_PAGE_TAIL;
	vasinfo_run_start(&r, &a);
	r.pages = 1;
	KUNIT_EXPECT_TRUE(test, vasinfo_run_extends(&r, &b, true));
	KUNIT_EXPECT_EQ(test, r.page, VASINFO_PAGE_ANON | VASINFO_PAGE_THP);
}

static void run_swap_slots(struct kunit *test)
{
	struct vasinfo_xlate a = page_at(0x1000, VASINFO_STATE_SWAP, 0);
	struct vasinfo_xlate b = page_at(0x2000, VASINFO_STATE_SWAP, 0);
	struct vasinfo_run r;

	a.swap_type = 1;
	b.swap_type = 1;
	a.swap_offset = 40;
	b.swap_offset = 41;
	vasinfo_run_start(&r, &a);
	r.pages = 1;
	KUNIT_EXPECT_TRUE(test, vasinfo_run_extends(&r, &b, true));
	b.swap_type = 2;
	KUNIT_EXPECT_FALSE(test, vasinfo_run_extends(&r, &b, true));
	b.swap_type = 1;
	b.swap_offset = 50;
	KUNIT_EXPECT_FALSE(test, vasinfo_run_extends(&r, &b, true));
}

static void run_start_fields(struct kunit *test)
{
	struct vasinfo_xlate a = page_at(0x5000, VASINFO_STATE_PRESENT, 77);
	struct vasinfo_run r;

	memset(&r, 0xff, sizeof(r));
	a.page |= VASINFO_PAGE_HEAD | VASINFO_PAGE_SWAP_EXCLUSIVE;
	vasinfo_run_start(&r, &a);
	KUNIT_EXPECT_EQ(test, r.vaddr, 0x5000ULL);
	KUNIT_EXPECT_EQ(test, r.pfn, 77ULL);
	KUNIT_EXPECT_EQ(test, r.pages, 0ULL);
	KUNIT_EXPECT_EQ(test, r.reserved, 0U);
	KUNIT_EXPECT_EQ(test, r.page, VASINFO_PAGE_ANON);
}

static struct kunit_case run_cases[] = {
	KUNIT_CASE(run_contiguous),
	KUNIT_CASE(run_frame_gap),
	KUNIT_CASE(run_breaks),
	KUNIT_CASE(run_thp_head_tail),
	KUNIT_CASE(run_swap_slots),
	KUNIT_CASE(run_start_fields),
	{},
};

struct kunit_suite vasinfo_runs_suite = {
	.name = "vasinfo_runs",
	.test_cases = run_cases,
};
