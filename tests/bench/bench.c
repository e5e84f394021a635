// SPDX-License-Identifier: MIT
/*
 * make bench, inside the VM: vasinfo against the kernel's own interfaces
 * for the same work, in the same run. Each row is the median of REPS
 * timed repetitions (min and max beside it); the ratio is vasinfo's
 * throughput over the kernel's (higher is better), or for latency rows
 * vasinfo's time over the kernel's (lower is better). Figures only: no
 * row passes or fails anything.
 *
 *   bench [MIB [ROW]]   MIB: size of each test region (default 256);
 *                       ROW: only the rows whose name contains it
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
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

extern char **environ;
static int dev, pagemap;
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

/* Time @fn(@arg) REPS times (after one warm-up): seconds per call. */
static struct stat3 measure(int (*fn)(void *), void *arg)
{
	double t[REPS], t0;
	struct stat3 s;

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

struct region {
	char *base;
	size_t len;
};

static int range_with(void *p, uint32_t flags)
{
	static struct vasinfo_run runs[RUNS_MAX];
	struct region *r = p;
	struct vasinfo_range req = {
		.size = sizeof(req),
		.flags = flags,
		.start = (uintptr_t)r->base,
		.end = (uintptr_t)r->base + r->len,
		.runs = (uintptr_t)runs,
		.run_size = sizeof(runs[0]),
	};

	do {
		req.count = RUNS_MAX;
		if (ioctl(dev, VASINFO_IOC_RANGE, &req))
			return -1;
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

		if (pread(pagemap, buf, n * 8, off + done * 8) != (ssize_t)(n * 8))
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
		if (ioctl(pagemap, BENCH_PAGEMAP_SCAN, &a) < 0)
			return -1;
		a.start = a.walk_end;
	} while (a.walk_end < a.end);
	return 0;
}

struct batch {
	struct region *r;
	uint64_t *addrs;
	struct vasinfo_xlate *out;
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
		if (pread(pagemap, &e, 8, off) != 8)
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
	do {
		req.count = 256;
		if (ioctl(dev, VASINFO_IOC_VMAS, &req))
			return -1;
	} while (!req.done);
	return 0;
}

static int do_maps(void *p)
{
	static char buf[1 << 20];
	unsigned long start, end, off, ino;
	char perms[5], *line, *save;
	unsigned int maj, min;
	int fd, n = 0;
	ssize_t len;

	(void)p;
	fd = open("/proc/self/maps", O_RDONLY);
	if (fd < 0)
		return -1;
	/* A read of a seq_file returns at most one buffer (a page): loop. */
	for (len = 0;;) {
		ssize_t got = read(fd, buf + len, sizeof(buf) - 1 - len);

		if (got <= 0)
			break;
		len += got;
	}
	close(fd);
	if (len <= 0)
		return -1;
	buf[len] = '\0';
	for (line = strtok_r(buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save))
		n += sscanf(line, "%lx-%lx %4s %lx %x:%x %lu", &start, &end,
			    perms, &off, &maj, &min, &ino) == 7;
	return n ? 0 : -1;
}

/* Read a whole file, as cat does. */
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

	do {
		req.count = 4096;
		if (ioctl(dev, VASINFO_IOC_COUNTS, &req))
			return -1;
	} while (!req.done);
	return 0;
}

/* The same from smaps: read it all, and take every VMA's numbers. */
static int do_smaps(void *p)
{
	static char buf[8 << 20];
	unsigned long long start, end, v, rss = 0;
	char *line, *save, key[32];
	ssize_t len = 0, got;
	int fd, n = 0;

	(void)p;
	fd = open("/proc/self/smaps", O_RDONLY);
	if (fd < 0)
		return -1;
	while ((got = read(fd, buf + len, sizeof(buf) - 1 - len)) > 0)
		len += got;
	close(fd);
	if (len <= 0)
		return -1;
	buf[len] = '\0';
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

static void row(const char *name, const char *unit, double work,
		struct stat3 v, struct stat3 k, const char *kname, int latency)
{
	if (v.med < 0 || k.med < 0) {
		printf("%-44s %s: not measured (%s)\n", name, kname,
		       v.med < 0 ? "vasinfo failed" : "the kernel lacks it");
		return;
	}
	if (latency)
		printf("%-44s vasinfo %8.2f us [%.2f-%.2f]  %s %8.2f us  ratio %.2f (lower is better)\n",
		       name, v.med / work * 1e6, v.min / work * 1e6,
		       v.max / work * 1e6, kname, k.med / work * 1e6,
		       v.med / k.med);
	else
		printf("%-44s vasinfo %10.0f %s [%.0f-%.0f]  %s %10.0f  ratio %.3f\n",
		       name, work / v.med, unit, work / v.max, work / v.min,
		       kname, work / k.med, k.med / v.med);
	fflush(stdout);
}

/* A row, measured only if ROW (argv[2]) asks for it. */
#define ROW(name, ...)                                 \
	do {                                           \
		if (wanted(name))                      \
			row(name, __VA_ARGS__);        \
	} while (0)

static char *map_touched(size_t len, int advice)
{
	size_t align = 2UL << 20;
	char *p = mmap(NULL, len + align, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return NULL;
	p = (char *)(((uintptr_t)p + align - 1) & ~(align - 1));
	madvise(p, len, advice);
	for (size_t i = 0; i < len; i += page_size)
		p[i] = 1;
	return p;
}

int main(int argc, char **argv)
{
	size_t mib = argc > 1 ? strtoul(argv[1], NULL, 0) : 256;
	struct region small, thp;
	struct batch b;
	size_t pages;
	double n;

	only = argc > 2 ? argv[2] : NULL;
	page_size = sysconf(_SC_PAGESIZE);
	dev = open("/dev/vasinfo", O_RDWR);
	pagemap = open("/proc/self/pagemap", O_RDONLY);
	if (dev < 0 || pagemap < 0) {
		perror("bench: open");
		return 1;
	}
	small.len = thp.len = mib << 20;
	small.base = map_touched(small.len, MADV_NOHUGEPAGE);
	thp.base = map_touched(thp.len, MADV_HUGEPAGE);
	if (!small.base || !thp.base) {
		perror("bench: mmap");
		return 1;
	}
	pages = small.len / page_size;
	n = pages;
	printf("# %zu MiB regions, %zu pages each; median of %d [min-max]\n",
	       mib, pages, REPS);

	ROW("RANGE 4 KiB pages vs pagemap", "pages/s", n,
	    measure(do_range, &small), measure(do_pagemap, &small),
	    "pagemap", 0);
	ROW("RANGE NO_FACTS 4 KiB pages vs pagemap", "pages/s", n,
	    measure(do_range_lean, &small), measure(do_pagemap, &small),
	    "pagemap", 0);
	ROW("RANGE NO_FACTS 4 KiB pages vs PAGEMAP_SCAN", "pages/s", n,
	    measure(do_range_lean, &small), measure(do_scan, &small),
	    "PAGEMAP_SCAN", 0);
	ROW("RANGE 4 KiB pages vs PAGEMAP_SCAN", "pages/s", n,
	    measure(do_range, &small), measure(do_scan, &small),
	    "PAGEMAP_SCAN", 0);
	ROW("RANGE THP vs pagemap", "pages/s", n, measure(do_range, &thp),
	    measure(do_pagemap, &thp), "pagemap", 0);
	ROW("RANGE THP vs PAGEMAP_SCAN", "pages/s", n, measure(do_range, &thp),
	    measure(do_scan, &thp), "PAGEMAP_SCAN", 0);

	b.r = &small;
	b.addrs = malloc(pages * sizeof(*b.addrs));
	b.out = malloc(VASINFO_MAX_BATCH * sizeof(*b.out));
	if (!b.addrs || !b.out)
		return 1;
	for (size_t i = 0; i < pages; i++)
		b.addrs[i] = (uintptr_t)small.base + i * page_size;
	ROW("TRANSLATE batches vs pagemap", "pages/s", n,
	    measure(do_translate, &b), measure(do_pagemap, &small),
	    "pagemap", 0);
	ROW("one TRANSLATE vs one 8-byte pagemap pread", "", LAT_LOOPS,
	    measure(do_one_translate, &b), measure(do_one_pread, &b),
	    "pread", 1);

	/* 2000 more VMAs: every other page of a region made read-only. */
	{
		char *v = mmap(NULL, 2000 * page_size, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		for (int i = 0; v != MAP_FAILED && i < 2000; i += 2)
			mprotect(v + i * page_size, page_size, PROT_READ);
		ROW("VMAS (2000+ VMAs) vs read + parse maps", "calls/s", 1,
		    measure(do_vmas, NULL), measure(do_maps, NULL),
		    "maps", 0);
		ROW("cat /dev/vasinfo vs cat /proc/self/maps", "reads/s", 1,
		    measure(do_report, NULL), measure(do_maps_text, NULL),
		    "maps", 0);
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
		ROW("COUNTS of every region vs read + parse smaps", "calls/s",
		    1, measure(do_counts, &top), measure(do_smaps, NULL),
		    "smaps", 0);
		ROW("vasinfo maps --counts PID vs cat /proc/PID/smaps",
		    "runs/s", 1, measure(do_maps_counts_cmd, NULL),
		    measure(do_cat_smaps, NULL), "cat", 0);
	}
	return 0;
}
