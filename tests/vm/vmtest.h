/* SPDX-License-Identifier: MIT */
/*
 * Helpers shared by the programs the VM runs: reading whole files, parsing
 * the /dev/vasinfo report, comparing it with /proc/PID/maps, and child
 * processes that hold still while they are inspected.
 */
#ifndef VASINFO_VMTEST_H
#define VASINFO_VMTEST_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <grp.h>
#include <sys/prctl.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../lib/capture.h"
#include "../lib/ktap.h"
#include "libvasinfo.h"

/* Read all of @fd in reads of @chunk bytes. Returns the length or -errno. */
static inline ssize_t read_fd_all(int fd, char *buf, size_t cap, size_t chunk)
{
	size_t len = 0;

	for (;;) {
		size_t want = cap - 1 - len < chunk ? cap - 1 - len : chunk;
		ssize_t n;

		if (want == 0)
			return -ENOSPC;
		n = read(fd, buf + len, want);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	buf[len] = '\0';
	return (ssize_t)len;
}

static inline ssize_t read_path(const char *path, char *buf, size_t cap)
{
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = read_fd_all(fd, buf, cap, cap);
	close(fd);
	return n;
}

struct report_header {
	int pid;
	char comm[32];
	unsigned long code[2], data[2], heap[2], args[2], env[2];
	unsigned long stack, mmap_base;
	long vmas;
	unsigned long total_vm, rss, anon, file, shmem;
	int fields;		/* how many keys were found */
};

struct regions {
	struct vi_region *v;
	int n, cap;
};

static inline void regions_init(struct regions *rs, int cap)
{
	rs->v = calloc((size_t)cap, sizeof(*rs->v));
	rs->n = 0;
	rs->cap = cap;
	if (!rs->v) {
		perror("calloc");
		exit(2);
	}
}

static inline int parse_range(const char *v, unsigned long r[2])
{
	return sscanf(v, "%lx-%lx", &r[0], &r[1]) == 2 ? 1 : 0;
}

static inline int parse_header_line(const char *line, struct report_header *h)
{
	char key[16];
	int off = 0;
	const char *v;

	if (sscanf(line, "%15s %n", key, &off) != 1)
		return -1;
	v = line + off;
	if (!strcmp(key, "pid:"))
		h->fields += sscanf(v, "%d", &h->pid);
	else if (!strcmp(key, "comm:"))
		h->fields += sscanf(v, "%31[^\n]", h->comm);
	else if (!strcmp(key, "code:"))
		h->fields += parse_range(v, h->code);
	else if (!strcmp(key, "data:"))
		h->fields += parse_range(v, h->data);
	else if (!strcmp(key, "heap:"))
		h->fields += parse_range(v, h->heap);
	else if (!strcmp(key, "stack:"))
		h->fields += sscanf(v, "%lx", &h->stack);
	else if (!strcmp(key, "args:"))
		h->fields += parse_range(v, h->args);
	else if (!strcmp(key, "env:"))
		h->fields += parse_range(v, h->env);
	else if (!strcmp(key, "mmap_base:"))
		h->fields += sscanf(v, "%lx", &h->mmap_base);
	else if (!strcmp(key, "vmas:"))
		h->fields += sscanf(v, "%ld", &h->vmas);
	else if (!strcmp(key, "total_vm:"))
		h->fields += sscanf(v, "%lu", &h->total_vm);
	else if (!strcmp(key, "rss:"))
		h->fields += sscanf(v, "%lu pages (%*[^)]): anon %lu, file %lu, shmem %lu",
				    &h->rss, &h->anon, &h->file, &h->shmem) == 4;
	else
		return -1;
	return 0;
}

#define HEADER_FIELDS 12

/*
 * Split a report into header and regions. On error returns -1 and writes
 * the offending line to @why.
 */
static inline int parse_report(char *buf, struct report_header *h,
			struct regions *rs, char *why, size_t whylen)
{
	char *line, *save = NULL;
	int in_header = 1, lineno = 0;

	memset(h, 0, sizeof(*h));
	rs->n = 0;
	/* strtok_r would skip the blank separator line: split by hand. */
	for (line = buf; line && *line; line = save) {
		char *nl = strchr(line, '\n');

		lineno++;
		if (!nl) {
			snprintf(why, whylen, "line %d unterminated: '%.80s'",
				 lineno, line);
			return -1;
		}
		*nl = '\0';
		save = nl + 1;
		if (in_header) {
			if (*line == '\0') {
				in_header = 0;
				continue;
			}
			if (parse_header_line(line, h)) {
				snprintf(why, whylen, "bad header line %d: '%.80s'",
					 lineno, line);
				return -1;
			}
			continue;
		}
		if (rs->n == rs->cap) {
			snprintf(why, whylen, "more than %d regions", rs->cap);
			return -1;
		}
		if (vi_parse_region(line, VI_FORMAT_REPORT, &rs->v[rs->n])) {
			snprintf(why, whylen, "bad region line %d: '%.100s'",
				 lineno, line);
			return -1;
		}
		/*
		 * A report read in several read(2) calls while the map changes
		 * may show a VMA that grew downwards over the previous one, as
		 * /proc/PID/maps may; but each line ends above the last.
		 */
		if (rs->n && rs->v[rs->n].end <= rs->v[rs->n - 1].end) {
			snprintf(why, whylen, "line %d out of order: '%.100s'",
				 lineno, line);
			return -1;
		}
		rs->n++;
	}
	if (in_header || h->fields != HEADER_FIELDS) {
		snprintf(why, whylen, "header incomplete (%d of %d fields)",
			 h->fields, HEADER_FIELDS);
		return -1;
	}
	return 0;
}

static inline int parse_maps(char *buf, struct regions *rs, char *why, size_t whylen)
{
	char *line, *save = NULL;

	rs->n = 0;
	for (line = strtok_r(buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		if (rs->n == rs->cap) {
			snprintf(why, whylen, "more than %d maps lines", rs->cap);
			return -1;
		}
		if (vi_parse_region(line, VI_FORMAT_MAPS, &rs->v[rs->n])) {
			snprintf(why, whylen, "bad maps line '%.100s'", line);
			return -1;
		}
		/* The gate area is not a VMA of the mm: vasinfo cannot see it. */
		if (!strcmp(rs->v[rs->n].name, "[vsyscall]"))
			continue;
		rs->n++;
	}
	return 0;
}

/* The name the report gives a region that maps shows as @maps_name. */
static inline const char *expected_name(const char *maps_name)
{
	return maps_name[0] ? maps_name : "[anon]";
}

/*
 * Compare line for line: range, permissions, offset, device, inode, name.
 * Returns 0 or -1 with the first difference in @why.
 */
static inline int compare_regions(const struct regions *rep,
			   const struct regions *maps, char *why,
			   size_t whylen)
{
	int i;

	for (i = 0; i < rep->n && i < maps->n; i++) {
		const struct vi_region *a = &rep->v[i], *b = &maps->v[i];
		char pa[128], pb[128];

		vi_format_maps_prefix(a, pa, sizeof(pa));
		vi_format_maps_prefix(b, pb, sizeof(pb));
		if (strcmp(pa, pb) || strcmp(a->name, expected_name(b->name))) {
			snprintf(why, whylen,
				 "region %d: report '%s %.100s' maps '%s %.100s'", i,
				 pa, a->name, pb, b->name);
			return -1;
		}
	}
	if (rep->n != maps->n) {
		snprintf(why, whylen, "report has %d regions, maps %d", rep->n,
			 maps->n);
		return -1;
	}
	return 0;
}

/* Ask /dev/vasinfo for process @pid on @fd. Returns 0 or -errno. */
/*
 * The kernel's base page: 4 KiB on x86-64 and on arm64 by default, 16 KiB
 * on Debian's arm64-16k kernel. Page-granular arithmetic uses PG; a buffer
 * that must hold any page uses PG_MAX.
 */
#define PG ((unsigned long)getpagesize())
#define PG_MAX 65536UL
/*
 * What a PMD and a PUD entry map: a table is one page of 8-byte entries
 * (2 MiB and 1 GiB with 4 KiB pages, 32 MiB and 64 GiB with 16 KiB).
 */
#define PMD_SZ (PG * (PG / 8))
#define PUD_SZ (PMD_SZ * (PG / 8))

/*
 * Where user addresses end, as VERSION says, if that is the architecture's
 * rule (x86-64: 47 or 56 bits less the guard page; arm64: 1 << VA_BITS,
 * 48 to 52 bits), checked against the highest user region of our own
 * /proc/self/maps; 0 (which fails every test using it) if not.
 */
static inline uint64_t task_size_max_of(const struct vasinfo_version *v)
{
	uint64_t t = v->task_size_max, page = 1ULL << v->page_shift;
	uint64_t highest = 0, lo, hi;
	char line[512];
	FILE *f = fopen("/proc/self/maps", "r");
	int ok;

	/* Not x86's [vsyscall] page, which maps lists in the kernel half. */
	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "%" SCNx64 "-%" SCNx64, &lo, &hi) == 2 && hi > highest &&
		    !(lo >> 63))
			highest = hi;
	if (f)
		fclose(f);
	if (v->arch == VASINFO_ARCH_X86_64)
		ok = t == (v->levels == 5 ? 1ULL << 56 : 1ULL << 47) - page;
	else if (v->arch == VASINFO_ARCH_ARM64)
		ok = (t & (t - 1)) == 0 && t >= 1ULL << 48 && t <= 1ULL << 52;
	else
		ok = 0;
	return ok && highest && highest <= t ? t : 0;
}

/*
 * The huge page size the kernel offers strictly between @lo and @hi bytes
 * (/sys/kernel/mm/hugepages), 0 if none: arm64's contiguous-entry sizes
 * (64 KiB and 32 MiB with 4 KiB pages, 2 MiB and 1 GiB with 16 KiB).
 */
static inline size_t hugetlb_size_between(size_t lo, size_t hi)
{
	DIR *d = opendir("/sys/kernel/mm/hugepages");
	struct dirent *e;
	size_t found = 0, kb;

	while (d && (e = readdir(d)))
		if (sscanf(e->d_name, "hugepages-%zukB", &kb) == 1 &&
		    kb * 1024 > lo && kb * 1024 < hi)
			found = kb * 1024;
	if (d)
		closedir(d);
	return found;
}

/*
 * The pool of huge pages of @size: hugetlb_pool(size, -1) says how many
 * it holds, hugetlb_pool(size, n) asks for @n and says how many the kernel
 * could set aside (fewer when memory is too fragmented for a gigantic
 * page); -1 if there is no such pool or it may not be changed (a user).
 */
static inline int hugetlb_pool(size_t size, int n)
{
	char path[96], buf[16];
	int fd, len, got = -1;
	ssize_t r;

	snprintf(path, sizeof(path), "/sys/kernel/mm/hugepages/hugepages-%zukB/nr_hugepages",
		 size / 1024);
	fd = open(path, n < 0 ? O_RDONLY : O_RDWR);
	if (fd < 0)
		return -1;
	len = snprintf(buf, sizeof(buf), "%d", n);
	if (n < 0 || write(fd, buf, (size_t)len) == len) {
		r = pread(fd, buf, sizeof(buf) - 1, 0);
		if (r > 0) {
			buf[r] = '\0';
			got = atoi(buf);
		}
	}
	close(fd);
	return got;
}

/*
 * One huge page of @size set aside for a test, unless one is already
 * (boot's hugepages=): the pool's size before, for hugetlb_release(), or
 * -1 with @why saying why there is none.
 */
static inline int hugetlb_reserve(size_t size, const char **why)
{
	int before = hugetlb_pool(size, -1);

	if (before < 0) {
		*why = "no pool of that size";
		return -1;
	}
	if (before >= 1)
		return before;
	if (hugetlb_pool(size, 1) < 1) {
		hugetlb_pool(size, before);
		*why = getuid() ? "its pool cannot be set (as a user)" :
				  "the kernel could not set a page of that size aside now (memory too fragmented)";
		return -1;
	}
	return before;
}

static inline void hugetlb_release(size_t size, int before)
{
	if (hugetlb_pool(size, -1) != before)
		hugetlb_pool(size, before);
}

static inline int select_pid(int fd, pid_t pid)
{
	char cmd[32];
	int len = snprintf(cmd, sizeof(cmd), "pid %d\n", (int)pid);

	if (write(fd, cmd, (size_t)len) != len)
		return -errno;
	return 0;
}

/*
 * Run @setup in a child that then waits to be killed; return the child's
 * pid once setup is done.
 */
static inline pid_t spawn_held(void (*setup)(void *), void *arg)
{
	int p[2];
	pid_t pid;
	char c;

	if (pipe(p)) {
		perror("pipe");
		exit(2);
	}
	pid = fork();
	if (pid < 0) {
		perror("fork");
		exit(2);
	}
	if (pid == 0) {
		close(p[0]);
		if (setup)
			setup(arg);
		if (write(p[1], "r", 1) != 1)
			_exit(3);
		for (;;)
			pause();
	}
	close(p[1]);
	if (read(p[0], &c, 1) != 1) {
		fprintf(stderr, "child %d died during setup\n", (int)pid);
		exit(2);
	}
	close(p[0]);
	return pid;
}

static inline void reap(pid_t pid)
{
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

/* What the last sh() printed. */
static char sh_out[1 << 20];

/*
 * Run a shell command line; its standard output (and error, if @with_err)
 * goes to sh_out. Returns its exit status, 128 if it did not exit.
 */
__attribute__((format(printf, 2, 3)))
static inline int sh(int with_err, const char *fmt, ...)
{
	char cmd[512];
	va_list ap;
	int st;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	strncat(cmd, with_err ? " 2>&1" : " 2>/dev/null", sizeof(cmd) - strlen(cmd) - 1);
	st = cap_popen(cmd, sh_out, sizeof(sh_out));
	return st < 0 ? 128 : st;
}

/* Become an unprivileged user for the rest of the run. */
static inline void drop_to(uid_t uid)
{
	if (setgroups(0, NULL) || setresgid(uid, uid, uid) ||
	    setresuid(uid, uid, uid)) {
		printf("Bail out! cannot become uid %u: %s\n", uid, strerror(errno));
		exit(1);
	}
	/* Changing ids cleared dumpable; a user's own processes have it. */
	prctl(PR_SET_DUMPABLE, 1, 0, 0, 0);
}

/*
 * The kernel log from now on (/dev/kmsg from its end): returns how many new
 * records mention vasinfo or a kernel complaint, -1 if it cannot be read.
 */
static int kmsg = -1;


static inline void kernel_log_mark(void)
{
	kmsg = open("/dev/kmsg", O_RDONLY | O_NONBLOCK);
	if (kmsg >= 0)
		lseek(kmsg, 0, SEEK_END);
}

static inline long kernel_log_news(void)
{
	static const char *const words[] = {
		"vasinfo", "BUG", "WARNING", "Oops", "Call Trace", "KASAN", "lockdep",
	};
	char rec[8192];
	long bad = 0;
	ssize_t n;

	if (kmsg < 0)
		return -1;
	while ((n = read(kmsg, rec, sizeof(rec) - 1)) > 0 || (n < 0 && errno == EPIPE)) {
		if (n <= 0)
			continue;
		rec[n] = '\0';
		for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
			if (strstr(rec, words[i])) {
				diag("kernel: %s", strchr(rec, ';') ? strchr(rec, ';') + 1 : rec);
				bad++;
				break;
			}
	}
	return bad;
}

#endif /* VASINFO_VMTEST_H */
