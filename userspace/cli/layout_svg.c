// SPDX-License-Identifier: MIT
/* vasinfo layout --svg: the picture as a standalone SVG image. */
#include <string.h>

#include "layout.h"
#include "utf8.h"

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
	layout_block_name(m, b, name, sizeof(name));
	layout_fit(name, (size_t)maxc, fitted, sizeof(fitted));
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

		layout_block_frames(m, b, cells, &res, &out);
		fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"14\" fill=\"#f3f3f3\" stroke=\"#999\"/>\n",
			sx, sy, CLI_LAYOUT_CELLS * SVG_CELL_W);
		for (int c = 0; c < CLI_LAYOUT_CELLS; c++)
			if (cells[c])
				fprintf(f, "<rect class=\"cell\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"14\" fill=\"%s\"/>\n",
					sx + c * SVG_CELL_W, sy, SVG_CELL_W, ink);
		layout_strip_size(res, sz, sizeof(sz));
		snprintf(line, sizeof(line), "%s%s", sz, out ? " + device" : "");
		svg_text(f, sx + CLI_LAYOUT_CELLS * SVG_CELL_W + 6, sy + 11, "class=\"detail\"", line);
	}
	fputs("</g>\n", f);
}

/* mmap_base: a dashed line across the box, in a band @h high at @y. */
static void svg_mark(FILE *f, const struct model *m, int y, int h, int bw)
{
	char t[160];

	layout_mark_label(m, t, sizeof(t), 1);
	fprintf(f, "<g class=\"mark\"><line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#741b47\" stroke-width=\"2\" stroke-dasharray=\"6 3\"/>\n",
		SVG_X0 - 6, y + h / 2, SVG_X0 + bw, y + h / 2);
	fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"16\" fill=\"white\"/>\n",
		SVG_X0 + 10, y + h / 2 - 8, (int)vi_utf8_width(t) * 15 / 2 + 12);
	svg_text(f, SVG_X0 + 14, y + h / 2 + 4, "class=\"note\" fill=\"#741b47\"", t);
	fputs("</g>\n", f);
}

void layout_svg(FILE *f, const struct model *m)
{
	const struct cli_layout *l = m->l;
	int w = m->phys ? SVG_W + 60 : SVG_W, top = m->phys ? SVG_TOP + 16 : SVG_TOP;
	int bw = m->phys ? 370 : SVG_W - SVG_X0 - 20, h = top + 40, y;
	char t[256], a[32], b2[32];
	int digits;
	size_t k;

	for (k = 0; k < m->nb; k++)
		h += svg_block_h(m, &m->b[k]);
	digits = m->nb ? layout_hex_digits(m->b[0].end) : 8;
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

			layout_gap_label(m, b, t, sizeof(t), 0);
			fprintf(f, "<g class=\"gap\"><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"url(#hatch)\" stroke=\"#aaa\" stroke-dasharray=\"4 3\"/>\n",
				SVG_X0, y, bw, bh);
			svg_text(f, SVG_X0 + bw / 2, ly + 4, "class=\"gap\"", t);
			layout_gap_label(m, b, t, sizeof(t), 1);
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
