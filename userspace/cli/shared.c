// SPDX-License-Identifier: MIT
/*
 * vasinfo shared PID1 PID2: the physical frames two processes share, region
 * by region, and each one's RSS, USS and PSS. OSTEP chapter 13's isolation,
 * measured: unrelated processes share only file (library, program) pages;
 * a forked child shares everything until it writes.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "grow.h"

static const char help[] =
	"usage: vasinfo shared [--json] PID1 PID2\n"
	"\n"
	"The physical frames processes PID1 and PID2 both map: for every region\n"
	"of PID1 with resident pages, how many of them PID2 maps too, and in which\n"
	"of PID2's regions. Then, for each process, RSS (resident pages), USS\n"
	"(pages no other process maps: map count 1) and PSS (each page divided\n"
	"by the number of mappings of it), in KiB, as /proc/PID/smaps_rollup\n"
	"counts them. Pages without a struct page (PFNMAP, e.g. [vvar]) and the\n"
	"shared zero page are left out. Frames are shown only to root\n"
	"(CAP_SYS_ADMIN): for anyone else this command fails.\n"
	"\n"
	"  --json      {pid1, pid2, page_size, regions: [{start, end, segment,\n"
	"              name, resident, shared (pages), with: [{start, end,\n"
	"              segment, name, pages}]}], shared, processes: [{pid, comm,\n"
	"              rss, uss (pages), pss_bytes, rss_kb, uss_kb, pss_kb}]}\n"
	"  -h, --help  this text\n";

/* ---- arithmetic on pages, no device ---- */

static int countable(const struct cli_page *p)
{
	return p->mapcount >= 1 &&
	       !(p->page & (VASINFO_PAGE_ZERO | VASINFO_PAGE_NO_STRUCT));
}

void cli_mem_use(const struct cli_proc *pr, struct cli_mem_use *u)
{
	memset(u, 0, sizeof(*u));
	for (size_t k = 0; k < pr->np; k++) {
		const struct cli_page *p = &pr->p[k];

		if (!countable(p)) {
			u->skipped++;
			continue;
		}
		u->rss++;
		if (p->mapcount == 1)
			u->uss++;
		/* fs/proc/task_mmu.c: (PAGE_SIZE << PSS_SHIFT) / mapcount */
		u->pss_x += (vi_page_size() << CLI_PSS_SHIFT) / (uint64_t)p->mapcount;
	}
}

/* The region of @pr holding @vaddr, or -1. */
static ssize_t region_of(const struct cli_proc *pr, uint64_t vaddr)
{
	ssize_t lo = 0, hi = pr->nv;

	while (lo < hi) {
		ssize_t mid = lo + (hi - lo) / 2;

		if (vaddr < pr->v[mid].start)
			hi = mid;
		else if (vaddr >= pr->v[mid].end)
			lo = mid + 1;
		else
			return mid;
	}
	return -1;
}

struct pfn_at {
	uint64_t pfn;
	ssize_t j;
};

static int pfn_cmp(const void *x, const void *y)
{
	const struct pfn_at *a = x, *b = y;

	if (a->pfn != b->pfn)
		return a->pfn < b->pfn ? -1 : 1;
	return (a->j > b->j) - (a->j < b->j);
}

/* First entry of @ix[n] with @pfn, or n. */
static size_t pfn_find(const struct pfn_at *ix, size_t n, uint64_t pfn)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (ix[mid].pfn < pfn)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && ix[lo].pfn == pfn ? lo : n;
}

ssize_t cli_shared_pairs(const struct cli_proc *a, const struct cli_proc *b,
			 struct cli_share **out)
{
	size_t nix = 0, nout = 0, cap = 0;
	struct cli_share *res = NULL;
	ssize_t cur = -1;
	uint64_t total = 0;
	struct pfn_at *ix;
	uint64_t *cnt;
	size_t *seen;	/* the page of @a last counted for each region of @b, + 1 */

	ix = malloc((b->np + 1) * sizeof(*ix));
	cnt = calloc((size_t)b->nv + 1, sizeof(*cnt));
	seen = calloc((size_t)b->nv + 1, sizeof(*seen));
	if (!ix || !cnt || !seen)
		goto nomem;
	for (size_t k = 0; k < b->np; k++) {
		ssize_t j = region_of(b, b->p[k].vaddr);

		if (j >= 0 && countable(&b->p[k]))
			ix[nix++] = (struct pfn_at){ b->p[k].pfn, j };
	}
	qsort(ix, nix, sizeof(*ix), pfn_cmp);

	/* The pages come by address, so each region's pages are together. */
	for (size_t k = 0; k <= a->np; k++) {
		ssize_t i = k < a->np ? region_of(a, a->p[k].vaddr) : -2;
		const struct cli_page *p = k < a->np ? &a->p[k] : NULL;
		size_t need, x;
		int any = 0;

		if (i != cur) {
			if (total) {
				need = nout + 1;
				for (ssize_t j = 0; j < b->nv; j++)
					need += !!cnt[j];
				if (VI_GROW(res, cap, need))
					goto nomem;
				res[nout++] = (struct cli_share){ cur, -1, total };
				for (ssize_t j = 0; j < b->nv; j++) {
					if (cnt[j])
						res[nout++] = (struct cli_share){ cur, j, cnt[j] };
					cnt[j] = 0;
				}
			}
			cur = i;
			total = 0;
		}
		if (!p || i < 0 || !countable(p))
			continue;
		for (x = pfn_find(ix, nix, p->pfn); x < nix && ix[x].pfn == p->pfn; x++) {
			if (seen[ix[x].j] == k + 1)
				continue;	/* mapped twice in that region */
			seen[ix[x].j] = k + 1;
			cnt[ix[x].j]++;
			any = 1;
		}
		total += any;
	}
	free(ix);
	free(cnt);
	free(seen);
	*out = res;
	return (ssize_t)nout;
nomem:
	free(ix);
	free(cnt);
	free(seen);
	free(res);
	return -ENOMEM;
}

/* ---- printing ---- */

/* Countable resident pages per region, in a calloc'd array (NULL: no memory). */
static uint64_t *region_resident(const struct cli_proc *pr)
{
	uint64_t *n = calloc((size_t)pr->nv + 1, sizeof(*n));

	for (size_t k = 0; n && k < pr->np; k++) {
		ssize_t i = region_of(pr, pr->p[k].vaddr);

		if (i >= 0 && countable(&pr->p[k]))
			n[i]++;
	}
	return n;
}

static void region_json(struct vj *j, const struct vasinfo_vma *v)
{
	vj_kv_hex(j, "start", v->start);
	vj_kv_hex(j, "end", v->end);
	vj_kv_str(j, "segment", vi_segment_name(v->segment));
	vj_kv_str(j, "name", v->name);
}

static void proc_json(struct vj *j, const struct cli_proc *pr)
{
	struct cli_mem_use u;

	cli_mem_use(pr, &u);
	vj_obj(j);
	vj_kv_int(j, "pid", pr->pid);
	vj_kv_str(j, "comm", pr->comm);
	vj_kv_uint(j, "rss", u.rss);
	vj_kv_uint(j, "uss", u.uss);
	vj_kv_uint(j, "pss_bytes", u.pss_x >> CLI_PSS_SHIFT);
	vj_kv_uint(j, "rss_kb", u.rss * (vi_page_size() >> 10));
	vj_kv_uint(j, "uss_kb", u.uss * (vi_page_size() >> 10));
	vj_kv_uint(j, "pss_kb", u.pss_x >> (CLI_PSS_SHIFT + 10));
	vj_obj_end(j);
}

void cli_shared_report(FILE *f, int json, const struct cli_proc *a,
		       const struct cli_proc *b)
{
	struct cli_share *s = NULL;
	ssize_t ns = cli_shared_pairs(a, b, &s), x = 0;
	uint64_t shared = 0, resident = 0, *rr = region_resident(a);

	if (ns < 0 || !rr) {
		fprintf(stderr, "vasinfo: out of memory\n");
		free(s);
		free(rr);
		return;
	}
	for (ssize_t k = 0; k < ns; k++)
		if (s[k].j < 0)
			shared += s[k].pages;

	if (json) {
		struct vj j;

		vj_init(&j, f);
		vj_obj(&j);
		vj_kv_int(&j, "pid1", a->pid);
		vj_kv_int(&j, "pid2", b->pid);
		vj_kv_uint(&j, "page_size", vi_page_size());
		vj_kv_arr(&j, "regions");
		for (ssize_t i = 0; i < a->nv; i++) {
			uint64_t res = rr[i], sh = 0;

			if (x < ns && s[x].i == i)
				sh = s[x++].pages;
			if (!res)
				continue;
			vj_obj(&j);
			region_json(&j, &a->v[i]);
			vj_kv_uint(&j, "resident", res);
			vj_kv_uint(&j, "shared", sh);
			vj_kv_arr(&j, "with");
			for (; x < ns && s[x].i == i; x++) {
				vj_obj(&j);
				region_json(&j, &b->v[s[x].j]);
				vj_kv_uint(&j, "pages", s[x].pages);
				vj_obj_end(&j);
			}
			vj_arr_end(&j);
			vj_obj_end(&j);
		}
		vj_arr_end(&j);
		vj_kv_uint(&j, "shared", shared);
		vj_kv_arr(&j, "processes");
		proc_json(&j, a);
		proc_json(&j, b);
		vj_arr_end(&j);
		vj_obj_end(&j);
		free(s);
		free(rr);
		return;
	}

	fprintf(f, "frames of pid %d (%s) that pid %d (%s) maps too, in pages of %llu KiB\n",
		(int)a->pid, a->comm, (int)b->pid, b->comm,
		(unsigned long long)vi_page_size() >> 10);
	{
		char r[32], w[40];

		snprintf(r, sizeof(r), "region of pid %d", (int)a->pid);
		snprintf(w, sizeof(w), "-> where pid %d maps them", (int)b->pid);
		fprintf(f, "%-33s %-7s %8s %8s  %s\n", r, "segment", "resident",
			"shared", "name");
		fprintf(f, "%50s %8s  %s\n", "", "", w);
	}
	for (ssize_t i = 0; i < a->nv; i++) {
		const struct vasinfo_vma *v = &a->v[i];
		uint64_t res = rr[i], sh = 0;

		if (x < ns && s[x].i == i)
			sh = s[x++].pages;
		resident += res;
		if (!res)
			continue;
		fprintf(f, "%016llx-%016llx %-7s %8llu %8llu  %s\n",
			(unsigned long long)v->start, (unsigned long long)v->end,
			vi_segment_name(v->segment), (unsigned long long)res,
			(unsigned long long)sh, v->name);
		for (; x < ns && s[x].i == i; x++) {
			const struct vasinfo_vma *w = &b->v[s[x].j];

			fprintf(f, "%50s %8llu  -> %016llx-%016llx %s %s\n", "",
				(unsigned long long)s[x].pages,
				(unsigned long long)w->start, (unsigned long long)w->end,
				vi_segment_name(w->segment), w->name);
		}
	}
	fprintf(f, "%llu of %llu resident pages of pid %d are frames pid %d maps too\n\n",
		(unsigned long long)shared, (unsigned long long)resident, (int)a->pid,
		(int)b->pid);
	fprintf(f, "%-22s %10s %10s %10s\n", "", "RSS KiB", "USS KiB", "PSS KiB");
	for (int k = 0; k < 2; k++) {
		const struct cli_proc *pr = k ? b : a;
		struct cli_mem_use u;
		char who[40];

		cli_mem_use(pr, &u);
		snprintf(who, sizeof(who), "pid %d (%.15s)", (int)pr->pid, pr->comm);
		fprintf(f, "%-22s %10llu %10llu %10llu\n", who,
			(unsigned long long)(u.rss * (vi_page_size() >> 10)),
			(unsigned long long)(u.uss * (vi_page_size() >> 10)),
			(unsigned long long)(u.pss_x >> (CLI_PSS_SHIFT + 10)));
	}
	fprintf(f, "USS: pages no other process maps. PSS: every page divided by the number\n"
		   "of processes mapping it; the PSS of all processes adds up to the memory used.\n");
	free(s);
	free(rr);
}

/* ---- the device ---- */

struct gathered {
	struct cli_proc pr;
	struct vasinfo_vma *v;
	struct cli_page *p;
	size_t cap;
};

static int add_page(struct gathered *g, uint64_t vaddr)
{
	if (VI_GROW(g->p, g->cap, g->pr.np + 1))
		return -ENOMEM;
	g->p[g->pr.np++] = (struct cli_page){ .vaddr = vaddr };
	return 0;
}

/*
 * Resident pages of @pid: COUNTS says which regions have any, RANGE finds
 * them there, TRANSLATE (in batches) gives each its frame and map count. A
 * page gone between them is dropped.
 */
static int gather(int fd, pid_t pid, struct gathered *g)
{
	static struct vasinfo_xlate x[VASINFO_MAX_BATCH];
	static uint64_t addr[VASINFO_MAX_BATCH];
	struct vasinfo_mm_info mi;
	struct cli_counts *c;
	ssize_t n;
	size_t k, kept;
	int rc;

	memset(g, 0, sizeof(*g));
	rc = vi_mm_info(fd, pid, &mi);
	if (rc)
		return rc;
	g->pr.pid = pid ? pid : getpid();
	memcpy(g->pr.comm, mi.comm, sizeof(g->pr.comm));
	g->pr.comm[sizeof(g->pr.comm) - 1] = '\0';
	n = vi_vmas(fd, pid, &g->v);
	if (n < 0)
		return (int)n;
	g->pr.v = g->v;
	g->pr.nv = n;
	/* Which regions have present pages at all: one COUNTS walk. */
	c = calloc((size_t)n + 1, sizeof(*c));
	if (!c)
		return -ENOMEM;
	rc = cli_count_regions(fd, pid, g->v, n, c);
	for (ssize_t i = 0; i < n && !rc; i++) {
		struct vasinfo_run *runs;
		ssize_t nr;

		if (!c[i].resident)
			continue;
		/* Only where pages are: no page facts needed (ABI 1.1). */
		nr = vi_range_flags(fd, pid, g->v[i].start, g->v[i].end,
				    VASINFO_RANGE_NO_FACTS, &runs, NULL);
		if (nr == -EINVAL)
			nr = vi_range(fd, pid, g->v[i].start, g->v[i].end, &runs, NULL);
		if (nr < 0) {
			rc = (int)nr;
			break;
		}
		for (ssize_t r = 0; r < nr && !rc; r++)
			for (uint64_t q = 0; runs[r].state == VASINFO_STATE_PRESENT &&
					     q < runs[r].pages && !rc; q++)
				rc = add_page(g, runs[r].vaddr + q * vi_page_size());
		free(runs);
	}
	free(c);
	if (rc)
		return rc;
	kept = 0;
	for (k = 0; k < g->pr.np; k += VASINFO_MAX_BATCH) {
		size_t b = g->pr.np - k < VASINFO_MAX_BATCH ? g->pr.np - k : VASINFO_MAX_BATCH;

		for (size_t q = 0; q < b; q++)
			addr[q] = g->p[k + q].vaddr;
		rc = vi_translate(fd, pid, addr, b, x);
		if (rc)
			return rc;
		for (size_t q = 0; q < b; q++) {
			if (x[q].state != VASINFO_STATE_PRESENT || x[q].pfn == VASINFO_HIDDEN)
				continue;
			g->p[kept++] = (struct cli_page){ x[q].vaddr, x[q].pfn,
							  x[q].mapcount, x[q].page };
		}
	}
	g->pr.np = kept;
	g->pr.p = g->p;
	return 0;
}

int cmd_shared(int argc, char **argv)
{
	struct gathered g[2];
	struct vasinfo_version ver;
	struct cli_opts o;
	int first, rc, fd, k;
	pid_t pid[2];

	rc = cli_parse("shared", argc, argv, &o, "j", &first);
	if (rc)
		return rc;
	if (o.help) {
		fputs(help, stdout);
		return EXIT_OK;
	}
	if (argc - first != 2)
		return cli_usage_error("shared ", "shared: needs two PIDs");
	for (k = 0; k < 2; k++) {
		rc = cli_pid("shared", argv[first + k], &pid[k]);
		if (rc)
			return rc;
	}
	fd = cli_open();
	if (fd < 0)
		return EXIT_USER;
	rc = vi_version(fd, &ver);
	if (rc) {
		close(fd);
		return cli_user_error("%s", vi_strerror(rc, 0));
	}
	if (!(ver.caps & VASINFO_CAP_PFN)) {
		close(fd);
		return cli_user_error("shared needs physical frame numbers, which the kernel shows only to root (CAP_SYS_ADMIN), as in /proc/PID/pagemap");
	}
	memset(g, 0, sizeof(g));
	for (k = 0; k < 2 && !rc; k++)
		rc = gather(fd, pid[k], &g[k]);
	close(fd);
	if (rc)
		rc = cli_user_error("%s", vi_strerror(rc, pid[k - 1]));
	else
		cli_shared_report(stdout, o.json, &g[0].pr, &g[1].pr);
	for (k = 0; k < 2; k++) {
		free(g[k].v);
		free(g[k].p);
	}
	return rc;
}
