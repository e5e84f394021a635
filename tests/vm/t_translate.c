// SPDX-License-Identifier: MIT
/*
 * Integration tests of translation (VASINFO_IOC_TRANSLATE, _RANGE, _VMAS,
 * _MM_INFO) against the kernel's own /proc/PID/pagemap, /proc/kpageflags
 * and /proc/kpagecount, read in the same run on held (paused) processes.
 *
 *   t_translate            as root (frames visible)
 *   t_translate --user U   as uid U: frames hidden exactly where pagemap
 *                          hides them
 */
#define _GNU_SOURCE
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <grp.h>
#include <stdint.h>
#include <time.h>

#include "vmtest.h"

#define PM_PRESENT (1ULL << 63)
#define PM_SWAP (1ULL << 62)
#define PM_PFN_MASK ((1ULL << 55) - 1)
#define KPF_ANON 12
#define KPF_HEAD 15
#define KPF_TAIL 16
#define KPF_HUGE 17
#define KPF_KSM 21
#define KPF_THP 22
#define KPF_ZERO 24
#define KPF_HWPOISON 19
#define MAX_PAGES (1 << 20)

static int dev = -1, is_root, quiet;
static uint64_t *addrs;
static struct vasinfo_xlate *res;

/* ---- comparison with /proc --------------------------------------------- */

/* One 64-bit entry of /proc/kpageflags or /proc/kpagecount (kept open). */
static int pread_u64(const char *path, uint64_t index, uint64_t *out)
{
	static int fds[2] = { -1, -1 };
	int which = strstr(path, "count") != NULL;

	if (fds[which] < 0)
		fds[which] = open(path, O_RDONLY);
	if (fds[which] < 0)
		return -errno;
	return pread(fds[which], out, 8, (off_t)(index * 8)) == 8 ? 0 : -EIO;
}

/*
 * kpageflags' KSM bit, where the kernel's own count says it can be true.
 * 6.12's stable_page_flags() sets KPF_KSM on every anonymous page (it
 * tests mapping & PAGE_MAPPING_KSM, which the anon bit alone passes);
 * where /sys/kernel/mm/ksm/pages_shared is 0 (or absent: no KSM) there is
 * no KSM page in the system, and vasinfo must say none is.
 */
static int kpf_ksm(uint64_t kpf)
{
	static int any = -1;
	char buf[32];

	if (any < 0) {
		any = read_path("/sys/kernel/mm/ksm/pages_shared", buf, sizeof(buf)) > 0 &&
		      atol(buf) > 0;
		if (!any)
			diag("KSM has merged no page (/sys/kernel/mm/ksm/pages_shared): kpageflags' KSM bit is taken as 0");
	}
	return any && ((kpf >> KPF_KSM) & 1);
}

struct tally {
	long pages, present, swapped, mismatches, kpf_checked;
};

/* Compare one translated page with pagemap (+ kpageflags/kpagecount). */
static void check_page(const struct vasinfo_xlate *x, uint64_t pm,
		       struct tally *t, const char *what)
{
	char why[300] = "";
	uint64_t frame = pm & PM_PFN_MASK;
	int present = x->state == VASINFO_STATE_PRESENT;
	int swapped = x->state == VASINFO_STATE_SWAP ||
		      x->state == VASINFO_STATE_MIGRATION;
	/* Every swap-format entry sets pagemap's swap bit, not only swap. */
	int swapfmt = swapped || x->state == VASINFO_STATE_HWPOISON ||
		      x->state == VASINFO_STATE_MARKER ||
		      x->state == VASINFO_STATE_DEVICE;
	int pfnmap = (x->vma_flags & VASINFO_VMA_PFNMAP) != 0;

	t->pages++;
	t->present += present;
	t->swapped += x->state == VASINFO_STATE_SWAP;
	if (x->pagemap != pm)
		snprintf(why, sizeof(why), "pagemap field %016llx, /proc says %016llx",
			 (unsigned long long)x->pagemap, (unsigned long long)pm);
	else if (!pfnmap && present != !!(pm & PM_PRESENT))
		snprintf(why, sizeof(why), "state %s, pagemap present %d",
			 vi_state_name(x->state), !!(pm & PM_PRESENT));
	else if (!pfnmap && swapfmt != !!(pm & PM_SWAP))
		snprintf(why, sizeof(why), "state %s, pagemap swap %d",
			 vi_state_name(x->state), !!(pm & PM_SWAP));
	else if (present && !pfnmap && is_root && x->pfn != frame)
		snprintf(why, sizeof(why), "pfn %llx, pagemap %llx",
			 (unsigned long long)x->pfn, (unsigned long long)frame);
	else if (present && !is_root && (x->pfn != VASINFO_HIDDEN || frame))
		snprintf(why, sizeof(why), "unprivileged: pfn %llx, pagemap frame %llx",
			 (unsigned long long)x->pfn, (unsigned long long)frame);
	else if (swapped && is_root &&
		 (x->swap_type != (frame & 31) || x->swap_offset != frame >> 5))
		snprintf(why, sizeof(why), "swap %llu:%llx, pagemap %llu:%llx",
			 (unsigned long long)x->swap_type,
			 (unsigned long long)x->swap_offset,
			 (unsigned long long)(frame & 31),
			 (unsigned long long)(frame >> 5));
	else if (present && x->paddr != (is_root ? (x->pfn * PG | (x->vaddr & (PG - 1))) : VASINFO_HIDDEN))
		snprintf(why, sizeof(why), "paddr %llx for pfn %llx",
			 (unsigned long long)x->paddr, (unsigned long long)x->pfn);

	/* Page facts against kpageflags and kpagecount, for root. */
	if (!why[0] && present && is_root && !pfnmap &&
	    !(x->page & VASINFO_PAGE_NO_STRUCT)) {
		uint64_t kpf = 0, cnt = 0;

		if (!pread_u64("/proc/kpageflags", x->pfn, &kpf) &&
		    !pread_u64("/proc/kpagecount", x->pfn, &cnt)) {
			t->kpf_checked++;
#define KBIT(b) ((kpf >> (b)) & 1)
#define VBIT(f) ((x->page & (f)) != 0)
			if (KBIT(KPF_ANON) != VBIT(VASINFO_PAGE_ANON) ||
			    kpf_ksm(kpf) != VBIT(VASINFO_PAGE_KSM) ||
			    KBIT(KPF_HEAD) != VBIT(VASINFO_PAGE_HEAD) ||
			    KBIT(KPF_TAIL) != VBIT(VASINFO_PAGE_TAIL) ||
			    KBIT(KPF_HUGE) != VBIT(VASINFO_PAGE_HUGETLB) ||
			    (KBIT(KPF_THP) && !KBIT(KPF_HUGE)) != VBIT(VASINFO_PAGE_THP) ||
			    (KBIT(KPF_ZERO) && !KBIT(KPF_THP)) != VBIT(VASINFO_PAGE_ZERO))
				snprintf(why, sizeof(why), "kpageflags %llx vs page facts %llx",
					 (unsigned long long)kpf,
					 (unsigned long long)x->page);
			else if ((int64_t)cnt != x->mapcount)
				snprintf(why, sizeof(why), "kpagecount %llu, mapcount %lld",
					 (unsigned long long)cnt, (long long)x->mapcount);
		}
	}
	if (why[0]) {
		if (t->mismatches < 5 && !quiet)
			diag("%s: %#llx (%s, %s): %s", what,
			     (unsigned long long)x->vaddr, vi_state_name(x->state),
			     vi_segment_name(0), why);
		t->mismatches++;
	}
}

/*
 * Translate every page of every VMA of @pid (up to MAX_PAGES) and compare
 * each with /proc/PID/pagemap. Returns the tally.
 */
static int translate1(pid_t pid, uint64_t addr, struct vasinfo_xlate *x);

static struct tally compare_all(pid_t pid, const char *what)
{
	struct tally t = { 0 };
	struct vasinfo_vma *v = NULL;
	char path[64];
	ssize_t nv, i;
	size_t n = 0, k;
	int pmfd, rc;

	nv = vi_vmas(dev, pid, &v);
	if (nv <= 0) {
		diag("%s: VMAS: %s", what, strerror((int)-nv));
		t.mismatches = 1;
		return t;
	}
	for (i = 0; i < nv; i++)
		for (uint64_t a = v[i].start; a < v[i].end && n < MAX_PAGES; a += PG)
			addrs[n++] = a;
	rc = vi_translate(dev, pid, addrs, n, res);
	snprintf(path, sizeof(path), "/proc/%d/pagemap", (int)pid);
	pmfd = open(path, O_RDONLY);
	if (rc || pmfd < 0) {
		diag("%s: translate %s, open pagemap %s", what, strerror(-rc),
		     strerror(errno));
		t.mismatches = 1;
		free(v);
		if (pmfd >= 0)
			close(pmfd);
		return t;
	}
	for (k = 0; k < n; k++) {
		uint64_t pm = 0;
		long before = t.mismatches;

		if (pread(pmfd, &pm, 8, (off_t)(addrs[k] / PG * 8)) != 8)
			pm = ~0ULL;
		quiet = 1;
		check_page(&res[k], pm, &t, what);
		quiet = 0;
		/*
		 * The two interfaces are read at different moments: a page
		 * shared copy-on-write with a running process can change in
		 * between. Look again, up to three times; a real difference
		 * stays.
		 */
		for (int retry = 0; retry < 3 && t.mismatches > before; retry++) {
			struct tally again = { 0 };
			struct vasinfo_xlate x;

			again.mismatches = 100;	/* quiet */
			if (translate1(pid, addrs[k], &x) ||
			    pread(pmfd, &pm, 8, (off_t)(addrs[k] / PG * 8)) != 8)
				break;
			quiet = 1;
			check_page(&x, pm, &again, what);
			quiet = 0;
			if (again.mismatches == 100) {
				t.mismatches = before;
				t.pages--;
				t.present -= x.state == VASINFO_STATE_PRESENT;
				t.swapped -= x.state == VASINFO_STATE_SWAP;
			}
		}
		if (t.mismatches > before) {
			/* Say what stayed different. */
			struct tally say = { 0 };

			say.mismatches = t.mismatches - 1;
			check_page(&res[k], pm, &say, what);
		}
	}
	close(pmfd);
	free(v);
	return t;
}

static void expect_all(pid_t pid, const char *what)
{
	struct tally t = compare_all(pid, what);

	ktap_ok(t.mismatches == 0 && t.pages > 0,
		"%s: %ld pages (%ld present, %ld swapped, %ld checked against kpageflags/kpagecount) equal pagemap",
		what, t.pages, t.present, t.swapped, t.kpf_checked);
}

static int translate1(pid_t pid, uint64_t addr, struct vasinfo_xlate *x)
{
	return vi_translate(dev, pid, &addr, 1, x);
}

/* ---- held processes ---------------------------------------------------- */

/* Addresses a held child publishes, in memory shared with the parent. */
struct shared_info {
	uint64_t a[8];
};
static struct shared_info *info;

static void setup_mixed(void *arg)
{
	char *touched, *untouched, *readonly, *none, *file;
	int fd = open("/bin/busybox", O_RDONLY);

	(void)arg;
	touched = mmap(NULL, 32 * PG, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	untouched = mmap(NULL, 32 * PG, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	readonly = mmap(NULL, 8 * PG, PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	none = mmap(NULL, 8 * PG, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	file = mmap(NULL, 64 * PG, PROT_READ, MAP_PRIVATE, fd, 0);
	if (touched == MAP_FAILED || untouched == MAP_FAILED ||
	    readonly == MAP_FAILED || none == MAP_FAILED || file == MAP_FAILED)
		_exit(10);
	memset(touched, 7, 32 * PG);
	for (int i = 0; i < 8; i++)
		(void)*(volatile char *)(readonly + (i * PG)); /* zero page */
	memset(none, 1, 8 * PG);
	mprotect(none, 8 * PG, PROT_NONE);
	for (int i = 0; i < 64; i += 2)
		(void)*(volatile char *)(file + (i * PG));
	info->a[0] = (uintptr_t)touched;
	info->a[1] = (uintptr_t)untouched;
	info->a[2] = (uintptr_t)readonly;
	info->a[3] = (uintptr_t)none;
	info->a[4] = (uintptr_t)file;
}

static void setup_thp(void *arg)
{
	size_t len = 4 * PMD_SZ;
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *a = (char *)(((uintptr_t)p + PMD_SZ - 1) & ~(PMD_SZ - 1));

	(void)arg;
	if (p == MAP_FAILED || madvise(a, 2 * PMD_SZ, MADV_HUGEPAGE))
		_exit(10);
	memset(a, 3, 2 * PMD_SZ);
	info->a[0] = (uintptr_t)a;
}

static void setup_hugetlb(void *arg)
{
	size_t size = *(size_t *)arg;
	int flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_HUGETLB |
		    (__builtin_ctzl(size) << MAP_HUGE_SHIFT);
	char *p = mmap(NULL, size, PROT_READ | PROT_WRITE, flags, -1, 0);

	info->a[0] = p == MAP_FAILED ? 0 : (uintptr_t)p;
	if (p != MAP_FAILED)
		memset(p, 5, PG);
}

/*
 * Pages of the n at addr that pid's pagemap (0: our own) shows swapped;
 * *first gets the first of them, or 0.
 */
static uint64_t swapped_pages(pid_t pid, uint64_t addr, size_t n, uint64_t *first)
{
	char path[64];
	uint64_t count = 0, e;
	int fd;

	snprintf(path, sizeof(path), pid ? "/proc/%d/pagemap" : "/proc/self/pagemap",
		 (int)pid);
	fd = open(path, O_RDONLY);
	*first = 0;
	for (size_t i = 0; fd >= 0 && i < n; i++)
		if (pread(fd, &e, 8, (addr / PG) * 8 + i * 8) == 8 && (e & PM_SWAP)) {
			if (!count++)
				*first = addr + i * PG;
		}
	if (fd >= 0)
		close(fd);
	return count;
}

static void setup_swap(void *arg)
{
	size_t len = 64 * PG;
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	unsigned int seed = 42;
	uint64_t first;

	(void)arg;
	if (p == MAP_FAILED)
		_exit(10);
	for (size_t i = 0; i < len; i++)
		p[i] = (char)rand_r(&seed);
	info->a[0] = (uintptr_t)p;
	/*
	 * MADV_PAGEOUT is best effort: a page still in another CPU's LRU
	 * batch cannot be isolated and is skipped. Ask again (bounded) until
	 * our own pagemap shows every page swapped; a[2] counts the swapped.
	 */
	for (int tries = 0; tries < 8; tries++) {
		info->a[1] = (uintptr_t)madvise(p, len, MADV_PAGEOUT);
		info->a[2] = swapped_pages(0, (uintptr_t)p, len / PG, &first);
		if (info->a[1] || info->a[2] == len / PG)
			break;
		usleep(20000);
	}
}

/* a[3] of setup_hwpoison: the si_code of a SIGBUS the poisoning sent. */
static void hwpoison_sigbus(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	info->a[3] = (uint64_t)si->si_code;
}

/*
 * Eight touched pages; the third is poisoned with MADV_HWPOISON (root, and
 * the kernel's memory-failure code as a real error would run it). a[2]: its
 * frame before, from our own pagemap. Newer kernels (6.12) also send the
 * caller SIGBUS (BUS_MCEERR_AR), as for a real error in its own page,
 * which would kill it: a handler notes it instead.
 */
static void setup_hwpoison(void *arg)
{
	char *p = mmap(NULL, 8 * PG, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int fd = open("/proc/self/pagemap", O_RDONLY);
	struct sigaction sa = { .sa_sigaction = hwpoison_sigbus,
				.sa_flags = SA_SIGINFO };
	uint64_t pm = 0;

	(void)arg;
	info->a[3] = 0;
	if (p == MAP_FAILED || fd < 0 || sigaction(SIGBUS, &sa, NULL))
		_exit(10);
	memset(p, 5, 8 * PG);
	if (pread(fd, &pm, 8, (off_t)((uintptr_t)(p + 2 * PG) / PG * 8)) != 8)
		_exit(11);
	close(fd);
	info->a[0] = (uintptr_t)p;
	info->a[2] = pm & PM_PFN_MASK;
	info->a[1] = madvise(p + 2 * PG, PG, MADV_HWPOISON) ? (uint64_t)errno : 0;
}

/* Shared mappings are not copied at fork: a child maps pages by touching. */
static void child_read(void *arg)
{
	volatile char *p = (char *)(uintptr_t)info->a[0];

	(void)arg;
	for (int i = 0; i < 16; i++)
		(void)p[i * PG];
}

static void child_write(void *arg)
{
	char *q = (char *)(uintptr_t)info->a[1];

	child_read(arg);
	memset(q, 9, 8 * PG);	/* first half: copy on write */
}

/* A maps shared and private memory, then forks B (reads) and C (writes). */
static void setup_shared(void *arg)
{
	char *p = mmap(NULL, 16 * PG, PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	char *q = mmap(NULL, 16 * PG, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	(void)arg;
	memset(p, 1, 16 * PG);
	memset(q, 2, 16 * PG);
	info->a[0] = (uintptr_t)p;
	info->a[1] = (uintptr_t)q;
	info->a[2] = (uintptr_t)spawn_held(child_read, NULL);
	info->a[3] = (uintptr_t)spawn_held(child_write, NULL);
}

/* ---- cases ------------------------------------------------------------- */

/*
 * VERSION's paging against what user space knows without the module: the
 * page size (getpagesize), a table being one page of 8-byte entries, the
 * levels of the architecture, and where our own regions lie.
 */
static void t_version(void)
{
	struct vasinfo_version v;
	int rc = vi_version(dev, &v), geometry = 1, levels = 0;
	unsigned int shift = (unsigned int)__builtin_ctzl(PG);
	unsigned int bits = (unsigned int)__builtin_ctzl(PG / 8);

	for (int l = VASINFO_LEVEL_PTE; !rc && l >= VASINFO_LEVEL_PGD; l--) {
		if (!v.level_bits[l])
			continue;	/* folded */
		levels++;
		/* Each level's index right above the one below it. */
		if (v.level_shift[l] != shift || v.level_bits[l] > bits)
			geometry = 0;
		if (l != VASINFO_LEVEL_PGD && v.level_bits[l] != bits)
			geometry = 0;
		shift += v.level_bits[l];
	}
	ktap_ok(!rc && v.abi_major == VASINFO_ABI_MAJOR && v.page_shift == (unsigned int)__builtin_ctzl(PG) &&
		(v.arch == VASINFO_ARCH_X86_64 ? v.levels == 4 || v.levels == 5 :
		 v.arch == VASINFO_ARCH_ARM64 && v.levels >= 2 && v.levels <= 4) &&
		geometry && levels == (int)v.levels && task_size_max_of(&v) &&
		!!(v.caps & VASINFO_CAP_PFN) == is_root,
		"VERSION: ABI %u.%u, %s, %lu KiB pages, %u-level paging (index bits %u %u %u %u %u from bit %u), user half to %#llx, frames %s",
		v.abi_major, v.abi_minor,
		v.arch == VASINFO_ARCH_X86_64 ? "x86-64" : v.arch == VASINFO_ARCH_ARM64 ? "arm64" : "unknown architecture",
		PG >> 10, v.levels, v.level_bits[0], v.level_bits[1], v.level_bits[2],
		v.level_bits[3], v.level_bits[4], v.level_shift[VASINFO_LEVEL_PTE],
		(unsigned long long)v.task_size_max, v.caps & VASINFO_CAP_PFN ? "shown" : "hidden");
}

/*
 * arm64's own bits of a private anonymous page the process wrote, against
 * the leaf entry's value (whose flags even a user sees): contiguous hint,
 * PXN, DBM (the kernel's write permission), SH and AttrIndx where the
 * entry holds them; and what the kernel's PAGE_* protections give such a
 * page: PXN and DBM set, normal memory (AttrIndx 0, MT_NORMAL), inner
 * shareable unless LPA2 keeps SH elsewhere. On x86 none of them is set.
 */
#define ARM64_BITS (VASINFO_HW_ARM64_CONT | VASINFO_HW_ARM64_PXN | VASINFO_HW_ARM64_DBM | \
		    VASINFO_HW_ARM64_SH_VALID | VASINFO_HW_ARM64_SH_MASK |             \
		    VASINFO_HW_ARM64_ATTR_MASK)
static void arm64_bits(const struct vasinfo_xlate *x)
{
	uint64_t raw = x->levels[VASINFO_LEVEL_PTE].value, got = x->hw & ARM64_BITS, want;
	struct vasinfo_version v;
	int ok;

	if (vi_version(dev, &v)) {
		ktap_ok(0, "arm64's own entry bits: VERSION failed");
		return;
	}
	if (v.arch != VASINFO_ARCH_ARM64) {
		ktap_ok(got == 0, "no arm64 entry bits on this architecture (hw %llx)",
			(unsigned long long)x->hw);
		return;
	}
	want = ((raw >> 52) & 1 ? VASINFO_HW_ARM64_CONT : 0) |
	       ((raw >> 53) & 1 ? VASINFO_HW_ARM64_PXN : 0) |
	       ((raw >> 51) & 1 ? VASINFO_HW_ARM64_DBM : 0) |
	       ((raw >> 2) & 7) << VASINFO_HW_ARM64_ATTR_SHIFT;
	if (got & VASINFO_HW_ARM64_SH_VALID)
		want |= VASINFO_HW_ARM64_SH_VALID | ((raw >> 8) & 3) << VASINFO_HW_ARM64_SH_SHIFT;
	ok = got == want && (got & VASINFO_HW_ARM64_PXN) && (got & VASINFO_HW_ARM64_DBM) &&
	     !(got & VASINFO_HW_ARM64_ATTR_MASK) &&
	     (!(got & VASINFO_HW_ARM64_SH_VALID) ||
	      (got & VASINFO_HW_ARM64_SH_MASK) == 3ULL << VASINFO_HW_ARM64_SH_SHIFT);
	ktap_ok(ok, "arm64's own entry bits of a written private page: pxn, dbm, attr0%s, as the entry says (entry %llx, hw %llx)",
		(got & VASINFO_HW_ARM64_SH_VALID) ? ", inner shareable" : ", SH not in the entry (LPA2)",
		(unsigned long long)raw, (unsigned long long)x->hw);
}

static void t_mixed(void)
{
	pid_t pid = spawn_held(setup_mixed, NULL);
	struct vasinfo_xlate x;
	int ok;

	expect_all(pid, "mixed process");
	translate1(pid, info->a[0], &x);
	ok = x.state == VASINFO_STATE_PRESENT && x.mapped &&
	     (x.page & VASINFO_PAGE_ANON) && (x.page & VASINFO_PAGE_EXCLUSIVE) &&
	     (x.levels[VASINFO_LEVEL_PTE].flags & VASINFO_ENTRY_LEAF) &&
	     (x.hw & VASINFO_HW_PRESENT) && (x.hw & VASINFO_HW_WRITE) &&
	     (x.hw & VASINFO_HW_USER) && (x.hw & VASINFO_HW_DIRTY) &&
	     x.page_size == PG && x.mapcount == 1 && x.refcount >= 1;
	ktap_ok(ok, "touched anonymous page: present 4 KiB PTE leaf, user+write+dirty, anon, exclusive, mapcount 1 (state %s hw %llx page %llx)",
		vi_state_name(x.state), (unsigned long long)x.hw,
		(unsigned long long)x.page);
	arm64_bits(&x);
	translate1(pid, info->a[1], &x);
	ktap_ok(x.mapped && (x.state == VASINFO_STATE_NONE || x.state == VASINFO_STATE_NO_TABLE) &&
		(x.pagemap & ~(1ULL << 55)) == 0,
		"untouched anonymous page: mapped, not present (%s), pagemap empty but for soft-dirty",
		vi_state_name(x.state));
	translate1(pid, info->a[2], &x);
	ktap_ok(x.state == VASINFO_STATE_PRESENT && (x.page & VASINFO_PAGE_ZERO) &&
		!(x.hw & VASINFO_HW_WRITE),
		"read-only touched anonymous page: the zero page, not writable (page %llx)",
		(unsigned long long)x.page);
	translate1(pid, info->a[3], &x);
	ktap_ok(x.state == VASINFO_STATE_PRESENT && (x.hw & VASINFO_HW_PROTNONE) &&
		!(x.hw & VASINFO_HW_PRESENT),
		"PROT_NONE page: in memory, hardware entry not present (hw %llx)",
		(unsigned long long)x.hw);
	translate1(pid, info->a[4], &x);
	ktap_ok(x.state == VASINFO_STATE_PRESENT && (x.page & VASINFO_PAGE_FILE) &&
		!(x.page & VASINFO_PAGE_ANON),
		"file page: present, file-backed (page %llx)", (unsigned long long)x.page);
	translate1(pid, info->a[4] + PG, &x);
	ktap_ok(x.mapped && x.state != VASINFO_STATE_PRESENT ? 1 :
		x.state == VASINFO_STATE_PRESENT, /* readahead may map it */
		"file page not touched: %s", vi_state_name(x.state));
	reap(pid);
}

static void t_special(void)
{
	struct vasinfo_vma *v = NULL;
	ssize_t n = vi_vmas(dev, 0, &v), i;
	int vdso_ok = 0, vvar_ok = 0;
	struct vasinfo_xlate x;

	for (i = 0; i < n; i++) {
		if (v[i].segment == VASINFO_SEG_VDSO) {
			translate1(0, v[i].start, &x);
			vdso_ok = x.state == VASINFO_STATE_PRESENT &&
				  (x.hw & VASINFO_HW_USER);
		}
		if (v[i].segment == VASINFO_SEG_VVAR) {
			translate1(0, v[i].start, &x);
			vvar_ok = (x.vma_flags & VASINFO_VMA_PFNMAP) &&
				  (x.state != VASINFO_STATE_PRESENT ||
				   (x.page & VASINFO_PAGE_NO_STRUCT)) &&
				  !(x.pagemap & PM_PRESENT);
		}
	}
	free(v);
	ktap_ok(vdso_ok, "vdso: present user page");
	ktap_ok(vvar_ok, "vvar: VM_PFNMAP, no struct page used, pagemap shows a hole");
}

static void t_outside(void)
{
	uint64_t bad[] = { 0xffff888000000000ULL, 0x0100000000000000ULL,
			   0xffffffffff600000ULL };
	struct vasinfo_xlate x;
	struct vasinfo_vma *v = NULL;
	ssize_t n = vi_vmas(dev, 0, &v);
	uint64_t gap = 0;
	size_t i;
	int rc;

	for (i = 1; n > 1 && i < (size_t)n && !gap; i++)
		if (v[i].start > v[i - 1].end)
			gap = v[i - 1].end;
	free(v);
	rc = translate1(0, gap, &x);
	ktap_ok(!rc && gap && !x.mapped && x.state == VASINFO_STATE_UNMAPPED &&
		x.pagemap == 0, "address in a gap between VMAs: unmapped, pagemap 0");
	rc = translate1(0, 0, &x);
	ktap_ok(!rc && !x.mapped, "address 0: unmapped");
	for (i = 0; i < 3; i++) {
		rc = translate1(0, bad[i], &x);
		ktap_ok(rc == -EINVAL, "%s address %#llx: EINVAL (%s)",
			i == 1 ? "non-canonical" : "kernel",
			(unsigned long long)bad[i], strerror(-rc));
	}
}

static void t_fork_cow(void)
{
	pid_t a = spawn_held(setup_shared, NULL);
	pid_t b = (pid_t)info->a[2], c = (pid_t)info->a[3];
	uint64_t p = info->a[0], q = info->a[1];
	struct vasinfo_xlate xa, xb, xc;
	int same_shared = 1, same_cow = 1, split = 1;

	for (int i = 0; i < 16; i++) {
		translate1(a, p + (uint64_t)i * PG, &xa);
		translate1(b, p + (uint64_t)i * PG, &xb);
		if (!(xa.state == VASINFO_STATE_PRESENT && xa.pfn == xb.pfn &&
		      xa.mapcount == 3 && (xa.page & VASINFO_PAGE_SHARED) &&
		      (xa.page & VASINFO_PAGE_FILE)) && same_shared) {
			diag("shared page %d: %s pfn %llx/%llx mapcount %lld page %llx", i,
			     vi_state_name(xa.state), (unsigned long long)xa.pfn,
			     (unsigned long long)xb.pfn, (long long)xa.mapcount,
			     (unsigned long long)xa.page);
			same_shared = 0;
		}
		translate1(a, q + (uint64_t)i * PG, &xa);
		translate1(b, q + (uint64_t)i * PG, &xb);
		translate1(c, q + (uint64_t)i * PG, &xc);
		if (i < 8)
			split &= xc.pfn != xa.pfn && xc.mapcount == 1 &&
				 (xc.page & VASINFO_PAGE_EXCLUSIVE) &&
				 (xc.hw & VASINFO_HW_WRITE) && xa.mapcount == 2;
		else
			same_cow &= xa.state == VASINFO_STATE_PRESENT &&
				    xa.pfn == xb.pfn && xa.pfn == xc.pfn &&
				    xa.mapcount == 3 &&
				    !(xa.page & VASINFO_PAGE_EXCLUSIVE) &&
				    !(xa.hw & VASINFO_HW_WRITE);
	}
	ktap_ok(same_shared, "MAP_SHARED after fork: same frames in all three, mapcount 3, shmem (file)");
	ktap_ok(same_cow, "MAP_PRIVATE after fork: same frames, mapcount 3, read-only until written");
	ktap_ok(split, "copy on write: the writer's pages got new exclusive writable frames");
	expect_all(a, "fork parent");
	expect_all(c, "fork child that wrote");
	reap(b);
	reap(c);
	reap(a);
}

static void t_thp(void)
{
	pid_t pid = spawn_held(setup_thp, NULL);
	struct vasinfo_xlate x;

	/* A byte of the huge page's 4th base page. */
	translate1(pid, info->a[0] + 3 * PG + 57, &x);
	ktap_ok(x.state == VASINFO_STATE_PRESENT && x.page_size == PMD_SZ &&
		x.leaf == VASINFO_LEVEL_PMD && (x.hw & VASINFO_HW_HUGE) &&
		(x.page & VASINFO_PAGE_THP) &&
		!(x.levels[VASINFO_LEVEL_PTE].flags & VASINFO_ENTRY_VALID),
		"THP (MADV_HUGEPAGE): %lu MiB leaf at the PMD (size %llu, leaf %s, page %llx)",
		PMD_SZ >> 20,
		(unsigned long long)x.page_size, vi_level_name(x.leaf),
		(unsigned long long)x.page);
	if (is_root)
		ktap_ok(x.pfn % (PMD_SZ / PG) == 3 && (x.page & VASINFO_PAGE_TAIL),
			"THP: a byte of the 4th base page is in the 4th frame of the huge page, a tail page (pfn %llx)",
			(unsigned long long)x.pfn);
	expect_all(pid, "THP process");
	reap(pid);
}

static void t_hugetlb(size_t size, const char *name)
{
	pid_t pid = spawn_held(setup_hugetlb, &size);
	struct vasinfo_xlate x;

	if (!info->a[0]) {
		ktap_ok(0, "hugetlb %s: mmap(MAP_HUGETLB) failed in the VM", name);
		reap(pid);
		return;
	}
	translate1(pid, info->a[0] + 8192, &x);
	ktap_ok(x.state == VASINFO_STATE_PRESENT && x.page_size == size &&
		x.leaf == (size >= PUD_SZ ? VASINFO_LEVEL_PUD :
			   size >= PMD_SZ ? VASINFO_LEVEL_PMD : VASINFO_LEVEL_PTE) &&
		(x.page & VASINFO_PAGE_HUGETLB) && (x.vma_flags & VASINFO_VMA_HUGETLB),
		"hugetlb %s: leaf at the %s, size %llu", name, vi_level_name(x.leaf),
		(unsigned long long)x.page_size);
	expect_all(pid, name);
	reap(pid);
}

/*
 * A hugetlb page made of contiguous entries (arm64's PTE_CONT): @lo..@hi
 * bound its size, @level is where its entries are. Two cases, as
 * t_hugetlb(), or two skips where the kernel offers no such size.
 */
static void t_hugetlb_cont(size_t lo, size_t hi, const char *name)
{
	size_t size = hugetlb_size_between(lo, hi);
	const char *why = "";
	int before = 0;

	if (!size || size > 1UL << 30 || (before = hugetlb_reserve(size, &why)) < 0) {
		for (int k = 0; k < 2; k++)
			ktap_skip(name, "%s", !size ? "no huge page size of contiguous entries here (x86-64 has none)" :
					       size > 1UL << 30 ? "larger than the VM's memory allows" : why);
		return;
	}
	t_hugetlb(size, name);
	hugetlb_release(size, before);
}

static void t_swap(void)
{
	pid_t pid = spawn_held(setup_swap, NULL);
	struct vasinfo_xlate x;
	struct tally t;
	uint64_t a;

	/* The first page the kernel's own pagemap says is swapped. */
	swapped_pages(pid, info->a[0], 64, &a);
	translate1(pid, a, &x);
	ktap_ok(info->a[1] == 0 && a && x.state == VASINFO_STATE_SWAP &&
		(is_root ? x.swap_offset != VASINFO_HIDDEN : x.swap_offset == VASINFO_HIDDEN),
		"MADV_PAGEOUT to zram: %llu of 64 pages swapped; first: state %s, swap %llu:%llx",
		(unsigned long long)info->a[2], vi_state_name(x.state),
		(unsigned long long)x.swap_type, (unsigned long long)x.swap_offset);
	t = compare_all(pid, "swapped process");
	ktap_ok(!t.mismatches && t.swapped >= 32,
		"swapped process: %ld pages, %ld swapped, equal pagemap (type, offset, soft-dirty, exclusive)",
		t.pages, t.swapped);
	reap(pid);
}

/* Could @a and @b have been one run? (The module must have made them one.) */
static int runs_mergeable(const struct vasinfo_run *a, const struct vasinfo_run *b)
{
	if (a->vaddr + a->pages * PG != b->vaddr || a->state != b->state ||
	    a->page_size != b->page_size || a->page != b->page)
		return 0;
	if (!is_root)
		return 1;
	if (a->state == VASINFO_STATE_PRESENT)
		return a->pfn + a->pages == b->pfn;
	if (a->state == VASINFO_STATE_SWAP)
		return a->swap_type == b->swap_type &&
		       a->swap_offset + a->pages == b->swap_offset;
	return 1;
}

/*
 * RANGE over [start, end) of @pid: the runs cover it exactly, every page
 * agrees with TRANSLATE (state, and frame as root), and no two neighbours
 * could have been one run. With VASINFO_RANGE_NO_FACTS in @flags, no run
 * carries page facts either. Returns the number of runs, -1 on a mismatch.
 */
static long check_runs(pid_t pid, uint64_t start, uint64_t end, long *pages,
		       uint32_t flags)
{
	struct vasinfo_run *r = NULL;
	struct vi_range_totals tot;
	ssize_t nr = vi_range_flags(dev, pid, start, end, flags, &r, &tot);
	uint64_t expect = start;
	long bad = 0;

	if (nr <= 0) {
		diag("RANGE %#llx-%#llx: %s", (unsigned long long)start,
		     (unsigned long long)end, vi_strerror((int)nr, 0));
		return -1;
	}
	for (ssize_t k = 0; k < nr; k++) {
		if (k && runs_mergeable(&r[k - 1], &r[k])) {
			diag("runs %#llx+%llu and %#llx+%llu could be one",
			     (unsigned long long)r[k - 1].vaddr,
			     (unsigned long long)r[k - 1].pages,
			     (unsigned long long)r[k].vaddr,
			     (unsigned long long)r[k].pages);
			bad++;
		}
		for (uint64_t p = 0; p < r[k].pages; p++) {
			struct vasinfo_xlate x;
			uint64_t a = r[k].vaddr + p * PG;

			translate1(pid, a, &x);
			if (a != expect || x.state != r[k].state ||
			    ((flags & VASINFO_RANGE_NO_FACTS) && r[k].page) ||
			    (is_root && r[k].state == VASINFO_STATE_PRESENT &&
			     x.pfn != r[k].pfn + p)) {
				if (bad < 3)
					diag("run %#llx+%llu page %llu: %s vs %s",
					     (unsigned long long)r[k].vaddr,
					     (unsigned long long)r[k].pages,
					     (unsigned long long)p,
					     vi_state_name(r[k].state),
					     vi_state_name(x.state));
				bad++;
			}
			expect = a + PG;
			(*pages)++;
		}
	}
	if (expect != end)
		bad++;
	free(r);
	return bad ? -1 : nr;
}

static void t_hwpoison(void)
{
	pid_t pid = spawn_held(setup_hwpoison, NULL);
	struct vasinfo_xlate x, y;
	uint64_t kpf = 0;
	int flagged;

	translate1(pid, info->a[0] + 2 * PG, &x);
	translate1(pid, info->a[0] + PG, &y);
	flagged = !pread_u64("/proc/kpageflags", info->a[2], &kpf) &&
		  ((kpf >> KPF_HWPOISON) & 1);
	ktap_ok(info->a[1] == 0 && info->a[2] && x.state == VASINFO_STATE_HWPOISON &&
		x.swap_offset == info->a[2] && flagged &&
		y.state == VASINFO_STATE_PRESENT,
		"MADV_HWPOISON: state %s, entry names frame %#llx (was %#llx, kpageflags hwpoison %d); neighbour %s",
		vi_state_name(x.state), (unsigned long long)x.swap_offset,
		(unsigned long long)info->a[2], flagged, vi_state_name(y.state));
	if (info->a[1])
		diag("madvise(MADV_HWPOISON): %s", strerror((int)info->a[1]));
	if (info->a[3])
		diag("MADV_HWPOISON sent its caller SIGBUS (si_code %d%s), as this kernel does",
		     (int)info->a[3], info->a[3] == BUS_MCEERR_AR ? ", BUS_MCEERR_AR" : "");
	expect_all(pid, "process with a poisoned page");
	reap(pid);
}

static void t_range(void)
{
	pid_t pid = spawn_held(setup_mixed, NULL);
	struct vasinfo_vma *v = NULL;
	ssize_t nv = vi_vmas(dev, pid, &v), i;
	long runs = 0, pages = 0, bad = 0, lean = 0, lean_pages = 0;

	for (i = 0; i < nv; i++) {
		long nr = check_runs(pid, v[i].start, v[i].end, &pages, 0);

		if (nr < 0)
			bad++;
		else
			runs += nr;
	}
	ktap_ok(nv > 0 && !bad && pages > 0,
		"RANGE: %ld runs cover every VMA exactly; each of %ld pages agrees with TRANSLATE; no two neighbours could be one run",
		runs, pages);
	for (bad = 0, i = 0; i < nv; i++) {
		long nr = check_runs(pid, v[i].start, v[i].end, &lean_pages,
				     VASINFO_RANGE_NO_FACTS);

		if (nr < 0)
			bad++;
		else
			lean += nr;
	}
	ktap_ok(nv > 0 && !bad && lean_pages == pages && lean <= runs,
		"RANGE NO_FACTS: %ld runs (%ld with facts) cover every VMA; each of %ld pages agrees with TRANSLATE in state and frame; no facts, no two neighbours could be one run",
		lean, runs, lean_pages);
	free(v);
	reap(pid);
}

#define LONG_PAGES 2000	/* several of the module's lock holds (512 steps) */

static void setup_long(void *arg)
{
	char *p = mmap(NULL, LONG_PAGES * PG, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	(void)arg;
	if (p == MAP_FAILED || madvise(p, LONG_PAGES * PG, MADV_NOHUGEPAGE))
		_exit(10);
	memset(p, 3, LONG_PAGES * PG);
	info->a[0] = (uintptr_t)p;
}

/*
 * A range of 2000 touched 4 KiB pages is walked page by page, in several
 * lock holds: runs must not break where the lock was dropped. Without
 * CAP_SYS_ADMIN frames are not compared, so it is one run.
 */
static void t_range_long(void)
{
	pid_t pid = spawn_held(setup_long, NULL);
	uint64_t a = info->a[0];
	long pages = 0, nr = check_runs(pid, a, a + (LONG_PAGES * PG), &pages, 0);

	ktap_ok(nr > 0 && pages == LONG_PAGES && (is_root || nr == 1),
		"RANGE over %d touched 4 KiB pages: %ld runs, agree with TRANSLATE, none could be joined%s",
		LONG_PAGES, nr, is_root ? "" : ", one run without frames");
	reap(pid);
}

static int raw_translate(uint32_t size, uint32_t flags, uint32_t reserved,
			 uint32_t count, uint64_t addrs_ptr, uint64_t res_ptr,
			 uint32_t rsize)
{
	struct {
		struct vasinfo_translate t;
		uint64_t extra;
	} req;

	memset(&req, 0, sizeof(req));
	req.t.size = size;
	req.t.flags = flags;
	req.t.reserved = reserved;
	req.t.count = count;
	req.t.addrs = addrs_ptr;
	req.t.results = res_ptr;
	req.t.result_size = rsize;
	if (size > sizeof(req.t))
		req.extra = size == sizeof(req.t) + 8 + 1 ? 1 : 0;
	return ioctl(dev, VASINFO_IOC_TRANSLATE, &req) ? -errno : 0;
}

static void t_abi(void)
{
	uint64_t a = (uintptr_t)&a;
	uint64_t ra = (uintptr_t)&a, rr = (uintptr_t)res;
	uint32_t s = sizeof(struct vasinfo_translate), rs = sizeof(*res);

	ktap_ok(raw_translate(s, 0, 0, 1, ra, rr, rs) == 0, "ABI: well-formed request accepted");
	ktap_ok(raw_translate(s, 1, 0, 1, ra, rr, rs) == -EINVAL, "ABI: unknown flag: EINVAL");
	ktap_ok(raw_translate(s, 0, 7, 1, ra, rr, rs) == -EINVAL, "ABI: reserved field set: EINVAL");
	ktap_ok(raw_translate(s - 8, 0, 0, 1, ra, rr, rs) == -EINVAL, "ABI: size below version 0: EINVAL");
	ktap_ok(raw_translate(s + 8, 0, 0, 1, ra, rr, rs) == 0, "ABI: larger size with zero tail accepted");
	ktap_ok(raw_translate(s + 9, 0, 0, 1, ra, rr, rs) == -E2BIG, "ABI: larger size with non-zero tail: E2BIG");
	ktap_ok(raw_translate(1 << 20, 0, 0, 1, ra, rr, rs) == -E2BIG, "ABI: size 1 MiB: E2BIG");
	ktap_ok(raw_translate(s, 0, 0, VASINFO_MAX_BATCH + 1, ra, rr, rs) == -E2BIG, "ABI: count over the batch limit: E2BIG");
	ktap_ok(raw_translate(s, 0, 0, 1, 0, rr, rs) == -EFAULT, "ABI: NULL address array: EFAULT");
	ktap_ok(raw_translate(s, 0, 0, 1, ra, 0, rs) == -EFAULT, "ABI: NULL result array: EFAULT");
	ktap_ok(raw_translate(s, 0, 0, 1, ra, rr, 8) == -EINVAL, "ABI: result size below version 0: EINVAL");
	ktap_ok(raw_translate(s, 0, 0, 0, ra, rr, rs) == 0, "ABI: zero addresses: nothing to do");
	ktap_ok(ioctl(dev, _IOWR(VASINFO_IOC_MAGIC, 0x7f, struct vasinfo_version), res) < 0 && errno == ENOTTY,
		"ABI: unknown request: ENOTTY");
	ktap_ok(ioctl(dev, VASINFO_IOC_TRANSLATE, NULL) < 0 && errno == EFAULT, "ABI: NULL request: EFAULT");
	{
		/* A newer caller's bigger result elements get zeroed tails. */
		size_t big = sizeof(*res) + 64;
		char *buf = malloc(big);

		memset(buf, 0xaa, big);
		ktap_ok(raw_translate(s, 0, 0, 1, ra, (uintptr_t)buf, (uint32_t)big) == 0 &&
			buf[sizeof(*res)] == 0 && buf[big - 1] == 0,
			"ABI: result elements larger than the module's: tail zeroed");
		free(buf);
	}
}

static void t_exited(void)
{
	pid_t pid = fork();
	struct vasinfo_mm_info mi;
	int rc;

	if (pid == 0)
		_exit(0);
	waitpid(pid, NULL, 0);
	{
		struct vasinfo_xlate x;

		rc = translate1(pid, 0x400000, &x);
	}
	ktap_ok(rc == -ESRCH, "TRANSLATE of an exited pid: ESRCH (%s)", strerror(-rc));
	rc = vi_mm_info(dev, 2, &mi);
	ktap_ok(rc == -ESRCH || (!is_root && rc == -EACCES),
		"MM_INFO of a kernel thread: ESRCH (%s)", strerror(-rc));
	rc = vi_mm_info(dev, 0, &mi);
	ktap_ok(!rc && !strcmp(mi.comm, "t_translate") && mi.map_count > 5,
		"MM_INFO of self: comm %s, %u VMAs", mi.comm, mi.map_count);
	if (!is_root) {
		rc = vi_mm_info(dev, 1, &mi);
		ktap_ok(rc == -EACCES, "MM_INFO of root's init as a user: EACCES (%s)",
			strerror(-rc));
	}
}

/*
 * A process that has exited but is not yet reaped (a zombie) has no address
 * space left: its pagemap reads as empty, and every request about it is
 * ESRCH (docs/abi.md), as for a reaped pid.
 */
static void t_zombie(void)
{
	char path[64], buf[512], state = '?';
	struct vasinfo_run *runs = NULL;
	struct vasinfo_vma *v = NULL;
	struct vi_range_totals tot;
	struct vasinfo_mm_info mi;
	struct vasinfo_xlate x;
	ssize_t got, n;
	uint64_t pm;
	siginfo_t si;
	pid_t pid;
	int fd, rc;

	pid = fork();
	if (pid < 0) {
		ktap_ok(0, "zombie: fork: %s", strerror(errno));
		return;
	}
	if (pid == 0)
		_exit(0);
	/* Returns once the child has exited; WNOWAIT leaves it unreaped. */
	memset(&si, 0, sizeof(si));
	rc = waitid(P_PID, (id_t)pid, &si, WEXITED | WNOWAIT);
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	if (read_path(path, buf, sizeof(buf)) > 0 && strrchr(buf, ')'))
		state = strrchr(buf, ')')[2];
	ktap_ok(!rc && si.si_pid == pid && state == 'Z',
		"zombie: child %d exited, not reaped (state %c)", (int)pid, state);

	snprintf(path, sizeof(path), "/proc/%d/pagemap", (int)pid);
	fd = open(path, O_RDONLY);
	got = fd < 0 ? -errno : pread(fd, &pm, 8, (0x400000 / PG) * 8);
	if (fd >= 0)
		close(fd);
	/*
	 * Without an mm, /proc/PID is owned by root (task_dump_owner()), so
	 * a user cannot even open the 0400 pagemap; root reads nothing. Newer
	 * kernels (6.12) refuse the open itself, ESRCH, for everyone: no mm.
	 */
	if (is_root)
		ktap_ok(got == 0 || got == -ESRCH,
			"zombie: the kernel's pagemap gives nothing: it reads nothing or will not open (%s)",
			got < 0 ? strerror((int)-got) : got == 0 ? "read 0 bytes" : "read");
	else
		ktap_ok(got == -EACCES || got == -ESRCH,
			"zombie: the kernel's pagemap is root's now or will not open: EACCES or ESRCH (%s)",
			got < 0 ? strerror((int)-got) : "read");

	rc = translate1(pid, 0x400000, &x);
	ktap_ok(rc == -ESRCH, "zombie: TRANSLATE: ESRCH (%s)", strerror(-rc));
	n = vi_range(dev, pid, 0x400000, 0x800000, &runs, &tot);
	ktap_ok(n == -ESRCH, "zombie: RANGE: ESRCH (%s)",
		n < 0 ? strerror((int)-n) : "runs returned");
	free(runs);
	n = vi_vmas(dev, pid, &v);
	ktap_ok(n == -ESRCH, "zombie: VMAS: ESRCH (%s)",
		n < 0 ? strerror((int)-n) : "VMAs returned");
	free(v);
	rc = vi_mm_info(dev, pid, &mi);
	ktap_ok(rc == -ESRCH, "zombie: MM_INFO: ESRCH (%s)", strerror(-rc));
	fd = vi_open();
	rc = fd < 0 ? fd : select_pid(fd, pid);
	if (fd >= 0)
		close(fd);
	ktap_ok(rc == -ESRCH, "zombie: report \"pid %d\": ESRCH (%s)", (int)pid,
		strerror(-rc));
	waitpid(pid, NULL, 0);
}

/*
 * Soft-dirty after /proc/PID/clear_refs "4": the kernel clears the bit of
 * every page and of every VMA, and sets it again on the next write. A child
 * writes all its pages, the test clears, the child writes every third page
 * again; each page's soft-dirty fact must then equal pagemap bit 55, and
 * both kinds must be there, or the comparison proves nothing.
 */
#define SD_PAGES 48
#define PM_SOFT_DIRTY (1ULL << 55)

/*
 * The kernel's own answer on whether it tracks soft-dirty at all
 * (CONFIG_MEM_SOFT_DIRTY, which arm64 lacks): a page just written in a new
 * mapping is soft-dirty in pagemap exactly when it does.
 */
static int kernel_has_soft_dirty(void)
{
	long ps = sysconf(_SC_PAGESIZE);
	char *p = mmap(NULL, ps, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int fd = open("/proc/self/pagemap", O_RDONLY), has = 0;
	uint64_t pm = 0;

	if (p != MAP_FAILED && fd >= 0) {
		*p = 1;
		has = pread(fd, &pm, 8, (off_t)((uintptr_t)p / ps) * 8) == 8 &&
		      (pm & PM_SOFT_DIRTY);
	}
	if (fd >= 0)
		close(fd);
	if (p != MAP_FAILED)
		munmap(p, ps);
	return has;
}

static void t_soft_dirty(void)
{
	int up[2], down[2], pmfd, rc, bad = 0;
	long set = 0, clear = 0, hw_bad = 0;
	uint64_t base, a[SD_PAGES];
	struct vasinfo_xlate x[SD_PAGES];
	char path[64], c;
	ssize_t w;
	pid_t pid;

	if (pipe(up) || pipe(down)) {
		ktap_ok(0, "soft-dirty: pipe: %s", strerror(errno));
		return;
	}
	pid = fork();
	if (pid < 0) {
		ktap_ok(0, "soft-dirty: fork: %s", strerror(errno));
		return;
	}
	if (pid == 0) {
		char *p = mmap(NULL, SD_PAGES * PG, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		close(up[0]);
		close(down[1]);
		if (p == MAP_FAILED)
			_exit(10);
		memset(p, 1, SD_PAGES * PG);
		info->a[0] = (uintptr_t)p;
		if (write(up[1], "r", 1) != 1 || read(down[0], &c, 1) != 1)
			_exit(11);
		for (int i = 0; i < SD_PAGES; i += 3)
			p[i * PG] = 2;
		if (write(up[1], "w", 1) != 1)
			_exit(12);
		for (;;)
			pause();
	}
	close(up[1]);
	close(down[0]);
	if (read(up[0], &c, 1) != 1) {
		ktap_ok(0, "soft-dirty: child died before clear_refs");
		reap(pid);
		return;
	}
	base = info->a[0];
	snprintf(path, sizeof(path), "/proc/%d/clear_refs", (int)pid);
	rc = open(path, O_WRONLY);
	w = rc < 0 ? -errno : write(rc, "4", 1);
	if (rc >= 0)
		close(rc);
	ktap_ok(w == 1, "soft-dirty: \"4\" written to %s (%s)", path,
		w == 1 ? "ok" : strerror(w < 0 ? (int)-w : errno));
	if (write(down[1], "w", 1) != 1 || read(up[0], &c, 1) != 1) {
		ktap_ok(0, "soft-dirty: child died while writing");
		reap(pid);
		return;
	}
	close(up[0]);
	close(down[1]);

	for (int i = 0; i < SD_PAGES; i++)
		a[i] = base + (uint64_t)i * PG;
	rc = vi_translate(dev, pid, a, SD_PAGES, x);
	snprintf(path, sizeof(path), "/proc/%d/pagemap", (int)pid);
	pmfd = open(path, O_RDONLY);
	for (int i = 0; !rc && pmfd >= 0 && i < SD_PAGES; i++) {
		uint64_t pm = 0;
		int kernel, ours;

		if (pread(pmfd, &pm, 8, (off_t)(a[i] / PG) * 8) != 8) {
			bad++;
			continue;
		}
		kernel = (pm & PM_SOFT_DIRTY) != 0;
		ours = (x[i].page & VASINFO_PAGE_SOFT_DIRTY) != 0;
		set += kernel;
		clear += !kernel;
		if (kernel != ours || !!(x[i].pagemap & PM_SOFT_DIRTY) != kernel) {
			if (bad < 3)
				diag("page %d: pagemap soft-dirty %d, vasinfo page %d pagemap field %016llx",
				     i, kernel, ours, (unsigned long long)x[i].pagemap);
			bad++;
		}
		/* The VMA's own flag is clear now: the entry's bit is all. */
		if (x[i].state == VASINFO_STATE_PRESENT &&
		    !!(x[i].hw & VASINFO_HW_SOFT_DIRTY) != kernel)
			hw_bad++;
	}
	if (pmfd >= 0)
		close(pmfd);
	if (!rc && pmfd >= 0 && !bad && !set && !kernel_has_soft_dirty())
		ktap_skip("soft-dirty after clear_refs: pages equal pagemap bit 55",
			  "this kernel keeps no soft-dirty bit (no CONFIG_MEM_SOFT_DIRTY; %d pages clear in vasinfo and pagemap alike)",
			  SD_PAGES);
	else
		ktap_ok(!rc && pmfd >= 0 && !bad && set > 0 && clear > 0,
			"soft-dirty after clear_refs: %d pages equal pagemap bit 55 (%ld set, %ld clear)",
			SD_PAGES, set, clear);
	ktap_ok(!rc && !hw_bad, "soft-dirty after clear_refs: the PTE's own bit says the same (%ld differ)",
		hw_bad);
	expect_all(pid, "process after clear_refs");
	reap(pid);
}

static void t_user_hidden(void)
{
	pid_t pid = spawn_held(setup_mixed, NULL);
	struct vasinfo_version v;
	struct vasinfo_xlate x;
	int ok = 1;

	/* addr_mask: the architecture's address bits (x86: 51:12, MAXPHYADDR). */
	if (vi_version(dev, &v) || !v.addr_mask ||
	    (v.arch == VASINFO_ARCH_X86_64 && v.addr_mask != 0x000ffffffffff000ULL))
		ok = 0;
	translate1(pid, info->a[0], &x);
	for (int l = 0; l < VASINFO_LEVELS; l++)
		if ((x.levels[l].flags & VASINFO_ENTRY_VALID) &&
		    (x.levels[l].value & v.addr_mask))
			ok = 0;
	ktap_ok(ok && x.pfn == VASINFO_HIDDEN && x.paddr == VASINFO_HIDDEN &&
		(x.hw & VASINFO_HW_PRESENT),
		"unprivileged: frame, physical address and the address bits of every level's entry hidden, flags kept");
	expect_all(pid, "unprivileged, own process");
	reap(pid);
}


int main(int argc, char **argv)
{
	/*
	 * Not inherited by the held children: pages shared copy-on-write with
	 * them would change their map counts while we compare.
	 */
	addrs = mmap(NULL, MAX_PAGES * sizeof(*addrs), PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	res = mmap(NULL, MAX_PAGES * sizeof(*res), PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (addrs == MAP_FAILED || res == MAP_FAILED ||
	    madvise(addrs, MAX_PAGES * sizeof(*addrs), MADV_DONTFORK) ||
	    madvise(res, MAX_PAGES * sizeof(*res), MADV_DONTFORK))
		return 2;
	info = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (!addrs || !res || info == MAP_FAILED)
		return 2;
	if (argc == 3 && !strcmp(argv[1], "--user"))
		drop_to((uid_t)atoi(argv[2]));
	is_root = geteuid() == 0;
	dev = vi_open();
	if (dev < 0) {
		printf("Bail out! %s\n", vi_strerror(dev, 0));
		return 1;
	}
	ktap_header(is_root ? "vasinfo-translate-root" : "vasinfo-translate-user");
	ktap_plan(is_root ? 68 : 38);	/* a user: frames hidden, fewer tests */
	t_version();
	t_mixed();
	t_special();
	t_outside();
	t_exited();
	t_zombie();
	t_soft_dirty();
	t_range();
	t_range_long();
	if (is_root) {
		t_abi();
		t_fork_cow();
		t_thp();
		t_hugetlb(PMD_SZ, "hugetlb at the PMD");
		if (PUD_SZ <= 1UL << 30)
			t_hugetlb(PUD_SZ, "hugetlb at the PUD");
		else	/* both of t_hugetlb()'s cases */
			for (int k = 0; k < 2; k++)
				ktap_skip("hugetlb at the PUD", "a PUD maps %lu GiB with %lu KiB pages, more than the VM has",
					  PUD_SZ >> 30, PG >> 10);
		t_hugetlb_cont(PG, PMD_SZ, "hugetlb of contiguous PTEs");
		t_hugetlb_cont(PMD_SZ, PUD_SZ, "hugetlb of contiguous PMDs");
		t_swap();
		t_hwpoison();
	} else {
		t_user_hidden();
		t_swap();
	}
	return ktap_finish();
}
