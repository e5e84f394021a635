// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suites for vasinfo's internals, linked into vasinfo.ko by a test
 * build (make VASINFO_KUNIT=1, see Kbuild) and run by its init, once
 * /dev/vasinfo exists; results are KTAP on the console. The suites call
 * the module's internal functions (module/internal.h) directly.
 *
 * Some suites need a user address space, and KUnit cases run in kernel
 * threads that have none: their suite_init runs in the context of the
 * insmod that loads the module, maps regions there with vm_mmap(), and the
 * cases borrow that mm with kthread_use_mm(). Through it they also call the
 * module's entry points (/dev/vasinfo's read, write and ioctl) with user
 * pointers, as a process would, and read the kernel's own /proc/PID/maps of
 * the insmod as the ground truth.
 */
#include <kunit/resource.h>
#include <kunit/test.h>
#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/err.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/highmem.h>
#include <linux/kthread.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/mmap_lock.h>
#include <linux/sched/mm.h>
#include <linux/seq_file.h>
#include <linux/shmem_fs.h>
#include <linux/string.h>
#include <linux/swap.h>
#include <linux/swapops.h>
#include <linux/uaccess.h>

#include <vasinfo.h>
#include "internal.h"

/* ---- the insmod process, borrowed by the cases --------------------------- */

#define UBUF_SIZE (64 * 1024)	/* user memory for requests and reads */
#define UOFF_ADDRS 1024		/* where a TRANSLATE's addresses go */
#define UOFF_OUT 4096		/* where results, runs and VMAs go */

struct borrowed {
	struct mm_struct *mm;
	pid_t pid;			/* the insmod's, in the initial namespace */
	char comm[TASK_COMM_LEN];
	unsigned long ubuf;		/* UBUF_SIZE bytes of its memory */
	int err;			/* why setting up failed, for the cases */
};

/* In a suite_init: take the insmod's mm and some memory in it. */
static void borrow(struct borrowed *b)
{
	unsigned long addr;

	memset(b, 0, sizeof(*b));
	b->mm = get_task_mm(current);
	if (!b->mm) {
		b->err = -ESRCH;
		return;
	}
	b->pid = task_tgid_nr(current);
	get_task_comm(b->comm, current);
	/* Populated now: copying into it later changes no counter. */
	addr = vm_mmap(NULL, 0, UBUF_SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, 0);
	if (IS_ERR_VALUE(addr))
		b->err = (int)addr;
	else
		b->ubuf = addr;
}

/* In the matching suite_exit (the insmod again). */
static void unborrow(struct borrowed *b)
{
	if (b->ubuf)
		vm_munmap(b->ubuf, UBUF_SIZE);
	if (b->mm)
		mmput(b->mm);
	memset(b, 0, sizeof(*b));
}

static void __user *uptr(const struct borrowed *b, size_t off)
{
	return (void __user *)(b->ubuf + off);
}

/* Copy @len bytes into, or out of, the borrowed memory at @off. */
static int put_ubuf(struct borrowed *b, size_t off, const void *src, size_t len)
{
	unsigned long left;

	kthread_use_mm(b->mm);
	left = copy_to_user(uptr(b, off), src, len);
	kthread_unuse_mm(b->mm);
	return left ? -EFAULT : 0;
}

static int get_ubuf(struct borrowed *b, size_t off, void *dst, size_t len)
{
	unsigned long left;

	kthread_use_mm(b->mm);
	left = copy_from_user(dst, uptr(b, off), len);
	kthread_unuse_mm(b->mm);
	return left ? -EFAULT : 0;
}

/*
 * read(2) of all of @f from its start, through the borrowed memory, into
 * @kbuf (NUL-terminated). Returns the length or -errno.
 */
static ssize_t read_all(struct borrowed *b, struct file *f, char *kbuf,
			size_t cap)
{
	size_t len = 0, room = min_t(size_t, cap - 1, UBUF_SIZE);
	loff_t pos = 0;
	ssize_t n;

	kthread_use_mm(b->mm);
	do {
		n = f->f_op->read(f, uptr(b, len), room - len, &pos);
		if (n > 0)
			len += n;
		if (n > 0 && len == room)
			n = -ENOSPC;
	} while (n > 0);
	if (!n && copy_from_user(kbuf, uptr(b, 0), len))
		n = -EFAULT;
	kthread_unuse_mm(b->mm);
	if (n < 0)
		return n;
	kbuf[len] = '\0';
	return len;
}

/* write(2) of @cmd to @f, from the borrowed memory. */
static ssize_t write_str(struct borrowed *b, struct file *f, const char *cmd)
{
	size_t len = strlen(cmd);
	loff_t pos = 0;
	ssize_t n = -EFAULT;

	kthread_use_mm(b->mm);
	if (!copy_to_user(uptr(b, 0), cmd, len))
		n = f->f_op->write(f, uptr(b, 0), len, &pos);
	kthread_unuse_mm(b->mm);
	return n;
}

/*
 * ioctl(2) on @f as a process makes it: @req (@len bytes) is copied to the
 * start of the borrowed memory, the module gets that address, and what it
 * wrote back is copied into @req.
 */
static long ioctl_user(struct borrowed *b, struct file *f, unsigned int cmd,
		       void *req, size_t len)
{
	long ret = -EFAULT;

	kthread_use_mm(b->mm);
	if (!copy_to_user(uptr(b, 0), req, len)) {
		ret = f->f_op->unlocked_ioctl(f, cmd, b->ubuf);
		if (copy_from_user(req, uptr(b, 0), len))
			ret = -EFAULT;
	}
	kthread_unuse_mm(b->mm);
	return ret;
}

static int res_init(struct kunit_resource *res, void *context)
{
	res->data = context;
	return 0;
}

static void file_res_free(struct kunit_resource *res)
{
	fput(res->data);
}

/* Open @path for the rest of the case; failing to open fails the case. */
/* @f, opened from @path, is closed when the case ends. */
static struct file *keep_file(struct kunit *test, struct file *f,
			      const char *path)
{
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(f), "open %s: %ld", path,
			       PTR_ERR(f));
	KUNIT_ASSERT_NOT_NULL(test, kunit_alloc_resource(test, res_init,
							 file_res_free,
							 GFP_KERNEL, f));
	return f;
}

static struct file *open_for_test(struct kunit *test, const char *path,
				  int flags)
{
	return keep_file(test, filp_open(path, flags, 0), path);
}

static void cred_res_free(struct kunit_resource *res)
{
	put_cred(res->data);
}

/* The caller's credentials without @cap, for the rest of the case. */
static struct cred *creds_without(struct kunit *test, int cap)
{
	struct cred *c = prepare_creds();

	KUNIT_ASSERT_NOT_NULL(test, c);
	KUNIT_ASSERT_NOT_NULL(test, kunit_alloc_resource(test, res_init,
							 cred_res_free,
							 GFP_KERNEL, c));
	cap_lower(c->cap_effective, cap);
	return c;
}

/* Open @path with @cred instead of the caller's credentials. */
static struct file *open_as(struct kunit *test, const struct cred *cred,
			    const char *path)
{
	const struct cred *old = override_creds(cred);
	struct file *f = filp_open(path, O_RDWR, 0);

	revert_creds(old);
	return keep_file(test, f, path);
}

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

/*
 * Frames and swap slots need CAP_SYS_ADMIN, like pagemap's, for the opener
 * (the file's f_cred) and for the caller: real credentials, real files.
 */
static void perm_frames_real_creds(struct kunit *test)
{
	struct cred *no_admin = creds_without(test, CAP_SYS_ADMIN);
	struct cred *admin_only = prepare_creds();
	const struct cred *old;
	struct file *strong, *weak, *admin;

	/* KUnit cases run as kernel threads, with every capability. */
	KUNIT_ASSERT_TRUE(test, cap_raised(current_cred()->cap_effective,
					   CAP_SYS_ADMIN));
	KUNIT_ASSERT_NOT_NULL(test, admin_only);
	KUNIT_ASSERT_NOT_NULL(test, kunit_alloc_resource(test, res_init,
							 cred_res_free,
							 GFP_KERNEL, admin_only));
	admin_only->cap_effective = CAP_EMPTY_SET;
	cap_raise(admin_only->cap_effective, CAP_SYS_ADMIN);

	strong = open_for_test(test, "/dev/vasinfo", O_RDWR);
	weak = open_as(test, no_admin, "/dev/vasinfo");
	admin = open_as(test, admin_only, "/dev/vasinfo");

	KUNIT_EXPECT_TRUE(test, vasinfo_may_see_frames(strong));
	/* The opener lacked it: a file handed to a stronger caller. */
	KUNIT_EXPECT_FALSE(test, vasinfo_may_see_frames(weak));
	/* Only CAP_SYS_ADMIN counts, not the others. */
	KUNIT_EXPECT_TRUE(test, vasinfo_may_see_frames(admin));

	old = override_creds(no_admin);
	/* The caller lacks it: a file handed down to a weaker process. */
	KUNIT_EXPECT_FALSE(test, vasinfo_may_see_frames(strong));
	KUNIT_EXPECT_FALSE(test, vasinfo_may_see_frames(weak));
	revert_creds(old);

	old = override_creds(admin_only);
	KUNIT_EXPECT_TRUE(test, vasinfo_may_see_frames(strong));
	KUNIT_EXPECT_TRUE(test, vasinfo_may_see_frames(admin));
	revert_creds(old);
}

static struct kunit_case perm_cases[] = {
	KUNIT_CASE(perm_frames_real_creds),
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

/*
 * The same rules through the module's ioctl entry point, with requests in
 * the borrowed process's memory: what copy_struct_from_user() decides, and
 * the checks made only there.
 */
static struct borrowed req_proc;

static int request_suite_init(struct kunit_suite *suite)
{
	borrow(&req_proc);
	return 0;
}

static void request_suite_exit(struct kunit_suite *suite)
{
	unborrow(&req_proc);
}

static struct file *req_open(struct kunit *test)
{
	KUNIT_ASSERT_EQ_MSG(test, req_proc.err, 0, "no process to borrow");
	return open_for_test(test, "/dev/vasinfo", O_RDWR);
}

/* A request as a newer caller sends it: 8 more bytes, zero unless set. */
#define NEWER(type) struct { type r; u64 tail; }

/* Only the size-first header of each request, and its tail. */
#define SEND_NEWER(test, f, cmd, var, val)                                  \
	do {                                                                \
		(var).r.size = sizeof(var);                                 \
		(var).tail = (val);                                         \
		KUNIT_EXPECT_EQ_MSG(test, ioctl_user(&req_proc, f, cmd,     \
						     &(var), sizeof(var)),  \
				    (long)((val) ? -E2BIG : 0),             \
				    #cmd " tail %llx", (u64)(val));         \
	} while (0)

static void req_ioctl_newer_caller(struct kunit *test)
{
	struct file *f = req_open(test);
	NEWER(struct vasinfo_version) v;
	NEWER(struct vasinfo_mm_info) mi;
	NEWER(struct vasinfo_vmas) vm;
	NEWER(struct vasinfo_translate) t;
	NEWER(struct vasinfo_range) r;

	memset(&v, 0, sizeof(v));
	SEND_NEWER(test, f, VASINFO_IOC_VERSION, v, 0);
	KUNIT_EXPECT_EQ(test, v.r.abi_major, (u32)VASINFO_ABI_MAJOR);
	KUNIT_EXPECT_EQ(test, v.r.page_shift, (u32)PAGE_SHIFT);
	KUNIT_EXPECT_EQ(test, v.tail, 0ULL);	/* bytes it does not know: untouched */
	memset(&v, 0, sizeof(v));
	SEND_NEWER(test, f, VASINFO_IOC_VERSION, v, 1ULL << 63);
	KUNIT_EXPECT_EQ(test, v.r.abi_major, 0U);	/* nothing written */
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
		.size = sizeof(vm), .pid = req_proc.pid, .count = 1,
		.vmas = (u64)req_proc.ubuf + UOFF_OUT,
		.vma_size = sizeof(struct vasinfo_vma),
	};
	int map_count;

	KUNIT_EXPECT_EQ(test, ioctl_user(&req_proc, f, VASINFO_IOC_VERSION, &v, sizeof(v)), 0L);
	v.flags = 1;
	KUNIT_EXPECT_EQ(test, ioctl_user(&req_proc, f, VASINFO_IOC_VERSION, &v, sizeof(v)), (long)-EINVAL);
	v.flags = 0;
	v.reserved = 0x10;
	KUNIT_EXPECT_EQ(test, ioctl_user(&req_proc, f, VASINFO_IOC_VERSION, &v, sizeof(v)), (long)-EINVAL);
	v.reserved = 0;
	v.size = VASINFO_VERSION_SIZE_VER0 - 4;
	KUNIT_EXPECT_EQ(test, ioctl_user(&req_proc, f, VASINFO_IOC_VERSION, &v, sizeof(v)), (long)-EINVAL);

	KUNIT_EXPECT_EQ(test, ioctl_user(&req_proc, f, VASINFO_IOC_MM_INFO, &mi, sizeof(mi)), 0L);
	mmap_read_lock(req_proc.mm);
	map_count = req_proc.mm->map_count;
	mmap_read_unlock(req_proc.mm);
	KUNIT_EXPECT_EQ(test, mi.map_count, (u32)map_count);
	KUNIT_EXPECT_STREQ(test, mi.comm, req_proc.comm);
	mi.flags = 1U << 31;
	KUNIT_EXPECT_EQ(test, ioctl_user(&req_proc, f, VASINFO_IOC_MM_INFO, &mi, sizeof(mi)), (long)-EINVAL);

	KUNIT_EXPECT_EQ(test, ioctl_user(&req_proc, f, VASINFO_IOC_VMAS, &vm, sizeof(vm)), 0L);
	KUNIT_EXPECT_EQ(test, vm.count, 1U);
	vm.cursor = 0;
	vm.flags = 4;
	KUNIT_EXPECT_EQ(test, ioctl_user(&req_proc, f, VASINFO_IOC_VMAS, &vm, sizeof(vm)), (long)-EINVAL);
	vm.flags = 0;
	vm.vma_size = 16;
	KUNIT_EXPECT_EQ(test, ioctl_user(&req_proc, f, VASINFO_IOC_VMAS, &vm, sizeof(vm)), (long)-EINVAL);
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
		.size = sizeof(t), .pid = req_proc.pid, .count = n,
		.addrs = (u64)req_proc.ubuf + UOFF_ADDRS,
		.results = (u64)req_proc.ubuf + UOFF_OUT,
		.result_size = sizeof(struct vasinfo_xlate),
	};

	KUNIT_ASSERT_EQ(test, put_ubuf(&req_proc, UOFF_ADDRS, addrs, n * sizeof(u64)), 0);
	return ioctl_user(&req_proc, f, VASINFO_IOC_TRANSLATE, &t, sizeof(t));
}

/* Every address must be below TASK_SIZE_MAX, before any is translated. */
static void req_ioctl_translate_limit(struct kunit *test)
{
	struct file *f = req_open(test);
	const size_t rsize = sizeof(struct vasinfo_xlate);
	u64 last = TASK_SIZE_MAX - 1;
	u64 batch[3] = { req_proc.ubuf, req_proc.ubuf + PAGE_SIZE, TASK_SIZE_MAX };
	struct vasinfo_xlate *x = kunit_kmalloc(test, 3 * rsize, GFP_KERNEL);
	u8 *fill = kunit_kmalloc(test, 3 * rsize, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, x);
	KUNIT_ASSERT_NOT_NULL(test, fill);
	memset(fill, 0xa5, 3 * rsize);

	KUNIT_ASSERT_EQ(test, put_ubuf(&req_proc, UOFF_OUT, fill, 3 * rsize), 0);
	KUNIT_EXPECT_EQ(test, translate_batch(test, f, batch, 3), (long)-EINVAL);
	KUNIT_ASSERT_EQ(test, get_ubuf(&req_proc, UOFF_OUT, x, 3 * rsize), 0);
	/* Rejected before any work: not even the good addresses' results. */
	KUNIT_EXPECT_EQ(test, memcmp(x, fill, 3 * rsize), 0);

	batch[2] = ~0ULL;
	KUNIT_EXPECT_EQ(test, translate_batch(test, f, batch, 3), (long)-EINVAL);
	batch[2] = 1ULL << 56;	/* non-canonical with 4 or 5 levels */
	KUNIT_EXPECT_EQ(test, translate_batch(test, f, batch, 3), (long)-EINVAL);

	/* The last user byte is an address like any other. */
	batch[2] = last;
	KUNIT_EXPECT_EQ(test, translate_batch(test, f, batch, 3), 0L);
	KUNIT_ASSERT_EQ(test, get_ubuf(&req_proc, UOFF_OUT, x, 3 * rsize), 0);
	KUNIT_EXPECT_EQ(test, x[0].vaddr, (u64)req_proc.ubuf);
	KUNIT_EXPECT_EQ(test, x[0].state, (u32)VASINFO_STATE_PRESENT);
	KUNIT_EXPECT_EQ(test, x[2].vaddr, last);
	KUNIT_EXPECT_EQ(test, x[2].mapped, (u32)mapped_at(req_proc.mm, last));
}

/* VERSION's caps follow the rule for frames, for opener and caller. */
static void req_ioctl_version_caps(struct kunit *test)
{
	struct file *strong = req_open(test);
	struct cred *no_admin = creds_without(test, CAP_SYS_ADMIN);
	struct file *weak = open_as(test, no_admin, "/dev/vasinfo");
	struct vasinfo_version v = { .size = sizeof(v) };
	const struct cred *old;

	KUNIT_EXPECT_EQ(test, ioctl_user(&req_proc, strong, VASINFO_IOC_VERSION, &v, sizeof(v)), 0L);
	KUNIT_EXPECT_EQ(test, v.caps & VASINFO_CAP_PFN, (u32)VASINFO_CAP_PFN);
	v.caps = 0;
	KUNIT_EXPECT_EQ(test, ioctl_user(&req_proc, weak, VASINFO_IOC_VERSION, &v, sizeof(v)), 0L);
	KUNIT_EXPECT_EQ(test, v.caps & VASINFO_CAP_PFN, 0U);
	old = override_creds(no_admin);
	v.caps = VASINFO_CAP_PFN;
	KUNIT_EXPECT_EQ(test, ioctl_user(&req_proc, strong, VASINFO_IOC_VERSION, &v, sizeof(v)), 0L);
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
	{}
};

static struct kunit_suite request_suite = {
	.name = "vasinfo_request",
	.suite_init = request_suite_init,
	.suite_exit = request_suite_exit,
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

/*
 * Lines of real VMAs of the insmod, against the kernel's own
 * /proc/PID/maps: a file mapped at an offset, shared memory, and every VMA
 * the process has ([heap], [stack], [vdso], [vvar], its binary), through
 * vasinfo_show_vma() and through a read(2) of /dev/vasinfo, whose header
 * is held to the mm_struct itself.
 */
#define LINE_FILE "/bin/busybox"	/* in every test VM's initramfs */
#define LINE_FILE_PGOFF 2
#define LINE_FILE_PAGES 3
#define LINE_SHMEM_PAGES 4
#define REPORT_MAX UBUF_SIZE

static struct borrowed line_proc;
static unsigned long line_file_addr, line_shmem_addr;
static int line_err;

static unsigned long map_file(struct file *f, unsigned long len,
			      unsigned long prot, unsigned long flags,
			      unsigned long pgoff)
{
	unsigned long addr;

	if (IS_ERR(f))
		return PTR_ERR(f);
	addr = vm_mmap(f, 0, len, prot, flags, pgoff << PAGE_SHIFT);
	fput(f);	/* the VMA holds its own reference */
	return addr;
}

static int line_suite_init(struct kunit_suite *suite)
{
	unsigned long addr;

	borrow(&line_proc);
	line_err = line_proc.err;
	if (line_err)
		return 0;
	addr = map_file(filp_open(LINE_FILE, O_RDONLY, 0),
			LINE_FILE_PAGES * PAGE_SIZE, PROT_READ, MAP_PRIVATE,
			LINE_FILE_PGOFF);
	if (IS_ERR_VALUE(addr)) {
		line_err = (int)addr;
		return 0;
	}
	line_file_addr = addr;
	addr = map_file(shmem_file_setup("vasinfo-kunit",
					 LINE_SHMEM_PAGES * PAGE_SIZE, 0),
			LINE_SHMEM_PAGES * PAGE_SIZE, PROT_READ | PROT_WRITE,
			MAP_SHARED, 0);
	if (IS_ERR_VALUE(addr)) {
		line_err = (int)addr;
		return 0;
	}
	line_shmem_addr = addr;
	return 0;
}

static void line_suite_exit(struct kunit_suite *suite)
{
	if (line_file_addr)
		vm_munmap(line_file_addr, LINE_FILE_PAGES * PAGE_SIZE);
	if (line_shmem_addr)
		vm_munmap(line_shmem_addr, LINE_SHMEM_PAGES * PAGE_SIZE);
	line_file_addr = line_shmem_addr = 0;
	unborrow(&line_proc);
}

static char *read_file(struct kunit *test, const char *path)
{
	struct file *f = open_for_test(test, path, O_RDONLY);
	char *buf = kunit_kzalloc(test, REPORT_MAX, GFP_KERNEL);
	ssize_t n;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	n = read_all(&line_proc, f, buf, REPORT_MAX);
	KUNIT_ASSERT_GE_MSG(test, n, (ssize_t)0, "read %s: %zd", path, n);
	return buf;
}

static char *read_maps(struct kunit *test)
{
	char path[32];

	KUNIT_ASSERT_EQ_MSG(test, line_err, 0, "no VMAs to look at");
	snprintf(path, sizeof(path), "/proc/%d/maps", line_proc.pid);
	return read_file(test, path);
}

/* The line of @maps that starts with @first (the "start-end" field). */
static char *maps_line(struct kunit *test, char *maps, const char *first,
		       size_t len)
{
	char *line = maps, *copy;

	while (*line && (strncmp(line, first, len) || line[len] != ' '))
		line = strchrnul(line, '\n') + (strchr(line, '\n') != NULL);
	KUNIT_ASSERT_TRUE_MSG(test, *line, "no maps line for %.*s", (int)len,
			      first);
	copy = kunit_kzalloc(test, strcspn(line, "\n") + 1, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, copy);
	memcpy(copy, line, strcspn(line, "\n"));
	return copy;
}

/*
 * @ours, a report line without its '\n', must be @maps, the
 * /proc/PID/maps line of the same VMA, with the segment column before the
 * name, and "[anon]" where maps gives no name.
 */
static void expect_maps_line(struct kunit *test, const char *ours,
			     const char *maps)
{
	const char *name = maps, *q;
	size_t head, seg;
	int f;

	for (f = 0; f < 5; f++) {	/* range perms offset dev inode */
		name += strcspn(name, " ");
		name += strspn(name, " ");
	}
	head = name - maps;
	if (strncmp(ours, maps, head)) {
		KUNIT_FAIL(test, "columns differ:\n report '%s'\n maps   '%s'",
			   ours, maps);
		return;
	}
	q = ours + head;
	if (!*name)	/* maps ends the line after the inode */
		q += strspn(q, " ");
	seg = strcspn(q, " ");
	KUNIT_EXPECT_GT_MSG(test, seg, (size_t)0, "no segment: '%s'", ours);
	q += seg + strspn(q + seg, " ");
	KUNIT_EXPECT_STREQ_MSG(test, q, *name ? name : "[anon]",
			       "\n report '%s'\n maps   '%s'", ours, maps);
}

/* vasinfo_show_vma() of the VMA at @addr, against maps; returns the line. */
static const char *expect_vma_as_maps(struct kunit *test, unsigned long addr)
{
	struct seq_file *m = kunit_kzalloc(test, sizeof(*m), GFP_KERNEL);
	struct vm_area_struct *vma;
	char *maps, *line;
	bool found;

	KUNIT_ASSERT_EQ_MSG(test, line_err, 0, "no VMAs to look at");
	KUNIT_ASSERT_NOT_NULL(test, m);
	m->size = PAGE_SIZE;
	m->buf = kunit_kzalloc(test, m->size + 1, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, m->buf);
	/* No assertion may leave with the lock held. */
	mmap_read_lock(line_proc.mm);
	vma = find_vma(line_proc.mm, addr);
	found = vma && vma->vm_start == addr;
	if (found)
		vasinfo_show_vma(m, vma);
	mmap_read_unlock(line_proc.mm);
	KUNIT_ASSERT_TRUE_MSG(test, found, "no VMA at %lx", addr);
	KUNIT_ASSERT_GT(test, m->count, (size_t)0);
	KUNIT_ASSERT_EQ(test, m->buf[m->count - 1], '\n');
	m->buf[m->count - 1] = '\0';
	line = m->buf;

	maps = read_maps(test);
	expect_maps_line(test, line, maps_line(test, maps, line,
					       strcspn(line, " ")));
	return line;
}

static void line_file(struct kunit *test)
{
	const char *line = expect_vma_as_maps(test, line_file_addr);
	char want[32];

	/* What maps said is about the mapping made: read-only, private, at page 2. */
	snprintf(want, sizeof(want), " r--p %08lx ", LINE_FILE_PGOFF * PAGE_SIZE);
	KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(line, want), "'%s'", line);
	KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(line, " " LINE_FILE), "'%s'", line);
}

static void line_shmem(struct kunit *test)
{
	const char *line = expect_vma_as_maps(test, line_shmem_addr);

	KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(line, " rw-s 00000000 "), "'%s'", line);
	KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(line, "vasinfo-kunit"), "'%s'", line);
}

/* The whole report of the insmod, as read(2) of /dev/vasinfo gives it. */
static char *read_report(struct kunit *test)
{
	struct file *f;
	char cmd[32];
	char *buf;
	ssize_t n;

	KUNIT_ASSERT_EQ_MSG(test, line_err, 0, "no process to report on");
	f = open_for_test(test, "/dev/vasinfo", O_RDWR);
	snprintf(cmd, sizeof(cmd), "pid %d\n", line_proc.pid);
	n = write_str(&line_proc, f, cmd);
	KUNIT_ASSERT_EQ(test, n, (ssize_t)strlen(cmd));
	buf = kunit_kzalloc(test, REPORT_MAX, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	n = read_all(&line_proc, f, buf, REPORT_MAX);
	KUNIT_ASSERT_GT_MSG(test, n, (ssize_t)0, "read /dev/vasinfo: %zd", n);
	return buf;
}

/* Every VMA line of the report is its maps line; none is missing. */
static void line_report_is_maps(struct kunit *test)
{
	char *report = read_report(test), *maps = read_maps(test);
	char *body = strstr(report, "\n\n"), *line;
	bool heap = false, stack = false, vdso = false, vvar = false;
	bool file = false, shm = false;
	int lines = 0, maps_lines = 0, map_count;

	KUNIT_ASSERT_NOT_NULL_MSG(test, body, "no blank line after the header");
	body += 2;
	while ((line = strsep(&body, "\n")) && *line) {
		expect_maps_line(test, line, maps_line(test, maps, line,
						       strcspn(line, " ")));
		heap |= !!strstr(line, " [heap]");
		stack |= !!strstr(line, " [stack]");
		vdso |= !!strstr(line, " [vdso]");
		vvar |= !!strstr(line, " [vvar]");
		file |= !!strstr(line, " " LINE_FILE);
		shm |= !!strstr(line, "vasinfo-kunit");
		lines++;
	}
	KUNIT_EXPECT_TRUE_MSG(test, !body || !*body, "text after the last line");
	for (line = maps; *line; line = strchrnul(line, '\n') + 1) {
		/* The gate area is not a VMA of the mm. */
		if (strncmp(strchrnul(line, '\n') - 11, " [vsyscall]", 11))
			maps_lines++;
		if (!strchr(line, '\n'))
			break;
	}
	mmap_read_lock(line_proc.mm);
	map_count = line_proc.mm->map_count;
	mmap_read_unlock(line_proc.mm);
	KUNIT_EXPECT_EQ(test, lines, maps_lines);
	KUNIT_EXPECT_EQ(test, lines, map_count);
	/* busybox's insmod has a brk heap; the two mappings are ours. */
	KUNIT_EXPECT_TRUE(test, heap);
	KUNIT_EXPECT_TRUE(test, stack);
	KUNIT_EXPECT_TRUE(test, vdso);
	KUNIT_EXPECT_TRUE(test, vvar);
	KUNIT_EXPECT_TRUE(test, file);
	KUNIT_EXPECT_TRUE(test, shm);
}

/* The value after "@key" in the report's header; fails the case if none. */
static const char *header_value(struct kunit *test, const char *report,
				const char *key)
{
	const char *end = strstr(report, "\n\n"), *p = report;
	size_t len = strlen(key);

	KUNIT_ASSERT_NOT_NULL(test, end);
	while (p < end && (strncmp(p, key, len) || p[len] != ' '))
		p = strchr(p, '\n') + 1;
	KUNIT_ASSERT_TRUE_MSG(test, p < end, "no '%s' in the header", key);
	return p + len + strspn(p + len, " ");
}

static void expect_range(struct kunit *test, const char *report,
			 const char *key, unsigned long start, unsigned long end)
{
	unsigned long long a = 0, b = 0;

	KUNIT_EXPECT_EQ_MSG(test, sscanf(header_value(test, report, key),
					 "%llx-%llx", &a, &b), 2, "%s", key);
	KUNIT_EXPECT_EQ_MSG(test, a, (unsigned long long)start, "%s", key);
	KUNIT_EXPECT_EQ_MSG(test, b, (unsigned long long)end, "%s", key);
}

/* What the header should say, from the mm_struct itself. */
struct mm_facts {
	unsigned long code[2], data[2], heap[2], args[2], env[2];
	unsigned long stack, mmap_base, total_vm;
	unsigned long long anon, file, shmem;
	int map_count;
};

static void mm_facts(struct mm_struct *mm, struct mm_facts *f)
{
	mmap_read_lock(mm);
	f->code[0] = mm->start_code;
	f->code[1] = mm->end_code;
	f->data[0] = mm->start_data;
	f->data[1] = mm->end_data;
	f->heap[0] = mm->start_brk;
	f->heap[1] = mm->brk;
	spin_lock(&mm->arg_lock);
	f->args[0] = mm->arg_start;
	f->args[1] = mm->arg_end;
	f->env[0] = mm->env_start;
	f->env[1] = mm->env_end;
	spin_unlock(&mm->arg_lock);
	f->stack = mm->start_stack;
	f->mmap_base = mm->mmap_base;
	f->total_vm = mm->total_vm;
	f->map_count = mm->map_count;
	f->anon = get_mm_counter(mm, MM_ANONPAGES);
	f->file = get_mm_counter(mm, MM_FILEPAGES);
	f->shmem = get_mm_counter(mm, MM_SHMEMPAGES);
	mmap_read_unlock(mm);
}

static unsigned long long header_number(struct kunit *test, const char *report,
					const char *key)
{
	unsigned long long v = ~0ULL;

	KUNIT_EXPECT_EQ_MSG(test, sscanf(header_value(test, report, key), "%llx", &v),
			    1, "%s", key);
	return v;
}

static unsigned long long header_decimal(struct kunit *test,
					 const char *report, const char *key)
{
	unsigned long long v = ~0ULL;

	KUNIT_EXPECT_EQ_MSG(test, sscanf(header_value(test, report, key), "%llu", &v),
			    1, "%s", key);
	return v;
}

static void line_report_header(struct kunit *test)
{
	char *report = read_report(test);
	unsigned long long anon = ~0ULL, file = ~0ULL, shmem = ~0ULL, rss;
	struct mm_facts f;
	const char *p;
	size_t len;

	mm_facts(line_proc.mm, &f);
	KUNIT_EXPECT_EQ(test, header_decimal(test, report, "pid:"),
			(unsigned long long)line_proc.pid);
	p = header_value(test, report, "comm:");
	len = strcspn(p, "\n");
	KUNIT_EXPECT_EQ(test, len, strlen(line_proc.comm));
	KUNIT_EXPECT_EQ(test, strncmp(p, line_proc.comm, len), 0);
	expect_range(test, report, "code:", f.code[0], f.code[1]);
	expect_range(test, report, "data:", f.data[0], f.data[1]);
	expect_range(test, report, "heap:", f.heap[0], f.heap[1]);
	expect_range(test, report, "args:", f.args[0], f.args[1]);
	expect_range(test, report, "env:", f.env[0], f.env[1]);
	KUNIT_EXPECT_EQ(test, header_number(test, report, "stack:"),
			(unsigned long long)f.stack);
	KUNIT_EXPECT_EQ(test, header_number(test, report, "mmap_base:"),
			(unsigned long long)f.mmap_base);
	KUNIT_EXPECT_EQ(test, header_decimal(test, report, "vmas:"),
			(unsigned long long)f.map_count);
	KUNIT_EXPECT_EQ(test, header_decimal(test, report, "total_vm:"),
			(unsigned long long)f.total_vm);
	rss = header_decimal(test, report, "rss:");
	p = strstr(header_value(test, report, "rss:"), "): anon ");
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_EXPECT_EQ(test, sscanf(p, "): anon %llu, file %llu, shmem %llu",
				     &anon, &file, &shmem), 3);
	KUNIT_EXPECT_EQ(test, anon, f.anon);
	KUNIT_EXPECT_EQ(test, file, f.file);
	KUNIT_EXPECT_EQ(test, shmem, f.shmem);
	KUNIT_EXPECT_EQ(test, rss, anon + file + shmem);
	/* A real process, so that the comparisons could have failed. */
	KUNIT_EXPECT_GT(test, f.total_vm, 0UL);
	KUNIT_EXPECT_NE(test, f.code[0], f.code[1]);
	KUNIT_EXPECT_NE(test, f.args[0], f.args[1]);
}

static struct kunit_case line_cases[] = {
	KUNIT_CASE(line_file),	KUNIT_CASE(line_shmem),
	KUNIT_CASE(line_report_is_maps), KUNIT_CASE(line_report_header),
	KUNIT_CASE(line_anon),	KUNIT_CASE(line_short_addresses),
	KUNIT_CASE(line_heap),	KUNIT_CASE(line_stack),
	KUNIT_CASE(line_shared_none), KUNIT_CASE(line_bss),
	{}
};

static struct kunit_suite line_suite = {
	.name = "vasinfo_report_line",
	.suite_init = line_suite_init,
	.suite_exit = line_suite_exit,
	.test_cases = line_cases,
};

/* ---- a walk of a real user address space -------------------------------- */

#define WALK_PAGES 64
#define THP_REGION (2 * PMD_SIZE)	/* holds one aligned 2 MiB block */
static struct mm_struct *walk_mm;
static unsigned long walk_base, thp_region, thp_base;

/*
 * Map @len bytes with an unmapped page on either side, so that the region
 * is a VMA of its own (nothing merges with it) with a gap right below.
 */
static unsigned long map_alone(unsigned long len)
{
	unsigned long addr = vm_mmap(NULL, 0, len + 2 * PAGE_SIZE,
				     PROT_READ | PROT_WRITE,
				     MAP_PRIVATE | MAP_ANONYMOUS, 0);

	if (IS_ERR_VALUE(addr))
		return addr;
	vm_munmap(addr, PAGE_SIZE);
	vm_munmap(addr + PAGE_SIZE + len, PAGE_SIZE);
	return addr + PAGE_SIZE;
}

/* Runs in the insmod process: map regions in its address space. */
static int walk_suite_init(struct kunit_suite *suite)
{
	struct vm_area_struct *vma;
	unsigned long addr;

	walk_mm = get_task_mm(current);
	if (!walk_mm)
		return -ESRCH;
	/* As MADV_HUGEPAGE would (do_madvise() is not exported). */
	addr = map_alone(THP_REGION);
	if (!IS_ERR_VALUE(addr)) {
		thp_region = addr;
		thp_base = ALIGN(addr, PMD_SIZE);
		mmap_write_lock(walk_mm);
		vma = find_vma(walk_mm, addr);
		if (vma && vma->vm_start == addr &&
		    vma->vm_end == addr + THP_REGION)
			vma->vm_flags |= VM_HUGEPAGE;
		mmap_write_unlock(walk_mm);
	}
	addr = map_alone(WALK_PAGES * PAGE_SIZE);
	if (IS_ERR_VALUE(addr)) {
		if (thp_region)
			vm_munmap(thp_region, THP_REGION);
		thp_region = thp_base = 0;
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
	if (thp_region)
		vm_munmap(thp_region, THP_REGION);
	thp_region = thp_base = 0;
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

	/* map_alone() left the page below the region unmapped. */
	span = walk(test, addr, true, &x);
	KUNIT_EXPECT_FALSE(test, x.mapped);
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

/* Whether THP may be used at all (/sys/kernel/mm/transparent_hugepage/enabled). */
static bool thp_enabled(struct kunit *test, char *setting, size_t len)
{
	struct file *f = filp_open("/sys/kernel/mm/transparent_hugepage/enabled",
				   O_RDONLY, 0);
	loff_t pos = 0;
	ssize_t n;

	if (IS_ERR(f)) {
		snprintf(setting, len, "unreadable: %ld", PTR_ERR(f));
		return true;
	}
	n = kernel_read(f, setting, len - 1, &pos);
	fput(f);
	setting[n > 0 ? n : 0] = '\0';
	return !strstr(setting, "[never]");
}

/*
 * A 2 MiB anonymous THP, faulted in by a write: one PMD leaf, no PTE table,
 * each 4 KiB part of it a frame of the compound page.
 */
static void walk_thp(struct kunit *test)
{
	unsigned long addr = thp_base + PAGE_SIZE + 0x234;
	u64 magic = 0x7468702d6b756e69ULL, seen;
	struct vasinfo_xlate x, *head, *last;
	char setting[128];
	unsigned long span;
	void *kaddr;

	KUNIT_ASSERT_NE_MSG(test, thp_base, 0UL, "no region for the THP");
	head = kunit_kzalloc(test, sizeof(*head), GFP_KERNEL);
	last = kunit_kzalloc(test, sizeof(*last), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, head);
	KUNIT_ASSERT_NOT_NULL(test, last);
	poke(test, addr, magic);
	span = walk(test, addr, true, &x);
	KUNIT_ASSERT_EQ(test, x.state, (u32)VASINFO_STATE_PRESENT);
	if (x.leaf != VASINFO_LEVEL_PMD) {
		if (!thp_enabled(test, setting, sizeof(setting)))
			kunit_skip(test, "THP is disabled: %s", setting);
		KUNIT_FAIL(test, "no 2 MiB page after a write fault (leaf %u, THP %s)",
			   x.leaf, setting);
		return;
	}
	KUNIT_EXPECT_EQ(test, x.page_size, (u64)PMD_SIZE);
	KUNIT_EXPECT_TRUE(test, x.levels[VASINFO_LEVEL_PMD].flags & VASINFO_ENTRY_LEAF);
	KUNIT_EXPECT_FALSE(test, x.levels[VASINFO_LEVEL_PTE].flags & VASINFO_ENTRY_VALID);
	KUNIT_EXPECT_TRUE(test, x.hw & VASINFO_HW_HUGE);
	KUNIT_EXPECT_TRUE(test, x.page & VASINFO_PAGE_THP);
	KUNIT_EXPECT_TRUE(test, x.page & VASINFO_PAGE_ANON);
	KUNIT_EXPECT_TRUE(test, x.page & VASINFO_PAGE_EXCLUSIVE);
	KUNIT_EXPECT_FALSE(test, x.page & VASINFO_PAGE_HUGETLB);
	/* The second 4 KiB of the huge page: a tail page, mapped once. */
	KUNIT_EXPECT_TRUE(test, x.page & VASINFO_PAGE_TAIL);
	KUNIT_EXPECT_FALSE(test, x.page & VASINFO_PAGE_HEAD);
	KUNIT_EXPECT_EQ(test, x.mapcount, 1LL);
	/* The rest of the 2 MiB leaf shares this answer. */
	KUNIT_EXPECT_EQ(test, span, PMD_SIZE - (PAGE_SIZE + 0x234));
	KUNIT_EXPECT_EQ(test, x.paddr, ((u64)x.pfn << PAGE_SHIFT) | 0x234);
	KUNIT_EXPECT_EQ(test, x.pagemap & GENMASK_ULL(54, 0), x.pfn);

	/* The frame holds what was written at the address. */
	kaddr = kmap_local_page(pfn_to_page(x.pfn));
	seen = *(u64 *)(kaddr + 0x234);
	kunmap_local(kaddr);
	KUNIT_EXPECT_EQ(test, seen, magic);

	/* First and last 4 KiB: the head, and 511 frames on. */
	walk(test, thp_base, true, head);
	walk(test, thp_base + PMD_SIZE - 1, true, last);
	KUNIT_EXPECT_EQ(test, head->pfn + 1, x.pfn);
	KUNIT_EXPECT_EQ(test, head->pfn % (PMD_SIZE / PAGE_SIZE), 0ULL);
	KUNIT_EXPECT_TRUE(test, head->page & VASINFO_PAGE_HEAD);
	KUNIT_EXPECT_EQ(test, last->pfn, head->pfn + PMD_SIZE / PAGE_SIZE - 1);
	KUNIT_EXPECT_EQ(test, last->leaf, (u32)VASINFO_LEVEL_PMD);
	KUNIT_EXPECT_TRUE(test, last->page & VASINFO_PAGE_TAIL);
}

static struct kunit_case walk_cases[] = {
	KUNIT_CASE(walk_thp),
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

/*
 * Not kunit_test_suites(): KUnit would run those while the module is still
 * COMING (6.1), before its init has registered /dev/vasinfo.
 */
static struct kunit_suite *vasinfo_suites[] = {
	&command_suite, &perm_suite, &request_suite, &run_suite,
	&decode_suite, &line_suite, &walk_suite,
};

/* Called by vasinfo_init() once /dev/vasinfo exists. */
void vasinfo_kunit_run(void)
{
	__kunit_test_suites_init(vasinfo_suites, ARRAY_SIZE(vasinfo_suites));
}

/* Called by vasinfo_exit(): frees the suites' logs and debugfs files. */
void vasinfo_kunit_exit(void)
{
	__kunit_test_suites_exit(vasinfo_suites, ARRAY_SIZE(vasinfo_suites));
}

/* modinfo says so, and loading it taints the kernel (N), as a test should. */
MODULE_INFO(test, "Y");
