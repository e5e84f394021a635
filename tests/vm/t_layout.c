// SPDX-License-Identifier: MIT
/*
 * vasinfo layout end to end in the VM: the real client run on a held
 * process with a heap, an anonymous mapping and a file mapping. Its JSON
 * regions and gaps against /proc/PID/maps, its text picture's region lines
 * against the same, its SVG file; with --phys as root, the marked RAM cells
 * against the cells the test computes itself from /proc/PID/pagemap and
 * /proc/iomem; as a user, --phys refused in one line.
 *   t_layout [--user U]
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <sys/mman.h>

#include "vmtest.h"

#define CELLS 64
#define MAXR 256

static char maps_buf[1 << 16];

/* ---- the held process ---- */

static char file_path[64];

static void setup(void *arg)
{
	char *heap, *anon, *file;
	volatile char sum = 0;
	int fd, i;

	(void)arg;
	heap = sbrk(64 << 10);		/* [heap]: the brk area */
	anon = mmap(NULL, 64 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	fd = open(file_path, O_RDONLY);
	file = fd < 0 ? MAP_FAILED : mmap(NULL, 16 * PG, PROT_READ, MAP_PRIVATE, fd, 0);
	if (heap == (void *)-1 || anon == MAP_FAILED || file == MAP_FAILED)
		_exit(4);
	memset(heap, 1, 64 << 10);
	for (i = 0; i < 64; i += 2)	/* every other page: runs of one */
		anon[i * PG] = 1;
	for (i = 0; i < 16; i++)
		sum += file[i * PG];
	(void)sum;
}

/* ---- a few JSON readers for the client's own compact output ---- */

/* The end of the string starting at @p ('"'), past its closing quote. */
static const char *jstr_end(const char *p)
{
	for (p++; *p && *p != '"'; p++)
		if (*p == '\\' && p[1])
			p++;
	return *p ? p + 1 : p;
}

/* The end of the object or array at @p, past its closing bracket. */
static const char *jskip(const char *p)
{
	int depth = 0;

	do {
		if (*p == '"') {
			p = jstr_end(p);
			continue;
		}
		if (*p == '{' || *p == '[')
			depth++;
		else if (*p == '}' || *p == ']')
			depth--;
		p++;
	} while (*p && depth);
	return p;
}

/* The value of @key in the object [@p, @end) at its own level, or NULL. */
static const char *jget(const char *p, const char *end, const char *key)
{
	size_t kl = strlen(key);

	for (p++; p < end && *p;) {
		if (*p == '"') {
			const char *e = jstr_end(p);

			if ((size_t)(e - p) == kl + 2 && !strncmp(p + 1, key, kl) && *e == ':')
				return e + 1;
			p = e;
		} else if (*p == '{' || *p == '[') {
			p = jskip(p);
		} else {
			p++;
		}
	}
	return NULL;
}

static int jhex(const char *v, uint64_t *x)
{
	unsigned long long u;

	if (!v || sscanf(v, "\"0x%llx\"", &u) != 1)
		return -1;
	*x = u;
	return 0;
}

static int juint(const char *v, uint64_t *x)
{
	unsigned long long u;

	if (!v || sscanf(v, "%llu", &u) != 1)
		return -1;
	*x = u;
	return 0;
}

/* A string value, unescaped (\" \\ \/ only: the names here have no others). */
static int jstring(const char *v, char *buf, size_t len)
{
	size_t o = 0;

	if (!v || *v != '"')
		return -1;
	for (v++; *v && *v != '"' && o + 1 < len; v++) {
		if (*v == '\\')
			v++;
		buf[o++] = *v;
	}
	buf[o] = '\0';
	return 0;
}

struct jregion {
	uint64_t start, end, size, resident;
	char name[256], segment[16];
	unsigned char cells[CELLS];
	int has_cells;
};

struct jgap {
	uint64_t start, end, size, rows;
	char label[96];
};

/* The array @key of the layout document: its first element, or NULL. */
static const char *jarray(const char *doc, const char *key, const char **end)
{
	const char *v = jget(doc, doc + strlen(doc), key);

	if (!v || *v != '[')
		return NULL;
	*end = jskip(v);
	return v + 1;
}

static int parse_regions(const char *doc, struct jregion *r, int max)
{
	const char *end, *p = jarray(doc, "regions", &end);
	int n = 0;

	while (p && p < end && *p == '{' && n < max) {
		const char *oe = jskip(p), *c;
		struct jregion *x = &r[n];

		memset(x, 0, sizeof(*x));
		if (jhex(jget(p, oe, "start"), &x->start) || jhex(jget(p, oe, "end"), &x->end) ||
		    juint(jget(p, oe, "size"), &x->size) ||
		    jstring(jget(p, oe, "name"), x->name, sizeof(x->name)) ||
		    jstring(jget(p, oe, "segment"), x->segment, sizeof(x->segment)))
			return -1;
		c = jget(p, oe, "cells");
		if (c) {
			x->has_cells = 1;
			if (juint(jget(p, oe, "resident"), &x->resident))
				return -1;
			for (c++; *c && *c != ']';) {
				unsigned int k;
				int used = 0;

				if (sscanf(c, "%u%n", &k, &used) != 1 || k >= CELLS)
					return -1;
				x->cells[k] = 1;
				c += used;
				if (*c == ',')
					c++;
			}
		}
		n++;
		p = oe;
		if (*p == ',')
			p++;
	}
	return n;
}

static int parse_gaps(const char *doc, struct jgap *g, int max)
{
	const char *end, *p = jarray(doc, "gaps", &end);
	int n = 0;

	while (p && p < end && *p == '{' && n < max) {
		const char *oe = jskip(p);

		if (jhex(jget(p, oe, "start"), &g[n].start) || jhex(jget(p, oe, "end"), &g[n].end) ||
		    juint(jget(p, oe, "size"), &g[n].size) || juint(jget(p, oe, "rows"), &g[n].rows) ||
		    jstring(jget(p, oe, "label"), g[n].label, sizeof(g[n].label)))
			return -1;
		n++;
		p = oe;
		if (*p == ',')
			p++;
	}
	return n;
}

/* ---- the ground truth: maps, pagemap, iomem ---- */

struct ram {
	uint64_t start, end;
};

static int read_ram(struct ram *r, int max, uint64_t *total)
{
	static char buf[1 << 16];
	char *line, *save = NULL;
	int n = 0;

	*total = 0;
	if (read_path("/proc/iomem", buf, sizeof(buf)) < 0)
		return -1;
	for (line = strtok_r(buf, "\n", &save); line && n < max;
	     line = strtok_r(NULL, "\n", &save)) {
		unsigned long long s, e;
		int off = 0;

		while (*line == ' ')
			line++;
		if (sscanf(line, "%llx-%llx : %n", &s, &e, &off) == 2 && off &&
		    !strcmp(line + off, "System RAM")) {
			r[n].start = s;
			r[n].end = e + 1;
			*total += r[n].end - r[n].start;
			n++;
		}
	}
	return n;
}

/* The cell of physical address @pa: RAM ranges end to end over CELLS. */
static int cell_of(const struct ram *r, int n, uint64_t total, uint64_t pa)
{
	uint64_t off = 0;

	for (int i = 0; i < n; i++) {
		if (pa >= r[i].start && pa < r[i].end)
			return (int)((off + pa - r[i].start) * CELLS / total);
		off += r[i].end - r[i].start;
	}
	return -1;
}

/* Present pages of [start, end) and their cells, from pagemap. */
static int pagemap_cells(int pm, uint64_t start, uint64_t end, const struct ram *r, int nr,
			 uint64_t total, unsigned char cells[CELLS], uint64_t *present)
{
	memset(cells, 0, CELLS);
	*present = 0;
	for (uint64_t a = start; a < end; a += PG) {
		uint64_t e;

		if (pread(pm, &e, 8, (off_t)(a / PG * 8)) != 8)
			return -1;
		if (!(e >> 63))
			continue;
		(*present)++;
		int c = cell_of(r, nr, total, (e & ((1ULL << 55) - 1)) * PG);

		if (c >= 0)
			cells[c] = 1;
	}
	return 0;
}

/* The "a-b" hex word of a picture line, as region lines have. */
static int line_range(const char *line, uint64_t *s, uint64_t *e)
{
	for (const char *p = line; *p; p++) {
		unsigned long long a, b;
		int n = 0;

		if ((p == line || p[-1] == ' ') && sscanf(p, "%llx-%llx%n", &a, &b, &n) == 2 &&
		    n > 8 && (p[n] == ' ' || !p[n])) {
			*s = a;
			*e = b;
			return 1;
		}
	}
	return 0;
}

static const char *base(const char *s)
{
	const char *p = strrchr(s, '/');

	return p && p[1] ? p + 1 : s;
}

int main(int argc, char **argv)
{
	int user = argc == 3 && !strcmp(argv[1], "--user");
	static struct jregion jr[MAXR];
	static struct jgap jg[MAXR];
	struct regions maps;
	char path[64], why[256] = "", *line, *save;
	int rc, nj, ng, ok, i, fd;
	uint64_t task_size = 0;
	pid_t pid;

	if (user)
		drop_to((uid_t)atoi(argv[2]));
	ktap_header(user ? "vasinfo-layout-user" : "vasinfo-layout-root");
	ktap_plan(user ? 8 : 9);	/* --phys: one refusal, or two checks */
	snprintf(file_path, sizeof(file_path), "/tmp/t_layout-%d.dat", (int)getuid());
	fd = open(file_path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	for (i = 0; fd >= 0 && i < 16 * (int)PG; i += (int)PG)
		if (pwrite(fd, "page", 4, i) != 4)
			break;
	if (fd < 0 || ftruncate(fd, (off_t)(16 * PG))) {
		printf("Bail out! cannot write %s: %s\n", file_path, strerror(errno));
		return 1;
	}
	close(fd);
	pid = spawn_held(setup, NULL);
	regions_init(&maps, MAXR);
	snprintf(path, sizeof(path), "/proc/%d/maps", (int)pid);
	if (read_path(path, maps_buf, sizeof(maps_buf)) < 0 ||
	    parse_maps(maps_buf, &maps, why, sizeof(why)) || maps.n < 8) {
		printf("Bail out! %s: %s (%d regions)\n", path, why, maps.n);
		reap(pid);
		return 1;
	}

	/* JSON: the regions and gaps are those of maps */
	rc = sh(0, "vasinfo layout --json %d", (int)pid);
	nj = parse_regions(sh_out, jr, MAXR);
	ng = parse_gaps(sh_out, jg, MAXR);
	jhex(jget(sh_out, sh_out + strlen(sh_out), "task_size"), &task_size);
	ok = rc == 0 && nj == maps.n;
	for (i = 0; ok && i < nj; i++) {
		const struct vi_region *m = &maps.v[i];

		if (jr[i].start != m->start || jr[i].end != m->end ||
		    jr[i].size != m->end - m->start || strcmp(jr[i].name, expected_name(m->name))) {
			snprintf(why, sizeof(why), "region %d: json %llx-%llx %.64s, maps %lx-%lx %.64s", i,
				 (unsigned long long)jr[i].start, (unsigned long long)jr[i].end,
				 jr[i].name, m->start, m->end, m->name);
			ok = 0;
		}
	}
	ktap_ok(ok, "layout --json: %d regions, ranges and names those of /proc/PID/maps", nj);
	if (!ok)
		diag("exit %d, %d regions (maps %d): %s", rc, nj, maps.n, why);
	{
		int heap = 0, stack = 0, file = 0, anon = 0;

		for (i = 0; i < nj; i++) {
			heap |= !strcmp(jr[i].segment, "heap") && !strcmp(jr[i].name, "[heap]");
			stack |= !strcmp(jr[i].segment, "stack") && !strcmp(jr[i].name, "[stack]");
			file |= !strcmp(jr[i].segment, "file") && !strcmp(jr[i].name, file_path) &&
				jr[i].size == 16 * PG;
			anon |= !strcmp(jr[i].segment, "anon") && jr[i].size == 64 * PG;
		}
		ktap_ok(heap && stack && file && anon,
			"layout --json: segments heap, stack, file (%s) and anon for the held process's regions",
			file_path);
	}
	/* gaps: below the lowest, between, above the highest up to task_size */
	{
		int k = 0;

		ok = ng > 0 && task_size > maps.v[maps.n - 1].end && task_size <= (1ULL << 56);
		for (i = 0; ok && i <= maps.n; i++) {
			uint64_t s = i ? maps.v[i - 1].end : 0;
			uint64_t e = i < maps.n ? maps.v[i].start : task_size;
			char tail[16];

			if (s == e)
				continue;
			if (k >= ng || jg[k].start != s || jg[k].end != e || jg[k].size != e - s ||
			    jg[k].rows < 1 || jg[k].rows > 6 || strncmp(jg[k].label, "~ ", 2) ||
			    sscanf(jg[k].label, "~ %*f %*s %15s", tail) != 1 || strcmp(tail, "unmapped")) {
				snprintf(why, sizeof(why), "gap %d: want %llx-%llx, json %llx-%llx '%s'",
					 k, (unsigned long long)s, (unsigned long long)e,
					 k < ng ? (unsigned long long)jg[k].start : 0ULL,
					 k < ng ? (unsigned long long)jg[k].end : 0ULL,
					 k < ng ? jg[k].label : "");
				ok = 0;
			}
			k++;
		}
		ok = ok && k == ng;
		for (i = 0; ok && i < ng; i++)
			for (int j = 0; j < ng; j++)
				if (jg[i].size > jg[j].size && jg[i].rows < jg[j].rows)
					ok = 0;
		ktap_ok(ok, "layout --json: %d gaps, every hole of maps and the space up to task_size %#llx, rows growing with size",
			ng, (unsigned long long)task_size);
		if (!ok)
			diag("%s", why);
	}

	/* text --all: one line per region, top down, with its segment and name */
	rc = sh(0, "vasinfo layout --all --color=never %d", (int)pid);
	ok = rc == 0 && !strchr(sh_out, '\033');
	i = maps.n - 1;
	{
		int gaps = 0;

		for (line = strtok_r(sh_out, "\n", &save); ok && line; line = strtok_r(NULL, "\n", &save)) {
			uint64_t s, e;

			if (strstr(line, " unmapped ~"))
				gaps++;
			if (!line_range(line, &s, &e))
				continue;
			if (i < 0 || s != maps.v[i].start || e != maps.v[i].end ||
			    !strstr(line, jr[i].segment) || !strstr(line, base(jr[i].name))) {
				snprintf(why, sizeof(why), "line '%s', want region %d %lx-%lx %.64s", line, i,
					 i >= 0 ? maps.v[i].start : 0, i >= 0 ? maps.v[i].end : 0,
					 i >= 0 ? jr[i].name : "");
				ok = 0;
			}
			i--;
		}
		ok = ok && i == -1 && gaps == ng;
		ktap_ok(ok, "layout --all: a line per region, highest first, with segment and name; %d gap labels",
			gaps);
		if (!ok)
			diag("exit %d, %d regions left: %s", rc, i + 1, why);
	}
	/* text: grouped lines cover every region exactly once */
	rc = sh(0, "vasinfo layout %d", (int)pid);
	{
		int covered[MAXR] = { 0 }, lines = 0;
		uint64_t last = UINT64_MAX;

		ok = rc == 0 && !strchr(sh_out, '\033') && strstr(sh_out, "heap grows up") &&
		     strstr(sh_out, "stack grows down") && strstr(sh_out, "mmap_base 0x");
		for (line = strtok_r(sh_out, "\n", &save); ok && line; line = strtok_r(NULL, "\n", &save)) {
			uint64_t s, e;

			if (!line_range(line, &s, &e))
				continue;
			lines++;
			if (e > last)
				ok = 0;
			last = s;
			for (i = 0; i < maps.n; i++)
				if (maps.v[i].start >= s && maps.v[i].end <= e)
					covered[i]++;
		}
		for (i = 0; i < maps.n; i++)
			if (covered[i] != 1)
				ok = 0;
		ktap_ok(ok, "layout: %d lines, descending, cover each of %d regions once; heap, stack, mmap_base marked",
			lines, maps.n);
	}
	rc = sh(0, "vasinfo layout --color=always %d", (int)pid);
	ok = rc == 0 && strstr(sh_out, "\033[");
	rc = sh(0, "NO_COLOR=1 vasinfo layout --color=auto %d", (int)pid);
	ktap_ok(ok && rc == 0 && !strchr(sh_out, '\033'), "layout: colour with --color=always, none when not a terminal");

	/* SVG */
	{
		char svg[64];
		static char buf[1 << 20];

		snprintf(svg, sizeof(svg), "/tmp/t_layout-%d.svg", (int)getuid());
		rc = sh(1, "vasinfo layout --all --svg %s %d", svg, (int)pid);
		ok = rc == 0 && !*sh_out && read_path(svg, buf, sizeof(buf)) > 0 &&
		     !strncmp(buf, "<?xml", 5) && strstr(buf, "<svg ") && strstr(buf, "</svg>\n");
		for (i = 0; ok && i < maps.n; i++) {
			char want[64];

			snprintf(want, sizeof(want), "%lx–%lx", maps.v[i].start, maps.v[i].end);
			if (!strstr(buf, want)) {
				diag("%s not in the SVG", want);
				ok = 0;
			}
		}
		ktap_ok(ok, "layout --all --svg FILE: an SVG file with every region's range, nothing on stdout");
		unlink(svg);
	}

	if (user) {
		rc = sh(1, "vasinfo layout --phys %d", (int)pid);
		ktap_ok(rc == 1 && !strncmp(sh_out, "vasinfo: ", 9) && strstr(sh_out, "visible only to root") &&
			strchr(sh_out, '\n') == sh_out + strlen(sh_out) - 1,
			"layout --phys as a user: exit 1, one line: frames are visible only to root");
		if (rc != 1)
			diag("exit %d: %.200s", rc, sh_out);
	} else {
		struct ram ram[64];
		uint64_t total, ram_bytes = 0;
		int nr = read_ram(ram, 64, &total), pm;
		unsigned char want[CELLS];
		uint64_t present;

		snprintf(path, sizeof(path), "/proc/%d/pagemap", (int)pid);
		pm = open(path, O_RDONLY);
		rc = sh(0, "vasinfo layout --json --phys %d", (int)pid);
		nj = parse_regions(sh_out, jr, MAXR);
		juint(jget(jget(sh_out, sh_out + strlen(sh_out), "phys"), sh_out + strlen(sh_out), "ram_bytes"),
		      &ram_bytes);
		ok = rc == 0 && nr > 0 && pm >= 0 && nj == maps.n && ram_bytes == total;
		{
			int marked = 0, spread = 0;

			for (i = 0; ok && i < nj; i++) {
				int c, n = 0;

				if (!jr[i].has_cells ||
				    pagemap_cells(pm, maps.v[i].start, maps.v[i].end, ram, nr, total,
						  want, &present)) {
					ok = 0;
					break;
				}
				if (memcmp(want, jr[i].cells, CELLS) || present != jr[i].resident) {
					snprintf(why, sizeof(why), "%.64s %lx: %llu pages resident, pagemap %llu, cells differ: %d",
						 jr[i].name, maps.v[i].start,
						 (unsigned long long)jr[i].resident,
						 (unsigned long long)present, memcmp(want, jr[i].cells, CELLS));
					ok = 0;
				}
				for (c = 0; c < CELLS; c++)
					n += want[c];
				marked += n;
				spread |= n > 1;
			}
			ktap_ok(ok && marked > 0, "layout --phys --json: each region's resident pages and RAM cells are those of pagemap and /proc/iomem (%d cells marked%s)",
				marked, spread ? ", some region spread over several" : "");
			if (!ok)
				diag("exit %d, %d regions, %d RAM ranges, ram_bytes %llu vs %llu: %s", rc, nj,
				     nr, (unsigned long long)ram_bytes, (unsigned long long)total, why);
		}
		/* the text strips: under each region line, the same cells */
		rc = sh(0, "vasinfo layout --phys --all --color=never %d", (int)pid);
		ok = rc == 0 && strstr(sh_out, "of System RAM in 64 cells");
		i = maps.n - 1;
		for (line = strtok_r(sh_out, "\n", &save); ok && line; line = strtok_r(NULL, "\n", &save)) {
			uint64_t s, e;
			const char *p;

			if (!line_range(line, &s, &e))
				continue;
			line = strtok_r(NULL, "\n", &save);
			if (line && strstr(line, "grows down"))
				line = strtok_r(NULL, "\n", &save);
			p = line ? strstr(line, "│ RAM ") : NULL;
			if (!p || i < 0 || pagemap_cells(pm, s, e, ram, nr, total, want, &present)) {
				ok = 0;
				break;
			}
			p += strlen("│ RAM ");
			for (int c = 0; c < CELLS; c++) {
				int mark = !strncmp(p, "█", 3);

				if (mark != want[c] || (!mark && strncmp(p, "·", 2))) {
					snprintf(why, sizeof(why), "%lx-%lx cell %d", (unsigned long)s,
						 (unsigned long)e, c);
					ok = 0;
					break;
				}
				p += mark ? 3 : 2;
			}
			i--;
		}
		ktap_ok(ok && i == -1, "layout --phys: under each region line a strip with the cells of pagemap's frames");
		if (!ok)
			diag("exit %d: %s", rc, why);
		if (pm >= 0)
			close(pm);
	}
	reap(pid);
	unlink(file_path);
	return ktap_finish();
}
