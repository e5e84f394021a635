// SPDX-License-Identifier: GPL-2.0
/*
 * The binary ABI of include/vasinfo.h: request validation, and loops that
 * keep the work and memory of one call bounded.
 *
 * Pattern of every handler: copy the request in (copy_struct_from_user
 * semantics), check flags and reserved fields, take the target's mm, then
 * repeat { mmap_read_lock_killable; fill a bounded number of results into
 * a kernel buffer; unlock; copy them out; cond_resched } so the mmap lock
 * is never held across a copy to user space and a fatal signal ends the
 * call. RANGE bounds a hold by the work alone (about one PMD's worth of
 * entries, as pagemap), with room for every run that work can make.
 */
#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/dcache.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/mmap_lock.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/uaccess.h>
#include <linux/user_namespace.h>

#include <vasinfo.h>
#include "internal.h"

#define CHUNK 32 /* results per lock hold */
/* TRANSLATE addresses per lock hold, sorted so a PTE table is read once. */
#define XLATE_CHUNK 128
/*
 * Walk steps per lock hold in RANGE: a quarter of pagemap_read()'s PMD's
 * worth, one less so that the runs fit in 8 KiB: a run per step, and the
 * one kept from the hold before. Only the work bounds a hold, never the
 * room for runs. make bench's target rows chose it: with 511 steps a
 * process being scanned waited in mmap/munmap up to 4-6 times longer at
 * p99 than under pagemap, with 127 about as long, for 15% less speed.
 */
#define RANGE_STEPS 127
#define RANGE_RUNS (RANGE_STEPS + 1)
/*
 * Runs a RANGE call starts with (4 KiB, from the slab): huge pages and
 * long runs never need more. The first hold that fills them lets the call
 * grow to RANGE_RUNS.
 */
#define RANGE_RUNS_FIRST (PAGE_SIZE / sizeof(struct vasinfo_run))

/* Copy a size-first request in; *usize gets the caller's size. */
static int get_req(void *kreq, size_t ksize, size_t ver0,
		   const void __user *uarg, u32 *usize)
{
	u32 size;
	int err;

	if (get_user(size, (const u32 __user *)uarg))
		return -EFAULT;
	err = vasinfo_check_size(size, ver0);
	if (err)
		return err;
	err = copy_struct_from_user(kreq, ksize, uarg, size);
	if (err)
		return err;
	*usize = size;
	return 0;
}

static int put_req(void __user *uarg, const void *kreq, size_t ksize, u32 usize)
{
	return copy_to_user(uarg, kreq, min_t(size_t, ksize, usize)) ? -EFAULT :
								       0;
}

/* Write @n elements of @ksize into a user array of @usize elements. */
static int put_elems(u64 uptr, size_t first, const void *kbuf, size_t n,
		     size_t ksize, u32 usize)
{
	char __user *dst = u64_to_user_ptr(uptr) + first * usize;
	size_t i, len = min_t(size_t, ksize, usize);

	/* The caller's element is ours: one copy for the block. */
	if (usize == ksize)
		return copy_to_user(dst, kbuf, n * ksize) ? -EFAULT : 0;
	for (i = 0; i < n; i++, dst += usize) {
		if (copy_to_user(dst, (const char *)kbuf + i * ksize, len))
			return -EFAULT;
		if (usize > ksize && clear_user(dst + ksize, usize - ksize))
			return -EFAULT;
	}
	return 0;
}

static int check_elem_size(u32 usize, size_t ver0)
{
	return usize < ver0 || usize > VASINFO_MAX_USER_SIZE ? -EINVAL : 0;
}

static int lock_mm(struct mm_struct *mm)
{
	if (fatal_signal_pending(current))
		return -EINTR;
	return mmap_read_lock_killable(mm) ? -EINTR : 0;
}

static long ioc_version(struct file *file, void __user *uarg)
{
	struct vasinfo_version v;
	u32 usize;
	int err;

	err = get_req(&v, sizeof(v), VASINFO_VERSION_SIZE_VER0, uarg, &usize);
	if (err)
		return err;
	if (v.flags || v.reserved || v.reserved2 ||
	    memchr_inv(v.reserved3, 0, sizeof(v.reserved3)))
		return -EINVAL;
	v.abi_major = VASINFO_ABI_MAJOR;
	v.abi_minor = VASINFO_ABI_MINOR;
	v.caps = vasinfo_may_see_frames(file) ? VASINFO_CAP_PFN : 0;
	vasinfo_paging(&v);
	return put_req(uarg, &v, sizeof(v), usize);
}

static long ioc_mm_info(struct file *file, void __user *uarg)
{
	struct vasinfo_mm_info mi;
	struct mm_struct *mm;
	u32 usize;
	int err;

	err = get_req(&mi, sizeof(mi), VASINFO_MM_INFO_SIZE_VER0, uarg, &usize);
	if (err)
		return err;
	if (mi.flags)
		return -EINVAL;
	memset(mi.comm, 0, sizeof(mi.comm));
	mm = vasinfo_mm_of(file, mi.pid, mi.comm);
	if (IS_ERR(mm))
		return PTR_ERR(mm);
	err = lock_mm(mm);
	if (err)
		goto out_put;
	vasinfo_mm_summary(mm, &mi);
	mmap_read_unlock(mm);
	err = put_req(uarg, &mi, sizeof(mi), usize);
out_put:
	mmput(mm);
	return err;
}

static void fill_vma(struct vm_area_struct *vma, struct vasinfo_vma *out,
		     char *path, size_t pathlen)
{
	/*
	 * Every byte is written once, none twice: the fields, then the name
	 * padded with NULs to its end, so that no stale kernel byte leaves.
	 */
	out->start = vma->vm_start;
	out->end = vma->vm_end;
	out->offset = 0;
	out->inode = 0;
	out->flags = vasinfo_vma_flags(vma);
	out->dev_major = 0;
	out->dev_minor = 0;
	out->segment = vasinfo_vma_segment(vma);
	out->reserved = 0;
	if (vma->vm_file) {
		struct inode *inode = file_inode(vma->vm_file);
		char *p = d_path(&vma->vm_file->f_path, path, pathlen);

		out->offset = (u64)vma->vm_pgoff << PAGE_SHIFT;
		out->inode = inode->i_ino;
		out->dev_major = MAJOR(inode->i_sb->s_dev);
		out->dev_minor = MINOR(inode->i_sb->s_dev);
		if (IS_ERR(p)) {
			strscpy_pad(out->name, "?", sizeof(out->name));
			out->flags |= VASINFO_VMA_NAME_TRUNCATED;
		} else if (strscpy_pad(out->name, p, sizeof(out->name)) < 0) {
			out->flags |= VASINFO_VMA_NAME_TRUNCATED;
		}
	} else {
		int len = vasinfo_vma_anon_name(vma, out->segment, out->name,
						sizeof(out->name));

		memset(out->name + len, 0, sizeof(out->name) - len);
	}
}

/* @out, filled from @vma, as the part of @vma from @from on. */
static void clip_vma(struct vasinfo_vma *out, struct vm_area_struct *vma,
		     unsigned long from)
{
	if (vma->vm_file)
		out->offset += from - vma->vm_start;
	out->start = from;
}

static long ioc_vmas(struct file *file, void __user *uarg)
{
	struct vasinfo_vmas req;
	struct vasinfo_vma_iter vmi;
	struct vasinfo_vma *kbuf;
	struct mm_struct *mm;
	u32 usize, want, done = 0;
	u64 cursor;
	char *path;
	int err;

	err = get_req(&req, sizeof(req), VASINFO_VMAS_SIZE_VER0, uarg, &usize);
	if (err)
		return err;
	if (req.flags)
		return -EINVAL;
	err = check_elem_size(req.vma_size, VASINFO_VMA_SIZE_VER0);
	if (err)
		return err;
	mm = vasinfo_mm_of(file, req.pid, NULL);
	if (IS_ERR(mm))
		return PTR_ERR(mm);
	kbuf = kmalloc_array(CHUNK, sizeof(*kbuf), GFP_KERNEL);
	path = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!kbuf || !path) {
		err = -ENOMEM;
		goto out;
	}
	want = req.count;
	cursor = req.cursor;
	req.done = 0;
	while (done < want) {
		struct vm_area_struct *vma;
		u32 n = 0;

		err = lock_mm(mm);
		if (err)
			goto out;
		for (vma = vasinfo_vma_first(&vmi, mm, cursor);
		     vma && n < CHUNK && done + n < want;
		     vma = vasinfo_vma_next(&vmi)) {
			fill_vma(vma, &kbuf[n], path, PATH_MAX);
			/*
			 * After this call's own lock drop, a VMA may have grown
			 * or merged below the cursor: its part below it is
			 * already in this reply, so it is reported from the
			 * cursor on, and the reply's entries never overlap.
			 */
			if (done && vma->vm_start < cursor)
				clip_vma(&kbuf[n], vma, cursor);
			n++;
			cursor = vma->vm_end;
		}
		if (!vma)
			req.done = 1;
		mmap_read_unlock(mm);
		err = put_elems(req.vmas, done, kbuf, n, sizeof(*kbuf),
				req.vma_size);
		if (err)
			goto out;
		done += n;
		if (req.done)
			break;
		cond_resched();
	}
	req.count = done;
	req.cursor = cursor;
	err = put_req(uarg, &req, sizeof(req), usize);
out:
	kfree(path);
	kfree(kbuf);
	mmput(mm);
	return err;
}

/* One address of a TRANSLATE batch, and where its result goes. */
struct xlate_slot {
	u64 addr;
	u32 idx;
};

static int cmp_slot(const void *a, const void *b)
{
	const struct xlate_slot *x = a, *y = b;

	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

/* Are @slots in address order already (as a caller walking a range gives)? */
static bool slots_sorted(const struct xlate_slot *slots, u32 n)
{
	u32 i;

	for (i = 1; i < n; i++)
		if (slots[i].addr < slots[i - 1].addr)
			return false;
	return true;
}

/*
 * How many slots from @i on are the pages after slots[@i] in this table,
 * each wanted at the result after the one before: those are read from the
 * table in one go.
 */
static u32 slots_in_step(const struct xlate_slot *slots, u32 i, u32 n,
			 unsigned long end)
{
	u32 k = 1;

	while (i + k < n && slots[i + k].addr < end &&
	       slots[i + k].addr == slots[i].addr + k * PAGE_SIZE &&
	       slots[i + k].idx == slots[i].idx + k)
		k++;
	return k;
}

/*
 * Translate @n addresses into @out, each result at its slot's index. In
 * address order, so that the addresses of one PTE table after the first
 * are read from it directly (vasinfo_walk_table()), not by a descent each;
 * the sort is skipped when the caller gave them in order. Every address in
 * @slots was checked by get_slots() when it was read.
 */
static void translate_sorted(struct mm_struct *mm, struct xlate_slot *slots,
			     u32 n, bool show_pfn, struct vasinfo_xlate *out,
			     struct vasinfo_table *t)
{
	u32 i, k;

	if (!slots_sorted(slots, n))
		sort(slots, n, sizeof(*slots), cmp_slot, NULL);
	t->end = 0;
	for (i = 0; i < n; i += k) {
		struct vasinfo_xlate *x = &out[slots[i].idx];
		u64 addr = slots[i].addr;

		k = 1;
		if (t->end > addr) {
			k = slots_in_step(slots, i, n, t->end);
			if (vasinfo_walk_table(t, addr, k, show_pfn, 0, x))
				continue;
			k = 1;
		}
		vasinfo_walk_first(mm, addr, show_pfn, x, t);
	}
}

/* Read addresses [@first, @first + @n) of the request into @slots. */
static int get_slots(const struct vasinfo_translate *req, u32 first, u32 n,
		     u64 *addrs, struct xlate_slot *slots)
{
	u32 i;

	if (copy_from_user(addrs,
			   u64_to_user_ptr(req->addrs) + first * sizeof(u64),
			   n * sizeof(u64)))
		return -EFAULT;
	for (i = 0; i < n; i++) {
		if (addrs[i] >= TASK_SIZE_MAX)
			return -EINVAL;
		slots[i].addr = addrs[i];
		slots[i].idx = i;
	}
	return 0;
}

static long ioc_translate(struct file *file, void __user *uarg)
{
	bool show_pfn = vasinfo_may_see_frames(file);
	struct vasinfo_translate req;
	/* One address, the commonest call, needs no allocation at all. */
	struct xlate_slot one_slot, *slots = &one_slot;
	struct vasinfo_xlate one_x, *kbuf = &one_x;
	u64 one_addr, *addrs = &one_addr;
	struct vasinfo_table t;
	struct mm_struct *mm;
	u32 usize, done, chunk;
	int err;

	err = get_req(&req, sizeof(req), VASINFO_TRANSLATE_SIZE_VER0, uarg,
		      &usize);
	if (err)
		return err;
	err = vasinfo_check_translate(&req);
	if (err)
		return err;
	/* Buffers for what is asked, up to XLATE_CHUNK addresses. */
	chunk = clamp_t(u32, req.count, 1, XLATE_CHUNK);
	if (chunk > 1) {
		addrs = kmalloc_array(chunk, sizeof(*addrs), GFP_KERNEL);
		slots = kmalloc_array(chunk, sizeof(*slots), GFP_KERNEL);
		kbuf = kvmalloc_array(chunk, sizeof(*kbuf), GFP_KERNEL);
		if (!addrs || !slots || !kbuf) {
			err = -ENOMEM;
			goto out_free;
		}
	}

	/* Every address must be a user address before any work is done. */
	for (done = 0; done < req.count; done += chunk) {
		err = get_slots(&req, done, min_t(u32, chunk, req.count - done),
				addrs, slots);
		if (err)
			goto out_free;
	}

	mm = vasinfo_mm_of(file, req.pid, NULL);
	if (IS_ERR(mm)) {
		err = PTR_ERR(mm);
		goto out_free;
	}
	for (done = 0; done < req.count; done += chunk) {
		u32 n = min_t(u32, chunk, req.count - done);

		/*
		 * Read again (user space may have changed them meanwhile),
		 * unless all of them are still in the buffer as checked.
		 */
		if (req.count > chunk) {
			err = get_slots(&req, done, n, addrs, slots);
			if (err)
				goto out;
		}
		err = lock_mm(mm);
		if (err)
			goto out;
		translate_sorted(mm, slots, n, show_pfn, kbuf, &t);
		mmap_read_unlock(mm);
		err = put_elems(req.results, done, kbuf, n, sizeof(*kbuf),
				req.result_size);
		if (err)
			goto out;
		cond_resched();
	}
	err = put_req(uarg, &req, sizeof(req), usize);
out:
	mmput(mm);
out_free:
	if (chunk > 1) {
		kvfree(kbuf);
		kfree(slots);
		kfree(addrs);
	}
	return err;
}

/* Where one RANGE call's walk is, and the runs it builds. */
struct range_state {
	struct vasinfo_range *req;
	struct vasinfo_runs runs; /* RANGE_RUNS in buf */
	u32 done; /* runs already copied out */
	u64 addr; /* next page to walk */
	u64 budget; /* pages this call may still walk */
	u32 steps; /* walks and table entries in this lock hold */
};

/*
 * Add @pages pages described by @x to the runs and step over them.
 * Return: false, and nothing added, when a new run is needed but the
 * caller's array is full.
 */
static bool range_add(struct range_state *rs, struct vasinfo_xlate *x,
		      u64 pages)
{
	if (!vasinfo_runs_add(&rs->runs, x, pages))
		return false;
	rs->addr += pages << PAGE_SHIFT;
	rs->budget -= pages;
	rs->steps++;
	return true;
}

/* May this lock hold walk another page? */
static bool range_more(const struct range_state *rs)
{
	return rs->addr < rs->req->end && rs->budget && rs->steps < RANGE_STEPS;
}

/*
 * The rest of the PTE table @t, read once as pagemap reads a table, its
 * entries going straight into runs. Return: false when the runs are full.
 */
static bool range_rest_of_table(struct range_state *rs,
				const struct vasinfo_table *t)
{
	u64 m;
	long got;

	if (t->end <= rs->addr || !range_more(rs))
		return true;
	m = (min_t(u64, t->end, rs->req->end) - rs->addr) >> PAGE_SHIFT;
	m = min3(m, rs->budget, (u64)(RANGE_STEPS - rs->steps));
	got = vasinfo_table_runs(t, rs->addr, m, &rs->runs);
	if (got < 0)
		return true; /* the PMD changed: walk page by page */
	rs->addr += (u64)got << PAGE_SHIFT;
	rs->budget -= got;
	rs->steps += got;
	return got == m;
}

/*
 * The THPs after the one a walk ended on, from its PMD table (each one a
 * step, as a walk of it would be). Return: false when the runs are full.
 */
static bool range_rest_of_thps(struct range_state *rs,
			       const struct vasinfo_table *t)
{
	bool full;
	u64 want;
	long got;

	if (t->thp_end <= rs->addr || !range_more(rs))
		return true;
	want = (min_t(u64, t->thp_end, rs->req->end) - rs->addr) >> PAGE_SHIFT;
	want = min(want, rs->budget);
	got = vasinfo_pmd_runs(t, rs->addr, rs->addr + (want << PAGE_SHIFT),
			       RANGE_STEPS - rs->steps, &rs->runs, &full);
	rs->addr += (u64)got << PAGE_SHIFT;
	rs->budget -= got;
	rs->steps += DIV_ROUND_UP(got, PMD_SIZE >> PAGE_SHIFT);
	return !full;
}

/*
 * One lock hold's worth of RANGE: walks until RANGE_STEPS pages, the end,
 * the budget, or full runs. Return: false when the runs are full.
 */
static bool range_walk(struct range_state *rs, struct mm_struct *mm,
		       struct vasinfo_table *t, struct vasinfo_xlate *x)
{
	for (rs->steps = 0; range_more(rs);) {
		u64 span = vasinfo_walk_first(mm, rs->addr, rs->runs.show_pfn,
					      x, t);

		span = min_t(u64, span, rs->req->end - rs->addr);
		if (!range_add(rs, x,
			       min_t(u64, span >> PAGE_SHIFT, rs->budget)))
			return false;
		if (!range_rest_of_table(rs, t) || !range_rest_of_thps(rs, t))
			return false;
	}
	return true;
}

static long ioc_range(struct file *file, void __user *uarg)
{
	struct range_state rs = { .budget = VASINFO_MAX_RANGE_PAGES };
	struct vasinfo_runs *runs = &rs.runs;
	struct vasinfo_range req;
	struct vasinfo_table *t;
	struct vasinfo_xlate *x;
	struct mm_struct *mm;
	u32 usize, keep, cap, want = 0;
	bool full;
	int err;

	err = get_req(&req, sizeof(req), VASINFO_RANGE_SIZE_VER0, uarg, &usize);
	if (err)
		return err;
	err = vasinfo_check_range(&req, &rs.addr);
	if (err)
		return err;

	mm = vasinfo_mm_of(file, req.pid, NULL);
	if (IS_ERR(mm))
		return PTR_ERR(mm);
	rs.req = &req;
	runs->show_pfn = vasinfo_may_see_frames(file);
	runs->no_facts = req.flags & VASINFO_RANGE_NO_FACTS;
	/* Never more runs per hold than the caller's array holds. */
	cap = min_t(u32, RANGE_RUNS_FIRST, req.count);
	runs->buf = kvmalloc_array(cap, sizeof(*runs->buf), GFP_KERNEL);
	x = kmalloc(sizeof(*x), GFP_KERNEL);
	t = kmalloc(sizeof(*t), GFP_KERNEL);
	if (!runs->buf || !x || !t) {
		err = -ENOMEM;
		goto out;
	}

	/*
	 * Runs are built in buf. The lock is held for RANGE_STEPS pages'
	 * worth of walking (once buf has grown, it has room for a run per
	 * step), or until the caller's array is full; then it is dropped and
	 * the finished runs are copied out in one block. A run that may still
	 * grow is kept for the next hold, so where the lock was dropped does
	 * not show in the runs.
	 */
	while (rs.addr < req.end && rs.done < req.count && rs.budget) {
		if (runs->n == 0 && cap < want) {
			kvfree(runs->buf);
			cap = want;
			runs->buf = kvmalloc_array(cap, sizeof(*runs->buf),
						   GFP_KERNEL);
			if (!runs->buf) {
				err = -ENOMEM;
				goto out;
			}
		}
		runs->room = min_t(u32, cap, req.count - rs.done);
		err = lock_mm(mm);
		if (err)
			goto out;
		full = !range_walk(&rs, mm, t, x);
		mmap_read_unlock(mm);
		keep = !full && runs->n && rs.addr < req.end && rs.budget;
		err = put_elems(req.runs, rs.done, runs->buf, runs->n - keep,
				sizeof(*runs->buf), req.run_size);
		if (err)
			goto out;
		/* Filled by the runs, not the work: grow before the next. */
		if (full && runs->n == cap)
			want = min_t(u32, RANGE_RUNS, req.count);
		rs.done += runs->n - keep;
		if (keep)
			runs->buf[0] = runs->buf[runs->n - 1];
		runs->n = keep;
		cond_resched();
	}
	req.count = rs.done;
	req.cursor = rs.addr;
	req.done = rs.addr >= req.end;
	req.pages_present = runs->present;
	req.pages_swapped = runs->swapped;
	req.pages_none = runs->none;
	err = put_req(uarg, &req, sizeof(req), usize);
out:
	kfree(t);
	kfree(x);
	kvfree(runs->buf);
	mmput(mm);
	return err;
}

static long ioc_counts(struct file *file, void __user *uarg)
{
	struct vasinfo_counter c = { .budget = VASINFO_MAX_RANGE_PAGES };
	struct vasinfo_counts req;
	struct mm_struct *mm;
	u32 usize, done = 0, keep;
	int err;

	err = get_req(&req, sizeof(req), VASINFO_COUNTS_SIZE_VER0, uarg,
		      &usize);
	if (err)
		return err;
	err = vasinfo_check_counts(&req, &c.addr);
	if (err)
		return err;
	mm = vasinfo_mm_of(file, req.pid, NULL);
	if (IS_ERR(mm))
		return PTR_ERR(mm);
	c.end = req.end;
	c.tables_only = req.flags & VASINFO_COUNTS_TABLES_ONLY;
	c.buf = kmalloc_array(CHUNK, sizeof(*c.buf), GFP_KERNEL);
	if (!c.buf) {
		err = -ENOMEM;
		goto out;
	}

	/*
	 * Each hold reads about one PTE table's worth of entries; between
	 * holds the elements finished are copied out, and one still being
	 * counted is kept for the next hold. One the call ends inside is
	 * written as it is, marked CUT: the next call continues it.
	 */
	while (c.addr < req.end && c.budget && done < req.count) {
		c.room = min_t(u32, CHUNK, req.count - done);
		err = lock_mm(mm);
		if (err)
			goto out;
		vasinfo_count_hold(&c, mm);
		mmap_read_unlock(mm);
		keep = c.open && c.addr < req.end && c.budget;
		if (c.open && !keep)
			c.buf[c.n - 1].flags |= VASINFO_COUNTS_CUT;
		err = put_elems(req.counts, done, c.buf, c.n - keep,
				sizeof(*c.buf), req.counts_size);
		if (err)
			goto out;
		done += c.n - keep;
		if (keep)
			c.buf[0] = c.buf[c.n - 1];
		c.n = keep;
		cond_resched();
	}
	req.count = done;
	req.cursor = c.addr;
	req.done = c.addr >= req.end;
	err = put_req(uarg, &req, sizeof(req), usize);
out:
	kfree(c.buf);
	mmput(mm);
	return err;
}

/**
 * vasinfo_ioctl - the binary ABI's entry point (unlocked_ioctl)
 * @file: the open /dev/vasinfo
 * @cmd: a VASINFO_IOC_* number
 * @arg: the user address of its request struct
 *
 * Return: 0 or a negative errno: -ENOTTY for a number that is not ours,
 * else what the request's own handler returns (docs/abi.md).
 */
long vasinfo_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	void __user *uarg = (void __user *)arg;

	/* The struct's own size field rules, not the size in the number. */
	if (_IOC_TYPE(cmd) != VASINFO_IOC_MAGIC ||
	    _IOC_DIR(cmd) != (_IOC_READ | _IOC_WRITE))
		return -ENOTTY;

	switch (_IOC_NR(cmd)) {
	case _IOC_NR(VASINFO_IOC_VERSION):
		return ioc_version(file, uarg);
	case _IOC_NR(VASINFO_IOC_MM_INFO):
		return ioc_mm_info(file, uarg);
	case _IOC_NR(VASINFO_IOC_VMAS):
		return ioc_vmas(file, uarg);
	case _IOC_NR(VASINFO_IOC_TRANSLATE):
		return ioc_translate(file, uarg);
	case _IOC_NR(VASINFO_IOC_RANGE):
		return ioc_range(file, uarg);
	case _IOC_NR(VASINFO_IOC_COUNTS):
		return ioc_counts(file, uarg);
	default:
		return -ENOTTY;
	}
}
