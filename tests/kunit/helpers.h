/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the KUnit suites of tests/kunit/ share: the insmod process that
 * loads the module, borrowed by the cases, and files and credentials that
 * last until a case ends. One suite per *_test.c file; suites.c runs them.
 *
 * KUnit cases run in kernel threads, which have no user address space: a
 * suite's suite_init runs in the context of the insmod instead, takes its
 * mm and maps memory there with vm_mmap(), and the cases borrow that mm with
 * kthread_use_mm(). Through it they call the module's entry points
 * (/dev/vasinfo's read, write and ioctl) with user pointers, as a process
 * would, and read the kernel's own /proc/PID/maps of the insmod as the
 * ground truth.
 */
#ifndef VASINFO_KUNIT_HELPERS_H
#define VASINFO_KUNIT_HELPERS_H

#include <kunit/test.h>
#include <linux/sched.h>
#include <linux/types.h>

struct cred;
struct file;
struct mm_struct;

#define UBUF_SIZE (64 * 1024) /* user memory for requests and reads */
#define UOFF_ADDRS 1024 /* where a TRANSLATE's addresses go */
#define UOFF_OUT 4096 /* where results, runs and VMAs go */

/* The insmod process, as a suite_init found it. */
struct vasinfo_borrowed {
	struct mm_struct *mm;
	pid_t pid; /* the insmod's, in the initial namespace */
	char comm[TASK_COMM_LEN];
	unsigned long ubuf; /* UBUF_SIZE bytes of its memory */
	int err; /* why setting up failed, for the cases */
};

int vasinfo_test_borrow(struct vasinfo_borrowed *b);
void vasinfo_test_unborrow(struct vasinfo_borrowed *b);
int vasinfo_test_put_ubuf(struct vasinfo_borrowed *b, size_t off,
			  const void *src, size_t len);
int vasinfo_test_get_ubuf(struct vasinfo_borrowed *b, size_t off, void *dst,
			  size_t len);
ssize_t vasinfo_test_read_all(struct vasinfo_borrowed *b, struct file *f,
			      char *kbuf, size_t cap);
ssize_t vasinfo_test_write_str(struct vasinfo_borrowed *b, struct file *f,
			       const char *cmd);
long vasinfo_test_ioctl(struct vasinfo_borrowed *b, struct file *f,
			unsigned int cmd, void *req, size_t len);

struct file *vasinfo_test_open(struct kunit *test, const char *path, int flags);
struct file *vasinfo_test_open_as(struct kunit *test, const struct cred *cred,
				  const char *path);
struct cred *vasinfo_test_keep_cred(struct kunit *test, struct cred *c);
struct cred *vasinfo_test_creds_without(struct kunit *test, int cap);

/* The suites, in the order suites.c runs them. */
extern struct kunit_suite vasinfo_command_suite;
extern struct kunit_suite vasinfo_permission_suite;
extern struct kunit_suite vasinfo_request_suite;
extern struct kunit_suite vasinfo_runs_suite;
extern struct kunit_suite vasinfo_decode_suite;
extern struct kunit_suite vasinfo_report_line_suite;
extern struct kunit_suite vasinfo_walk_suite;
extern struct kunit_suite vasinfo_range_suite;

#endif /* VASINFO_KUNIT_HELPERS_H */
