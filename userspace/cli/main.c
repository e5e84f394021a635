// SPDX-License-Identifier: MIT
/* vasinfo: see a process's address space through /dev/vasinfo. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static const char usage[] =
	"usage: vasinfo COMMAND [OPTIONS] ARGS...\n"
	"\n"
	"Show a process's address space and where its pages live in physical memory.\n"
	"\n"
	"commands:\n"
	"  maps PID               regions, like pmap (--counts: resident/swapped/huge pages)\n"
	"  translate PID ADDR...  virtual -> physical, every page-table level (-v: the walk)\n"
	"  range PID START END    the pages of a range as runs, with totals\n"
	"  self                   OSTEP's va.c: this program's code, heap and stack, translated\n"
	"  layout PID             a picture of the address space, like OSTEP's figure 13.3\n"
	"                         (--phys: where each region's frames lie in RAM; --svg FILE)\n"
	"  watch PID              resident/swapped pages per segment and free memory, live\n"
	"  shared PID1 PID2       the frames two processes share; RSS, USS, PSS (root only)\n"
	"\n"
	"Every command takes --help and --json. ADDR: hex (0x...) or decimal. PID 0: yourself.\n"
	"Frames are shown only to root (CAP_SYS_ADMIN), as /proc/PID/pagemap does.\n"
	"Exit status: 0 success, 1 error, 2 usage error.\n";

int main(int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*fn)(int, char **);
	} cmds[] = {
		{ "maps", cmd_maps },
		{ "translate", cmd_translate },
		{ "range", cmd_range },
		{ "self", cmd_self },
		{ "layout", cmd_layout },
		{ "watch", cmd_watch },
		{ "shared", cmd_shared },
	};
	size_t i;

	if (argc < 2)
		return cli_usage_error(NULL, "no command given");
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		fputs(usage, stdout);
		return EXIT_OK;
	}
	if (!strcmp(argv[1], "--version")) {
		struct vasinfo_version v;
		int fd = vi_open();

		printf("vasinfo %s (ABI %d.%d)\n", VASINFO_VERSION,
		       VASINFO_ABI_MAJOR, VASINFO_ABI_MINOR);
		if (fd >= 0 && !vi_version(fd, &v))
			printf("module: ABI %u.%u, %s, %llu KiB pages, %u-level paging, frames %s\n",
			       v.abi_major, v.abi_minor,
			       v.arch == VASINFO_ARCH_X86_64 ? "x86-64" :
			       v.arch == VASINFO_ARCH_ARM64 ? "arm64" : "architecture not said (ABI < 1.3)",
			       (unsigned long long)vi_page_size() >> 10, v.levels,
			       v.caps & VASINFO_CAP_PFN ? "visible" : "hidden");
		else
			printf("module: %s\n", vi_strerror(fd < 0 ? fd : -errno, 0));
		if (fd >= 0)
			close(fd);
		return EXIT_OK;
	}
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (!strcmp(argv[1], cmds[i].name))
			return cmds[i].fn(argc - 1, argv + 1);
	return cli_usage_error(NULL, "unknown command '%s'", argv[1]);
}
