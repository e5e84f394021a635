// SPDX-License-Identifier: GPL-2.0
/*
 * /dev/vasinfo: a misc device that shows a process's address space.
 *
 * Everyone may open it (mode 0666); every request is checked against the
 * credentials the file was opened with (target.c). read(2) gives the text
 * report of report.c; writing "pid N" or "self" chooses whose.
 */
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/pid.h>
#include <linux/sched/mm.h>
#include <linux/sched/task.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include <vasinfo.h>
#include "internal.h"

static int vasinfo_open(struct inode *inode, struct file *file)
{
	struct vasinfo_file *vf;

	/* misc_open() left our miscdevice there; seq_open() wants it empty. */
	file->private_data = NULL;
	vf = __seq_open_private(file, &vasinfo_report_ops, sizeof(*vf));
	if (!vf)
		return -ENOMEM;
	mutex_init(&vf->lock);
	return 0;
}

static int vasinfo_release(struct inode *inode, struct file *file)
{
	struct vasinfo_file *vf =
		((struct seq_file *)file->private_data)->private;

	put_pid(vf->target);
	put_pid(vf->active);
	mutex_destroy(&vf->lock);
	return seq_release_private(inode, file);
}

/*
 * "pid N" chooses process N (in the writer's pid namespace) for the reads
 * that follow on this file; "self" goes back to whoever reads. The choice is
 * checked now, so that a forbidden or missing process fails the write, and
 * again at every read.
 */
static ssize_t vasinfo_write(struct file *file, const char __user *ubuf,
			     size_t count, loff_t *ppos)
{
	struct vasinfo_file *vf =
		((struct seq_file *)file->private_data)->private;
	struct task_struct *task;
	struct mm_struct *mm;
	struct pid *pid = NULL, *old;
	char buf[32];
	int nr, err;

	if (count == 0 || count >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	err = vasinfo_parse_command(buf, count, &nr);
	if (err)
		return err;

	if (nr) {
		pid = vasinfo_find_pid(nr);
		if (!pid)
			return -ESRCH;
		task = get_pid_task(pid, PIDTYPE_PID);
		if (!task) {
			put_pid(pid);
			return -ESRCH;
		}
		mm = vasinfo_get_mm(file, task);
		put_task_struct(task);
		if (IS_ERR(mm)) {
			put_pid(pid);
			return PTR_ERR(mm);
		}
		mmput(mm);
	}

	mutex_lock(&vf->lock);
	old = vf->target;
	vf->target = pid;
	mutex_unlock(&vf->lock);
	put_pid(old);

	/* The next read starts a new report, as after lseek(fd, 0, SEEK_SET). */
	*ppos = 0;
	return count;
}

static const struct file_operations vasinfo_fops = {
	.owner = THIS_MODULE,
	.open = vasinfo_open,
	.release = vasinfo_release,
	.read = seq_read,
	.llseek = seq_lseek,
	.write = vasinfo_write,
	.unlocked_ioctl = vasinfo_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
};

static struct miscdevice vasinfo_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "vasinfo",
	.fops = &vasinfo_fops,
	.mode = 0666,
};

static int __init vasinfo_init(void)
{
	int err;

	/* A published struct only grows (docs/abi.md): checked at build time. */
	BUILD_BUG_ON(sizeof(struct vasinfo_version) <
		     VASINFO_VERSION_SIZE_VER0);
	BUILD_BUG_ON(sizeof(struct vasinfo_mm_info) <
		     VASINFO_MM_INFO_SIZE_VER0);
	BUILD_BUG_ON(sizeof(struct vasinfo_vmas) < VASINFO_VMAS_SIZE_VER0);
	BUILD_BUG_ON(sizeof(struct vasinfo_vma) < VASINFO_VMA_SIZE_VER0);
	BUILD_BUG_ON(sizeof(struct vasinfo_translate) <
		     VASINFO_TRANSLATE_SIZE_VER0);
	BUILD_BUG_ON(sizeof(struct vasinfo_xlate) < VASINFO_XLATE_SIZE_VER0);
	BUILD_BUG_ON(sizeof(struct vasinfo_range) < VASINFO_RANGE_SIZE_VER0);
	BUILD_BUG_ON(sizeof(struct vasinfo_run) < VASINFO_RUN_SIZE_VER0);

	err = misc_register(&vasinfo_dev);
	if (err) {
		pr_err("cannot register /dev/vasinfo: %d\n", err);
		return err;
	}
	pr_info("ABI %u.%u ready on /dev/vasinfo\n", VASINFO_ABI_MAJOR,
		VASINFO_ABI_MINOR);
	vasinfo_kunit_run();
	return 0;
}

static void __exit vasinfo_exit(void)
{
	vasinfo_kunit_exit();
	misc_deregister(&vasinfo_dev);
}

module_init(vasinfo_init);
module_exit(vasinfo_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("The vasinfo authors");
MODULE_DESCRIPTION("Show a process's address space and its page tables");
MODULE_VERSION(VASINFO_VERSION);
