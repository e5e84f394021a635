// SPDX-License-Identifier: GPL-2.0
/*
 * Which process a request is about, and whether the caller may see it.
 *
 * The rule is the one /proc/PID/maps applies (mm_access() with
 * PTRACE_MODE_READ_FSCREDS), decided with the credentials the file was
 * opened with. ptrace_may_access() is not exported to modules, so
 * vasinfo_may_inspect() restates __ptrace_may_access() without the LSM
 * hook; docs/security.md lists where the two differ.
 */
#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/pid.h>
#include <linux/rwsem.h>
#include <linux/sched.h>
#include <linux/sched/coredump.h>
#include <linux/sched/mm.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/string.h>
#include <linux/module.h>

#include "internal.h"

static bool creds_match(const struct cred *caller, const struct cred *tcred)
{
	return uid_eq(caller->fsuid, tcred->euid) &&
	       uid_eq(caller->fsuid, tcred->suid) &&
	       uid_eq(caller->fsuid, tcred->uid) &&
	       gid_eq(caller->fsgid, tcred->egid) &&
	       gid_eq(caller->fsgid, tcred->sgid) &&
	       gid_eq(caller->fsgid, tcred->gid);
}

/**
 * vasinfo_decide - the permission rule, once the capabilities are known
 * @caller: the opener's credentials
 * @target: the target task's credentials
 * @self: the target's mm is the caller's own
 * @cap_target_ns: caller has CAP_SYS_PTRACE in the target's user namespace
 * @dumpable: the target's mm is SUID_DUMP_USER
 * @cap_mm_ns: caller has CAP_SYS_PTRACE in the mm's user namespace
 *
 * __ptrace_may_access() for PTRACE_MODE_READ_FSCREDS: the uid/gid match,
 * dumpability, and the capability LSM's rule; not the other LSMs.
 *
 * Return: true if the caller may inspect the target.
 */
bool vasinfo_decide(const struct cred *caller, const struct cred *target,
		    bool self, bool cap_target_ns, bool dumpable,
		    bool cap_mm_ns)
{
	if (self)
		return true;
	if (!creds_match(caller, target) && !cap_target_ns)
		return false;
	/* A setuid or PR_SET_DUMPABLE 0 process hides from its own user. */
	if (!dumpable && !cap_mm_ns)
		return false;
	/*
	 * The capability LSM, which is always there
	 * (cap_ptrace_access_check()): the caller must hold every capability
	 * the target may use, in the same user namespace, or CAP_SYS_PTRACE
	 * over the target. So root without CAP_SYS_PTRACE cannot look at a
	 * fully privileged root process, and a process in a user namespace
	 * of its own cannot look at its user's processes outside it.
	 */
	return cap_target_ns ||
	       (caller->user_ns == target->user_ns &&
		cap_issubset(target->cap_permitted, caller->cap_effective));
}

/*
 * @cap in @ns, for the opener of @file (@opener: its f_cred, as /proc
 * checks) or for the task making this request (!@opener).
 */
static bool has_cap(const struct file *file, bool opener,
		    struct user_namespace *ns, int cap)
{
	return opener ? file_ns_capable(file, ns, cap) :
			ns_capable_noaudit(ns, cap);
}

/* The rule for one set of credentials: the opener's or the caller's. */
static bool decide_for(const struct file *file, bool opener,
		       struct task_struct *task, struct mm_struct *mm,
		       const struct cred *tcred)
{
	const struct cred *cred = opener ? file->f_cred : current_cred();
	struct user_namespace *dump_ns;
	bool dumpable = vasinfo_dumpable_owner(task, mm, &dump_ns);
	bool cap_target, cap_dump;

	/* mm_access() lets perfmon_capable() readers in too, where it does. */
	if (vasinfo_read_by_perfmon() &&
	    (has_cap(file, opener, &init_user_ns, CAP_PERFMON) ||
	     has_cap(file, opener, &init_user_ns, CAP_SYS_ADMIN)))
		return true;
	cap_target = has_cap(file, opener, tcred->user_ns, CAP_SYS_PTRACE);
	cap_dump = has_cap(file, opener, dump_ns, CAP_SYS_PTRACE);
	return vasinfo_decide(cred, tcred, false, cap_target, dumpable,
			      cap_dump);
}

/**
 * vasinfo_may_inspect - may the caller read @task's address space
 * @file: the open /dev/vasinfo; its f_cred are the opener's credentials
 * @task: the target
 * @mm: @task's mm, already referenced by the caller
 *
 * The rule of /proc/PID/maps must hold for the opener's credentials and
 * for the current task's: a descriptor handed from a privileged process
 * to an unprivileged one grants nothing, nor one handed the other way.
 *
 * Return: 0 or -EACCES.
 */
int vasinfo_may_inspect(const struct file *file, struct task_struct *task,
			struct mm_struct *mm)
{
	const struct cred *tcred;
	bool ok;

	/* Everyone may look at their own address space, as in /proc. */
	if (mm == current->mm)
		return 0;

	rcu_read_lock();
	tcred = __task_cred(task);
	ok = decide_for(file, true, task, mm, tcred) &&
	     (file->f_cred == current_cred() ||
	      decide_for(file, false, task, mm, tcred));
	rcu_read_unlock();
	return ok ? 0 : -EACCES;
}

/**
 * vasinfo_may_see_frames - may the caller see frame numbers and swap slots
 * @file: the open /dev/vasinfo
 *
 * pagemap's rule, CAP_SYS_ADMIN in the initial user namespace for the
 * opener, and here for the current task as well. The caller is asked
 * only when its credentials are not the opener's very ones (an inherited
 * or passed descriptor): the same credentials give the same answer, and
 * a second capability check would only cost the LSMs' time again.
 *
 * Return: true if both have it.
 */
bool vasinfo_may_see_frames(const struct file *file)
{
	return has_cap(file, true, &init_user_ns, CAP_SYS_ADMIN) &&
	       (file->f_cred == current_cred() ||
		has_cap(file, false, &init_user_ns, CAP_SYS_ADMIN));
}

/**
 * vasinfo_get_mm - take a reference on @task's mm if the caller may see it
 * @file: the open /dev/vasinfo
 * @task: the target, referenced by the caller
 *
 * exec_update_lock keeps @task from exec'ing a setuid program between the
 * check and the reference, as in mm_access().
 *
 * Return: the mm (release with mmput()), or ERR_PTR(-ESRCH) for a kernel
 * thread or a process that has exited, -EACCES, or -EINTR.
 */
struct mm_struct *vasinfo_get_mm(const struct file *file,
				 struct task_struct *task)
{
	struct mm_struct *mm;
	int err;

	err = down_read_killable(&task->signal->exec_update_lock);
	if (err)
		return ERR_PTR(err);

	mm = get_task_mm(task);
	if (!mm) {
		mm = ERR_PTR(-ESRCH);
	} else {
		err = vasinfo_may_inspect(file, task, mm);
		if (err) {
			mmput(mm);
			mm = ERR_PTR(err);
		}
	}
	up_read(&task->signal->exec_update_lock);
	return mm;
}

/**
 * vasinfo_find_pid - the pid numbered @nr in the caller's pid namespace
 * @nr: its number
 *
 * Return: the pid, referenced (put_pid() it), or NULL if there is none or
 * @nr is not positive.
 */
struct pid *vasinfo_find_pid(int nr)
{
	if (nr <= 0)
		return NULL;
	return find_get_pid(nr);
}

/**
 * vasinfo_parse_command - parse one line written to /dev/vasinfo
 * @buf: the bytes written, not NUL-terminated
 * @len: their number
 * @nr: set to the pid chosen, or 0 for "self"
 *
 * Accepted: "pid N" with N > 0 in decimal, and "self", each with one
 * optional trailing newline.
 *
 * Return: 0 or -EINVAL.
 */
int vasinfo_parse_command(const char *buf, size_t len, int *nr)
{
	char line[32];
	int val;

	if (len == 0 || len >= sizeof(line))
		return -EINVAL;
	memcpy(line, buf, len);
	line[len] = '\0';
	if (line[len - 1] == '\n')
		line[--len] = '\0';
	/* One line, no NUL bytes: anything else is not a command. */
	if (strlen(line) != len || strchr(line, '\n'))
		return -EINVAL;

	if (!strcmp(line, "self")) {
		*nr = 0;
		return 0;
	}
	if (strncmp(line, "pid ", 4) || kstrtoint(line + 4, 10, &val) ||
	    val <= 0)
		return -EINVAL;
	*nr = val;
	return 0;
}

/* The task's name into TASK_COMM_LEN bytes at @comm. */
static void copy_comm(char *comm, struct task_struct *task)
{
	char name[TASK_COMM_LEN];

	get_task_comm(name, task);
	memcpy(comm, name, sizeof(name));
}

/**
 * vasinfo_mm_of - the mm of process @nr (0: the caller), if it may be seen
 * @file: the open /dev/vasinfo
 * @nr: pid in the caller's namespace, or 0
 * @comm: if not NULL, TASK_COMM_LEN bytes set to the name of the task the
 *	  mm is from (one task reference for both, so a pid reused in between
 *	  cannot pair one process's name with another's memory)
 *
 * Return: a referenced mm (mmput() it) or ERR_PTR(-EINVAL, -ESRCH, -EACCES,
 * -EINTR).
 */
struct mm_struct *vasinfo_mm_of(const struct file *file, int nr, char *comm)
{
	struct task_struct *task;
	struct mm_struct *mm;
	struct pid *pid;

	if (nr < 0)
		return ERR_PTR(-EINVAL);
	if (nr == 0) {
		/*
		 * Oneself: nothing to check, and current cannot go away. Only
		 * current changes its own mm (exec, exit), so no task_lock.
		 */
		mm = current->mm;
		if (!mm)
			return ERR_PTR(-ESRCH);
		mmget(mm);
		if (comm)
			copy_comm(comm, current);
		return mm;
	}
	pid = vasinfo_find_pid(nr);
	if (!pid)
		return ERR_PTR(-ESRCH);
	task = get_pid_task(pid, PIDTYPE_PID);
	put_pid(pid);
	if (!task)
		return ERR_PTR(-ESRCH);
	mm = vasinfo_get_mm(file, task);
	if (!IS_ERR(mm) && comm)
		copy_comm(comm, task);
	put_task_struct(task);
	return mm;
}
