// SPDX-License-Identifier: MIT
/*
 * Races: queries that run while their targets change under them.
 *
 * Targets, each mutating itself for the whole run:
 *   maps   mmap / munmap / mremap / mprotect / MADV_DONTNEED over one range,
 *          and a THP that is split by unmapping a page in its middle;
 *   swap   its pages pushed to zram with MADV_PAGEOUT and touched back;
 *   exec   execve()s itself again and again (a new mm each time);
 *   exit   short-lived children, asked about while they exit.
 * Queriers: several processes, each with its own descriptor, asking every
 * kind of request (text report, VMAS, TRANSLATE, RANGE) about every target
 * at once: many processes on one target, and one process on many. As root,
 * a thread also tries to unload the module all the while: refused.
 *
 * Every answer must be an error the ABI documents for a vanishing target
 * (ESRCH) or well-formed: addresses as asked, states and sizes valid, runs
 * contiguous and covering what the cursor says, VMAs ordered, report lines
 * well-formed. Then the module still answers, the kernel log is clean.
 *
 *   t_race [--user UID] [--seconds S]
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <stdint.h>
#include <time.h>

#include "vmtest.h"

#define DEV "/dev/vasinfo"
#define AREA (0x5a0000000000ULL)	/* where the mutators work */
#define AREA_PAGES (2 * PMD_SZ / PG)	/* 1024 with 4 KiB pages */
#define NQUERIERS 6

enum { K_MAPS, K_SWAP, K_EXEC, K_EXIT, NKINDS };

/* Shared between all processes of the run. */
struct board {
	volatile int stop;
	volatile pid_t pid[NKINDS];	/* K_EXIT: the latest short-lived child */
	long mutations[NKINDS];
	long queries, ok, esrch, bad;
	char why[256];
};
static struct board *b;
static double seconds = 4;

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void fail(const char *fmt, ...)
{
	va_list ap;

	__atomic_add_fetch(&b->bad, 1, __ATOMIC_RELAXED);
	if (b->why[0])
		return;
	va_start(ap, fmt);
	vsnprintf(b->why, sizeof(b->why), fmt, ap);
	va_end(ap);
}

/* ---- the mutators ----------------------------------------------------------- */

static void mutate_maps(void)
{
	char *area = (char *)(uintptr_t)AREA;
	unsigned int seed = 1;

	while (!b->stop) {
		size_t n = 1 + rand_r(&seed) % 64, at = rand_r(&seed) % (AREA_PAGES - 64);
		char *p = area + at * PG, *q;

		switch (rand_r(&seed) % 6) {
		case 0:
			p = mmap(p, n * PG, PROT_READ | PROT_WRITE,
				 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
			if (p != MAP_FAILED)
				for (size_t i = 0; i < n; i += 2)
					p[i * PG] = 1;
			break;
		case 1:
			munmap(p, n * PG);
			break;
		case 2:
			q = mremap(p, n * PG, n * PG, MREMAP_MAYMOVE | MREMAP_FIXED,
				   area + ((at + 64) % (AREA_PAGES - 64)) * PG);
			(void)q;
			break;
		case 3:
			mprotect(p, n * PG, rand_r(&seed) % 2 ? PROT_NONE : PROT_READ | PROT_WRITE);
			break;
		case 4:
			madvise(p, n * PG, MADV_DONTNEED);
			break;
		case 5: {
			/* A THP, then a hole punched in its middle splits it. */
			char *h = area + PMD_SZ;	/* the second half */

			h = mmap(h, PMD_SZ, PROT_READ | PROT_WRITE,
				 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
			if (h != MAP_FAILED) {
				madvise(h, PMD_SZ, MADV_HUGEPAGE);
				memset(h, 3, PMD_SZ);
				munmap(h + PMD_SZ / 2, PG);
			}
			break;
		}
		}
		b->mutations[K_MAPS]++;
	}
}

static void mutate_swap(void)
{
	char *p = mmap((void *)(uintptr_t)AREA, 256 * PG, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);

	while (!b->stop && p != MAP_FAILED) {
		for (size_t i = 0; i < 256; i++)
			p[i * PG]++;
		madvise(p, 256 * PG, MADV_PAGEOUT);
		b->mutations[K_SWAP]++;
	}
}

/* --reexec: execve() ourselves until told to stop. */
static int reexec(char **argv)
{
	b = mmap(NULL, sizeof(*b), PROT_READ | PROT_WRITE, MAP_SHARED, 3, 0);
	if (b == MAP_FAILED)
		return 1;
	if (!b->stop) {
		b->mutations[K_EXEC]++;
		execv("/proc/self/exe", argv);
		return 1;
	}
	for (;;)
		pause();
}

static void mutate_exit(void)
{
	while (!b->stop) {
		pid_t c = fork();

		if (c == 0) {
			volatile char *p = malloc(64 * PG);

			for (int i = 0; p && i < 64; i++)
				p[i * PG] = 1;
			_exit(0);
		}
		b->pid[K_EXIT] = c;
		waitpid(c, NULL, 0);
		b->mutations[K_EXIT]++;
	}
}

/* ---- the queriers ------------------------------------------------------------ */

static int valid_xlate(const struct vasinfo_xlate *x, uint64_t want)
{
	if (x->vaddr != want || x->state > VASINFO_STATE_BAD)
		return 0;
	if (x->mapped && (x->vma_start > want || x->vma_end <= want))
		return 0;
	if (x->state == VASINFO_STATE_PRESENT &&
	    x->page_size != PG && x->page_size != PMD_SZ && x->page_size != PUD_SZ)
		return 0;
	return x->leaf < VASINFO_LEVELS;
}

static void check(int err, const char *what, pid_t pid)
{
	__atomic_add_fetch(&b->queries, 1, __ATOMIC_RELAXED);
	if (err == 0)
		__atomic_add_fetch(&b->ok, 1, __ATOMIC_RELAXED);
	else if (err == -ESRCH)
		__atomic_add_fetch(&b->esrch, 1, __ATOMIC_RELAXED);
	else
		fail("%s of pid %d: %s", what, (int)pid, strerror(-err));
}

static void query(int fd, pid_t pid, unsigned int *seed)
{
	static uint64_t addrs[256];
	static struct vasinfo_xlate res[256];
	static char rep[1 << 18];

	switch (rand_r(seed) % 4) {
	case 0: {
		struct vasinfo_run *r = NULL;
		struct vi_range_totals t;
		uint64_t s = AREA + (rand_r(seed) % AREA_PAGES) * PG;
		ssize_t n = vi_range(fd, pid, s, s + 128 * PG, &r, &t);
		uint64_t at = s;

		for (ssize_t i = 0; i < n; i++) {
			if (r[i].vaddr != at || !r[i].pages)
				fail("RANGE of pid %d: run %zd at %#llx, expected %#llx", (int)pid,
				     i, (unsigned long long)r[i].vaddr, (unsigned long long)at);
			at += r[i].pages * PG;
		}
		if (n >= 0 && at != s + 128 * PG)
			fail("RANGE of pid %d: runs end at %#llx", (int)pid, (unsigned long long)at);
		free(r);
		check(n < 0 ? (int)n : 0, "RANGE", pid);
		break;
	}
	case 1: {
		int n = 1 + (int)(rand_r(seed) % 256), err;

		for (int i = 0; i < n; i++)
			addrs[i] = AREA + (rand_r(seed) % AREA_PAGES) * PG + (rand_r(seed) % PG);
		err = vi_translate(fd, pid, addrs, (size_t)n, res);
		for (int i = 0; !err && i < n; i++)
			if (!valid_xlate(&res[i], addrs[i]))
				fail("TRANSLATE of pid %d: bad answer for %#llx (state %u)", (int)pid,
				     (unsigned long long)addrs[i], res[i].state);
		check(err, "TRANSLATE", pid);
		break;
	}
	case 2: {
		struct vasinfo_vma *v = NULL;
		ssize_t n = vi_vmas(fd, pid, &v);

		for (ssize_t i = 0; i < n; i++)
			if (v[i].start >= v[i].end || (i && v[i].start < v[i - 1].end))
				fail("VMAS of pid %d: entry %zd out of order", (int)pid, i);
		free(v);
		check(n < 0 ? (int)n : 0, "VMAS", pid);
		break;
	}
	case 3: {
		int err = select_pid(fd, pid);
		ssize_t n = 0;

		if (!err) {
			lseek(fd, 0, SEEK_SET);
			n = read_fd_all(fd, rep, sizeof(rep), 1 + rand_r(seed) % 8192);
			if (n < 0)
				err = (int)n;
		}
		if (!err) {
			/* Every region line: a range, then permissions. */
			for (char *l = strtok(rep, "\n"); l; l = strtok(NULL, "\n")) {
				unsigned long s, e;
				char perm[5];

				if (strchr(l, '-') && strchr(l, '-') < strchr(l, ' ') &&
				    (sscanf(l, "%lx-%lx %4s", &s, &e, perm) != 3 || s >= e))
					fail("text of pid %d: bad line '%.60s'", (int)pid, l);
			}
		}
		check(err, "text", pid);
		break;
	}
	}
}

static void querier(int id)
{
	unsigned int seed = 100 + (unsigned int)id;
	int fd = open(DEV, O_RDWR);

	if (fd < 0) {
		fail("querier %d: open: %s", id, strerror(errno));
		return;
	}
	while (!b->stop) {
		/* Queriers 0-1 stay on one target; the others go round them all. */
		int k = id < 2 ? id : (int)(rand_r(&seed) % NKINDS);
		pid_t pid = b->pid[k];

		if (pid > 0)
			query(fd, pid, &seed);
	}
	close(fd);
}

/* ---- unloading while in use ------------------------------------------------- */

static long unload_refused, unload_other;
static int unload_errno;

static void *unloader(void *arg)
{
	(void)arg;
	while (!b->stop) {
		if (syscall(SYS_delete_module, "vasinfo", O_NONBLOCK) == 0) {
			unload_other++;
			break;
		}
		if (errno == EWOULDBLOCK || errno == EBUSY) {
			unload_refused++;
		} else {
			unload_errno = errno;
			unload_other++;
		}
		usleep(5000);
	}
	return NULL;
}

/* ---- the run --------------------------------------------------------------- */

static pid_t start(void (*fn)(void))
{
	pid_t pid = fork();

	if (pid == 0) {
		fn();
		_exit(0);
	}
	return pid;
}

int main(int argc, char **argv)
{
	pid_t kids[NKINDS + NQUERIERS];
	int nk = 0, memfd, hold;
	pthread_t th;
	double t0;
	char fdpath[32];

	if (argc > 1 && !strcmp(argv[1], "--reexec"))
		return reexec(argv);
	for (int i = 1; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--user"))
			drop_to((uid_t)atoi(argv[i + 1]));
		else if (!strcmp(argv[i], "--seconds"))
			seconds = atof(argv[i + 1]);
	}
	ktap_header(getuid() ? "vasinfo-races-user" : "vasinfo-races");
	ktap_plan(5);
	/* The board lives in a memfd so the exec'ing target can map it again. */
	memfd = memfd_create("race-board", 0);
	if (memfd < 0 || ftruncate(memfd, sizeof(*b)))
		return 2;
	b = mmap(NULL, sizeof(*b), PROT_READ | PROT_WRITE, MAP_SHARED, memfd, 0);
	if (b == MAP_FAILED)
		return 2;
	kernel_log_mark();

	kids[nk++] = b->pid[K_MAPS] = start(mutate_maps);
	kids[nk++] = b->pid[K_SWAP] = start(mutate_swap);
	kids[nk] = fork();
	if (kids[nk] == 0) {
		dup2(memfd, 3);
		snprintf(fdpath, sizeof(fdpath), "%d", 3);
		execl("/proc/self/exe", "t_race", "--reexec", fdpath, (char *)NULL);
		_exit(1);
	}
	b->pid[K_EXEC] = kids[nk++];
	kids[nk++] = start(mutate_exit);
	for (int q = 0; q < NQUERIERS; q++) {
		kids[nk] = fork();
		if (kids[nk] == 0) {
			querier(q);
			_exit(0);
		}
		nk++;
	}
	/* Our own descriptor: the module is in use before the unloader starts. */
	hold = open(DEV, O_RDWR);
	if (!getuid() && hold >= 0)
		pthread_create(&th, NULL, unloader, NULL);
	t0 = now();
	while (now() - t0 < seconds)
		usleep(50000);
	b->stop = 1;
	if (!getuid() && hold >= 0)
		pthread_join(th, NULL);
	for (int i = 0; i < nk; i++) {
		if (i == K_EXEC)
			kill(kids[i], SIGKILL);
		waitpid(kids[i], NULL, 0);
	}

	diag("%.1f s: mutations maps %ld, swap %ld, exec %ld, exit %ld", seconds,
	     b->mutations[K_MAPS], b->mutations[K_SWAP], b->mutations[K_EXEC],
	     b->mutations[K_EXIT]);
	ktap_ok(!b->bad && b->queries > 0,
		"%d queriers, %ld queries against 4 self-mutating targets: %ld answered, "
		"%ld ESRCH, %ld wrong%s%s", NQUERIERS, b->queries, b->ok, b->esrch, b->bad,
		b->why[0] ? ": " : "", b->why);
	ktap_ok(b->mutations[K_MAPS] > 0 && b->mutations[K_SWAP] > 0 &&
		b->mutations[K_EXEC] > 1 && b->mutations[K_EXIT] > 1,
		"every target kept changing (%ld mmap-family calls, %ld pageouts, %ld execs, %ld exits)",
		b->mutations[K_MAPS], b->mutations[K_SWAP], b->mutations[K_EXEC],
		b->mutations[K_EXIT]);
	if (!getuid())
		ktap_ok(unload_refused > 0 && !unload_other,
			"rmmod while descriptors are open: refused %ld times (EWOULDBLOCK), never unloaded%s%s",
			unload_refused, unload_errno ? ", other errno: " : "",
			unload_errno ? strerror(unload_errno) : "");
	else
		ktap_ok(syscall(SYS_delete_module, "vasinfo", O_NONBLOCK) < 0 && errno == EPERM,
			"rmmod as a user: EPERM");
	{
		int fd = hold;
		struct vasinfo_version v;

		ktap_ok(fd >= 0 && vi_version(fd, &v) == 0 && v.abi_major == VASINFO_ABI_MAJOR,
			"the module still answers after the storm");
		if (fd >= 0)
			close(fd);
	}
	long news = kernel_log_news();

	ktap_ok(news == 0 || (news < 0 && getuid() != 0),
		"the kernel log has no new line about vasinfo, BUG, WARNING or KASAN%s",
		news < 0 ? " (unreadable to this user; the root run checks)" : "");
	return ktap_finish();
}
