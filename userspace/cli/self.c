// SPDX-License-Identifier: MIT
/*
 * vasinfo self: OSTEP chapter 13's va.c. It prints where its code, heap and
 * stack are — and then, unlike va.c, where they really are.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static const char help[] =
	"usage: vasinfo self [--json] [-v]\n"
	"\n"
	"OSTEP chapter 13's va.c experiment: print the address of this program's\n"
	"code (main), of a malloc(100e6) result and of a stack variable, then\n"
	"translate each to the physical frame behind it (frames need root).\n"
	"\n"
	"  -v, --verbose  the page-table walk for each address\n"
	"  --json         {\"pid\", \"addresses\": [{\"what\", \"source\", \"region\",\n"
	"                 and the keys of translate --json}]}\n"
	"  -h, --help     this text\n";

extern int main(int argc, char **argv);

static const struct vasinfo_vma *vma_of(const struct vasinfo_vma *v, ssize_t n,
				       uint64_t addr)
{
	for (ssize_t i = 0; i < n; i++)
		if (addr >= v[i].start && addr < v[i].end)
			return &v[i];
	return NULL;
}

static const char *const what[] = { "code", "heap", "stack" };
static const char *const source[] = { "main", "malloc", "local var" };

void cli_self_report(FILE *f, int json, int verbose, pid_t pid,
		     const struct vasinfo_xlate res[3],
		     const struct vasinfo_vma *v, ssize_t n, unsigned int levels)
{
	int i;

	if (json) {
		struct vj j;

		vj_init(&j, f);
		vj_obj(&j);
		vj_kv_int(&j, "pid", pid);
		vj_kv_arr(&j, "addresses");
		for (i = 0; i < 3; i++) {
			const struct vasinfo_vma *r = vma_of(v, n, res[i].vaddr);

			vj_obj(&j);
			vj_kv_str(&j, "what", what[i]);
			vj_kv_str(&j, "source", source[i]);
			if (r) {
				vj_kv_obj(&j, "region");
				vj_kv_str(&j, "segment", vi_segment_name(r->segment));
				vj_kv_str(&j, "name", r->name);
				vj_obj_end(&j);
			} else {
				vj_kv_null(&j, "region");
			}
			vj_xlate_fields(&j, &res[i]);
			vj_obj_end(&j);
		}
		vj_arr_end(&j);
		vj_obj_end(&j);
		return;
	}

	fprintf(f, "pid %d\n", (int)pid);
	for (i = 0; i < 3; i++) {
		const struct vasinfo_xlate *x = &res[i];
		const struct vasinfo_vma *r = vma_of(v, n, x->vaddr);
		char label[32];

		snprintf(label, sizeof(label), "%-5s (%s)", what[i], source[i]);
		fprintf(f, "location of %-17s : %#llx   [", label,
			(unsigned long long)x->vaddr);
		if (r)
			fprintf(f, "%s, %s]\n", vi_segment_name(r->segment),
				r->name[0] ? r->name : "[anon]");
		else
			fprintf(f, "no region]\n");
		if (x->state != VASINFO_STATE_PRESENT)
			fprintf(f, "    not in memory: %s\n", vi_state_name(x->state));
		else if (x->pfn == VASINFO_HIDDEN)
			fprintf(f, "    in memory, frame hidden: run as root to see frames: the kernel hides them like /proc/PID/pagemap\n");
		else
			fprintf(f, "    is really at physical %#llx (frame %#llx, %s page)\n",
				(unsigned long long)x->paddr,
				(unsigned long long)x->pfn,
				x->page_size == (1ULL << 30) ? "1 GiB" :
				x->page_size == (2ULL << 20) ? "2 MiB" : "4 KiB");
		if (verbose)
			vi_xlate_text_levels(f, x, 1, levels);
	}
	fprintf(f, "Every address you see is virtual: main, the heap and the stack above are\n"
		   "addresses in this process's own space; the page tables map each to a frame.\n");
}

int cmd_self(int argc, char **argv)
{
	struct vasinfo_xlate res[3];
	struct vasinfo_vma *v = NULL;
	struct cli_opts o;
	uint64_t addrs[3];
	int first, rc, fd, x = 3;
	unsigned int levels;
	ssize_t n;
	char *heap;

	rc = cli_parse("self", argc, argv, &o, "jv", &first);
	if (rc)
		return rc;
	if (o.help) {
		fputs(help, stdout);
		return EXIT_OK;
	}
	if (argc != first)
		return cli_usage_error("self ", "self: takes no arguments");

	heap = malloc(100000000);
	if (!heap)
		return cli_user_error("malloc(100e6) failed");
	*(volatile char *)heap = 1;	/* touched: the first page gets a frame */
	addrs[0] = (uintptr_t)main;
	addrs[1] = (uintptr_t)heap;
	addrs[2] = (uintptr_t)&x;

	fd = cli_open();
	if (fd < 0) {
		free(heap);
		return EXIT_USER;
	}
	levels = cli_levels(fd);
	rc = vi_translate(fd, 0, addrs, 3, res);
	n = rc ? -1 : vi_vmas(fd, 0, &v);
	close(fd);
	if (rc || n < 0) {
		free(heap);
		return cli_user_error("%s", vi_strerror(rc ? rc : (int)n, getpid()));
	}
	cli_self_report(stdout, o.json, o.verbose, getpid(), res, v, n, levels);
	free(v);
	free(heap);
	return EXIT_OK;
}
