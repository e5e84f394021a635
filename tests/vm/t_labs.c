// SPDX-License-Identifier: MIT
/*
 * The OSTEP chapter 13 lab programs in the VM, run as programs (from PATH's
 * /usr/bin), their claims checked against the kernel's own /proc:
 *   memory-user   its array becomes resident (pagemap, VmRSS); it exits 0
 *                 with its message after the time limit, on SIGINT and on
 *                 SIGTERM; --rate makes the array grow slowly
 *   va            its addresses lie in the right /proc/PID/maps regions and
 *                 its translations agree with /proc/PID/pagemap
 *
 *   t_labs [--user U]
 */
#define _GNU_SOURCE
#include <poll.h>
#include <stdint.h>
#include <time.h>

#include "vmtest.h"

#define MEMORY_USER "/usr/bin/memory-user"
#define VA "/usr/bin/va"
#define PM_PRESENT (1ULL << 63)
#define PM_PFN_MASK ((1ULL << 55) - 1)
#define MIB (1UL << 20)

static int is_root;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

struct prog {
	pid_t pid;
	int in, out;		/* its stdin (write end), stdout+stderr */
	char text[8192];	/* everything it printed so far */
	size_t len;
};

static void spawn(struct prog *p, char *const argv[])
{
	int in[2], out[2];

	memset(p, 0, sizeof(*p));
	if (pipe(in) || pipe(out)) {
		perror("pipe");
		exit(2);
	}
	p->pid = fork();
	if (p->pid < 0) {
		perror("fork");
		exit(2);
	}
	if (p->pid == 0) {
		dup2(in[0], 0);
		dup2(out[1], 1);
		dup2(out[1], 2);
		close(in[0]);
		close(in[1]);
		close(out[0]);
		close(out[1]);
		execv(argv[0], argv);
		fprintf(stderr, "exec %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	close(in[0]);
	close(out[1]);
	p->in = in[1];
	p->out = out[0];
}

/*
 * Read what @p prints until a line containing @want has arrived (NULL:
 * until end of file), or @timeout seconds have passed. Returns the line's
 * start in p->text, or NULL.
 */
static const char *wait_for(struct prog *p, const char *want, double timeout)
{
	double end = now() + timeout;

	for (;;) {
		char *hit = want ? strstr(p->text, want) : NULL;
		struct pollfd pfd = { .fd = p->out, .events = POLLIN };
		double left = end - now();
		ssize_t n;

		if (hit && strchr(hit, '\n')) {
			while (hit > p->text && hit[-1] != '\n')
				hit--;
			return hit;
		}
		if (left <= 0 || p->out < 0 || poll(&pfd, 1, (int)(left * 1000) + 1) <= 0)
			return NULL;
		n = read(p->out, p->text + p->len, sizeof(p->text) - 1 - p->len);
		if (n <= 0) {
			close(p->out);
			p->out = -1;
			return want ? NULL : p->text;
		}
		p->len += (size_t)n;
		p->text[p->len] = '\0';
	}
}

/* Wait up to @timeout s for @p to exit; its status, or -1 (then killed). */
static int finish(struct prog *p, double timeout)
{
	double end = now() + timeout;
	int st;

	wait_for(p, NULL, timeout);
	for (;;) {
		pid_t r = waitpid(p->pid, &st, WNOHANG);

		if (r == p->pid)
			break;
		if (now() > end) {
			reap(p->pid);
			st = -1;
			break;
		}
		usleep(20000);
	}
	if (p->out >= 0)
		close(p->out);
	close(p->in);
	return st;
}

/* Has @pid not exited yet? (Leaves it to be waited for.) */
static int running(pid_t pid)
{
	siginfo_t si;

	memset(&si, 0, sizeof(si));
	return !waitid(P_PID, (id_t)pid, &si, WEXITED | WNOHANG | WNOWAIT) && si.si_pid == 0;
}

static int exited_0(int st)
{
	return st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

static void show(const struct prog *p)
{
	char copy[sizeof(p->text)], *line, *save = NULL;

	memcpy(copy, p->text, sizeof(copy));
	for (line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		diag("  | %.200s", line);
}

/* ---- /proc ----------------------------------------------------------- */

/* Present pages of [start, start + len) of @pid, from its pagemap; -1. */
static long present_pages(pid_t pid, uintptr_t start, size_t len)
{
	static uint64_t pm[4096];
	uint64_t first = start / PG, last = (start + len - 1) / PG, i;
	char path[64];
	long present = 0;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/pagemap", (int)pid);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	for (i = first; i <= last; ) {
		uint64_t n = last + 1 - i < 4096 ? last + 1 - i : 4096;
		ssize_t got = pread(fd, pm, n * 8, (off_t)(i * 8));

		if (got != (ssize_t)(n * 8)) {
			close(fd);
			return -1;
		}
		for (uint64_t k = 0; k < n; k++)
			present += !!(pm[k] & PM_PRESENT);
		i += n;
	}
	close(fd);
	return present;
}

/* One "Key:   N kB" line of /proc/PID/status, in kB; -1. */
static long status_kb(pid_t pid, const char *key)
{
	char path[64], buf[4096], *p;
	long kb = -1;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	if (read_path(path, buf, sizeof(buf)) < 0)
		return -1;
	p = strstr(buf, key);
	if (p && sscanf(p + strlen(key), ":%ld kB", &kb) != 1)
		kb = -1;
	return kb;
}

/* The start line: "memory-user: pid P, N MB at 0x..., ...". */
static int parse_start(const struct prog *p, const char *line, size_t mb,
		       uintptr_t *addr)
{
	int pid = 0;
	size_t got = 0;
	unsigned long a = 0;

	if (!line || sscanf(line, "memory-user: pid %d, %zu MB at %lx,", &pid, &got, &a) != 3 ||
	    pid != p->pid || got != mb || !a) {
		diag("memory-user's first line: %.200s", line ? line : "(none)");
		return -1;
	}
	*addr = a;
	return 0;
}

/*
 * Poll until all of [addr, addr + len) of @pid is present or @timeout
 * passes. Returns the present pages last seen.
 */
static long wait_resident(pid_t pid, uintptr_t addr, size_t len, double timeout)
{
	long want = (long)((addr + len - 1) / PG - addr / PG + 1), got = -1;
	double end = now() + timeout;

	while (now() < end) {
		got = present_pages(pid, addr, len);
		if (got == want || got < 0)
			break;
		usleep(50000);
	}
	return got;
}

/* ---- memory-user -------------------------------------------------------- */

/*
 * The 6.1 kernel counts a task's own faults in a per-task cache it folds
 * into the mm every 64 faults: VmRSS may lag that many pages behind.
 */
#define RSS_LAG_KB ((long)(64 * PG / 1024))

static void test_time_limit(size_t mb, double limit)
{
	char a_mb[16], a_limit[16];
	char *argv[] = { MEMORY_USER, a_mb, a_limit, NULL };
	long want_pages = (long)(mb * MIB / PG), pages, rss;
	struct prog p;
	uintptr_t addr = 0;
	double t0 = now(), took;
	int st;

	snprintf(a_mb, sizeof(a_mb), "%zu", mb);
	snprintf(a_limit, sizeof(a_limit), "%g", limit);
	spawn(&p, argv);
	if (parse_start(&p, wait_for(&p, "memory-user: pid", 10), mb, &addr)) {
		ktap_ok(0, "memory-user %zu %g: says its pid, size and address", mb, limit);
		show(&p);
		finish(&p, 1);
		return;
	}
	pages = wait_resident(p.pid, addr, mb * MIB, limit);
	rss = status_kb(p.pid, "VmRSS");
	ktap_ok(pages >= want_pages && rss >= (long)(mb * 1024) - RSS_LAG_KB,
		"memory-user %zu %g: all of its %zu MB array resident while it runs (%ld pages present in pagemap, %ld needed; VmRSS %ld kB)",
		mb, limit, mb, pages, want_pages, rss);
	st = finish(&p, limit + 10);
	took = now() - t0;
	ktap_ok(exited_0(st) && took >= limit &&
		strstr(p.text, "memory-user: time limit of") && strstr(p.text, "reached") &&
		strstr(p.text, "all ") && strstr(p.text, "MB touched"),
		"memory-user %zu %g: exit 0 after the time limit (%.1f s), saying so", mb, limit, took);
	if (!exited_0(st) || !strstr(p.text, "time limit"))
		show(&p);
}

static void test_signal(size_t mb, int sig, const char *name)
{
	char a_mb[16];
	char *argv[] = { MEMORY_USER, a_mb, NULL };
	long pages;
	struct prog p;
	uintptr_t addr = 0;
	char want[64];
	int st;

	snprintf(a_mb, sizeof(a_mb), "%zu", mb);
	spawn(&p, argv);
	if (parse_start(&p, wait_for(&p, "memory-user: pid", 10), mb, &addr)) {
		ktap_ok(0, "memory-user %zu: says its pid, size and address", mb);
		show(&p);
		finish(&p, 1);
		return;
	}
	pages = wait_resident(p.pid, addr, mb * MIB, 20);
	kill(p.pid, sig);
	st = finish(&p, 10);
	snprintf(want, sizeof(want), "memory-user: %s received", name);
	ktap_ok(pages > 0 && exited_0(st) && strstr(p.text, want),
		"memory-user %zu: exit 0 on %s, saying so (%ld pages were present)", mb, name,
		pages);
	if (!exited_0(st) || !strstr(p.text, want))
		show(&p);
}

/*
 * --rate R: the array never grows faster than R MB/s (with 4 KiB pages,
 * one page at a time), it is seen half-grown several times, and it is
 * whole before the time limit.
 */
static void test_rate(size_t mb, double rate, double limit)
{
	char a_mb[16], a_rate[16], a_limit[16];
	char *argv[] = { MEMORY_USER, "--rate", a_rate, a_mb, a_limit, NULL };
	long want = (long)(mb * MIB / PG) + 1, pages = 0, last = -1, most = 0;
	int partial = 0, fast = 0, st;
	double t0 = now(), first = -1, t = 0;
	const char *line;
	struct prog p;
	uintptr_t addr = 0;

	snprintf(a_mb, sizeof(a_mb), "%zu", mb);
	snprintf(a_rate, sizeof(a_rate), "%g", rate);
	snprintf(a_limit, sizeof(a_limit), "%g", limit);
	spawn(&p, argv);
	if (parse_start(&p, wait_for(&p, "memory-user: pid", 10), mb, &addr)) {
		ktap_ok(0, "memory-user --rate %g %zu %g: says its pid, size and address",
			rate, mb, limit);
		show(&p);
		finish(&p, 1);
		return;
	}
	while (running(p.pid)) {
		pages = present_pages(p.pid, addr, mb * MIB);
		t = now() - t0;	/* at least the time it has been touching */
		if (pages < 0)
			break;
		/* At most rate * t, and the malloc header's page. */
		if ((double)(pages - 1) * PG > rate * MIB * t + PG && fast++ == 0)
			diag("%ld pages present after %.2f s: faster than %g MB/s", pages, t, rate);
		if (pages > 0 && pages < want && pages != last)
			partial++;
		last = pages;
		most = pages > most ? pages : most;
		usleep(100000);
	}
	st = finish(&p, limit + 10);
	line = strstr(p.text, "MB touched in ");
	if (line)
		sscanf(line, "MB touched in %lf s", &first);
	ktap_ok(!fast && partial >= 3 && most >= want - 1,
		"memory-user --rate %g %zu %g: the array grew at most %g MB/s, seen half-grown %d times, then whole (%ld of %ld pages)",
		rate, mb, limit, rate, partial, most, want);
	/* The first pass cannot have been quicker than MB / rate (to 0.1 s). */
	ktap_ok(exited_0(st) && first + 0.05 >= (double)mb / rate &&
		strstr(p.text, "time limit"),
		"memory-user --rate %g %zu %g: exit 0 after the limit; first pass took %.1f s >= %.1f s",
		rate, mb, limit, first, (double)mb / rate);
	if (!exited_0(st) || first < 0)
		show(&p);
}

/* ---- va ------------------------------------------------------------------ */

/* The maps line of @pid containing @addr, into @r. */
static int region_of(pid_t pid, uintptr_t addr, struct vi_region *r)
{
	static char buf[1 << 16];
	char path[64], *line, *save = NULL;

	snprintf(path, sizeof(path), "/proc/%d/maps", (int)pid);
	if (read_path(path, buf, sizeof(buf)) < 0)
		return -1;
	for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		if (!vi_parse_region(line, VI_FORMAT_MAPS, r) && addr >= r->start &&
		    addr < r->end)
			return 0;
	return -1;
}

static void test_va(void)
{
	static const char *const what[] = { "code", "heap", "stack" };
	char *argv[] = { VA, "--wait", NULL };
	unsigned long addr[3] = { 0 };
	struct vi_region *r = calloc(1, sizeof(*r));
	struct prog p;
	const char *line;
	char path[64];
	int pid = 0, st, fd, i, ok;

	spawn(&p, argv);
	line = wait_for(&p, "va: waiting", 20);
	ok = line && (line = strstr(p.text, "va: pid ")) && sscanf(line, "va: pid %d", &pid) == 1 &&
	     pid == p.pid;
	for (i = 0; i < 3; i++) {
		char key[32];
		const char *l;

		snprintf(key, sizeof(key), "location of %-5s: ", what[i]);
		l = strstr(p.text, key);
		ok = ok && l && sscanf(l + strlen(key), "%lx", &addr[i]) == 1 && addr[i];
	}
	ktap_ok(ok, "va --wait: prints its pid and the book's three addresses");
	if (!ok) {
		show(&p);
		finish(&p, 1);
		free(r);
		return;
	}

	/* Each address in the right region of the kernel's own maps. */
	ok = !region_of(p.pid, addr[0], r) && strchr(r->perms, 'x') &&
	     !strcmp(r->name, VA);
	ktap_ok(ok, "va: main at %#lx is in va's executable mapping of " VA " (%lx-%lx %s %s)",
		addr[0], r->start, r->end, r->perms, r->name);
	ok = !region_of(p.pid, addr[1], r) && !strcmp(r->perms, "rw-p") &&
	     (!strcmp(r->name, "[heap]") || !r->name[0]) && addr[1] + 100000000 <= r->end;
	ktap_ok(ok, "va: malloc(100e6) at %#lx: all 100e6 bytes in one writable heap or anonymous mapping (%lx-%lx %s %s)",
		addr[1], r->start, r->end, r->perms, r->name[0] ? r->name : "anon");
	ok = !region_of(p.pid, addr[2], r) && !strcmp(r->name, "[stack]");
	ktap_ok(ok, "va: the local variable at %#lx is in [stack] (%lx-%lx)", addr[2], r->start,
		r->end);

	/* The translations against pagemap, read while va waits. */
	snprintf(path, sizeof(path), "/proc/%d/pagemap", p.pid);
	fd = open(path, O_RDONLY);
	for (i = 0; i < 3; i++) {
		char key[16], state[32] = "", why[200] = "";
		unsigned long va = 0, frame = 0, phys = 0;
		uint64_t pm = 0;
		const char *l, *rest;
		int n = 0;

		snprintf(key, sizeof(key), "\n  %-5s ", what[i]);
		l = strstr(p.text, key);
		if (fd < 0 || pread(fd, &pm, 8, (off_t)(addr[i] / PG * 8)) != 8)
			snprintf(why, sizeof(why), "cannot read %s", path);
		else if (!l || sscanf(l, " %*s %lx -> %31[a-z_]%n", &va, state, &n) != 2 ||
			 va != addr[i])
			snprintf(why, sizeof(why), "no translation line for %#lx", addr[i]);
		else if (!strcmp(state, "present") != !!(pm & PM_PRESENT))
			snprintf(why, sizeof(why), "va says %s, pagemap %016llx", state,
				 (unsigned long long)pm);
		if (!why[0] && (pm & PM_PRESENT)) {
			rest = l + n;
			if (!is_root && (strncmp(rest, ", frame hidden", 14) || (pm & PM_PFN_MASK)))
				snprintf(why, sizeof(why), "as a user: '%.60s', pagemap frame %llx",
					 rest, (unsigned long long)(pm & PM_PFN_MASK));
			else if (is_root &&
				 (sscanf(rest, ", frame %lx, physical %lx", &frame, &phys) != 2 ||
				  frame != (pm & PM_PFN_MASK) ||
				  phys != (frame * PG | (addr[i] & (PG - 1)))))
				snprintf(why, sizeof(why), "'%.80s', pagemap frame %llx", rest,
					 (unsigned long long)(pm & PM_PFN_MASK));
		}
		ktap_ok(!why[0], "va: %s %#lx: %s%s, as in pagemap", what[i], addr[i], state,
			!(pm & PM_PRESENT) ? "" : is_root ? ", the same frame" : ", frame hidden");
		if (why[0])
			diag("%s", why);
	}
	if (fd >= 0)
		close(fd);
	if (write(p.in, "\n", 1) != 1)
		diag("cannot write to va: %s", strerror(errno));
	st = finish(&p, 10);
	ktap_ok(exited_0(st), "va: exit 0 after Enter");
	free(r);
}

int main(int argc, char **argv)
{
	int user = argc == 3 && !strcmp(argv[1], "--user");

	if (user)
		drop_to((uid_t)atoi(argv[2]));
	is_root = geteuid() == 0;
	ktap_header(user ? "vasinfo-labs-user" : "vasinfo-labs-root");
	ktap_plan(14);
	if (access(MEMORY_USER, X_OK) || access(VA, X_OK)) {
		printf("Bail out! " MEMORY_USER " or " VA " missing from the image\n");
		return 1;
	}
	test_time_limit(16, 2);
	test_signal(8, SIGINT, "SIGINT");
	test_signal(8, SIGTERM, "SIGTERM");
	test_rate(4, 4, 2);
	test_va();
	return ktap_finish();
}
