// SPDX-License-Identifier: MIT
/*
 * VASINFO_IOC_COUNTS against the kernel's own /proc/PID/smaps: a process
 * with private and shared anonymous memory, a file, a fork that shares
 * both copy-on-write, a THP, the zero page, swapped pages (zram) and
 * PMD- and PUD-sized hugetlb pages; every VMA's Rss, Anonymous, Swap,
 * AnonHugePages, hugetlb, Shared and Private must equal smaps', and its
 * present, swapped and huge pages RANGE's. Then resuming, a call cut by its
 * budget, and the requests the ABI refuses.
 *
 *   t_counts            as root
 *   t_counts --user U   as uid U, on its own processes
 */
#define _GNU_SOURCE
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <stdint.h>

#include "vmtest.h"

#define MAX_VMAS 512

static int dev = -1, is_root;
static uint64_t top;	/* TASK_SIZE_MAX */
static char smaps_buf[4 << 20], smaps_again[4 << 20];

struct shared_info {
	uint64_t a[8];
};
static struct shared_info *info;

/* ---- the process to count ---------------------------------------------- */

/* The forked child: maps the shared pages too, and reads the private ones. */
static void child_touch(void *arg)
{
	volatile char *s = (char *)(uintptr_t)info->a[0];
	volatile char *p = (char *)(uintptr_t)info->a[1];

	(void)arg;
	for (int i = 0; i < 16; i++)
		(void)s[i * PG];
	for (int i = 0; i < 32; i++)
		(void)p[i * PG];
}

static void setup_mixed(void *arg)
{
	int fd = open("/bin/busybox", O_RDONLY);
	char *priv, *shared, *file, *zero, *thp, *swp, *h2;
	unsigned int seed = 7;

	(void)arg;
	priv = mmap(NULL, 128 * PG, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	shared = mmap(NULL, 16 * PG, PROT_READ | PROT_WRITE,
		      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	file = mmap(NULL, 64 * PG, PROT_READ, MAP_PRIVATE, fd, 0);
	zero = mmap(NULL, 8 * PG, PROT_READ,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	thp = mmap(NULL, 4 * PMD_SZ, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	swp = mmap(NULL, 64 * PG, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (fd < 0 || priv == MAP_FAILED || shared == MAP_FAILED ||
	    file == MAP_FAILED || zero == MAP_FAILED || thp == MAP_FAILED ||
	    swp == MAP_FAILED)
		_exit(10);
	memset(priv, 1, 64 * PG);
	memset(shared, 2, 16 * PG);
	for (int i = 0; i < 64; i += 2)
		(void)*(volatile char *)(file + i * PG);
	for (int i = 0; i < 8; i++)
		(void)*(volatile char *)(zero + i * PG);
	thp = (char *)(((uintptr_t)thp + PMD_SZ - 1) & ~(PMD_SZ - 1));
	if (madvise(thp, 2 * PMD_SZ, MADV_HUGEPAGE))
		_exit(11);
	memset(thp, 3, 2 * PMD_SZ);
	/* Not THP, or MADV_PAGEOUT would split one first. */
	madvise(swp, 64 * PG, MADV_NOHUGEPAGE);
	for (size_t i = 0; i < 64 * PG; i++)
		swp[i] = (char)rand_r(&seed);
	for (int tries = 0; tries < 8; tries++)
		if (!madvise(swp, 64 * PG, MADV_PAGEOUT))
			break;
	h2 = mmap(NULL, PMD_SZ, PROT_READ | PROT_WRITE,
		  MAP_PRIVATE | MAP_ANONYMOUS | MAP_HUGETLB |
			  (__builtin_ctzl(PMD_SZ) << MAP_HUGE_SHIFT),
		  -1, 0);
	info->a[2] = h2 == MAP_FAILED ? 0 : (uintptr_t)h2;
	if (h2 != MAP_FAILED)
		memset(h2, 4, PG);
	info->a[0] = (uintptr_t)shared;
	info->a[1] = (uintptr_t)priv;
	info->a[3] = (uintptr_t)zero;
	info->a[4] = (uintptr_t)spawn_held(child_touch, NULL);
}

static void setup_gigantic(void *arg)
{
	char *p = PUD_SZ > 1UL << 30 ? MAP_FAILED :
		  mmap(NULL, PUD_SZ, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_HUGETLB |
			       (__builtin_ctzl(PUD_SZ) << MAP_HUGE_SHIFT),
		       -1, 0);

	(void)arg;
	info->a[5] = p == MAP_FAILED ? 0 : (uintptr_t)p;
	if (p != MAP_FAILED)
		memset(p, 5, PG);
}

/* ---- /proc/PID/smaps ---------------------------------------------------- */

/* One VMA of smaps, in kB as it says. */
struct smap {
	uint64_t start, end;
	uint64_t rss, anon, swap, anon_thp, hugetlb, shared, private_;
};

static int parse_smaps(char *buf, struct smap *s, int max)
{
	char *line, *save = NULL;
	int n = 0, skip = 0;

	for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		unsigned long long a, b, v;
		char key[64];

		if (sscanf(line, "%llx-%llx ", &a, &b) == 2 && strchr(line, ' ') > strchr(line, '-')) {
			skip = strstr(line, "[vsyscall]") != NULL;
			if (skip)
				continue;
			if (n == max)
				return -1;
			memset(&s[n], 0, sizeof(s[n]));
			s[n].start = a;
			s[n].end = b;
			n++;
			continue;
		}
		if (skip || !n || sscanf(line, "%63[^:]: %llu kB", key, &v) != 2)
			continue;
		if (!strcmp(key, "Rss"))
			s[n - 1].rss = v;
		else if (!strcmp(key, "Anonymous"))
			s[n - 1].anon = v;
		else if (!strcmp(key, "Swap"))
			s[n - 1].swap = v;
		else if (!strcmp(key, "AnonHugePages"))
			s[n - 1].anon_thp = v;
		else if (!strcmp(key, "Shared_Hugetlb") || !strcmp(key, "Private_Hugetlb"))
			s[n - 1].hugetlb += v;
		else if (!strcmp(key, "Shared_Clean") || !strcmp(key, "Shared_Dirty"))
			s[n - 1].shared += v;
		else if (!strcmp(key, "Private_Clean") || !strcmp(key, "Private_Dirty"))
			s[n - 1].private_ += v;
	}
	return n;
}

static struct smap sm[MAX_VMAS];

/* Totals over every VMA, to show what the comparison covered. */
struct seen {
	uint64_t rss, anon, file, swap, anon_thp, hugetlb, shared, zero_present;
};

/*
 * COUNTS of @pid against its smaps, VMA by VMA; smaps is read before and
 * after, and the comparison retried (up to 3 times) if the two differ.
 * Returns 1 if equal, with what was seen in @t.
 */
static int compare_smaps(pid_t pid, struct seen *t, uint64_t zero_at)
{
	char path[64];
	int tries;

	snprintf(path, sizeof(path), "/proc/%d/smaps", (int)pid);
	for (tries = 0; tries < 3; tries++) {
		struct vasinfo_vma_counts *c = NULL;
		ssize_t n, m, len, len2;
		int bad = 0;

		len = read_path(path, smaps_buf, sizeof(smaps_buf));
		n = vi_counts(dev, pid, 0, top, &c);
		len2 = read_path(path, smaps_again, sizeof(smaps_again));
		if (len < 0 || n < 0) {
			diag("read %s: %zd, COUNTS: %s", path, len, n < 0 ? strerror((int)-n) : "ok");
			free(c);
			return 0;
		}
		if (len != len2 || memcmp(smaps_buf, smaps_again, (size_t)len)) {
			free(c);
			continue;	/* smaps itself moved: again */
		}
		m = parse_smaps(smaps_buf, sm, MAX_VMAS);
		if (m != n) {
			diag("smaps has %zd VMAs, COUNTS %zd elements", m, n);
			bad = 1;
		}
		memset(t, 0, sizeof(*t));
		for (ssize_t i = 0; i < n && i < m && !bad; i++) {
			const struct vasinfo_vma_counts *e = &c[i];
			const struct smap *s = &sm[i];
			uint64_t k = PG >> 10;

			if (e->start != s->start || e->end != s->end || e->flags ||
			    e->rss * k != s->rss || e->anon * k != s->anon ||
			    e->swapped * k != s->swap || e->anon_thp * k != s->anon_thp ||
			    e->hugetlb * k != s->hugetlb || e->rss_shared * k != s->shared ||
			    e->rss_private * k != s->private_ || e->file != e->rss - e->anon) {
				diag("%llx-%llx flags %u: COUNTS rss %llu anon %llu file %llu swap %llu thp %llu hugetlb %llu shared %llu private %llu (kB); smaps %llx-%llx rss %llu anon %llu swap %llu thp %llu hugetlb %llu shared %llu private %llu",
				     (unsigned long long)e->start, (unsigned long long)e->end, e->flags,
				     (unsigned long long)(e->rss * k), (unsigned long long)(e->anon * k),
				     (unsigned long long)(e->file * k), (unsigned long long)(e->swapped * k),
				     (unsigned long long)(e->anon_thp * k), (unsigned long long)(e->hugetlb * k),
				     (unsigned long long)(e->rss_shared * k), (unsigned long long)(e->rss_private * k),
				     (unsigned long long)s->start, (unsigned long long)s->end,
				     (unsigned long long)s->rss, (unsigned long long)s->anon,
				     (unsigned long long)s->swap, (unsigned long long)s->anon_thp,
				     (unsigned long long)s->hugetlb, (unsigned long long)s->shared,
				     (unsigned long long)s->private_);
				bad = 1;
			}
			t->rss += e->rss;
			t->anon += e->anon;
			t->file += e->file;
			t->swap += e->swapped;
			t->anon_thp += e->anon_thp;
			t->hugetlb += e->hugetlb;
			t->shared += e->rss_shared;
			if (zero_at && e->start == zero_at && !e->rss)
				t->zero_present = e->present;
		}
		free(c);
		if (!bad)
			return 1;
	}
	return 0;
}

/* present, swapped and huge of every VMA equal RANGE's over the VMA. */
static int compare_range(pid_t pid, int *nvmas)
{
	struct vasinfo_vma_counts *c, *t = NULL;
	ssize_t n = vi_counts(dev, pid, 0, top, &c);
	ssize_t nt = vi_counts_flags(dev, pid, 0, top, VASINFO_COUNTS_TABLES_ONLY, &t);
	int ok = n > 0 && nt == n;

	*nvmas = (int)n;
	/* TABLES_ONLY: the same table counts, no smaps counts. */
	for (ssize_t i = 0; ok && i < n; i++)
		if (t[i].start != c[i].start || t[i].end != c[i].end ||
		    t[i].present != c[i].present || t[i].swapped != c[i].swapped ||
		    t[i].huge != c[i].huge || t[i].rss || t[i].anon || t[i].file ||
		    t[i].anon_thp || t[i].hugetlb || t[i].rss_shared || t[i].rss_private) {
			diag("%llx-%llx: TABLES_ONLY present %llu rss %llu, full present %llu",
			     (unsigned long long)t[i].start, (unsigned long long)t[i].end,
			     (unsigned long long)t[i].present, (unsigned long long)t[i].rss,
			     (unsigned long long)c[i].present);
			ok = 0;
		}
	if (nt > 0)
		free(t);
	for (ssize_t i = 0; i < n && ok; i++) {
		struct vi_range_totals tot;
		struct vasinfo_run *runs;
		ssize_t nr = vi_range_flags(dev, pid, c[i].start, c[i].end,
					    VASINFO_RANGE_NO_FACTS, &runs, &tot);
		uint64_t huge = 0;

		if (nr < 0) {
			diag("RANGE %llx-%llx: %s", (unsigned long long)c[i].start,
			     (unsigned long long)c[i].end, strerror((int)-nr));
			ok = 0;
			break;
		}
		for (ssize_t r = 0; r < nr; r++)
			if (runs[r].state == VASINFO_STATE_PRESENT && runs[r].page_size > PG)
				huge += runs[r].pages;
		free(runs);
		if (tot.present != c[i].present || tot.swapped != c[i].swapped ||
		    huge != c[i].huge) {
			diag("%llx-%llx: COUNTS present %llu swapped %llu huge %llu, RANGE %llu %llu %llu",
			     (unsigned long long)c[i].start, (unsigned long long)c[i].end,
			     (unsigned long long)c[i].present, (unsigned long long)c[i].swapped,
			     (unsigned long long)c[i].huge, (unsigned long long)tot.present,
			     (unsigned long long)tot.swapped, (unsigned long long)huge);
			ok = 0;
		}
	}
	if (n > 0)
		free(c);
	return ok;
}

/* ---- cases ----------------------------------------------------------------- */

static pid_t mixed;

static void t_mixed(void)
{
	struct seen t;
	int ok, nvmas = 0;

	mixed = spawn_held(setup_mixed, NULL);
	ok = compare_smaps(mixed, &t, info->a[3]);
	ktap_ok(ok, "a process with anon, file, shared, forked, THP, zero-page, swapped and hugetlb memory: every VMA's counts equal /proc/%d/smaps",
		(int)mixed);
	ktap_ok(ok && t.anon && t.file && t.shared && t.anon_thp >= 2 * PMD_SZ / PG && t.swap &&
		t.zero_present == 8 && (t.hugetlb == PMD_SZ / PG || !info->a[2]),
		"what it covered: rss %llu, anon %llu, file %llu, shared %llu, AnonHugePages %llu, swap %llu, zero page 8 present none in Rss (%llu), hugetlb %llu pages%s",
		(unsigned long long)t.rss, (unsigned long long)t.anon,
		(unsigned long long)t.file, (unsigned long long)t.shared,
		(unsigned long long)t.anon_thp, (unsigned long long)t.swap,
		(unsigned long long)t.zero_present, (unsigned long long)t.hugetlb,
		info->a[2] ? "" : " (no PMD-sized hugetlb page could be had)");
	ok = compare_range(mixed, &nvmas);
	ktap_ok(ok, "present, swapped and huge pages of each of %d VMAs equal RANGE's totals, and TABLES_ONLY's (which has no smaps counts)",
		nvmas);
}

static void t_gigantic(void)
{
	pid_t pid = spawn_held(setup_gigantic, NULL);
	struct seen t;
	int ok;

	if (!info->a[5]) {
		ktap_skip("hugetlb at the PUD: counts equal smaps", "no PUD-sized page (%lu MiB) could be had",
			  PUD_SZ >> 20);
		reap(pid);
		return;
	}
	ok = compare_smaps(pid, &t, 0);
	ktap_ok(ok && t.hugetlb == PUD_SZ / PG,
		"hugetlb at the PUD: counts equal smaps, %llu hugetlb pages",
		(unsigned long long)t.hugetlb);
	reap(pid);
}

static void setup_cont(void *arg)
{
	size_t size = *(size_t *)arg;
	char *p = mmap(NULL, size, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_HUGETLB |
			       (__builtin_ctzl(size) << MAP_HUGE_SHIFT),
		       -1, 0);

	info->a[6] = p == MAP_FAILED ? 0 : (uintptr_t)p;
	if (p != MAP_FAILED)
		memset(p, 6, size);
}

/*
 * A hugetlb page of contiguous entries (arm64's PTE_CONT), @lo < size <
 * @hi: COUNTS reads its entries one by one, as smaps_hugetlb_range() does.
 */
static void t_cont(size_t lo, size_t hi, const char *name)
{
	size_t size = hugetlb_size_between(lo, hi);
	const char *why = "";
	struct seen t = { 0 };
	int ok, before = 0;
	pid_t pid;

	if (!size || size > 1UL << 30 || (before = hugetlb_reserve(size, &why)) < 0) {
		ktap_skip(name, "%s", !size ? "no huge page size of contiguous entries here (x86-64 has none)" :
				       size > 1UL << 30 ? "larger than the VM's memory allows" : why);
		return;
	}
	pid = spawn_held(setup_cont, &size);
	ok = info->a[6] && compare_smaps(pid, &t, 0);
	ktap_ok(ok && t.hugetlb == size / PG, "%s (%zu KiB): counts equal smaps, %llu hugetlb pages",
		name, size >> 10, (unsigned long long)t.hugetlb);
	reap(pid);
	hugetlb_release(size, before);
}

/* COUNTS one element per call, by hand, gives what vi_counts() gives. */
static void t_resume(void)
{
	static struct vasinfo_vma_counts one[MAX_VMAS];
	struct vasinfo_vma_counts *all;
	ssize_t n = vi_counts(dev, mixed, 0, top, &all);
	struct vasinfo_counts req;
	uint64_t cursor = 0;
	int calls = 0, got = 0, err = 0;

	do {
		memset(&req, 0, sizeof(req));
		req.size = sizeof(req);
		req.pid = mixed;
		req.count = 1;
		req.start = 0;
		req.end = top;
		req.cursor = cursor;
		req.counts = (uintptr_t)&one[got];
		req.counts_size = sizeof(one[0]);
		if (ioctl(dev, VASINFO_IOC_COUNTS, &req)) {
			err = errno;
			break;
		}
		calls++;
		got += (int)req.count;
		cursor = req.cursor;
	} while (!req.done && got < MAX_VMAS && calls < 10000);
	ktap_ok(!err && n == got && !memcmp(one, all, (size_t)n * sizeof(*all)),
		"count 1 a call: %d calls, the same %d elements as one call (%s)", calls, got,
		err ? strerror(err) : "ok");
	if (n > 0)
		free(all);
}

/*
 * A VMA whose walk reads more table entries than one call may (2^18): one
 * page touched in each PMD's span of 2^19 pages (NOHUGEPAGE: with 4 KiB
 * pages 1024 PTE tables in 2 GiB).
 */
static void t_cut(void)
{
	size_t len = PG << 19;
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	struct vasinfo_vma_counts e[4], *all = NULL;
	struct vasinfo_counts req;
	ssize_t n = -1;
	int first = -1;

	if (p == MAP_FAILED || madvise(p, len, MADV_NOHUGEPAGE)) {
		ktap_ok(0, "2 GiB mapping for the budget case: %s", strerror(errno));
		return;
	}
	for (size_t off = 0; off < len; off += PMD_SZ)
		p[off] = 1;
	memset(&req, 0, sizeof(req));
	req.size = sizeof(req);
	req.count = 4;
	req.start = (uintptr_t)p;
	req.end = (uintptr_t)p + len;
	req.counts = (uintptr_t)e;
	req.counts_size = sizeof(e[0]);
	if (!ioctl(dev, VASINFO_IOC_COUNTS, &req))
		first = (int)req.count;
	n = vi_counts(dev, 0, (uintptr_t)p, (uintptr_t)p + len, &all);
	ktap_ok(first == 1 && !req.done && (e[0].flags & VASINFO_COUNTS_CUT) &&
		req.cursor == e[0].end && e[0].end < req.end &&
		n == 1 && all[0].present == len / PMD_SZ && all[0].rss == len / PMD_SZ &&
		all[0].start == (uintptr_t)p && all[0].end == (uintptr_t)p + len && !all[0].flags,
		"a walk past the call's budget: first call %d element%s cut at +%#llx (CUT), joined by vi_counts: %zd element, %llu present",
		first, first == 1 ? "" : "s", (unsigned long long)(e[0].end - (uintptr_t)p),
		n, n > 0 ? (unsigned long long)all[0].present : 0ULL);
	free(all);
	munmap(p, len);
}

static int counts_call(pid_t pid, uint32_t flags, uint64_t start, uint64_t end,
		       uint64_t cursor, uint32_t count, uint32_t esize)
{
	static struct vasinfo_vma_counts e[8];
	struct vasinfo_counts req;

	memset(&req, 0, sizeof(req));
	req.size = sizeof(req);
	req.flags = flags;
	req.pid = pid;
	req.count = count;
	req.start = start;
	req.end = end;
	req.cursor = cursor;
	req.counts = (uintptr_t)e;
	req.counts_size = esize;
	return ioctl(dev, VASINFO_IOC_COUNTS, &req) ? -errno : 0;
}

static void t_refused(void)
{
	uint64_t b = info->a[1];	/* the mixed process's private region */
	uint32_t es = sizeof(struct vasinfo_vma_counts);
	struct vasinfo_mm_info mi;
	struct vasinfo_run *runs = NULL;
	int other, want_mm, want_range;
	ssize_t nr;

	ktap_ok(counts_call(mixed, 0, b, b, 0, 8, es) == -EINVAL &&
		counts_call(mixed, 0, b + PG, b, 0, 8, es) == -EINVAL,
		"start equal to end, start above end: EINVAL");
	ktap_ok(counts_call(mixed, 0, b + 1, b + PG, 0, 8, es) == -EINVAL &&
		counts_call(mixed, 0, b, b + PG + 8, 0, 8, es) == -EINVAL &&
		counts_call(mixed, 0, b, b + 4 * PG, b + 1, 8, es) == -EINVAL,
		"start, end or cursor not page-aligned: EINVAL");
	ktap_ok(counts_call(mixed, 0, top - PG, top + PG, 0, 8, es) == -EINVAL &&
		counts_call(mixed, 0, 0xffffffff81000000ULL, 0xffffffff81200000ULL, 0, 8, es) == -EINVAL &&
		counts_call(mixed, 0, 0, 0x8000000000000000ULL, 0, 8, es) == -EINVAL &&
		counts_call(mixed, 0, top - PG, top, 0, 8, es) == 0,
		"end above TASK_SIZE_MAX, kernel or non-canonical addresses: EINVAL; ending at TASK_SIZE_MAX: answered");
	ktap_ok(counts_call(mixed, 0, b, b + 4 * PG, b - PG, 8, es) == -EINVAL &&
		counts_call(mixed, 0, b, b + 4 * PG, b + 5 * PG, 8, es) == -EINVAL &&
		counts_call(mixed, 0, b, b + 4 * PG, 0, 0, es) == -EINVAL &&
		counts_call(mixed, 2, b, b + 4 * PG, 0, 8, es) == -EINVAL &&
		counts_call(mixed, 1U << 31, b, b + 4 * PG, 0, 8, es) == -EINVAL &&
		counts_call(mixed, 0, b, b + 4 * PG, 0, 8, VASINFO_VMA_COUNTS_SIZE_VER0 - 8) == -EINVAL &&
		counts_call(mixed, 0, b, b + 4 * PG, 0, 8, es + 64) == 0,
		"cursor outside the range, count 0, unknown flags (bits 1, 31), element too small: EINVAL; a larger element: answered");
	/* Someone else's process: as a user, init (root's); as root, a kernel thread. */
	other = is_root ? 2 : 1;
	want_mm = vi_mm_info(dev, other, &mi);
	nr = vi_range(dev, other, b, b + PG, &runs, NULL);
	want_range = nr < 0 ? (int)nr : 0;
	free(nr < 0 ? NULL : runs);
	ktap_ok(want_mm < 0 && counts_call(other, 0, b, b + PG, 0, 8, es) == want_mm &&
		want_range == want_mm,
		"pid %d (%s): %s, as MM_INFO and RANGE", other,
		is_root ? "a kernel thread" : "root's init", strerror(-want_mm));
}

int main(int argc, char **argv)
{
	struct vasinfo_version v;

	info = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (info == MAP_FAILED)
		return 2;
	if (argc == 3 && !strcmp(argv[1], "--user"))
		drop_to((uid_t)atoi(argv[2]));
	is_root = geteuid() == 0;
	ktap_header(is_root ? "vasinfo-counts-root" : "vasinfo-counts-user");
	ktap_plan(13);
	dev = vi_open();
	if (dev < 0 || vi_version(dev, &v)) {
		printf("Bail out! %s\n", vi_strerror(dev < 0 ? dev : -ENOTTY, 0));
		return 1;
	}
	top = task_size_max_of(&v);
	t_mixed();
	t_gigantic();
	t_cont(PG, PMD_SZ, "hugetlb of contiguous PTEs");
	t_cont(PMD_SZ, PUD_SZ, "hugetlb of contiguous PMDs");
	t_resume();
	t_cut();
	t_refused();
	if (info->a[4])
		reap((pid_t)info->a[4]);
	reap(mixed);
	return ktap_finish();
}
