// SPDX-License-Identifier: MIT
/*
 * The permission table of docs/security.md, row by row, with real users,
 * real capabilities, a real setuid program, a non-dumpable process, a user
 * namespace, Landlock and Yama, and descriptors handed between users.
 *
 * For every caller (a row) and every kind of target, the test asks every
 * request path (the text report after "pid N", MM_INFO, VMAS, TRANSLATE,
 * RANGE) and checks that all give the same answer, that it is the answer
 * the table states, and that it equals what the kernel's own
 * /proc/PID/maps gives the same caller, except in the rows where the
 * table says vasinfo differs. Frames: VERSION's caps bit and TRANSLATE's
 * pfn must match what /proc/PID/pagemap shows the same caller.
 *
 * Runs as root (it makes its callers and targets itself); with --user it
 * has nothing to add and says so.
 */
#define _GNU_SOURCE
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <grp.h>
#include <linux/capability.h>
#include <linux/landlock.h>
#include <sched.h>
#include <stdint.h>

#include "vmtest.h"

#define DEV "/dev/vasinfo"
#define SUID_COPY "/tmp/vasinfo-setuid"
#define YAMA "/proc/sys/kernel/yama/ptrace_scope"
#define PM_PFN_MASK ((1ULL << 55) - 1)

/* ---- the targets --------------------------------------------------------- */

enum target {
	T_SELF, T_SAME_USER, T_OTHER_USER, T_ROOT, T_NONDUMP, T_SETUID,
	T_KTHREAD, T_ZOMBIE, T_GONE, NTARGETS
};

static const char *const target_name[NTARGETS] = {
	"itself", "same user's process", "another user's process",
	"root's process", "same user's non-dumpable process",
	"setuid-root program run by the user", "kernel thread (pid 2)",
	"zombie", "pid of no process",
};

static pid_t tpid[NTARGETS];

/* uid 1000's process, optionally non-dumpable. */
static void setup_user(void *arg)
{
	drop_to((uid_t)(uintptr_t)arg >> 1);
	if ((uintptr_t)arg & 1)
		prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}

/* As uid 1000, exec the setuid-root copy of this program; it says ready. */
static pid_t spawn_setuid(void)
{
	int p[2];
	pid_t pid;
	char c, fdarg[16];

	if (pipe(p))
		exit(2);
	pid = fork();
	if (pid == 0) {
		close(p[0]);
		drop_to(1000);
		snprintf(fdarg, sizeof(fdarg), "%d", p[1]);
		execl(SUID_COPY, SUID_COPY, "--hold", fdarg, (char *)NULL);
		_exit(127);
	}
	close(p[1]);
	if (read(p[0], &c, 1) != 1) {
		printf("Bail out! the setuid program did not start\n");
		exit(1);
	}
	close(p[0]);
	return pid;
}

/* --hold FD: what the setuid program does. */
static int hold(const char *fd)
{
	if (write(atoi(fd), "r", 1) != 1)
		return 3;
	for (;;)
		pause();
}

static int is_zombie(pid_t pid)
{
	char path[64], buf[256], *p;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	if (read_path(path, buf, sizeof(buf)) <= 0)
		return 0;
	p = strrchr(buf, ')');
	return p && p[2] == 'Z';
}

static void make_targets(void)
{
	pid_t gone;
	int fd;

	/* A setuid-root copy of this static program. */
	fd = open(SUID_COPY, O_WRONLY | O_CREAT | O_TRUNC, 0700);
	{
		char buf[65536];
		int in = open("/proc/self/exe", O_RDONLY);
		ssize_t n;

		while (in >= 0 && fd >= 0 && (n = read(in, buf, sizeof(buf))) > 0)
			if (write(fd, buf, (size_t)n) != n)
				break;
		if (in >= 0)
			close(in);
	}
	if (fd < 0 || close(fd) || chown(SUID_COPY, 0, 0) || chmod(SUID_COPY, 04755)) {
		printf("Bail out! cannot make %s: %s\n", SUID_COPY, strerror(errno));
		exit(1);
	}

	tpid[T_SAME_USER] = spawn_held(setup_user, (void *)(uintptr_t)(1000 << 1));
	tpid[T_OTHER_USER] = spawn_held(setup_user, (void *)(uintptr_t)(1001 << 1));
	tpid[T_ROOT] = spawn_held(NULL, NULL);
	tpid[T_NONDUMP] = spawn_held(setup_user, (void *)(uintptr_t)(1000 << 1 | 1));
	tpid[T_SETUID] = spawn_setuid();
	tpid[T_KTHREAD] = 2;
	tpid[T_ZOMBIE] = fork();
	if (tpid[T_ZOMBIE] == 0)
		_exit(0);
	for (int i = 0; i < 500 && !is_zombie(tpid[T_ZOMBIE]); i++)
		usleep(2000);
	gone = fork();
	if (gone == 0)
		_exit(0);
	waitpid(gone, NULL, 0);
	tpid[T_GONE] = gone;
}

static void kill_targets(void)
{
	for (int t = T_SAME_USER; t <= T_SETUID; t++)
		reap(tpid[t]);
	waitpid(tpid[T_ZOMBIE], NULL, 0);
	unlink(SUID_COPY);
}

/* ---- asking -------------------------------------------------------------- */

enum path { P_TEXT, P_MM_INFO, P_VMAS, P_TRANSLATE, P_RANGE, NPATHS };
static const char *const path_name[NPATHS] = {
	"text", "MM_INFO", "VMAS", "TRANSLATE", "RANGE",
};

/* What one caller got for one target. */
struct verdict {
	int path[NPATHS];	/* 0 or -errno */
	int proc;		/* /proc/PID/maps: 0 read, 1 empty, -errno */
	int frames;		/* TRANSLATE showed a frame (own touched page) */
	int caps_pfn;		/* VERSION says frames are visible */
	int pagemap_frames;	/* /proc/self/pagemap showed a frame */
};

static struct verdict *board;	/* [row][target], shared with the callers */

static int proc_maps(pid_t pid)
{
	char path[64], buf[4096];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/maps", (int)pid);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, sizeof(buf));
	n = n < 0 ? -errno : n > 0 ? 0 : 1;
	close(fd);
	return (int)n;
}

static int text_path(int fd, pid_t pid)
{
	char buf[4096];
	int err = select_pid(fd, pid);
	ssize_t n;

	if (err)
		return err;
	if (lseek(fd, 0, SEEK_SET) < 0)
		return -errno;
	n = read(fd, buf, sizeof(buf));
	if (n < 0)
		return -errno;
	return n > 0 ? 0 : -ENODATA;
}

static void ask(int fd, pid_t pid, struct verdict *v)
{
	struct vasinfo_mm_info mi;
	struct vasinfo_vma *vmas = NULL;
	struct vasinfo_xlate x;
	struct vasinfo_run *runs = NULL;
	struct vi_range_totals tot;
	uint64_t a = 1 << 20;
	ssize_t n;

	v->path[P_TEXT] = text_path(fd, pid);
	v->path[P_MM_INFO] = vi_mm_info(fd, pid, &mi);
	n = vi_vmas(fd, pid, &vmas);
	v->path[P_VMAS] = n < 0 ? (int)n : 0;
	free(vmas);
	v->path[P_TRANSLATE] = vi_translate(fd, pid, &a, 1, &x);
	n = vi_range(fd, pid, a, a + 2 * PG, &runs, &tot);
	v->path[P_RANGE] = n < 0 ? (int)n : 0;
	free(runs);
	v->proc = proc_maps(pid);
}

/* Frames for this caller: the module's answer and pagemap's, own page. */
static void ask_frames(int fd, int pagemap_fd, struct verdict *v)
{
	static volatile char page[4096] __attribute__((aligned(4096)));
	struct vasinfo_version ver;
	struct vasinfo_xlate x;
	uint64_t a = (uintptr_t)page, pm = 0;

	page[0] = 1;
	v->frames = vi_translate(fd, 0, &a, 1, &x) == 0 &&
		    x.state == VASINFO_STATE_PRESENT && x.pfn != VASINFO_HIDDEN;
	v->caps_pfn = vi_version(fd, &ver) == 0 && (ver.caps & VASINFO_CAP_PFN);
	if (pagemap_fd >= 0 && pread(pagemap_fd, &pm, 8, (off_t)(a / PG) * 8) == 8)
		v->pagemap_frames = (pm & PM_PFN_MASK) != 0;
}

/* ---- the callers (rows) --------------------------------------------------- */

enum row {
	R_ROOT, R_USER, R_ROOT_NO_PTRACE, R_ROOT_NO_ADMIN, R_USERNS,
	R_LANDLOCK, R_YAMA, R_FD_ROOT_TO_USER, R_FD_USER_TO_ROOT, NROWS
};

static const char *const row_name[NROWS] = {
	"root", "user", "root without CAP_SYS_PTRACE",
	"root without CAP_SYS_ADMIN", "user in its own user namespace",
	"user under Landlock", "user with Yama ptrace_scope 2",
	"user with a descriptor root opened",
	"root with a descriptor a user opened",
};

static int drop_cap(int cap)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2];

	if (syscall(SYS_capget, &h, d))
		return -1;
	d[cap / 32].effective &= ~(1U << (cap % 32));
	d[cap / 32].permitted &= ~(1U << (cap % 32));
	d[cap / 32].inheritable &= ~(1U << (cap % 32));
	return (int)syscall(SYS_capset, &h, d);
}

/* Enter a Landlock domain (its rules only restrict making files). */
static int landlock(void)
{
	struct landlock_ruleset_attr attr = {
		.handled_access_fs = LANDLOCK_ACCESS_FS_MAKE_REG,
	};
	int rfd = (int)syscall(SYS_landlock_create_ruleset, &attr, sizeof(attr), 0);

	if (rfd < 0)
		return -errno;
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
	    syscall(SYS_landlock_restrict_self, rfd, 0))
		return -errno;
	close(rfd);
	return 0;
}

/*
 * Landlock's ABI version, or -errno: ENOSYS where the kernel has no such
 * system call (before 5.13), EOPNOTSUPP where it is built but off.
 */
static int landlock_abi(void)
{
	int abi = (int)syscall(SYS_landlock_create_ruleset, NULL, 0,
			       LANDLOCK_CREATE_RULESET_VERSION);

	return abi < 0 ? -errno : abi;
}

/* A descriptor of /dev/vasinfo and of pagemap opened by uid 1000. */
static int user_fds(int fds[2])
{
	int p[2], pidfd;
	pid_t pid;
	char c;

	if (pipe(p))
		return -errno;
	pid = fork();
	if (pid == 0) {
		drop_to(1000);
		if (dup2(open(DEV, O_RDWR), 100) != 100 ||
		    dup2(open("/proc/self/pagemap", O_RDONLY), 101) != 101 ||
		    write(p[1], "r", 1) != 1)
			_exit(1);
		pause();
		_exit(0);
	}
	close(p[1]);
	if (read(p[0], &c, 1) != 1)
		return -EIO;
	close(p[0]);
	/* Root takes the very files the user opened, as SCM_RIGHTS would. */
	pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
	fds[0] = (int)syscall(SYS_pidfd_getfd, pidfd, 100, 0);
	fds[1] = (int)syscall(SYS_pidfd_getfd, pidfd, 101, 0);
	reap(pid);
	close(pidfd);
	return fds[0] < 0 || fds[1] < 0 ? -EBADF : 0;
}

/* Become the caller of @row; returns a /dev/vasinfo and a pagemap fd. */
static int become(enum row row, int fds[2])
{
	int err = 0;

	fds[0] = fds[1] = -1;
	switch (row) {
	case R_ROOT:
		break;
	case R_USER:
	case R_YAMA:
		drop_to(1000);
		break;
	case R_ROOT_NO_PTRACE:
		err = drop_cap(CAP_SYS_PTRACE);
		break;
	case R_ROOT_NO_ADMIN:
		err = drop_cap(CAP_SYS_ADMIN);
		break;
	case R_USERNS:
		drop_to(1000);
		err = unshare(CLONE_NEWUSER);
		break;
	case R_LANDLOCK:
		drop_to(1000);
		err = landlock();
		break;
	case R_FD_ROOT_TO_USER:
		fds[0] = open(DEV, O_RDWR);
		fds[1] = open("/proc/self/pagemap", O_RDONLY);
		drop_to(1000);
		break;
	case R_FD_USER_TO_ROOT:
		err = user_fds(fds);
		break;
	default:
		err = -EINVAL;
	}
	if (err)
		return err < 0 ? -errno : err;
	if (fds[0] < 0)
		fds[0] = open(DEV, O_RDWR);
	if (fds[1] < 0)
		fds[1] = open("/proc/self/pagemap", O_RDONLY);
	return fds[0] < 0 ? -errno : 0;
}

static void run_row(enum row row)
{
	pid_t pid = fork();
	int fds[2];

	if (pid == 0) {
		int err = become(row, fds);

		if (err) {
			printf("# %s: cannot set up: %s\n", row_name[row], strerror(-err));
			fflush(stdout);
			_exit(1);
		}
		for (int t = 0; t < NTARGETS; t++)
			ask(fds[0], t == T_SELF ? getpid() : tpid[t],
			    &board[row * NTARGETS + t]);
		ask_frames(fds[0], fds[1], &board[row * NTARGETS + T_SELF]);
		_exit(0);
	}
	int status;

	waitpid(pid, &status, 0);
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		board[row * NTARGETS].proc = -1000;	/* the row did not run */
}

/* Write @val to Yama's ptrace_scope; the old value goes to @old. */
static int set_yama(const char *val, char old[8])
{
	char now[8] = "";
	int fd;

	if (old && read_path(YAMA, old, 8) <= 0)
		return -1;
	fd = open(YAMA, O_WRONLY);
	if (fd < 0 || write(fd, val, strlen(val)) < 0 || close(fd))
		return -1;
	return read_path(YAMA, now, sizeof(now)) > 0 && now[0] == val[0] ? 0 : -1;
}

/* ---- the table ---------------------------------------------------------- */

#define OK 0
#define NO (-EACCES)
#define GONE (-ESRCH)

/*
 * What docs/security.md states: the answer of every request path, for
 * every row and target. Kernel threads, zombies and free pids are ESRCH
 * for everyone. Root without CAP_SYS_PTRACE sees no fully privileged
 * process, and a user namespace cuts its owner off from its own
 * processes outside: the capability LSM's rule (its caps must cover the
 * target's, in the same namespace).
 */
static const int expect[NROWS][NTARGETS] = {
	/*                    self same other root nodump setuid kthr zomb gone */
	[R_ROOT]            = { OK, OK,  OK,   OK,  OK,    OK,    GONE, GONE, GONE },
	[R_USER]            = { OK, OK,  NO,   NO,  NO,    NO,    GONE, GONE, GONE },
	[R_ROOT_NO_PTRACE]  = { OK, NO,  NO,   NO,  NO,    NO,    GONE, GONE, GONE },
	[R_ROOT_NO_ADMIN]   = { OK, OK,  OK,   OK,  OK,    OK,    GONE, GONE, GONE },
	[R_USERNS]          = { OK, NO,  NO,   NO,  NO,    NO,    GONE, GONE, GONE },
	[R_LANDLOCK]        = { OK, OK,  NO,   NO,  NO,    NO,    GONE, GONE, GONE },
	[R_YAMA]            = { OK, OK,  NO,   NO,  NO,    NO,    GONE, GONE, GONE },
	[R_FD_ROOT_TO_USER] = { OK, OK,  NO,   NO,  NO,    NO,    GONE, GONE, GONE },
	[R_FD_USER_TO_ROOT] = { OK, OK,  NO,   NO,  NO,    NO,    GONE, GONE, GONE },
};

/* Frames shown (TRANSLATE and VERSION) for each row. */
static const int expect_frames[NROWS] = {
	[R_ROOT] = 1, [R_ROOT_NO_PTRACE] = 1,
};

/*
 * /proc/PID/maps as the same caller, as vasinfo answers: readable for OK,
 * EACCES for NO; empty or missing for GONE.
 */
static int proc_agrees(int want, int proc)
{
	if (want == OK)
		return proc == 0;
	if (want == NO)
		return proc == -EACCES;
	return proc == 1 || proc == -ENOENT || proc == -ESRCH;
}

static const char *answer(int err)
{
	return err == 0 ? "allowed" : err == -EACCES ? "EACCES" : strerror(-err);
}

/* The row's cases, each skipped: the kernel cannot make this caller. */
static void skip_row(enum row row, const char *why)
{
	char name[160];

	for (int t = 0; t < NTARGETS; t++) {
		snprintf(name, sizeof(name), "%s -> %s", row_name[row], target_name[t]);
		ktap_skip(name, "%s", why);
	}
	snprintf(name, sizeof(name), "%s: frames", row_name[row]);
	ktap_skip(name, "%s", why);
}

static void check_row(enum row row)
{
	const struct verdict *v = &board[row * NTARGETS];
	/*
	 * mm_access() of newer kernels (7.2) lets a reader with CAP_SYS_ADMIN
	 * or CAP_PERFMON in whatever ptrace says: /proc/PID/maps of a fully
	 * privileged root process tells, and vasinfo must then agree.
	 */
	int admin_reads = row == R_ROOT_NO_PTRACE && v[T_ROOT].proc == 0;

	if (v[0].proc == -1000) {
		ktap_ok(0, "%s: the caller could not be set up", row_name[row]);
		return;
	}
	if (admin_reads)
		diag("%s reads /proc/PID/maps of a fully privileged root process: this kernel's mm_access() lets CAP_SYS_ADMIN read every process's",
		     row_name[row]);
	for (int t = 0; t < NTARGETS; t++) {
		int want = expect[row][t], same = 1, proc_ok;

		if (admin_reads && want == NO)
			want = OK;
		/*
		 * Where vasinfo differs from /proc (docs/security.md): Landlock
		 * refuses /proc/PID/maps of a process outside the domain; a
		 * descriptor handed on decides with both sets of credentials,
		 * while /proc here is read by the receiver alone.
		 */
		int proc_want = want;

		if (row == R_LANDLOCK && t == T_SAME_USER)
			proc_want = NO;
		if (row == R_FD_USER_TO_ROOT && (t == T_OTHER_USER || t == T_ROOT ||
						  t == T_NONDUMP || t == T_SETUID))
			proc_want = OK;
		for (int p = 0; p < NPATHS; p++)
			same &= v[t].path[p] == want;
		proc_ok = proc_agrees(proc_want, v[t].proc);
		if (!same)
			for (int p = 0; p < NPATHS; p++)
				diag("%s: %s", path_name[p], answer(v[t].path[p]));
		ktap_ok(same && proc_ok,
			"%s -> %s: %s on every path; /proc/PID/maps: %s%s",
			row_name[row], target_name[t], answer(want),
			v[t].proc == 1 ? "empty" : answer(v[t].proc),
			proc_want != want ? " (differs, as documented)" : "");
	}
	/*
	 * Frames: as pagemap shows them to the same caller, except a pagemap
	 * descriptor root opened shows frames to the user it is handed to,
	 * where vasinfo's does not.
	 */
	int pm_want = row == R_FD_ROOT_TO_USER ? 1 : expect_frames[row];

	ktap_ok(v[T_SELF].frames == expect_frames[row] &&
		v[T_SELF].caps_pfn == expect_frames[row] &&
		v[T_SELF].pagemap_frames == pm_want,
		"%s: frames %s (VERSION says %s); /proc/self/pagemap %s%s",
		row_name[row], v[T_SELF].frames ? "shown" : "hidden",
		v[T_SELF].caps_pfn ? "visible" : "hidden",
		v[T_SELF].pagemap_frames ? "shows them" : "hides them",
		pm_want != expect_frames[row] ? " (differs, as documented)" : "");
}

/* ---- the target changes -------------------------------------------------- */

/*
 * A user chooses its own child, which then execs the setuid program: the
 * next read and the next ioctl are refused, as a fresh open of /proc would
 * be. Then "pid 1" is refused at the write, and "pid N" of a permitted
 * process works again on the same descriptor.
 */
static void t_recheck(void)
{
	int go[2], ready[2], *r;
	pid_t pid, tester, ok_pid = tpid[T_SAME_USER];
	char c, buf[4096], fdarg[16];
	struct vasinfo_mm_info mi;

	r = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (r == MAP_FAILED || pipe(go) || pipe(ready))
		exit(2);
	r[0] = r[1] = r[2] = r[3] = r[4] = -1000;
	pid = fork();
	if (pid == 0) {
		drop_to(1000);
		if (write(ready[1], "u", 1) != 1 || read(go[0], &c, 1) != 1)
			_exit(1);
		snprintf(fdarg, sizeof(fdarg), "%d", ready[1]);
		execl(SUID_COPY, SUID_COPY, "--hold", fdarg, (char *)NULL);
		_exit(127);
	}
	/* Only once the child is the user's own may the user choose it. */
	if (read(ready[0], &c, 1) != 1)
		exit(2);
	tester = fork();
	if (tester == 0) {
		int fd;

		drop_to(1000);
		fd = open(DEV, O_RDWR);
		r[0] = select_pid(fd, pid);
		if (!r[0])
			r[0] = read(fd, buf, sizeof(buf)) > 0 ? 0 : -errno;
		if (write(go[1], "g", 1) != 1 || read(ready[0], &c, 1) != 1)
			_exit(1);
		lseek(fd, 0, SEEK_SET);
		r[1] = read(fd, buf, sizeof(buf)) < 0 ? -errno : 0;
		r[2] = vi_mm_info(fd, pid, &mi);
		r[3] = select_pid(fd, 1);
		r[4] = select_pid(fd, ok_pid);
		if (!r[4])
			r[4] = read(fd, buf, sizeof(buf)) > 0 ? 0 : -errno;
		_exit(0);
	}
	waitpid(tester, NULL, 0);
	reap(pid);
	ktap_ok(r[0] == 0 && r[1] == -EACCES && r[2] == -EACCES,
		"target execs a setuid program after it was chosen: read %s before; "
		"read %s and MM_INFO %s after", answer(r[0]), answer(r[1]), answer(r[2]));
	ktap_ok(r[3] == -EACCES && r[4] == 0,
		"\"pid 1\" refused at the write (%s); a permitted pid on the same descriptor: %s",
		answer(r[3]), answer(r[4]));
	munmap(r, 4096);
}

int main(int argc, char **argv)
{
	char yama[8] = "";

	if (argc == 3 && !strcmp(argv[1], "--hold"))
		return hold(argv[2]);
	ktap_header(argc > 1 ? "vasinfo-permissions-user" : "vasinfo-permissions");
	/* Root only: a case per target and one for frames per row, t_recheck's two. */
	ktap_plan(argc > 1 || getuid() != 0 ? 0 : NROWS * (NTARGETS + 1) + 2);
	if (argc > 1 || getuid() != 0) {
		diag("runs as root and makes its own unprivileged callers");
		return ktap_finish();
	}
	board = mmap(NULL, sizeof(*board) * NROWS * NTARGETS, PROT_READ | PROT_WRITE,
		     MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (board == MAP_FAILED)
		return 2;
	setvbuf(stdout, NULL, _IOLBF, 0);
	make_targets();
	for (int r = 0; r < NROWS; r++) {
		int abi = r == R_LANDLOCK ? landlock_abi() : 0;

		if (abi == -ENOSYS || abi == -EOPNOTSUPP) {
			skip_row(r, abi == -ENOSYS ?
				 "no Landlock in this kernel (landlock_create_ruleset: ENOSYS)" :
				 "Landlock is off (landlock_create_ruleset: EOPNOTSUPP)");
			continue;
		}
		if (r == R_YAMA && set_yama("2", yama)) {
			ktap_ok(0, "%s: cannot set %s", row_name[r], YAMA);
			continue;
		}
		run_row(r);
		if (r == R_YAMA)
			set_yama(yama, NULL);
		check_row(r);
	}
	t_recheck();
	kill_targets();
	return ktap_finish();
}
