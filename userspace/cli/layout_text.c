// SPDX-License-Identifier: MIT
/* vasinfo layout: the picture as text, in a box of box-drawing characters. */
#include <string.h>

#include "layout.h"
#include "utf8.h"

#define INNER 78		/* text columns inside the box */

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

static unsigned int block_segment(const struct model *m, const struct block *b)
{
	return m->l->v[b->first].segment;
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
		c = vi_utf8_width(text) + 3;
	}
	for (; c < INNER; c++)
		fputs("─", f);
	fprintf(f, "%s\n", r);
}

static void centred(char *out, size_t len, const char *s)
{
	size_t c = vi_utf8_width(s), pad = c < INNER ? (INNER - c) / 2 : 0;

	snprintf(out, len, "%*s%s", (int)pad, "", s);
}

static void text_strip(FILE *f, int color, const struct model *m,
		       const struct block *b)
{
	unsigned char cells[CLI_LAYOUT_CELLS];
	uint64_t res, out;
	char sz[32];

	layout_block_frames(m, b, cells, &res, &out);
	layout_strip_size(res, sz, sizeof(sz));
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

	layout_block_name(m, b, name, sizeof(name));
	layout_fit(name, (size_t)namew, fitted, sizeof(fitted));
	snprintf(range, sizeof(range), "%llx-%llx", (unsigned long long)b->start,
		 (unsigned long long)b->end);
	cli_layout_size(b->end - b->start, sz, sizeof(sz));
	if (b->kind == B_REGION)
		vi_vma_perms(v->flags, p);
	if (v->segment == VASINFO_SEG_HEAP && b->kind == B_REGION)
		row(f, color, "1;32", "│", "        ↑ the heap grows up (malloc, brk)", "│");
	snprintf(line, sizeof(line), " %-7s %s%*s %*s %10s %-4s ",
		 vi_segment_name(v->segment), fitted,
		 namew - (int)vi_utf8_width(fitted), "", rangew, range, sz, p);
	row(f, color, esc, "│", line, "│");
	if (v->segment == VASINFO_SEG_STACK && b->kind == B_REGION)
		row(f, color, "1;34", "│", "        ↓ the stack grows down (calls, local variables)", "│");
	if (m->phys)
		text_strip(f, color, m, b);
}

void layout_text(FILE *f, int color, const struct model *m)
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
			layout_mark_label(m, t, sizeof(t), 0);
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

			layout_gap_label(m, b, label, sizeof(label), 1);
			for (unsigned int r = 0; r < b->rows; r++) {
				if (b->mark_at && r == b->mark_at) {
					layout_mark_label(m, t, sizeof(t), 0);
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
