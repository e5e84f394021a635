// SPDX-License-Identifier: MIT
/*
 * Host unit tests of vasinfo layout: the picture drawn from a made-up
 * address space (a PIE program, its heap, a library of five regions, an
 * anonymous mapping, the stack, vvar and vdso) and made-up frames: the
 * text's order, regions, gap labels and log scale, colour and plain, the
 * SVG's structure, the JSON's shape, the RAM strips of --phys, and the
 * command's usage errors.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <locale.h>
#include <string.h>

#include "../lib/json_valid.h"
#include "../lib/capture.h"
#include "../lib/ktap.h"
#include "../../userspace/cli/cli.h"

/* ---- the made-up process ---- */

#define LIBC "/usr/lib/x86_64-linux-gnu/libc.so.6"
#define NV 20

static struct vasinfo_vma vmas[NV];
static int nv;
static struct vasinfo_mm_info mm;

static void vma(uint64_t start, uint64_t end, const char *perms, unsigned int seg,
		const char *name)
{
	struct vasinfo_vma *v = &vmas[nv++];

	memset(v, 0, sizeof(*v));
	v->start = start;
	v->end = end;
	v->flags = (perms[0] == 'r' ? VASINFO_VMA_READ : 0) |
		   (perms[1] == 'w' ? VASINFO_VMA_WRITE : 0) |
		   (perms[2] == 'x' ? VASINFO_VMA_EXEC : 0) |
		   (perms[3] == 's' ? VASINFO_VMA_SHARED : 0) |
		   (name[0] == '/' ? VASINFO_VMA_FILE : 0);
	v->segment = seg;
	snprintf(v->name, sizeof(v->name), "%s", name);
}

static void process(void)
{
	nv = 0;
	vma(0x55d0c7a00000, 0x55d0c7a2d000, "r--p", VASINFO_SEG_RODATA, "/usr/bin/bash");
	vma(0x55d0c7a2d000, 0x55d0c7b0d000, "r-xp", VASINFO_SEG_CODE, "/usr/bin/bash");
	vma(0x55d0c7b0d000, 0x55d0c7b43000, "r--p", VASINFO_SEG_RODATA, "/usr/bin/bash");
	vma(0x55d0c7b43000, 0x55d0c7b47000, "r--p", VASINFO_SEG_DATA, "/usr/bin/bash");
	vma(0x55d0c7b47000, 0x55d0c7b50000, "rw-p", VASINFO_SEG_DATA, "/usr/bin/bash");
	vma(0x55d0c7b50000, 0x55d0c7b5b000, "rw-p", VASINFO_SEG_BSS, "[anon]");
	vma(0x55d0c8a5c000, 0x55d0c8bd3000, "rw-p", VASINFO_SEG_HEAP, "[heap]");
	/* 0x400000 bytes below the next: an exact "4 MiB" gap */
	vma(0x7f1c29c00000, 0x7f1c29e00000, "rw-p", VASINFO_SEG_ANON, "[anon]");
	vma(0x7f1c2a200000, 0x7f1c2a2e9000, "r--p", VASINFO_SEG_FILE, "/tmp/a&b<c>\"d'.bin");
	vma(0x7f1c2a300000, 0x7f1c2a326000, "r--p", VASINFO_SEG_FILE, LIBC);
	vma(0x7f1c2a326000, 0x7f1c2a47b000, "r-xp", VASINFO_SEG_FILE, LIBC);
	vma(0x7f1c2a47b000, 0x7f1c2a4ce000, "r--p", VASINFO_SEG_FILE, LIBC);
	vma(0x7f1c2a4ce000, 0x7f1c2a4d2000, "r--p", VASINFO_SEG_FILE, LIBC);
	vma(0x7f1c2a4d2000, 0x7f1c2a4d4000, "rw-p", VASINFO_SEG_FILE, LIBC);
	vma(0x7f1c2a4d4000, 0x7f1c2a4e1000, "rw-p", VASINFO_SEG_ANON, "[anon]");
	vma(0x7ffd856de000, 0x7ffd856ff000, "rw-p", VASINFO_SEG_STACK, "[stack]");
	vma(0x7ffd8574f000, 0x7ffd85753000, "r--p", VASINFO_SEG_VVAR, "[vvar]");
	vma(0x7ffd85753000, 0x7ffd85755000, "r-xp", VASINFO_SEG_VDSO, "[vdso]");
	memset(&mm, 0, sizeof(mm));
	mm.task_size = 0x7ffffffff000;
	mm.mmap_base = 0x7f1c2a4e1000;
	mm.start_brk = 0x55d0c8a5c000;
	mm.brk = 0x55d0c8bd3000;
	memcpy(mm.comm, "bash", 5);
}

/* 4 GiB of a PC: low RAM, the hole, RAM up to 3 GiB, the PCI hole, 1 GiB above 4 GiB. */
static const struct cli_ram ram[] = {
	{ 0x1000, 0x9f000 },
	{ 0x100000, 0xbffe0000 },
	{ 0x100000000, 0x140000000 },
};
#define NRAM 3

static struct vasinfo_run *runs[NV];
static ssize_t nruns[NV];

static void run(int i, uint64_t vaddr, uint64_t pages, uint64_t pfn, unsigned int state)
{
	struct vasinfo_run *r;

	runs[i] = realloc(runs[i], (size_t)(nruns[i] + 1) * sizeof(*r));
	r = &runs[i][nruns[i]++];
	memset(r, 0, sizeof(*r));
	r->vaddr = vaddr;
	r->pages = pages;
	r->page_size = 4096;
	r->pfn = pfn;
	r->state = state;
}

static void frames(void)
{
	for (int i = 0; i < NV; i++) {
		free(runs[i]);
		runs[i] = NULL;
		nruns[i] = 0;
	}
	/* code: one run low, one in the RAM above 4 GiB */
	run(1, 0x55d0c7a2d000, 16, 0x2000, VASINFO_STATE_PRESENT);
	run(1, 0x55d0c7a3d000, 4, 0x120000, VASINFO_STATE_PRESENT);
	/* heap: scattered, one run crossing from RAM into the hole at 0xbffe0000 */
	run(6, 0x55d0c8a5c000, 3, 0x50000, VASINFO_STATE_PRESENT);
	run(6, 0x55d0c8a5f000, 10, 0, VASINFO_STATE_NONE);
	run(6, 0x55d0c8a69000, 2, 0xbffdf, VASINFO_STATE_PRESENT);
	run(6, 0x55d0c8a6b000, 1, 0x30, VASINFO_STATE_PRESENT);
	run(6, 0x55d0c8a6c000, 1, 0x42, VASINFO_STATE_SWAP);
	/* a run in the hole below 1 MiB: device memory */
	run(16, 0x7ffd8574f000, 1, 0xfed00, VASINFO_STATE_PRESENT);
	/* libc: two of its regions */
	run(10, 0x7f1c2a326000, 8, 0x90000, VASINFO_STATE_PRESENT);
	run(12, 0x7f1c2a4ce000, 4, 0x13ff00, VASINFO_STATE_PRESENT);
	/* stack: two pages, far apart */
	run(15, 0x7ffd856fd000, 1, 0x7777, VASINFO_STATE_PRESENT);
	run(15, 0x7ffd856fe000, 1, 0x123456, VASINFO_STATE_PRESENT);
}

/* The cells a region's frames fall into, page by page: the test's own rule. */
static uint64_t expect_cells(int i, unsigned char cells[CLI_LAYOUT_CELLS], uint64_t *outside)
{
	uint64_t total = 0, resident = 0;

	memset(cells, 0, CLI_LAYOUT_CELLS);
	*outside = 0;
	for (int r = 0; r < NRAM; r++)
		total += ram[r].end - ram[r].start;
	for (ssize_t k = 0; k < nruns[i]; k++) {
		if (runs[i][k].state != VASINFO_STATE_PRESENT)
			continue;
		for (uint64_t p = 0; p < runs[i][k].pages; p++) {
			uint64_t pa = (runs[i][k].pfn + p) * 4096, off = 0;
			int in = 0;

			resident++;
			for (int r = 0; r < NRAM; r++) {
				if (pa >= ram[r].start && pa < ram[r].end) {
					in = 1;
					off += pa - ram[r].start;
					break;
				}
				off += ram[r].end - ram[r].start;
			}
			if (in)
				cells[off * CLI_LAYOUT_CELLS / total] = 1;
			else
				(*outside)++;
		}
	}
	return resident;
}

static struct cli_layout layout(int all, int phys)
{
	struct cli_layout l;

	memset(&l, 0, sizeof(l));
	l.pid = 4242;
	l.mm = &mm;
	l.v = vmas;
	l.n = nv;
	l.all = all;
	if (phys) {
		l.runs = runs;
		l.nruns = nruns;
		l.ram = ram;
		l.nram = NRAM;
	}
	return l;
}

static char *draw(int fmt, int color, int all, int phys)
{
	struct cli_layout l = layout(all, phys);
	struct cap c;
	int rc = cli_layout_report(cap_open(&c), fmt, color, &l);
	char *s = cap_close(&c);

	if (rc)
		diag("cli_layout_report: %d", rc);
	return s;
}

/* ---- helpers ---- */

/* The test's own size wording: exact in the largest unit, else one decimal. */
static void expect_size(uint64_t b, char *out, size_t len)
{
	static const char *const u[] = { "B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
	int k = 0;
	double v = (double)b;

	while (k < 6 && v >= 1024) {
		v /= 1024;
		k++;
	}
	if (v == (double)(uint64_t)v)
		snprintf(out, len, "%llu %s", (unsigned long long)v, u[k]);
	else if (v >= 1023.95 && k < 6)
		snprintf(out, len, "%.1f %s", v / 1024, u[k + 1]);
	else
		snprintf(out, len, "%.1f %s", v, u[k]);
}

/* Split @s into lines, in place. */
static int lines(char *s, char **out, int max)
{
	int n = 0;

	for (char *p = s; *p && n < max;) {
		char *nl = strchr(p, '\n');

		out[n++] = p;
		if (!nl)
			break;
		*nl = '\0';
		p = nl + 1;
	}
	return n;
}

/* A "start-end" word of @line (hex), as the region lines have. */
static int range_of(const char *line, uint64_t *s, uint64_t *e)
{
	for (const char *p = line; *p; p++) {
		unsigned long long a, b;
		int n = 0;

		if ((p == line || p[-1] == ' ') &&
		    sscanf(p, "%llx-%llx%n", &a, &b, &n) == 2 && n > 16 &&
		    (p[n] == ' ' || !p[n])) {
			*s = a;
			*e = b;
			return 1;
		}
	}
	return 0;
}

static size_t columns(const char *s)
{
	size_t c = 0;

	for (; *s; s++)
		c += ((unsigned char)*s & 0xc0) != 0x80;
	return c;
}

/* @s without its ANSI escapes. */
static char *strip_ansi(const char *s)
{
	char *o = malloc(strlen(s) + 1), *d = o;

	while (*s) {
		if (*s == '\033' && s[1] == '[') {
			s += 2;
			while (*s && *s != 'm')
				s++;
			if (*s)
				s++;
			continue;
		}
		*d++ = *s++;
	}
	*d = '\0';
	return o;
}

/* ---- numbers ---- */

static void test_numbers(void)
{
	static const struct { uint64_t b; const char *s; } sizes[] = {
		{ 4096, "4 KiB" }, { 135168, "132 KiB" }, { 3 << 19, "1.5 MiB" },
		{ 0x7ffffffff000ULL - 0x7ffd85755000ULL, "9.9 GiB" },
		{ 0x7f1c29c00000ULL - 0x55d0c8bd3000ULL, "41.3 TiB" },
		{ 1048535, "1.0 MiB" }, { 1000, "1000 B" }, { 0, "0 B" },
		{ 1ULL << 56, "64 PiB" },
	};
	char buf[32], want[32];
	unsigned int prev = 0;
	int mono = 1, ok = 1;

	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		cli_layout_size(sizes[i].b, buf, sizeof(buf));
		if (strcmp(buf, sizes[i].s)) {
			diag("size %llu: '%s', want '%s'", (unsigned long long)sizes[i].b, buf,
			     sizes[i].s);
			ok = 0;
		}
	}
	for (uint64_t b = 4096; b < (1ULL << 57) && b; b = b * 3 + 4096) {
		cli_layout_size(b, buf, sizeof(buf));
		expect_size(b, want, sizeof(want));
		if (strcmp(buf, want)) {
			diag("size %llu: '%s', want '%s'", (unsigned long long)b, buf, want);
			ok = 0;
		}
	}
	ktap_ok(ok, "sizes: exact in the largest unit, else one decimal, rounded up a unit at 1023.95");

	for (uint64_t b = 4096; b && b <= (1ULL << 57); b += b / 7 + 4096) {
		unsigned int r = cli_layout_gap_rows(b);

		if (r < prev || r < 1 || r > 6)
			mono = 0;
		prev = r;
	}
	ktap_ok(mono && cli_layout_gap_rows(4096) == 1 && cli_layout_gap_rows(1ULL << 20) == 2 &&
		cli_layout_gap_rows(1ULL << 47) == 5 && cli_layout_gap_rows(1ULL << 56) == 6,
		"gap rows: log scale from 1 (4 KiB) to 6 rows, never fewer for a larger gap");

	ktap_ok(cli_layout_cell(ram, NRAM, 64, 0x1000) == 0 &&
		cli_layout_cell(ram, NRAM, 64, 0x13fffffff) == 63 &&
		cli_layout_cell(ram, NRAM, 64, 0x9f000) == -1 &&
		cli_layout_cell(ram, NRAM, 64, 0xc0000000) == -1 &&
		cli_layout_cell(ram, NRAM, 64, 0) == -1 &&
		cli_layout_cell(ram, NRAM, 64, 0x100000000) ==
		(int)((0x9e000ULL + 0xbfee0000ULL) * 64 / (0x9e000ULL + 0xbfee0000ULL + 0x40000000ULL)),
		"cells: RAM ranges laid end to end over 64 cells, holes in no cell");
}

static void test_iomem(void)
{
	const char *iomem =
		"00000000-00000fff : Reserved\n"
		"00001000-0009efff : System RAM\n"
		"000a0000-000bffff : PCI Bus 0000:00\n"
		"00100000-bffdffff : System RAM\n"
		"  01000000-01e00cf6 : Kernel code\n"
		"  02000000-0244afff : Kernel rodata\n"
		"bffe0000-bfffffff : Reserved\n"
		"100000000-13fffffff : System RAM\n"
		"  100000000-10fffffff : System RAM\n"
		"fd000000-fdffffff : System RAM (not really)\n";
	struct cli_ram *r = NULL;
	ssize_t n = cli_layout_iomem(iomem, &r);

	ktap_ok(n == 3 && r[0].start == 0x1000 && r[0].end == 0x9f000 &&
		r[1].start == 0x100000 && r[1].end == 0xbffe0000 &&
		r[2].start == 0x100000000 && r[2].end == 0x140000000,
		"iomem: System RAM lines, end made exclusive, nested merged, others ignored (%zd)", n);
	free(r);
	n = cli_layout_iomem("00000000-00000000 : System RAM\n00000000-00000000 : Reserved\n", &r);
	ktap_ok(n == -EPERM && !r, "iomem: addresses read as 0 (not root): -EPERM");
	n = cli_layout_iomem("00000000-00000fff : Reserved\n", &r);
	ktap_ok(n == -ENOENT && !r, "iomem: no System RAM: -ENOENT");
}

/* ---- the text picture ---- */

/* Which picture line shows region @i: its own line or its group's. */
static void test_text(void)
{
	char *s = draw(CLI_LAYOUT_TEXT, 0, 0, 0), *ln[400], want[64], *whole = strdup(s);
	int n = lines(s, ln, 400), regions = 0, order = 1, covered[NV] = { 0 }, width = 1;
	int grouped = 0, heap_arrow = 0, stack_arrow = 0, mark = 0, gaps_ok = 1, ngaps = 0;
	uint64_t last = UINT64_MAX, gsize[8] = { 0 };
	unsigned int grows[8] = { 0 };

	ktap_ok(!strchr(s, '\033'), "text plain: no escape codes");
	ktap_ok(strstr(ln[0], "pid 4242 (bash): 18 regions") != NULL, "text: header names pid, comm, regions");
	for (int i = 0; i < n; i++) {
		uint64_t a, b;
		const char *l = ln[i];

		if (!strncmp(l, "│", 3) || !strncmp(l, "╎", 3) || !strncmp(l, "┌", 3) ||
		    !strncmp(l, "├", 3) || !strncmp(l, "└", 3)) {
			if (columns(l) != 80) {
				diag("line %d is %zu columns: %s", i, columns(l), l);
				width = 0;
			}
		}
		if (!strncmp(l, "╎", 3)) {
			/* the gap's rows: count them, read the label */
			int rows = 0, k = i;
			const char *lab = NULL;

			while (k < n && !strncmp(ln[k], "╎", 3)) {
				if (strstr(ln[k], "unmapped ~"))
					lab = strstr(ln[k], "~ ");
				rows++;
				k++;
			}
			if (ngaps < 8 && lab) {
				/* the gap lies between the region lines around it */
				uint64_t top = UINT64_MAX, bot = 0, x, y;

				for (int u = i - 1; u >= 0; u--)
					if (range_of(ln[u], &x, &y)) {
						top = x;
						break;
					}
				for (int d = k; d < n; d++)
					if (range_of(ln[d], &x, &y)) {
						bot = y;
						break;
					}
				if (top == UINT64_MAX)
					top = mm.task_size;
				expect_size(top - bot, want, sizeof(want));
				gsize[ngaps] = top - bot;
				grows[ngaps++] = (unsigned int)rows;
				if (strncmp(lab + 2, want, strlen(want)) ||
				    strncmp(lab + 2 + strlen(want), " unmapped ~", 11) ||
				    (unsigned int)rows != cli_layout_gap_rows(top - bot)) {
					diag("gap %llx-%llx: '%s' in %d rows, want %s", (unsigned long long)bot,
					     (unsigned long long)top, lab, rows, want);
					gaps_ok = 0;
				}
			} else {
				gaps_ok = 0;
			}
			i = k - 1;
			continue;
		}
		if (strstr(l, "heap grows up") && i + 1 < n && strstr(ln[i + 1], "[heap]"))
			heap_arrow = 1;
		if (strstr(l, "stack grows down") && i > 0 && strstr(ln[i - 1], "[stack]"))
			stack_arrow = 1;
		if (strstr(l, "mmap_base 0x7f1c2a4e1000: the mmap area grows down") && i + 1 < n &&
		    strstr(ln[i + 1], "7f1c2a4d4000-7f1c2a4e1000"))
			mark = 1;
		if (!range_of(l, &a, &b))
			continue;
		regions++;
		if (b > last)
			order = 0;
		last = a;
		for (int k = 0; k < nv; k++) {
			if (vmas[k].start < a || vmas[k].end > b)
				continue;
			covered[k]++;
			if (a == vmas[k].start && b == vmas[k].end &&
			    (!strstr(l, vi_segment_name(vmas[k].segment)) ||
			     !strstr(l, strrchr(vmas[k].name, '/') ? strrchr(vmas[k].name, '/') + 1 :
				     vmas[k].name))) {
				diag("region line without its segment or name: %s", l);
				order = 0;
			}
		}
		if (strstr(l, "libc.so.6 (5 regions)") && a == 0x7f1c2a300000 && b == 0x7f1c2a4d4000 &&
		    strstr(l, "1.8 MiB") && strstr(l, " file "))
			grouped++;
	}
	for (int k = 0; k < nv; k++)
		if (covered[k] != 1) {
			diag("region %d (%s) on %d lines", k, vmas[k].name, covered[k]);
			order = 0;
		}
	ktap_ok(order && regions == nv - 4, "text: every region on exactly one line, top to bottom by descending address (%d lines)",
		regions);
	ktap_ok(grouped == 1, "text: libc's five adjacent regions drawn as one line, 'libc.so.6 (5 regions)'");
	ktap_ok(width, "text: every row of the box is 80 columns wide");
	ktap_ok(gaps_ok && ngaps == 8, "text: %d gap labels with their sizes, rows on the log scale", ngaps);
	{
		int mono = 1;

		for (int a = 0; a < ngaps; a++)
			for (int b = 0; b < ngaps; b++)
				if (gsize[a] > gsize[b] && grows[a] < grows[b])
					mono = 0;
		ktap_ok(mono && ngaps > 2, "text: a larger gap is never drawn shorter");
	}
	ktap_ok(strstr(whole, "(from address 0: a NULL pointer faults here)") &&
		strstr(whole, "(up to the top of user space)"),
		"text: the gaps below the lowest and above the highest region say so");
	ktap_ok(heap_arrow && stack_arrow, "text: heap grows up (arrow above it), stack grows down (below it)");
	ktap_ok(mark, "text: mmap_base marked above the region that ends there");
	ktap_ok(strstr(whole, " /tmp/a&b<c>\"d'.bin ") != NULL,
		"text: a name with & < > and quotes printed as is");
	free(whole);
	free(s);

	s = draw(CLI_LAYOUT_TEXT, 0, 1, 0);
	n = lines(s, ln, 400);
	regions = 0;
	last = UINT64_MAX;
	order = 1;
	for (int i = 0, k = nv - 1; i < n; i++) {
		uint64_t a, b;

		if (!range_of(ln[i], &a, &b))
			continue;
		regions++;
		if (k < 0 || a != vmas[k].start || b != vmas[k].end)
			order = 0;
		k--;
	}
	ktap_ok(order && regions == nv && !strstr(s, "regions)"),
		"text --all: each region on its own line, in descending order");
	free(s);
}

static void test_color(void)
{
	char *plain = draw(CLI_LAYOUT_TEXT, 0, 0, 1), *col = draw(CLI_LAYOUT_TEXT, 1, 0, 1);
	char *stripped = strip_ansi(col);

	ktap_ok(strstr(col, "\033[34m") && strstr(col, "\033[0m") && !strchr(plain, '\033'),
		"colour: escapes only when asked");
	ktap_ok(!strcmp(stripped, plain), "colour: the same picture once the escapes are removed");
	free(plain);
	free(col);
	free(stripped);
}

/* ---- --phys ---- */

static void test_phys_text(void)
{
	char *s = draw(CLI_LAYOUT_TEXT, 0, 1, 1), *ln[400], *whole = strdup(s);
	int n = lines(s, ln, 400), ok = 1, strips = 0;

	for (int i = 0; i + 1 < n; i++) {
		uint64_t a, b, outside;
		unsigned char want[CLI_LAYOUT_CELLS];
		const char *p;
		int k, j = i + 1;

		if (!range_of(ln[i], &a, &b))
			continue;
		for (k = 0; k < nv && vmas[k].start != a; k++)
			;
		if (strstr(ln[j], "stack grows down"))
			j++;
		p = strstr(ln[j], "│ RAM ");
		if (k == nv || !p) {
			diag("no strip under: %s", ln[i]);
			ok = 0;
			continue;
		}
		strips++;
		expect_cells(k, want, &outside);
		p += strlen("│ RAM ");
		for (int c = 0; c < CLI_LAYOUT_CELLS; c++) {
			int mark = !strncmp(p, "█", 3), dot = !strncmp(p, "·", 2);

			if ((!mark && !dot) || mark != want[c]) {
				diag("%s: cell %d is '%.3s', want %s", vmas[k].name, c, p,
				     want[c] ? "marked" : "empty");
				ok = 0;
				break;
			}
			p += mark ? 3 : 2;
		}
		if (outside && !strstr(ln[j + 1], "outside System RAM")) {
			diag("%s: %llu pages outside RAM not said", vmas[k].name,
			     (unsigned long long)outside);
			ok = 0;
		}
	}
	ktap_ok(ok && strips == nv, "phys text: under each region a 64-cell RAM strip, the cells of its frames marked");
	{
		char t[128], a[32], b[32];
		uint64_t total = 0;

		for (int r = 0; r < NRAM; r++)
			total += ram[r].end - ram[r].start;
		expect_size(total, a, sizeof(a));
		expect_size(total / 64, b, sizeof(b));
		snprintf(t, sizeof(t), "all %s of System RAM in 64 cells of ~%s,", a, b);
		ok = strstr(whole, t) && strstr(whole, "+ 1 page outside System RAM (device memory)");
		if (!ok)
			diag("want '%s'", t);
	}
	ktap_ok(ok,
		"phys text: says how much RAM a cell is, and frames outside RAM");
	free(whole);
	free(s);

	/* Grouped: the union of the group's cells. */
	s = draw(CLI_LAYOUT_TEXT, 0, 0, 1);
	{
		const char *g = strstr(s, "libc.so.6 (5 regions)");
		const char *p = g ? strstr(g, "│ RAM ") : NULL;
		unsigned char a[CLI_LAYOUT_CELLS], b[CLI_LAYOUT_CELLS];
		uint64_t o;
		int same = p != NULL;

		expect_cells(10, a, &o);
		expect_cells(12, b, &o);
		for (int c = 0; p && c < CLI_LAYOUT_CELLS; c++) {
			if (c == 0)
				p += strlen("│ RAM ");
			if ((!strncmp(p, "█", 3)) != (a[c] | b[c]))
				same = 0;
			p += !strncmp(p, "█", 3) ? 3 : 2;
		}
		ktap_ok(same, "phys text: a group's strip is the union of its regions' cells");
	}
	free(s);
}

/* ---- JSON ---- */

/* Region @i of a layout document, or NULL. */
static const char *json_region(const char *s, int i)
{
	const char *p = strstr(s, "\"regions\":["), *end = strstr(s, "],\"gaps\":[");

	for (int k = 0; p && k <= i; k++)
		p = strstr(p + 1, "{\"start\":");
	return p && end && p < end ? p : NULL;
}

static void test_json(void)
{
	static const char head[] = "{\"pid\":4242,\"comm\":\"bash\",\"task_size\":\"0x7ffffffff000\",\"mmap_base\":\"0x7f1c2a4e1000\",\"regions\":[";
	char *s = draw(CLI_LAYOUT_JSON, 1, 0, 0), want[512], sz[32];
	uint64_t total = 0;
	int ok = 1;

	for (int r = 0; r < NRAM; r++)
		total += ram[r].end - ram[r].start;

	ktap_ok(json_valid(s) && !strchr(s, '\033'), "json: one valid document, no colour even if asked");
	ktap_ok(!strncmp(s, head, strlen(head)) &&
		strstr(s, "],\"gaps\":[") && strstr(s, "],\"groups\":[") && strstr(s, "],\"phys\":null}"),
		"json: pid, comm, task_size, mmap_base, regions, gaps, groups, phys");
	for (int i = 0; i < nv; i++) {
		const char *p = json_region(s, i);
		char perms[5] = { 0 };

		perms[0] = vmas[i].flags & VASINFO_VMA_READ ? 'r' : '-';
		perms[1] = vmas[i].flags & VASINFO_VMA_WRITE ? 'w' : '-';
		perms[2] = vmas[i].flags & VASINFO_VMA_EXEC ? 'x' : '-';
		perms[3] = 'p';
		snprintf(want, sizeof(want),
			 "{\"start\":\"0x%llx\",\"end\":\"0x%llx\",\"size\":%llu,\"perms\":\"%s\",\"segment\":\"%s\",\"name\":",
			 (unsigned long long)vmas[i].start, (unsigned long long)vmas[i].end,
			 (unsigned long long)(vmas[i].end - vmas[i].start), perms,
			 vi_segment_name(vmas[i].segment));
		if (!p || strncmp(p, want, strlen(want))) {
			diag("region %d: %.160s, want %s", i, p ? p : "(none)", want);
			ok = 0;
		}
		if (p && strncmp(strstr(p, "\"group\":"), i >= 9 && i <= 13 ? "\"group\":0}" : "\"group\":null}", 9)) {
			diag("region %d: group wrong", i);
			ok = 0;
		}
	}
	ktap_ok(ok && !json_region(s, nv) , "json: every region in ascending order, with range, size, perms, segment, group");
	ktap_ok(strstr(s, "\"name\":\"/tmp/a&b<c>\\\"d'.bin\"") != NULL, "json: names escaped as JSON");

	/* gaps: every hole between regions, ascending, plus below and above */
	{
		const char *p = strstr(s, "\"gaps\":[");
		uint64_t prev_end = 0;
		int g = 0;

		ok = 1;
		for (int i = 0; i <= nv; i++) {
			uint64_t start = i ? vmas[i - 1].end : 0;
			uint64_t end = i < nv ? vmas[i].start : mm.task_size;

			(void)prev_end;
			if (start == end)
				continue;
			expect_size(end - start, sz, sizeof(sz));
			snprintf(want, sizeof(want),
				 "{\"start\":\"0x%llx\",\"end\":\"0x%llx\",\"size\":%llu,\"rows\":%u,\"label\":\"~ %s unmapped ~\"}",
				 (unsigned long long)start, (unsigned long long)end,
				 (unsigned long long)(end - start), cli_layout_gap_rows(end - start), sz);
			p = p ? strstr(p, "{\"start\":") : NULL;
			if (!p || strncmp(p, want, strlen(want))) {
				diag("gap %d: %.120s, want %s", g, p ? p : "(none)", want);
				ok = 0;
				break;
			}
			p++;
			g++;
		}
		p = p ? strstr(p, "{\"start\":") : NULL;
		ktap_ok(ok && g == 8 && (!p || p > strstr(s, "],\"groups\":")),
			"json: %d gaps, ascending, with size, rows and label", g);
	}
	ktap_ok(strstr(s, "\"groups\":[{\"name\":\"" LIBC "\",\"start\":\"0x7f1c2a300000\",\"end\":\"0x7f1c2a4d4000\",\"size\":1916928,\"first\":9,\"regions\":5}]") != NULL,
		"json: the group: name, range, size, first region, count");
	free(s);

	s = draw(CLI_LAYOUT_JSON, 0, 1, 0);
	ktap_ok(json_valid(s) && strstr(s, "\"groups\":[]") && !strstr(s, "\"group\":0"),
		"json --all: no groups");
	free(s);

	s = draw(CLI_LAYOUT_JSON, 0, 0, 1);
	snprintf(want, sizeof(want), "\"phys\":{\"cells\":64,\"ram_bytes\":%llu,\"ram\":[{\"start\":\"0x1000\",\"end\":\"0x9f000\"},{",
		 (unsigned long long)total);
	ok = json_valid(s) && strstr(s, want);
	for (int i = 0; i < nv; i++) {
		unsigned char cells[CLI_LAYOUT_CELLS];
		uint64_t outside, res = expect_cells(i, cells, &outside);
		const char *p = json_region(s, i), *q;
		int len;

		len = snprintf(want, sizeof(want), "\"resident\":%llu,\"outside_ram\":%llu,\"cells\":[",
			       (unsigned long long)res, (unsigned long long)outside);
		for (int c = 0, first = 1; c < CLI_LAYOUT_CELLS; c++)
			if (cells[c]) {
				len += snprintf(want + len, sizeof(want) - (size_t)len, "%s%d",
						first ? "" : ",", c);
				first = 0;
			}
		snprintf(want + len, sizeof(want) - (size_t)len, "]}");
		q = p ? strstr(p, "\"resident\":") : NULL;
		if (!q || strncmp(q, want, strlen(want))) {
			diag("region %d: %.100s, want %s", i, q ? q : "(none)", want);
			ok = 0;
		}
	}
	ktap_ok(ok, "json --phys: RAM ranges; per region resident and outside pages and the marked cells");
	free(s);

	{
		struct cli_layout l;
		struct cap c;

		memset(&l, 0, sizeof(l));
		l.pid = 1;
		cli_layout_report(cap_open(&c), CLI_LAYOUT_JSON, 0, &l);
		s = cap_close(&c);
		ktap_ok(json_valid(s) && strstr(s, "\"comm\":null") && strstr(s, "\"regions\":[]") &&
			strstr(s, "\"gaps\":[]"), "json: no regions, no mm: still valid");
		free(s);
	}
}

/* ---- SVG ---- */

/*
 * Is @s well-formed enough: an XML declaration, one <svg> root, every tag
 * closed in order, nothing but white space outside the root, attribute
 * values quoted, no raw '&' or '<' in text. Returns the count of elements,
 * or -1.
 */
static int svg_check(const char *s, char *why, size_t len)
{
	char stack[64][32];
	int depth = 0, elements = 0, roots = 0;
	const char *p = s;

	if (strncmp(p, "<?xml ", 6) || !(p = strstr(p, "?>"))) {
		snprintf(why, len, "no XML declaration");
		return -1;
	}
	for (p += 2; *p;) {
		if (*p != '<') {
			if (!depth && *p != '\n' && *p != ' ') {
				snprintf(why, len, "text outside the root: %.20s", p);
				return -1;
			}
			if (*p == '&' && !strncmp(p, "&amp;", 5) + !strncmp(p, "&lt;", 4) +
			    !strncmp(p, "&gt;", 4) + !strncmp(p, "&quot;", 6) + !strncmp(p, "&apos;", 6) == 0) {
				snprintf(why, len, "raw &: %.20s", p);
				return -1;
			}
			p++;
			continue;
		}
		if (p[1] == '/') {
			size_t n = strcspn(p + 2, ">");

			if (!depth || strlen(stack[depth - 1]) != n || strncmp(stack[depth - 1], p + 2, n)) {
				snprintf(why, len, "</%.*s> closes <%s>", (int)n, p + 2,
					 depth ? stack[depth - 1] : "nothing");
				return -1;
			}
			depth--;
			p += n + 3;
			continue;
		}
		{
			size_t n = strcspn(p + 1, " />\n");
			const char *q = p + 1 + n;
			char quote = 0;

			if (!n || n >= 32) {
				snprintf(why, len, "bad tag at %.20s", p);
				return -1;
			}
			for (; *q && (quote || (*q != '>' && *q != '<')); q++)
				if (quote ? *q == quote : (*q == '"' || *q == '\''))
					quote = quote ? 0 : *q;
				else if (!quote && *q == '=' && q[1] != '"' && q[1] != '\'') {
					snprintf(why, len, "unquoted attribute at %.20s", q);
					return -1;
				}
			if (*q != '>') {
				snprintf(why, len, "unterminated tag at %.20s", p);
				return -1;
			}
			if (!depth) {
				roots++;
				if (strncmp(p, "<svg ", 5) || roots > 1) {
					snprintf(why, len, "root is not one <svg>: %.20s", p);
					return -1;
				}
			}
			elements++;
			if (q[-1] != '/') {
				if (depth == 64)
					return -1;
				snprintf(stack[depth++], 32, "%.*s", (int)n, p + 1);
			}
			p = q + 1;
		}
	}
	if (depth || roots != 1) {
		snprintf(why, len, "%d tags left open, %d roots", depth, roots);
		return -1;
	}
	return elements;
}

static int count(const char *s, const char *w)
{
	int n = 0;

	for (const char *p = s; (p = strstr(p, w)); p++)
		n++;
	return n;
}

static void test_svg(void)
{
	char *s = draw(CLI_LAYOUT_SVG, 1, 0, 0), why[128] = "", want[128];
	int el = svg_check(s, why, sizeof(why)), ok = 1;

	ktap_ok(el > 20, "svg: well-formed, one <svg> root, %d elements %s", el, why);
	ktap_ok(strstr(s, "xmlns=\"http://www.w3.org/2000/svg\"") && count(s, "http") == 1 &&
		!strstr(s, "href") && !strstr(s, "@import") && !strchr(s, '\033'),
		"svg: standalone: no links, imports or external resources, no escapes");
	for (int i = 0; i < nv; i++) {
		const char *name = strrchr(vmas[i].name, '/') ? strrchr(vmas[i].name, '/') + 1 : vmas[i].name;

		snprintf(want, sizeof(want), "%llx–%llx", (unsigned long long)vmas[i].start,
			 (unsigned long long)vmas[i].end);
		if (i >= 9 && i <= 13)
			continue;
		if (!strstr(s, want) || (strcmp(vmas[i].name, "/tmp/a&b<c>\"d'.bin") && !strstr(s, name))) {
			diag("region %s (%s) missing", want, vmas[i].name);
			ok = 0;
		}
	}
	ktap_ok(ok && strstr(s, "libc.so.6 (5 regions)") && strstr(s, "7f1c2a300000–7f1c2a4d4000") &&
		count(s, "<g class=\"region\">") == nv - 4,
		"svg: every region drawn with its range and name, the library as one group");
	ktap_ok(strstr(s, "/tmp/a&amp;b&lt;c&gt;&quot;d&apos;.bin") != NULL, "svg: names escaped as XML");
	ktap_ok(count(s, "<g class=\"gap\">") == 8 && strstr(s, "~ 4 MiB unmapped ~") &&
		strstr(s, "heap grows up") && strstr(s, "stack grows down") && strstr(s, "mmap_base 0x7f1c2a4e1000"),
		"svg: gaps with sizes, heap and stack arrows, mmap_base");
	free(s);

	s = draw(CLI_LAYOUT_SVG, 0, 1, 1);
	el = svg_check(s, why, sizeof(why));
	{
		int cells = 0;

		for (int i = 0; i < nv; i++) {
			unsigned char c[CLI_LAYOUT_CELLS];
			uint64_t o;

			expect_cells(i, c, &o);
			for (int k = 0; k < CLI_LAYOUT_CELLS; k++)
				cells += c[k];
		}
		ktap_ok(el > 0 && count(s, "class=\"cell\"") == cells && cells > 5 &&
			count(s, "<g class=\"region\">") == nv && strstr(s, "physical RAM"),
			"svg --phys --all: well-formed, one filled cell per marked cell (%d) %s", cells, why);
	}
	free(s);
}

/* mmap_base inside a gap: the gap keeps its rows, the mark sits among them. */
static void test_mark_in_gap(void)
{
	char *s, *ln[400];
	int n, at = -1, above = 0, below = 0, labels = 0;
	uint64_t size = 0x7ffd856de000ULL - 0x7f1c2a4e1000ULL;

	mm.mmap_base = 0x7f5000000000ULL;	/* in the gap below the stack */
	s = draw(CLI_LAYOUT_TEXT, 0, 0, 0);
	n = lines(s, ln, 400);
	for (int i = 0; i < n; i++)
		if (strstr(ln[i], "mmap_base 0x7f5000000000: the mmap area grows down"))
			at = i;
	for (int i = at - 1; at > 0 && i >= 0 && !strncmp(ln[i], "╎", 3); i--) {
		above++;
		labels += strstr(ln[i], "unmapped ~") != NULL;
	}
	for (int i = at + 1; at > 0 && i < n && !strncmp(ln[i], "╎", 3); i++) {
		below++;
		labels += strstr(ln[i], "unmapped ~") != NULL;
	}
	ktap_ok(at > 0 && above > 0 && below > 0 && (unsigned int)(above + below) == cli_layout_gap_rows(size) &&
		labels == 1, "mmap_base inside a gap: the mark among its %d rows (%d above), one label",
		above + below, above);
	free(s);

	s = draw(CLI_LAYOUT_SVG, 0, 0, 0);
	{
		char why[128] = "";

		ktap_ok(svg_check(s, why, sizeof(why)) > 0 && count(s, "<g class=\"mark\">") == 1 &&
			strstr(s, "mmap_base 0x7f5000000000"), "mmap_base inside a gap: in the SVG too %s", why);
	}
	free(s);

	mm.mmap_base = 0x7f1c2a2f0000ULL;	/* in the one-row gap of 92 KiB */
	s = draw(CLI_LAYOUT_TEXT, 0, 0, 0);
	n = lines(s, ln, 400);
	at = -1;
	for (int i = 0; i < n; i++)
		if (strstr(ln[i], "mmap_base 0x7f1c2a2f0000"))
			at = i;
	/* 64 KiB of the gap lie above it, 28 KiB below: the mark right under the row */
	ktap_ok(at > 0 && strstr(ln[at - 1], "~ 92 KiB unmapped ~") && !strncmp(ln[at - 1], "╎", 3),
		"mmap_base in a one-row gap: a line of its own next to it");
	free(s);
	mm.mmap_base = 0x7f1c2a4e1000;
}

/* ---- names a terminal draws wider or narrower ---- */

/*
 * Columns by the test's own rule, for the characters it uses: a CJK
 * ideograph (lead byte 0xe4-0xe9) is 2, a combining accent (U+0300-U+036F)
 * 0, any other character 1.
 */
static size_t wide_columns(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t c = 0;

	for (; *p; p++) {
		if ((*p & 0xc0) == 0x80)
			continue;
		if (*p >= 0xe4 && *p <= 0xe9)
			c += 2;
		else if (!(*p == 0xcc || (*p == 0xcd && p[1] < 0xb0)))
			c++;
	}
	return c;
}

#define ZHONG "\xe4\xb8\xad"	/* U+4E2D */
#define ZHONG10 ZHONG ZHONG ZHONG ZHONG ZHONG ZHONG ZHONG ZHONG ZHONG ZHONG

static void test_wide_names(void)
{
	locale_t utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
	const char *skip = utf8 ? "" : " # SKIP the C.UTF-8 locale is not installed";
	char saved8[VASINFO_NAME_MAX], saved14[VASINFO_NAME_MAX], *s, *plain, *ln[400];
	int n, width = 1, cut = 0, whole = 0;

	if (utf8)
		freelocale(utf8);
	memcpy(saved8, vmas[8].name, sizeof(saved8));
	memcpy(saved14, vmas[14].name, sizeof(saved14));
	strcpy(vmas[8].name, "/data/" ZHONG10 ZHONG10 ZHONG10 ZHONG10 ZHONG10 ZHONG10 ".db");
	strcpy(vmas[14].name, "/tmp/cafe\xcc\x81.txt");	/* e + combining acute */

	s = draw(CLI_LAYOUT_TEXT, 1, 0, 0);
	plain = strip_ansi(s);
	n = lines(plain, ln, 400);
	for (int i = 0; i < n; i++) {
		const char *l = ln[i];

		if (!strncmp(l, "│", 3) || !strncmp(l, "╎", 3) || !strncmp(l, "┌", 3) ||
		    !strncmp(l, "├", 3) || !strncmp(l, "└", 3)) {
			if (utf8 && wide_columns(l) != 80) {
				diag("line %d is %zu columns: %s", i, wide_columns(l), l);
				width = 0;
			}
		}
		if (strstr(l, "│ file    …" ZHONG) && strstr(l, ZHONG ".db "))
			cut = 1;
		if (strstr(l, " /tmp/cafe\xcc\x81.txt "))
			whole = 1;
	}
	ktap_ok(!utf8 || width, "wide names: every line of the box is 80 columns, wide characters counted twice%s",
		skip);
	ktap_ok(!utf8 || cut, "wide names: a name too long is cut in front of a whole wide character, its end kept%s",
		skip);
	ktap_ok(whole, "wide names: a combining accent stays on its letter");
	free(plain);
	free(s);

	s = draw(CLI_LAYOUT_SVG, 0, 0, 0);
	{
		char why[128] = "";

		ktap_ok(svg_check(s, why, sizeof(why)) > 0 && (!utf8 || strstr(s, ">…" ZHONG)) &&
			strstr(s, ZHONG ".db</text>"),
			"wide names: the SVG cuts the name in front too %s%s", why, skip);
	}
	free(s);
	memcpy(vmas[8].name, saved8, sizeof(saved8));
	memcpy(vmas[14].name, saved14, sizeof(saved14));
}

/* ---- the command without a device ---- */

static void test_usage(void)
{
	static const struct {
		const char *argv[6];
		const char *what, *says;
	} cases[] = {
		{ { "layout" }, "no pid", "needs exactly one PID" },
		{ { "layout", "1", "2" }, "two pids", "needs exactly one PID" },
		{ { "layout", "x" }, "a pid that is not a number", "not a process id" },
		{ { "layout", "--color=sometimes", "1" }, "--color=sometimes", "auto, always or never" },
		{ { "layout", "1", "--color" }, "--color without a value", "needs a value" },
		{ { "layout", "1", "--svg" }, "--svg without a file", "needs a value" },
		{ { "layout", "--svg=", "1" }, "--svg with an empty name", "needs a file name" },
		{ { "layout", "--json", "--svg", "x.svg", "1" }, "--json and --svg", "not both" },
		{ { "layout", "--counts", "1" }, "--counts", "no option '--counts' here" },
		{ { "layout", "-v", "1" }, "-v", "no option '-v' here" },
		{ { "layout", "--all=1", "1" }, "--all given a value", "unknown option '--all=1'" },
	};
	const char *maps_phys[] = { "maps", "--phys", "1", NULL };
	char *out, *err;
	int rc;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int argc = 0;

		while (cases[i].argv[argc])
			argc++;
		rc = cap_run(cmd_layout, argc, cases[i].argv, &out, &err);
		ktap_ok(rc == 2 && !*out && strstr(err, cases[i].says) &&
			strstr(err, "(try 'vasinfo layout --help')\n") &&
			strchr(err, '\n') == err + strlen(err) - 1,
			"usage: %s: exit 2, one line", cases[i].what);
		if (rc != 2 || !strstr(err, cases[i].says))
			diag("rc %d: %s", rc, err);
		free(out);
		free(err);
	}
	{
		struct cap o, e;
		FILE *so = stdout, *se = stderr;
		char *a[4];

		memcpy(a, maps_phys, sizeof(a));
		stdout = cap_open(&o);
		stderr = cap_open(&e);
		rc = cmd_maps(3, a);
		stdout = so;
		stderr = se;
		free(cap_close(&o));
		err = cap_close(&e);
		ktap_ok(rc == 2 && strstr(err, "no option '--phys' here"),
			"usage: layout's options are refused by other commands");
		free(err);
	}
	{
		const char *h[] = { "layout", "--help", NULL };

		rc = cap_run(cmd_layout, 2, h, &out, &err);
		ktap_ok(rc == 0 && !strncmp(out, "usage: vasinfo layout ", 22) && strstr(out, "--json") &&
			strstr(out, "--phys") && strstr(out, "--svg FILE") && strstr(out, "--color=WHEN") &&
			!*err, "layout --help: usage on stdout, exit 0");
		free(out);
		free(err);
	}
}

int main(void)
{
	ktap_header("vasinfo-layout");
	ktap_plan(58);
	process();
	frames();
	test_numbers();
	test_iomem();
	test_text();
	test_wide_names();
	test_mark_in_gap();
	test_color();
	test_phys_text();
	test_json();
	test_svg();
	test_usage();
	for (int i = 0; i < NV; i++)
		free(runs[i]);
	return ktap_finish();
}
