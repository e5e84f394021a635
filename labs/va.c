// SPDX-License-Identifier: MIT
/*
 * va: OSTEP chapter 13's va.c. It prints the address of main (code), of a
 * malloc(100e6) result (heap) and of a local variable (stack): every
 * address you see is virtual. Then, when /dev/vasinfo is there, it asks the
 * kernel through libvasinfo where each really is.
 *
 *   va [--wait]
 *
 * Exit status: 0 (also without the module: the addresses are printed
 * all the same), 1 when the allocation or a translation fails, 2 on a
 * usage error.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "libvasinfo.h"

static const char usage[] =
	"usage: va [--wait]\n"
	"\n"
	"OSTEP chapter 13's va.c: print the address of main (code), of a\n"
	"malloc(100e6) result (heap) and of a local variable (stack). Every address\n"
	"you see is virtual: with the vasinfo module loaded, va then shows where\n"
	"each one really is (the frame number only for root, as /proc/PID/pagemap).\n"
	"\n"
	"  -w, --wait  then wait for Enter: look at /proc/PID/maps, or run\n"
	"              vasinfo maps PID, meanwhile\n"
	"  -h, --help  this text\n";

static const char *const what[] = { "code", "heap", "stack" };

static void print_translation(const struct vasinfo_xlate *x, int i)
{
	printf("  %-5s %#-16llx -> %s", what[i], (unsigned long long)x->vaddr,
	       vi_state_name(x->state));
	if (x->state != VASINFO_STATE_PRESENT)
		printf(" (no frame: not in memory)\n");
	else if (x->pfn == VASINFO_HIDDEN)
		printf(", frame hidden (only root sees frames, as in /proc/PID/pagemap)\n");
	else
		printf(", frame %#llx, physical %#llx (%s page)\n",
		       (unsigned long long)x->pfn, (unsigned long long)x->paddr,
		       x->page_size == (1ULL << 30) ? "1 GiB" :
		       x->page_size == (2ULL << 20) ? "2 MiB" : "4 KiB");
}

int main(int argc, char **argv)
{
	struct vasinfo_xlate res[3];
	uint64_t addrs[3];
	int x = 3, wait = 0, fd, rc, i;
	char *heap;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-w") || !strcmp(argv[i], "--wait")) {
			wait = 1;
		} else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			fputs(usage, stdout);
			return 0;
		} else {
			fprintf(stderr, "va: unknown argument '%s' (try 'va --help')\n", argv[i]);
			return 2;
		}
	}
	setvbuf(stdout, NULL, _IOLBF, 0);

	heap = malloc(100e6);
	if (!heap) {
		fprintf(stderr, "va: malloc(100e6) failed: %s\n", strerror(errno));
		return 1;
	}
	printf("va: pid %d\n", (int)getpid());
	/* The book's three lines. */
	printf("location of code : %p\n", (void *)main);
	printf("location of heap : %p\n", (void *)heap);
	printf("location of stack: %p\n", (void *)&x);

	addrs[0] = (uintptr_t)main;
	addrs[1] = (uintptr_t)heap;
	addrs[2] = (uintptr_t)&x;
	fd = vi_open();
	if (fd < 0) {
		printf("va: %s.\n"
		       "va: no translations, but the addresses above are virtual all the same.\n",
		       vi_strerror(fd, getpid()));
	} else {
		rc = vi_translate(fd, 0, addrs, 3, res);
		close(fd);
		if (rc) {
			fprintf(stderr, "va: translating through " VASINFO_DEVICE ": %s\n",
				vi_strerror(rc, getpid()));
			return 1;
		}
		printf("Every address you see is virtual. Where they really are (" VASINFO_DEVICE "):\n");
		for (i = 0; i < 3; i++)
			print_translation(&res[i], i);
	}
	if (wait) {
		int c;

		printf("va: waiting; press Enter to exit (meanwhile: cat /proc/%d/maps)\n",
		       (int)getpid());
		do
			c = getchar();
		while (c != '\n' && c != EOF);
	}
	free(heap);
	return 0;
}
