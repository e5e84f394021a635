// SPDX-License-Identifier: GPL-2.0
/*
 * The text report behind read(2): a header with the mm_struct summary, a
 * blank line, then one line per VMA whose first columns are exactly those
 * of /proc/PID/maps.
 *
 * Like /proc/PID/maps it is a seq_file whose position is an address, so a
 * read resumes after the last VMA shown even if the map changed meanwhile:
 *   0            the header
 *   1..TASK_SIZE the first VMA ending above that address
 *   -1           end of report
 * mmap_read_lock is held from start() to stop(), which seq_file calls for at
 * most one buffer's worth of lines, and never across copy_to_user().
 */
#include <linux/bitops.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/kdev_t.h>
#include <linux/math64.h>
#include <linux/mm.h>
#include <linux/mmap_lock.h>
#include <linux/pid.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/sched/task.h>
#include <linux/seq_file.h>
#include <linux/spinlock.h>

#include <vasinfo.h>
#include "internal.h"

#define REPORT_END ((loff_t)-1)
#define REPORT_FIRST_VMA ((loff_t)1)

/* Width of the /proc/PID/maps prefix, so names line up the same way. */
#define MAPS_WIDTH (25 + sizeof(void *) * 6 - 1)

/*
 * Room for a line's columns before the name: the maps columns of a 64-bit
 * VMA at their widest (16 + 1 + 16 hex digits, 1 + 4 flags, 1 + 16 offset,
 * 1 + 3 + 1 + 5 device, 1 + 20 inode, 1, padding to MAPS_WIDTH, 1) and
 * the segment label, 7 columns and 1, or longer.
 */
#define PREFIX_ROOM 160

/*
 * @v in lower-case hex, at least @width digits, at @p: what
 * seq_put_hex_ll() does, which is not exported to modules.
 * Return: the end of what was written.
 */
static char *put_hex(char *p, unsigned long long v, unsigned int width)
{
	/* Not hex_asc[]: 7.2 moved it to <linux/hex.h>, which 6.1 lacks. */
	static const char hex[] = "0123456789abcdef";
	/* The digits v needs, written from the last one back, in one pass. */
	unsigned int n =
		max3(width, 1U, (unsigned int)DIV_ROUND_UP(fls64(v), 4));
	char *end = p + n;

	while (end > p) {
		*--end = hex[v & 0xf];
		v >>= 4;
	}
	return p + n;
}

/* @v in decimal at @p. Return: the end of what was written. */
static char *put_dec(char *p, unsigned long long v)
{
	char digits[20];
	unsigned int n = 0;

	do {
		digits[n++] = '0' + do_div(v, 10);
	} while (v);
	while (n)
		*p++ = digits[--n];
	return p;
}

/*
 * The columns as show_vma_header_prefix() (fs/proc/task_mmu.c) writes
 * them, "%08lx-%08lx %c%c%c%c %08llx %02x:%02x %lu ", and its padding to
 * MAPS_WIDTH before a name, then the segment label left-aligned in 7
 * columns, "%-7s ", into @buf (PREFIX_ROOM bytes), the segment into
 * *@segment. Return: the length.
 */
static size_t vma_prefix(char *buf, struct vm_area_struct *vma,
			 unsigned int *segment)
{
	unsigned long long pgoff = 0;
	vm_flags_t flags = vma->vm_flags;
	unsigned long ino = 0;
	const char *label;
	dev_t dev = 0;
	size_t len;
	char *p;

	if (vma->vm_file) {
		struct inode *inode = file_inode(vma->vm_file);

		dev = inode->i_sb->s_dev;
		ino = inode->i_ino;
		pgoff = (unsigned long long)vma->vm_pgoff << PAGE_SHIFT;
	}
	p = put_hex(buf, vma->vm_start, 8);
	*p++ = '-';
	p = put_hex(p, vma->vm_end, 8);
	*p++ = ' ';
	*p++ = flags & VM_READ ? 'r' : '-';
	*p++ = flags & VM_WRITE ? 'w' : '-';
	*p++ = flags & VM_EXEC ? 'x' : '-';
	*p++ = flags & VM_MAYSHARE ? 's' : 'p';
	*p++ = ' ';
	p = put_hex(p, pgoff, 8);
	*p++ = ' ';
	p = put_hex(p, MAJOR(dev), 2);
	*p++ = ':';
	p = put_hex(p, MINOR(dev), 2);
	*p++ = ' ';
	p = put_dec(p, ino);
	*p++ = ' ';
	/* seq_setwidth(MAPS_WIDTH) at the line's start, then seq_pad(' '). */
	if (p < buf + MAPS_WIDTH) {
		memset(p, ' ', buf + MAPS_WIDTH - p);
		p = buf + MAPS_WIDTH;
	}
	*p++ = ' ';

	*segment = vasinfo_vma_segment(vma);
	label = vasinfo_segment_name(*segment);
	len = strnlen(label, buf + PREFIX_ROOM - 1 - p);
	/* Spaces first: a short label leaves them where "%-7s " would. */
	memset(p, ' ', 8);
	memcpy(p, label, len);
	p += max_t(size_t, len, 7);
	*p++ = ' ';
	return p - buf;
}

/**
 * vasinfo_show_vma - one VMA line of the text report
 * @m: the report being written
 * @vma: the VMA, its mm's mmap lock held for reading
 *
 * The columns of /proc/PID/maps, then the segment label and the name; the
 * columns built in one buffer and written at once.
 */
void vasinfo_show_vma(struct seq_file *m, struct vm_area_struct *vma)
{
	char buf[PREFIX_ROOM + sizeof("[anon]\n")];
	unsigned int segment;
	size_t len = vma_prefix(buf, vma, &segment);
	const char *name, *anon;

	if (vma->vm_file) {
		seq_write(m, buf, len);
		seq_file_path(m, vma->vm_file, "\n");
		seq_putc(m, '\n');
		return;
	}
	name = vasinfo_vma_fixed_name(vma, segment);
	anon = name ? NULL : vasinfo_anon_name(vma);
	if (!name && !anon) {
		/* A plain anonymous line, most of them: written at once. */
		memcpy(buf + len, "[anon]\n", 7);
		seq_write(m, buf, len + 7);
		return;
	}
	seq_write(m, buf, len);
	if (name) {
		seq_puts(m, name);
	} else {
		seq_puts(m, "[anon:");
		seq_puts(m, anon);
		seq_putc(m, ']');
	}
	seq_putc(m, '\n');
}

static void show_size(struct seq_file *m, unsigned long bytes)
{
	if (bytes < 10UL << 10)
		seq_printf(m, "%lu bytes", bytes);
	else if (bytes < 10UL << 20)
		seq_printf(m, "%lu KiB", bytes >> 10);
	else
		seq_printf(m, "%lu MiB", bytes >> 20);
}

static void show_range(struct seq_file *m, const char *what,
		       unsigned long start, unsigned long end)
{
	seq_printf(m, "%-10s %08lx-%08lx (", what, start, end);
	show_size(m, end >= start ? end - start : 0);
	seq_puts(m, ")\n");
}

static void show_header(struct seq_file *m, struct vasinfo_file *vf)
{
	struct vasinfo_mm_info mi;
	char comm[TASK_COMM_LEN];
	u64 rss;

	vasinfo_mm_summary(vf->mm, &mi);
	rss = mi.rss_anon + mi.rss_file + mi.rss_shmem;
	get_task_comm(comm, vf->task);
	seq_printf(m, "%-10s %d\n", "pid:", pid_vnr(vf->active));
	seq_printf(m, "%-10s %s\n", "comm:", comm);
	show_range(m, "code:", mi.start_code, mi.end_code);
	show_range(m, "data:", mi.start_data, mi.end_data);
	show_range(m, "heap:", mi.start_brk, mi.brk);
	seq_printf(m, "%-10s %08llx\n", "stack:", mi.start_stack);
	show_range(m, "args:", mi.arg_start, mi.arg_end);
	show_range(m, "env:", mi.env_start, mi.env_end);
	seq_printf(m, "%-10s %08llx\n", "mmap_base:", mi.mmap_base);
	seq_printf(m, "%-10s %u\n", "vmas:", mi.map_count);
	seq_printf(m, "%-10s %llu pages (", "total_vm:", mi.total_vm);
	show_size(m, mi.total_vm << PAGE_SHIFT);
	seq_printf(m, ")\n%-10s %llu pages (", "rss:", rss);
	show_size(m, rss << PAGE_SHIFT);
	seq_printf(m, "): anon %llu, file %llu, shmem %llu\n", mi.rss_anon,
		   mi.rss_file, mi.rss_shmem);
	seq_putc(m, '\n');
}

/* The process this pass reports on: the chosen one, or the reader. */
static struct pid *report_pick(struct vasinfo_file *vf, bool restart)
{
	struct pid *pid;

	mutex_lock(&vf->lock);
	if (restart || !vf->active) {
		put_pid(vf->active);
		vf->active =
			get_pid(vf->target ? vf->target : task_tgid(current));
	}
	pid = get_pid(vf->active);
	mutex_unlock(&vf->lock);
	return pid;
}

static void *report_start(struct seq_file *m, loff_t *ppos)
{
	struct vasinfo_file *vf = m->private;
	struct task_struct *task;
	struct mm_struct *mm;
	struct pid *pid;

	if (*ppos == REPORT_END)
		return NULL;

	pid = report_pick(vf, *ppos == 0);
	task = get_pid_task(pid, PIDTYPE_PID);
	put_pid(pid);
	if (!task)
		return ERR_PTR(-ESRCH);

	mm = vasinfo_get_mm(m->file, task);
	if (IS_ERR(mm)) {
		put_task_struct(task);
		return ERR_CAST(mm);
	}
	if (mmap_read_lock_killable(mm)) {
		mmput(mm);
		put_task_struct(task);
		return ERR_PTR(-EINTR);
	}
	vf->task = task;
	vf->mm = mm;

	if (*ppos == 0)
		return SEQ_START_TOKEN;
	return vasinfo_vma_first(&vf->vmi, mm, *ppos);
}

static void *report_next(struct seq_file *m, void *v, loff_t *ppos)
{
	struct vasinfo_file *vf = m->private;
	struct vm_area_struct *vma;

	if (v == SEQ_START_TOKEN) {
		*ppos = REPORT_FIRST_VMA;
		vma = vasinfo_vma_first(&vf->vmi, vf->mm, *ppos);
	} else {
		/* The iterator stands at @v: start() or the last next(). */
		*ppos = ((struct vm_area_struct *)v)->vm_end;
		vma = vasinfo_vma_next(&vf->vmi);
	}
	if (!vma)
		*ppos = REPORT_END;
	return vma;
}

static void report_stop(struct seq_file *m, void *v)
{
	struct vasinfo_file *vf = m->private;

	if (!vf->mm)
		return;
	mmap_read_unlock(vf->mm);
	mmput(vf->mm);
	put_task_struct(vf->task);
	vf->mm = NULL;
	vf->task = NULL;
}

static int report_show(struct seq_file *m, void *v)
{
	if (v == SEQ_START_TOKEN)
		show_header(m, m->private);
	else
		vasinfo_show_vma(m, v);
	return 0;
}

const struct seq_operations vasinfo_report_ops = {
	.start = report_start,
	.next = report_next,
	.stop = report_stop,
	.show = report_show,
};
