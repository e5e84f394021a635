/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Interfaces between the layers of the module:
 *   main.c    device and file operations
 *   target.c  which process a request is about, and may the caller see it
 *   report.c  the text report behind read(2)
 */
#ifndef VASINFO_INTERNAL_H
#define VASINFO_INTERNAL_H

#include <linux/mutex.h>
#include <linux/seq_file.h>

struct file;
struct mm_struct;
struct pid;
struct task_struct;

/* State of one open file description of /dev/vasinfo. */
struct vasinfo_file {
	struct mutex lock;	/* protects @target and @active */
	struct pid *target;	/* chosen with "pid N"; NULL: whoever reads */
	struct pid *active;	/* process of the report being read */

	/* Held between seq_file start() and stop() only. */
	struct task_struct *task;
	struct mm_struct *mm;
};

/* target.c */
int vasinfo_may_inspect(const struct file *file, struct task_struct *task,
			struct mm_struct *mm);
struct mm_struct *vasinfo_get_mm(const struct file *file,
				 struct task_struct *task);
struct pid *vasinfo_find_pid(int nr);
int vasinfo_parse_command(const char *buf, size_t len, int *nr);

/* report.c */
extern const struct seq_operations vasinfo_report_ops;

#endif /* VASINFO_INTERNAL_H */
