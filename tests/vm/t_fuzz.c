// SPDX-License-Identifier: MIT
/*
 * Random requests against /dev/vasinfo: every ioctl with random sizes,
 * flags, reserved fields, pids, addresses and buffers; ioctl numbers near
 * the real ones; random writes, reads and lseeks; while child processes
 * map, unmap, remap, protect and advise their memory, exec, exit and linger
 * as zombies.
 *   t_fuzz [--user U] [--seed S] [--seconds T] [--iterations N]
 *
 * Each call is checked against docs/abi.md and the README's table for
 * writes: a model computes, from the input alone, the documented reasons
 * the call must fail (each with its errno) and the errnos it may meet
 * (a process that may exit meanwhile, a buffer that may be too short). A
 * call that succeeds where a reason holds, fails with an errno no reason
 * allows, or fails with an errno outside the documented set is a failure,
 * printed with the seed, the iteration and the whole input. Successful
 * replies are checked for consistency, and bytes past the caller's sizes
 * must stay untouched. At the end the module must still answer correctly.
 *
 * The inputs are a function of the seed (and --iterations makes the run
 * the same length every time); the children's timing is not.
 */
#define _GNU_SOURCE
#include <inttypes.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <time.h>

#include "vmtest.h"

/* ---- random numbers: splitmix64, one stream per purpose ---- */

static uint64_t rng_next(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint64_t rs;	/* the inputs' stream */

static uint64_t rnd(void)
{
	return rng_next(&rs);
}

/* 0..n-1 */
static uint64_t below(uint64_t n)
{
	return n ? rnd() % n : 0;
}

/* true with probability pct/100 */
static int chance(unsigned int pct)
{
	return below(100) < pct;
}

/* ---- errnos: what is documented, what may happen ---- */

enum {
	B_FAULT = 1 << 0,
	B_INVAL = 1 << 1,
	B_2BIG = 1 << 2,
	B_SRCH = 1 << 3,
	B_ACCES = 1 << 4,
	B_NOTTY = 1 << 5,
	B_INTR = 1 << 6,
};
#define DOCUMENTED (B_FAULT | B_INVAL | B_2BIG | B_SRCH | B_ACCES | B_NOTTY | B_INTR)

static unsigned int ebit(int e)
{
	switch (e) {
	case EFAULT: return B_FAULT;
	case EINVAL: return B_INVAL;
	case E2BIG: return B_2BIG;
	case ESRCH: return B_SRCH;
	case EACCES: return B_ACCES;
	case ENOTTY: return B_NOTTY;
	case EINTR: return B_INTR;
	default: return 1u << 30;
	}
}

static const char *bits_str(unsigned int b)
{
	static char buf[96];
	static const char *const names[] = { "EFAULT", "EINVAL", "E2BIG", "ESRCH",
					     "EACCES", "ENOTTY", "EINTR" };
	size_t o = 0;
	int i;

	buf[0] = '\0';
	for (i = 0; i < 7; i++)
		if (b & (1u << i))
			o += (size_t)snprintf(buf + o, sizeof(buf) - o, "%s%s",
					      o ? "|" : "", names[i]);
	return o ? buf : "-";
}

/*
 * What the model says of one call. @must: errnos of reasons that hold for
 * sure (the call must fail with one of them, or with one of @may). @may:
 * errnos that may come on top (a child that may have exited, an output
 * that may not fit).
 */
struct verdict {
	unsigned int must, may;
	int fail_for_sure;	/* a @may reason that holds for sure */
};

/* ---- what the run counts ---- */

static struct {
	unsigned long calls, undocumented, must_fail, must_fail_missed,
		unexplained, successes, bad_replies, canary_checks, overruns,
		ioctls, bad_numbers, writes, reads, seeks;
} st;
static unsigned long iter;
static uint64_t seed;
static int printed;
static char desc[1024];	/* the current input, for messages */

__attribute__((format(printf, 1, 2)))
static void report(const char *fmt, ...)
{
	va_list ap;

	if (++printed > 20)
		return;
	printf("# seed %" PRIu64 " iteration %lu: ", seed, iter);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n#   input: %s\n", desc);
	fflush(stdout);
}

/* Judge one call: @rc < 0 is a failure with @err. */
static void judge(const struct verdict *v, long rc, int err)
{
	st.calls++;
	if (v->must)
		st.must_fail++;
	if (rc >= 0) {
		st.successes++;
		if (v->must || v->fail_for_sure) {
			st.must_fail_missed++;
			report("succeeded (%ld) but must fail with %s", rc,
			       bits_str(v->must | v->may));
		}
		return;
	}
	if (!(ebit(err) & DOCUMENTED)) {
		st.undocumented++;
		report("failed with %s (%d), not a documented errno", strerror(err), err);
		return;
	}
	if (!(ebit(err) & (v->must | v->may))) {
		st.unexplained++;
		report("failed with %s, but no documented reason for it holds (allowed: %s)",
		       strerror(err), bits_str(v->must | v->may));
	}
}

__attribute__((format(printf, 1, 2)))
static void bad_reply(const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	st.bad_replies++;
	report("successful reply inconsistent: %s", msg);
}

/* ---- memory the calls point into ---- */

#define PAGE PG
#define A_SIZE (16 * PAGE)		/* request structs */
#define B_SIZE (20UL << 20)		/* result arrays */
#define C_SIZE (40 * PAGE)		/* TRANSLATE's input addresses */
#define RO_SIZE (40 * PAGE)		/* read-only */
#define CANARY 256

static unsigned char *arena_a, *arena_b, *arena_c, *ro, *guard;
static uint64_t task_size_max;
static unsigned int levels;
static int as_root;

/* Map @size bytes between two PROT_NONE pages. */
static unsigned char *guarded(size_t size, int prot)
{
	unsigned char *p = mmap(NULL, size + 2 * PAGE, PROT_NONE,
				MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	if (p == MAP_FAILED || mprotect(p + PAGE, size, prot)) {
		printf("Bail out! mmap: %s\n", strerror(errno));
		exit(1);
	}
	return p + PAGE;
}

enum bkind { K_GOOD, K_EDGE, K_RO, K_NULL, K_UNMAPPED, K_KERNEL, K_NONCANON, K_WRAP };
static const char *const kind_names[] = { "good", "edge", "read-only", "NULL",
					  "unmapped", "kernel", "non-canonical",
					  "wrapping" };

/* A user pointer and how much of it can be read and written. */
struct ubuf {
	uint64_t addr;
	uint64_t rd, wr;
	enum bkind kind;
};

static enum bkind pick_kind(unsigned int good_pct)
{
	if (chance(good_pct))
		return K_GOOD;
	return (enum bkind)(1 + below(7));
}

/*
 * Place @len bytes of @data (all of it that fits) in a buffer of kind @k
 * carved from @arena (@cap bytes, guarded) or the read-only area.
 */
static struct ubuf place(enum bkind k, unsigned char *arena, size_t cap,
			 const void *data, size_t len, size_t want)
{
	struct ubuf b = { 0, 0, 0, k };
	size_t off, n;

	switch (k) {
	case K_GOOD:
		off = chance(70) ? 8 * below(8) : below(64);	/* misaligned too */
		b.addr = (uintptr_t)(arena + off);
		b.rd = b.wr = cap - off;
		break;
	case K_EDGE:
		/* Ends inside the guard page: @off bytes are there. */
		off = (size_t)below(want + 16);
		if (off > cap)
			off = cap;
		b.addr = (uintptr_t)(arena + cap - off);
		b.rd = b.wr = off;
		break;
	case K_RO:
		off = below(64);
		b.addr = (uintptr_t)(ro + off);
		b.rd = RO_SIZE - off;
		b.wr = 0;
		n = len < b.rd ? len : (size_t)b.rd;
		mprotect(ro, RO_SIZE, PROT_READ | PROT_WRITE);
		memcpy(ro + off, data, n);
		mprotect(ro, RO_SIZE, PROT_READ);
		return b;
	case K_NULL:
		b.addr = chance(50) ? 0 : below(PAGE);
		break;
	case K_UNMAPPED:
		b.addr = (uintptr_t)guard + below(PAGE);
		break;
	case K_KERNEL:
		b.addr = 0xffffffff81000000ULL + below(1 << 24);
		if (chance(30))
			b.addr = 0xffff888000000000ULL + 8 * below(1 << 20);
		break;
	case K_NONCANON:
		/* Just past the user half (non-canonical on x86). */
		b.addr = ((task_size_max + PAGE) & ~(PAGE - 1)) + 8 * below(1 << 20);
		break;
	case K_WRAP:
		b.addr = ~0ULL - below(64);
		break;
	}
	if (b.rd && len) {
		n = len < b.rd ? len : (size_t)b.rd;
		memcpy((void *)(uintptr_t)b.addr, data, n);
	}
	return b;
}

/* Outside user space: the VFS refuses it before any driver, any length. */
static int not_user(const struct ubuf *b)
{
	return b->kind == K_KERNEL || b->kind == K_NONCANON || b->kind == K_WRAP;
}

/* Fill CANARY bytes after @extent of a good buffer, if they fit. */
static int canary_set(const struct ubuf *b, uint64_t extent)
{
	if (b->kind != K_GOOD || extent > b->wr || b->wr - extent < CANARY)
		return 0;
	memset((void *)(uintptr_t)(b->addr + extent), 0xa5, CANARY);
	return 1;
}

static void canary_check(const struct ubuf *b, uint64_t extent, const char *what)
{
	const unsigned char *p = (const unsigned char *)(uintptr_t)(b->addr + extent);
	int i;

	st.canary_checks++;
	for (i = 0; i < CANARY; i++)
		if (p[i] != 0xa5) {
			st.overruns++;
			report("%s: byte %d past the caller's %" PRIu64 " bytes was written (%#x)",
			       what, i, extent, p[i]);
			return;
		}
}

/* ---- processes to point at ---- */

enum pclass {
	P_SELF,		/* 0 or our own pid */
	P_LIVE,		/* a child that stays alive */
	P_MAYBE,	/* a child that may be exiting or gone */
	P_ZOMBIE,	/* exited, not reaped: ESRCH */
	P_KTHREAD,	/* kthreadd: ESRCH */
	P_NONE,		/* above pid_max: ESRCH */
	P_NEG,		/* negative: EINVAL */
	P_INIT,		/* pid 1: root may, a user may not */
	P_ANY,		/* whatever runs there */
};
static const char *const pclass_names[] = { "self", "live child", "exiting child",
					    "zombie", "kernel thread", "no such pid",
					    "negative", "init", "any" };

#define MUTATORS 2
#define HINTS 16
struct hints {
	volatile uint64_t addr[HINTS];
	volatile unsigned long ops;
};
static struct hints *hints;	/* one per mutator, shared */
static pid_t held, mutator[MUTATORS], execer, zombie;
#define CHURN 8
static pid_t churn[CHURN];
static unsigned long churned;
static const char *self_exe;

static void child_setup(void)
{
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() == 1)	/* the parent is already gone */
		_exit(0);
}

/* Map, unmap, remap, protect, advise and touch memory, forever. */
static void mutate(struct hints *h, uint64_t s)
{
	static const int advice[] = { MADV_DONTNEED, MADV_PAGEOUT, MADV_COLD,
				      MADV_HUGEPAGE, MADV_NOHUGEPAGE, MADV_FREE,
				      MADV_WILLNEED };
	static const int prots[] = { PROT_NONE, PROT_READ, PROT_READ | PROT_WRITE,
				     PROT_READ | PROT_EXEC };
	void *slot[HINTS] = { 0 };
	size_t len[HINTS] = { 0 };
	/* Bytes that may be touched: a shared mapping grown by mremap has
	 * no pages past its first size (SIGBUS). */
	size_t room[HINTS] = { 0 };
	int shared[HINTS] = { 0 };

	for (;;) {
		unsigned int i = (unsigned int)(rng_next(&s) % HINTS);
		size_t n = (1 + rng_next(&s) % 512) * PAGE, k;
		void *p;

		switch (rng_next(&s) % 6) {
		case 0:	/* map a new one */
			if (slot[i])
				munmap(slot[i], len[i]);
			shared[i] = (int)(rng_next(&s) & 1);
			p = mmap(NULL, n, PROT_READ | PROT_WRITE,
				 (shared[i] ? MAP_SHARED : MAP_PRIVATE) | MAP_ANONYMOUS,
				 -1, 0);
			slot[i] = p == MAP_FAILED ? NULL : p;
			len[i] = room[i] = slot[i] ? n : 0;
			break;
		case 1:
			if (slot[i])
				munmap(slot[i], len[i]);
			slot[i] = NULL;
			len[i] = room[i] = 0;
			break;
		case 2:
			if (!slot[i])
				break;
			p = mremap(slot[i], len[i], n, MREMAP_MAYMOVE);
			if (p != MAP_FAILED) {
				slot[i] = p;
				len[i] = n;
				if (!shared[i] || room[i] > n)
					room[i] = n;
			}
			break;
		case 3:	/* part of it: VMAs split and merge */
			k = (len[i] / 2 / PAGE + rng_next(&s) % 2) * PAGE;
			if (slot[i] && k <= len[i])
				mprotect(slot[i], k, prots[rng_next(&s) % 4]);
			break;
		case 4:
			if (slot[i])
				madvise(slot[i], len[i], advice[rng_next(&s) % 7]);
			break;
		default:	/* touch some pages, if they may be written */
			if (!slot[i])
				break;
			mprotect(slot[i], len[i], PROT_READ | PROT_WRITE);
			for (k = 0; k < room[i]; k += PAGE * (1 + rng_next(&s) % 8))
				((volatile char *)slot[i])[k] = (char)k;
			break;
		}
		h->addr[i] = (uintptr_t)slot[i] + (len[i] ? rng_next(&s) % len[i] : 0);
		h->ops++;
	}
}

static pid_t fork_child(void (*fn)(void *), void *arg)
{
	pid_t pid = fork();

	if (pid < 0) {
		printf("Bail out! fork: %s\n", strerror(errno));
		exit(1);
	}
	if (pid == 0) {
		child_setup();
		fn(arg);
		_exit(0);
	}
	return pid;
}

static void run_mutator(void *arg)
{
	struct hints *h = arg;

	mutate(h, seed * 1000 + (uint64_t)(h - hints));
}

static void run_execer(void *arg)
{
	(void)arg;
	execl(self_exe, "t_fuzz", "--exec-loop", (char *)NULL);
	_exit(3);
}

static void run_pause(void *arg)
{
	(void)arg;
	for (;;)
		pause();
}

static void run_brief(void *arg)
{
	usleep((useconds_t)(uintptr_t)arg);
}

static void start_children(void)
{
	siginfo_t si;
	int i;

	hints = mmap(NULL, MUTATORS * sizeof(*hints), PROT_READ | PROT_WRITE,
		     MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (hints == MAP_FAILED) {
		printf("Bail out! mmap: %s\n", strerror(errno));
		exit(1);
	}
	held = fork_child(run_pause, NULL);
	for (i = 0; i < MUTATORS; i++)
		mutator[i] = fork_child(run_mutator, &hints[i]);
	execer = fork_child(run_execer, NULL);
	zombie = fork_child(run_brief, NULL);
	/* Wait until it has exited, without reaping it. */
	memset(&si, 0, sizeof(si));
	waitid(P_PID, (id_t)zombie, &si, WEXITED | WNOWAIT);
}

/* Children that live a few milliseconds: some exiting at any moment. */
static void churn_step(void)
{
	int i = (int)below(CHURN);

	if (churn[i] && waitpid(churn[i], NULL, WNOHANG) == 0)
		return;
	churn[i] = fork_child(run_brief, (void *)(uintptr_t)below(20000));
	churned++;
}

/* Did the children that must live stay alive? Returns how many died. */
static int children_died(void)
{
	pid_t live[2 + MUTATORS] = { held, execer, mutator[0], mutator[1] };
	int i, status, dead = 0;

	for (i = 0; i < 2 + MUTATORS; i++)
		if (waitpid(live[i], &status, WNOHANG) == live[i]) {
			printf("# child %d died: %s %d\n", (int)live[i],
			       WIFSIGNALED(status) ? "signal" : "exit status",
			       WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
			dead++;
		}
	return dead;
}

static void stop_children(void)
{
	int i;

	reap(held);
	for (i = 0; i < MUTATORS; i++)
		reap(mutator[i]);
	reap(execer);
	waitpid(zombie, NULL, 0);
	for (i = 0; i < CHURN; i++)
		if (churn[i])
			reap(churn[i]);
}

static int pick_pid(enum pclass *c)
{
	unsigned int r = (unsigned int)below(100);

	if (r < 30) {
		*c = P_SELF;
		return chance(50) ? 0 : getpid();
	}
	if (r < 55) {
		*c = P_LIVE;
		switch (below(4)) {
		case 0: return held;
		case 1: return execer;
		default: return mutator[below(MUTATORS)];
		}
	}
	if (r < 63) {
		int k = (int)below(CHURN);

		*c = P_MAYBE;
		return churn[k] ? churn[k] : held;
	}
	if (r < 68) {
		*c = P_ZOMBIE;
		return zombie;
	}
	if (r < 72) {
		*c = P_KTHREAD;
		return 2;
	}
	if (r < 78) {
		static const int huge[] = { 4194305, 0x3fffffff, INT32_MAX, 99999999 };

		*c = P_NONE;
		return huge[below(4)];
	}
	if (r < 84) {
		static const int neg[] = { -1, -2, INT32_MIN, -4194304 };

		*c = P_NEG;
		return neg[below(4)];
	}
	if (r < 90) {
		*c = P_INIT;
		return 1;
	}
	*c = P_ANY;
	return (int)(3 + below(400));
}

/*
 * The reasons a process lookup gives: into @v's may (and fail_for_sure
 * when it must fail). pid < 0 is a static EINVAL, added by the caller.
 */
static void pid_verdict(enum pclass c, struct verdict *v)
{
	switch (c) {
	case P_SELF:
	case P_LIVE:
		break;
	case P_MAYBE:
		v->may |= B_SRCH;
		break;
	case P_ZOMBIE:
	case P_KTHREAD:
	case P_NONE:
		v->may |= B_SRCH;
		v->fail_for_sure = 1;
		break;
	case P_NEG:
		break;
	case P_INIT:
		if (!as_root) {
			v->may |= B_ACCES;
			v->fail_for_sure = 1;
		}
		break;
	case P_ANY:
		v->may |= B_SRCH | B_ACCES;
		break;
	}
}

/* ---- addresses ---- */

static uint64_t pick_addr(enum pclass c, int pid)
{
	char here;
	int i;

	switch (below(12)) {
	case 0:
		return 0;
	case 1:
		return task_size_max - PAGE + below(2) * (PAGE - 1);
	case 2:
		return task_size_max + below(3) * PAGE - below(2);	/* at and past */
	case 3:
		return 1ULL << 47;	/* user space with 5 levels (x86) or on arm64 */
	case 4:
		/* Past the user half, whatever its size. */
		return ((task_size_max + PAGE) & ~(PAGE - 1)) + below(1 << 20) * PAGE;
	case 5:
		return 0xffffffff81000000ULL + below(1 << 20);
	case 6:
		return rnd();
	case 7:
		return below(task_size_max);
	case 8:
		/* Inside our own memory: arenas, stack, code. */
		switch (below(4)) {
		case 0: return (uintptr_t)arena_a + below(A_SIZE);
		case 1: return (uintptr_t)arena_b + below(B_SIZE);
		case 2: return (uintptr_t)&here - below(1 << 16);
		default: return (uintptr_t)&pick_addr + below(1 << 16);
		}
	default:
		/* Where a mutator has memory, if the target is one. */
		for (i = 0; i < MUTATORS; i++)
			if (pid == mutator[i] && c == P_LIVE)
				return hints[i].addr[below(HINTS)] & ~(below(2) ? PAGE - 1 : 0);
		return (uintptr_t)arena_b + below(B_SIZE);
	}
}

static uint64_t maybe_align(uint64_t a)
{
	return chance(85) ? a & ~(PAGE - 1) : a;
}

/* ---- the requests ---- */

struct req {
	unsigned int nr;	/* _IOC_NR: 0..4 */
	size_t ksize, ver0;
	const char *name;
};
static const struct req reqs[] = {
	{ 0, sizeof(struct vasinfo_version), VASINFO_VERSION_SIZE_VER0, "VERSION" },
	{ 1, sizeof(struct vasinfo_mm_info), VASINFO_MM_INFO_SIZE_VER0, "MM_INFO" },
	{ 2, sizeof(struct vasinfo_vmas), VASINFO_VMAS_SIZE_VER0, "VMAS" },
	{ 3, sizeof(struct vasinfo_translate), VASINFO_TRANSLATE_SIZE_VER0, "TRANSLATE" },
	{ 4, sizeof(struct vasinfo_range), VASINFO_RANGE_SIZE_VER0, "RANGE" },
};
static const unsigned long cmds[] = { VASINFO_IOC_VERSION, VASINFO_IOC_MM_INFO,
				      VASINFO_IOC_VMAS, VASINFO_IOC_TRANSLATE,
				      VASINFO_IOC_RANGE };

static uint32_t pick_size(const struct req *r, int *tail)
{
	*tail = 0;
	switch (below(16)) {
	case 0: return 0;
	case 1: return 1 + (uint32_t)below(7);
	case 2: return (uint32_t)r->ver0 - 1 - (uint32_t)below(8);
	case 3:
	case 4:
		*tail = (int)below(2);	/* newer, zero or non-zero tail */
		return (uint32_t)r->ksize + 8 * (1 + (uint32_t)below(16));
	case 5:
		*tail = (int)below(2);
		return 4096;
	case 6: return 4097 + (uint32_t)below(2) * 60000;
	case 7: return chance(50) ? UINT32_MAX : (uint32_t)rnd();
	default: return (uint32_t)r->ksize;
	}
}

static uint32_t pick_flags(void)
{
	if (chance(85))
		return 0;
	return chance(50) ? 1u << below(32) : (uint32_t)rnd();
}

static uint32_t pick_elem(size_t ksize)
{
	switch (below(10)) {
	case 0: return 0;
	case 1: return (uint32_t)ksize - 1 - (uint32_t)below(8);
	case 2: return (uint32_t)ksize + 8 * (uint32_t)below(8);
	case 3: return 4096 + (uint32_t)below(2);
	case 4: return (uint32_t)rnd();
	default: return (uint32_t)ksize;
	}
}

/* Room for @n elements of @size bytes needed, saturating. */
static uint64_t need(uint64_t n, uint64_t size)
{
	return size && n > UINT64_MAX / size ? UINT64_MAX : n * size;
}

static unsigned char img[8192];	/* the request as built */
static uint64_t addrs_in[VASINFO_MAX_BATCH + 64];

/* Build, send and judge one ioctl. */
static void fuzz_ioctl(int fd)
{
	const struct req *r = &reqs[below(5)];
	unsigned long cmd = cmds[r->nr];
	struct verdict v = { 0, 0, 0 };
	struct ubuf sb, ab = { 0, 0, 0, K_GOOD }, ob = { 0, 0, 0, K_GOOD };
	enum pclass pc = P_SELF;
	uint32_t usize, fl;
	int tail, pid = 0, sb_canary, ob_canary = 0;
	uint64_t in_len, keep, cend, out_need = 0, start = 0, first = 0;
	size_t i;
	long rc;
	int err;

	/* A number of another size or with other bits: the same request. */
	if (chance(10))
		cmd = _IOC(_IOC_READ | _IOC_WRITE, VASINFO_IOC_MAGIC, r->nr,
			   below(1 << _IOC_SIZEBITS));
	usize = pick_size(r, &tail);
	fl = pick_flags();
	memset(img, 0, sizeof(img));
	if (usize > r->ksize && tail) {
		size_t end = usize < sizeof(img) ? usize : sizeof(img);

		img[r->ksize + below(end - r->ksize)] = (unsigned char)(1 + below(255));
	}
	pid = pick_pid(&pc);

	switch (r->nr) {
	case 0: {
		struct vasinfo_version *q = (void *)img;

		q->flags = fl;
		q->reserved = chance(90) ? 0 : (uint32_t)(1 + below(100));
		q->abi_major = (uint32_t)rnd();	/* out fields: ignored */
		if (q->reserved)
			v.must |= B_INVAL;
		pc = P_SELF;	/* no process */
		break;
	}
	case 1: {
		struct vasinfo_mm_info *q = (void *)img;

		q->flags = fl;
		q->pid = pid;
		q->map_count = (uint32_t)rnd();
		break;
	}
	case 2: {
		struct vasinfo_vmas *q = (void *)img;
		static const uint32_t counts[] = { 0, 1, 2, 31, 32, 33, 1000 };

		q->flags = fl;
		q->pid = pid;
		q->count = chance(90) ? counts[below(7)] : (uint32_t)rnd();
		q->cursor = chance(60) ? 0 : pick_addr(pc, pid);
		q->vma_size = pick_elem(sizeof(struct vasinfo_vma));
		q->done = (uint32_t)rnd();
		ob = place(pick_kind(80), arena_b, B_SIZE, NULL, 0,
			   need(q->count, q->vma_size));
		q->vmas = ob.addr;
		if (q->vma_size < sizeof(struct vasinfo_vma) || q->vma_size > 4096)
			v.must |= B_INVAL;
		out_need = need(q->count, q->vma_size);
		if (ob.wr < out_need)
			v.may |= B_FAULT;
		/* Every process has a VMA above 0. */
		if (q->count && !q->cursor && ob.wr < q->vma_size)
			v.fail_for_sure = 1;
		ob_canary = canary_set(&ob, out_need);
		break;
	}
	case 3: {
		struct vasinfo_translate *q = (void *)img;
		static const uint32_t counts[] = { 0, 1, 2, 31, 32, 33, 100, 4096, 4097 };
		uint64_t n;

		q->flags = fl;
		q->pid = pid;
		q->count = chance(92) ? counts[below(9)] : (uint32_t)rnd();
		if (chance(50) && q->count > 64 && q->count <= 4096)
			q->count = (uint32_t)below(64);
		q->result_size = pick_elem(sizeof(struct vasinfo_xlate));
		q->reserved = chance(90) ? 0 : (uint32_t)rnd() | 1;
		if (q->reserved)
			v.must |= B_INVAL;
		n = q->count < VASINFO_MAX_BATCH + 64 ? q->count : VASINFO_MAX_BATCH + 64;
		for (i = 0; i < n; i++)
			addrs_in[i] = maybe_align(pick_addr(pc, pid));
		/* Mostly addresses the module takes: */
		for (i = 0; i < n; i++)
			if (chance(90))
				addrs_in[i] %= task_size_max;
		in_len = need(q->count, 8);
		ab = place(pick_kind(88), arena_c, C_SIZE, addrs_in, n * 8, in_len);
		q->addrs = ab.addr;
		ob = place(pick_kind(88), arena_b, B_SIZE, NULL, 0,
			   need(q->count, q->result_size));
		q->results = ob.addr;
		if (q->count > VASINFO_MAX_BATCH)
			v.must |= B_2BIG;
		if (q->result_size < sizeof(struct vasinfo_xlate) ||
		    q->result_size > 4096)
			v.must |= B_INVAL;
		if (ab.rd < in_len)
			v.must |= B_FAULT;
		for (i = 0; i < n && (i + 1) * 8 <= ab.rd; i++)
			if (addrs_in[i] >= task_size_max)
				v.must |= B_INVAL;
		out_need = need(q->count, q->result_size);
		/* Every address gives a result: too little room must fail. */
		if (ob.wr < out_need) {
			v.may |= B_FAULT;
			v.fail_for_sure = 1;
		}
		ob_canary = canary_set(&ob, out_need);
		break;
	}
	default: {
		struct vasinfo_range *q = (void *)img;
		static const uint32_t counts[] = { 0, 1, 2, 31, 32, 33, 1000 };
		uint64_t len;

		q->flags = fl;
		q->pid = pid;
		q->count = chance(92) ? counts[below(7)] : (uint32_t)rnd();
		q->run_size = pick_elem(sizeof(struct vasinfo_run));
		start = maybe_align(pick_addr(pc, pid));
		switch (below(6)) {
		case 0: len = PAGE; break;
		case 1: len = PAGE * (1 + below(64)); break;
		case 2: len = PAGE * below(1 << 16); break;	/* 0 too */
		case 3: len = PAGE * below(1ULL << 20); break;	/* up to 4 GiB */
		case 4: len = rnd(); break;		/* wraps, unaligned */
		default: len = PAGE * (1 + below(512)); break;
		}
		q->start = start;
		q->end = start + len;
		if (chance(10))
			q->end = maybe_align(pick_addr(pc, pid));
		switch (below(10)) {
		case 0: q->cursor = q->start; break;
		case 1: q->cursor = q->end; break;
		case 2: q->cursor = q->start + PAGE * below(1 + (q->end - q->start) / PAGE); break;
		case 3: q->cursor = pick_addr(pc, pid); break;
		default: q->cursor = 0; break;
		}
		q->done = (uint32_t)rnd();
		q->pages_present = rnd();
		if (q->count == 0 || q->run_size < sizeof(struct vasinfo_run) ||
		    q->run_size > 4096 || q->start >= q->end ||
		    q->end > task_size_max || (q->start | q->end) & (PAGE - 1))
			v.must |= B_INVAL;
		first = q->cursor ? q->cursor : q->start;
		if (first < q->start || first > q->end || first & (PAGE - 1))
			v.must |= B_INVAL;
		ob = place(pick_kind(85), arena_b, B_SIZE, NULL, 0,
			   need(q->count, q->run_size));
		q->runs = ob.addr;
		out_need = need(q->count, q->run_size);
		if (ob.wr < out_need)
			v.may |= B_FAULT;
		/* Some page is left, so at least one run is written. */
		if (first < q->end && ob.wr < q->run_size)
			v.fail_for_sure = 1;
		ob_canary = canary_set(&ob, out_need);
		break;
	}
	}

	/* What is common to every request (RANGE knows flag bit 0). */
	if (fl & ~(r->nr == _IOC_NR(VASINFO_IOC_RANGE) ? VASINFO_RANGE_NO_FACTS : 0u))
		v.must |= B_INVAL;
	if (pc == P_NEG && r->nr != 0)
		v.must |= B_INVAL;
	if (r->nr != 0)
		pid_verdict(pc, &v);
	if (usize < r->ver0)
		v.must |= B_INVAL;
	if (usize > 4096)
		v.must |= B_2BIG;
	if (usize > r->ksize && usize <= 4096)
		for (i = r->ksize; i < usize; i++)
			if (img[i])
				v.must |= B_2BIG;
	/* The struct itself: its size field, then all the caller's bytes. */
	memcpy(img, &usize, sizeof(usize));
	sb = place(pick_kind(80), arena_a, A_SIZE, img,
		   usize < 4 ? 4 : usize < sizeof(img) ? usize : sizeof(img), usize);
	if (sb.rd < 4 || (usize <= 4096 && sb.rd < usize))
		v.must |= B_FAULT;
	keep = usize < r->ksize ? usize : r->ksize;	/* what may be written */
	if (sb.wr < keep) {
		v.may |= B_FAULT;
		v.fail_for_sure = 1;
	}
	/* Bytes after what may be written: the zero tail as built, then canary. */
	cend = usize < 4 ? 4 : usize;	/* the size field is read whatever it says */
	sb_canary = sb.kind == K_GOOD && usize <= 4096 && sb.wr >= cend + CANARY;
	if (sb_canary)
		memset((void *)(uintptr_t)(sb.addr + cend), 0xa5, CANARY);

	snprintf(desc, sizeof(desc),
		 "ioctl %s cmd %#lx size %u flags %#x pid %d (%s), struct %s %#" PRIx64
		 " (%" PRIu64 " readable, %" PRIu64 " writable), out %s %#" PRIx64
		 " (%" PRIu64 " writable, %" PRIu64 " needed), in %s (%" PRIu64 " readable)",
		 r->name, cmd, usize, fl, pid, pclass_names[pc], kind_names[sb.kind],
		 sb.addr, sb.rd, sb.wr, kind_names[ob.kind], ob.addr, ob.wr, out_need,
		 kind_names[ab.kind], ab.rd);
	if (r->nr == 3 || r->nr == 4) {
		const struct vasinfo_range *q = (const void *)img;
		const struct vasinfo_translate *t = (const void *)img;
		size_t o = strlen(desc);

		if (r->nr == 4)
			snprintf(desc + o, sizeof(desc) - o,
				 " count %u run_size %u [%#" PRIx64 ", %#" PRIx64 ") cursor %#" PRIx64,
				 q->count, q->run_size, (uint64_t)q->start,
				 (uint64_t)q->end, (uint64_t)q->cursor);
		else
			snprintf(desc + o, sizeof(desc) - o,
				 " count %u result_size %u reserved %u first addr %#" PRIx64,
				 t->count, t->result_size, t->reserved,
				 t->count ? addrs_in[0] : 0);
	} else if (r->nr == 2) {
		const struct vasinfo_vmas *q = (const void *)img;
		size_t o = strlen(desc);

		snprintf(desc + o, sizeof(desc) - o, " count %u vma_size %u cursor %#" PRIx64,
			 q->count, q->vma_size, (uint64_t)q->cursor);
	}

	st.ioctls++;
	rc = ioctl(fd, cmd, (unsigned long)sb.addr);
	err = errno;
	judge(&v, rc, err);

	if (sb_canary) {
		const unsigned char *p = (const unsigned char *)(uintptr_t)sb.addr;

		st.canary_checks++;
		for (i = keep; i < usize; i++)
			if (p[i] != img[i]) {
				st.overruns++;
				report("byte %zu of the caller's %u-byte struct changed", i, usize);
				break;
			}
		canary_check(&sb, cend, "struct");
	}
	if (ob_canary && rc == 0)
		canary_check(&ob, out_need, "result array");
	if (rc != 0 || sb.kind != K_GOOD)
		return;

	/* The reply: what can be checked without another source of truth. */
	switch (r->nr) {
	case 0: {
		const struct vasinfo_version *q = (const void *)(uintptr_t)sb.addr;

		if (q->abi_major != VASINFO_ABI_MAJOR || q->page_shift != (unsigned int)__builtin_ctzl(PAGE) ||
		    q->levels != levels || q->caps != (as_root ? VASINFO_CAP_PFN : 0u))
			bad_reply("VERSION: abi %u, page_shift %u, levels %u, caps %#x",
				  q->abi_major, q->page_shift, q->levels, q->caps);
		break;
	}
	case 1: {
		const struct vasinfo_mm_info *q = (const void *)(uintptr_t)sb.addr;

		/* A process in the middle of an exec may have half its fields. */
		if (!q->map_count || q->start_code > q->end_code ||
		    (pc == P_SELF && (q->start_brk > q->brk || q->arg_start > q->arg_end ||
				      strcmp(q->comm, "t_fuzz"))))
			bad_reply("MM_INFO: %u VMAs, code %#llx-%#llx, comm '%.16s'",
				  q->map_count, (unsigned long long)q->start_code,
				  (unsigned long long)q->end_code, q->comm);
		break;
	}
	case 2: {
		const struct vasinfo_vmas *q = (const void *)(uintptr_t)sb.addr;
		const struct vasinfo_vmas *in = (const void *)img;
		uint64_t prev = in->cursor;

		if (q->count > in->count || q->done > 1 || q->cursor < in->cursor ||
		    (q->count && !q->done && q->count != in->count)) {
			bad_reply("VMAS: asked %u from %#llx, got %u, cursor %#llx, done %u",
				  in->count, (unsigned long long)in->cursor, q->count,
				  (unsigned long long)q->cursor, q->done);
			break;
		}
		if (ob.kind != K_GOOD)
			break;
		for (i = 0; i < q->count; i++) {
			const struct vasinfo_vma *e =
				(const void *)(uintptr_t)(ob.addr + i * in->vma_size);

			if (e->start >= e->end || e->end <= prev || e->end > task_size_max ||
			    (i + 1 == q->count && e->end != q->cursor)) {
				bad_reply("VMAS: entry %zu %#llx-%#llx after %#llx, cursor %#llx",
					  i, (unsigned long long)e->start,
					  (unsigned long long)e->end,
					  (unsigned long long)prev,
					  (unsigned long long)q->cursor);
				break;
			}
			prev = e->end;
		}
		break;
	}
	case 3: {
		const struct vasinfo_translate *q = (const void *)(uintptr_t)sb.addr;
		const struct vasinfo_translate *in = (const void *)img;

		if (q->count != in->count) {
			bad_reply("TRANSLATE: %u addresses, %u results", in->count, q->count);
			break;
		}
		if (ob.kind != K_GOOD)
			break;
		for (i = 0; i < q->count; i++) {
			const struct vasinfo_xlate *x =
				(const void *)(uintptr_t)(ob.addr + i * in->result_size);

			if (x->vaddr != addrs_in[i] || x->state > VASINFO_STATE_BAD ||
			    (x->state == VASINFO_STATE_UNMAPPED) != !x->mapped ||
			    (!as_root && x->state == VASINFO_STATE_PRESENT &&
			     x->pfn != VASINFO_HIDDEN)) {
				bad_reply("TRANSLATE: result %zu for %#llx: vaddr %#llx state %u mapped %u pfn %#llx",
					  i, (unsigned long long)addrs_in[i],
					  (unsigned long long)x->vaddr, x->state,
					  x->mapped, (unsigned long long)x->pfn);
				break;
			}
		}
		break;
	}
	default: {
		const struct vasinfo_range *q = (const void *)(uintptr_t)sb.addr;
		const struct vasinfo_range *in = (const void *)img;
		uint64_t at = first, pages = 0;

		if (q->count > in->count || q->cursor < first || q->cursor > in->end ||
		    q->cursor & (PAGE - 1) || q->done != (q->cursor == in->end) ||
		    q->pages_present + q->pages_swapped + q->pages_none !=
			    (q->cursor - first) / PAGE ||
		    (q->cursor - first) / PAGE > VASINFO_MAX_RANGE_PAGES) {
			bad_reply("RANGE: [%#llx, %#llx) from %#llx: %u runs, cursor %#llx, done %u, pages %llu+%llu+%llu",
				  (unsigned long long)in->start,
				  (unsigned long long)in->end,
				  (unsigned long long)first, q->count,
				  (unsigned long long)q->cursor, q->done,
				  (unsigned long long)q->pages_present,
				  (unsigned long long)q->pages_swapped,
				  (unsigned long long)q->pages_none);
			break;
		}
		if (ob.kind != K_GOOD)
			break;
		/* The runs tile [first, cursor) exactly. */
		for (i = 0; i < q->count; i++) {
			const struct vasinfo_run *u =
				(const void *)(uintptr_t)(ob.addr + i * in->run_size);

			if (u->vaddr != at || !u->pages || u->state > VASINFO_STATE_BAD) {
				bad_reply("RANGE: run %zu at %#llx (%llu pages, state %u), expected at %#llx",
					  i, (unsigned long long)u->vaddr,
					  (unsigned long long)u->pages, u->state,
					  (unsigned long long)at);
				break;
			}
			at += u->pages * PAGE;
			pages += u->pages;
		}
		if (i == q->count && at != q->cursor)
			bad_reply("RANGE: runs end at %#llx, cursor %#llx (%llu pages)",
				  (unsigned long long)at, (unsigned long long)q->cursor,
				  (unsigned long long)pages);
		break;
	}
	}
}

/* An ioctl number that is none of ours: ENOTTY, whatever the argument. */
static void fuzz_number(int fd)
{
	struct verdict v = { B_NOTTY, 0, 0 };
	unsigned long cmd;
	unsigned int type;
	uint64_t arg;
	long rc;

	for (;;) {
		switch (below(4)) {
		case 0:	/* our type, another number */
			cmd = _IOC(_IOC_READ | _IOC_WRITE, VASINFO_IOC_MAGIC,
				   6 + below(250), below(1 << _IOC_SIZEBITS));
			break;
		case 1:	/* our number, another direction */
			cmd = _IOC(below(3), VASINFO_IOC_MAGIC, below(8),
				   below(1 << _IOC_SIZEBITS));
			break;
		case 2:	/* a real one with bits flipped */
			cmd = cmds[below(5)] ^ (1UL << below(32));
			/* RANGE (4) with bit 0 flipped is COUNTS (5): real too. */
			break;
		default:
			cmd = (uint32_t)rnd();
			break;
		}
		type = _IOC_TYPE(cmd);
		if (type == VASINFO_IOC_MAGIC &&
		    _IOC_DIR(cmd) == (_IOC_READ | _IOC_WRITE) && _IOC_NR(cmd) <= 5)
			continue;	/* a real request after all */
		/*
		 * Types the VFS answers itself before any driver (FIOCLEX, FIFREEZE,
		 * FS_IOC_*, FICLONE, FIGETBSZ...): not the module's, and some would
		 * change the device node.
		 */
		if (type == 0 || type == 'T' || type == 'X' || type == 'f' ||
		    type == 0x94)
			continue;
		break;
	}
	switch (below(4)) {
	case 0: arg = 0; break;
	case 1: arg = (uintptr_t)arena_a; break;
	case 2: arg = 0xffffffff81000000ULL; break;
	default: arg = rnd(); break;
	}
	snprintf(desc, sizeof(desc), "ioctl cmd %#lx arg %#" PRIx64, cmd, arg);
	st.bad_numbers++;
	rc = ioctl(fd, cmd, (unsigned long)arg);
	judge(&v, rc, errno);
}

/* ---- the text side: writes, reads, lseeks ---- */

struct fdstate {
	int fd;
	enum pclass target;	/* of the reports read */
	int target_pid;		/* 0: the reader */
	int64_t pos;		/* f_pos, -1 when unknown */
};

static void fd_open(struct fdstate *f)
{
	f->fd = open("/dev/vasinfo", O_RDWR);
	if (f->fd < 0) {
		printf("Bail out! open /dev/vasinfo: %s\n", strerror(errno));
		exit(1);
	}
	f->target = P_SELF;
	f->target_pid = 0;
	f->pos = 0;
}

/* The README's grammar: "pid N" (N > 0, decimal) or "self", one optional
 * newline, under 32 bytes. Returns 1 valid, 0 invalid, -1 not said. */
static int command_valid(const char *b, size_t len, long *nr)
{
	char line[64];
	size_t n = len, i;
	int plus = 0;
	long v = 0;

	if (len == 0 || len >= 32)
		return 0;
	memcpy(line, b, len);
	line[len] = '\0';
	if (line[n - 1] == '\n')
		line[--n] = '\0';
	if (strlen(line) != n || strchr(line, '\n'))
		return 0;
	if (!strcmp(line, "self")) {
		*nr = 0;
		return 1;
	}
	if (strncmp(line, "pid ", 4))
		return 0;
	i = 4;
	if (line[i] == '+') {	/* kstrtoint takes it; the README does not say */
		plus = 1;
		i++;
	}
	if (!line[i])
		return 0;
	for (; line[i]; i++) {
		if (line[i] < '0' || line[i] > '9')
			return 0;
		v = v * 10 + (line[i] - '0');
		if (v > INT32_MAX)
			return 0;
	}
	if (v <= 0)
		return 0;
	*nr = v;
	return plus ? -1 : 1;
}

static char wbuf[256];

static void fuzz_write(struct fdstate *f)
{
	struct verdict v = { 0, 0, 0 };
	enum pclass pc = P_SELF;
	int pid = 0, valid, err;
	size_t len;
	struct ubuf b;
	long nr = -1;
	ssize_t rc;

	switch (below(8)) {
	case 0:
		len = (size_t)snprintf(wbuf, sizeof(wbuf), "self%s", chance(50) ? "\n" : "");
		break;
	case 1: {	/* random bytes */
		size_t i;

		len = (size_t)below(40);
		for (i = 0; i < len; i++)
			wbuf[i] = (char)rnd();
		break;
	}
	case 2: {	/* "pid N" with something odd */
		/* what comes before and after the number */
		static const char *const odd[][2] = {
			{ "pid ", "\n\n" }, { "pid  ", "" }, { "pid ", " " }, { "pid +", "" },
			{ "pid 0", "" }, { "PID ", "" }, { "pid\t", "" }, { "pid ", "x" },
			{ "pid -", "" }, { "pid ", "00000000000" }, { "pid 0x", "" },
			{ " pid ", "" }, { "pid ", "\n " },
		};
		const char *const *o;

		pid = pick_pid(&pc);
		o = odd[below(13)];
		len = (size_t)snprintf(wbuf, sizeof(wbuf), "%s%d%s", o[0], pid, o[1]);
		if (len > sizeof(wbuf) - 1)
			len = sizeof(wbuf) - 1;
		if (chance(30))
			len++;	/* the NUL too */
		break;
	}
	default:
		pid = pick_pid(&pc);
		len = (size_t)snprintf(wbuf, sizeof(wbuf), "pid %d%s", pid,
				       chance(50) ? "\n" : "");
		break;
	}
	if (chance(10))
		len = chance(50) ? 32 + below(200) : (size_t)(1ULL << (20 + below(40)));
	b = place(pick_kind(85), arena_a, A_SIZE, wbuf, len < sizeof(wbuf) ? len : sizeof(wbuf), len);
	valid = len <= sizeof(wbuf) ? command_valid(wbuf, len, &nr) : 0;

	if (valid == 0) {
		v.must |= B_INVAL;
		if (len == 0)
			v.fail_for_sure = 0, v.must = 0, v.may |= B_INVAL;	/* 0 or EINVAL */
	} else if (nr > 0) {
		/* Which process the pid is, as the model knows it. */
		if (nr != pid)
			pc = P_ANY;
		if (nr == getpid())
			pc = P_SELF;
		pid_verdict(pc, &v);
		if (valid < 0)
			v.may |= B_INVAL;
	} else if (valid < 0) {
		v.may |= B_INVAL;
	}
	/* Bytes the module must read (or the VFS refuses the pointer). */
	if (len && b.rd < (len < 32 ? len : 1)) {
		v.may |= B_FAULT;
		if (len < 32)
			v.must |= B_FAULT;
	}
	if ((len >= 32 && b.rd < len) || not_user(&b))
		v.may |= B_FAULT;

	snprintf(desc, sizeof(desc), "write %zu bytes \"%.*s\" from %s %#" PRIx64
		 " (%" PRIu64 " readable); pid class %s",
		 len, (int)(len < 48 ? len : 48), wbuf, kind_names[b.kind], b.addr,
		 b.rd, pclass_names[pc]);
	st.writes++;
	rc = write(f->fd, (const void *)(uintptr_t)b.addr, len);
	err = errno;
	judge(&v, rc, err);
	if (rc >= 0 && (size_t)rc != len && len)
		bad_reply("write of %zu bytes returned %zd", len, rc);
	if (rc > 0) {
		f->target = nr > 0 ? pc : P_SELF;
		f->target_pid = nr > 0 ? (int)nr : 0;
		f->pos = 0;
	}
}

static void fuzz_read(struct fdstate *f)
{
	static const size_t sizes[] = { 0, 1, 7, 100, 4096, 65536 };
	struct verdict v = { 0, 0, 0 };
	struct ubuf b;
	size_t len;
	ssize_t rc;
	int err;

	len = chance(70) ? sizes[below(6)] : (size_t)below(1 << 17);
	if (chance(5))
		len = (size_t)1 << (20 + below(43));
	b = place(pick_kind(85), arena_b, B_SIZE, NULL, 0, len);
	pid_verdict(f->target, &v);
	/* read(2) refuses a pointer outside user space even for 0 bytes. */
	if (b.wr < len || not_user(&b))
		v.may |= B_FAULT;
	/* At the start of a report there is a header to copy. */
	if (len && f->pos == 0 && b.wr == 0)
		v.fail_for_sure = 1;

	snprintf(desc, sizeof(desc), "read %zu bytes into %s %#" PRIx64
		 " (%" PRIu64 " writable) at %" PRId64 ", target %d (%s)",
		 len, kind_names[b.kind], b.addr, b.wr, f->pos, f->target_pid,
		 pclass_names[f->target]);
	st.reads++;
	rc = read(f->fd, (void *)(uintptr_t)b.addr, len);
	err = errno;
	judge(&v, rc, err);
	if (rc < 0) {
		f->pos = -1;
		return;
	}
	if ((size_t)rc > len || (uint64_t)rc > b.wr)
		bad_reply("read of %zu bytes returned %zd", len, rc);
	if (f->pos == 0 && rc >= 6 && b.kind == K_GOOD) {
		const char *p = (const char *)(uintptr_t)b.addr;
		int shown;

		if (strncmp(p, "pid:", 4))
			bad_reply("report does not start with 'pid:': '%.20s'", p);
		else if (rc >= 16 && sscanf(p + 4, "%d", &shown) == 1 &&
			 memchr(p, '\n', (size_t)rc) &&
			 shown != (f->target_pid ? f->target_pid : getpid()))
			bad_reply("report of pid %d, expected %d", shown,
				  f->target_pid ? f->target_pid : getpid());
	}
	if (f->pos >= 0)
		f->pos += rc;
}

static void fuzz_lseek(struct fdstate *f)
{
	static const int whences[] = { SEEK_SET, SEEK_CUR, SEEK_END, SEEK_DATA,
				       SEEK_HOLE, 7, -1 };
	struct verdict v = { 0, 0, 0 };
	int whence = chance(80) ? (int)below(2) : whences[below(7)];
	int64_t off, want = -1;
	off_t rc;
	int err;

	switch (below(6)) {
	case 0: off = 0; break;
	case 1: off = (int64_t)below(200); break;
	case 2: off = (int64_t)below(1 << 16); break;
	case 3: off = -(int64_t)below(1 << 16) - 1; break;
	case 4: off = (int64_t)(rnd() >> 1); break;
	default: off = (int64_t)rnd(); break;
	}
	if (whence != SEEK_SET && whence != SEEK_CUR) {
		v.must |= B_INVAL;
	} else if (whence == SEEK_SET || f->pos >= 0) {
		want = whence == SEEK_SET ? off : f->pos + off;
		if (whence == SEEK_CUR && off > 0 && f->pos > INT64_MAX - off)
			want = -1;	/* overflows: not said */
		if (want < 0 && !(whence == SEEK_CUR && off > 0))
			v.must |= B_INVAL;
	} else {
		v.may |= B_INVAL;
	}
	if (want < 0)
		v.may |= B_INVAL;
	if (!v.must)
		pid_verdict(f->target, &v);

	snprintf(desc, sizeof(desc), "lseek %" PRId64 " whence %d at %" PRId64 ", target %d (%s)",
		 off, whence, f->pos, f->target_pid, pclass_names[f->target]);
	st.seeks++;
	rc = lseek(f->fd, (off_t)off, whence);
	err = errno;
	judge(&v, rc, err);
	if (rc >= 0 && want >= 0 && rc != want)
		bad_reply("lseek to %" PRId64 " returned %lld", want, (long long)rc);
	f->pos = rc >= 0 ? rc : -1;
}

/* ---- after the storm: does it still answer right? ---- */

static char mapsbuf[1 << 20], repbuf[1 << 20];

static int final_check(char *why, size_t whylen)
{
	struct vasinfo_version ver = { .size = sizeof(ver) };
	struct vasinfo_vma *vmas = NULL;
	struct regions maps, rep;
	struct report_header h;
	struct vasinfo_xlate x;
	volatile char *page;
	uint64_t a;
	ssize_t n;
	int fd, i, rc;

	fd = open("/dev/vasinfo", O_RDWR);
	if (fd < 0)
		return snprintf(why, whylen, "open: %s", strerror(errno)), -1;
	if (ioctl(fd, VASINFO_IOC_VERSION, &ver) || ver.abi_major != VASINFO_ABI_MAJOR ||
	    ver.levels != levels) {
		snprintf(why, whylen, "VERSION: %s, abi %u levels %u", strerror(errno),
			 ver.abi_major, ver.levels);
		return -1;
	}
	/* A page touched now is present, at the address asked. */
	page = (volatile char *)arena_b;
	page[0] = 1;
	a = (uintptr_t)page;
	rc = vi_translate(fd, 0, &a, 1, &x);
	if (rc || x.state != VASINFO_STATE_PRESENT || x.vaddr != a || !x.mapped) {
		snprintf(why, whylen, "TRANSLATE of a touched page: %d, state %u", rc, x.state);
		return -1;
	}
	/* VMAS and the text report against /proc/self/maps, read together. */
	regions_init(&maps, 4096);
	regions_init(&rep, 4096);
	n = vi_vmas(fd, 0, &vmas);
	if (read_path("/proc/self/maps", mapsbuf, sizeof(mapsbuf)) < 0 ||
	    parse_maps(mapsbuf, &maps, why, whylen))
		return -1;
	if (n != maps.n) {
		snprintf(why, whylen, "VMAS gave %zd regions, maps %d", n, maps.n);
		return -1;
	}
	for (i = 0; i < maps.n; i++)
		if (vmas[i].start != maps.v[i].start || vmas[i].end != maps.v[i].end) {
			snprintf(why, whylen, "VMA %d: %#llx-%#llx, maps %#lx-%#lx", i,
				 (unsigned long long)vmas[i].start,
				 (unsigned long long)vmas[i].end, maps.v[i].start,
				 maps.v[i].end);
			return -1;
		}
	free(vmas);
	n = read_fd_all(fd, repbuf, sizeof(repbuf), 4096);
	close(fd);
	if (n < 0)
		return snprintf(why, whylen, "read: %s", strerror((int)-n)), -1;
	if (read_path("/proc/self/maps", mapsbuf, sizeof(mapsbuf)) < 0 ||
	    parse_maps(mapsbuf, &maps, why, whylen) ||
	    parse_report(repbuf, &h, &rep, why, whylen) ||
	    compare_regions(&rep, &maps, why, whylen))
		return -1;
	if (h.pid != getpid()) {
		snprintf(why, whylen, "report of pid %d, not %d", h.pid, getpid());
		return -1;
	}
	free(maps.v);
	free(rep.v);
	return 0;
}

/* ---- main ---- */

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void exec_loop(void)
{
	/* Some memory of its own, then the next exec. */
	char *p = mmap(NULL, 64 * PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p != MAP_FAILED)
		memset(p, 1, 16 * PAGE);
	usleep(1000);
	execl("/proc/self/exe", "t_fuzz", "--exec-loop", (char *)NULL);
	_exit(3);
}

int main(int argc, char **argv)
{
	struct fdstate fds[2];
	double seconds = 4, t0;
	unsigned long max_iter = 0;
	struct vasinfo_version ver = { .size = sizeof(ver) };
	char why[512] = "";
	int user = -1, i;
	const char *who;

	seed = 1;
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--exec-loop"))
			exec_loop();
		else if (!strcmp(argv[i], "--user") && i + 1 < argc)
			user = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--seed") && i + 1 < argc)
			seed = strtoull(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "--seconds") && i + 1 < argc)
			seconds = atof(argv[++i]);
		else if (!strcmp(argv[i], "--iterations") && i + 1 < argc)
			max_iter = strtoul(argv[++i], NULL, 0);
		else {
			fprintf(stderr, "usage: t_fuzz [--user U] [--seed S] [--seconds T] [--iterations N]\n");
			return 2;
		}
	}
	if (user >= 0)
		drop_to((uid_t)user);
	as_root = geteuid() == 0;
	who = as_root ? "root" : "user";
	setvbuf(stdout, NULL, _IOLBF, 0);	/* as ktap_header() */
	printf("KTAP version 1\n# suite: vasinfo-fuzz-%s\n", who);
	printf("# seed %" PRIu64 ", %.0f s, as uid %d (again: t_fuzz%s --seed %" PRIu64
	       " %s)\n", seed, seconds, (int)geteuid(), user >= 0 ? " --user UID" : "",
	       seed, max_iter ? "--iterations N" : "--seconds T");
	fflush(stdout);
	ktap_plan(7);
	rs = seed;
	self_exe = "/proc/self/exe";

	arena_a = guarded(A_SIZE, PROT_READ | PROT_WRITE);
	arena_b = guarded(B_SIZE, PROT_READ | PROT_WRITE);
	arena_c = guarded(C_SIZE, PROT_READ | PROT_WRITE);
	ro = guarded(RO_SIZE, PROT_READ);
	guard = arena_a - PAGE;

	fd_open(&fds[0]);
	fd_open(&fds[1]);
	if (ioctl(fds[0].fd, VASINFO_IOC_VERSION, &ver)) {
		printf("Bail out! VERSION: %s\n", strerror(errno));
		return 1;
	}
	levels = ver.levels;
	task_size_max = task_size_max_of(&ver);
	if (!task_size_max) {
		printf("Bail out! VERSION's task_size_max %#llx is not this architecture's\n",
		       (unsigned long long)ver.task_size_max);
		return 1;
	}
	/* self_exe must be resolved now: the children exec it. */
	{
		static char exe[256];
		ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

		if (n > 0) {
			exe[n] = '\0';
			self_exe = exe;
		}
	}
	start_children();

	t0 = now();
	for (iter = 0;; iter++) {
		struct fdstate *f = &fds[below(2)];
		unsigned int r;

		if (max_iter ? iter >= max_iter : (iter % 16 == 0 && now() - t0 >= seconds))
			break;
		r = (unsigned int)below(100);
		if (r < 55)
			fuzz_ioctl(f->fd);
		else if (r < 63)
			fuzz_number(f->fd);
		else if (r < 77)
			fuzz_write(f);
		else if (r < 89)
			fuzz_read(f);
		else if (r < 95)
			fuzz_lseek(f);
		else if (r < 98)
			churn_step();
		else {
			close(f->fd);
			fd_open(f);
		}
	}
	t0 = now() - t0;
	close(fds[0].fd);
	close(fds[1].fd);
	printf("# %lu iterations in %.1f s: %lu ioctls, %lu unknown numbers, %lu writes, %lu reads, %lu lseeks; %lu short-lived children; mutators did %lu and %lu memory operations\n",
	       iter, t0, st.ioctls, st.bad_numbers, st.writes, st.reads, st.seeks,
	       churned, hints[0].ops, hints[1].ops);
	ktap_ok(!children_died() && hints[0].ops > 100 && hints[1].ops > 100,
		"the children inspected stayed alive, the mutators busy (%lu, %lu memory operations)",
		hints[0].ops, hints[1].ops);
	stop_children();

	ktap_ok(st.undocumented == 0,
		"%lu random calls as uid %d, seed %" PRIu64 ": only documented errnos (%lu not)",
		st.calls, (int)geteuid(), seed, st.undocumented);
	ktap_ok(st.must_fail_missed == 0,
		"%lu calls that a documented rule makes fail, as uid %d, seed %" PRIu64 ": all failed (%lu did not)",
		st.must_fail, (int)geteuid(), seed, st.must_fail_missed);
	ktap_ok(st.unexplained == 0,
		"%lu failed calls as uid %d, seed %" PRIu64 ": each for a reason that holds (%lu not)",
		st.calls - st.successes, (int)geteuid(), seed, st.unexplained);
	ktap_ok(st.bad_replies == 0,
		"%lu successful calls as uid %d, seed %" PRIu64 ": replies consistent (%lu not)",
		st.successes, (int)geteuid(), seed, st.bad_replies);
	ktap_ok(st.overruns == 0 && st.canary_checks > 0,
		"%lu buffers checked as uid %d, seed %" PRIu64 ": nothing written past the caller's sizes (%lu overruns)",
		st.canary_checks, (int)geteuid(), seed, st.overruns);
	ktap_ok(!final_check(why, sizeof(why)),
		"as uid %d after fuzzing: VERSION, TRANSLATE, VMAS and the report of self agree with /proc/self/maps%s%s",
		(int)geteuid(), *why ? ": " : "", why);
	return ktap_finish();
}
