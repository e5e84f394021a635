// SPDX-License-Identifier: GPL-2.0
/*
 * vasinfo_request: the checks of every request (module/runs.c), and the same
 * rules through the module's ioctl entry point with requests in the
 * borrowed process's memory.
 */
#include <kunit/test.h>
#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/mmap_lock.h>
#include <linux/slab.h>
#include <linux/string.h>

#include <vasinfo.h>
#include "internal.h"
#include "helpers.h"

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
	r.result_size = sizeof(struct vasinfo_xlate) + 64; /* newer caller */
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
	r.cursor = 0x800000; /* resumed at the end: nothing left */
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

	r.end = r.start; /* empty */
	KUNIT_EXPECT_EQ(test, vasinfo_check_range(&r, &addr), -EINVAL);
	r = good_range();
	r.end = 0x300000; /* backwards */
	KUNIT_EXPECT_EQ(test, vasinfo_check_range(&r, &addr), -EINVAL);
	r = good_range();
	r.start = 0x400010; /* unaligned */
	KUNIT_EXPECT_EQ(test, vasinfo_check_range(&r, &addr), -EINVAL);
	r = good_range();
	r.end = 0xffff888000000000ULL; /* into the kernel half */
	KUNIT_EXPECT_EQ(test, vasinfo_check_range(&r, &addr), -EINVAL);
	r = good_range();
	r.end = TASK_SIZE_MAX + PAGE_SIZE; /* past the user half */
	KUNIT_EXPECT_EQ(test, vasinfo_check_range(&r, &addr), -EINVAL);
	r = good_range();
	r.start = 0xfffffffffffff000ULL; /* would wrap */
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

/* COUNTS takes RANGE's range rules, its own element size, and no flags. */
static void req_counts_checks(struct kunit *test)
{
	struct vasinfo_counts good = {
		.size = sizeof(struct vasinfo_counts),
		.count = 1,
		.start = 0x400000,
		.end = 0x800000,
		.counts_size = sizeof(struct vasinfo_vma_counts),
	}, r;
	u64 addr = 0;

	r = good;
	KUNIT_EXPECT_EQ(test, vasinfo_check_counts(&r, &addr), 0);
	KUNIT_EXPECT_EQ(test, addr, 0x400000ULL);
	r.cursor = 0x800000;
	KUNIT_EXPECT_EQ(test, vasinfo_check_counts(&r, &addr), 0);
	KUNIT_EXPECT_EQ(test, addr, 0x800000ULL);
	r.cursor = 0x801000;
	KUNIT_EXPECT_EQ(test, vasinfo_check_counts(&r, &addr), -EINVAL);
	r.flags = VASINFO_COUNTS_TABLES_ONLY;
	r.cursor = 0;
	KUNIT_EXPECT_EQ(test, vasinfo_check_counts(&r, &addr), 0);
	r = good;
	r.flags = 2;
	KUNIT_EXPECT_EQ(test, vasinfo_check_counts(&r, &addr), -EINVAL);
	r = good;
	r.count = 0;
	KUNIT_EXPECT_EQ(test, vasinfo_check_counts(&r, &addr), -EINVAL);
	r = good;
	r.pid = -1;
	KUNIT_EXPECT_EQ(test, vasinfo_check_counts(&r, &addr), -EINVAL);
	r = good;
	r.counts_size = VASINFO_VMA_COUNTS_SIZE_VER0 - 1;
	KUNIT_EXPECT_EQ(test, vasinfo_check_counts(&r, &addr), -EINVAL);
	r.counts_size = PAGE_SIZE + 1;
	KUNIT_EXPECT_EQ(test, vasinfo_check_counts(&r, &addr), -EINVAL);
	r = good;
	r.end = r.start;
	KUNIT_EXPECT_EQ(test, vasinfo_check_counts(&r, &addr), -EINVAL);
	r = good;
	r.start = 0x400800;
	KUNIT_EXPECT_EQ(test, vasinfo_check_counts(&r, &addr), -EINVAL);
	r = good;
	r.end = TASK_SIZE_MAX + PAGE_SIZE;
	KUNIT_EXPECT_EQ(test, vasinfo_check_counts(&r, &addr), -EINVAL);
}

/*
 * The same rules through the module's ioctl entry point, with requests in
 * the borrowed process's memory: what copy_struct_from_user() decides, and
 * the checks made only there.
 */
static struct vasinfo_borrowed req_proc;

/* A process that cannot be borrowed fails each case, not the suite. */
static int request_suite_init(struct kunit_suite *suite)
{
	vasinfo_test_borrow(&req_proc);
	return 0;
}

static void request_suite_exit(struct kunit_suite *suite)
{
	vasinfo_test_unborrow(&req_proc);
}

static struct file *req_open(struct kunit *test)
{
	KUNIT_ASSERT_EQ_MSG(test, req_proc.err, 0, "no process to borrow");
	return vasinfo_test_open(test, "/dev/vasinfo", O_RDWR);
}

/* ioctl(2) of @cmd on @f, with @req (@len bytes) in the borrowed memory. */
static long req_ioctl(struct file *f, unsigned int cmd, void *req, size_t len)
{
	return vasinfo_test_ioctl(&req_proc, f, cmd, req, len);
}

/* VASINFO_IOC_VERSION on @f, with @v in the borrowed memory. */
static long req_version(struct file *f, struct vasinfo_version *v)
{
	return req_ioctl(f, VASINFO_IOC_VERSION, v, sizeof(*v));
}

/* Copy into, or out of, the borrowed memory at @off. */
static int req_put(size_t off, const void *src, size_t len)
{
	return vasinfo_test_put_ubuf(&req_proc, off, src, len);
}

static int req_get(size_t off, void *dst, size_t len)
{
	return vasinfo_test_get_ubuf(&req_proc, off, dst, len);
}

/* Requests as a newer caller sends them: 8 more bytes, zero unless set. */
#define NEWER(name, type)     \
	struct newer_##name { \
		type r;       \
		u64 tail;     \
	}

NEWER(version, struct vasinfo_version);
NEWER(mm_info, struct vasinfo_mm_info);
NEWER(vmas, struct vasinfo_vmas);
NEWER(translate, struct vasinfo_translate);
NEWER(range, struct vasinfo_range);

/* Only the size-first header of each request, and its tail. */
#define SEND_NEWER(test, f, cmd, var, val)                                \
	do {                                                              \
		typeof(var) *req = &(var);                                \
		u64 tail = (val);                                         \
		req->r.size = sizeof(*req);                               \
		req->tail = tail;                                         \
		KUNIT_EXPECT_EQ_MSG(test,                                 \
				    req_ioctl(f, cmd, req, sizeof(*req)), \
				    (long)(tail ? -E2BIG : 0),            \
				    #cmd " tail %llx", tail);             \
	} while (0)

static void req_ioctl_newer_caller(struct kunit *test)
{
	struct file *f = req_open(test);
	struct newer_version v;
	struct newer_mm_info mi;
	struct newer_vmas vm;
	struct newer_translate t;
	struct newer_range r;

	memset(&v, 0, sizeof(v));
	SEND_NEWER(test, f, VASINFO_IOC_VERSION, v, 0);
	KUNIT_EXPECT_EQ(test, v.r.abi_major, (u32)VASINFO_ABI_MAJOR);
	KUNIT_EXPECT_EQ(test, v.r.page_shift, (u32)PAGE_SHIFT);
	/* The bytes it does not know are left untouched. */
	KUNIT_EXPECT_EQ(test, v.tail, 0ULL);
	memset(&v, 0, sizeof(v));
	SEND_NEWER(test, f, VASINFO_IOC_VERSION, v, 1ULL << 63);
	KUNIT_EXPECT_EQ(test, v.r.abi_major, 0U); /* nothing written */
	memset(&v, 0, sizeof(v));
	SEND_NEWER(test, f, VASINFO_IOC_VERSION, v, 1);

	memset(&mi, 0, sizeof(mi));
	mi.r.pid = req_proc.pid;
	SEND_NEWER(test, f, VASINFO_IOC_MM_INFO, mi, 0);
	SEND_NEWER(test, f, VASINFO_IOC_MM_INFO, mi, 0x100);

	memset(&vm, 0, sizeof(vm));
	vm.r.pid = req_proc.pid;
	vm.r.count = 1;
	vm.r.vmas = (u64)req_proc.ubuf + UOFF_OUT;
	vm.r.vma_size = sizeof(struct vasinfo_vma);
	SEND_NEWER(test, f, VASINFO_IOC_VMAS, vm, 0);
	KUNIT_EXPECT_EQ(test, vm.r.count, 1U);
	vm.r.count = 1;
	vm.r.cursor = 0;
	SEND_NEWER(test, f, VASINFO_IOC_VMAS, vm, 0x8000);

	memset(&t, 0, sizeof(t));
	t.r.pid = req_proc.pid;
	t.r.addrs = (u64)req_proc.ubuf + UOFF_ADDRS;
	t.r.results = (u64)req_proc.ubuf + UOFF_OUT;
	t.r.result_size = sizeof(struct vasinfo_xlate);
	SEND_NEWER(test, f, VASINFO_IOC_TRANSLATE, t, 0);
	SEND_NEWER(test, f, VASINFO_IOC_TRANSLATE, t, 1ULL << 40);

	memset(&r, 0, sizeof(r));
	r.r.pid = req_proc.pid;
	r.r.count = 4;
	r.r.start = req_proc.ubuf;
	r.r.end = req_proc.ubuf + PAGE_SIZE;
	r.r.runs = (u64)req_proc.ubuf + UOFF_OUT;
	r.r.run_size = sizeof(struct vasinfo_run);
	SEND_NEWER(test, f, VASINFO_IOC_RANGE, r, 0);
	KUNIT_EXPECT_EQ(test, r.r.count, 1U);
	KUNIT_EXPECT_EQ(test, r.r.pages_present, 1ULL);
	r.r.count = 4;
	r.r.cursor = 0;
	SEND_NEWER(test, f, VASINFO_IOC_RANGE, r, 2);
}

static void req_ioctl_flags(struct kunit *test)
{
	struct file *f = req_open(test);
	struct vasinfo_version v = { .size = sizeof(v) };
	struct vasinfo_mm_info mi = { .size = sizeof(mi), .pid = req_proc.pid };
	struct vasinfo_vmas vm = {
		.size = sizeof(vm),
		.pid = req_proc.pid,
		.count = 1,
		.vmas = (u64)req_proc.ubuf + UOFF_OUT,
		.vma_size = sizeof(struct vasinfo_vma),
	};
	int map_count;

	KUNIT_EXPECT_EQ(test, req_version(f, &v), 0L);
	v.flags = 1;
	KUNIT_EXPECT_EQ(test, req_version(f, &v), (long)-EINVAL);
	v.flags = 0;
	v.reserved = 0x10;
	KUNIT_EXPECT_EQ(test, req_version(f, &v), (long)-EINVAL);
	v.reserved = 0;
	v.size = VASINFO_VERSION_SIZE_VER0 - 4;
	KUNIT_EXPECT_EQ(test, req_version(f, &v), (long)-EINVAL);

	KUNIT_EXPECT_EQ(test,
			req_ioctl(f, VASINFO_IOC_MM_INFO, &mi, sizeof(mi)), 0L);
	mmap_read_lock(req_proc.mm);
	map_count = req_proc.mm->map_count;
	mmap_read_unlock(req_proc.mm);
	KUNIT_EXPECT_EQ(test, mi.map_count, (u32)map_count);
	KUNIT_EXPECT_STREQ(test, mi.comm, req_proc.comm);
	mi.flags = 1U << 31;
	KUNIT_EXPECT_EQ(test,
			req_ioctl(f, VASINFO_IOC_MM_INFO, &mi, sizeof(mi)),
			(long)-EINVAL);

	KUNIT_EXPECT_EQ(test, req_ioctl(f, VASINFO_IOC_VMAS, &vm, sizeof(vm)),
			0L);
	KUNIT_EXPECT_EQ(test, vm.count, 1U);
	vm.cursor = 0;
	vm.flags = 4;
	KUNIT_EXPECT_EQ(test, req_ioctl(f, VASINFO_IOC_VMAS, &vm, sizeof(vm)),
			(long)-EINVAL);
	vm.flags = 0;
	vm.vma_size = 16;
	KUNIT_EXPECT_EQ(test, req_ioctl(f, VASINFO_IOC_VMAS, &vm, sizeof(vm)),
			(long)-EINVAL);
}

/* Whether a VMA of @mm holds @addr, as the kernel's own tree says. */
static bool mapped_at(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma;
	bool in;

	mmap_read_lock(mm);
	vma = find_vma(mm, addr);
	in = vma && vma->vm_start <= addr;
	mmap_read_unlock(mm);
	return in;
}

/* TRANSLATE one batch of @n addresses; results land at UOFF_OUT. */
static long translate_batch(struct kunit *test, struct file *f,
			    const u64 *addrs, u32 n)
{
	struct vasinfo_translate t = {
		.size = sizeof(t),
		.pid = req_proc.pid,
		.count = n,
		.addrs = (u64)req_proc.ubuf + UOFF_ADDRS,
		.results = (u64)req_proc.ubuf + UOFF_OUT,
		.result_size = sizeof(struct vasinfo_xlate),
	};

	KUNIT_ASSERT_EQ(test, req_put(UOFF_ADDRS, addrs, n * sizeof(u64)), 0);
	return req_ioctl(f, VASINFO_IOC_TRANSLATE, &t, sizeof(t));
}

/* Every address must be below TASK_SIZE_MAX, before any is translated. */
static void req_ioctl_translate_limit(struct kunit *test)
{
	struct file *f = req_open(test);
	const size_t rsize = sizeof(struct vasinfo_xlate);
	u64 last = TASK_SIZE_MAX - 1;
	u64 batch[3] = { req_proc.ubuf, req_proc.ubuf + PAGE_SIZE,
			 TASK_SIZE_MAX };
	struct vasinfo_xlate *x = kunit_kmalloc(test, 3 * rsize, GFP_KERNEL);
	u8 *fill = kunit_kmalloc(test, 3 * rsize, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, x);
	KUNIT_ASSERT_NOT_NULL(test, fill);
	memset(fill, 0xa5, 3 * rsize);

	KUNIT_ASSERT_EQ(test, req_put(UOFF_OUT, fill, 3 * rsize), 0);
	KUNIT_EXPECT_EQ(test, translate_batch(test, f, batch, 3),
			(long)-EINVAL);
	KUNIT_ASSERT_EQ(test, req_get(UOFF_OUT, x, 3 * rsize), 0);
	/* Rejected before any work: not even the good addresses' results. */
	KUNIT_EXPECT_EQ(test, memcmp(x, fill, 3 * rsize), 0);

	batch[2] = ~0ULL;
	KUNIT_EXPECT_EQ(test, translate_batch(test, f, batch, 3),
			(long)-EINVAL);
	batch[2] = 1ULL << 56; /* non-canonical with 4 or 5 levels */
	KUNIT_EXPECT_EQ(test, translate_batch(test, f, batch, 3),
			(long)-EINVAL);

	/* The last user byte is an address like any other. */
	batch[2] = last;
	KUNIT_EXPECT_EQ(test, translate_batch(test, f, batch, 3), 0L);
	KUNIT_ASSERT_EQ(test, req_get(UOFF_OUT, x, 3 * rsize), 0);
	KUNIT_EXPECT_EQ(test, x[0].vaddr, (u64)req_proc.ubuf);
	KUNIT_EXPECT_EQ(test, x[0].state, (u32)VASINFO_STATE_PRESENT);
	KUNIT_EXPECT_EQ(test, x[2].vaddr, last);
	KUNIT_EXPECT_EQ(test, x[2].mapped, (u32)mapped_at(req_proc.mm, last));
}

/* VERSION's caps follow the rule for frames, for opener and caller. */
static void req_ioctl_version_caps(struct kunit *test)
{
	struct file *strong = req_open(test);
	struct cred *no_admin = vasinfo_test_creds_without(test, CAP_SYS_ADMIN);
	struct file *weak =
		vasinfo_test_open_as(test, no_admin, "/dev/vasinfo");
	struct vasinfo_version v = { .size = sizeof(v) };
	const struct cred *old;

	KUNIT_EXPECT_EQ(test, req_version(strong, &v), 0L);
	KUNIT_EXPECT_EQ(test, v.caps & VASINFO_CAP_PFN, (u32)VASINFO_CAP_PFN);
	v.caps = 0;
	KUNIT_EXPECT_EQ(test, req_version(weak, &v), 0L);
	KUNIT_EXPECT_EQ(test, v.caps & VASINFO_CAP_PFN, 0U);
	old = override_creds(no_admin);
	v.caps = VASINFO_CAP_PFN;
	KUNIT_EXPECT_EQ(test, req_version(strong, &v), 0L);
	revert_creds(old);
	KUNIT_EXPECT_EQ(test, v.caps & VASINFO_CAP_PFN, 0U);
}

static struct kunit_case request_cases[] = {
	KUNIT_CASE(req_ioctl_newer_caller),
	KUNIT_CASE(req_ioctl_flags),
	KUNIT_CASE(req_ioctl_translate_limit),
	KUNIT_CASE(req_ioctl_version_caps),
	KUNIT_CASE(req_sizes),
	KUNIT_CASE(req_translate_ok),
	KUNIT_CASE(req_translate_bad),
	KUNIT_CASE(req_range_cursor),
	KUNIT_CASE(req_range_bad_cursor),
	KUNIT_CASE(req_range_bad_bounds),
	KUNIT_CASE(req_range_bad_fields),
	KUNIT_CASE(req_counts_checks),
	{},
};

struct kunit_suite vasinfo_request_suite = {
	.name = "vasinfo_request",
	.suite_init = request_suite_init,
	.suite_exit = request_suite_exit,
	.test_cases = request_cases,
};
