// SPDX-License-Identifier: MIT
/*
 * The vasinfo client end to end in the VM: its JSON against
 * /proc/PID/pagemap, its exit statuses and messages.
 *   t_client [--user U]
 */
#define _GNU_SOURCE
#include <grp.h>
#include <stdarg.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/prctl.h>

#include "vmtest.h"

static char out[1 << 20];

/* Run a shell command, capture stdout+stderr. Returns the exit status. */
static int sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int sh(const char *fmt, ...)
{
	char cmd[512];
	va_list ap;
	FILE *p;
	size_t n;
	int st;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	strncat(cmd, " 2>&1", sizeof(cmd) - strlen(cmd) - 1);
	p = popen(cmd, "r");
	n = p ? fread(out, 1, sizeof(out) - 1, p) : 0;
	out[n] = '\0';
	st = p ? pclose(p) : -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128;
}

static uint64_t page_addr;

static void setup(void *arg)
{
	char *p = mmap(NULL, 16 << 12, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	(void)arg;
	memset(p, 1, 8 << 12);
	*(volatile uint64_t *)&page_addr = (uintptr_t)p;
}

int main(int argc, char **argv)
{
	int user = argc == 3 && !strcmp(argv[1], "--user");
	uint64_t *shared = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
				MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	uint64_t pm = 0, addr;
	char path[64], *p;
	pid_t pid;
	int rc, fd;

	if (user)
		drop_to((uid_t)atoi(argv[2]));
	ktap_header(user ? "vasinfo-client-user" : "vasinfo-client-root");
	(void)shared;
	pid = spawn_held(setup, NULL);
	/* The child's address: read it from its /proc maps (16-page anon). */
	snprintf(path, sizeof(path), "/proc/%d/maps", (int)pid);
	read_path(path, out, sizeof(out));
	addr = 0;
	for (p = strtok(out, "\n"); p; p = strtok(NULL, "\n")) {
		unsigned long s, e;

		if (sscanf(p, "%lx-%lx", &s, &e) == 2 && e - s == 16 << 12)
			addr = s;
	}
	snprintf(path, sizeof(path), "/proc/%d/pagemap", (int)pid);
	fd = open(path, O_RDONLY);
	if (fd < 0 || pread(fd, &pm, 8, (off_t)(addr / 4096 * 8)) != 8)
		pm = 0;
	close(fd);

	rc = sh("vasinfo translate --json %d %#llx %#llx", (int)pid,
		(unsigned long long)addr, (unsigned long long)addr + (12 << 12));
	{
		char want[64];

		if (user)
			snprintf(want, sizeof(want), "\"pfn\":null");
		else
			snprintf(want, sizeof(want), "\"pfn\":%llu",
				 (unsigned long long)(pm & ((1ULL << 55) - 1)));
		ktap_ok(rc == 0 && out[0] == '[' && strstr(out, "\"present\":true") &&
			strstr(out, want) && strstr(out, "\"present\":false") &&
			strstr(out, "\"levels\":[{\"level\":\"pgd\""),
			"translate --json: touched page present with pagemap's frame (%s), untouched page not present",
			want);
		if (rc || !strstr(out, want))
			diag("%.300s", out);
	}
	rc = sh("vasinfo translate -v %d %#llx", (int)pid, (unsigned long long)addr);
	ktap_ok(rc == 0 && strstr(out, "pte  bits 20-12") && strstr(out, "<- leaf") &&
		(user ? !!strstr(out, "frame: hidden") : !!strstr(out, "= paddr")),
		"translate -v: the walk level by level");
	rc = sh("vasinfo translate %d 0xffff888000000000", (int)pid);
	ktap_ok(rc == 1 && strstr(out, "not a user-space address") && !strchr(strchr(out, '\n') + 1, '\n'),
		"translate of a kernel address: exit 1, one line");
	rc = sh("vasinfo maps 1");
	ktap_ok(user ? rc == 1 && strstr(out, "permission denied") : rc == 0,
		"maps of init: %s", user ? "exit 1, permission denied" : "exit 0 for root");
	rc = sh("vasinfo maps 99999999");
	ktap_ok(rc == 1 && strstr(out, "no process"), "maps of a missing process: exit 1, says so");
	rc = sh("vasinfo maps --counts %d", (int)pid);
	ktap_ok(rc == 0 && strstr(out, "total") && strstr(out, "     32K") && strstr(out, "[stack]"),
		"maps --counts: regions with the 8 touched pages (32K) resident");
	rc = sh("vasinfo range --json %d %#llx %#llx", (int)pid, (unsigned long long)addr,
		(unsigned long long)addr + (16 << 12));
	ktap_ok(rc == 0 && strstr(out, "\"totals\":{\"present\":8,\"swapped\":0,\"none\":8"),
		"range --json: 8 present and 8 untouched pages");
	if (rc)
		diag("%.300s", out);
	rc = sh("vasinfo self");
	ktap_ok(rc == 0 && strstr(out, "location of code") && strstr(out, "location of heap") &&
		strstr(out, "[stack") && strstr(out, "Every address you see is virtual") &&
		(user ? !!strstr(out, "run as root") : !!strstr(out, "is really at physical")),
		"self: code, heap, stack and their frames");
	if (rc)
		diag("%.300s", out);
	rc = sh("vasinfo bogus");
	ktap_ok(rc == 2, "unknown command: exit 2");
	reap(pid);
	return ktap_finish();
}
