// SPDX-License-Identifier: GPL-2.0
/*
 * What a VMA is, for people: its segment (code, heap, stack, ...) and the
 * name /proc/PID/maps gives it; and the summary of its mm. Called with the
 * mmap lock held.
 */
#include <linux/fs.h>
#include <linux/hugetlb.h>
#include <linux/mm.h>
#include <linux/rcupdate.h>
#include <linux/sched/mm.h>
#include <linux/spinlock.h>
#include <linux/string.h>

#include <vasinfo.h>
#include "internal.h"

static const char *const segment_names[] = {
	[VASINFO_SEG_NONE] = "-",	 [VASINFO_SEG_CODE] = "code",
	[VASINFO_SEG_RODATA] = "rodata", [VASINFO_SEG_DATA] = "data",
	[VASINFO_SEG_BSS] = "bss",	 [VASINFO_SEG_HEAP] = "heap",
	[VASINFO_SEG_STACK] = "stack",	 [VASINFO_SEG_VDSO] = "vdso",
	[VASINFO_SEG_VVAR] = "vvar",	 [VASINFO_SEG_SPECIAL] = "special",
	[VASINFO_SEG_IO] = "io",	 [VASINFO_SEG_FILE] = "file",
	[VASINFO_SEG_ANON] = "anon",
};

/**
 * vasinfo_segment_name - the label of a VASINFO_SEG_* value
 * @segment: the value
 *
 * Return: its name as the text report prints it, or "?" if unknown.
 */
const char *vasinfo_segment_name(unsigned int segment)
{
	return segment < ARRAY_SIZE(segment_names) ? segment_names[segment] :
						     "?";
}

static bool vma_is_stack(struct vm_area_struct *vma)
{
	return vma->vm_start <= vma->vm_mm->start_stack &&
	       vma->vm_end >= vma->vm_mm->start_stack;
}

static bool vma_is_heap(struct vm_area_struct *vma)
{
	return vma->vm_start <= vma->vm_mm->brk &&
	       vma->vm_end >= vma->vm_mm->start_brk;
}

static bool vma_overlaps(struct vm_area_struct *vma, unsigned long start,
			 unsigned long end)
{
	return start < end && vma->vm_start < end && vma->vm_end > start;
}

/* Is @vma a mapping of the program's own executable file? */
static bool vma_is_exe(struct vm_area_struct *vma)
{
	struct file *exe;
	bool ret;

	rcu_read_lock();
	exe = rcu_dereference(vma->vm_mm->exe_file);
	ret = exe && file_inode(exe) == file_inode(vma->vm_file);
	rcu_read_unlock();
	return ret;
}

/* "[vdso]", "[vvar]" and other special mappings' names, or NULL. */
static const char *vma_special_name(struct vm_area_struct *vma)
{
	if (vma->vm_ops && vma->vm_ops->name)
		return vma->vm_ops->name(vma);
	return NULL;
}

/**
 * vasinfo_vma_segment - the segment as a teacher would label it
 * @vma: the VMA, its mm's mmap lock held for reading
 *
 * The ELF loader sets start_code..end_code to the program's executable
 * segments and start_data..end_data to its data.
 *
 * Return: a VASINFO_SEG_* value.
 */
unsigned int vasinfo_vma_segment(struct vm_area_struct *vma)
{
	struct mm_struct *mm = vma->vm_mm;
	const char *name;

	if (vma->vm_file) {
		if (!vma_is_exe(vma))
			return VASINFO_SEG_FILE;
		if (vma_overlaps(vma, mm->start_code, mm->end_code))
			return VASINFO_SEG_CODE;
		if (vma_overlaps(vma, mm->start_data, mm->end_data))
			return VASINFO_SEG_DATA;
		return (vma->vm_flags & VM_WRITE) ? VASINFO_SEG_DATA :
						    VASINFO_SEG_RODATA;
	}
	name = vma_special_name(vma);
	if (name) {
		if (!strcmp(name, "[vdso]"))
			return VASINFO_SEG_VDSO;
		if (!strcmp(name, "[vvar]"))
			return VASINFO_SEG_VVAR;
		return VASINFO_SEG_SPECIAL;
	}
	if (vma_is_heap(vma))
		return VASINFO_SEG_HEAP;
	if (vma_is_stack(vma))
		return VASINFO_SEG_STACK;
	/* The zero-filled rest of the data segment lies just above it. */
	if (mm->end_data && vma->vm_start >= mm->start_data &&
	    vma->vm_start <= PAGE_ALIGN(mm->end_data))
		return VASINFO_SEG_BSS;
	if (vma->vm_flags & (VM_PFNMAP | VM_IO))
		return VASINFO_SEG_IO;
	return VASINFO_SEG_ANON;
}

/**
 * vasinfo_vma_fixed_name - the name the kernel gives a VMA without a file
 * @vma: the VMA, its mm's mmap lock held for reading
 * @segment: vasinfo_vma_segment(@vma), which has asked the same questions
 *	     (a special mapping's name, the heap, the stack)
 *
 * Return: "[heap]", "[stack]", "[vdso]", "[vvar]" and the like, or NULL
 * for a plain anonymous mapping.
 */
const char *vasinfo_vma_fixed_name(struct vm_area_struct *vma,
				   unsigned int segment)
{
	switch (segment) {
	case VASINFO_SEG_HEAP:
		return "[heap]";
	case VASINFO_SEG_STACK:
		return "[stack]";
	case VASINFO_SEG_VDSO:
	case VASINFO_SEG_VVAR:
	case VASINFO_SEG_SPECIAL:
		return vma_special_name(vma);
	default:
		return NULL;
	}
}

/**
 * vasinfo_vma_anon_name - the name of a VMA without a file
 * @vma: the VMA, its mm's mmap lock held for reading
 * @segment: vasinfo_vma_segment(@vma)
 * @buf: where to write it, NUL-terminated
 * @len: the size of @buf
 *
 * As in the text report: "[heap]", "[stack]", "[vdso]", "[anon:NAME]" or
 * "[anon]".
 *
 * Return: the length written (truncated to @len - 1).
 */
int vasinfo_vma_anon_name(struct vm_area_struct *vma, unsigned int segment,
			  char *buf, size_t len)
{
	const char *name = vasinfo_vma_fixed_name(vma, segment);
	const char *anon = name ? NULL : vasinfo_anon_name(vma);
	ssize_t n;

	if (anon)
		return scnprintf(buf, len, "[anon:%s]", anon);
	/* No format to parse for a fixed string. */
	n = strscpy(buf, name ? name : "[anon]", len);
	return n < 0 ? len - 1 : n;
}

/**
 * vasinfo_vma_flags - a VMA's flags as the ABI writes them
 * @vma: the VMA, its mm's mmap lock held for reading
 *
 * Return: VASINFO_VMA_* bits.
 */
u64 vasinfo_vma_flags(struct vm_area_struct *vma)
{
	vm_flags_t f = vma->vm_flags;
	u64 out = 0;

	if (f & VM_READ)
		out |= VASINFO_VMA_READ;
	if (f & VM_WRITE)
		out |= VASINFO_VMA_WRITE;
	if (f & VM_EXEC)
		out |= VASINFO_VMA_EXEC;
	if (f & VM_MAYSHARE)
		out |= VASINFO_VMA_SHARED;
	if (vma->vm_file)
		out |= VASINFO_VMA_FILE;
	if (is_vm_hugetlb_page(vma))
		out |= VASINFO_VMA_HUGETLB;
	if (f & (VM_PFNMAP | VM_IO))
		out |= VASINFO_VMA_PFNMAP;
	if (vasinfo_vma_softdirty(vma))
		out |= VASINFO_VMA_SOFTDIRTY;
	return out;
}

/**
 * vasinfo_mm_summary - the mm_struct summary of the report and MM_INFO
 * @mm: the address space, its mmap lock held for reading
 * @mi: filled with everything of struct vasinfo_mm_info but pid and comm
 *
 * The argument and environment bounds are read under arg_lock, as /proc
 * does.
 */
void vasinfo_mm_summary(struct mm_struct *mm, struct vasinfo_mm_info *mi)
{
	mi->map_count = mm->map_count;
	mi->start_code = mm->start_code;
	mi->end_code = mm->end_code;
	mi->start_data = mm->start_data;
	mi->end_data = mm->end_data;
	mi->start_brk = mm->start_brk;
	mi->brk = mm->brk;
	mi->start_stack = mm->start_stack;
	spin_lock(&mm->arg_lock);
	mi->arg_start = mm->arg_start;
	mi->arg_end = mm->arg_end;
	mi->env_start = mm->env_start;
	mi->env_end = mm->env_end;
	spin_unlock(&mm->arg_lock);
	mi->mmap_base = mm->mmap_base;
	mi->task_size = mm->task_size;
	mi->total_vm = mm->total_vm;
	mi->rss_anon = vasinfo_mm_counter(mm, MM_ANONPAGES);
	mi->rss_file = vasinfo_mm_counter(mm, MM_FILEPAGES);
	mi->rss_shmem = vasinfo_mm_counter(mm, MM_SHMEMPAGES);
}
