/* SPDX-License-Identifier: MIT */
/*
 * vasinfo layout: the picture is built once (layout.c) as a list of blocks,
 * top to bottom: regions, groups of one library's regions, unmapped gaps,
 * the mmap_base mark. Three writers draw it: layout_text.c, layout_json.c
 * and layout_svg.c. None of them touches the device.
 */
#ifndef VASINFO_LAYOUT_H
#define VASINFO_LAYOUT_H

#include "cli.h"

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

/* Names and numbers the writers share (layout.c). */
void layout_block_name(const struct model *m, const struct block *b,
		       char *out, size_t len);
void layout_gap_label(const struct model *m, const struct block *b,
		      char *out, size_t len, int with_note);
void layout_mark_label(const struct model *m, char *out, size_t len, int brief);
void layout_fit(const char *s, size_t w, char *out, size_t len);
void layout_strip_size(uint64_t pages, char *buf, size_t len);
int layout_hex_digits(uint64_t end);
void layout_block_frames(const struct model *m, const struct block *b,
			 unsigned char cells[CLI_LAYOUT_CELLS], uint64_t *res,
			 uint64_t *out);

/* The writers; @color: ANSI colours in the text. */
void layout_text(FILE *f, int color, const struct model *m);
void layout_json(FILE *f, const struct model *m);
void layout_svg(FILE *f, const struct model *m);

#endif /* VASINFO_LAYOUT_H */
