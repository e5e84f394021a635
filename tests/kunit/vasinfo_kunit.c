// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suites for vasinfo's internals, through the small interface the
 * module exports when the kernel has KUnit (module/vasinfo.h). Built only
 * against a kernel with CONFIG_KUNIT (the debug kernel of tests/kernel/),
 * loaded after vasinfo.ko; results are KTAP on the console.
 *
 * The walk suite needs a user address space, and KUnit cases run in kernel
 * threads that have none: its suite_init runs in the context of the insmod
 * that loads this module, maps a region there with vm_mmap(), and the cases
 * borrow that mm with kthread_use_mm().
 */
#include <kunit/test.h>
#include <linux/cred.h>
#include <linux/highmem.h>
#include <linux/kthread.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/mmap_lock.h>
#include <linux/sched/mm.h>
#include <linux/seq_file.h>
#include <linux/swap.h>
#include <linux/swapops.h>
#include <linux/uaccess.h>

#include <vasinfo.h>
#include "../../module/vasinfo.h"

/* ---- "pid N" / "self" commands ------------------------------------------ */

static int parse(const char *s, size_t len, int *nr)
{
	*nr = -99;
	return vasinfo_parse_command(s, len, nr);
}

#define CMD_OK(name, str, want)                                              \
	static void cmd_##name(struct kunit *test)                           \
	{                                                                    \
		int nr;                                                      \
		KUNIT_EXPECT_EQ(test, parse(str, sizeof(str) - 1, &nr), 0);  \
		KUNIT_EXPECT_EQ(test, nr, want);                             \
	}
#define CMD_BAD(name, str)                                                   \
	static void cmd_##name(struct kunit *test)                           \
	{                                                                    \
		int nr;                                                      \
		KUNIT_EXPECT_EQ(test, parse(str, sizeof(str) - 1, &nr),      \
				-EINVAL);                                    \
	}

CMD_OK(pid_newline, "pid 42\n", 42)
CMD_OK(pid_bare, "pid 7", 7)
CMD_OK(self_newline, "self\n", 0)
CMD_OK(self_bare, "self", 0)
CMD_BAD(empty, "")
CMD_BAD(zero, "pid 0\n")
CMD_BAD(negative, "pid -3\n")
CMD_BAD(trailing_junk, "pid 4x\n")
CMD_BAD(two_newlines, "pid 1\n\n")
CMD_BAD(embedded_nul, "pid 1\0")
CMD_BAD(no_space, "pid5\n")
CMD_BAD(overflow, "pid 99999999999\n")
CMD_BAD(leading_space, " pid 1\n")
CMD_BAD(too_long, "pid 0000000000000000000000000001\n")

static struct kunit_case command_cases[] = {
	KUNIT_CASE(cmd_pid_newline),	KUNIT_CASE(cmd_pid_bare),
	KUNIT_CASE(cmd_self_newline),	KUNIT_CASE(cmd_self_bare),
	KUNIT_CASE(cmd_empty),		KUNIT_CASE(cmd_zero),
	KUNIT_CASE(cmd_negative),	KUNIT_CASE(cmd_trailing_junk),
	KUNIT_CASE(cmd_two_newlines),	KUNIT_CASE(cmd_embedded_nul),
	KUNIT_CASE(cmd_no_space),	KUNIT_CASE(cmd_overflow),
	KUNIT_CASE(cmd_leading_space),	KUNIT_CASE(cmd_too_long),
	{}
};

static struct kunit_suite command_suite = {
	.name = "vasinfo_command",
	.test_cases = command_cases,
};

/* ---- the permission decision table -------------------------------------- */

static struct cred *mkcred(struct kunit *test, u32 uid, u32 euid, u32 suid,
			   u32 gid)
{
	struct cred *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, c);
	c->uid = KUIDT_INIT(uid);
	c->euid = KUIDT_INIT(euid);
	c->suid = KUIDT_INIT(suid);
	c->fsuid = KUIDT_INIT(euid);
	c->gid = c->egid = c->sgid = c->fsgid = KGIDT_INIT(gid);
	return c;
}

#define PERM(name, caller_uid, t_uid, t_euid, t_suid, self, cap, dump, capmm,  \
	     want)                                                            \
	static void perm_##name(struct kunit *test)                           \
	{                                                                     \
		struct cred *c = mkcred(test, caller_uid, caller_uid,         \
					caller_uid, caller_uid);              \
		struct cred *t = mkcred(test, t_uid, t_euid, t_suid, t_uid);  \
		KUNIT_EXPECT_EQ(test,                                         \
				vasinfo_decide(c, t, self, cap, dump, capmm), \
				want);                                        \
	}

/*    name                     caller target(uid euid suid) self cap  dump capmm want */
PERM(self_always,              1000, 0, 0, 0,             true, false, false, false, true)
PERM(same_user,                1000, 1000, 1000, 1000,    false, false, true, false, true)
PERM(same_user_nondumpable,    1000, 1000, 1000, 1000,    false, false, false, false, false)
PERM(nondumpable_cap_in_mm_ns, 1000, 1000, 1000, 1000,    false, false, false, true, true)
PERM(other_user,               1000, 1001, 1001, 1001,    false, false, true, false, false)
PERM(other_user_ptrace_cap,    1000, 0, 0, 0,             false, true, true, false, true)
PERM(setuid_target,            1000, 1000, 0, 0,          false, false, true, false, false)
PERM(saved_uid_differs,        1000, 1000, 1000, 0,       false, false, true, false, false)
PERM(cap_but_nondumpable,      1000, 0, 0, 0,             false, true, false, false, false)
PERM(root_caller_plain,        0, 1000, 1000, 1000,       false, false, true, false, false)

static void perm_fsuid_rules(struct kunit *test)
{
	/* A caller that setfsuid()'d to the target's uid matches it. */
	struct cred *c = mkcred(test, 0, 0, 0, 1000);
	struct cred *t = mkcred(test, 1000, 1000, 1000, 1000);

	c->fsuid = KUIDT_INIT(1000);
	KUNIT_EXPECT_TRUE(test, vasinfo_decide(c, t, false, false, true, false));
	t->egid = KGIDT_INIT(5);	/* setgid target */
	KUNIT_EXPECT_FALSE(test, vasinfo_decide(c, t, false, false, true, false));
}

/* The capability LSM: the caller must hold every capability the target may use. */
static void perm_caps_subset(struct kunit *test)
{
	struct cred *c = mkcred(test, 0, 0, 0, 0);
	struct cred *t = mkcred(test, 0, 0, 0, 0);

	t->cap_permitted = CAP_FULL_SET;
	c->cap_effective = CAP_FULL_SET;
	KUNIT_EXPECT_TRUE(test, vasinfo_decide(c, t, false, false, true, false));
	cap_lower(c->cap_effective, CAP_SYS_PTRACE);	/* root without it */
	KUNIT_EXPECT_FALSE(test, vasinfo_decide(c, t, false, false, true, false));
	/* ... unless it holds CAP_SYS_PTRACE over the target after all. */
	KUNIT_EXPECT_TRUE(test, vasinfo_decide(c, t, false, true, true, false));
	/* A target with fewer capabilities is fine. */
	t->cap_permitted = CAP_EMPTY_SET;
	KUNIT_EXPECT_TRUE(test, vasinfo_decide(c, t, false, false, true, false));
}

/* Same user, but the caller lives in a user namespace of its own. */
static void perm_other_user_ns(struct kunit *test)
{
	struct cred *c = mkcred(test, 1000, 1000, 1000, 1000);
	struct cred *t = mkcred(test, 1000, 1000, 1000, 1000);

	c->user_ns = kunit_kzalloc(test, sizeof(*c->user_ns), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, c->user_ns);
	t->user_ns = &init_user_ns;
	KUNIT_EXPECT_FALSE(test, vasinfo_decide(c, t, false, false, true, false));
	t->user_ns = c->user_ns;
	KUNIT_EXPECT_TRUE(test, vasinfo_decide(c, t, false, false, true, false));
}

static struct kunit_case perm_cases[] = {
	KUNIT_CASE(perm_caps_subset),
	KUNIT_CASE(perm_other_user_ns),
	KUNIT_CASE(perm_self_always),
	KUNIT_CASE(perm_same_user),
	KUNIT_CASE(perm_same_user_nondumpable),
	KUNIT_CASE(perm_nondumpable_cap_in_mm_ns),
	KUNIT_CASE(perm_other_user),
	KUNIT_CASE(perm_other_user_ptrace_cap),
	KUNIT_CASE(perm_setuid_target),
	KUNIT_CASE(perm_saved_uid_differs),
	KUNIT_CASE(perm_cap_but_nondumpable),
	KUNIT_CASE(perm_root_caller_plain),
	KUNIT_CASE(perm_fsuid_rules),
	{}
};

static struct kunit_suite perm_suite = {
	.name = "vasinfo_permission",
	.test_cases = perm_cases,
};

/* ---- request validation ------------------------------------------------- */

static void req_sizes(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, vasinfo_check_size(39, 40), -EINVAL);
	KUNIT_EXPECT_EQ(test, vasinfo_check_size(0, 40), -EINVAL);
	KUNIT_EXPECT_EQ(test, vasinfo_check_size(40, 40), 0);
	KUNIT_EXPECT_EQ(test, vasinfo_check_size(48, 40), 0);
	KUNIT_EXPECT_EQ(test, vasinfo_check_size(PAGE_SIZE, 40), 0);
	KUNIT_EXPECT_EQ(test, vasinfo_check_size(PAGE_SIZE + 1, 40), -E2BIG);
	KUNIT_EXPECT_EQ(test, vasinfo_check_size(U32_MAX, 40), -E2BIG);
}

static struct vasinfo_translate good_translate(void)
{
	return (struct vasinfo_translate){
		.size = sizeof(struct vasinfo_translate),
		.count = 1,
		.result_size = sizeof(struct vasinfo_xlate),
	};
}

static void req_translate_ok(struct kunit *test)
{
	struct vasinfo_translate r = good_translate();

	KUNIT_EXPECT_EQ(test, vasinfo_check_translate(&r), 0);
	r.count = VASINFO_MAX_BATCH;
	KUNIT_EXPECT_EQ(test, vasinfo_check_translate(&r), 0);
	r.count = 0;
	KUNIT_EXPECT_EQ(test, vasinfo_check_translate(&r), 0);
	r.result_size = sizeof(struct vasinfo_xlate) + 64;	/* newer caller */
	KUNIT_EXPECT_EQ(test, vasinfo_check_translate(&r), 0);
}

static void req_translate_bad(struct kunit *test)
{
	struct vasinfo_translate r = good_translate();

	r.flags = 1;
	KUNIT_EXPECT_EQ(test, vasinfo_check_translate(&r), -EINVAL);
	r = good_translate();
	r.reserved = 1;
	KUNIT_EXPECT_EQ(test, vasinfo_check_translate(&r), -EINVAL);
	r = good_translate();
	r.count = VASINFO_MAX_BATCH + 1;
	KUNIT_EXPECT_EQ(test, vasinfo_check_translate(&r), -E2BIG);
	r = good_translate();
	r.result_size = 8;
	KUNIT_EXPECT_EQ(test, vasinfo_check_translate(&r), -EINVAL);
	r = good_translate();
	r.result_size = PAGE_SIZE + 8;
	KUNIT_EXPECT_EQ(test, vasinfo_check_translate(&r), -EINVAL);
	r = good_translate();
	r.pid = -1;
	KUNIT_EXPECT_EQ(test, vasinfo_check_translate(&r), -EINVAL);
}

static struct vasinfo_range good_range(void)
{
	return (struct vasinfo_range){
		.size = sizeof(struct vasinfo_range),
		.count = 16,
		.start = 0x400000,
		.end = 0x800000,
		.run_size = sizeof(struct vasinfo_run),
	};
}

static void req_range_cursor(struct kunit *test)
{
	struct vasinfo_range r = good_range();
	u64 addr = 0;

	KUNIT_EXPECT_EQ(test, vasinfo_check_range(&r, &addr), 0);
	KUNIT_EXPECT_EQ(test, addr, 0x400000ULL);
	r.cursor = 0x600000;
	KUNIT_EXPECT_EQ(test, vasinfo_check_range(&r, &addr), 0);
	KUNIT_EXPECT_EQ(test, addr, 0x600000ULL);
	r.cursor = 0x800000;	/* resumed at the end: nothing left */
	KUNIT_EXPECT_EQ(test, vasinfo_check_range(&r, &addr), 0);
	KUNIT_EXPECT_EQ(test, addr, 0x800000ULL);
}

static void req_range_bad_cursor(struct kunit *test)
{
	struct vasinfo_range r = good_range();
	u64 addr;

	r.cursor = 0x300000;
	KUNIT_EXPECT_EQ(test, vasinfo_check_range(&r, &addr), -EINVAL);
	r.cursor = 0x900000;
	KUNIT_EXPECT_EQ(test, vasinfo_check_range(&r, &addr), -EINVAL);
	r.cursor = 0x600001;
	KUNIT_EXPECT_EQ(test, vasinfo_check_range(&r, &addr), -EINVAL);
}

static void req_range_bad_bounds(struct kunit *test)
{
	struct vasinfo_range r = good_range();
	u64 addr;

	r.end = r.start;	/* empty */
	KUNIT_EXPECT_EQ(test, vasinfo_check_range(&r, &addr), -EINVAL);
	r = good_range();
	r.end = 0x300000;	/* backwards */
	KUNIT_EXPECT_EQ(test, vasinfo_check_range(&r, &addr), -EINVAL);
	r = good_range();
	r.start = 0x400010;	/* unaligned */
	KUNIT_EXPECT_EQ(test, vasinfo_check_range(&r, &addr), -EINVAL);
	r = good_range();
	r.end = 0xffff888000000000ULL;	/* into the kernel half */
	KUNIT_EXPECT_EQ(test, vasinfo_check_range(&r, &addr), -EINVAL);
	r = good_range();
	r.end = TASK_SIZE_MAX + PAGE_SIZE;	/* past the user half */
	KUNIT_EXPECT_EQ(test, vasinfo_check_range(&r, &addr), -EINVAL);
	r = good_range();
	r.start = 0xfffffffffffff000ULL;	/* would wrap */
	r.end = 0;
	KUNIT_EXPECT_EQ(test, vasinfo_check_range(&r, &addr), -EINVAL);
}

static void req_range_bad_fields(struct kunit *test)
{
	struct vasinfo_range r = good_range();
	u64 addr;

	r.count = 0;
	KUNIT_EXPECT_EQ(test, vasinfo_check_range(&r, &addr), -EINVAL);
	r = good_range();
	r.flags = 0x80000000;
	KUNIT_EXPECT_EQ(test, vasinfo_check_range(&r, &addr), -EINVAL);
	r = good_range();
	r.run_size = 4;
	KUNIT_EXPECT_EQ(test, vasinfo_check_range(&r, &addr), -EINVAL);
}

static struct kunit_case request_cases[] = {
	KUNIT_CASE(req_sizes),
	KUNIT_CASE(req_translate_ok),
	KUNIT_CASE(req_translate_bad),
	KUNIT_CASE(req_range_cursor),
	KUNIT_CASE(req_range_bad_cursor),
	KUNIT_CASE(req_range_bad_bounds),
	KUNIT_CASE(req_range_bad_fields),
	{}
};

static struct kunit_suite request_suite = {
	.name = "vasinfo_request",
	.test_cases = request_cases,
};

/* ---- pages into runs ---------------------------------------------------- */

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
	a.pfn = b.pfn = VASINFO_HIDDEN;
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
	b = page_at(0x3000, VASINFO_STATE_PRESENT, 101);	/* virtual gap */
	KUNIT_EXPECT_FALSE(test, vasinfo_run_extends(&r, &b, true));
	b = page_at(0x2000, VASINFO_STATE_NONE, 0);		/* state */
	KUNIT_EXPECT_FALSE(test, vasinfo_run_extends(&r, &b, true));
	b = page_at(0x2000, VASINFO_STATE_PRESENT, 101);
	b.page_size = PMD_SIZE;					/* leaf size */
	KUNIT_EXPECT_FALSE(test, vasinfo_run_extends(&r, &b, true));
	b = page_at(0x2000, VASINFO_STATE_PRESENT, 101);
	b.page |= VASINFO_PAGE_SHARED;				/* facts */
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

	a.swap_type = b.swap_type = 1;
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
	KUNIT_CASE(run_contiguous),	KUNIT_CASE(run_frame_gap),
	KUNIT_CASE(run_breaks),		KUNIT_CASE(run_thp_head_tail),
	KUNIT_CASE(run_swap_slots),	KUNIT_CASE(run_start_fields),
	{}
};

static struct kunit_suite run_suite = {
	.name = "vasinfo_runs",
	.test_cases = run_cases,
};

/* ---- decoding of entries ------------------------------------------------ */

struct decode_ctx {
	struct mm_struct *mm;
	struct vm_area_struct *vma;
	struct page *page;
};

static int decode_init(struct kunit *test)
{
	struct decode_ctx *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, c);
	c->mm = kunit_kzalloc(test, sizeof(*c->mm), GFP_KERNEL);
	c->vma = kunit_kzalloc(test, sizeof(*c->vma), GFP_KERNEL);
	c->page = alloc_page(GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, c->mm);
	KUNIT_ASSERT_NOT_NULL(test, c->vma);
	KUNIT_ASSERT_NOT_NULL(test, c->page);
	c->vma->vm_mm = c->mm;
	c->vma->vm_start = 0x400000;
	c->vma->vm_end = 0x800000;
	c->vma->vm_flags = VM_READ | VM_WRITE;
	test->priv = c;
	return 0;
}

static void decode_exit(struct kunit *test)
{
	struct decode_ctx *c = test->priv;

	__free_page(c->page);
}

static void decode(struct kunit *test, struct vasinfo_xlate *x, int level,
		   u64 raw, unsigned long size, bool show_pfn)
{
	struct decode_ctx *c = test->priv;

	memset(x, 0, sizeof(*x));
	x->vaddr = 0x401234;
	x->mapped = 1;
	x->refcount = x->mapcount = -1;
	x->levels[level].value = raw;
	x->levels[level].flags = VASINFO_ENTRY_VALID;
	vasinfo_decode_leaf(x, c->vma, level, raw, size, show_pfn);
}

#define PM_PRESENT BIT_ULL(63)
#define PM_SWAP BIT_ULL(62)
#define PM_FILE BIT_ULL(61)
#define PM_SOFT_DIRTY BIT_ULL(55)

static void decode_none(struct kunit *test)
{
	struct decode_ctx *c = test->priv;
	struct vasinfo_xlate x;

	decode(test, &x, VASINFO_LEVEL_PTE, 0, PAGE_SIZE, true);
	KUNIT_EXPECT_EQ(test, x.state, (u32)VASINFO_STATE_NONE);
	KUNIT_EXPECT_EQ(test, x.pagemap, 0ULL);
	KUNIT_EXPECT_TRUE(test, x.levels[VASINFO_LEVEL_PTE].flags & VASINFO_ENTRY_LEAF);
	c->vma->vm_flags |= VM_SOFTDIRTY;
	decode(test, &x, VASINFO_LEVEL_PTE, 0, PAGE_SIZE, true);
	KUNIT_EXPECT_EQ(test, x.pagemap, (u64)(VM_SOFTDIRTY ? PM_SOFT_DIRTY : 0));
}

static void decode_swap_entry(struct kunit *test)
{
	pte_t pte = swp_entry_to_pte(swp_entry(3, 0x1234));
	struct vasinfo_xlate x;

	decode(test, &x, VASINFO_LEVEL_PTE, pte_val(pte), PAGE_SIZE, true);
	KUNIT_EXPECT_EQ(test, x.state, (u32)VASINFO_STATE_SWAP);
	KUNIT_EXPECT_EQ(test, x.swap_type, 3ULL);
	KUNIT_EXPECT_EQ(test, x.swap_offset, 0x1234ULL);
	KUNIT_EXPECT_EQ(test, x.pagemap, PM_SWAP | 3 | (0x1234ULL << 5));
	KUNIT_EXPECT_EQ(test, x.pfn, 0ULL);
}

static void decode_swap_hidden(struct kunit *test)
{
	pte_t pte = swp_entry_to_pte(swp_entry(3, 0x1234));
	struct vasinfo_xlate x;

	decode(test, &x, VASINFO_LEVEL_PTE, pte_val(pte), PAGE_SIZE, false);
	KUNIT_EXPECT_EQ(test, x.state, (u32)VASINFO_STATE_SWAP);
	KUNIT_EXPECT_EQ(test, x.swap_offset, VASINFO_HIDDEN);
	KUNIT_EXPECT_EQ(test, x.pagemap, PM_SWAP);
	/* The raw entry keeps only its low flag bits. */
	KUNIT_EXPECT_EQ(test, x.levels[VASINFO_LEVEL_PTE].value & GENMASK_ULL(62, 9), 0ULL);
}

static void decode_swap_bits(struct kunit *test)
{
	pte_t pte = swp_entry_to_pte(swp_entry(1, 77));
	struct vasinfo_xlate x;

	pte = pte_swp_mkexclusive(pte_swp_mksoft_dirty(pte));
	decode(test, &x, VASINFO_LEVEL_PTE, pte_val(pte), PAGE_SIZE, true);
	KUNIT_EXPECT_EQ(test, x.swap_offset, 77ULL);
	KUNIT_EXPECT_TRUE(test, x.page & VASINFO_PAGE_SWAP_EXCLUSIVE);
	if (IS_ENABLED(CONFIG_MEM_SOFT_DIRTY))
		KUNIT_EXPECT_TRUE(test, x.page & VASINFO_PAGE_SOFT_DIRTY);
}

static void decode_migration(struct kunit *test)
{
	struct decode_ctx *c = test->priv;
	unsigned long pfn = page_to_pfn(c->page);
	pte_t pte = swp_entry_to_pte(make_readable_migration_entry(pfn));
	struct vasinfo_xlate x;

	decode(test, &x, VASINFO_LEVEL_PTE, pte_val(pte), PAGE_SIZE, true);
	KUNIT_EXPECT_EQ(test, x.state, (u32)VASINFO_STATE_MIGRATION);
	KUNIT_EXPECT_EQ(test, x.swap_offset, (u64)pfn);
	KUNIT_EXPECT_TRUE(test, x.pagemap & PM_SWAP);
	KUNIT_EXPECT_FALSE(test, x.pagemap & PM_PRESENT);
}

static void decode_present_page(struct kunit *test)
{
	struct decode_ctx *c = test->priv;
	unsigned long pfn = page_to_pfn(c->page);
	pte_t pte = pfn_pte(pfn, __pgprot(_PAGE_PRESENT | _PAGE_RW | _PAGE_USER |
					  _PAGE_ACCESSED | _PAGE_DIRTY | _PAGE_NX));
	struct vasinfo_xlate x;

	decode(test, &x, VASINFO_LEVEL_PTE, pte_val(pte), PAGE_SIZE, true);
	KUNIT_EXPECT_EQ(test, x.state, (u32)VASINFO_STATE_PRESENT);
	KUNIT_EXPECT_EQ(test, x.pfn, (u64)pfn);
	KUNIT_EXPECT_EQ(test, x.paddr, ((u64)pfn << PAGE_SHIFT) | 0x234);
	KUNIT_EXPECT_EQ(test, x.hw & (VASINFO_HW_PRESENT | VASINFO_HW_WRITE |
				      VASINFO_HW_USER | VASINFO_HW_ACCESSED |
				      VASINFO_HW_DIRTY | VASINFO_HW_NX |
				      VASINFO_HW_HUGE | VASINFO_HW_GLOBAL),
			VASINFO_HW_PRESENT | VASINFO_HW_WRITE | VASINFO_HW_USER |
				VASINFO_HW_ACCESSED | VASINFO_HW_DIRTY | VASINFO_HW_NX);
	/* A kernel page: not anonymous, so pagemap would call it a file page. */
	KUNIT_EXPECT_EQ(test, x.pagemap, PM_PRESENT | PM_FILE | pfn);
	KUNIT_EXPECT_EQ(test, x.mapcount, 0LL);
	KUNIT_EXPECT_GE(test, x.refcount, 1LL);
	KUNIT_EXPECT_FALSE(test, x.page & VASINFO_PAGE_ANON);
}

static void decode_present_hidden(struct kunit *test)
{
	struct decode_ctx *c = test->priv;
	unsigned long pfn = page_to_pfn(c->page);
	pte_t pte = pfn_pte(pfn, __pgprot(_PAGE_PRESENT | _PAGE_USER));
	struct vasinfo_xlate x;

	decode(test, &x, VASINFO_LEVEL_PTE, pte_val(pte), PAGE_SIZE, false);
	KUNIT_EXPECT_EQ(test, x.pfn, VASINFO_HIDDEN);
	KUNIT_EXPECT_EQ(test, x.paddr, VASINFO_HIDDEN);
	KUNIT_EXPECT_EQ(test, x.pagemap & GENMASK_ULL(54, 0), 0ULL);
	KUNIT_EXPECT_EQ(test, x.levels[VASINFO_LEVEL_PTE].value & PTE_PFN_MASK, 0ULL);
	KUNIT_EXPECT_EQ(test, x.levels[VASINFO_LEVEL_PTE].value,
			(u64)(_PAGE_PRESENT | _PAGE_USER));
}

/* PROT_NONE entries store the frame inverted (L1TF): decoded, not masked. */
static void decode_protnone(struct kunit *test)
{
	struct decode_ctx *c = test->priv;
	unsigned long pfn = page_to_pfn(c->page);
	pte_t pte = pfn_pte(pfn, __pgprot(_PAGE_PROTNONE | _PAGE_ACCESSED));
	struct vasinfo_xlate x;

	KUNIT_ASSERT_NE(test, (pte_val(pte) & PTE_PFN_MASK) >> PAGE_SHIFT, (u64)pfn);
	decode(test, &x, VASINFO_LEVEL_PTE, pte_val(pte), PAGE_SIZE, true);
	KUNIT_EXPECT_EQ(test, x.state, (u32)VASINFO_STATE_PRESENT);
	KUNIT_EXPECT_EQ(test, x.pfn, (u64)pfn);
	KUNIT_EXPECT_TRUE(test, x.hw & VASINFO_HW_PROTNONE);
	KUNIT_EXPECT_FALSE(test, x.hw & VASINFO_HW_PRESENT);
	KUNIT_EXPECT_FALSE(test, x.hw & VASINFO_HW_GLOBAL);
}

static void decode_special(struct kunit *test)
{
	struct decode_ctx *c = test->priv;
	pte_t pte = pte_mkspecial(pfn_pte(page_to_pfn(c->page),
					  __pgprot(_PAGE_PRESENT | _PAGE_USER)));
	struct vasinfo_xlate x;

	decode(test, &x, VASINFO_LEVEL_PTE, pte_val(pte), PAGE_SIZE, true);
	KUNIT_EXPECT_TRUE(test, x.page & VASINFO_PAGE_NO_STRUCT);
	KUNIT_EXPECT_TRUE(test, x.hw & VASINFO_HW_SPECIAL);
	KUNIT_EXPECT_EQ(test, x.refcount, -1LL);
	KUNIT_EXPECT_EQ(test, x.pagemap, PM_PRESENT | page_to_pfn(c->page));
}

static void decode_zero_page(struct kunit *test)
{
	pte_t pte = pte_mkspecial(pfn_pte(my_zero_pfn(0),
					  __pgprot(_PAGE_PRESENT | _PAGE_USER)));
	struct vasinfo_xlate x;

	decode(test, &x, VASINFO_LEVEL_PTE, pte_val(pte), PAGE_SIZE, true);
	KUNIT_EXPECT_TRUE(test, x.page & VASINFO_PAGE_ZERO);
	KUNIT_EXPECT_FALSE(test, x.page & VASINFO_PAGE_NO_STRUCT);
	KUNIT_EXPECT_FALSE(test, x.pagemap & PM_FILE);
}

static void decode_pmd_leaf(struct kunit *test)
{
	struct decode_ctx *c = test->priv;
	unsigned long pfn = page_to_pfn(c->page) & ~(unsigned long)(PTRS_PER_PMD - 1);
	pmd_t pmd = pfn_pmd(pfn, __pgprot(_PAGE_PRESENT | _PAGE_USER | _PAGE_PSE));
	struct vasinfo_xlate x;

	decode(test, &x, VASINFO_LEVEL_PMD, pmd_val(pmd), PMD_SIZE, true);
	KUNIT_EXPECT_EQ(test, x.page_size, (u64)PMD_SIZE);
	KUNIT_EXPECT_EQ(test, x.leaf, (u32)VASINFO_LEVEL_PMD);
	KUNIT_EXPECT_TRUE(test, x.hw & VASINFO_HW_HUGE);
	/* 0x401234 is 1 page and 0x234 bytes into its 2 MiB page. */
	KUNIT_EXPECT_EQ(test, x.pfn, (u64)pfn + 1);
}

static void decode_pfnmap(struct kunit *test)
{
	struct decode_ctx *c = test->priv;
	pte_t pte = pte_mkspecial(pfn_pte(page_to_pfn(c->page),
					  __pgprot(_PAGE_PRESENT | _PAGE_USER)));
	struct vasinfo_xlate x;

	c->vma->vm_flags |= VM_PFNMAP | VM_IO;
	decode(test, &x, VASINFO_LEVEL_PTE, pte_val(pte), PAGE_SIZE, true);
	KUNIT_EXPECT_EQ(test, x.state, (u32)VASINFO_STATE_PRESENT);
	KUNIT_EXPECT_EQ(test, x.pagemap, 0ULL);	/* pagemap never walks PFNMAP */
}

static struct kunit_case decode_cases[] = {
	KUNIT_CASE(decode_none),	 KUNIT_CASE(decode_swap_entry),
	KUNIT_CASE(decode_swap_hidden),	 KUNIT_CASE(decode_swap_bits),
	KUNIT_CASE(decode_migration),	 KUNIT_CASE(decode_present_page),
	KUNIT_CASE(decode_present_hidden), KUNIT_CASE(decode_protnone),
	KUNIT_CASE(decode_special),	 KUNIT_CASE(decode_zero_page),
	KUNIT_CASE(decode_pmd_leaf),	 KUNIT_CASE(decode_pfnmap),
	{}
};

static struct kunit_suite decode_suite = {
	.name = "vasinfo_decode",
	.init = decode_init,
	.exit = decode_exit,
	.test_cases = decode_cases,
};

/* ---- the text report's VMA lines ---------------------------------------- */

static const char *show(struct kunit *test, struct vm_area_struct *vma)
{
	struct seq_file *m = kunit_kzalloc(test, sizeof(*m), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, m);
	m->size = PAGE_SIZE;
	m->buf = kunit_kzalloc(test, m->size + 1, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, m->buf);
	vasinfo_show_vma(m, vma);
	m->buf[m->count] = '\0';
	return m->buf;
}

static char *expect_line(struct kunit *test, const char *prefix,
			 const char *segment, const char *name)
{
	char *buf = kunit_kzalloc(test, 256, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, buf);
	snprintf(buf, 256, "%-72s %-7s %s\n", prefix, segment, name);
	return buf;
}

static struct vm_area_struct *fake_vma(struct kunit *test, unsigned long start,
				       unsigned long end, unsigned long flags)
{
	struct vm_area_struct *vma = kunit_kzalloc(test, sizeof(*vma), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, vma);
	vma->vm_mm = kunit_kzalloc(test, sizeof(*vma->vm_mm), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, vma->vm_mm);
	vma->vm_start = start;
	vma->vm_end = end;
	vma->vm_flags = flags;
	return vma;
}

static void line_anon(struct kunit *test)
{
	struct vm_area_struct *vma = fake_vma(test, 0x7f0000001000, 0x7f0000003000,
					      VM_READ | VM_WRITE);

	KUNIT_EXPECT_STREQ(test, show(test, vma),
			   expect_line(test, "7f0000001000-7f0000003000 rw-p 00000000 00:00 0 ",
				       "anon", "[anon]"));
}

static void line_short_addresses(struct kunit *test)
{
	struct vm_area_struct *vma = fake_vma(test, 0x1000, 0x2000, VM_READ | VM_EXEC);

	/* At least 8 hex digits, as /proc/PID/maps writes them. */
	KUNIT_EXPECT_STREQ(test, show(test, vma),
			   expect_line(test, "00001000-00002000 r-xp 00000000 00:00 0 ",
				       "anon", "[anon]"));
}

static void line_heap(struct kunit *test)
{
	struct vm_area_struct *vma = fake_vma(test, 0x5000000, 0x5021000,
					      VM_READ | VM_WRITE);

	vma->vm_mm->start_brk = 0x5000000;
	vma->vm_mm->brk = 0x5021000;
	KUNIT_EXPECT_STREQ(test, show(test, vma),
			   expect_line(test, "05000000-05021000 rw-p 00000000 00:00 0 ",
				       "heap", "[heap]"));
}

static void line_stack(struct kunit *test)
{
	struct vm_area_struct *vma = fake_vma(test, 0x7ffd0000, 0x7ffe0000,
					      VM_READ | VM_WRITE | VM_GROWSDOWN);

	vma->vm_mm->start_stack = 0x7ffdfff0;
	KUNIT_EXPECT_STREQ(test, show(test, vma),
			   expect_line(test, "7ffd0000-7ffe0000 rw-p 00000000 00:00 0 ",
				       "stack", "[stack]"));
}

static void line_shared_none(struct kunit *test)
{
	struct vm_area_struct *vma = fake_vma(test, 0x10000, 0x20000,
					      VM_SHARED | VM_MAYSHARE);

	KUNIT_EXPECT_STREQ(test, show(test, vma),
			   expect_line(test, "00010000-00020000 ---s 00000000 00:00 0 ",
				       "anon", "[anon]"));
}

static void line_bss(struct kunit *test)
{
	struct vm_area_struct *vma = fake_vma(test, 0x5e5000, 0x5ec000,
					      VM_READ | VM_WRITE);

	vma->vm_mm->start_data = 0x5db708;
	vma->vm_mm->end_data = 0x5e4710;
	KUNIT_EXPECT_STREQ(test, show(test, vma),
			   expect_line(test, "005e5000-005ec000 rw-p 00000000 00:00 0 ",
				       "bss", "[anon]"));
}

static struct kunit_case line_cases[] = {
	KUNIT_CASE(line_anon),	KUNIT_CASE(line_short_addresses),
	KUNIT_CASE(line_heap),	KUNIT_CASE(line_stack),
	KUNIT_CASE(line_shared_none), KUNIT_CASE(line_bss),
	{}
};

static struct kunit_suite line_suite = {
	.name = "vasinfo_report_line",
	.test_cases = line_cases,
};

/* ---- a walk of a real user address space -------------------------------- */

#define WALK_PAGES 64
static struct mm_struct *walk_mm;
static unsigned long walk_base;

/* Runs in the insmod process: map a region in its address space. */
static int walk_suite_init(struct kunit_suite *suite)
{
	unsigned long addr;

	walk_mm = get_task_mm(current);
	if (!walk_mm)
		return -ESRCH;
	addr = vm_mmap(NULL, 0, WALK_PAGES * PAGE_SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, 0);
	if (IS_ERR_VALUE(addr)) {
		mmput(walk_mm);
		walk_mm = NULL;
		return (int)addr;
	}
	walk_base = addr;
	return 0;
}

static void walk_suite_exit(struct kunit_suite *suite)
{
	if (!walk_mm)
		return;
	vm_munmap(walk_base, WALK_PAGES * PAGE_SIZE);
	mmput(walk_mm);
	walk_mm = NULL;
}

static unsigned long walk(struct kunit *test, unsigned long addr, bool show_pfn,
			  struct vasinfo_xlate *x)
{
	unsigned long span;

	KUNIT_ASSERT_NOT_NULL(test, walk_mm);
	mmap_read_lock(walk_mm);
	span = vasinfo_walk(walk_mm, addr, show_pfn, x);
	mmap_read_unlock(walk_mm);
	return span;
}

/* Write @val at @addr of the borrowed address space (faulting it in). */
static void poke(struct kunit *test, unsigned long addr, u64 val)
{
	int left;

	kthread_use_mm(walk_mm);
	left = copy_to_user((void __user *)addr, &val, sizeof(val));
	kthread_unuse_mm(walk_mm);
	KUNIT_ASSERT_EQ(test, left, 0);
}

static void walk_touched(struct kunit *test)
{
	unsigned long addr = walk_base + 5 * PAGE_SIZE + 0x18;
	u64 magic = 0x766173696e666f21ULL, seen;
	struct vasinfo_xlate x;
	void *kaddr;
	int l;

	poke(test, addr, magic);
	walk(test, addr, true, &x);
	KUNIT_ASSERT_EQ(test, x.state, (u32)VASINFO_STATE_PRESENT);
	KUNIT_EXPECT_EQ(test, x.leaf, (u32)VASINFO_LEVEL_PTE);
	for (l = VASINFO_LEVEL_PGD; l <= VASINFO_LEVEL_PTE; l++)
		KUNIT_EXPECT_TRUE(test, x.levels[l].flags &
					(VASINFO_ENTRY_VALID | VASINFO_ENTRY_FOLDED));
	KUNIT_EXPECT_EQ(test, x.levels[VASINFO_LEVEL_PTE].index,
			(u32)pte_index(addr));
	KUNIT_EXPECT_EQ(test, x.paddr & ~PAGE_MASK, (u64)0x18);
	/* The frame the walk found holds what we wrote at the address. */
	kaddr = kmap_local_page(pfn_to_page(x.pfn));
	seen = *(u64 *)(kaddr + 0x18);
	kunmap_local(kaddr);
	KUNIT_EXPECT_EQ(test, seen, magic);
	KUNIT_EXPECT_TRUE(test, x.page & VASINFO_PAGE_ANON);
	KUNIT_EXPECT_TRUE(test, x.page & VASINFO_PAGE_EXCLUSIVE);
	KUNIT_EXPECT_EQ(test, x.mapcount, 1LL);
}

static void walk_untouched_stays_untouched(struct kunit *test)
{
	unsigned long addr = walk_base + 40 * PAGE_SIZE;
	struct vasinfo_xlate x;

	walk(test, addr, true, &x);
	KUNIT_EXPECT_TRUE(test, x.mapped);
	KUNIT_EXPECT_TRUE(test, x.state == VASINFO_STATE_NONE ||
				x.state == VASINFO_STATE_NO_TABLE);
	/* Read-only: asking again finds it still not there. */
	walk(test, addr, true, &x);
	KUNIT_EXPECT_NE(test, x.state, (u32)VASINFO_STATE_PRESENT);
}

static void walk_outside(struct kunit *test)
{
	unsigned long addr = walk_base - PAGE_SIZE;
	struct vasinfo_xlate x;
	unsigned long span;

	span = walk(test, addr, true, &x);
	if (x.mapped)	/* something else sits right below: not a gap */
		kunit_skip(test, "no gap below the test region");
	KUNIT_EXPECT_EQ(test, x.state, (u32)VASINFO_STATE_UNMAPPED);
	KUNIT_EXPECT_EQ(test, x.pagemap, 0ULL);
	KUNIT_EXPECT_FALSE(test, x.levels[VASINFO_LEVEL_PGD].flags & VASINFO_ENTRY_VALID);
	KUNIT_EXPECT_GE(test, span, (unsigned long)PAGE_SIZE);
}

static void walk_span(struct kunit *test)
{
	unsigned long addr = walk_base + 6 * PAGE_SIZE + 100;
	struct vasinfo_xlate x;

	poke(test, addr, 1);
	KUNIT_EXPECT_EQ(test, walk(test, addr, true, &x), PAGE_SIZE - 100);
}

static void walk_hidden(struct kunit *test)
{
	unsigned long addr = walk_base + 7 * PAGE_SIZE;
	struct vasinfo_xlate x;
	int l;

	poke(test, addr, 2);
	walk(test, addr, false, &x);
	KUNIT_EXPECT_EQ(test, x.state, (u32)VASINFO_STATE_PRESENT);
	KUNIT_EXPECT_EQ(test, x.pfn, VASINFO_HIDDEN);
	for (l = 0; l < VASINFO_LEVELS; l++)
		KUNIT_EXPECT_EQ(test, x.levels[l].value & PTE_PFN_MASK, 0ULL);
	KUNIT_EXPECT_TRUE(test, x.levels[VASINFO_LEVEL_PTE].value & _PAGE_PRESENT);
}

static void walk_vma_fields(struct kunit *test)
{
	struct vasinfo_xlate x;

	walk(test, walk_base, true, &x);
	KUNIT_EXPECT_EQ(test, x.vma_start, (u64)walk_base);
	KUNIT_EXPECT_EQ(test, x.vma_end, (u64)walk_base + WALK_PAGES * PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, x.vma_flags & (VASINFO_VMA_READ | VASINFO_VMA_WRITE |
					     VASINFO_VMA_EXEC | VASINFO_VMA_FILE),
			VASINFO_VMA_READ | VASINFO_VMA_WRITE);
}

static struct kunit_case walk_cases[] = {
	KUNIT_CASE(walk_touched),
	KUNIT_CASE(walk_untouched_stays_untouched),
	KUNIT_CASE(walk_outside),
	KUNIT_CASE(walk_span),
	KUNIT_CASE(walk_hidden),
	KUNIT_CASE(walk_vma_fields),
	{}
};

static struct kunit_suite walk_suite = {
	.name = "vasinfo_walk",
	.suite_init = walk_suite_init,
	.suite_exit = walk_suite_exit,
	.test_cases = walk_cases,
};

kunit_test_suites(&command_suite, &perm_suite, &request_suite, &run_suite,
		  &decode_suite, &line_suite, &walk_suite);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit tests of vasinfo");
