// SPDX-License-Identifier: MIT
/*
 * vasinfo layout PID: OSTEP's figure 13.3 for a real process. Code at the
 * bottom, the heap growing up, the mmap area, the stack growing down, and
 * the unmapped space between them drawn on a log scale; with --phys, where
 * each region's frames lie in physical RAM.
 *
 * The picture is built once as a list of blocks, top to bottom (regions,
 * groups of one library's regions, gaps, the mmap_base mark), then drawn
 * as text, JSON or SVG. Nothing here touches the device but cmd_layout().
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "grow.h"
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

#define INNER 78		/* text columns inside the box */
#define MAX_GAP_ROWS 6

enum { B_REGION, B_GROUP, B_GAP, B_MARK };

struct block {
	int kind;
	uint64_t start, end;
	ssize_t first, count;	/* regions v[first .. first + count) */
	unsigned int rows;	/* gaps: height on the log scale */
	unsigned int mark_at;	/* gaps: mmap_base drawn after this row, 0: not */
};

struct model {
	const struct cli_layout *l;
	struct block *b;	/* top to bottom */
	size_t nb;
	ssize_t *group;		/* per region: its group's block, or -1 */
	size_t ngroups;
	int phys;
	unsigned char *cells;	/* per region: CLI_LAYOUT_CELLS flags */
	uint64_t *resident, *outside;	/* per region, base pages */
	uint64_t ram_bytes;
	int mmap_up;		/* the mmap area grows up (legacy layout) */
	int digits;		/* hex digits of the highest region's end */
};

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

/* Columns of a clean UTF-8 string. */
static size_t cols(const char *s)
{
	return vi_utf8_width(s);
}

/* @s fitted into @w columns: its end kept, "…" in front when cut. */
static void fit(const char *s, size_t w, char *out, size_t len)
{
	size_t c = cols(s);

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
static void block_name(const struct model *m, const struct block *b,
		       char *out, size_t len)
{
	char name[VASINFO_NAME_MAX * 2];

	clean(m->l->v[b->first].name, name, sizeof(name));
	if (b->kind == B_GROUP)
		snprintf(out, len, "%s (%zd regions)", base_name(name), b->count);
	else
		snprintf(out, len, "%s", name[0] ? name : "[anon]");
}

static unsigned int block_segment(const struct model *m, const struct block *b)
{
	return m->l->v[b->first].segment;
}

static void gap_label(const struct model *m, const struct block *b,
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
static void mark_label(const struct model *m, char *out, size_t len, int brief)
{
	snprintf(out, len, brief ? "mmap_base %#llx: mmap area grows %s" :
		 "mmap_base %#llx: the mmap area grows %s from here",
		 (unsigned long long)m->l->mm->mmap_base,
		 m->mmap_up ? "up ↑" : "down ↓");
}

/* ---- the model ---- */

/* Hex digits to write addresses below @end (at least 8, like maps). */
static int hex_digits(uint64_t end)
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

	for (ssize_t k = 0; k < l->nruns[i]; k++) {
		const struct vasinfo_run *r = &l->runs[i][k];
		uint64_t a, b, base = 0, inside = 0;

		if (r->state != VASINFO_STATE_PRESENT || r->pfn == VASINFO_HIDDEN)
			continue;
		m->resident[i] += r->pages;
		a = r->pfn * VI_PAGE_SIZE;
		b = a + r->pages * VI_PAGE_SIZE;
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
				inside += (hi - lo + VI_PAGE_SIZE - 1) / VI_PAGE_SIZE;
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
	m->digits = hex_digits(n ? v[n - 1].end : 0);

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
static void block_frames(const struct model *m, const struct block *b,
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

/* ---- text ---- */

static const char *seg_ansi(unsigned int seg)
{
	switch (seg) {
	case VASINFO_SEG_CODE: return "31";
	case VASINFO_SEG_RODATA:
	case VASINFO_SEG_DATA:
	case VASINFO_SEG_BSS: return "33";
	case VASINFO_SEG_HEAP: return "32";
	case VASINFO_SEG_STACK: return "34";
	case VASINFO_SEG_FILE: return "36";
	case VASINFO_SEG_ANON: return "35";
	default: return "90";
	}
}

/* One row of the box: borders @l and @r, @text padded to INNER columns. */
static void row(FILE *f, int color, const char *esc, const char *l,
		const char *text, const char *r)
{
	size_t c, n = vi_utf8_head(text, INNER, &c);

	fputs(l, f);
	if (color && esc)
		fprintf(f, "\033[%sm", esc);
	fwrite(text, 1, n, f);
	for (; c < INNER; c++)
		fputc(' ', f);
	if (color && esc)
		fputs("\033[0m", f);
	fprintf(f, "%s\n", r);
}

/* A horizontal line with @text (may be NULL) set into it. */
static void rule(FILE *f, int color, const char *esc, const char *l,
		 const char *text, const char *r)
{
	size_t c = 0;

	fputs(l, f);
	if (text) {
		fputs("─ ", f);
		if (color && esc)
			fprintf(f, "\033[%sm", esc);
		fputs(text, f);
		if (color && esc)
			fputs("\033[0m", f);
		fputc(' ', f);
		c = cols(text) + 3;
	}
	for (; c < INNER; c++)
		fputs("─", f);
	fprintf(f, "%s\n", r);
}

static void centred(char *out, size_t len, const char *s)
{
	size_t c = cols(s), pad = c < INNER ? (INNER - c) / 2 : 0;

	snprintf(out, len, "%*s%s", (int)pad, "", s);
}

/* A strip's resident size in at most 7 columns: "132 KiB", "1023K", "none". */
static void strip_size(uint64_t pages, char *buf, size_t len)
{
	static const char units[] = "KMGTP";
	uint64_t kib = pages * (VI_PAGE_SIZE / 1024);
	int u = 0;

	if (!pages) {
		snprintf(buf, len, "none");
		return;
	}
	cli_layout_size(pages * VI_PAGE_SIZE, buf, len);
	if (strlen(buf) <= 7)
		return;
	while (kib >= 10000 && u < 4) {
		kib /= 1024;
		u++;
	}
	snprintf(buf, len, "%llu%c", (unsigned long long)kib, units[u]);
}

static void text_strip(FILE *f, int color, const struct model *m,
		       const struct block *b)
{
	unsigned char cells[CLI_LAYOUT_CELLS];
	uint64_t res, out;
	char sz[32];

	block_frames(m, b, cells, &res, &out);
	strip_size(res, sz, sizeof(sz));
	fputs("│ RAM ", f);
	for (int c = 0; c < CLI_LAYOUT_CELLS; c++) {
		if (color && (!c || cells[c] != cells[c - 1]))
			fprintf(f, "\033[0;%sm", cells[c] ? seg_ansi(block_segment(m, b)) : "2");
		fputs(cells[c] ? "█" : "·", f);
	}
	if (color)
		fputs("\033[0m", f);
	fprintf(f, " %7s │\n", sz);
	if (out) {
		char t[96];

		snprintf(t, sizeof(t), "     + %llu page%s outside System RAM (device memory)",
			 (unsigned long long)out, out == 1 ? "" : "s");
		row(f, color, "2", "│", t, "│");
	}
}

static void text_region(FILE *f, int color, const struct model *m,
			const struct block *b)
{
	const struct vasinfo_vma *v = &m->l->v[b->first];
	char name[VASINFO_NAME_MAX * 2 + 32], fitted[VASINFO_NAME_MAX * 2 + 32];
	char range[48], sz[32], p[5] = "", line[sizeof(fitted) + 128];
	int rangew = 2 * m->digits + 1, namew = INNER - rangew - 27;
	const char *esc = seg_ansi(v->segment);

	block_name(m, b, name, sizeof(name));
	fit(name, (size_t)namew, fitted, sizeof(fitted));
	snprintf(range, sizeof(range), "%llx-%llx", (unsigned long long)b->start,
		 (unsigned long long)b->end);
	cli_layout_size(b->end - b->start, sz, sizeof(sz));
	if (b->kind == B_REGION)
		vi_vma_perms(v->flags, p);
	if (v->segment == VASINFO_SEG_HEAP && b->kind == B_REGION)
		row(f, color, "1;32", "│", "        ↑ the heap grows up (malloc, brk)", "│");
	snprintf(line, sizeof(line), " %-7s %s%*s %*s %10s %-4s ",
		 vi_segment_name(v->segment), fitted,
		 namew - (int)cols(fitted), "", rangew, range, sz, p);
	row(f, color, esc, "│", line, "│");
	if (v->segment == VASINFO_SEG_STACK && b->kind == B_REGION)
		row(f, color, "1;34", "│", "        ↓ the stack grows down (calls, local variables)", "│");
	if (m->phys)
		text_strip(f, color, m, b);
}

static void text_report(FILE *f, int color, const struct model *m)
{
	const struct cli_layout *l = m->l;
	char t[256], ram[32], cell[32];
	int prev_gap = -1;	/* -1: nothing drawn yet, 2: the mark */

	fprintf(f, "pid %d", (int)l->pid);
	if (l->mm)
		fprintf(f, " (%.16s)", l->mm->comm);
	fprintf(f, ": %zd regions; highest addresses on top, unmapped gaps on a log\n"
		"scale (one row more for every 256 times larger)\n", l->n);
	if (m->ngroups)
		fprintf(f, "Adjacent regions of one library are drawn as one line (--all: each).\n");
	if (m->phys) {
		cli_layout_size(m->ram_bytes, ram, sizeof(ram));
		cli_layout_size(m->ram_bytes / CLI_LAYOUT_CELLS, cell, sizeof(cell));
		fprintf(f, "RAM strips: all %s of System RAM in %d cells of ~%s, low addresses\n"
			"on the left; █: the cell holds frames of the region.\n",
			ram, CLI_LAYOUT_CELLS, cell);
	}
	for (size_t k = 0; k < m->nb; k++) {
		const struct block *b = &m->b[k];
		int gap = b->kind == B_GAP;

		if (b->kind == B_MARK) {
			mark_label(m, t, sizeof(t), 0);
			rule(f, color, "1", prev_gap < 0 ? "┌" : "├", t, prev_gap < 0 ? "┐" : "┤");
			prev_gap = 2;	/* a line across: no other rule needed */
			continue;
		}
		if (prev_gap < 0)
			rule(f, color, NULL, "┌", NULL, "┐");
		else if (prev_gap != gap && prev_gap != 2)
			rule(f, color, NULL, "├", NULL, "┤");
		if (gap) {
			char label[128];

			gap_label(m, b, label, sizeof(label), 1);
			for (unsigned int r = 0; r < b->rows; r++) {
				if (b->mark_at && r == b->mark_at) {
					mark_label(m, t, sizeof(t), 0);
					rule(f, color, "1", "├", t, "┤");
				}
				centred(t, sizeof(t), r == b->rows / 2 ? label : "");
				row(f, color, "2", "╎", t, "╎");
			}
		} else {
			text_region(f, color, m, b);
		}
		prev_gap = gap;
	}
	if (prev_gap >= 0)
		rule(f, color, NULL, "└", NULL, "┘");
}

/* ---- JSON ---- */

static void json_report(FILE *f, const struct model *m)
{
	const struct cli_layout *l = m->l;
	struct vj j;
	char p[5], label[128];
	size_t k;

	vj_init(&j, f);
	vj_obj(&j);
	vj_kv_int(&j, "pid", l->pid);
	if (l->mm) {
		char comm[17];

		memcpy(comm, l->mm->comm, 16);
		comm[16] = '\0';
		vj_kv_str(&j, "comm", comm);
		vj_kv_hex(&j, "task_size", l->mm->task_size);
		vj_kv_hex(&j, "mmap_base", l->mm->mmap_base);
	} else {
		vj_kv_null(&j, "comm");
		vj_kv_null(&j, "task_size");
		vj_kv_null(&j, "mmap_base");
	}
	vj_kv_arr(&j, "regions");
	for (ssize_t i = 0; i < l->n; i++) {
		const struct vasinfo_vma *v = &l->v[i];

		vi_vma_perms(v->flags, p);
		vj_obj(&j);
		vj_kv_hex(&j, "start", v->start);
		vj_kv_hex(&j, "end", v->end);
		vj_kv_uint(&j, "size", v->end - v->start);
		vj_kv_str(&j, "perms", p);
		vj_kv_str(&j, "segment", vi_segment_name(v->segment));
		vj_kv_str(&j, "name", v->name);
		vj_kv_int_or_null(&j, "group", m->group[i], m->group[i] >= 0);
		if (m->phys) {
			const unsigned char *c = m->cells + (size_t)i * CLI_LAYOUT_CELLS;

			vj_kv_uint(&j, "resident", m->resident[i]);
			vj_kv_uint(&j, "outside_ram", m->outside[i]);
			vj_kv_arr(&j, "cells");
			for (int x = 0; x < CLI_LAYOUT_CELLS; x++)
				if (c[x])
					vj_uint(&j, (unsigned long long)x);
			vj_arr_end(&j);
		}
		vj_obj_end(&j);
	}
	vj_arr_end(&j);
	vj_kv_arr(&j, "gaps");
	for (k = m->nb; k-- > 0;) {
		const struct block *b = &m->b[k];

		if (b->kind != B_GAP)
			continue;
		gap_label(m, b, label, sizeof(label), 0);
		vj_obj(&j);
		vj_kv_hex(&j, "start", b->start);
		vj_kv_hex(&j, "end", b->end);
		vj_kv_uint(&j, "size", b->end - b->start);
		vj_kv_uint(&j, "rows", b->rows);
		vj_kv_str(&j, "label", label);
		vj_obj_end(&j);
	}
	vj_arr_end(&j);
	vj_kv_arr(&j, "groups");
	for (k = m->nb; k-- > 0;) {
		const struct block *b = &m->b[k];

		if (b->kind != B_GROUP)
			continue;
		vj_obj(&j);
		vj_kv_str(&j, "name", l->v[b->first].name);
		vj_kv_hex(&j, "start", b->start);
		vj_kv_hex(&j, "end", b->end);
		vj_kv_uint(&j, "size", b->end - b->start);
		vj_kv_uint(&j, "first", (unsigned long long)b->first);
		vj_kv_uint(&j, "regions", (unsigned long long)b->count);
		vj_obj_end(&j);
	}
	vj_arr_end(&j);
	if (m->phys) {
		vj_kv_obj(&j, "phys");
		vj_kv_uint(&j, "cells", CLI_LAYOUT_CELLS);
		vj_kv_uint(&j, "ram_bytes", m->ram_bytes);
		vj_kv_arr(&j, "ram");
		for (size_t r = 0; r < l->nram; r++) {
			vj_obj(&j);
			vj_kv_hex(&j, "start", l->ram[r].start);
			vj_kv_hex(&j, "end", l->ram[r].end);
			vj_obj_end(&j);
		}
		vj_arr_end(&j);
		vj_obj_end(&j);
	} else {
		vj_kv_null(&j, "phys");
	}
	vj_obj_end(&j);
}

/* ---- SVG ---- */

#define SVG_W 900		/* 960 with the RAM strips */
#define SVG_X0 126		/* the box's left edge; addresses to its left */
#define SVG_REGION_H 38
#define SVG_ARROW_H 20
#define SVG_MARK_H 22
#define SVG_CELL_W 5
#define SVG_TOP 84		/* 100 with the RAM strips */

static const char *seg_fill(unsigned int seg)
{
	switch (seg) {
	case VASINFO_SEG_CODE: return "#f4cccc";
	case VASINFO_SEG_RODATA: return "#fce5cd";
	case VASINFO_SEG_DATA: return "#fff2cc";
	case VASINFO_SEG_BSS: return "#fff8e1";
	case VASINFO_SEG_HEAP: return "#d9ead3";
	case VASINFO_SEG_STACK: return "#cfe2f3";
	case VASINFO_SEG_FILE: return "#d0e0e3";
	case VASINFO_SEG_ANON: return "#ead1dc";
	default: return "#eeeeee";
	}
}

static const char *seg_ink(unsigned int seg)
{
	switch (seg) {
	case VASINFO_SEG_CODE: return "#990000";
	case VASINFO_SEG_RODATA: return "#b45f06";
	case VASINFO_SEG_DATA:
	case VASINFO_SEG_BSS: return "#7f6000";
	case VASINFO_SEG_HEAP: return "#38761d";
	case VASINFO_SEG_STACK: return "#0b5394";
	case VASINFO_SEG_FILE: return "#134f5c";
	case VASINFO_SEG_ANON: return "#741b47";
	default: return "#555555";
	}
}

/* @s as XML character data (it is clean UTF-8 already). */
static void xml(FILE *f, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&apos;", f); break;
		default: fputc(*s, f);
		}
	}
}

static void svg_text(FILE *f, int x, int y, const char *attrs, const char *s)
{
	fprintf(f, "<text x=\"%d\" y=\"%d\" %s>", x, y, attrs);
	xml(f, s);
	fputs("</text>\n", f);
}

static int svg_block_h(const struct model *m, const struct block *b)
{
	const struct vasinfo_vma *v;

	if (b->kind == B_GAP)
		return 14 + 12 * (int)b->rows + (b->mark_at ? SVG_MARK_H : 0);
	if (b->kind == B_MARK)
		return SVG_MARK_H;
	v = &m->l->v[b->first];
	return SVG_REGION_H + (b->kind == B_REGION && (v->segment == VASINFO_SEG_HEAP ||
						      v->segment == VASINFO_SEG_STACK) ?
			       SVG_ARROW_H : 0);
}

static void svg_addr(FILE *f, int y, uint64_t a, int digits)
{
	char s[32];

	snprintf(s, sizeof(s), "0x%0*llx", digits, (unsigned long long)a);
	fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" class=\"tick\"/>\n",
		SVG_X0 - 6, y, SVG_X0, y);
	svg_text(f, SVG_X0 - 9, y + 4, "class=\"addr\"", s);
}

static void svg_arrow(FILE *f, int x, int y, int up, const char *ink)
{
	/* A shaft and a head, pointing up or down, 16 px tall. */
	if (up)
		fprintf(f, "<path d=\"M%d %d V%d M%d %d L%d %d L%d %d Z\" stroke=\"%s\" fill=\"%s\" stroke-width=\"2\"/>\n",
			x, y + 16, y + 6, x - 5, y + 7, x, y, x + 5, y + 7, ink, ink);
	else
		fprintf(f, "<path d=\"M%d %d V%d M%d %d L%d %d L%d %d Z\" stroke=\"%s\" fill=\"%s\" stroke-width=\"2\"/>\n",
			x, y, y + 10, x - 5, y + 9, x, y + 16, x + 5, y + 9, ink, ink);
}

static void svg_region(FILE *f, const struct model *m, const struct block *b,
		       int y, int bw)
{
	const struct vasinfo_vma *v = &m->l->v[b->first];
	char name[VASINFO_NAME_MAX * 2 + 32], fitted[VASINFO_NAME_MAX * 2 + 32];
	char line[160], sz[32], p[5] = "";
	const char *ink = seg_ink(v->segment);
	int h = svg_block_h(m, b), ry = y, maxc = (bw - 70) / 7;

	fprintf(f, "<g class=\"region\"><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\" stroke=\"%s\"/>\n",
		SVG_X0, y, bw, h, seg_fill(v->segment), ink);
	if (b->kind == B_REGION && v->segment == VASINFO_SEG_HEAP) {
		svg_arrow(f, SVG_X0 + 16, y + 2, 1, ink);
		fprintf(f, "<text x=\"%d\" y=\"%d\" class=\"note\" fill=\"%s\">the heap grows up (malloc, brk)</text>\n",
			SVG_X0 + 30, y + 15, ink);
		ry += SVG_ARROW_H;
	}
	block_name(m, b, name, sizeof(name));
	fit(name, (size_t)maxc, fitted, sizeof(fitted));
	fprintf(f, "<text x=\"%d\" y=\"%d\" class=\"name\" fill=\"%s\">", SVG_X0 + 8, ry + 16, ink);
	xml(f, fitted);
	fputs("</text>\n", f);
	fprintf(f, "<text x=\"%d\" y=\"%d\" class=\"seg\" fill=\"%s\">%s</text>\n",
		SVG_X0 + bw - 8, ry + 16, ink, vi_segment_name(v->segment));
	cli_layout_size(b->end - b->start, sz, sizeof(sz));
	if (b->kind == B_REGION)
		vi_vma_perms(v->flags, p);
	snprintf(line, sizeof(line), "%llx–%llx · %s%s%s", (unsigned long long)b->start,
		 (unsigned long long)b->end, sz, *p ? " · " : "", p);
	svg_text(f, SVG_X0 + 8, ry + 31, "class=\"detail\"", line);
	if (b->kind == B_REGION && v->segment == VASINFO_SEG_STACK) {
		svg_arrow(f, SVG_X0 + 16, ry + SVG_REGION_H - 2, 0, ink);
		fprintf(f, "<text x=\"%d\" y=\"%d\" class=\"note\" fill=\"%s\">the stack grows down (calls, local variables)</text>\n",
			SVG_X0 + 30, ry + SVG_REGION_H + 12, ink);
	}
	if (m->phys) {
		unsigned char cells[CLI_LAYOUT_CELLS];
		uint64_t res, out;
		int sx = SVG_X0 + bw + 14, sy = y + h / 2 - 7;

		block_frames(m, b, cells, &res, &out);
		fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"14\" fill=\"#f3f3f3\" stroke=\"#999\"/>\n",
			sx, sy, CLI_LAYOUT_CELLS * SVG_CELL_W);
		for (int c = 0; c < CLI_LAYOUT_CELLS; c++)
			if (cells[c])
				fprintf(f, "<rect class=\"cell\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"14\" fill=\"%s\"/>\n",
					sx + c * SVG_CELL_W, sy, SVG_CELL_W, ink);
		strip_size(res, sz, sizeof(sz));
		snprintf(line, sizeof(line), "%s%s", sz, out ? " + device" : "");
		svg_text(f, sx + CLI_LAYOUT_CELLS * SVG_CELL_W + 6, sy + 11, "class=\"detail\"", line);
	}
	fputs("</g>\n", f);
}

/* mmap_base: a dashed line across the box, in a band @h high at @y. */
static void svg_mark(FILE *f, const struct model *m, int y, int h, int bw)
{
	char t[160];

	mark_label(m, t, sizeof(t), 1);
	fprintf(f, "<g class=\"mark\"><line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#741b47\" stroke-width=\"2\" stroke-dasharray=\"6 3\"/>\n",
		SVG_X0 - 6, y + h / 2, SVG_X0 + bw, y + h / 2);
	fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"16\" fill=\"white\"/>\n",
		SVG_X0 + 10, y + h / 2 - 8, (int)cols(t) * 15 / 2 + 12);
	svg_text(f, SVG_X0 + 14, y + h / 2 + 4, "class=\"note\" fill=\"#741b47\"", t);
	fputs("</g>\n", f);
}

static void svg_report(FILE *f, const struct model *m)
{
	const struct cli_layout *l = m->l;
	int w = m->phys ? SVG_W + 60 : SVG_W, top = m->phys ? SVG_TOP + 16 : SVG_TOP;
	int bw = m->phys ? 370 : SVG_W - SVG_X0 - 20, h = top + 40, y;
	char t[256], a[32], b2[32];
	int digits;
	size_t k;

	for (k = 0; k < m->nb; k++)
		h += svg_block_h(m, &m->b[k]);
	digits = m->nb ? hex_digits(m->b[0].end) : 8;
	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">\n",
		w, h, w, h);
	fputs("<style>\n"
	      "text { font-family: 'DejaVu Sans Mono', 'Liberation Mono', monospace; font-size: 11px; fill: #222; }\n"
	      ".title { font-family: 'DejaVu Sans', sans-serif; font-size: 17px; font-weight: bold; }\n"
	      ".sub { font-family: 'DejaVu Sans', sans-serif; font-size: 12px; fill: #444; }\n"
	      ".name { font-size: 13px; font-weight: bold; }\n"
	      ".seg { font-size: 12px; font-weight: bold; text-anchor: end; }\n"
	      ".detail { fill: #333; }\n"
	      ".note { font-family: 'DejaVu Sans', sans-serif; font-size: 11.5px; font-style: italic; font-weight: bold; }\n"
	      ".addr { font-size: 10.5px; text-anchor: end; fill: #555; }\n"
	      ".lo { text-anchor: start; }\n"
	      ".gap { font-family: 'DejaVu Sans', sans-serif; font-size: 12px; font-style: italic; fill: #666; text-anchor: middle; }\n"
	      ".tick { stroke: #999; }\n"
	      "</style>\n"
	      "<defs><pattern id=\"hatch\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
	      "<rect width=\"8\" height=\"8\" fill=\"#fafafa\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"8\" stroke=\"#e4e4e4\" stroke-width=\"3\"/>"
	      "</pattern></defs>\n", f);
	fprintf(f, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>\n", w, h);
	snprintf(t, sizeof(t), "The address space of pid %d%s%.16s%s", (int)l->pid,
		 l->mm ? " (" : "", l->mm ? l->mm->comm : "", l->mm ? ")" : "");
	svg_text(f, 16, 26, "class=\"title\"", t);
	snprintf(t, sizeof(t), "%zd regions, highest addresses on top; unmapped gaps drawn on a log scale%s",
		 l->n, m->ngroups ? "; a library's adjacent regions as one box" : "");
	svg_text(f, 16, 46, "class=\"sub\"", t);
	if (m->phys) {
		cli_layout_size(m->ram_bytes, a, sizeof(a));
		cli_layout_size(m->ram_bytes / CLI_LAYOUT_CELLS, b2, sizeof(b2));
		snprintf(t, sizeof(t), "Right: all %s of System RAM in %d cells of ~%s, low addresses on the left; filled = holds frames of the region",
			 a, CLI_LAYOUT_CELLS, b2);
		svg_text(f, 16, 64, "class=\"sub\"", t);
		svg_text(f, SVG_X0 + bw + 14, top - 22, "class=\"sub\"",
			 "physical RAM: where the frames are");
		if (l->nram) {
			snprintf(a, sizeof(a), "%#llx", (unsigned long long)l->ram[0].start);
			svg_text(f, SVG_X0 + bw + 14, top - 6, "class=\"addr lo\"", a);
			snprintf(a, sizeof(a), "%#llx", (unsigned long long)l->ram[l->nram - 1].end);
			svg_text(f, SVG_X0 + bw + 14 + CLI_LAYOUT_CELLS * SVG_CELL_W, top - 6,
				 "class=\"addr\"", a);
		}
	}
	svg_text(f, SVG_X0 + 4, top - 6, "class=\"sub\"", "virtual address space");
	y = top;
	for (k = 0; k < m->nb; k++) {
		const struct block *b = &m->b[k];
		int bh = svg_block_h(m, b);

		if (b->kind != B_MARK)
			svg_addr(f, y, b->end, digits);
		if (b->kind == B_GAP) {
			/* the label in the middle of the larger part if mmap_base splits it */
			int mk = b->mark_at ? 7 + 12 * (int)b->mark_at : 0;
			int ly = !mk ? y + bh / 2 : b->rows / 2 < b->mark_at ? y + mk / 2 :
				 y + (mk + SVG_MARK_H + bh) / 2;

			gap_label(m, b, t, sizeof(t), 0);
			fprintf(f, "<g class=\"gap\"><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"url(#hatch)\" stroke=\"#aaa\" stroke-dasharray=\"4 3\"/>\n",
				SVG_X0, y, bw, bh);
			svg_text(f, SVG_X0 + bw / 2, ly + 4, "class=\"gap\"", t);
			gap_label(m, b, t, sizeof(t), 1);
			if (strstr(t, "  (") && b->rows > 1)
				svg_text(f, SVG_X0 + bw / 2, ly + 18, "class=\"gap\"",
					 strstr(t, "  (") + 2);
			fputs("</g>\n", f);
			if (mk)
				svg_mark(f, m, y + mk, SVG_MARK_H, bw);
		} else if (b->kind == B_MARK) {
			svg_mark(f, m, y, bh, bw);
		} else {
			svg_region(f, m, b, y, bw);
		}
		y += bh;
	}
	if (m->nb)
		svg_addr(f, y, m->b[m->nb - 1].start, digits);
	fputs("</svg>\n", f);
}

int cli_layout_report(FILE *f, enum cli_layout_format fmt, int color,
		      const struct cli_layout *l)
{
	struct model m;
	int rc = model_build(&m, l);

	if (!rc) {
		if (fmt == CLI_LAYOUT_JSON)
			json_report(f, &m);
		else if (fmt == CLI_LAYOUT_SVG)
			svg_report(f, &m);
		else
			text_report(f, color, &m);
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
