// SPDX-License-Identifier: MIT
/* vasinfo layout --json: the picture's regions, gaps and groups as data. */
#include <string.h>

#include "layout.h"

/* "start", "end" and "size" of [@start, @end). */
static void kv_range(struct vj *j, uint64_t start, uint64_t end)
{
	vj_kv_hex(j, "start", start);
	vj_kv_hex(j, "end", end);
	vj_kv_uint(j, "size", end - start);
}

void layout_json(FILE *f, const struct model *m)
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
		kv_range(&j, v->start, v->end);
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
		layout_gap_label(m, b, label, sizeof(label), 0);
		vj_obj(&j);
		kv_range(&j, b->start, b->end);
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
		kv_range(&j, b->start, b->end);
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
