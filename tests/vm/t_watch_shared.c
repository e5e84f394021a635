// SPDX-License-Identifier: MIT
/*
 * vasinfo watch and vasinfo shared, run as programs in the VM, against the
 * kernel's /proc/PID/pagemap, /proc/kpagecount, /proc/kpageflags,
 * /proc/PID/smaps_rollup and /proc/meminfo read in the same run.
 *
 *   t_watch_shared            as root
 *   t_watch_shared --user U   as uid U (watch works, shared is refused)
 *
 * Modes it runs itself in (exec'd, so that their memory has nothing in
 * common with this process's but the program file):
 *   --hold        write "ready\n" on stdout, then wait to be killed
 *   --pair        a parent and its forked child (see pair_main)
 *   --grow        for the demo: grow the heap by 16 pages every 0.4 s
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <sys/mman.h>

#include "vmtest.h"

#define PM_PRESENT (1ULL << 63)
#define PM_PFN_MASK ((1ULL << 55) - 1)
#define KPF_NOPAGE 20
#define KPF_ZERO 24
#define PSS_SHIFT 12

static int is_root;
static char self_path[4096];

/* ---- running the client ---- */

/*
 * Start "vasinfo ARGS" (words split on spaces) with stdout and stderr on a
 * pipe. Returns the stream; *@pid is the client's pid.
 */
static FILE *client(pid_t *pid, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static FILE *client(pid_t *pid, const char *fmt, ...)
{
	char args[512], *argv[32], *save = NULL;
	int argc = 0, p[2];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(args, sizeof(args), fmt, ap);
	va_end(ap);
	argv[argc++] = "vasinfo";
	for (char *w = strtok_r(args, " ", &save); w && argc < 31; w = strtok_r(NULL, " ", &save))
		argv[argc++] = w;
	argv[argc] = NULL;
	if (pipe(p)) {
		perror("pipe");
		exit(2);
	}
	*pid = fork();
	if (*pid == 0) {
		dup2(p[1], 1);
		dup2(p[1], 2);
		close(p[0]);
		close(p[1]);
		execvp("vasinfo", argv);
		_exit(127);
	}
	close(p[1]);
	return fdopen(p[0], "r");
}

/* Wait for the client; its exit status, or 128 + signal. */
static int client_end(FILE *f, pid_t pid)
{
	int st;

	if (f)
		fclose(f);
	if (waitpid(pid, &st, 0) != pid)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* Run the client to the end: its output (stdout and stderr) in @out. */
static int client_run(char *out, size_t len, const char *args)
{
	pid_t pid;
	FILE *f = client(&pid, "%s", args);
	size_t n = fread(out, 1, len - 1, f);

	out[n] = '\0';
	return client_end(f, pid);
}

/* ---- the kernel's view ---- */

/* Present pages of [s, e) of @pid by pagemap. */
static long present_pages(pid_t pid, unsigned long s, unsigned long e)
{
	char path[64];
	uint64_t pm;
	long n = 0;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/pagemap", (int)pid);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	for (unsigned long a = s; a < e; a += PG)
		if (pread(fd, &pm, 8, (off_t)(a / PG * 8)) == 8 && (pm & PM_PRESENT))
			n++;
	close(fd);
	return n;
}

struct meminfo {
	unsigned long total, free, available, swap_total, swap_free;
};

static int read_meminfo(struct meminfo *m)
{
	char buf[8192], *p;
	int got = 0;

	if (read_path("/proc/meminfo", buf, sizeof(buf)) < 0)
		return -1;
	memset(m, 0, sizeof(*m));
	for (p = strtok(buf, "\n"); p; p = strtok(NULL, "\n")) {
		got += sscanf(p, "MemTotal: %lu kB", &m->total);
		got += sscanf(p, "MemFree: %lu kB", &m->free);
		got += sscanf(p, "MemAvailable: %lu kB", &m->available);
		got += sscanf(p, "SwapTotal: %lu kB", &m->swap_total);
		got += sscanf(p, "SwapFree: %lu kB", &m->swap_free);
	}
	return got == 5 ? 0 : -1;
}

static int near(unsigned long a, unsigned long b, unsigned long tol)
{
	return (a > b ? a - b : b - a) <= tol;
}

/* ---- watch ---- */

/*
 * The watched child: a heap grown with sbrk, touched a number of pages at
 * a time when told (an int on @cmd), acknowledged with a byte on @ack.
 */
#define HEAP_PAGES 256
static void watched(int cmd, int ack)
{
	uintptr_t cur = (uintptr_t)sbrk(0), base = (cur + PG - 1) & ~(PG - 1);
	char *heap;
	int touched = 0, n;

	if (sbrk((intptr_t)(base - cur) + HEAP_PAGES * PG) == (void *)-1)
		_exit(3);
	heap = (char *)base;
	/* 1 MiB (with the little heap there was): too small for a 2 MiB THP. */
	if (write(ack, "r", 1) != 1)
		_exit(3);
	while (read(cmd, &n, sizeof(n)) == sizeof(n)) {
		for (int k = 0; k < n && touched < HEAP_PAGES; k++)
			heap[(size_t)touched++ * PG] = 1;
		if (write(ack, "t", 1) != 1)
			_exit(3);
	}
	_exit(0);
}

struct kid {
	pid_t pid;
	int cmd, ack;
};

static void kid_start(struct kid *k)
{
	int c[2], a[2];
	char r;

	if (pipe(c) || pipe(a)) {
		perror("pipe");
		exit(2);
	}
	k->pid = fork();
	if (k->pid == 0) {
		close(c[1]);
		close(a[0]);
		watched(c[0], a[1]);
	}
	close(c[0]);
	close(a[1]);
	k->cmd = c[1];
	k->ack = a[0];
	if (read(k->ack, &r, 1) != 1) {
		printf("Bail out! the watched child died in setup\n");
		exit(1);
	}
}

static int kid_touch(struct kid *k, int n)
{
	char r;

	return write(k->cmd, &n, sizeof(n)) == sizeof(n) && read(k->ack, &r, 1) == 1 ? 0 : -1;
}

static void kid_end(struct kid *k)
{
	close(k->cmd);
	close(k->ack);
	reap(k->pid);
}

/*
 * Present pages of the VMAs the kernel calls [heap] (the heap the child
 * grew can be a VMA of its own next to the first), and how many there are.
 */
static long heap_present(pid_t pid, unsigned long *vmas)
{
	char path[64], line[512];
	unsigned long s, e;
	long n = 0;
	FILE *f;

	*vmas = 0;
	snprintf(path, sizeof(path), "/proc/%d/maps", (int)pid);
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (strstr(line, "[heap]") && sscanf(line, "%lx-%lx", &s, &e) == 2) {
			n += present_pages(pid, s, e);
			(*vmas)++;
		}
	fclose(f);
	return n;
}

struct jframe {
	unsigned long frame, regions, size, resident, swapped;
	long change;	/* LONG_MIN: null */
	struct meminfo m;
};

static int parse_frame(const char *line, struct jframe *j)
{
	const char *h = strstr(line, "{\"segment\":\"heap\","), *m = strstr(line, "\"meminfo\":{");
	char ch[24];

	if (!h || !m || sscanf(line, "{\"frame\":%lu,", &j->frame) != 1 ||
	    sscanf(h, "{\"segment\":\"heap\",\"regions\":%lu,\"size\":%lu,\"resident\":%lu,\"swapped\":%lu,\"resident_change\":%23[^,]",
		   &j->regions, &j->size, &j->resident, &j->swapped, ch) != 5 ||
	    sscanf(m, "\"meminfo\":{\"mem_total_kb\":%lu,\"mem_free_kb\":%lu,\"mem_available_kb\":%lu,\"swap_total_kb\":%lu,\"swap_free_kb\":%lu}",
		   &j->m.total, &j->m.free, &j->m.available, &j->m.swap_total, &j->m.swap_free) != 5)
		return -1;
	j->change = strcmp(ch, "null") ? strtol(ch, NULL, 10) : -1L - 0x7fffffffL;
	return 0;
}

static void test_watch_json(void)
{
	static const int steps[] = { 5, 17, 40 };
	static char line[1 << 16];
	struct jframe fr[4];
	struct meminfo now;
	unsigned long vmas[4];
	long pm[4];
	int ok_heap = 1, ok_mem = 1, frames = 0, rc;
	struct kid k;
	pid_t vp;
	FILE *f;

	kid_start(&k);
	f = client(&vp, "watch --json --count 4 --interval 0.5 %d", (int)k.pid);
	for (int i = 0; i < 4; i++) {
		if (!fgets(line, sizeof(line), f) || parse_frame(line, &fr[i])) {
			diag("frame %d: '%.300s'", i + 1, line);
			ok_heap = 0;
			break;
		}
		frames++;
		pm[i] = heap_present(k.pid, &vmas[i]);
		if (read_meminfo(&now))
			ok_mem = 0;
		/* Memory moves: within 1/32 of it, or 32 MiB. */
		{
			unsigned long tol = now.total / 32 > 32768 ? now.total / 32 : 32768;

			if (fr[i].m.total != now.total || fr[i].m.swap_total != now.swap_total ||
			    !near(fr[i].m.free, now.free, tol) ||
			    !near(fr[i].m.available, now.available, tol) ||
			    !near(fr[i].m.swap_free, now.swap_free, tol) ||
			    fr[i].m.free > fr[i].m.total || fr[i].m.swap_free > fr[i].m.swap_total) {
				diag("frame %d meminfo total %lu free %lu avail %lu swap %lu/%lu; /proc/meminfo %lu %lu %lu %lu/%lu",
				     i + 1, fr[i].m.total, fr[i].m.free, fr[i].m.available,
				     fr[i].m.swap_free, fr[i].m.swap_total, now.total, now.free,
				     now.available, now.swap_free, now.swap_total);
				ok_mem = 0;
			}
		}
		if (fr[i].frame != (unsigned long)i + 1 || fr[i].resident != (unsigned long)pm[i] ||
		    fr[i].regions != vmas[i] ||
		    (i == 0 ? fr[i].change != -1L - 0x7fffffffL :
			      fr[i].change != (long)(fr[i].resident - fr[i - 1].resident) ||
			      fr[i].resident - fr[i - 1].resident != (unsigned long)(pm[i] - pm[i - 1]) ||
			      pm[i] - pm[i - 1] < steps[i - 1])) {
			diag("frame %d: heap %lu regions, resident %lu, change %ld; maps %lu [heap], pagemap %ld (before %ld)",
			     i + 1, fr[i].regions, fr[i].resident, fr[i].change, vmas[i], pm[i],
			     i ? pm[i - 1] : -1);
			ok_heap = 0;
		}
		if (i < 3 && kid_touch(&k, steps[i]))
			ok_heap = 0;
	}
	rc = client_end(f, vp);
	ktap_ok(ok_heap && frames == 4 && rc == 0,
		"watch --json --count 4 --interval 0.5: 4 frames, exit %d; the heap's resident pages grow as pagemap says (touched 5, 17, 40)",
		rc);
	ktap_ok(ok_mem && frames > 0, "watch --json: MemTotal, SwapTotal as /proc/meminfo; MemFree, MemAvailable, SwapFree near it");
	kid_end(&k);
}

/* Read text frames up to the "Swap:" line; the heap line of the last. */
static int text_frame(FILE *f, char *heap, size_t len, char *head, size_t hlen)
{
	char line[512];

	heap[0] = head[0] = '\0';
	while (fgets(line, sizeof(line), f)) {
		if (!strncmp(line, "=== ", 4))
			snprintf(head, hlen, "%s", line);
		if (!strncmp(line, "heap ", 5))
			snprintf(heap, len, "%s", line);
		if (!strncmp(line, "Swap:", 5))
			return 0;
	}
	return -1;
}

static void test_watch_text(void)
{
	char heap[2][512], head[2][512], want[64], rest[4096];
	unsigned long vmas;
	long before, after;
	struct kid k;
	size_t n;
	pid_t vp;
	FILE *f;
	int rc, ok;

	kid_start(&k);
	f = client(&vp, "watch --interval 0.5 %d", (int)k.pid);
	ok = !text_frame(f, heap[0], sizeof(heap[0]), head[0], sizeof(head[0]));
	before = heap_present(k.pid, &vmas);
	ok = ok && !kid_touch(&k, 8);
	after = heap_present(k.pid, &vmas);
	ok = ok && !text_frame(f, heap[1], sizeof(heap[1]), head[1], sizeof(head[1]));
	snprintf(want, sizeof(want), " %ld +%ld ", after, after - before);
	ktap_ok(ok && strstr(head[0], " frame 1  20") && strstr(head[1], " frame 2  20") &&
		!strchr(heap[0], '+') && strstr(heap[1], want) && after - before >= 8,
		"watch (not a terminal): frames with time headers; the heap line marks the change '%s'", want);
	if (!ok || !strstr(heap[1], want))
		diag("'%s' '%s' '%s'", head[1], heap[0], heap[1]);
	ktap_ok(!strchr(heap[1], '\033'), "watch (not a terminal): no terminal codes");

	/* The target exits: the watch says so and ends with 0. */
	kid_end(&k);
	n = fread(rest, 1, sizeof(rest) - 1, f);
	rest[n] = '\0';
	rc = client_end(f, vp);
	snprintf(want, sizeof(want), "process %d exited\n", (int)k.pid);
	ktap_ok(rc == 0 && n >= strlen(want) && !strcmp(rest + n - strlen(want), want),
		"watch: the target exits: last line '%.*s', exit %d", (int)strlen(want) - 1, want, rc);
	if (rc || !strstr(rest, want))
		diag("%.300s", rest);
}

static void test_watch_ends(void)
{
	char line[1 << 14], out[1024], want[64];
	struct kid k;
	size_t n;
	pid_t vp;
	FILE *f;
	int rc;

	kid_start(&k);
	f = client(&vp, "watch --json %d", (int)k.pid);
	rc = fgets(line, sizeof(line), f) != NULL;
	kill(vp, SIGINT);	/* well before the next frame, a second later */
	n = fread(out, 1, sizeof(out) - 1, f);
	out[n] = '\0';
	rc = client_end(f, vp) == 0 && rc;
	ktap_ok(rc && !strncmp(line, "{\"frame\":1,", 11) && n == 0,
		"watch: SIGINT ends it cleanly, exit 0, nothing more printed");

	f = client(&vp, "watch --json --interval 0.25 %d", (int)k.pid);
	rc = fgets(line, sizeof(line), f) != NULL;
	kid_end(&k);
	n = fread(out, 1, sizeof(out) - 1, f);
	out[n] = '\0';
	snprintf(want, sizeof(want), "vasinfo: process %d exited\n", (int)k.pid);
	rc = client_end(f, vp) == 0 && rc;
	ktap_ok(rc && n >= strlen(want) && !strcmp(out + n - strlen(want), want),
		"watch --json: the target exits: '%.*s' (on stderr), exit 0", (int)strlen(want) - 1, want);
	if (!rc || !strstr(out, want))
		diag("%.300s", out);

	rc = client_run(out, sizeof(out), "watch --count 1 99999999");
	ktap_ok(rc == 1 && strstr(out, "no process 99999999") && !strchr(out, '\n')[1],
		"watch of a missing process: exit 1, one line");
}

/* ---- shared ---- */

/*
 * --pair: map PRIV_PAGES private and SHARED_PAGES MAP_SHARED anonymous
 * pages and write them all; fork; the child rewrites the first
 * WRITTEN_PAGES private pages (copy-on-write: new frames) and the shared
 * ones (the same frames). Then "PARENT CHILD PRIV SHARED\n" on stdout and
 * both wait to be killed (the parent kills the child when it dies).
 */
#define PRIV_PAGES 48
#define SHARED_PAGES 8
#define WRITTEN_PAGES 20

static int pair_main(void)
{
	char *priv = mmap(NULL, PRIV_PAGES * PG, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *sh = mmap(NULL, SHARED_PAGES * PG, PROT_READ | PROT_WRITE,
			MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	int p[2];
	pid_t child;
	char c;

	if (priv == MAP_FAILED || sh == MAP_FAILED || pipe(p))
		return 3;
	madvise(priv, PRIV_PAGES * PG, MADV_NOHUGEPAGE);
	memset(priv, 1, PRIV_PAGES * PG);
	memset(sh, 1, SHARED_PAGES * PG);
	child = fork();
	if (child == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		for (int k = 0; k < WRITTEN_PAGES; k++)
			priv[k * PG] = 2;
		for (int k = 0; k < SHARED_PAGES; k++)
			sh[k * PG] = 2;
		if (write(p[1], "w", 1) != 1)
			_exit(3);
		for (;;)
			pause();
	}
	if (read(p[0], &c, 1) != 1)
		return 3;
	printf("%d %d %lx %lx\n", (int)getpid(), (int)child, (unsigned long)priv,
	       (unsigned long)sh);
	fflush(stdout);
	for (;;)
		pause();
}

/* Start this program in @mode; its first line in @line. */
static pid_t self_mode(const char *mode, char *line, size_t len)
{
	int p[2];
	pid_t pid;
	FILE *f;

	if (pipe(p)) {
		perror("pipe");
		exit(2);
	}
	pid = fork();
	if (pid == 0) {
		dup2(p[1], 1);
		close(p[0]);
		close(p[1]);
		execl(self_path, "t_watch_shared", mode, (char *)NULL);
		_exit(127);
	}
	close(p[1]);
	f = fdopen(p[0], "r");
	if (!fgets(line, (int)len, f))
		line[0] = '\0';
	fclose(f);
	return pid;
}

#define MAX_REG 64
#define MAX_PG 8192

/* A process as the kernel shows it: regions, countable pages. */
struct truth {
	struct regions rs;
	int np;
	int reg[MAX_PG];
	uint64_t va[MAX_PG], pfn[MAX_PG], count[MAX_PG];
	unsigned long rss, uss, pss_x;
	int nvdso;
	uint64_t vdso_count[4];	/* map counts of the [vdso] pages */
	unsigned long smaps_rss, smaps_pss, smaps_private;
};

static int read_truth(pid_t pid, struct truth *t)
{
	static char buf[1 << 16];
	char path[64], why[200];
	int fd, kf, kc;

	snprintf(path, sizeof(path), "/proc/%d/maps", (int)pid);
	if (read_path(path, buf, sizeof(buf)) < 0)
		return -1;
	if (!t->rs.v)
		regions_init(&t->rs, MAX_REG);
	if (parse_maps(buf, &t->rs, why, sizeof(why)))
		return -1;
	snprintf(path, sizeof(path), "/proc/%d/pagemap", (int)pid);
	fd = open(path, O_RDONLY);
	kf = open("/proc/kpageflags", O_RDONLY);
	kc = open("/proc/kpagecount", O_RDONLY);
	if (fd < 0 || kf < 0 || kc < 0)
		return -1;
	t->np = 0;
	t->nvdso = 0;
	t->rss = t->uss = t->pss_x = 0;
	for (int i = 0; i < t->rs.n; i++) {
		for (unsigned long a = t->rs.v[i].start; a < t->rs.v[i].end; a += PG) {
			uint64_t pm, flags, cnt, pfn;

			if (pread(fd, &pm, 8, (off_t)(a / PG * 8)) != 8 || !(pm & PM_PRESENT))
				continue;
			pfn = pm & PM_PFN_MASK;
			if (pread(kf, &flags, 8, (off_t)(pfn * 8)) != 8 ||
			    pread(kc, &cnt, 8, (off_t)(pfn * 8)) != 8)
				return -1;
			/* What smaps counts: a real page, not the zero page. */
			if (cnt < 1 || (flags & (1ULL << KPF_ZERO)) || (flags & (1ULL << KPF_NOPAGE)))
				continue;
			if (t->np == MAX_PG)
				return -1;
			t->reg[t->np] = i;
			t->va[t->np] = a;
			t->pfn[t->np] = pfn;
			t->count[t->np] = cnt;
			t->np++;
			if (!strcmp(t->rs.v[i].name, "[vdso]") && t->nvdso < 4)
				t->vdso_count[t->nvdso++] = cnt;
			t->rss++;
			t->uss += cnt == 1;
			t->pss_x += (PG << PSS_SHIFT) / cnt;
		}
	}
	close(fd);
	close(kf);
	close(kc);
	snprintf(path, sizeof(path), "/proc/%d/smaps_rollup", (int)pid);
	if (read_path(path, buf, sizeof(buf)) < 0)
		return -1;
	{
		char *r = strstr(buf, "\nRss:"), *p = strstr(buf, "\nPss:");
		char *pc = strstr(buf, "\nPrivate_Clean:"), *pd = strstr(buf, "\nPrivate_Dirty:");
		unsigned long c = 0, d = 0;

		if (!r || !p || !pc || !pd || sscanf(r, "\nRss: %lu", &t->smaps_rss) != 1 ||
		    sscanf(p, "\nPss: %lu", &t->smaps_pss) != 1 ||
		    sscanf(pc, "\nPrivate_Clean: %lu", &c) != 1 ||
		    sscanf(pd, "\nPrivate_Dirty: %lu", &d) != 1)
			return -1;
		t->smaps_private = c + d;
	}
	return 0;
}

static int same_truth(const struct truth *a, const struct truth *b)
{
	if (a->np != b->np || a->rs.n != b->rs.n)
		return 0;
	for (int k = 0; k < a->np; k++)
		if (a->va[k] != b->va[k] || a->pfn[k] != b->pfn[k] || a->count[k] != b->count[k])
			return 0;
	return 1;
}

/* Pages of region @i of @a whose frame @b maps (in region @j, or anywhere if -1). */
static unsigned long truth_shared(const struct truth *a, int i, const struct truth *b, int j)
{
	unsigned long n = 0;

	for (int k = 0; k < a->np; k++) {
		if (a->reg[k] != i)
			continue;
		for (int q = 0; q < b->np; q++)
			if (b->pfn[q] == a->pfn[k] && (j < 0 || b->reg[q] == j)) {
				n++;
				break;
			}
	}
	return n;
}

static unsigned long truth_resident(const struct truth *a, int i)
{
	unsigned long n = 0;

	for (int k = 0; k < a->np; k++)
		n += a->reg[k] == i;
	return n;
}

/* Skip a JSON string at @p (at its opening quote); after it, or NULL. */
static const char *skip_str(const char *p)
{
	if (*p++ != '"')
		return NULL;
	for (; *p && *p != '"'; p++)
		if (*p == '\\' && p[1])
			p++;
	return *p ? p + 1 : NULL;
}

/* One region object's head: start, end, segment; @p after "name":"...". */
static const char *region_head(const char *p, unsigned long *s, unsigned long *e, char *seg,
			       char *name, size_t nlen)
{
	int off = 0;
	const char *q;

	if (sscanf(p, "{\"start\":\"0x%lx\",\"end\":\"0x%lx\",\"segment\":\"%15[^\"]\",\"name\":%n",
		   s, e, seg, &off) != 3 || !off)
		return NULL;
	q = skip_str(p + off);
	if (q)
		snprintf(name, nlen, "%.*s", (int)(q - p - off - 2), p + off + 1);
	return q;
}

/* Check "shared --json" output against the truth. Returns mismatches. */
static int check_shared_json(const char *out, const struct truth *a, const struct truth *b,
			     int *file_only, unsigned long *priv_shared, unsigned long *priv_res,
			     unsigned long priv, unsigned long *sh_shared, unsigned long shaddr,
			     unsigned long *code_shared)
{
	const char *p = strstr(out, "\"regions\":[");
	int bad = 0, seen = 0;

	*file_only = 1;
	*priv_shared = *priv_res = *sh_shared = *code_shared = 0;
	if (!p)
		return 1;
	p += 11;
	while (*p == '{') {
		unsigned long s, e, res, sh, pages, ws, we;
		char seg[16], name[256], wseg[16], wname[256];
		int i, off = 0, nwith = 0, want_with = 0;

		p = region_head(p, &s, &e, seg, name, sizeof(name));
		if (!p || sscanf(p, ",\"resident\":%lu,\"shared\":%lu,\"with\":[%n", &res, &sh, &off) != 2)
			return bad + 1;
		p += off;
		for (i = 0; i < a->rs.n; i++)
			if (a->rs.v[i].start == s && a->rs.v[i].end == e)
				break;
		if (i == a->rs.n || res != truth_resident(a, i) || sh != truth_shared(a, i, b, -1)) {
			diag("region %lx-%lx %s: resident %lu shared %lu; pagemap %lu %lu", s, e, name,
			     res, sh, i < a->rs.n ? truth_resident(a, i) : 0,
			     i < a->rs.n ? truth_shared(a, i, b, -1) : 0);
			bad++;
		}
		seen++;
		if (sh && name[0] != '/' && strcmp(seg, "vdso"))
			*file_only = 0;
		if (s == priv) {
			*priv_shared = sh;
			*priv_res = res;
		}
		if (s == shaddr)
			*sh_shared = sh;
		if (!strcmp(seg, "code"))
			*code_shared += sh;
		while (*p == '{') {
			int j;

			p = region_head(p, &ws, &we, wseg, wname, sizeof(wname));
			off = 0;
			if (!p || sscanf(p, ",\"pages\":%lu}%n", &pages, &off) != 1)
				return bad + 1;
			p += off;
			for (j = 0; j < b->rs.n; j++)
				if (b->rs.v[j].start == ws && b->rs.v[j].end == we)
					break;
			if (j == b->rs.n || i == a->rs.n || pages != truth_shared(a, i, b, j)) {
				diag("%lx-%lx with %lx-%lx: %lu pages; pagemap %lu", s, e, ws, we, pages,
				     j < b->rs.n && i < a->rs.n ? truth_shared(a, i, b, j) : 0);
				bad++;
			}
			nwith++;
			if (*p == ',')
				p++;
		}
		for (int j = 0; i < a->rs.n && j < b->rs.n; j++)
			want_with += truth_shared(a, i, b, j) > 0;
		if (nwith != want_with) {
			diag("%lx-%lx: %d regions of the other listed, pagemap says %d", s, e, nwith,
			     want_with);
			bad++;
		}
		if (strncmp(p, "]}", 2))
			return bad + 1;
		p += 2;
		if (*p == ',')
			p++;
	}
	{
		int want = 0;

		for (int i = 0; i < a->rs.n; i++)
			want += truth_resident(a, i) > 0;
		if (seen != want) {
			diag("%d regions listed, %d have resident pages", seen, want);
			bad++;
		}
	}
	return bad;
}

/* "rss":..,"uss":..,"pss_bytes":.. of @pid in the processes list. */
static int check_use(const char *out, pid_t pid, const struct truth *t, char *why, size_t len)
{
	char key[32];
	const char *p;
	unsigned long rss, uss, pssb, rkb, ukb, pkb;

	snprintf(key, sizeof(key), "{\"pid\":%d,\"comm\":", (int)pid);
	p = strstr(out, key);
	if (!p || !(p = skip_str(p + strlen(key))) ||
	    sscanf(p, ",\"rss\":%lu,\"uss\":%lu,\"pss_bytes\":%lu,\"rss_kb\":%lu,\"uss_kb\":%lu,\"pss_kb\":%lu}",
		   &rss, &uss, &pssb, &rkb, &ukb, &pkb) != 6) {
		snprintf(why, len, "no processes entry for %d", (int)pid);
		return -1;
	}
	snprintf(why, len,
		 "pid %d: rss %lu uss %lu pss %lu B (%lu %lu %lu kB); kpagecount %lu %lu %lu B; smaps_rollup Rss %lu Private %lu Pss %lu kB",
		 (int)pid, rss, uss, pssb, rkb, ukb, pkb, t->rss, t->uss, t->pss_x >> PSS_SHIFT,
		 t->smaps_rss, t->smaps_private, t->smaps_pss);
	/* The kernel's two accounts agree (read after vasinfo ended). */
	if (t->rss * (PG >> 10) != t->smaps_rss || t->uss * (PG >> 10) != t->smaps_private ||
	    t->pss_x >> (PSS_SHIFT + 10) != t->smaps_pss)
		return -1;
	if (rss != t->rss || rkb != rss * (PG >> 10) || ukb != uss * (PG >> 10) ||
	    pkb != pssb >> 10)
		return -1;
	/*
	 * While vasinfo runs it maps the vdso page(s) it touched too: their map
	 * counts were one higher then. Any subset of them may be.
	 */
	for (unsigned int mask = 0; mask < 1U << t->nvdso; mask++) {
		unsigned long u = t->uss, px = t->pss_x;

		for (int k = 0; k < t->nvdso; k++) {
			uint64_t c = t->vdso_count[k];

			if (!(mask & (1U << k)))
				continue;
			u -= c == 1;
			px += (PG << PSS_SHIFT) / (c + 1) - (PG << PSS_SHIFT) / c;
		}
		if (uss == u && pssb == px >> PSS_SHIFT)
			return 0;
	}
	return -1;
}

static struct truth ta, tb, ta2, tb2;
static char out[1 << 20];

/* Run "shared --json A B" with the truth read before and after unchanged. */
static int shared_stable(pid_t a, pid_t b)
{
	char args[64];
	int rc = -1;

	snprintf(args, sizeof(args), "shared --json %d %d", (int)a, (int)b);
	for (int tries = 0; tries < 3; tries++) {
		if (read_truth(a, &ta) || read_truth(b, &tb))
			return -1;
		rc = client_run(out, sizeof(out), args);
		if (read_truth(a, &ta2) || read_truth(b, &tb2))
			return -1;
		if (same_truth(&ta, &ta2) && same_truth(&tb, &tb2))
			return rc;
		diag("the pages moved while vasinfo looked; again");
	}
	return rc;
}

static void test_shared_fork(void)
{
	unsigned long priv = 0, shaddr = 0, psh = 0, pres = 0, ssh = 0, csh = 0;
	char line[128], why[400];
	int parent = 0, child = 0, rc, file_only, bad;
	pid_t holder;

	holder = self_mode("--pair", line, sizeof(line));
	if (sscanf(line, "%d %d %lx %lx", &parent, &child, &priv, &shaddr) != 4) {
		ktap_ok(0, "shared: the fork pair started ('%s')", line);
		reap(holder);
		return;
	}
	if (!is_root) {
		snprintf(line, sizeof(line), "shared %d %d", parent, child);
		rc = client_run(out, sizeof(out), line);
		ktap_ok(rc == 1 && !strncmp(out, "vasinfo: ", 9) && strstr(out, "only to root") &&
			strstr(out, "CAP_SYS_ADMIN") && strchr(out, '\n') == out + strlen(out) - 1,
			"shared as a user: exit 1, one line saying frames are root's (CAP_SYS_ADMIN)");
		if (rc != 1)
			diag("%.300s", out);
		reap(holder);
		return;
	}
	rc = shared_stable(parent, child);
	bad = rc ? 1 : check_shared_json(out, &ta, &tb, &file_only, &psh, &pres, priv, &ssh,
					 shaddr, &csh);
	ktap_ok(rc == 0 && bad == 0,
		"shared --json parent child: every region's resident and shared pages, and which of the child's regions, as both pagemaps say");
	if (rc)
		diag("exit %d: %.300s", rc, out);
	ktap_ok(pres == PRIV_PAGES && psh == PRIV_PAGES - WRITTEN_PAGES,
		"shared: private memory after fork: %lu of %lu pages still shared after the child wrote %d (copy-on-write)",
		psh, pres, WRITTEN_PAGES);
	ktap_ok(ssh == SHARED_PAGES && csh > 0,
		"shared: MAP_SHARED region shared in full (%lu of %d pages) though both wrote; program text (with libc, static) shared: %lu pages",
		ssh, SHARED_PAGES, csh);
	rc = check_use(out, parent, &ta, why, sizeof(why));
	ktap_ok(rc == 0, "shared: parent's RSS, USS, PSS as kpagecount says, which smaps_rollup confirms");
	diag("%s", why);
	rc = check_use(out, child, &tb, why, sizeof(why));
	ktap_ok(rc == 0, "shared: child's RSS, USS, PSS as kpagecount says, which smaps_rollup confirms");
	diag("%s", why);
	snprintf(line, sizeof(line), "shared %d %d", parent, child);
	rc = client_run(out, sizeof(out), line);
	snprintf(why, sizeof(why), "of pid %d are frames pid %d maps too", parent, child);
	ktap_ok(rc == 0 && strstr(out, why) && strstr(out, "RSS KiB") && strstr(out, "  -> "),
		"shared (text): regions, where the other maps them, the total, RSS/USS/PSS");
	reap(holder);
}

static void test_shared_unrelated(void)
{
	unsigned long psh = 0, pres = 0, ssh = 0, csh = 0;
	char line[64], why[400];
	pid_t x, y;
	int rc, bad, file_only = 0;

	if (!is_root)
		return;
	x = self_mode("--hold", line, sizeof(line));
	y = self_mode("--hold", line, sizeof(line));
	rc = shared_stable(x, y);
	bad = rc ? 1 : check_shared_json(out, &ta, &tb, &file_only, &psh, &pres, 0, &ssh, 0, &csh);
	ktap_ok(rc == 0 && bad == 0 && file_only && csh > 0,
		"shared of two unrelated runs of one program: only file pages (%lu of the program's) and the vdso, as pagemap says",
		csh);
	rc = check_use(out, x, &ta, why, sizeof(why));
	ktap_ok(rc == 0, "shared: an unrelated process's RSS, USS, PSS as kpagecount says, which smaps_rollup confirms");
	diag("%s", why);
	reap(x);
	reap(y);
}

int main(int argc, char **argv)
{
	int user = argc == 3 && !strcmp(argv[1], "--user");

	if (argc == 2 && !strcmp(argv[1], "--pair"))
		return pair_main();
	if (argc == 2 && !strcmp(argv[1], "--grow")) {
		char *heap = sbrk((intptr_t)(4096 * PG));

		for (int k = 0; heap != (void *)-1 && k < 4096; k++) {
			heap[(size_t)k * PG] = 1;
			if (k % 16 == 15)
				usleep(400000);
		}
		for (;;)
			pause();
	}
	if (argc == 2 && !strcmp(argv[1], "--hold")) {
		static char data[64 * 4096];

		memset(data, 1, sizeof(data));	/* private pages of its own */
		printf("ready\n");
		fflush(stdout);
		for (;;)
			pause();
	}
	if (readlink("/proc/self/exe", self_path, sizeof(self_path) - 1) <= 0) {
		printf("Bail out! readlink /proc/self/exe: %s\n", strerror(errno));
		return 1;
	}
	if (user)
		drop_to((uid_t)atoi(argv[2]));
	is_root = geteuid() == 0;
	ktap_header(user ? "vasinfo-watch-shared-user" : "vasinfo-watch-shared-root");
	ktap_plan(is_root ? 16 : 9);	/* shared is root's: one refusal for a user */
	test_watch_json();
	test_watch_text();
	test_watch_ends();
	test_shared_fork();
	test_shared_unrelated();
	return ktap_finish();
}
