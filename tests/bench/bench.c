// SPDX-License-Identifier: MIT
/*
 * make bench, inside the VM: vasinfo against the kernel's own interfaces
 * for the same work, in the same run. Each row is the median of REPS
 * timed repetitions (min and max beside it); the ratio is vasinfo's
 * throughput over the kernel's (higher is better), or for latency rows
 * vasinfo's time over the kernel's (lower is better). Figures only: no
 * row passes or fails anything.
 *
 *   bench [MIB [MAXMIB [ROW [WARMUPS]]]]
 *       MIB: size of the regions of the main rows (default 256);
 *       MAXMIB: the largest size of the scaling rows (16 MiB, x2, ...,
 *       MAXMIB; default MIB), in regions of their own; ROW: only the
 *       rows (and sections) whose name contains it; WARMUPS: untimed
 *       calls of each side before the timed ones (default 1; many under
 *       perf, for a profile of the row rather than of the setup)
 *
 * Sections after the main rows: scaling (RANGE against pagemap and
 * PAGEMAP_SCAN from 16 MiB to MAXMIB, 4 KiB pages and THPs), kernel
 * memory per call (/proc/meminfo's Slab, SUnreclaim and MemFree before,
 * during and after many calls of small and large requests), and the
 * effect on a target (the latency of a child's mmap and munmap while it
 * is scanned by RANGE, by pagemap, by PAGEMAP_SCAN, and by nothing).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/capability.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <spawn.h>
#include <time.h>
#include <unistd.h>

#include <vasinfo.h>

#define REPS 9
#define RUNS_MAX 4096

/* PAGEMAP_SCAN (6.7+), declared here so the bench builds on any libc. */
struct bench_page_region {
	uint64_t start, end, categories;
};

struct bench_pm_scan_arg {
	uint64_t size, flags, start, end, walk_end, vec, vec_len, max_pages;
	uint64_t category_inverted, category_mask, category_anyof_mask;
	uint64_t return_mask;
};

#define BENCH_PAGEMAP_SCAN _IOWR('f', 16, struct bench_pm_scan_arg)
#define BENCH_PAGE_IS_PRESENT (1 << 1)
#define BENCH_PAGE_IS_SWAPPED (1 << 2)
#define BENCH_PAGE_IS_HUGE (1 << 6)

/* PROCMAP_QUERY (6.11+, an ioctl on /proc/PID/maps), likewise. */
struct bench_procmap_query {
	uint64_t size, query_flags, query_addr, vma_start, vma_end, vma_flags;
	uint64_t vma_page_size, vma_offset, inode;
	uint32_t dev_major, dev_minor, vma_name_size, build_id_size;
	uint64_t vma_name_addr, build_id_addr;
};

#define BENCH_PROCMAP_QUERY _IOWR('f', 17, struct bench_procmap_query)
#define BENCH_PROCMAP_QUERY_COVERING_OR_NEXT_VMA 0x10

extern char **environ;
static int dev, pagemap, maps;
static const char *only;
static long page_size;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

struct stat3 {
	double med, min, max;
};

/*
 * Untimed calls before each side's timed ones: make bench-profile asks
 * for many, so that perf's samples are the row's and not the setup's.
 */
static int warmups = 1;

/* Time @fn(@arg) REPS times (after the warm-ups): seconds per call. */
static struct stat3 measure(int (*fn)(void *), void *arg)
{
	double t[REPS], t0;
	struct stat3 s;

	for (int i = 0; i < warmups; i++)
		if (fn(arg))
			return (struct stat3){ -1, -1, -1 };
	for (int i = 0; i < REPS; i++) {
		t0 = now();
		if (fn(arg))
			return (struct stat3){ -1, -1, -1 };
		t[i] = now() - t0;
	}
	qsort(t, REPS, sizeof(t[0]), cmp_double);
	s.med = t[REPS / 2];
	s.min = t[0];
	s.max = t[REPS - 1];
	return s;
}

/* What is scanned: a range of this process (pid 0) or of another. */
struct region {
	char *base;
	size_t len;
	pid_t pid;
	int pagemap;	/* that process's /proc/PID/pagemap */
};

/*
 * A request with a resumable cursor (RANGE, VMAS, COUNTS), called until
 * it says done: @count and @done are fields of @req, @room what each call
 * may write.
 */
static int until_done(unsigned long cmd, void *req, uint32_t *count,
		      uint32_t room, const uint32_t *done)
{
	do {
		*count = room;
		if (ioctl(dev, cmd, req))
			return -1;
	} while (!*done);
	return 0;
}

/* Runs the last range_with() got, and the 4 KiB region's, frames shown. */
static size_t range_runs, runs_shown;

static int range_with(void *p, uint32_t flags)
{
	static struct vasinfo_run runs[RUNS_MAX];
	struct region *r = p;
	struct vasinfo_range req = {
		.size = sizeof(req),
		.flags = flags,
		.pid = r->pid,
		.start = (uintptr_t)r->base,
		.end = (uintptr_t)r->base + r->len,
		.runs = (uintptr_t)runs,
		.run_size = sizeof(runs[0]),
	};

	range_runs = 0;
	do {
		req.count = RUNS_MAX;
		if (ioctl(dev, VASINFO_IOC_RANGE, &req))
			return -1;
		range_runs += req.count;
	} while (!req.done);
	return 0;
}

static int do_range(void *p)
{
	return range_with(p, 0);
}

static int do_range_lean(void *p)
{
	return range_with(p, VASINFO_RANGE_NO_FACTS);
}

static int do_pagemap(void *p)
{
	static uint64_t buf[64 * 1024];
	struct region *r = p;
	size_t pages = r->len / page_size, done = 0;
	off_t off = (uintptr_t)r->base / page_size * 8;

	while (done < pages) {
		size_t n = pages - done < 64 * 1024 ? pages - done : 64 * 1024;

		if (pread(r->pagemap, buf, n * 8, off + done * 8) !=
		    (ssize_t)(n * 8))
			return -1;
		done += n;
	}
	return 0;
}

static int do_scan(void *p)
{
	static struct bench_page_region vec[RUNS_MAX];
	struct region *r = p;
	struct bench_pm_scan_arg a = {
		.size = sizeof(a),
		.start = (uintptr_t)r->base,
		.end = (uintptr_t)r->base + r->len,
		.vec = (uintptr_t)vec,
		.vec_len = RUNS_MAX,
		.category_anyof_mask = BENCH_PAGE_IS_PRESENT | BENCH_PAGE_IS_SWAPPED,
		.return_mask = BENCH_PAGE_IS_PRESENT | BENCH_PAGE_IS_SWAPPED |
			       BENCH_PAGE_IS_HUGE,
	};

	do {
		if (ioctl(r->pagemap, BENCH_PAGEMAP_SCAN, &a) < 0)
			return -1;
		a.start = a.walk_end;
	} while (a.walk_end < a.end);
	return 0;
}

struct batch {
	struct region *r;
	uint64_t *addrs;
	struct vasinfo_xlate *out;
	int copy; /* a memory file of an answer's size a page, for do_copyout */
};

static int do_translate(void *p)
{
	struct batch *b = p;
	size_t pages = b->r->len / page_size;

	for (size_t done = 0; done < pages; done += VASINFO_MAX_BATCH) {
		struct vasinfo_translate t = {
			.size = sizeof(t),
			.count = pages - done < VASINFO_MAX_BATCH ?
					 pages - done :
					 VASINFO_MAX_BATCH,
			.addrs = (uintptr_t)(b->addrs + done),
			.results = (uintptr_t)b->out,
			.result_size = sizeof(*b->out),
		};

		if (ioctl(dev, VASINFO_IOC_TRANSLATE, &t))
			return -1;
	}
	return 0;
}

/* @len bytes of @fd written from @buf (@size bytes), so all are in memory. */
static int fill_file(int fd, void *buf, size_t size, size_t len)
{
	memset(buf, 0x5a, size);
	for (size_t off = 0; off < len; off += size) {
		size_t n = len - off < size ? len - off : size;

		if (pwrite(fd, buf, n, off) != (ssize_t)n)
			return -1;
	}
	return 0;
}

/*
 * The ceiling of TRANSLATE batches: only moving each page's answer
 * (sizeof(struct vasinfo_xlate) bytes, against pagemap's 8) from the
 * kernel to the caller, in the same calls' sizes: a read of that many bytes
 * a page from a memory file (b->copy), which the kernel copies out of its
 * page cache with no other work.
 */
static int do_copyout(void *p)
{
	struct batch *b = p;
	size_t pages = b->r->len / page_size;

	for (size_t done = 0; done < pages; done += VASINFO_MAX_BATCH) {
		size_t n = pages - done < VASINFO_MAX_BATCH ? pages - done :
							       VASINFO_MAX_BATCH;
		ssize_t len = (ssize_t)(n * sizeof(*b->out));

		if (pread(b->copy, b->out, len, done * sizeof(*b->out)) != len)
			return -1;
	}
	return 0;
}

#define LAT_LOOPS 20000

static int do_one_translate(void *p)
{
	struct batch *b = p;
	struct vasinfo_translate t = {
		.size = sizeof(t),
		.count = 1,
		.addrs = (uintptr_t)b->addrs,
		.results = (uintptr_t)b->out,
		.result_size = sizeof(*b->out),
	};

	for (int i = 0; i < LAT_LOOPS; i++)
		if (ioctl(dev, VASINFO_IOC_TRANSLATE, &t))
			return -1;
	return 0;
}

static int do_one_pread(void *p)
{
	struct batch *b = p;
	off_t off = b->addrs[0] / page_size * 8;
	uint64_t e;

	for (int i = 0; i < LAT_LOOPS; i++)
		if (pread(b->r->pagemap, &e, 8, off) != 8)
			return -1;
	return 0;
}

static int do_vmas(void *p)
{
	static struct vasinfo_vma v[256];
	struct vasinfo_vmas req = {
		.size = sizeof(req),
		.vmas = (uintptr_t)v,
		.vma_size = sizeof(v[0]),
	};

	(void)p;
	return until_done(VASINFO_IOC_VMAS, &req, &req.count, 256, &req.done);
}

/* The same from PROCMAP_QUERY: one VMA per call, its name included. */
static int do_procmap_query(void *p)
{
	static char name[VASINFO_NAME_MAX];
	uint64_t addr = 0;

	(void)p;
	for (;;) {
		struct bench_procmap_query q = {
			.size = sizeof(q),
			.query_flags = BENCH_PROCMAP_QUERY_COVERING_OR_NEXT_VMA,
			.query_addr = addr,
			.vma_name_size = sizeof(name),
			.vma_name_addr = (uintptr_t)name,
		};

		if (ioctl(maps, BENCH_PROCMAP_QUERY, &q))
			return errno == ENOENT && addr ? 0 : -1;
		addr = q.vma_end;
	}
}

/*
 * Read all of @path into @buf (NUL-terminated): a read of a seq_file
 * returns at most one buffer (a page), so loop. The length, or -1.
 */
static ssize_t slurp(const char *path, char *buf, size_t size)
{
	ssize_t len = 0, got;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return -1;
	while ((got = read(fd, buf + len, size - 1 - len)) > 0)
		len += got;
	close(fd);
	if (len <= 0)
		return -1;
	buf[len] = '\0';
	return len;
}

static int do_maps(void *p)
{
	static char buf[1 << 20];
	unsigned long start, end, off, ino;
	char perms[5], *line, *save;
	unsigned int maj, min;
	int n = 0;

	(void)p;
	if (slurp("/proc/self/maps", buf, sizeof(buf)) < 0)
		return -1;
	for (line = strtok_r(buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save))
		n += sscanf(line, "%lx-%lx %4s %lx %x:%x %lu", &start, &end,
			    perms, &off, &maj, &min, &ino) == 7;
	return n ? 0 : -1;
}

/* Read a whole file, as cat does. */
/* Bytes of the last read_whole() of each file: the text rows' work. */
static ssize_t read_bytes;

static int read_whole(const char *path)
{
	static char buf[64 * 1024];
	ssize_t got, total = 0;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return -1;
	while ((got = read(fd, buf, sizeof(buf))) > 0)
		total += got;
	close(fd);
	read_bytes = total;
	return total > 0 ? 0 : -1;
}

static int do_report(void *p)
{
	(void)p;
	return read_whole("/dev/vasinfo");
}

static int do_maps_text(void *p)
{
	(void)p;
	return read_whole("/proc/self/maps");
}

/* Every region's counts, as maps --counts needs them: one COUNTS walk. */
static int do_counts(void *p)
{
	static struct vasinfo_vma_counts c[4096];
	struct vasinfo_counts req = {
		.size = sizeof(req),
		.start = 0,
		.end = *(uint64_t *)p,
		.counts = (uintptr_t)c,
		.counts_size = sizeof(c[0]),
	};

	return until_done(VASINFO_IOC_COUNTS, &req, &req.count, 4096,
			  &req.done);
}

/* The same from smaps: read it all, and take every VMA's numbers. */
static int do_smaps(void *p)
{
	static char buf[8 << 20];
	unsigned long long start, end, v, rss = 0;
	char *line, *save, key[32];
	int n = 0;

	(void)p;
	if (slurp("/proc/self/smaps", buf, sizeof(buf)) < 0)
		return -1;
	for (line = strtok_r(buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		if (sscanf(line, "%31[^:]: %llu kB", key, &v) == 2)
			rss += !strcmp(key, "Rss") ? v : 0;
		else
			n += sscanf(line, "%llx-%llx", &start, &end) == 2;
	}
	return n && rss ? 0 : -1;
}

/*
 * Run a program with its output to /dev/null, and wait for it. posix_spawn
 * (vfork-like in glibc): the bench's large address space is not copied,
 * so what is timed is the program.
 */
static int run_quiet(char *const argv[])
{
	posix_spawn_file_actions_t fa;
	pid_t pid;
	int st, err;

	if (posix_spawn_file_actions_init(&fa) ||
	    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0))
		return -1;
	err = posix_spawn(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (err || waitpid(pid, &st, 0) != pid)
		return -1;
	return WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : -1;
}

static char self_pid[16], self_smaps[64];

static int do_maps_counts_cmd(void *p)
{
	char *argv[] = { "/bin/vasinfo", "maps", "--counts", self_pid, NULL };

	(void)p;
	return run_quiet(argv);
}

static int do_cat_smaps(void *p)
{
	char *argv[] = { "/bin/cat", self_smaps, NULL };

	(void)p;
	return run_quiet(argv);
}

static int wanted(const char *name)
{
	return !only || strstr(name, only);
}

/* A section (kmem, scale, target) runs unless ROW names another. */
static int section(const char *key)
{
	return !only || !strncmp(only, key, strlen(key)) || strstr(key, only);
}

/*
 * One row: vasinfo's side (@vfn) and the kernel's (@kfn) for the same
 * @work, each measured, then printed with the ratio. The kernel's side
 * goes first: where the kernel lacks the interface, the row says so and
 * vasinfo's side is not run for nothing. Return: the kernel's time over
 * vasinfo's (higher is better), 0 if either side was not measured.
 */
static double pair(const char *name, const char *unit, double work,
		   int (*vfn)(void *), void *varg, int (*kfn)(void *),
		   void *karg, const char *kname, int latency)
{
	struct stat3 v, k;

	if (!wanted(name))
		return 0;
	k = measure(kfn, karg);
	if (k.med < 0) {
		printf("%-44s %s: not measured (the kernel lacks it)\n", name,
		       kname);
		return 0;
	}
	v = measure(vfn, varg);
	if (v.med < 0)
		printf("%-44s %s: not measured (vasinfo failed)\n", name,
		       kname);
	else if (latency)
		printf("%-44s vasinfo %8.2f us [%.2f-%.2f]  %s %8.2f us  ratio %.2f (lower is better)\n",
		       name, v.med / work * 1e6, v.min / work * 1e6,
		       v.max / work * 1e6, kname, k.med / work * 1e6,
		       v.med / k.med);
	else
		printf("%-44s vasinfo %10.0f %s [%.0f-%.0f]  %s %10.0f  ratio %.3f\n",
		       name, work / v.med, unit, work / v.max, work / v.min,
		       kname, work / k.med, k.med / v.med);
	fflush(stdout);
	return v.med > 0 ? k.med / v.med : 0;
}

static char *map_touched(size_t len, int advice)
{
	size_t align = 2UL << 20;
	char *p = mmap(NULL, len + align, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return NULL;
	p = (char *)(((uintptr_t)p + align - 1) & ~(align - 1));
	madvise(p, len, advice);
	/* The target's fork (below) must not copy gigabytes of tables. */
	madvise(p, len, MADV_DONTFORK);
	for (size_t i = 0; i < len; i += page_size)
		p[i] = 1;
	return p;
}

/* @mib of touched 4 KiB pages and @mib of THPs, in this process. */
static int map_regions(struct region *small, struct region *thp, size_t mib)
{
	*small = *thp = (struct region){ .len = mib << 20, .pagemap = pagemap };
	small->base = map_touched(small->len, MADV_NOHUGEPAGE);
	thp->base = map_touched(thp->len, MADV_HUGEPAGE);
	if (small->base && thp->base)
		return 0;
	perror("bench: mmap");
	return -1;
}

/*
 * Scaling: RANGE against pagemap and PAGEMAP_SCAN over the first 16 MiB,
 * 32 MiB, ... @maxmib of two regions of @maxmib (4 KiB pages, THPs) of
 * their own, so that pages/s can be seen to stay flat
 * (tests/bench/plot.sh draws these rows).
 */
static void scaling(size_t maxmib)
{
	struct region small, thp;
	const struct region *from[] = { &small, &thp };
	const char *kind[] = { "4 KiB", "THP" };

	if (map_regions(&small, &thp, maxmib))
		return;
	printf("# scaling: RANGE over the first N MiB of a %zu MiB region, pages/s\n",
	       maxmib);
	for (int t = 0; t < 2; t++)
		for (size_t mib = 16; mib <= maxmib; mib *= 2) {
			struct region r = *from[t];
			double n = (double)(mib << 20) / page_size;
			char name[64];

			r.len = mib << 20;
			snprintf(name, sizeof(name), "scale %s %zu MiB vs pagemap",
				 kind[t], mib);
			pair(name, "pages/s", n, do_range, &r, do_pagemap, &r,
			     "pagemap", 0);
			/* Frames out of order make a run a page: 64 bytes each. */
			if (t == 0 && wanted(name) && range_with(&r, 0) == 0)
				printf("#   %zu runs over those %.0f pages, frames shown\n",
				       range_runs, n);
			snprintf(name, sizeof(name),
				 "scale %s %zu MiB vs PAGEMAP_SCAN", kind[t], mib);
			pair(name, "pages/s", n, do_range, &r, do_scan, &r,
			     "PAGEMAP_SCAN", 0);
		}
	munmap(small.base, small.len);
	munmap(thp.base, thp.len);
}

/* ---- kernel memory per call: /proc/meminfo around many calls ---- */

struct meminfo {
	long slab, sunreclaim, memfree;	/* kB */
};

static int stat_refresh_failed;

static int read_meminfo(struct meminfo *m)
{
	char buf[8192], *l;
	int fd = open("/proc/sys/vm/stat_refresh", O_WRONLY);

	/*
	 * /proc/meminfo's counters lag by each CPU's unfolded share (up to
	 * about a MiB on two CPUs): fold them first, as root may.
	 */
	if (fd >= 0) {
		if (write(fd, "1", 1) < 0)
			stat_refresh_failed = 1;
		close(fd);
	}
	if (slurp("/proc/meminfo", buf, sizeof(buf)) < 0)
		return -1;
	*m = (struct meminfo){ -1, -1, -1 };
	for (l = buf; l; l = strchr(l, '\n'), l = l ? l + 1 : NULL) {
		sscanf(l, "Slab: %ld", &m->slab);
		sscanf(l, "SUnreclaim: %ld", &m->sunreclaim);
		sscanf(l, "MemFree: %ld", &m->memfree);
	}
	return m->slab < 0 || m->sunreclaim < 0 || m->memfree < 0 ? -1 : 0;
}

/* Highest Slab and SUnreclaim, lowest MemFree, while @run is set. */
static struct {
	atomic_int run;
	struct meminfo peak;
} sampler;

static void *sample(void *p)
{
	struct meminfo m;

	(void)p;
	while (atomic_load(&sampler.run)) {
		if (read_meminfo(&m))
			continue;
		if (m.slab > sampler.peak.slab)
			sampler.peak.slab = m.slab;
		if (m.sunreclaim > sampler.peak.sunreclaim)
			sampler.peak.sunreclaim = m.sunreclaim;
		if (m.memfree < sampler.peak.memfree)
			sampler.peak.memfree = m.memfree;
	}
	return NULL;
}

static int do_idle(void *p)
{
	(void)p;
	return usleep(100 * 1000);
}

/*
 * @reps runs of @fn (each @calls requests) with a thread sampling
 * /proc/meminfo: the growth after them (memory kept) and the highest
 * growth seen during them (memory held while a call runs), in kB.
 */
static void kmem_row(const char *name, long calls, int (*fn)(void *),
		     void *arg, int reps)
{
	struct meminfo before, after;
	pthread_t th;
	int err = 0;

	if (!wanted(name))
		return;
	if (read_meminfo(&before)) {
		printf("%-44s not measured (no /proc/meminfo)\n", name);
		return;
	}
	sampler.peak = before;
	atomic_store(&sampler.run, 1);
	if (pthread_create(&th, NULL, sample, NULL))
		return;
	for (int i = 0; i < reps && !err; i++)
		err = fn(arg);
	atomic_store(&sampler.run, 0);
	pthread_join(th, NULL);
	if (err || read_meminfo(&after)) {
		printf("%-44s not measured (the calls failed)\n", name);
		return;
	}
	printf("%-44s %7ld calls  Slab %+5ld kB after %+5ld peak  SUnreclaim %+5ld after %+5ld peak  MemFree %+6ld after %+6ld low\n",
	       name, calls * reps, after.slab - before.slab,
	       sampler.peak.slab - before.slab,
	       after.sunreclaim - before.sunreclaim,
	       sampler.peak.sunreclaim - before.sunreclaim,
	       after.memfree - before.memfree,
	       sampler.peak.memfree - before.memfree);
	fflush(stdout);
}

/* ---- the effect on a target: its mmap/munmap latency while scanned ---- */

#define TARGET_MAX (1 << 18)	/* latencies kept per run */
#define TARGET_SECONDS 1.0
#define TARGET_ROUNDS 3
#define TARGET_PAGES 16		/* mapped, touched, unmapped per loop */

static struct target {
	atomic_int ready, go, stop;
	uintptr_t base;
	size_t n;
	double lat[TARGET_MAX];	/* seconds, mmap and munmap alike */
} *tgt;

/* The child: @len of touched 4 KiB pages, then mmap, touch, munmap. */
static void target_child(size_t len)
{
	char *base = map_touched(len, MADV_NOHUGEPAGE);

	if (!base)
		_exit(1);
	tgt->base = (uintptr_t)base;
	atomic_store(&tgt->ready, 1);
	while (!atomic_load(&tgt->go))
		usleep(100);
	while (!atomic_load(&tgt->stop) && tgt->n + 2 <= TARGET_MAX) {
		double t0 = now(), t1;
		char *p = mmap(NULL, TARGET_PAGES * page_size,
			       PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		t1 = now();
		if (p == MAP_FAILED)
			_exit(1);
		tgt->lat[tgt->n++] = t1 - t0;
		for (int i = 0; i < TARGET_PAGES; i++)
			p[i * page_size] = 1;
		t0 = now();
		if (munmap(p, TARGET_PAGES * page_size))
			_exit(1);
		tgt->lat[tgt->n++] = now() - t0;
	}
	_exit(0);
}

struct tail {
	double p50, p99, max, scans;	/* seconds; scans per second */
	char why[80];			/* when not measured */
};

/*
 * One run: a fresh target of @len, scanned by @scan (NULL: nothing)
 * over all its pages for TARGET_SECONDS. -1 when the scanner fails
 * (PAGEMAP_SCAN where the kernel lacks it) or the target does.
 */
static int target_run(int (*scan)(void *), size_t len, struct tail *out)
{
	struct region r = { .len = len };
	char path[64];
	long scans = 0;
	double t0, end;
	int st = 0, err = 0;

	tgt->n = 0;
	atomic_store(&tgt->ready, 0);
	atomic_store(&tgt->go, 0);
	atomic_store(&tgt->stop, 0);
	snprintf(out->why, sizeof(out->why), "the target did not start");
	fflush(stdout);
	r.pid = fork();
	if (r.pid < 0)
		return -1;
	if (r.pid == 0)
		target_child(len);
	while (!atomic_load(&tgt->ready)) {
		if (waitpid(r.pid, &st, WNOHANG) == r.pid)
			return -1;
		usleep(1000);
	}
	r.base = (char *)tgt->base;
	snprintf(path, sizeof(path), "/proc/%d/pagemap", (int)r.pid);
	r.pagemap = open(path, O_RDONLY);
	atomic_store(&tgt->go, 1);
	t0 = now();
	end = t0 + TARGET_SECONDS;
	while (!err && now() < end) {
		err = scan ? scan(&r) : usleep(1000);
		scans++;
	}
	if (err)
		snprintf(out->why, sizeof(out->why), "the scan failed: %s",
			 strerror(errno));
	atomic_store(&tgt->stop, 1);
	if ((waitpid(r.pid, &st, 0) != r.pid || !WIFEXITED(st) ||
	     WEXITSTATUS(st) || tgt->n < 100) && !err) {
		snprintf(out->why, sizeof(out->why),
			 "the target failed (status %#x, %zu operations)", st,
			 tgt->n);
		err = -1;
	}
	if (r.pagemap >= 0)
		close(r.pagemap);
	if (err)
		return -1;
	qsort(tgt->lat, tgt->n, sizeof(tgt->lat[0]), cmp_double);
	out->p50 = tgt->lat[tgt->n / 2];
	out->p99 = tgt->lat[tgt->n * 99 / 100];
	out->max = tgt->lat[tgt->n - 1];
	out->scans = scan ? scans / (now() - t0) : 0;
	return 0;
}

static void sort_rounds(double *v)
{
	qsort(v, TARGET_ROUNDS, sizeof(v[0]), cmp_double);
}

static void target_effect(size_t len)
{
	static const struct {
		const char *name;
		int (*scan)(void *);
	} by[] = {
		{ "nothing", NULL },
		{ "vasinfo RANGE", do_range },
		{ "pagemap", do_pagemap },
		{ "PAGEMAP_SCAN", do_scan },
	};
	enum { N = sizeof(by) / sizeof(by[0]) };
	double p50[N][TARGET_ROUNDS], p99[N][TARGET_ROUNDS],
		max[N][TARGET_ROUNDS], scans[N][TARGET_ROUNDS];
	int ok[N];
	char why[N][80];

	tgt = mmap(NULL, sizeof(*tgt), PROT_READ | PROT_WRITE,
		   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (tgt == MAP_FAILED)
		return;
	printf("# effect on the target: a child's mmap and munmap latency (%d pages mapped, touched, unmapped in a loop; %zu MiB of its 4 KiB pages resident) while scanned continuously for %.0f s; %d rounds: median [min-max]\n",
	       TARGET_PAGES, len >> 20, TARGET_SECONDS, TARGET_ROUNDS);
	for (int i = 0; i < N; i++)
		ok[i] = 1;
	/* Rounds interleave the scanners, so that a noisy moment spreads. */
	for (int round = 0; round < TARGET_ROUNDS; round++)
		for (int i = 0; i < N; i++) {
			struct tail t;

			if (!ok[i])
				continue;
			if (target_run(by[i].scan, len, &t)) {
				ok[i] = 0;
				memcpy(why[i], t.why, sizeof(why[i]));
				continue;
			}
			p50[i][round] = t.p50;
			p99[i][round] = t.p99;
			max[i][round] = t.max;
			scans[i][round] = t.scans;
		}
	enum { MID = TARGET_ROUNDS / 2, LAST = TARGET_ROUNDS - 1 };
	for (int i = 0; i < N; i++) {
		if (!ok[i]) {
			printf("target, %-36s not measured (%s)\n", by[i].name,
			       why[i]);
			continue;
		}
		sort_rounds(p50[i]);
		sort_rounds(p99[i]);
		sort_rounds(max[i]);
		sort_rounds(scans[i]);
		printf("target, %-36s p50 %6.1f us  p99 %7.1f us [%.1f-%.1f]  worst %8.1f us [%.1f-%.1f]  %5.1f scans/s\n",
		       by[i].name, p50[i][MID] * 1e6, p99[i][MID] * 1e6,
		       p99[i][0] * 1e6, p99[i][LAST] * 1e6, max[i][MID] * 1e6,
		       max[i][0] * 1e6, max[i][LAST] * 1e6, scans[i][MID]);
	}
	for (int i = 2; i < N; i++)
		if (ok[1] && ok[i])
			printf("target while scanned, vasinfo / %-13s p99 ratio %.2f  worst ratio %.2f (lower is better)\n",
			       by[i].name, p99[1][MID] / p99[i][MID],
			       max[1][MID] / max[i][MID]);
	fflush(stdout);
	munmap(tgt, sizeof(*tgt));
}

/*
 * With CAP_SYS_ADMIN out of the effective set (@drop) or back in: what a
 * user without it opens sees no frames, in pagemap as in vasinfo.
 */
static int admin_effective(int drop)
{
	struct __user_cap_header_struct h = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct d[2];

	if (syscall(SYS_capget, &h, d))
		return -1;
	if (drop)
		d[0].effective &= ~(1U << CAP_SYS_ADMIN);
	else
		d[0].effective |= 1U << CAP_SYS_ADMIN;
	return syscall(SYS_capset, &h, d) ? -1 : 0;
}

/*
 * RANGE as most users run it, frames hidden: runs are cut on state and
 * page facts only, not on every frame that does not follow the one
 * before. Both sides opened without CAP_SYS_ADMIN.
 */
static void hidden_frames_rows(struct region *small)
{
	static const char name[] =
		"RANGE 4 KiB pages, frames hidden, vs pagemap";
	int saved_dev = dev, saved_pm = small->pagemap;
	int hdev = -1, hpm = -1;

	if (!wanted(name))
		return;
	if (admin_effective(1) == 0) {
		hdev = open("/dev/vasinfo", O_RDWR);
		hpm = open("/proc/self/pagemap", O_RDONLY);
	}
	admin_effective(0);
	if (hdev < 0 || hpm < 0) {
		printf("%-44s not measured (%s)\n", name, strerror(errno));
	} else {
		dev = hdev;
		small->pagemap = hpm;
		pair(name, "pages/s", (double)(small->len / page_size),
		     do_range, small, do_pagemap, small, "pagemap", 0);
		if (range_with(small, 0) == 0)
			printf("#   the same range in %zu runs (%zu with frames shown)\n",
			       range_runs, runs_shown);
		dev = saved_dev;
		small->pagemap = saved_pm;
	}
	if (hdev >= 0)
		close(hdev);
	if (hpm >= 0)
		close(hpm);
}

int main(int argc, char **argv)
{
	size_t mib = argc > 1 ? strtoul(argv[1], NULL, 0) : 256;
	size_t maxmib = argc > 2 ? strtoul(argv[2], NULL, 0) : mib;
	struct region small, thp, one;
	struct batch b;
	size_t pages;
	double n;

	only = argc > 3 ? argv[3] : NULL;
	if (argc > 4)
		warmups = atoi(argv[4]) > 0 ? atoi(argv[4]) : 1;
	page_size = sysconf(_SC_PAGESIZE);
	if (maxmib < mib)
		maxmib = mib;
	dev = open("/dev/vasinfo", O_RDWR);
	pagemap = open("/proc/self/pagemap", O_RDONLY);
	maps = open("/proc/self/maps", O_RDONLY);
	if (dev < 0 || pagemap < 0 || maps < 0) {
		perror("bench: open");
		return 1;
	}
	if (map_regions(&small, &thp, mib))
		return 1;
	pages = small.len / page_size;
	n = pages;
	printf("# %zu MiB regions, %zu pages each; median of %d [min-max]\n",
	       mib, pages, REPS);

	pair("RANGE 4 KiB pages vs pagemap", "pages/s", n, do_range, &small,
	     do_pagemap, &small, "pagemap", 0);
	pair("RANGE NO_FACTS 4 KiB pages vs pagemap", "pages/s", n,
	     do_range_lean, &small, do_pagemap, &small, "pagemap", 0);
	pair("RANGE NO_FACTS 4 KiB pages vs PAGEMAP_SCAN", "pages/s", n,
	     do_range_lean, &small, do_scan, &small, "PAGEMAP_SCAN", 0);
	pair("RANGE 4 KiB pages vs PAGEMAP_SCAN", "pages/s", n, do_range,
	     &small, do_scan, &small, "PAGEMAP_SCAN", 0);
	if (range_with(&small, 0) == 0)
		runs_shown = range_runs;
	hidden_frames_rows(&small);
	pair("RANGE THP vs pagemap", "pages/s", n, do_range, &thp, do_pagemap,
	     &thp, "pagemap", 0);
	pair("RANGE THP vs PAGEMAP_SCAN", "pages/s", n, do_range, &thp,
	     do_scan, &thp, "PAGEMAP_SCAN", 0);

	b.r = &small;
	b.addrs = malloc(pages * sizeof(*b.addrs));
	b.out = malloc(VASINFO_MAX_BATCH * sizeof(*b.out));
	if (!b.addrs || !b.out)
		return 1;
	for (size_t i = 0; i < pages; i++)
		b.addrs[i] = (uintptr_t)small.base + i * page_size;
	pair("TRANSLATE batches vs pagemap", "pages/s", n, do_translate, &b,
	     do_pagemap, &small, "pagemap", 0);
	b.copy = memfd_create("bench-copyout", 0);
	if (b.copy >= 0 && fill_file(b.copy, b.out,
				     VASINFO_MAX_BATCH * sizeof(*b.out),
				     pages * sizeof(*b.out)) == 0)
		pair("TRANSLATE's copy-out alone vs pagemap", "pages/s", n,
		     do_copyout, &b, do_pagemap, &small, "pagemap", 0);
	else
		printf("%-44s not measured (no memory file: %s)\n",
		       "TRANSLATE's copy-out alone vs pagemap",
		       strerror(errno));
	if (b.copy >= 0)
		close(b.copy);
	pair("one TRANSLATE vs one 8-byte pagemap pread", "", LAT_LOOPS,
	     do_one_translate, &b, do_one_pread, &b, "pread", 1);

	/* 2000 more VMAs: every other page of a region made read-only. */
	{
		char *v = mmap(NULL, 2000 * page_size, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		for (int i = 0; v != MAP_FAILED && i < 2000; i += 2)
			mprotect(v + i * page_size, page_size, PROT_READ);
		pair("VMAS (2000+ VMAs) vs read + parse maps", "calls/s", 1,
		     do_vmas, NULL, do_maps, NULL, "maps", 0);
		pair("VMAS (2000+ VMAs) vs PROCMAP_QUERY", "calls/s", 1,
		     do_vmas, NULL, do_procmap_query, NULL, "PROCMAP_QUERY",
		     0);
		if (wanted("cat /dev/vasinfo")) {
			ssize_t ours = do_report(NULL) ? 0 : read_bytes;
			ssize_t kern = do_maps_text(NULL) ? 0 : read_bytes;
			double r = pair("cat /dev/vasinfo vs cat /proc/self/maps",
					"reads/s", 1, do_report, NULL,
					do_maps_text, NULL, "maps", 0);

			/* The same VMAs in more columns: the rate per byte. */
			if (r > 0 && ours > 0 && kern > 0)
				printf("%-44s vasinfo %10zd bytes a read  maps %10zd  ratio per byte %.3f\n",
				       "  the same, per byte of text", ours,
				       kern, r * ours / kern);
		}
	}

	/* Per-region counts of this whole process (the regions above). */
	{
		struct vasinfo_version ver = { .size = sizeof(ver) };
		uint64_t top;

		if (ioctl(dev, VASINFO_IOC_VERSION, &ver))
			return 1;
		top = (ver.levels == 5 ? 1ULL << 56 : 1ULL << 47) - page_size;
		snprintf(self_pid, sizeof(self_pid), "%d", (int)getpid());
		snprintf(self_smaps, sizeof(self_smaps), "/proc/%d/smaps",
			 (int)getpid());
		pair("COUNTS of every region vs read + parse smaps", "calls/s",
		     1, do_counts, &top, do_smaps, NULL, "smaps", 0);
		pair("vasinfo maps --counts PID vs cat /proc/PID/smaps",
		     "runs/s", 1, do_maps_counts_cmd, NULL, do_cat_smaps, NULL,
		     "cat", 0);

		if (section("kmem")) {
			printf("# kernel memory per call: /proc/meminfo before, during (a sampling thread) and after the calls, kB, each read after /proc/sys/vm/stat_refresh\n");
			one = small;
			one.len = page_size;
			kmem_row("kmem idle (the sampler alone)", 0, do_idle,
				 NULL, 10);
			kmem_row("kmem RANGE of 1 page", 1, do_range, &one,
				 20000);
			kmem_row("kmem RANGE of 256 MiB, 4 KiB pages", 1,
				 do_range, &small, 20);
			kmem_row("kmem TRANSLATE of 1 address", LAT_LOOPS,
				 do_one_translate, &b, 1);
			kmem_row("kmem TRANSLATE of 4096 addresses",
				 (long)(pages / VASINFO_MAX_BATCH),
				 do_translate, &b, 10);
			kmem_row("kmem COUNTS of every region", 1, do_counts,
				 &top, 20);
			kmem_row("kmem VMAS of 2000+ VMAs", 1, do_vmas, NULL,
				 50);
			kmem_row("kmem pagemap pread of 8 bytes", LAT_LOOPS,
				 do_one_pread, &b, 1);
			kmem_row("kmem pagemap pread of 256 MiB", 1,
				 do_pagemap, &small, 20);
			if (stat_refresh_failed)
				printf("# (stat_refresh failed: the figures lag by the CPUs' unfolded counts)\n");
		}
	}

	/* The main rows' regions make room for the scaling rows' own. */
	munmap(small.base, small.len);
	munmap(thp.base, thp.len);
	if (section("scale"))
		scaling(maxmib);
	if (section("target"))
		target_effect(mib << 20);
	return 0;
}
