// SPDX-License-Identifier: MIT
/*
 * Hostile input to every request path, each with the errno docs/abi.md
 * documents: request pointers that are NULL, unmapped, read-only, in the
 * kernel, non-canonical, misaligned or straddling into an unmapped page;
 * sizes zero, one, older, newer and huge; unknown flags and reserved bits;
 * counts past the limits; element sizes and arrays that are wrong; ranges
 * that wrap, are empty or cross into the canonical hole; pids 0, -1,
 * INT_MIN, huge, of a kernel thread and of a zombie; unknown request
 * numbers; text writes that are too long, not numbers, not terminated or
 * from bad pointers.
 *
 * Afterwards nothing has changed: the kernel log has no new line, a target
 * process's pages are exactly as before (nothing faulted in), the module's
 * reference count is what it was, a failed "pid N" left the previous
 * choice in place, and good requests still answer as before.
 */
#define _GNU_SOURCE
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <limits.h>
#include <stddef.h>
#include <stdint.h>

#include "vmtest.h"

#define DEV "/dev/vasinfo"
#define PM_PRESENT (1ULL << 63)

static int dev = -1, tried;
static char *volatile null_ptr;	/* NULL the compiler cannot see */
static char *arena;		/* 3 pages: rw, read-only, unmapped */
static pid_t target, zombie;
static uint64_t *addrs;		/* a page of addresses */
static char *results;		/* room for results of any request */

/* ---- one description per request ---------------------------------------- */

struct req_desc {
	const char *name;
	unsigned long cmd;
	size_t size, ver0;
	int reserved;		/* offset of a must-be-zero field, or -1 */
	int pid;		/* offset of the pid, or -1 */
	int count;		/* offset of count, or -1 */
	int elem_size;		/* offset of the element size, or -1 */
	int array;		/* offset of the out array pointer, or -1 */
	void (*fill)(void *req);
};

static void fill_version(void *r)
{
	struct vasinfo_version *v = r;

	memset(v, 0, sizeof(*v));
	v->size = sizeof(*v);
}

static void fill_mm_info(void *r)
{
	struct vasinfo_mm_info *m = r;

	memset(m, 0, sizeof(*m));
	m->size = sizeof(*m);
	m->pid = target;
}

static void fill_vmas(void *r)
{
	struct vasinfo_vmas *v = r;

	memset(v, 0, sizeof(*v));
	v->size = sizeof(*v);
	v->pid = target;
	v->count = 4;
	v->vmas = (uintptr_t)results;
	v->vma_size = sizeof(struct vasinfo_vma);
}

static void fill_translate(void *r)
{
	struct vasinfo_translate *t = r;

	memset(t, 0, sizeof(*t));
	t->size = sizeof(*t);
	t->pid = target;
	t->count = 4;
	t->addrs = (uintptr_t)addrs;
	t->results = (uintptr_t)results;
	t->result_size = sizeof(struct vasinfo_xlate);
}

static void fill_range(void *r)
{
	struct vasinfo_range *g = r;

	memset(g, 0, sizeof(*g));
	g->size = sizeof(*g);
	g->pid = target;
	g->count = 4;
	g->start = addrs[0];
	g->end = addrs[0] + 16 * PG;
	g->runs = (uintptr_t)results;
	g->run_size = sizeof(struct vasinfo_run);
}

static void fill_counts(void *r)
{
	struct vasinfo_counts *c = r;

	memset(c, 0, sizeof(*c));
	c->size = sizeof(*c);
	c->pid = target;
	c->count = 4;
	c->start = addrs[0];
	c->end = addrs[0] + 16 * PG;
	c->counts = (uintptr_t)results;
	c->counts_size = sizeof(struct vasinfo_vma_counts);
}

#define F(type, field) ((int)offsetof(struct type, field))
static const struct req_desc reqs[] = {
	{ "VERSION", VASINFO_IOC_VERSION, sizeof(struct vasinfo_version),
	  VASINFO_VERSION_SIZE_VER0, F(vasinfo_version, reserved), -1, -1, -1, -1,
	  fill_version },
	{ "MM_INFO", VASINFO_IOC_MM_INFO, sizeof(struct vasinfo_mm_info),
	  VASINFO_MM_INFO_SIZE_VER0, -1, F(vasinfo_mm_info, pid), -1, -1, -1,
	  fill_mm_info },
	{ "VMAS", VASINFO_IOC_VMAS, sizeof(struct vasinfo_vmas),
	  VASINFO_VMAS_SIZE_VER0, -1, F(vasinfo_vmas, pid), F(vasinfo_vmas, count),
	  F(vasinfo_vmas, vma_size), F(vasinfo_vmas, vmas), fill_vmas },
	{ "TRANSLATE", VASINFO_IOC_TRANSLATE, sizeof(struct vasinfo_translate),
	  VASINFO_TRANSLATE_SIZE_VER0, F(vasinfo_translate, reserved),
	  F(vasinfo_translate, pid), F(vasinfo_translate, count),
	  F(vasinfo_translate, result_size), F(vasinfo_translate, results),
	  fill_translate },
	{ "RANGE", VASINFO_IOC_RANGE, sizeof(struct vasinfo_range),
	  VASINFO_RANGE_SIZE_VER0, -1, F(vasinfo_range, pid), F(vasinfo_range, count),
	  F(vasinfo_range, run_size), F(vasinfo_range, runs), fill_range },
	{ "COUNTS", VASINFO_IOC_COUNTS, sizeof(struct vasinfo_counts),
	  VASINFO_COUNTS_SIZE_VER0, -1, F(vasinfo_counts, pid), F(vasinfo_counts, count),
	  F(vasinfo_counts, counts_size), F(vasinfo_counts, counts), fill_counts },
};
#define NREQS (sizeof(reqs) / sizeof(reqs[0]))

static void put32(void *req, int off, uint32_t v)
{
	memcpy((char *)req + off, &v, 4);
}

static void put64(void *req, int off, uint64_t v)
{
	memcpy((char *)req + off, &v, 8);
}

/* The request at @at (any address): 0 or -errno. */
static int call(const struct req_desc *d, void *at)
{
	tried++;
	return ioctl(dev, d->cmd, at) < 0 ? -errno : 0;
}

/* A request built in a buffer, then changed by @tweak, then sent. */
static int send(const struct req_desc *d, size_t bufsize,
		void (*tweak)(const struct req_desc *, char *, long), long arg)
{
	static char buf[2 * PG_MAX] __attribute__((aligned(8)));

	memset(buf, 0, sizeof(buf));
	d->fill(buf);
	if (tweak)
		tweak(d, buf, arg);
	(void)bufsize;
	return call(d, buf);
}

static const char *name_of(int err)
{
	static char b[8][32];
	static int i;

	if (!err)
		return "success";
	i = (i + 1) % 8;
	snprintf(b[i], sizeof(b[i]), "%s", strerrorname_np(-err) ?: "?");
	return b[i];
}

/* Report whether every request gave @want for this case. */
static void expect_all(const char *what, int want, int got[NREQS], int applies[NREQS])
{
	char seen[512] = "";
	int ok = 1;

	for (size_t i = 0; i < NREQS; i++) {
		if (!applies[i])
			continue;
		if (got[i] != want)
			ok = 0;
		snprintf(seen + strlen(seen), sizeof(seen) - strlen(seen), "%s%s %s",
			 seen[0] ? ", " : "", reqs[i].name, name_of(got[i]));
	}
	ktap_ok(ok, "%s: %s (%s)", what, name_of(want), seen);
}

/* ---- the request pointer ----------------------------------------------- */

static void t_pointers(void)
{
	static const struct {
		const char *what;
		uintptr_t at;
		int want;
	} bad[] = {
		{ "NULL request pointer", 0, -EFAULT },
		{ "kernel-space request pointer", 0xffffffff81000000UL, -EFAULT },
		{ "non-canonical request pointer", 0x8000000000000000UL, -EFAULT },
		{ "request pointer to the last byte of the user half", 0x00007ffffffffffcUL, -EFAULT },
	};
	int got[NREQS], all[NREQS];

	for (size_t i = 0; i < NREQS; i++)
		all[i] = 1;
	for (size_t k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
		for (size_t i = 0; i < NREQS; i++)
			got[i] = call(&reqs[i], (void *)bad[k].at);
		expect_all(bad[k].what, bad[k].want, got, all);
	}
	/* Unmapped: the third page of the arena. */
	for (size_t i = 0; i < NREQS; i++)
		got[i] = call(&reqs[i], arena + 2 * PG);
	expect_all("unmapped request pointer", -EFAULT, got, all);
	/* Read-only: the request is read, but the answer cannot be written. */
	for (size_t i = 0; i < NREQS; i++) {
		mprotect(arena + PG, PG, PROT_READ | PROT_WRITE);
		reqs[i].fill(arena + PG);
		mprotect(arena + PG, PG, PROT_READ);
		got[i] = call(&reqs[i], arena + PG);
	}
	expect_all("read-only request", -EFAULT, got, all);
	/* Straddling into the unmapped page: its size field readable only. */
	for (size_t i = 0; i < NREQS; i++) {
		char *at = arena + 2 * PG - 8;

		reqs[i].fill(results);
		mprotect(arena + PG, PG, PROT_READ | PROT_WRITE);
		memcpy(at, results, 8);
		mprotect(arena + PG, PG, PROT_READ);
		got[i] = call(&reqs[i], at);
	}
	expect_all("request running into an unmapped page", -EFAULT, got, all);
	/* Misaligned is not an error: the struct is copied byte-wise. */
	for (size_t i = 0; i < NREQS; i++) {
		char *at = arena + 1;

		reqs[i].fill(at);
		got[i] = call(&reqs[i], at);
	}
	expect_all("misaligned request (odd address)", 0, got, all);
}

/* ---- sizes, flags, reserved fields ------------------------------------- */

static void set_size(const struct req_desc *d, char *b, long v)
{
	(void)d;
	put32(b, 0, (uint32_t)v);
}

static void t_sizes(void)
{
	static const struct {
		const char *what;
		long size;	/* <0: ver0 + size + 1 ... see below */
		int want;
	} cases[] = {
		{ "size 0", 0, -EINVAL },
		{ "size 1", 1, -EINVAL },
		{ "size 4 (only the size field)", 4, -EINVAL },
		{ "size 4 KiB + 1", 4097, -E2BIG },
		{ "size 1 MiB", 1 << 20, -E2BIG },
		{ "size 0xffffffff", 0xffffffffL, -E2BIG },
	};
	int got[NREQS], all[NREQS];

	for (size_t i = 0; i < NREQS; i++)
		all[i] = 1;
	for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		for (size_t i = 0; i < NREQS; i++)
			got[i] = send(&reqs[i], 0, set_size, cases[k].size);
		expect_all(cases[k].what, cases[k].want, got, all);
	}
	for (size_t i = 0; i < NREQS; i++)
		got[i] = send(&reqs[i], 0, set_size, (long)reqs[i].ver0 - 1);
	expect_all("size one byte short of the first published struct", -EINVAL, got, all);
	for (size_t i = 0; i < NREQS; i++)
		got[i] = send(&reqs[i], 0, set_size, (long)reqs[i].ver0);
	expect_all("size of the first published struct", 0, got, all);
	for (size_t i = 0; i < NREQS; i++)
		got[i] = send(&reqs[i], 0, set_size, (long)reqs[i].size + 64);
	expect_all("newer struct, 64 zero bytes more", 0, got, all);
	for (size_t i = 0; i < NREQS; i++)
		got[i] = send(&reqs[i], 0, set_size, 4096);
	expect_all("newer struct of a whole page, zero tail", 0, got, all);
}

static void set_tail(const struct req_desc *d, char *b, long v)
{
	put32(b, 0, (uint32_t)(d->size + 64));
	b[d->size + v] = 1;
}

static void set_flag(const struct req_desc *d, char *b, long bit)
{
	(void)d;
	put32(b, 4, 1U << bit);
}

static void set_reserved(const struct req_desc *d, char *b, long v)
{
	put32(b, d->reserved, (uint32_t)v);
}

static void t_flags(void)
{
	int got[NREQS], all[NREQS], has[NREQS];

	for (size_t i = 0; i < NREQS; i++) {
		all[i] = 1;
		has[i] = reqs[i].reserved >= 0;
	}
	for (size_t i = 0; i < NREQS; i++)
		got[i] = send(&reqs[i], 0, set_tail, 0);
	expect_all("newer struct, first unknown byte non-zero", -E2BIG, got, all);
	for (size_t i = 0; i < NREQS; i++)
		got[i] = send(&reqs[i], 0, set_tail, 63);
	expect_all("newer struct, last unknown byte non-zero", -E2BIG, got, all);
	for (long bit = 0; bit < 32; bit += 31) {
		int unknown[NREQS];
		char what[64];

		/*
		 * Bit 0 of RANGE is VASINFO_RANGE_NO_FACTS (ABI 1.1), of
		 * COUNTS VASINFO_COUNTS_TABLES_ONLY (1.2).
		 */
		for (size_t i = 0; i < NREQS; i++) {
			unknown[i] = !(bit == 0 && (reqs[i].cmd == VASINFO_IOC_RANGE ||
						    reqs[i].cmd == VASINFO_IOC_COUNTS));
			got[i] = send(&reqs[i], 0, set_flag, bit);
		}
		snprintf(what, sizeof(what), "unknown flag bit %ld", bit);
		expect_all(what, -EINVAL, got, unknown);
	}
	for (size_t i = 0; i < NREQS; i++)
		got[i] = has[i] ? send(&reqs[i], 0, set_reserved, 1) : 0;
	expect_all("reserved field non-zero", -EINVAL, got, has);
}

/* ---- pids ---------------------------------------------------------------- */

static void set_pid(const struct req_desc *d, char *b, long v)
{
	if (d->pid >= 0)	/* VERSION has none; gcc -O3 cannot see it is never asked */
		put32(b, d->pid, (uint32_t)v);
}

static void t_pids(void)
{
	const struct {
		const char *what;
		long pid;
		int want;
	} cases[] = {
		{ "pid -1", -1, -EINVAL },
		{ "pid INT_MIN", INT_MIN, -EINVAL },
		{ "pid INT_MAX", INT_MAX, -ESRCH },
		{ "pid 4194304 (above pid_max)", 4194304, -ESRCH },
		{ "pid 2, a kernel thread", 2, -ESRCH },
		{ "pid of a zombie", zombie, -ESRCH },
		{ "pid 0, the caller", 0, 0 },
	};
	int got[NREQS], has[NREQS];

	for (size_t i = 0; i < NREQS; i++)
		has[i] = reqs[i].pid >= 0;
	for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		for (size_t i = 0; i < NREQS; i++)
			got[i] = has[i] ? send(&reqs[i], 0, set_pid, cases[k].pid) : 0;
		expect_all(cases[k].what, cases[k].want, got, has);
	}
}

/* ---- counts, element sizes, arrays -------------------------------------- */

static void set_count(const struct req_desc *d, char *b, long v)
{
	put32(b, d->count, (uint32_t)v);
}

static void set_elem(const struct req_desc *d, char *b, long v)
{
	put32(b, d->elem_size, (uint32_t)v);
}

static void set_array(const struct req_desc *d, char *b, long v)
{
	put64(b, d->array, (uint64_t)v);
}

static void t_arrays(void)
{
	enum { VMAS = 2, XL = 3, RG = 4, CN = 5 };
	int got[NREQS], has[NREQS];
	const struct {
		const char *what;
		void (*tweak)(const struct req_desc *, char *, long);
		long v;
		int want;
	} cases[] = {
		{ "element size 0", set_elem, 0, -EINVAL },
		{ "element size 1", set_elem, 1, -EINVAL },
		{ "element size 4 KiB + 1", set_elem, 4097, -EINVAL },
		{ "element size 0xffffffff", set_elem, 0xffffffffL, -EINVAL },
		{ "NULL result array", set_array, 0, -EFAULT },
		{ "kernel-space result array", set_array, (long)0xffff888000000000UL, -EFAULT },
		{ "non-canonical result array", set_array, (long)0x8000000000000000UL, -EFAULT },
		{ "unmapped result array", set_array, (long)(uintptr_t)(arena + 2 * PG), -EFAULT },
		{ "read-only result array", set_array, (long)(uintptr_t)(arena + PG), -EFAULT },
	};

	for (size_t i = 0; i < NREQS; i++)
		has[i] = reqs[i].array >= 0;
	for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		for (size_t i = 0; i < NREQS; i++)
			got[i] = has[i] ? send(&reqs[i], 0, cases[k].tweak, cases[k].v) : 0;
		expect_all(cases[k].what, cases[k].want, got, has);
	}

	/* A bigger element than the module's: the tail is zeroed. */
	{
		struct vasinfo_translate t;
		size_t es = sizeof(struct vasinfo_xlate) + 40;
		int err, zero = 1;

		fill_translate(&t);
		t.result_size = (uint32_t)es;
		t.count = 2;
		memset(results, 0xa5, 2 * es);
		err = call(&reqs[XL], &t);
		for (size_t i = sizeof(struct vasinfo_xlate); i < es; i++)
			zero &= results[i] == 0 && results[es + i] == 0;
		ktap_ok(!err && zero && ((struct vasinfo_xlate *)results)->vaddr == addrs[0],
			"TRANSLATE, newer (larger) result elements: accepted, %s, tails zeroed",
			name_of(err));
	}

	has[0] = has[1] = 0;
	has[VMAS] = has[XL] = has[RG] = 1;
	got[VMAS] = send(&reqs[VMAS], 0, set_count, 0);
	got[XL] = send(&reqs[XL], 0, set_count, 0);
	ktap_ok(got[VMAS] == 0 && got[XL] == 0 &&
		send(&reqs[RG], 0, set_count, 0) == -EINVAL &&
		send(&reqs[CN], 0, set_count, 0) == -EINVAL,
		"count 0: VMAS and TRANSLATE answer nothing, RANGE and COUNTS EINVAL");
	ktap_ok(send(&reqs[XL], 0, set_count, VASINFO_MAX_BATCH + 1) == -E2BIG &&
		send(&reqs[XL], 0, set_count, 0xffffffffL) == -E2BIG,
		"TRANSLATE count past %d and 0xffffffff: E2BIG", VASINFO_MAX_BATCH);
	/* Counts the buffer cannot hold: stops at the first unwritable byte. */
	{
		struct vasinfo_vmas v;

		fill_vmas(&v);
		v.count = 100000;
		v.vmas = (uintptr_t)(arena + PG - sizeof(struct vasinfo_vma));
		ktap_ok(call(&reqs[VMAS], &v) == -EFAULT,
			"VMAS count 100000 into one element's room: EFAULT, nothing past it written");
	}
	{
		struct vasinfo_translate t;

		fill_translate(&t);
		t.addrs = 0;
		ktap_ok(call(&reqs[XL], &t) == -EFAULT, "TRANSLATE NULL address array: EFAULT");
		t.addrs = (uintptr_t)(arena + 2 * PG - 8);
		t.count = 2;
		ktap_ok(call(&reqs[XL], &t) == -EFAULT,
			"TRANSLATE address array running into an unmapped page: EFAULT");
		/*
		 * The address itself is the target's, copied to an odd byte:
		 * bytes across two array slots would make an address that is a
		 * user address with 5-level paging only.
		 */
		memcpy((char *)&addrs[32] + 3, &addrs[0], sizeof(addrs[0]));
		t.addrs = (uintptr_t)&addrs[32] + 3;
		t.count = 1;
		ktap_ok(call(&reqs[XL], &t) == 0, "TRANSLATE misaligned address array: accepted");
	}
}

/* ---- addresses and ranges ----------------------------------------------- */

static int translate_at(uint64_t a)
{
	struct vasinfo_translate t;

	fill_translate(&t);
	addrs[8] = a;
	t.addrs = (uintptr_t)&addrs[8];
	t.count = 1;
	return call(&reqs[3], &t);
}

static int range_of(uint64_t start, uint64_t end, uint64_t cursor)
{
	struct vasinfo_range g;

	fill_range(&g);
	g.start = start;
	g.end = end;
	g.cursor = cursor;
	return call(&reqs[4], &g);
}

static void t_ranges(void)
{
	struct vasinfo_version v = { .size = sizeof(v) };
	uint64_t top, base = addrs[0];

	ioctl(dev, VASINFO_IOC_VERSION, &v);
	top = task_size_max_of(&v);
	ktap_ok(top && translate_at(top) == -EINVAL && translate_at(top + PG) == -EINVAL &&
		translate_at(0x8000000000000000ULL) == -EINVAL &&
		translate_at(0xffffffff81000000ULL) == -EINVAL &&
		translate_at(~0ULL) == -EINVAL,
		"TRANSLATE at or above TASK_SIZE_MAX (%#llx), non-canonical, kernel: EINVAL",
		(unsigned long long)top);
	ktap_ok(translate_at(top - 1) == 0 && translate_at(0) == 0,
		"TRANSLATE of the last user byte and of address 0: answered (unmapped)");
	ktap_ok(range_of(base + PG, base, 0) == -EINVAL, "RANGE that wraps (start > end): EINVAL");
	ktap_ok(range_of(base, base, 0) == -EINVAL, "RANGE that is empty: EINVAL");
	ktap_ok(range_of(base + 1, base + PG, 0) == -EINVAL &&
		range_of(base, base + PG + 1, 0) == -EINVAL,
		"RANGE not page-aligned: EINVAL");
	ktap_ok(range_of(top - PG, top + PG, 0) == -EINVAL &&
		range_of(top - PG, 0x8000000000000000ULL, 0) == -EINVAL &&
		range_of(0, ~0ULL & ~(PG - 1), 0) == -EINVAL,
		"RANGE crossing into the canonical hole or the kernel half: EINVAL");
	ktap_ok(range_of(top - PG, top, 0) == 0, "RANGE ending exactly at TASK_SIZE_MAX: answered");
	ktap_ok(range_of(base, base + 4 * PG, base - PG) == -EINVAL &&
		range_of(base, base + 4 * PG, base + 5 * PG) == -EINVAL &&
		range_of(base, base + 4 * PG, base + 1) == -EINVAL,
		"RANGE cursor before, past or inside a page: EINVAL");
	ktap_ok(range_of(base, base + 4 * PG, base + 4 * PG) == 0,
		"RANGE cursor at the end: answered, nothing left");
}

/* ---- unknown requests ----------------------------------------------------- */

static void t_numbers(void)
{
	int bad = 0, n = 0;
	char buf[PG_MAX] = { 0 };

	put32(buf, 0, sizeof(struct vasinfo_version));
	for (unsigned int nr = 6; nr < 256; nr++, n++)
		bad += ioctl(dev, _IOWR(VASINFO_IOC_MAGIC, nr, struct vasinfo_version), buf) == 0 ||
		       errno != ENOTTY;
	for (unsigned int i = 0; i < NREQS; i++, n += 4) {
		unsigned long c = reqs[i].cmd;

		bad += ioctl(dev, _IOC(_IOC_READ, VASINFO_IOC_MAGIC, _IOC_NR(c), _IOC_SIZE(c)), buf) == 0 ||
		       errno != ENOTTY;
		bad += ioctl(dev, _IOC(_IOC_WRITE, VASINFO_IOC_MAGIC, _IOC_NR(c), _IOC_SIZE(c)), buf) == 0 ||
		       errno != ENOTTY;
		bad += ioctl(dev, _IOC(_IOC_NONE, VASINFO_IOC_MAGIC, _IOC_NR(c), 0), buf) == 0 ||
		       errno != ENOTTY;
		bad += ioctl(dev, _IOC(_IOC_READ | _IOC_WRITE, 0xBC, _IOC_NR(c), _IOC_SIZE(c)), buf) == 0 ||
		       errno != ENOTTY;
	}
	tried += n;
	ktap_ok(!bad, "%d unknown request numbers (other nr, direction, magic): ENOTTY", n);
}

/* ---- text writes ------------------------------------------------------------ */

static void t_writes(void)
{
	static const struct {
		const char *text;
		int want;
	} cases[] = {
		{ "pid", -EINVAL }, { "pid ", -EINVAL }, { "pid abc", -EINVAL },
		{ "pid 12abc", -EINVAL }, { "pid -1", -EINVAL }, { "pid 0", -EINVAL },
		{ "pid 0x10", -EINVAL }, { "pid 2147483648", -EINVAL },
		{ "pid 99999999999999999999", -EINVAL }, { "PID 1", -EINVAL },
		{ " pid 1", -EINVAL }, { "pid  1", -EINVAL }, { "pid 1\n\n", -EINVAL },
		{ "pid 1\nx", -EINVAL }, { "self\n\n", -EINVAL }, { "selfish", -EINVAL },
		{ "\n", -EINVAL }, { "pid 2147483647", -ESRCH }, { "pid 2", -ESRCH },
		{ "pid 2\n", -ESRCH },
	};
	char big[8192], line[64];
	int fd = open(DEV, O_RDWR), bad = 0, n = 0;
	ssize_t r;

	for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++, n++) {
		r = write(fd, cases[k].text, strlen(cases[k].text));
		if (!(r < 0 && -errno == cases[k].want)) {
			diag("write \"%s\": %s, want %s", cases[k].text,
			     r < 0 ? name_of(-errno) : "success", name_of(cases[k].want));
			bad++;
		}
	}
	ktap_ok(!bad, "%d malformed or impossible \"pid N\" lines: EINVAL or ESRCH as documented", n);
	snprintf(line, sizeof(line), "pid %d", (int)zombie);
	ktap_ok(write(fd, line, strlen(line)) < 0 && errno == ESRCH, "\"pid N\" of a zombie: ESRCH");
	ktap_ok(write(fd, "pid 1\0garbage", 13) < 0 && errno == EINVAL, "a NUL inside the line: EINVAL");
	memset(big, '1', sizeof(big));
	memcpy(big, "pid ", 4);
	ktap_ok(write(fd, big, sizeof(big)) < 0 && errno == EINVAL &&
		write(fd, big, 32) < 0 && errno == EINVAL,
		"a line of 8 KiB and of 32 bytes: EINVAL");
	ktap_ok(write(fd, null_ptr, 8) < 0 && errno == EFAULT &&
		write(fd, arena + 2 * PG, 8) < 0 && errno == EFAULT,
		"write from NULL and from an unmapped page: EFAULT");
	snprintf(line, sizeof(line), "pid %d", (int)target);
	r = write(fd, line, strlen(line));
	ktap_ok(r == (ssize_t)strlen(line), "\"pid N\" without a newline: accepted");
	tried += n + 7;
	/* A failed choice leaves the previous one in place. */
	{
		static char rep[1 << 16];
		char want[64];

		ktap_ok(write(fd, "pid 2", 5) < 0 && write(fd, "pid x", 5) < 0, "two failed choices");
		lseek(fd, 0, SEEK_SET);
		r = read_fd_all(fd, rep, sizeof(rep), sizeof(rep));
		snprintf(want, sizeof(want), "pid:       %d\n", (int)target);
		ktap_ok(r > 0 && strstr(rep, want) != NULL,
			"after failed writes the report is still of pid %d", (int)target);
	}
	close(fd);
}

/* ---- nothing changed ---------------------------------------------------------- */

static long module_refs(void)
{
	char buf[64];

	if (read_path("/sys/module/vasinfo/refcnt", buf, sizeof(buf)) <= 0)
		return -1;
	return atol(buf);
}

/* The target's pagemap over its arena: presence of every page. */
static uint64_t target_present(void)
{
	char path[64];
	uint64_t mask = 0, e;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/pagemap", (int)target);
	fd = open(path, O_RDONLY);
	for (int i = 0; fd >= 0 && i < 16; i++)
		if (pread(fd, &e, 8, (off_t)(addrs[0] / PG + (uint64_t)i) * 8) == 8 &&
		    (e & PM_PRESENT))
			mask |= 1ULL << i;
	if (fd >= 0)
		close(fd);
	return mask;
}

/* The target: 16 pages at the same address as our addrs[0], half touched. */
static void setup_target(void *arg)
{
	char *p = mmap((void *)(uintptr_t)*(uint64_t *)arg, 16 * PG,
		       PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE,
		       -1, 0);

	if (p == MAP_FAILED)
		_exit(9);
	for (int i = 0; i < 16; i += 2)
		p[i * PG] = 1;
}

int main(int argc, char **argv)
{
	struct vasinfo_mm_info before, after;
	long refs0, news;
	int err;
	uint64_t present0;
	uint64_t where = 0x6f0000000000ULL;

	ktap_header(argc > 1 ? "vasinfo-hostile-user" : "vasinfo-hostile");
	ktap_plan(69);	/* the same for root and a user */
	if (argc > 2 && !strcmp(argv[1], "--user"))
		drop_to((uid_t)atoi(argv[2]));
	arena = mmap(NULL, 3 * PG, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	results = mmap(NULL, 64 * PG, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	addrs = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (arena == MAP_FAILED || results == MAP_FAILED || addrs == MAP_FAILED)
		return 2;
	munmap(arena + 2 * PG, PG);
	mprotect(arena + PG, PG, PROT_READ);
	for (int i = 0; i < 4; i++)
		addrs[i] = where + (uint64_t)i * PG;
	madvise(results, 64 * PG, MADV_DONTFORK);
	target = spawn_held(setup_target, &where);
	zombie = fork();
	if (zombie == 0)
		_exit(0);
	usleep(100000);

	dev = open(DEV, O_RDWR);
	if (dev < 0) {
		printf("Bail out! open %s: %s\n", DEV, strerror(errno));
		return 1;
	}
	kernel_log_mark();
	refs0 = module_refs();
	present0 = target_present();
	ktap_ok(vi_mm_info(dev, target, &before) == 0, "before: MM_INFO of the target answers");

	t_pointers();
	t_sizes();
	t_flags();
	t_pids();
	t_arrays();
	t_ranges();
	t_numbers();
	t_writes();

	err = vi_mm_info(dev, target, &after);
	ktap_ok(err == 0 &&
		after.map_count == before.map_count && after.rss_anon == before.rss_anon &&
		after.total_vm == before.total_vm,
		"after %d hostile requests: the target's VMAs (%u) and RSS (%llu anon pages) are as before",
		tried, after.map_count, (unsigned long long)after.rss_anon);
	ktap_ok(target_present() == present0,
		"the target's pagemap is as before: nothing faulted in (%#llx)",
		(unsigned long long)present0);
	news = kernel_log_news();
	ktap_ok(news == 0 || (news < 0 && getuid() != 0),
		"the kernel log has no new line about vasinfo, BUG, WARNING or KASAN%s",
		news < 0 ? " (unreadable to this user; the root run checks)" : "");
	close(dev);
	ktap_ok(refs0 < 0 || module_refs() == refs0 - 1,
		"the module's reference count went back (%ld with our descriptor open)", refs0);
	reap(target);
	waitpid(zombie, NULL, 0);
	return ktap_finish();
}
