// SPDX-License-Identifier: GPL-2.0
/*
 * The helpers the suites share (helpers.h): the borrowed insmod process,
 * and files and credentials that are released when the case ends.
 */
#include <kunit/resource.h>
#include <kunit/test.h>
#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/err.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/kthread.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/sched/mm.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "helpers.h"

/**
 * vasinfo_test_borrow - take the current process's mm and memory in it
 * @b: what was taken; @b->err says why setting up failed, for the cases.
 *
 * The UBUF_SIZE bytes are populated now, so that copying into them later
 * changes no counter of the process.
 *
 * Context: a suite_init, which runs in the insmod that loads the module.
 *
 * Return: 0, or the -errno also left in @b->err.
 */
int vasinfo_test_borrow(struct vasinfo_borrowed *b)
{
	unsigned long addr;

	memset(b, 0, sizeof(*b));
	b->mm = get_task_mm(current);
	if (!b->mm) {
		b->err = -ESRCH;
		return b->err;
	}
	b->pid = task_tgid_nr(current);
	get_task_comm(b->comm, current);
	addr = vm_mmap(NULL, 0, UBUF_SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, 0);
	if (IS_ERR_VALUE(addr))
		b->err = (int)addr;
	else
		b->ubuf = addr;
	return b->err;
}

/**
 * vasinfo_test_unborrow - give back what vasinfo_test_borrow() took
 * @b: as vasinfo_test_borrow() left it, even after a failure.
 *
 * Context: the matching suite_exit (the insmod again).
 *
 * Return: nothing.
 */
void vasinfo_test_unborrow(struct vasinfo_borrowed *b)
{
	if (b->ubuf)
		vm_munmap(b->ubuf, UBUF_SIZE);
	if (b->mm)
		mmput(b->mm);
	memset(b, 0, sizeof(*b));
}

static void __user *uptr(const struct vasinfo_borrowed *b, size_t off)
{
	return (void __user *)(b->ubuf + off);
}

/**
 * vasinfo_test_put_ubuf - copy into the borrowed memory
 * @b: the borrowed process.
 * @off: where in its UBUF_SIZE bytes.
 * @src: what to copy.
 * @len: how many bytes.
 *
 * Return: 0, or -EFAULT if not all of it could be copied.
 */
int vasinfo_test_put_ubuf(struct vasinfo_borrowed *b, size_t off,
			  const void *src, size_t len)
{
	unsigned long left;

	kthread_use_mm(b->mm);
	left = copy_to_user(uptr(b, off), src, len);
	kthread_unuse_mm(b->mm);
	return left ? -EFAULT : 0;
}

/**
 * vasinfo_test_get_ubuf - copy out of the borrowed memory
 * @b: the borrowed process.
 * @off: where in its UBUF_SIZE bytes.
 * @dst: where to copy to.
 * @len: how many bytes.
 *
 * Return: 0, or -EFAULT if not all of it could be copied.
 */
int vasinfo_test_get_ubuf(struct vasinfo_borrowed *b, size_t off, void *dst,
			  size_t len)
{
	unsigned long left;

	kthread_use_mm(b->mm);
	left = copy_from_user(dst, uptr(b, off), len);
	kthread_unuse_mm(b->mm);
	return left ? -EFAULT : 0;
}

/**
 * vasinfo_test_read_all - read(2) all of a file from its start
 * @b: the borrowed process, whose memory the reads go through.
 * @f: the file.
 * @kbuf: where the text ends up, NUL-terminated.
 * @cap: the size of @kbuf.
 *
 * Return: the length read, -ENOSPC if it did not fit, or the -errno of the
 * read.
 */
ssize_t vasinfo_test_read_all(struct vasinfo_borrowed *b, struct file *f,
			      char *kbuf, size_t cap)
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

/**
 * vasinfo_test_write_str - write(2) a string to a file
 * @b: the borrowed process, whose memory the string goes through.
 * @f: the file.
 * @cmd: the string, without its NUL.
 *
 * Return: what the file's write returned, or -EFAULT.
 */
ssize_t vasinfo_test_write_str(struct vasinfo_borrowed *b, struct file *f,
			       const char *cmd)
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

/**
 * vasinfo_test_ioctl - ioctl(2) on a file, as a process makes it
 * @b: the borrowed process.
 * @f: the file.
 * @cmd: the request.
 * @req: the request's struct; what the module wrote back is copied here.
 * @len: the size of @req.
 *
 * @req is copied to the start of the borrowed memory, and the module gets
 * that address.
 *
 * Return: what the file's unlocked_ioctl returned, or -EFAULT.
 */
long vasinfo_test_ioctl(struct vasinfo_borrowed *b, struct file *f,
			unsigned int cmd, void *req, size_t len)
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

/**
 * vasinfo_test_open - open a file for the rest of the case
 * @test: the case; failing to open fails it.
 * @path: the file.
 * @flags: as for open(2).
 *
 * Return: the file, closed when the case ends.
 */
struct file *vasinfo_test_open(struct kunit *test, const char *path, int flags)
{
	return keep_file(test, filp_open(path, flags, 0), path);
}

/**
 * vasinfo_test_open_as - open a file read-write with other credentials
 * @test: the case; failing to open fails it.
 * @cred: the credentials to open it with (the file's f_cred).
 * @path: the file.
 *
 * Return: the file, closed when the case ends.
 */
struct file *vasinfo_test_open_as(struct kunit *test, const struct cred *cred,
				  const char *path)
{
	const struct cred *old = override_creds(cred);
	struct file *f = filp_open(path, O_RDWR, 0);

	revert_creds(old);
	return keep_file(test, f, path);
}

static void cred_res_free(struct kunit_resource *res)
{
	put_cred(res->data);
}

/**
 * vasinfo_test_keep_cred - put credentials when the case ends
 * @test: the case; a NULL @c fails it.
 * @c: credentials from prepare_creds().
 *
 * Return: @c.
 */
struct cred *vasinfo_test_keep_cred(struct kunit *test, struct cred *c)
{
	KUNIT_ASSERT_NOT_NULL(test, c);
	KUNIT_ASSERT_NOT_NULL(test, kunit_alloc_resource(test, res_init,
							 cred_res_free,
							 GFP_KERNEL, c));
	return c;
}

/**
 * vasinfo_test_creds_without - the caller's credentials less a capability
 * @test: the case.
 * @cap: the capability to lower in the effective set.
 *
 * Return: the credentials, put when the case ends.
 */
struct cred *vasinfo_test_creds_without(struct kunit *test, int cap)
{
	struct cred *c = vasinfo_test_keep_cred(test, prepare_creds());

	cap_lower(c->cap_effective, cap);
	return c;
}
