// SPDX-License-Identifier: MIT
/*
 * vasinfo layout PID: OSTEP's figure 13.3 for a real process. Code at the
 * bottom, the heap growing up, the mmap area, the stack growing down, and
 * the unmapped space between them drawn on a log scale; with --phys, where
 * each region's frames lie in physical RAM.
 *
 * This file builds the picture (layout.h says how it is kept) and is the
 * command; nothing but cmd_layout() touches the device.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "grow.h"
#include "layout.h"
#include "utf8.h"

static const char help[] =
	"usage: vasinfo layout [--json] [--all] [--phys] [--color=WHEN] [--svg FILE] PID\n"
	"\n"
	"A picture of the address space of process PID (0: yourself), like OSTEP's\n"
	"figure 13.3: highest addresses on top, code at the bottom, the heap growing\n"
	"up, the mmap area, the stack growing down. Each region shows its segment,\n"
	"name, range, size and permissions; the unmapped gaps between regions are\n"
	"drawn on a log scale (one more row for every 256 times larger) and say\n"
	"their size. Adjacent regions of one library are drawn as one line\n"
	"(\"libc.so.6 (5 regions)\").\n"
	"\n"
	"  --all          every region on its own line\n"
	"  --phys         under each region, a strip of all System RAM (/proc/iomem)\n"
	"                 in 64 cells, the cells holding its resident frames marked:\n"
	"                 contiguous virtual memory, scattered physical frames.\n"
	"                 Frames are shown only to root (CAP_SYS_ADMIN)\n"
	"  --color=WHEN   auto (the default: on a terminal, unless NO_COLOR is set),\n"
	"                 always or never\n"
	"  --svg FILE     write the picture as a standalone SVG image to FILE\n"
	"                 (- for stdout) instead of the text\n"
	"  --json         {\"pid\", \"comm\", \"task_size\", \"mmap_base\", \"regions\":\n"
	"                 [{\"start\", \"end\", \"size\", \"perms\", \"segment\", \"name\",\n"
	"                 \"group\"}], \"gaps\": [{\"start\", \"end\", \"size\", \"rows\",\n"
	"                 \"label\"}], \"groups\": [{\"name\", \"start\", \"end\", \"size\",\n"
	"                 \"first\", \"regions\"}], \"phys\"}, all in ascending address\n"
	"                 order; with --phys each region also has \"resident\" and\n"
	"                 \"outside_ram\" (pages) and \"cells\" (the marked cells), and\n"
	"                 \"phys\" is {\"cells\", \"ram_bytes\", \"ram\": [{\"start\", \"end\"}]}\n"
	"  -h, --help     this text\n";

#define MAX_GAP_ROWS 6

/* ---- numbers and names ---- */

unsigned int cli_layout_gap_rows(uint64_t bytes)
{
	int lg = bytes ? 63 - __builtin_clzll(bytes) : 0;
	unsigned int rows = lg <= 12 ? 1 : 1 + (unsigned int)(lg - 12) / 8;

	return rows > MAX_GAP_ROWS ? MAX_GAP_ROWS : rows;
}

void cli_layout_size(uint64_t bytes, char *buf, size_t len)
{
	static const char *const units[] = { "B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
	unsigned int u = 0;

	while (u < 6 && bytes >= (1ULL << (10 * (u + 1))))
		u++;
	if (!(bytes & ((1ULL << (10 * u)) - 1))) {
		snprintf(buf, len, "%llu %s", (unsigned long long)(bytes >> (10 * u)),
			 units[u]);
		return;
	}
	/* One decimal, rounded: 1023.96 KiB is 1.0 MiB, not 1024.0 KiB. */
	double v = (double)bytes / (double)(1ULL << (10 * u));

	if (v >= 1023.95 && u < 6) {
		u++;
		v /= 1024;
	}
	snprintf(buf, len, "%.1f %s", v, units[u]);
}

int cli_layout_cell(const struct cli_ram *ram, size_t nram, unsigned int cells,
		    uint64_t pa)
{
	uint64_t total = 0, off = 0;
	int found = 0;

	for (size_t i = 0; i < nram; i++) {
		if (pa >= ram[i].start && pa < ram[i].end) {
			off = total + (pa - ram[i].start);
			found = 1;
		}
		total += ram[i].end - ram[i].start;
	}
	if (!found || !total)
		return -1;
	return (int)((unsigned __int128)off * cells / total);
}

static int cmp_ram(const void *a, const void *b)
{
	const struct cli_ram *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

ssize_t cli_layout_iomem(const char *text, struct cli_ram **out)
{
	struct cli_ram *r = NULL;
	size_t n = 0, cap = 0, i, k;
	int zero = 0;

	*out = NULL;
	for (const char *line = text; line && *line;) {
		const char *nl = strchr(line, '\n');
		unsigned long long s, e;
		int off = 0;

		if (sscanf(line, " %llx-%llx : %n", &s, &e, &off) == 2 && off &&
		    !strncmp(line + off, "System RAM", 10) &&
		    (line[off + 10] == '\n' || line[off + 10] == '\0')) {
			if (!s && !e) {
				zero = 1;
			} else if (e >= s) {
				if (VI_GROW(r, cap, n + 1)) {
					free(r);
					return -ENOMEM;
				}
				r[n].start = s;
				r[n].end = e + 1;	/* iomem's end is inclusive */
				n++;
			}
		}
		line = nl ? nl + 1 : NULL;
	}
	if (!n) {
		free(r);
		return zero ? -EPERM : -ENOENT;
	}
	qsort(r, n, sizeof(*r), cmp_ram);
	for (i = 1, k = 0; i < n; i++) {	/* merge touching or nested */
		if (r[i].start <= r[k].end) {
			if (r[i].end > r[k].end)
				r[k].end = r[i].end;
		} else {
			r[++k] = r[i];
		}
	}
	*out = r;
	return (ssize_t)k + 1;
}

/* @s made printable: control characters and broken UTF-8 become '?'. */
static void clean(const char *s, char *out, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t o = 0;

	while (*p && o + 5 < len) {
		int n = vi_utf8_char((const char *)p, NULL);

		if (!n || *p < 0x20 || *p == 0x7f) {
			out[o++] = '?';
			p++;
			continue;
		}
		memcpy(out + o, p, (size_t)n);
		o += (size_t)n;
		p += n;
	}
	out[o] = '\0';
}

/* @s fitted into @w columns: its end kept, "…" in front when cut. */
void layout_fit(const char *s, size_t w, char *out, size_t len)
{
	size_t c = vi_utf8_width(s);

	if (c <= w) {
		snprintf(out, len, "%s", s);
		return;
	}
	snprintf(out, len, "…%s", s + vi_utf8_tail(s, w - 1));
}

static const char *base_name(const char *s)
{
	const char *slash = strrchr(s, '/');

	return slash && slash[1] ? slash + 1 : s;
}

/* What a block is called: a region's name, a group's file and count. */
void layout_block_name(const struct model *m, const struct block *b,
		       char *out, size_t len)
{
	char name[VASINFO_NAME_MAX * 2];

	clean(m->l->v[b->first].name, name, sizeof(name));
	if (b->kind == B_GROUP)
		snprintf(out, len, "%s (%zd regions)", base_name(name), b->count);
	else
		snprintf(out, len, "%s", name[0] ? name : "[anon]");
}

/* "~ 4 MiB unmapped ~"; @with_note: and why there (address 0, the top). */
void layout_gap_label(const struct model *m, const struct block *b,
		      char *out, size_t len, int with_note)
{
	char sz[32];

	cli_layout_size(b->end - b->start, sz, sizeof(sz));
	snprintf(out, len, "~ %s unmapped ~%s", sz,
		 !with_note ? "" :
		 b->start == 0 ? "  (from address 0: a NULL pointer faults here)" :
		 m->l->mm && b->end == m->l->mm->task_size && m->l->n &&
		 b->start == m->l->v[m->l->n - 1].end ? "  (up to the top of user space)" : "");
}

/* What the mmap_base line says; @brief: short enough for the SVG box. */
void layout_mark_label(const struct model *m, char *out, size_t len, int brief)
{
	snprintf(out, len, brief ? "mmap_base %#llx: mmap area grows %s" :
		 "mmap_base %#llx: the mmap area grows %s from here",
		 (unsigned long long)m->l->mm->mmap_base,
		 m->mmap_up ? "up ↑" : "down ↓");
}

/* A strip's resident size in at most 7 columns: "132 KiB", "1023K", "none". */
void layout_strip_size(uint64_t pages, char *buf, size_t len)
{
	static const char units[] = "KMGTP";
	uint64_t kib = pages * (vi_page_size() / 1024);
	int u = 0;

	if (!pages) {
		snprintf(buf, len, "none");
		return;
	}
	cli_layout_size(pages * vi_page_size(), buf, len);
	if (strlen(buf) <= 7)
		return;
	while (kib >= 10000 && u < 4) {
		kib /= 1024;
		u++;
	}
	snprintf(buf, len, "%llu%c", (unsigned long long)kib, units[u]);
}

/* ---- the model ---- */

/* Hex digits to write addresses below @end (at least 8, like maps). */
int layout_hex_digits(uint64_t end)
{
	int d = 8;

	while (d < 16 && end && (end - 1) >> (4 * d))
		d++;
	return d;
}

static int same_library(const struct vasinfo_vma *a, const struct vasinfo_vma *b)
{
	return a->segment == VASINFO_SEG_FILE && b->segment == VASINFO_SEG_FILE &&
	       a->end == b->start && a->name[0] == '/' && !strcmp(a->name, b->name);
}

static int add_block(struct model *m, size_t *cap, struct block b)
{
	if (VI_GROW(m->b, *cap, m->nb + 1))
		return -ENOMEM;
	m->b[m->nb++] = b;
	return 0;
}

static int add_gap(struct model *m, size_t *cap, uint64_t start, uint64_t end)
{
	struct block b = { B_GAP, start, end, -1, 0, cli_layout_gap_rows(end - start), 0 };

	return add_block(m, cap, b);
}

static void mark_frames(struct model *m, ssize_t i)
{
	const struct cli_layout *l = m->l;
	unsigned char *c = m->cells + (size_t)i * CLI_LAYOUT_CELLS;
	uint64_t page = vi_page_size();

	for (ssize_t k = 0; k < l->nruns[i]; k++) {
		const struct vasinfo_run *r = &l->runs[i][k];
		uint64_t a, b, base = 0, inside = 0;

		if (r->state != VASINFO_STATE_PRESENT || r->pfn == VASINFO_HIDDEN)
			continue;
		m->resident[i] += r->pages;
		a = r->pfn * page;
		b = a + r->pages * page;
		/* The frames are contiguous: mark each RAM range's share. */
		for (size_t j = 0; j < l->nram; j++) {
			uint64_t lo = a > l->ram[j].start ? a : l->ram[j].start;
			uint64_t hi = b < l->ram[j].end ? b : l->ram[j].end;

			if (lo < hi) {
				uint64_t c0 = (unsigned __int128)(base + lo - l->ram[j].start) *
					      CLI_LAYOUT_CELLS / m->ram_bytes;
				uint64_t c1 = (unsigned __int128)(base + hi - 1 - l->ram[j].start) *
					      CLI_LAYOUT_CELLS / m->ram_bytes;

				for (uint64_t x = c0; x <= c1; x++)
					c[x] = 1;
				inside += (hi - lo + page - 1) / page;
			}
			base += l->ram[j].end - l->ram[j].start;
		}
		m->outside[i] += r->pages > inside ? r->pages - inside : 0;
	}
}

static void model_free(struct model *m)
{
	free(m->b);
	free(m->group);
	free(m->cells);
	free(m->resident);
	free(m->outside);
}

/*
 * Where mmap_base goes: between the blocks above and below it, or inside
 * the gap that holds it, after as many of the gap's rows as the part above
 * it would have on the log scale (in proportion).
 */
static int place_mark(struct model *m, size_t *cap)
{
	const struct vasinfo_mm_info *mm = m->l->mm;
	struct block mk = { B_MARK, 0, 0, -1, 0, 1, 0 };
	struct block *b;
	size_t k;

	if (!mm || !mm->mmap_base || !m->nb || mm->mmap_base > m->b[0].end)
		return 0;
	for (k = 0; k < m->nb && m->b[k].start >= mm->mmap_base; k++)
		;
	if (k == m->nb)
		return 0;
	b = &m->b[k];
	if (b->kind == B_GAP && b->end > mm->mmap_base) {
		unsigned int up = cli_layout_gap_rows(b->end - mm->mmap_base);
		unsigned int down = cli_layout_gap_rows(mm->mmap_base - b->start);

		if (b->rows > 1) {
			b->mark_at = up * b->rows / (up + down);
			if (b->mark_at < 1)
				b->mark_at = 1;
			if (b->mark_at > b->rows - 1)
				b->mark_at = b->rows - 1;
			return 0;
		}
		/* one row: the mark above it or below, by which part is larger */
		k += b->end - mm->mmap_base > mm->mmap_base - b->start;
	}
	mk.start = mk.end = mm->mmap_base;
	if (add_block(m, cap, mk))
		return -ENOMEM;
	memmove(&m->b[k + 1], &m->b[k], (m->nb - 1 - k) * sizeof(*m->b));
	m->b[k] = mk;
	return 0;
}

static int model_build(struct model *m, const struct cli_layout *l)
{
	const struct vasinfo_vma *v = l->v;
	const struct vasinfo_mm_info *mm = l->mm;
	size_t cap = 0, n = l->n > 0 ? (size_t)l->n : 0;
	ssize_t i, above = 0, below = 0;

	memset(m, 0, sizeof(*m));
	m->l = l;
	m->phys = l->runs != NULL;
	m->group = malloc((n + 1) * sizeof(*m->group));
	if (!m->group)
		return -ENOMEM;
	if (m->phys) {
		m->cells = calloc(n + 1, CLI_LAYOUT_CELLS);
		m->resident = calloc(n + 1, sizeof(*m->resident));
		m->outside = calloc(n + 1, sizeof(*m->outside));
		if (!m->cells || !m->resident || !m->outside)
			return -ENOMEM;
		for (size_t j = 0; j < l->nram; j++)
			m->ram_bytes += l->ram[j].end - l->ram[j].start;
		for (i = 0; i < l->n; i++)
			if (m->ram_bytes)
				mark_frames(m, i);
	}
	m->digits = layout_hex_digits(n ? v[n - 1].end : 0);

	/* Which way the mmap area grows: where its regions lie. */
	for (i = 0; mm && mm->mmap_base && i < l->n; i++) {
		if (v[i].segment != VASINFO_SEG_FILE && v[i].segment != VASINFO_SEG_ANON)
			continue;
		if (v[i].start >= mm->mmap_base)
			above++;
		else if (v[i].start >= mm->brk)
			below++;
	}
	m->mmap_up = above > below;

	if (mm && n && mm->task_size > v[n - 1].end &&
	    add_gap(m, &cap, v[n - 1].end, mm->task_size))
		return -ENOMEM;
	for (i = l->n - 1; i >= 0;) {
		struct block b = { B_REGION, v[i].start, v[i].end, i, 1, 1, 0 };
		ssize_t j = i;

		if (!l->all)
			while (j > 0 && same_library(&v[j - 1], &v[j]))
				j--;
		if (j < i) {
			b.kind = B_GROUP;
			b.first = j;
			b.count = i - j + 1;
			b.start = v[j].start;
		}
		for (ssize_t k = j; k <= i; k++)
			m->group[k] = b.kind == B_GROUP ? (ssize_t)m->ngroups : -1;
		m->ngroups += b.kind == B_GROUP;
		if (add_block(m, &cap, b))
			return -ENOMEM;
		if (j > 0 && v[j - 1].end < v[j].start &&
		    add_gap(m, &cap, v[j - 1].end, v[j].start))
			return -ENOMEM;
		if (j == 0 && v[0].start > 0 && add_gap(m, &cap, 0, v[0].start))
			return -ENOMEM;
		i = j - 1;
	}
	/* Groups were numbered top down: number them bottom up, like regions. */
	for (size_t k = 0; k < n; k++)
		if (m->group[k] >= 0)
			m->group[k] = (ssize_t)m->ngroups - 1 - m->group[k];
	return place_mark(m, &cap);
}

/* A block's frames: the union of its regions' cells, their sums. */
void layout_block_frames(const struct model *m, const struct block *b,
			 unsigned char cells[CLI_LAYOUT_CELLS], uint64_t *res,
			 uint64_t *out)
{
	memset(cells, 0, CLI_LAYOUT_CELLS);
	*res = *out = 0;
	for (ssize_t i = b->first; i < b->first + b->count; i++) {
		for (int c = 0; c < CLI_LAYOUT_CELLS; c++)
			cells[c] |= m->cells[(size_t)i * CLI_LAYOUT_CELLS + c];
		*res += m->resident[i];
		*out += m->outside[i];
	}
}

int cli_layout_report(FILE *f, enum cli_layout_format fmt, int color,
		      const struct cli_layout *l)
{
	struct model m;
	int rc = model_build(&m, l);

	if (!rc) {
		if (fmt == CLI_LAYOUT_JSON)
			layout_json(f, &m);
		else if (fmt == CLI_LAYOUT_SVG)
			layout_svg(f, &m);
		else
			layout_text(f, color, &m);
	}
	model_free(&m);
	return rc;
}

/* ---- the command ---- */

int cmd_layout(int argc, char **argv)
{
	struct vasinfo_run **runs = NULL;
	struct vasinfo_vma *v = NULL;
	struct vasinfo_mm_info mi;
	struct cli_ram *ram = NULL;
	ssize_t n = 0, *nruns = NULL, nram = 0, i;
	struct cli_layout l;
	struct cli_opts o;
	int first, rc, fd, ret = EXIT_USER;
	FILE *out = stdout;
	pid_t pid;

	rc = cli_parse("layout", argc, argv, &o, "jAPCS", &first);
	if (rc)
		return rc;
	if (o.help) {
		fputs(help, stdout);
		return EXIT_OK;
	}
	if (o.json && o.svg)
		return cli_usage_error("layout ", "layout: --json or --svg, not both");
	rc = cli_one_pid("layout", argc, argv, first, &pid);
	if (rc)
		return rc;
	fd = cli_open();
	if (fd < 0)
		return EXIT_USER;
	if (o.phys) {
		struct vasinfo_version ver;

		rc = vi_version(fd, &ver);
		if (rc) {
			cli_user_error("%s", vi_strerror(rc, pid));
			goto out;
		}
		if (!(ver.caps & VASINFO_CAP_PFN)) {
			cli_user_error("layout --phys: physical frames are visible only to root (CAP_SYS_ADMIN), as in /proc/PID/pagemap");
			goto out;
		}
	}
	rc = vi_mm_info(fd, pid, &mi);
	n = rc ? rc : vi_vmas(fd, pid, &v);
	if (n < 0) {
		cli_user_error("%s", vi_strerror((int)n, pid));
		goto out;
	}
	if (o.phys) {
		char *iomem = cli_read_file("/proc/iomem");

		nram = iomem ? cli_layout_iomem(iomem, &ram) : -errno;
		free(iomem);
		if (nram < 0) {
			cli_user_error("layout --phys: cannot read the System RAM ranges of /proc/iomem: %s",
				       nram == -EPERM ? "its addresses read as 0 (they are shown only to root)" :
				       nram == -ENOENT ? "it lists none" : strerror((int)-nram));
			goto out;
		}
		runs = calloc((size_t)n + 1, sizeof(*runs));
		nruns = calloc((size_t)n + 1, sizeof(*nruns));
		if (!runs || !nruns) {
			cli_user_error("out of memory");
			goto out;
		}
		for (i = 0; i < n; i++) {
			nruns[i] = vi_range(fd, pid, v[i].start, v[i].end, &runs[i], NULL);
			if (nruns[i] < 0) {
				cli_user_error("%s", vi_strerror((int)nruns[i], pid));
				nruns[i] = 0;
				goto out;
			}
		}
	}
	close(fd);
	fd = -1;

	memset(&l, 0, sizeof(l));
	l.pid = pid ? pid : getpid();
	l.mm = &mi;
	l.v = v;
	l.n = n;
	l.all = o.all;
	l.runs = runs;
	l.nruns = nruns;
	l.ram = ram;
	l.nram = nram > 0 ? (size_t)nram : 0;
	if (o.svg && strcmp(o.svg, "-")) {
		out = fopen(o.svg, "w");
		if (!out) {
			cli_user_error("cannot write %s: %s", o.svg, strerror(errno));
			goto out;
		}
	}
	rc = cli_layout_report(out, o.json ? CLI_LAYOUT_JSON : o.svg ? CLI_LAYOUT_SVG :
			       CLI_LAYOUT_TEXT, cli_color(o.color), &l);
	if (out != stdout && fclose(out)) {
		cli_user_error("cannot write %s: %s", o.svg, strerror(errno));
		goto out;
	}
	if (rc) {
		cli_user_error("out of memory");
		goto out;
	}
	ret = EXIT_OK;
out:
	if (fd >= 0)
		close(fd);
	for (i = 0; runs && i < n; i++)
		free(runs[i]);
	free(runs);
	free(nruns);
	free(ram);
	free(v);
	return ret;
}
