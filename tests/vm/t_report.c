// SPDX-License-Identifier: MIT
/*
 * Integration tests of the /dev/vasinfo text report, run in the VM against
 * the real module. Every answer is compared with the kernel's own
 * /proc/PID/maps, /proc/PID/stat and /proc/PID/status.
 *
 *   t_report            as root
 *   t_report --user U   drops to uid/gid U first, then runs the cases an
 *                       unprivileged user meets
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <grp.h>
#include <stdint.h>
#include <time.h>

#include "vmtest.h"

#define BUFSZ (16 << 20)
#define MAX_REGIONS 70000
#define DEV "/dev/vasinfo"

static char *rep_buf, *maps_buf, *tmp_buf;
static struct regions rep, maps;
static char why[512];

static int open_dev(void)
{
	int fd = open(DEV, O_RDWR);

	if (fd < 0) {
		printf("Bail out! cannot open %s: %s\n", DEV, strerror(errno));
		exit(1);
	}
	return fd;
}

/* Report of @pid (0: the reader) compared with its /proc/PID/maps. */
static int check_against_maps(pid_t pid, const char *what)
{
	struct report_header h;
	char path[64];
	ssize_t n, m;
	int fd = open_dev(), ok;

	if (pid && select_pid(fd, pid)) {
		close(fd);
		return ktap_ok(0, "%s: select pid %d: %s", what, (int)pid,
			       strerror(errno));
	}
	snprintf(path, sizeof(path), "/proc/%d/maps", pid ? (int)pid : getpid());
	/* No allocation between the two reads: the map must not move. */
	n = read_fd_all(fd, rep_buf, BUFSZ, BUFSZ);
	m = read_path(path, maps_buf, BUFSZ);
	close(fd);
	if (n < 0 || m < 0)
		return ktap_ok(0, "%s: read failed: report %zd maps %zd", what, n, m);
	ok = !parse_report(rep_buf, &h, &rep, why, sizeof(why)) &&
	     !parse_maps(maps_buf, &maps, why, sizeof(why)) &&
	     !compare_regions(&rep, &maps, why, sizeof(why));
	if (ok && h.pid != (pid ? pid : getpid())) {
		snprintf(why, sizeof(why), "header pid %d", h.pid);
		ok = 0;
	}
	if (!ok)
		diag("%s", why);
	return ktap_ok(ok, "%s: %d regions equal /proc/%d/maps", what, rep.n,
		       pid ? (int)pid : getpid());
}

/* ---- processes to look at ---------------------------------------------- */

static void setup_mixed(void *arg)
{
	int fd = open("/bin/busybox", O_RDONLY);
	int tfd = open("/tmp/vasinfo-shared", O_RDWR | O_CREAT | O_TRUNC, 0600);
	char *anon, *file, *shared, *tmpmap;

	(void)arg;
	if (fd < 0 || tfd < 0 || ftruncate(tfd, 1 << 16))
		_exit(10);
	file = mmap(NULL, 1 << 16, PROT_READ, MAP_PRIVATE, fd, (off_t)PG);
	anon = mmap(NULL, 64 * PG, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	shared = mmap(NULL, 8 * PG, PROT_READ | PROT_WRITE,
		      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	tmpmap = mmap(NULL, 1 << 16, PROT_READ | PROT_WRITE, MAP_SHARED, tfd, 0);
	if (file == MAP_FAILED || anon == MAP_FAILED || shared == MAP_FAILED ||
	    tmpmap == MAP_FAILED)
		_exit(11);
	memset(anon, 1, 64 * PG);
	shared[0] = 1;
	tmpmap[0] = 1;
	/* Split the anonymous region in three. */
	if (mprotect(anon + 16 * PG, 8 * PG, PROT_READ))
		_exit(12);
	if (mprotect(anon + 40 * PG, 4 * PG, PROT_NONE))
		_exit(13);
	/* A deleted file that stays mapped. */
	unlink("/tmp/vasinfo-shared");
}

static void setup_many(void *arg)
{
	int count = *(int *)arg, i;
	char *p = mmap(NULL, (size_t)count * PG, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		_exit(10);
	for (i = 0; i < count; i += 2)
		if (mprotect(p + (size_t)i * PG, PG, PROT_READ))
			_exit(11);
}

static void setup_nondumpable(void *arg)
{
	(void)arg;
	if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0))
		_exit(10);
}

static volatile int storm_run = 1;

static void *storm_thread(void *arg)
{
	/* At most 64 live mappings per thread, so the map stays small. */
	struct { char *p; size_t len; } live[64] = { { 0 } };
	unsigned int seed = (unsigned int)(uintptr_t)&seed;

	(void)arg;
	while (storm_run) {
		unsigned int slot = rand_r(&seed) % 64;
		size_t pages = 1 + rand_r(&seed) % 64;
		char *p;

		if (live[slot].p)
			munmap(live[slot].p, live[slot].len);
		p = mmap(NULL, pages * PG, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		live[slot].p = p == MAP_FAILED ? NULL : p;
		live[slot].len = pages * PG;
		if (!live[slot].p)
			continue;
		p[0] = 1;
		if (pages > 2)
			mprotect(p + PG, PG, PROT_READ);
	}
	return NULL;
}

static void setup_storm(void *arg)
{
	pthread_t t[2];

	(void)arg;
	if (pthread_create(&t[0], NULL, storm_thread, NULL) ||
	    pthread_create(&t[1], NULL, storm_thread, NULL))
		_exit(10);
}

/* ---- cases ------------------------------------------------------------- */

static void t_self(void)
{
	check_against_maps(0, "self");
}

/* busybox cat reads the report and its own maps in one process. */
static void t_cat(void)
{
	struct report_header h;
	char *sep;
	int ok;

	char cmd[256], out[64];

	snprintf(out, sizeof(out), "/tmp/cat-%d.out", (int)getuid());
	snprintf(cmd, sizeof(cmd),
		 "echo ---- > %s.sep && cat %s %s.sep /proc/self/maps > %s",
		 out, DEV, out, out);
	if (system(cmd)) {
		ktap_ok(0, "cat: '%s' failed", cmd);
		return;
	}
	read_path(out, rep_buf, BUFSZ);
	sep = strstr(rep_buf, "\n----\n");
	if (!sep) {
		ktap_ok(0, "cat: separator missing in output");
		return;
	}
	sep[1] = '\0';
	ok = !parse_report(rep_buf, &h, &rep, why, sizeof(why)) &&
	     !parse_maps(sep + 6, &maps, why, sizeof(why)) &&
	     !compare_regions(&rep, &maps, why, sizeof(why));
	if (ok && strcmp(h.comm, "cat")) {
		snprintf(why, sizeof(why), "comm '%s'", h.comm);
		ok = 0;
	}
	if (!ok)
		diag("%s", why);
	ktap_ok(ok, "cat: 'cat %s' prints cat's own %d regions", DEV, rep.n);
}

/*
 * The reading shell itself: busybox sh reads /proc/self/maps, the device
 * and /proc/self/maps again with its own read builtin (one byte per
 * read(2)), no other process involved. The report must equal one of the
 * two maps (the shell may grow its heap in between), name "sh" and carry
 * the shell's pid.
 */
static void t_shell(void)
{
	struct report_header h;
	char cmd[512], out[64], pidbuf[32] = "";
	int ok = 0, i;

	snprintf(out, sizeof(out), "/tmp/sh-%d", (int)getuid());
	snprintf(cmd, sizeof(cmd),
		 "sh -c 'echo $$ >%s.pid; "
		 "while IFS= read -r l; do echo \"$l\"; done </proc/self/maps >%s.m1; "
		 "while IFS= read -r l; do echo \"$l\"; done <%s >%s.r; "
		 "while IFS= read -r l; do echo \"$l\"; done </proc/self/maps >%s.m2'",
		 out, out, DEV, out, out);
	if (system(cmd)) {
		ktap_ok(0, "shell: '%s' failed", cmd);
		return;
	}
	snprintf(cmd, sizeof(cmd), "%s.pid", out);
	read_path(cmd, pidbuf, sizeof(pidbuf));
	snprintf(cmd, sizeof(cmd), "%s.r", out);
	read_path(cmd, rep_buf, BUFSZ);
	if (parse_report(rep_buf, &h, &rep, why, sizeof(why))) {
		diag("%s", why);
		ktap_ok(0, "shell: its own report parses");
		return;
	}
	for (i = 1; i <= 2 && !ok; i++) {
		snprintf(cmd, sizeof(cmd), "%s.m%d", out, i);
		read_path(cmd, maps_buf, BUFSZ);
		ok = !parse_maps(maps_buf, &maps, why, sizeof(why)) &&
		     !compare_regions(&rep, &maps, why, sizeof(why));
	}
	if (ok && (strcmp(h.comm, "sh") || h.pid != atoi(pidbuf))) {
		snprintf(why, sizeof(why), "header comm '%s' pid %d, the shell was %d",
			 h.comm, h.pid, atoi(pidbuf));
		ok = 0;
	}
	if (!ok)
		diag("%s", why);
	ktap_ok(ok, "shell: sh's read builtin on %s gives the shell's own %d regions, equal to its /proc/self/maps",
		DEV, rep.n);
}

static void t_busybox(void)
{
	pid_t pid = fork();
	char path[64], comm[32] = "";
	int i;

	if (pid == 0) {
		execl("/bin/sleep", "sleep", "1000", (char *)NULL);
		_exit(127);
	}
	snprintf(path, sizeof(path), "/proc/%d/comm", (int)pid);
	for (i = 0; i < 500 && strcmp(comm, "sleep\n"); i++) {
		usleep(10000);
		read_path(path, comm, sizeof(comm));
	}
	/* comm changes early in execve; wait until it sleeps in its new image. */
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	for (i = 0; i < 500; i++) {
		char st[256] = "";

		read_path(path, st, sizeof(st));
		if (strstr(st, "(sleep) S "))
			break;
		usleep(10000);
	}
	check_against_maps(pid, "busybox sleep");
	reap(pid);
}

/* Header fields against /proc/PID/stat and /proc/PID/status. */
static void check_header(pid_t pid, const char *what)
{
	struct report_header h;
	unsigned long st[52] = { 0 };
	unsigned long vmsize = 0, rss_anon = 0, rss_file = 0, rss_shmem = 0;
	char path[64], *p, *line;
	int fd = open_dev(), i, ok;

	select_pid(fd, pid);
	read_fd_all(fd, rep_buf, BUFSZ, BUFSZ);
	close(fd);
	if (parse_report(rep_buf, &h, &rep, why, sizeof(why))) {
		ktap_ok(0, "%s header: %s", what, why);
		return;
	}
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	read_path(path, tmp_buf, BUFSZ);
	/* Fields after "(comm)" start with field 3, the state letter. */
	p = strrchr(tmp_buf, ')');
	i = 3;
	for (p = p ? strtok(p + 1, " \n") : NULL; p && i < 52;
	     p = strtok(NULL, " \n"), i++)
		st[i] = strtoul(p, NULL, 10);
	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	read_path(path, tmp_buf, BUFSZ);
	for (line = strtok(tmp_buf, "\n"); line; line = strtok(NULL, "\n")) {
		sscanf(line, "VmSize: %lu", &vmsize);
		sscanf(line, "RssAnon: %lu", &rss_anon);
		sscanf(line, "RssFile: %lu", &rss_file);
		sscanf(line, "RssShmem: %lu", &rss_shmem);
	}
	ok = h.code[0] == st[26] && h.code[1] == st[27] && h.stack == st[28] &&
	     h.data[0] == st[45] && h.data[1] == st[46] &&
	     h.heap[0] == st[47] && h.args[0] == st[48] &&
	     h.args[1] == st[49] && h.env[0] == st[50] && h.env[1] == st[51];
	if (!ok)
		diag("code %lx-%lx/%lx-%lx stack %lx/%lx data %lx-%lx/%lx-%lx brk %lx/%lx args %lx-%lx/%lx-%lx env %lx-%lx/%lx-%lx",
		     h.code[0], h.code[1], st[26], st[27], h.stack, st[28],
		     h.data[0], h.data[1], st[45], st[46], h.heap[0], st[47],
		     h.args[0], h.args[1], st[48], st[49], h.env[0], h.env[1],
		     st[50], st[51]);
	ktap_ok(ok, "%s header: code, data, brk, stack, args, env equal /proc/%d/stat",
		what, (int)pid);

	ok = h.total_vm * (PG >> 10) == vmsize && h.anon * (PG >> 10) == rss_anon &&
	     h.file * (PG >> 10) == rss_file && h.shmem * (PG >> 10) == rss_shmem &&
	     h.rss == h.anon + h.file + h.shmem;
	if (!ok)
		diag("total_vm %lu pages vs VmSize %lu kB; anon %lu/%lu file %lu/%lu shmem %lu/%lu",
		     h.total_vm, vmsize, h.anon, rss_anon, h.file, rss_file,
		     h.shmem, rss_shmem);
	ktap_ok(ok, "%s header: total_vm and rss split equal /proc/%d/status",
		what, (int)pid);
	ktap_ok(h.vmas == rep.n, "%s header: vmas %ld = %d region lines", what,
		h.vmas, rep.n);
}

/* Same bytes whatever the read size, and again after lseek(0). */
static void check_read_sizes(pid_t pid, const char *what, int tiny)
{
	static const size_t chunks[] = { 1, 7, 100, 4096, 65536, BUFSZ };
	int fd = open_dev(), ok = 1;
	ssize_t n0 = -1;
	size_t i, first = tiny ? 0 : 3;

	select_pid(fd, pid);
	for (i = first; i < sizeof(chunks) / sizeof(chunks[0]); i++) {
		ssize_t n;

		if (lseek(fd, 0, SEEK_SET) != 0) {
			diag("lseek: %s", strerror(errno));
			ok = 0;
			break;
		}
		n = read_fd_all(fd, i != first ? tmp_buf : maps_buf, BUFSZ,
				chunks[i]);
		if (i == first) {
			n0 = n;
			continue;
		}
		if (n != n0 || memcmp(tmp_buf, maps_buf, (size_t)n)) {
			diag("read size %zu gave %zd bytes, size %zu %zd",
			     chunks[i], n, chunks[first], n0);
			ok = 0;
		}
	}
	close(fd);
	ktap_ok(ok && n0 > 0,
		"%s: reads of %s4096, 65536 bytes and whole, each after lseek(0), give the same %zd bytes",
		what, tiny ? "1, 7, 100, " : "", n0);
}

static void t_mixed(void)
{
	pid_t pid = spawn_held(setup_mixed, NULL);
	int ok = 0, i;

	check_against_maps(pid, "file+anon+mprotect");
	for (i = 0; i < rep.n; i++)
		if (strstr(rep.v[i].name, "/tmp/vasinfo-shared (deleted)") &&
		    rep.v[i].perms[3] == 's')
			ok = 1;
	ktap_ok(ok, "file+anon+mprotect: deleted shared file named as in maps");
	check_header(pid, "file+anon+mprotect");
	check_read_sizes(pid, "file+anon+mprotect", 1);
	reap(pid);
}

static void t_segments(void)
{
	int fd = open_dev(), i, code = 0, heap = 0, stack = 0, vdso = 0, data = 0;
	char *p = malloc(1 << 10);	/* make sure [heap] exists */

	p[0] = 1;
	read_fd_all(fd, rep_buf, BUFSZ, BUFSZ);
	close(fd);
	{
		struct report_header h;

		if (parse_report(rep_buf, &h, &rep, why, sizeof(why))) {
			ktap_ok(0, "segments: %s", why);
			free(p);
			return;
		}
	}
	for (i = 0; i < rep.n; i++) {
		const struct vi_region *r = &rep.v[i];

		code += !strcmp(r->segment, "code") && r->perms[2] == 'x';
		data += !strcmp(r->segment, "data") && r->perms[1] == 'w';
		heap += !strcmp(r->segment, "heap") && !strcmp(r->name, "[heap]");
		stack += !strcmp(r->segment, "stack") && !strcmp(r->name, "[stack]");
		vdso += !strcmp(r->segment, "vdso") && !strcmp(r->name, "[vdso]");
	}
	ktap_ok(code == 1 && data >= 1 && heap == 1 && stack == 1 && vdso == 1,
		"segments: labels code %d data %d heap %d stack %d vdso %d",
		code, data, heap, stack, vdso);
	free(p);
}

static void t_many(void)
{
	int count = 8000;
	pid_t pid = spawn_held(setup_many, &count);

	check_against_maps(pid, "8000-page checkerboard");
	ktap_ok(rep.n > 8000, "8000-page checkerboard: %d regions (> 8000)",
		rep.n);

	check_read_sizes(pid, "8000-page checkerboard", 0);
	reap(pid);
}

static void t_select(void)
{
	pid_t a = spawn_held(NULL, NULL), b = spawn_held(NULL, NULL);
	struct report_header h;
	int fd = open_dev(), ok;

	ok = !select_pid(fd, a) && read_fd_all(fd, rep_buf, BUFSZ, 4096) > 0 &&
	     !parse_report(rep_buf, &h, &rep, why, sizeof(why)) && h.pid == a;
	/* A second full read without lseek is at EOF; after lseek, same pid. */
	ok = ok && read(fd, rep_buf, 16) == 0 && lseek(fd, 0, SEEK_SET) == 0 &&
	     read_fd_all(fd, rep_buf, BUFSZ, 4096) > 0 &&
	     !parse_report(rep_buf, &h, &rep, why, sizeof(why)) && h.pid == a;
	ktap_ok(ok, "pid N: stays chosen across lseek(0) and re-read");
	/* Switching mid-read starts the new report from its beginning. */
	ok = lseek(fd, 0, SEEK_SET) == 0 && read(fd, rep_buf, 10) == 10 &&
	     !select_pid(fd, b) && read_fd_all(fd, rep_buf, BUFSZ, 4096) > 0 &&
	     !parse_report(rep_buf, &h, &rep, why, sizeof(why)) && h.pid == b;
	ktap_ok(ok, "pid N: a new choice mid-read restarts the report");
	ok = write(fd, "self\n", 5) == 5 &&
	     read_fd_all(fd, rep_buf, BUFSZ, 4096) > 0 &&
	     !parse_report(rep_buf, &h, &rep, why, sizeof(why)) &&
	     h.pid == getpid();
	ktap_ok(ok, "self: goes back to the reader");
	close(fd);
	reap(a);
	reap(b);
}

static void expect_write(const char *cmd, size_t len, int want_errno,
			 const char *what)
{
	int fd = open_dev();
	ssize_t n = write(fd, cmd, len);
	int err = n < 0 ? errno : 0;
	struct report_header h;
	int ok;

	/* Whatever the error, the descriptor still reports on the reader. */
	ok = err == want_errno && (want_errno || n == (ssize_t)len) &&
	     read_fd_all(fd, rep_buf, BUFSZ, 4096) > 0 &&
	     !parse_report(rep_buf, &h, &rep, why, sizeof(why)) &&
	     (want_errno == 0 || h.pid == getpid());
	close(fd);
	ktap_ok(ok, "write %s: %s (got %s)", what,
		want_errno ? strerror(want_errno) : "accepted",
		err ? strerror(err) : "success");
}

static void t_write_errors(void)
{
	char longcmd[100];

	memset(longcmd, '1', sizeof(longcmd));
	memcpy(longcmd, "pid ", 4);
	expect_write("foo\n", 4, EINVAL, "'foo'");
	expect_write("pid\n", 4, EINVAL, "'pid'");
	expect_write("pid 0\n", 6, EINVAL, "'pid 0'");
	expect_write("pid -1\n", 7, EINVAL, "'pid -1'");
	expect_write("pid 12abc\n", 10, EINVAL, "'pid 12abc'");
	expect_write("pid 1\n\n", 7, EINVAL, "two newlines");
	expect_write("pid 1\0", 6, EINVAL, "a NUL byte");
	expect_write("", 0, EINVAL, "zero bytes");
	expect_write(longcmd, sizeof(longcmd), EINVAL, "100 bytes");
	expect_write("pid 99999999999\n", 16, EINVAL, "pid beyond int");
	expect_write("pid 4194303\n", 12, ESRCH, "unused pid");
	expect_write("self", 4, 0, "'self' without newline");
	{
		int fd = open_dev();
		void *volatile bad = (void *)8;
		ssize_t n = write(fd, bad, 8);

		ktap_ok(n < 0 && errno == EFAULT, "write from a bad pointer: EFAULT");
		close(fd);
	}
}

/* Processes without an address space: ESRCH. */
static void t_no_mm(void)
{
	pid_t pid;
	int st;

	expect_write("pid 2\n", 6, ESRCH, "kernel thread kthreadd (pid 2)");
	pid = fork();
	if (pid == 0)
		_exit(0);
	/* A zombie: exited, not reaped. */
	for (st = 0; st < 200; st++) {
		char path[64], s[256] = "";

		snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
		read_path(path, s, sizeof(s));
		if (strstr(s, ") Z "))
			break;
		usleep(10000);
	}
	{
		char cmd[32];
		int n = snprintf(cmd, sizeof(cmd), "pid %d\n", (int)pid);

		expect_write(cmd, (size_t)n, ESRCH, "zombie");
		waitpid(pid, &st, 0);
		expect_write(cmd, (size_t)n, ESRCH, "exited and reaped pid");
	}
}

/* The chosen process exits between the write and the read. */
static void t_target_exits(void)
{
	pid_t pid = spawn_held(NULL, NULL);
	int fd = open_dev();
	ssize_t n;

	select_pid(fd, pid);
	reap(pid);
	n = read(fd, rep_buf, 4096);
	ktap_ok(n < 0 && errno == ESRCH, "read after the target exited: ESRCH (got %zd %s)",
		n, n < 0 ? strerror(errno) : "");
	close(fd);
}

static void t_storm(void)
{
	pid_t pid = spawn_held(setup_storm, NULL);
	int fd = open_dev(), i, bad = 0, total = 0;
	struct report_header h;

	select_pid(fd, pid);
	for (i = 0; i < 300 && !bad; i++) {
		ssize_t n;

		lseek(fd, 0, SEEK_SET);
		n = read_fd_all(fd, rep_buf, BUFSZ, i % 2 ? 512 : 65536);
		if (n <= 0 || parse_report(rep_buf, &h, &rep, why, sizeof(why))) {
			diag("pass %d: %zd bytes: %s", i, n, n > 0 ? why : strerror((int)-n));
			bad++;
		}
		total += rep.n;
	}
	close(fd);
	ktap_ok(!bad, "mmap/munmap storm in 2 threads: 300 reads well-formed and ordered (%d lines)",
		total);
	reap(pid);
}

static void t_nondumpable(int allowed)
{
	pid_t pid = spawn_held(setup_nondumpable, NULL);
	int fd = open_dev(), err;

	err = select_pid(fd, pid);
	close(fd);
	if (allowed)
		ktap_ok(err == 0, "non-dumpable process: readable with CAP_SYS_PTRACE (%s)",
			err ? strerror(-err) : "ok");
	else
		ktap_ok(err == -EACCES, "non-dumpable process of the same user: EACCES (%s)",
			err ? strerror(-err) : "allowed");
	reap(pid);
}

static void t_user(void)
{
	pid_t own = spawn_held(setup_mixed, NULL);

	t_self();
	t_cat();
	t_shell();
	check_against_maps(own, "user: own child");
	expect_write("pid 1\n", 6, EACCES, "user: root's init (pid 1)");
	t_no_mm();
	t_nondumpable(0);
	reap(own);
}

/* Run one case and say how long it took: the VM is slow, keep it honest. */
#define RUN(fn, ...)                                                       \
	do {                                                               \
		struct timespec a, b;                                      \
		clock_gettime(CLOCK_MONOTONIC, &a);                        \
		fn(__VA_ARGS__);                                           \
		clock_gettime(CLOCK_MONOTONIC, &b);                        \
		diag("%s took %.2f s", #fn, (double)(b.tv_sec - a.tv_sec) + \
		     (double)(b.tv_nsec - a.tv_nsec) / 1e9);               \
	} while (0)


int main(int argc, char **argv)
{
	rep_buf = malloc(BUFSZ);
	maps_buf = malloc(BUFSZ);
	tmp_buf = malloc(BUFSZ);
	regions_init(&rep, MAX_REGIONS);
	regions_init(&maps, MAX_REGIONS);
	if (!rep_buf || !maps_buf || !tmp_buf)
		return 2;

	if (argc == 3 && !strcmp(argv[1], "--user")) {
		drop_to((uid_t)atoi(argv[2]));
		ktap_header("vasinfo-report-user");
		ktap_plan(9);
		t_user();
		return ktap_finish();
	}
	ktap_header("vasinfo-report-root");
	ktap_plan(36);
	RUN(t_self);
	RUN(t_cat);
	RUN(t_shell);
	RUN(t_segments);
	RUN(t_busybox);
	RUN(t_mixed);
	RUN(t_many);
	RUN(t_select);
	RUN(t_write_errors);
	RUN(t_no_mm);
	RUN(t_target_exits);
	RUN(t_nondumpable, 1);
	RUN(t_storm);
	return ktap_finish();
}
