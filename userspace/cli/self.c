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
	"  --json         the three translations as JSON\n"
	"  -h, --help     this text\n";

extern int main(int argc, char **argv);

static const char *region_of(const struct vasinfo_vma *v, ssize_t n,
			     uint64_t addr, char *buf, size_t len)
{
	for (ssize_t i = 0; i < n; i++)
		if (addr >= v[i].start && addr < v[i].end) {
			snprintf(buf, len, "%s, %s", vi_segment_name(v[i].segment),
				 v[i].name);
			return buf;
		}
	return "no region";
}

int cmd_self(int argc, char **argv)
{
	static const char *const what[] = { "code  (main)", "heap  (malloc)",
					    "stack (local var)" };
	struct vasinfo_xlate res[3];
	struct vasinfo_vma *v = NULL;
	struct cli_opts o;
	uint64_t addrs[3];
	int first, rc, fd, x = 3;
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
	heap[0] = 1;	/* touched: the first page gets a frame */
	addrs[0] = (uintptr_t)main;
	addrs[1] = (uintptr_t)heap;
	addrs[2] = (uintptr_t)&x;

	fd = cli_open();
	if (fd < 0) {
		free(heap);
		return EXIT_USER;
	}
	rc = vi_translate(fd, 0, addrs, 3, res);
	n = rc ? -1 : vi_vmas(fd, 0, &v);
	close(fd);
	if (rc || n < 0) {
		free(heap);
		return cli_user_error("%s", vi_strerror(rc ? rc : (int)n, getpid()));
	}
	if (o.json) {
		struct vj j;

		vj_init(&j, stdout);
		vj_arr(&j);
		for (int i = 0; i < 3; i++)
			vi_xlate_json(&j, &res[i]);
		vj_arr_end(&j);
	} else {
		char buf[300];

		printf("pid %d\n", (int)getpid());
		for (int i = 0; i < 3; i++) {
			printf("location of %-18s: %#llx   [%s]\n", what[i],
			       (unsigned long long)addrs[i],
			       region_of(v, n, addrs[i], buf, sizeof(buf)));
			if (res[i].state != VASINFO_STATE_PRESENT)
				printf("    not in memory: %s\n", vi_state_name(res[i].state));
			else if (res[i].pfn == VASINFO_HIDDEN)
				printf("    in memory; frame hidden: run as root to see frames (the kernel hides them like /proc/PID/pagemap)\n");
			else
				printf("    is really at physical %#llx (frame %#llx, %s page)\n",
				       (unsigned long long)res[i].paddr,
				       (unsigned long long)res[i].pfn,
				       res[i].page_size > 4096 ? "huge" : "4 KiB");
			if (o.verbose)
				vi_xlate_text(stdout, &res[i], 1);
		}
		printf("Every address you see is virtual: the page tables above map it to the frame.\n");
	}
	free(v);
	free(heap);
	return EXIT_OK;
}
