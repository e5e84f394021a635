// SPDX-License-Identifier: MIT
/*
 * Host unit tests of vasinfo watch and vasinfo shared, on made-up data:
 * /proc/meminfo parsing, segment sums, frames as text (plain, terminal,
 * colour) with the change since the frame before, JSON Lines, the shared
 * frames per region pair and RSS / USS / PSS arithmetic, their usage errors.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../lib/capture.h"
#include "../lib/ktap.h"
#include "../lib/json_valid.h"
#include "../../userspace/cli/cli.h"

#define STARTS(s, lit) (!strncmp((s), (lit), sizeof(lit) - 1))

static int count_of(const char *s, const char *needle)
{
	int n = 0;

	for (const char *p = strstr(s, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

/* The line of @s that starts with @prefix, copied to @buf ("" if none). */
static const char *line_of(const char *s, const char *prefix, char *buf, size_t len)
{
	const char *p = s;

	buf[0] = '\0';
	while (p && *p) {
		const char *nl = strchr(p, '\n');
		size_t l = nl ? (size_t)(nl - p) : strlen(p);

		if (!strncmp(p, prefix, strlen(prefix))) {
			snprintf(buf, len, "%.*s", (int)l, p);
			break;
		}
		p = nl ? nl + 1 : NULL;
	}
	return buf;
}

/* ---- meminfo ---- */

static const char meminfo[] =
	"MemTotal:        3021344 kB\n"
	"MemFree:         2800000 kB\n"
	"MemAvailable:    2850123 kB\n"
	"Buffers:            1234 kB\n"
	"Cached:            55555 kB\n"
	"SwapCached:            0 kB\n"
	"SwapTotal:         65532 kB\n"
	"SwapFree:          65000 kB\n"
	"HugePages_Total:       8\n";

static void test_meminfo(void)
{
	struct cli_meminfo m;
	char buf[1024];

	ktap_ok(!cli_parse_meminfo(meminfo, &m) && m.total == 3021344 && m.free == 2800000 &&
		m.available == 2850123 && m.swap_total == 65532 && m.swap_free == 65000,
		"meminfo: the five lines free(1) shows, other lines ignored");
	snprintf(buf, sizeof(buf), "%s", meminfo);
	*strstr(buf, "MemAvailable") = 'X';
	ktap_ok(cli_parse_meminfo(buf, &m) == -1, "meminfo: a missing line is an error");
	snprintf(buf, sizeof(buf), "MemTotal: 1 kB\nMemFree: 2 MB\nMemAvailable: 3 kB\nSwapTotal: 0 kB\nSwapFree: 0 kB\n");
	ktap_ok(cli_parse_meminfo(buf, &m) == -1, "meminfo: a unit other than kB is an error");
	ktap_ok(cli_parse_meminfo("", &m) == -1, "meminfo: empty text is an error");
}

/* ---- watch frames ---- */

static struct vasinfo_vma vma(uint64_t start, uint64_t pages, unsigned int seg, const char *name)
{
	struct vasinfo_vma v;

	memset(&v, 0, sizeof(v));
	v.start = start;
	v.end = start + pages * 4096;
	v.segment = seg;
	v.flags = VASINFO_VMA_READ;
	snprintf(v.name, sizeof(v.name), "%s", name);
	return v;
}

/* Frame 1: code 2 regions, heap, stack; frame 2: the heap grew and got 32
 * pages more, an anon region appeared, the stack's only region is gone. */
static void frames(struct cli_watch_frame fr[2])
{
	struct vasinfo_vma v1[4] = {
		vma(0x400000, 100, VASINFO_SEG_CODE, "/bin/x"),
		vma(0x500000, 10, VASINFO_SEG_CODE, "/bin/x"),
		vma(0x1000000, 33, VASINFO_SEG_HEAP, "[heap]"),
		vma(0x7ffd0000000ULL, 33, VASINFO_SEG_STACK, "[stack]"),
	};
	struct cli_counts c1[4] = { { 80, 0, 0 }, { 10, 0, 0 }, { 1, 0, 0 }, { 3, 2, 0 } };
	struct vasinfo_vma v2[4] = {
		v1[0], v1[1], vma(0x1000000, 65, VASINFO_SEG_HEAP, "[heap]"),
		vma(0x7f0000000000ULL, 512, VASINFO_SEG_ANON, "[anon]"),
	};
	struct cli_counts c2[4] = { { 80, 0, 0 }, { 10, 0, 0 }, { 33, 0, 0 }, { 512, 0, 512 } };

	memset(fr, 0, 2 * sizeof(*fr));
	for (int k = 0; k < 2; k++) {
		fr[k].seq = (unsigned long)k + 1;
		fr[k].pid = 4242;
		strcpy(fr[k].comm, "student");
		fr[k].time_ms = 1700000000123LL + k * 1000;
		cli_parse_meminfo(meminfo, &fr[k].mem);
	}
	fr[1].mem.free -= 2176;
	fr[1].mem.available -= 2176;
	cli_watch_sum(&fr[0], v1, 4, c1);
	cli_watch_sum(&fr[1], v2, 4, c2);
}

static void test_watch_sum(void)
{
	struct cli_watch_frame fr[2];

	frames(fr);
	ktap_ok(fr[0].seg[VASINFO_SEG_CODE].regions == 2 &&
		fr[0].seg[VASINFO_SEG_CODE].size == 110 * 4096 &&
		fr[0].seg[VASINFO_SEG_CODE].resident == 90 &&
		fr[0].seg[VASINFO_SEG_STACK].swapped == 2 &&
		fr[0].seg[VASINFO_SEG_ANON].regions == 0,
		"watch: regions summed into their segments");
	ktap_ok(fr[0].total.regions == 4 && fr[0].total.resident == 94 &&
		fr[0].total.swapped == 2 && fr[0].total.size == (100 + 10 + 33 + 33) * 4096 &&
		fr[1].total.resident == 635 && fr[1].total.swapped == 0,
		"watch: totals over all segments");
}

static char *report(int json, int style, const struct cli_watch_frame *cur,
		    const struct cli_watch_frame *prev)
{
	struct cap c;

	cli_watch_report(cap_open(&c), json, style, cur, prev);
	return cap_close(&c);
}

static void test_watch_text(void)
{
	struct cli_watch_frame fr[2];
	char *s, l[256];

	frames(fr);
	s = report(0, 0, &fr[0], NULL);
	ktap_ok(STARTS(s, "=== pid 4242 (student)  frame 1  2023-11-14 22:13:20.123\n") &&
		!strchr(s, '\033') && !strchr(s, '+') && !strstr(s, " -"),
		"watch text: header with pid, comm, frame number and time; first frame, no changes marked");
	ktap_ok(!strcmp(line_of(s, "code ", l, sizeof(l)), "code           2              440              90               0") &&
		!strcmp(line_of(s, "heap ", l, sizeof(l)), "heap           1              132               1               0") &&
		!strcmp(line_of(s, "stack ", l, sizeof(l)), "stack          1              132               3               2") &&
		!strcmp(line_of(s, "total ", l, sizeof(l)), "total          4              704              94               2") &&
		!strstr(s, "\nanon") && !strstr(s, "\nother"),
		"watch text: regions, size in KiB, resident and swapped pages per segment present, and the total");
	ktap_ok(!strcmp(line_of(s, "Mem:", l, sizeof(l)), "Mem:       3021344          2800000          2850123") &&
		!strcmp(line_of(s, "Swap:", l, sizeof(l)), "Swap:        65532            65000") &&
		strstr(s, "total") && strstr(s, "available"),
		"watch text: memory like free(1): total, free, available; swap total and free");
	/* Columns: the resident heading ends where the resident numbers end. */
	{
		const char *h = strstr(s, "resident"), *line = h, *tot = strstr(s, "\ntotal") + 1;
		size_t col;

		while (line > s && line[-1] != '\n')
			line--;
		col = (size_t)(h - line) + strlen("resident");
		ktap_ok(strlen(tot) > col && tot[col - 2] == '9' && tot[col - 1] == '4' &&
			tot[col] == ' ', "watch text: numbers under their column heading");
	}
	free(s);

	s = report(0, 0, &fr[1], &fr[0]);
	ktap_ok(STARTS(s, "\n=== pid 4242 (student)  frame 2  2023-11-14 22:13:21.123\n"),
		"watch text: frames one after another, a blank line and the header between");
	ktap_ok(!strcmp(line_of(s, "heap ", l, sizeof(l)), "heap           1              260 +128         33 +32           0"),
		"watch text: the heap grew 128 KiB and 32 pages: both marked '+N' (%s)", l);
	ktap_ok(!strcmp(line_of(s, "code ", l, sizeof(l)), "code           2              440              90               0"),
		"watch text: an unchanged segment has no marks");
	ktap_ok(!strcmp(line_of(s, "anon ", l, sizeof(l)), "anon           1 +1          2048 +2048       512 +512          0") &&
		!strcmp(line_of(s, "stack ", l, sizeof(l)), "stack          0 -1             0 -132          0 -3            0 -2"),
		"watch text: a new segment is shown with '+', a vanished one with zeros and '-N'");
	ktap_ok(strstr(line_of(s, "total ", l, sizeof(l)), "635 +541") &&
		strstr(line_of(s, "Mem:", l, sizeof(l)), "2797824 -2176") &&
		strstr(l, "2847947 -2176") && !strchr(line_of(s, "Swap:", l, sizeof(l)), '-'),
		"watch text: totals and free memory marked with their change, swap unchanged");
	ktap_ok(strstr(s, "anon") > strstr(s, "heap") && strstr(s, "stack") > strstr(s, "anon"),
		"watch text: segments in address-space order: code, heap, anon mmap, stack");
	free(s);

	s = report(0, CLI_WATCH_CLEAR | CLI_WATCH_COLOR, &fr[1], &fr[0]);
	ktap_ok(STARTS(s, "\033[H\033[J=== pid 4242") &&
		strstr(s, "\033[1;33m      33 +32\033[0m") &&
		!strcmp(line_of(s, "code ", l, sizeof(l)), "code           2              440              90               0"),
		"watch on a terminal: screen cleared, changed numbers bold and coloured, others plain");
	free(s);
	s = report(0, CLI_WATCH_CLEAR, &fr[1], &fr[0]);
	ktap_ok(!strncmp(s, "\033[H\033[J", 6) && count_of(s, "\033") == 2 &&
		strstr(s, "33 +32"),
		"watch on a terminal with NO_COLOR: redrawn, no colour, changes still marked");
	free(s);
}

static void test_watch_json(void)
{
	struct cli_watch_frame fr[2];
	char *s, *nl;

	frames(fr);
	s = report(1, CLI_WATCH_CLEAR | CLI_WATCH_COLOR, &fr[0], NULL);
	nl = strchr(s, '\n');
	ktap_ok(json_valid(s) && nl && !nl[1] && !strchr(s, '\033'),
		"watch json: one valid object on one line, no terminal codes");
	ktap_ok(STARTS(s, "{\"frame\":1,\"time_ms\":1700000000123,\"pid\":4242,\"comm\":\"student\",\"page_size\":4096,\"segments\":[{\"segment\":\"code\"") &&
		strstr(s, "{\"segment\":\"heap\",\"regions\":1,\"size\":135168,\"resident\":1,\"swapped\":0,\"resident_change\":null,\"swapped_change\":null}") &&
		strstr(s, "\"totals\":{\"regions\":4,\"size\":720896,\"resident\":94,\"swapped\":2,\"resident_change\":null,\"swapped_change\":null}") &&
		strstr(s, "\"meminfo\":{\"mem_total_kb\":3021344,\"mem_free_kb\":2800000,\"mem_available_kb\":2850123,\"swap_total_kb\":65532,\"swap_free_kb\":65000}}") &&
		count_of(s, "\"segment\":") == 3,
		"watch json: frame, time, pid, segments with counts, totals, meminfo; no changes in the first");
	free(s);
	s = report(1, 0, &fr[1], &fr[0]);
	ktap_ok(json_valid(s) && strstr(s, "\"segment\":\"heap\",\"regions\":1,\"size\":266240,\"resident\":33,\"swapped\":0,\"resident_change\":32,\"swapped_change\":0}") &&
		strstr(s, "{\"segment\":\"stack\",\"regions\":0,\"size\":0,\"resident\":0,\"swapped\":0,\"resident_change\":-3,\"swapped_change\":-2}") &&
		strstr(s, "\"resident\":635,\"swapped\":0,\"resident_change\":541,\"swapped_change\":-2}") &&
		count_of(s, "\"segment\":") == 4,
		"watch json: the second frame carries signed changes, the vanished stack too");
	free(s);
}

/* ---- shared ---- */

#define PG(va, pfn, mc) { (va), (pfn), (mc), 0 }

/*
 * A and B after a fork: the same program text (frames 100-103, mapped by 5
 * processes), anonymous memory of which B rewrote 2 of 4 pages, a
 * MAP_SHARED page that B maps twice, the zero page in both, [vvar] in both.
 */
static struct vasinfo_vma va[5], vb[6];
static const struct cli_page pa[] = {
	PG(0x400000, 100, 5), PG(0x401000, 101, 5), PG(0x402000, 102, 5), PG(0x403000, 103, 5),
	PG(0x10000000, 200, 2), PG(0x10001000, 201, 2), PG(0x10002000, 202, 1), PG(0x10003000, 203, 1),
	{ 0x10004000, 1, 0, VASINFO_PAGE_ZERO },
	PG(0x20000000, 300, 3),
	{ 0x7fff0000, 900, -1, VASINFO_PAGE_NO_STRUCT },
};
static const struct cli_page pb[] = {
	PG(0x400000, 100, 5), PG(0x401000, 101, 5), PG(0x402000, 102, 5), PG(0x403000, 103, 5),
	PG(0x10000000, 200, 2), PG(0x10001000, 201, 2), PG(0x10002000, 402, 1), PG(0x10003000, 403, 1),
	{ 0x10004000, 1, 0, VASINFO_PAGE_ZERO },
	PG(0x20000000, 300, 3),
	PG(0x30000000, 300, 3),
	{ 0x7fff0000, 900, -1, VASINFO_PAGE_NO_STRUCT },
};

static void procs(struct cli_proc *a, struct cli_proc *b)
{
	va[0] = vma(0x400000, 4, VASINFO_SEG_CODE, "/bin/p");
	va[1] = vma(0x10000000, 8, VASINFO_SEG_ANON, "[anon]");
	va[2] = vma(0x20000000, 1, VASINFO_SEG_ANON, "/dev/zero (deleted)");
	va[3] = vma(0x60000000, 16, VASINFO_SEG_ANON, "[anon]");	/* nothing resident */
	va[4] = vma(0x7fff0000, 1, VASINFO_SEG_VVAR, "[vvar]");
	memcpy(vb, va, sizeof(va));
	vb[3] = vma(0x30000000, 1, VASINFO_SEG_ANON, "/dev/zero (deleted)");
	vb[4] = vma(0x60000000, 16, VASINFO_SEG_ANON, "[anon]");
	vb[5] = vma(0x7fff0000, 1, VASINFO_SEG_VVAR, "[vvar]");
	*a = (struct cli_proc){ 10, "parent", va, 5, pa, sizeof(pa) / sizeof(pa[0]) };
	*b = (struct cli_proc){ 11, "child", vb, 6, pb, sizeof(pb) / sizeof(pb[0]) };
}

static void test_shared_pairs(void)
{
	struct cli_proc a, b;
	struct cli_share *s = NULL;
	ssize_t n;

	procs(&a, &b);
	n = cli_shared_pairs(&a, &b, &s);
	ktap_ok(n == 7 &&
		s[0].i == 0 && s[0].j == -1 && s[0].pages == 4 &&
		s[1].i == 0 && s[1].j == 0 && s[1].pages == 4 &&
		s[2].i == 1 && s[2].j == -1 && s[2].pages == 2 &&
		s[3].i == 1 && s[3].j == 1 && s[3].pages == 2 &&
		s[4].i == 2 && s[4].j == -1 && s[4].pages == 1,
		"shared: text 4 of 4, anon 2 of 4 after the child wrote 2 (n=%zd)", n);
	ktap_ok(n == 7 && s[5].i == 2 && s[5].j == 2 && s[5].pages == 1 &&
		s[6].i == 2 && s[6].j == 3 && s[6].pages == 1,
		"shared: a page mapped in two regions of the other process counts once in the total, once per region");
	free(s);
	/* As seen from B: its second mapping of the shared page shares too. */
	n = cli_shared_pairs(&b, &a, &s);
	ktap_ok(n == 8 && s[4].i == 2 && s[4].pages == 1 && s[6].i == 3 && s[6].j == -1 &&
		s[7].i == 3 && s[7].j == 2 && s[7].pages == 1,
		"shared: the other way round, both of B's mappings share A's page");
	free(s);
	b.np = 0;
	n = cli_shared_pairs(&a, &b, &s);
	ktap_ok(n == 0, "shared: nothing resident in B, nothing shared");
	free(s);
}

static void test_mem_use(void)
{
	struct cli_proc a, b;
	struct cli_mem_use u;
	const uint64_t unit = 4096ULL << CLI_PSS_SHIFT;

	procs(&a, &b);
	cli_mem_use(&a, &u);
	ktap_ok(u.rss == 9 && u.uss == 2 && u.skipped == 2,
		"mem use: RSS counts pages with a struct page (not zero page, not PFNMAP), USS those mapped once");
	ktap_ok(u.pss_x == 4 * (unit / 5) + 2 * (unit / 2) + 2 * unit + unit / 3,
		"mem use: PSS is the sum of 4096/mapcount, in smaps' fixed point (%llu)",
		(unsigned long long)u.pss_x);
	cli_mem_use(&b, &u);
	ktap_ok(u.rss == 10 && u.uss == 2 && u.pss_x == 4 * (unit / 5) + 2 * (unit / 2) + 2 * unit + 2 * (unit / 3),
		"mem use: a page mapped twice counts twice in RSS and PSS");
}

static void test_shared_report(void)
{
	struct cli_proc a, b;
	struct cap c;
	char *s, l[256];

	procs(&a, &b);
	cli_shared_report(cap_open(&c), 1, &a, &b);
	s = cap_close(&c);
	ktap_ok(json_valid(s) && STARTS(s, "{\"pid1\":10,\"pid2\":11,\"page_size\":4096,\"regions\":["),
		"shared json: valid, pids first");
	ktap_ok(strstr(s, "{\"start\":\"0x400000\",\"end\":\"0x404000\",\"segment\":\"code\",\"name\":\"/bin/p\",\"resident\":4,\"shared\":4,\"with\":[{\"start\":\"0x400000\",\"end\":\"0x404000\",\"segment\":\"code\",\"name\":\"/bin/p\",\"pages\":4}]}") &&
		strstr(s, "\"resident\":4,\"shared\":2,\"with\":[{\"start\":\"0x10000000\"") &&
		strstr(s, "\"resident\":1,\"shared\":1,\"with\":[{\"start\":\"0x20000000\",\"end\":\"0x20001000\",\"segment\":\"anon\",\"name\":\"/dev/zero (deleted)\",\"pages\":1},{\"start\":\"0x30000000\"") &&
		!strstr(s, "0x60000000") && !strstr(s, "vvar"),
		"shared json: regions with resident pages, shared counts, the other's regions; empty and PFNMAP left out");
	ktap_ok(strstr(s, "],\"shared\":7,\"processes\":[{\"pid\":10,\"comm\":\"parent\",\"rss\":9,\"uss\":2,\"pss_bytes\":") &&
		strstr(s, "\"rss_kb\":36,\"uss_kb\":8,\"pss_kb\":") &&
		strstr(s, "{\"pid\":11,\"comm\":\"child\",\"rss\":10,\"uss\":2,"),
		"shared json: the total, then RSS, USS, PSS of each");
	free(s);

	cli_shared_report(cap_open(&c), 0, &a, &b);
	s = cap_close(&c);
	ktap_ok(strstr(s, "frames of pid 10 (parent) that pid 11 (child) maps too") &&
		strstr(line_of(s, "0000000010000000-0000000010008000", l, sizeof(l)), "anon           4        2  [anon]") &&
		strstr(s, "       1  -> 0000000030000000-0000000030001000 anon /dev/zero (deleted)\n") &&
		strstr(s, "7 of 9 resident pages of pid 10 are frames pid 11 maps too"),
		"shared text: region lines with resident and shared, where the other maps them, the total");
	/* PSS: A (4/5 + 2/2 + 2 + 1/3) pages = 16.53 KiB, B (4/5 + 2/2 + 2 + 2/3) = 17.87 */
	ktap_ok(strstr(line_of(s, "pid 10 (parent)", l, sizeof(l)), "        36          8         16") &&
		strstr(line_of(s, "pid 11 (child)", l, sizeof(l)), "        40          8         17"),
		"shared text: RSS, USS, PSS in KiB, rounded down as smaps does");
	free(s);
}

/* ---- options ---- */

static void test_usage(void)
{
	static const struct {
		int (*fn)(int, char **);
		const char *argv[7];
		const char *what, *says;
	} cases[] = {
		{ cmd_watch, { "watch" }, "watch without a pid", "needs exactly one PID" },
		{ cmd_watch, { "watch", "1", "2" }, "watch with two pids", "needs exactly one PID" },
		{ cmd_watch, { "watch", "--interval", "0", "1" }, "watch --interval 0", "--interval '0'" },
		{ cmd_watch, { "watch", "--interval", "-1", "1" }, "watch --interval -1", "--interval '-1'" },
		{ cmd_watch, { "watch", "--interval", "1s", "1" }, "watch --interval 1s", "--interval '1s'" },
		{ cmd_watch, { "watch", "--interval", "nan", "1" }, "watch --interval nan", "--interval 'nan'" },
		{ cmd_watch, { "watch", "--interval", "", "1" }, "watch --interval ''", "--interval ''" },
		{ cmd_watch, { "watch", "--count", "0", "1" }, "watch --count 0", "--count '0'" },
		{ cmd_watch, { "watch", "--count", "-2", "1" }, "watch --count -2", "--count '-2'" },
		{ cmd_watch, { "watch", "--count", "99999999999999999999999", "1" }, "watch --count too large", "--count '9" },
		{ cmd_watch, { "watch", "1", "--count" }, "watch --count without a value", "'--count' needs a value" },
		{ cmd_watch, { "watch", "--counts", "1" }, "watch --counts (a maps option)", "no option '--counts' here" },
		{ cmd_watch, { "watch", "-v", "1" }, "watch -v", "no option '-v' here" },
		{ cmd_shared, { "shared", "1" }, "shared with one pid", "needs two PIDs" },
		{ cmd_shared, { "shared", "1", "2", "3" }, "shared with three pids", "needs two PIDs" },
		{ cmd_shared, { "shared", "1", "x" }, "shared with a bad pid", "'x' is not a process id" },
		{ cmd_shared, { "shared", "--interval", "1", "1", "2" }, "shared --interval", "no option '--interval' here" },
		{ cmd_maps, { "maps", "--count", "3", "1" }, "maps --count (a watch option)", "no option '--count' here" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int argc = 0, rc;
		char *out, *err, want[64];

		while (cases[i].argv[argc])
			argc++;
		rc = cap_run(cases[i].fn, argc, cases[i].argv, &out, &err);
		snprintf(want, sizeof(want), "(try 'vasinfo %s --help')\n", cases[i].argv[0]);
		ktap_ok(rc == 2 && !*out && !strncmp(err, "vasinfo: ", 9) &&
			strchr(err, '\n') == err + strlen(err) - 1 && strstr(err, want) &&
			strstr(err, cases[i].says),
			"usage: %s exits 2 with one line saying %s", cases[i].what, cases[i].says);
		if (rc != 2 || !strstr(err, cases[i].says))
			diag("rc %d: %s", rc, err);
		free(out);
		free(err);
	}
}

static void test_help(void)
{
	const char *w[] = { "watch", "--help", NULL }, *s[] = { "shared", "-h", NULL };
	char *out, *err;
	int rc;

	rc = cap_run(cmd_watch, 2, w, &out, &err);
	ktap_ok(rc == 0 && !strncmp(out, "usage: vasinfo watch ", 21) && strstr(out, "--interval") &&
		strstr(out, "--count") && strstr(out, "--json") && strstr(out, "NO_COLOR") && !*err,
		"watch --help: usage on stdout, exit 0");
	free(out);
	free(err);
	rc = cap_run(cmd_shared, 2, s, &out, &err);
	ktap_ok(rc == 0 && !strncmp(out, "usage: vasinfo shared ", 22) && strstr(out, "--json") &&
		strstr(out, "CAP_SYS_ADMIN") && strstr(out, "PSS") && !*err,
		"shared -h: usage on stdout, exit 0");
	free(out);
	free(err);
}

/* The binary's own usage lists both, next to the tests: ../vasinfo. */
static void test_binary(void)
{
	char self[PATH_MAX], cmd[PATH_MAX + 64], out[4096], *slash;
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n <= 0) {
		ktap_skip("vasinfo --help lists watch and shared", "no /proc/self/exe");
		return;
	}
	self[n] = '\0';
	slash = strrchr(self, '/');
	*slash = '\0';
	slash = strrchr(self, '/');
	if (slash)
		*slash = '\0';
	snprintf(cmd, sizeof(cmd), "'%s/vasinfo' --help", self);
	cap_popen(cmd, out, sizeof(out));
	ktap_ok(strstr(out, "\n  watch PID ") && strstr(out, "\n  shared PID1 PID2 "),
		"vasinfo --help lists watch PID and shared PID1 PID2");
}

int main(void)
{
	setenv("TZ", "UTC", 1);
	tzset();
	ktap_header("vasinfo-watch-shared");
	ktap_plan(54);
	test_meminfo();
	test_watch_sum();
	test_watch_text();
	test_watch_json();
	test_shared_pairs();
	test_mem_use();
	test_shared_report();
	test_usage();
	test_help();
	test_binary();
	return ktap_finish();
}
