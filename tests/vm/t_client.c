// SPDX-License-Identifier: MIT
/*
 * The vasinfo client end to end in the VM: its JSON against
 * /proc/PID/pagemap, its exit statuses and messages.
 *   t_client [--user U]
 */
#define _GNU_SOURCE
#include <grp.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/prctl.h>

#include "vmtest.h"

static uint64_t page_addr;

static void setup(void *arg)
{
	char *p = mmap(NULL, 16 * PG, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	(void)arg;
	memset(p, 1, 8 * PG);
	*(volatile uint64_t *)&page_addr = (uintptr_t)p;
}

int main(int argc, char **argv)
{
	int user = argc == 3 && !strcmp(argv[1], "--user");
	uint64_t *shared = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
				MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	uint64_t pm = 0, addr;
	char path[64], pte_bits[32], *p;
	pid_t pid;
	int rc, fd;

	if (user)
		drop_to((uid_t)atoi(argv[2]));
	ktap_header(user ? "vasinfo-client-user" : "vasinfo-client-root");
	ktap_plan(9);
	(void)shared;
	pid = spawn_held(setup, NULL);
	/* The child's address: read it from its /proc maps (16-page anon). */
	snprintf(path, sizeof(path), "/proc/%d/maps", (int)pid);
	read_path(path, sh_out, sizeof(sh_out));
	addr = 0;
	for (p = strtok(sh_out, "\n"); p; p = strtok(NULL, "\n")) {
		unsigned long s, e;

		if (sscanf(p, "%lx-%lx", &s, &e) == 2 && e - s == 16 * PG)
			addr = s;
	}
	snprintf(path, sizeof(path), "/proc/%d/pagemap", (int)pid);
	fd = open(path, O_RDONLY);
	if (fd < 0 || pread(fd, &pm, 8, (off_t)(addr / PG * 8)) != 8)
		pm = 0;
	close(fd);

	rc = sh(1, "vasinfo translate --json %d %#llx %#llx", (int)pid,
		(unsigned long long)addr, (unsigned long long)addr + (12 * PG));
	{
		char want[64];

		if (user)
			snprintf(want, sizeof(want), "\"pfn\":null");
		else
			snprintf(want, sizeof(want), "\"pfn\":%llu",
				 (unsigned long long)(pm & ((1ULL << 55) - 1)));
		ktap_ok(rc == 0 && sh_out[0] == '[' && strstr(sh_out, "\"present\":true") &&
			strstr(sh_out, want) && strstr(sh_out, "\"present\":false") &&
			strstr(sh_out, "\"levels\":[{\"level\":\"pgd\""),
			"translate --json: touched page present with pagemap's frame (%s), untouched page not present",
			want);
		if (rc || !strstr(sh_out, want))
			diag("%.300s", sh_out);
	}
	/* A PTE table is one page of 8-byte entries: 4 KiB pages, bits 20-12. */
	{
		int lo = __builtin_ctzl(PG), hi = lo + __builtin_ctzl(PG / 8) - 1;

		snprintf(pte_bits, sizeof(pte_bits), "pte  bits %d-%d", hi, lo);
	}
	rc = sh(1, "vasinfo translate -v %d %#llx", (int)pid, (unsigned long long)addr);
	ktap_ok(rc == 0 && strstr(sh_out, pte_bits) && strstr(sh_out, "<- leaf") &&
#if defined(__aarch64__)
		strstr(sh_out, "root: TTBR0_EL1 -> pgd (arm64") &&
#else
		strstr(sh_out, "root: CR3 -> pgd (x86-64") &&
#endif
		(user ? !!strstr(sh_out, "frame: hidden") : !!strstr(sh_out, "= paddr")),
		"translate -v: the walk level by level (%s)", pte_bits);
	rc = sh(1, "vasinfo translate %d 0xffff888000000000", (int)pid);
	ktap_ok(rc == 1 && strstr(sh_out, "not a user-space address") && !strchr(strchr(sh_out, '\n') + 1, '\n'),
		"translate of a kernel address: exit 1, one line");
	rc = sh(1, "vasinfo maps 1");
	ktap_ok(user ? rc == 1 && strstr(sh_out, "permission denied") : rc == 0,
		"maps of init: %s", user ? "exit 1, permission denied" : "exit 0 for root");
	rc = sh(1, "vasinfo maps 99999999");
	ktap_ok(rc == 1 && strstr(sh_out, "no process"), "maps of a missing process: exit 1, says so");
	rc = sh(1, "vasinfo maps --counts %d", (int)pid);
	{
		char k[32];

		snprintf(k, sizeof(k), " %luK", 8 * PG / 1024);
		ktap_ok(rc == 0 && strstr(sh_out, "total") && strstr(sh_out, k) &&
			strstr(sh_out, "[stack]"),
			"maps --counts: regions with the 8 touched pages (%s) resident", k + 1);
	}
	rc = sh(1, "vasinfo range --json %d %#llx %#llx", (int)pid, (unsigned long long)addr,
		(unsigned long long)addr + (16 * PG));
	ktap_ok(rc == 0 && strstr(sh_out, "\"totals\":{\"present\":8,\"swapped\":0,\"none\":8"),
		"range --json: 8 present and 8 untouched pages");
	if (rc)
		diag("%.300s", sh_out);
	rc = sh(1, "vasinfo self");
	ktap_ok(rc == 0 && strstr(sh_out, "location of code") && strstr(sh_out, "location of heap") &&
		strstr(sh_out, "[stack") && strstr(sh_out, "Every address you see is virtual") &&
		(user ? !!strstr(sh_out, "run as root") : !!strstr(sh_out, "is really at physical")),
		"self: code, heap, stack and their frames");
	if (rc)
		diag("%.300s", sh_out);
	rc = sh(1, "vasinfo bogus");
	ktap_ok(rc == 2, "unknown command: exit 2");
	reap(pid);
	return ktap_finish();
}
