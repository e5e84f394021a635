// SPDX-License-Identifier: MIT
/*
 * vasinfo watch PID: a process's resident and swapped pages per segment,
 * and the system's free memory, every second, with what changed since the
 * frame before (OSTEP chapter 13: watch a program fill its heap page by
 * page).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

static const char help[] =
	"usage: vasinfo watch [--interval SECONDS] [--count N] [--json] PID\n"
	"\n"
	"Every SECONDS (default 1; fractions like 0.5 work) show process PID's\n"
	"resident and swapped pages per segment (code, data, heap, stack, anon\n"
	"mmap, file, ...), their totals, and the system's memory as free(1) does\n"
	"(MemTotal, MemFree, MemAvailable, SwapTotal, SwapFree from /proc/meminfo).\n"
	"Every number that changed since the frame before is followed by the\n"
	"change (+12, -3); on a terminal the screen is redrawn and changed numbers\n"
	"are bold and coloured (not with NO_COLOR set). Otherwise frames follow\n"
	"one another, each under a header with its time.\n"
	"Ends after N frames, on Ctrl-C, or when the process exits (exit 0 if a\n"
	"frame was shown).\n"
	"\n"
	"  --interval SECONDS  time between frames (0.001 to 86400)\n"
	"  --count N           stop after N frames\n"
	"  --json              one JSON object per line per frame (JSON Lines):\n"
	"                      frame, time_ms, pid, comm, page_size, segments\n"
	"                      [{segment, regions, size (bytes), resident,\n"
	"                      swapped (pages), resident_change, swapped_change\n"
	"                      (null in the first frame)}], totals {same keys},\n"
	"                      meminfo {mem_total_kb, mem_free_kb, mem_available_kb,\n"
	"                      swap_total_kb, swap_free_kb}\n"
	"  -h, --help          this text\n";

/* ---- /proc/meminfo ---- */

int cli_parse_meminfo(const char *text, struct cli_meminfo *m)
{
	static const struct {
		const char *key;
		size_t off;
	} keys[] = {
		{ "MemTotal:", offsetof(struct cli_meminfo, total) },
		{ "MemFree:", offsetof(struct cli_meminfo, free) },
		{ "MemAvailable:", offsetof(struct cli_meminfo, available) },
		{ "SwapTotal:", offsetof(struct cli_meminfo, swap_total) },
		{ "SwapFree:", offsetof(struct cli_meminfo, swap_free) },
	};
	unsigned int found = 0;
	const char *line;

	memset(m, 0, sizeof(*m));
	for (line = text; line && *line; line = strchr(line, '\n'), line = line ? line + 1 : NULL) {
		for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
			size_t len = strlen(keys[k].key);
			unsigned long long v;
			char unit[4];

			if (strncmp(line, keys[k].key, len))
				continue;
			if (sscanf(line + len, "%llu %3s", &v, unit) != 2 || strcmp(unit, "kB"))
				return -1;
			*(uint64_t *)((char *)m + keys[k].off) = v;
			found |= 1U << k;
		}
	}
	return found == (1U << (sizeof(keys) / sizeof(keys[0]))) - 1 ? 0 : -1;
}

/* ---- frames ---- */

void cli_watch_sum(struct cli_watch_frame *fr, const struct vasinfo_vma *v,
		   ssize_t n, const struct cli_counts *c)
{
	memset(fr->seg, 0, sizeof(fr->seg));
	memset(&fr->total, 0, sizeof(fr->total));
	for (ssize_t i = 0; i < n; i++) {
		unsigned int s = v[i].segment < CLI_WATCH_SEGS ? v[i].segment :
								  VASINFO_SEG_NONE;
		struct cli_watch_seg *sg = &fr->seg[s];

		sg->regions++;
		sg->size += v[i].end - v[i].start;
		sg->resident += c[i].resident;
		sg->swapped += c[i].swapped;
	}
	for (unsigned int s = 0; s < CLI_WATCH_SEGS; s++) {
		fr->total.regions += fr->seg[s].regions;
		fr->total.size += fr->seg[s].size;
		fr->total.resident += fr->seg[s].resident;
		fr->total.swapped += fr->seg[s].swapped;
	}
}

/* Segments in the order they lie in a classic address space. */
static const unsigned int seg_order[] = {
	VASINFO_SEG_CODE, VASINFO_SEG_RODATA, VASINFO_SEG_DATA, VASINFO_SEG_BSS,
	VASINFO_SEG_HEAP, VASINFO_SEG_FILE, VASINFO_SEG_ANON, VASINFO_SEG_STACK,
	VASINFO_SEG_VDSO, VASINFO_SEG_VVAR, VASINFO_SEG_SPECIAL, VASINFO_SEG_IO,
	VASINFO_SEG_NONE,
};
#define NSEG (sizeof(seg_order) / sizeof(seg_order[0]))

static const char *seg_label(unsigned int s)
{
	return s == VASINFO_SEG_NONE ? "other" : vi_segment_name(s);
}

/* A segment is shown while it has regions, and in the frame it lost them. */
static int seg_shown(unsigned int s, const struct cli_watch_frame *cur,
		     const struct cli_watch_frame *prev)
{
	return cur->seg[s].regions || (prev && prev->seg[s].regions);
}

/* "+12", "-3", or "" when @v did not change (or there is no before). */
static void change(char *buf, size_t len, uint64_t v, const uint64_t *old)
{
	buf[0] = '\0';
	if (!old || *old == v)
		return;
	if (v > *old)
		snprintf(buf, len, "+%llu", (unsigned long long)(v - *old));
	else
		snprintf(buf, len, "-%llu", (unsigned long long)(*old - v));
}

#define HILITE "\033[1;33m"	/* bold yellow */
#define RESET "\033[0m"

/* " " and a number right-aligned in @w columns, then its change in 6. */
#define MARK_W 6
static void cell(FILE *f, int style, int w, uint64_t v, const uint64_t *old, int last)
{
	char ch[24];
	int pad;

	change(ch, sizeof(ch), v, old);
	if (ch[0] && (style & CLI_WATCH_COLOR))
		fprintf(f, " %s%*llu %s%s", HILITE, w, (unsigned long long)v, ch, RESET);
	else
		fprintf(f, " %*llu%s%s", w, (unsigned long long)v, ch[0] ? " " : "", ch);
	pad = ch[0] ? MARK_W - (int)strlen(ch) : MARK_W + 1;
	if (!last && pad > 0)
		fprintf(f, "%*s", pad, "");
}

/* Headings over cells of widths @w[0..n). */
static void headings(FILE *f, const char *first, const char *const *h, const int *w, int n)
{
	fprintf(f, "%-8s", first);
	for (int k = 0; k < n; k++)
		fprintf(f, " %*s%*s", w[k], h[k], k < n - 1 ? MARK_W + 1 : 0, "");
	fputc('\n', f);
}

static const char *const seg_heads[] = { "regions", "size KiB", "resident", "swapped" };
static const int seg_w[] = { 7, 9, 8, 8 };
static const char *const mem_heads[] = { "total", "free", "available" };
static const int mem_w[] = { 9, 9, 9 };

static void seg_row(FILE *f, int style, const char *label,
		    const struct cli_watch_seg *s, const struct cli_watch_seg *o)
{
	uint64_t kb = s->size >> 10, okb = o ? o->size >> 10 : 0;

	fprintf(f, "%-8s", label);
	cell(f, style, seg_w[0], s->regions, o ? &o->regions : NULL, 0);
	cell(f, style, seg_w[1], kb, o ? &okb : NULL, 0);
	cell(f, style, seg_w[2], s->resident, o ? &o->resident : NULL, 0);
	cell(f, style, seg_w[3], s->swapped, o ? &o->swapped : NULL, 1);
	fputc('\n', f);
}

static void seg_json(struct vj *j, const char *label, const struct cli_watch_seg *s,
		     const struct cli_watch_seg *o)
{
	if (label) {
		vj_kv_str(j, "segment", label);
	}
	vj_kv_uint(j, "regions", s->regions);
	vj_kv_uint(j, "size", s->size);
	vj_kv_uint(j, "resident", s->resident);
	vj_kv_uint(j, "swapped", s->swapped);
	if (o) {
		vj_kv_int(j, "resident_change", (long long)(s->resident - o->resident));
		vj_kv_int(j, "swapped_change", (long long)(s->swapped - o->swapped));
	} else {
		vj_kv_null(j, "resident_change");
		vj_kv_null(j, "swapped_change");
	}
}

static void frame_json(FILE *f, const struct cli_watch_frame *cur,
		       const struct cli_watch_frame *prev)
{
	const struct cli_meminfo *m = &cur->mem;
	struct vj j;

	vj_init(&j, f);
	vj_obj(&j);
	vj_kv_uint(&j, "frame", cur->seq);
	vj_kv_int(&j, "time_ms", cur->time_ms);
	vj_kv_int(&j, "pid", cur->pid);
	vj_kv_str(&j, "comm", cur->comm);
	vj_kv_uint(&j, "page_size", vi_page_size());
	vj_kv_arr(&j, "segments");
	for (size_t k = 0; k < NSEG; k++) {
		unsigned int s = seg_order[k];

		if (!seg_shown(s, cur, prev))
			continue;
		vj_obj(&j);
		seg_json(&j, vi_segment_name(s), &cur->seg[s], prev ? &prev->seg[s] : NULL);
		vj_obj_end(&j);
	}
	vj_arr_end(&j);
	vj_kv_obj(&j, "totals");
	seg_json(&j, NULL, &cur->total, prev ? &prev->total : NULL);
	vj_obj_end(&j);
	vj_kv_obj(&j, "meminfo");
	vj_kv_uint(&j, "mem_total_kb", m->total);
	vj_kv_uint(&j, "mem_free_kb", m->free);
	vj_kv_uint(&j, "mem_available_kb", m->available);
	vj_kv_uint(&j, "swap_total_kb", m->swap_total);
	vj_kv_uint(&j, "swap_free_kb", m->swap_free);
	vj_obj_end(&j);
	vj_obj_end(&j);
}

void cli_watch_report(FILE *f, int json, int style,
		      const struct cli_watch_frame *cur,
		      const struct cli_watch_frame *prev)
{
	const struct cli_meminfo *m = &cur->mem, *om = prev ? &prev->mem : NULL;
	time_t secs = (time_t)(cur->time_ms / 1000);
	char when[32] = "?";
	struct tm tm;

	if (json) {
		frame_json(f, cur, prev);
		return;
	}
	if (localtime_r(&secs, &tm))
		strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S", &tm);
	if (style & CLI_WATCH_CLEAR)
		fputs("\033[H\033[J", f);
	else if (prev)
		fputc('\n', f);
	fprintf(f, "=== pid %d (%s)  frame %lu  %s.%03d\n", (int)cur->pid, cur->comm,
		cur->seq, when, (int)(cur->time_ms % 1000));
	headings(f, "segment", seg_heads, seg_w, 4);
	for (size_t k = 0; k < NSEG; k++) {
		unsigned int s = seg_order[k];

		if (seg_shown(s, cur, prev))
			seg_row(f, style, seg_label(s), &cur->seg[s],
				prev ? &prev->seg[s] : NULL);
	}
	seg_row(f, style, "total", &cur->total, prev ? &prev->total : NULL);
	fprintf(f, "(resident and swapped in pages of %llu KiB)\n",
		(unsigned long long)vi_page_size() >> 10);
	headings(f, "KiB", mem_heads, mem_w, 3);
	fprintf(f, "%-8s", "Mem:");
	cell(f, style, mem_w[0], m->total, om ? &om->total : NULL, 0);
	cell(f, style, mem_w[1], m->free, om ? &om->free : NULL, 0);
	cell(f, style, mem_w[2], m->available, om ? &om->available : NULL, 1);
	fprintf(f, "\n%-8s", "Swap:");
	cell(f, style, mem_w[0], m->swap_total, om ? &om->swap_total : NULL, 0);
	cell(f, style, mem_w[1], m->swap_free, om ? &om->swap_free : NULL, 1);
	fputc('\n', f);
}

/* ---- taking frames ---- */

static int read_meminfo(struct cli_meminfo *m)
{
	/* One read(2) of 64 KiB takes it all: a consistent snapshot. */
	char *text = cli_read_file("/proc/meminfo");
	int rc = text ? cli_parse_meminfo(text, m) : -1;

	free(text);
	return rc;
}

/* Returns 0, -errno from the device, or 1 when /proc/meminfo is unreadable. */
static int take_frame(int fd, pid_t pid, struct cli_watch_frame *fr)
{
	struct vasinfo_mm_info mi;
	struct vasinfo_vma *v = NULL;
	struct cli_counts *c;
	struct timespec ts;
	ssize_t n;
	int rc;

	rc = vi_mm_info(fd, pid, &mi);
	if (rc)
		return rc;
	n = vi_vmas(fd, pid, &v);
	if (n < 0)
		return (int)n;
	c = calloc((size_t)n + 1, sizeof(*c));
	if (!c) {
		free(v);
		return -ENOMEM;
	}
	rc = cli_count_regions(fd, pid, v, n, c);
	if (!rc) {
		clock_gettime(CLOCK_REALTIME, &ts);
		fr->time_ms = (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
		fr->pid = pid ? pid : getpid();
		memcpy(fr->comm, mi.comm, sizeof(fr->comm));
		fr->comm[sizeof(fr->comm) - 1] = '\0';
		cli_watch_sum(fr, v, n, c);
		if (read_meminfo(&fr->mem))
			rc = 1;
	}
	free(c);
	free(v);
	return rc;
}

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static void ts_add(struct timespec *t, double secs)
{
	long long ns = (long long)(secs * 1e9);

	t->tv_sec += ns / 1000000000;
	t->tv_nsec += ns % 1000000000;
	if (t->tv_nsec >= 1000000000) {
		t->tv_sec++;
		t->tv_nsec -= 1000000000;
	}
}

static int ts_before(const struct timespec *a, const struct timespec *b)
{
	return a->tv_sec < b->tv_sec || (a->tv_sec == b->tv_sec && a->tv_nsec < b->tv_nsec);
}

int cmd_watch(int argc, char **argv)
{
	struct cli_watch_frame fr[2];
	unsigned long count = 0, shown = 0;
	struct timespec next, now;
	struct sigaction sa;
	double interval = 1.0;
	struct cli_opts o;
	int first, rc, fd, style = 0;
	char *end;
	pid_t pid;

	rc = cli_parse("watch", argc, argv, &o, "jIN", &first);
	if (rc)
		return rc;
	if (o.help) {
		fputs(help, stdout);
		return EXIT_OK;
	}
	rc = cli_one_pid("watch", argc, argv, first, &pid);
	if (rc)
		return rc;
	if (o.interval) {
		errno = 0;
		interval = strtod(o.interval, &end);
		if (!*o.interval || *end || errno || !isfinite(interval) ||
		    interval < 0.001 || interval > 86400)
			return cli_usage_error("watch ", "watch: --interval '%s' is not a number of seconds from 0.001 to 86400",
					       o.interval);
	}
	if (o.count) {
		errno = 0;
		count = strtoul(o.count, &end, 10);
		if (*o.count < '0' || *o.count > '9' || *end || errno || count == 0)
			return cli_usage_error("watch ", "watch: --count '%s' is not a number of frames (1 or more)",
					       o.count);
	}
	if (!o.json && isatty(STDOUT_FILENO)) {
		const char *term = getenv("TERM");

		if (!term || strcmp(term, "dumb"))
			style = CLI_WATCH_CLEAR;
		if (style && cli_color(CLI_COLOR_AUTO))
			style |= CLI_WATCH_COLOR;
	}

	fd = cli_open();
	if (fd < 0)
		return EXIT_USER;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;	/* no SA_RESTART: the sleep ends at once */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	memset(fr, 0, sizeof(fr));
	clock_gettime(CLOCK_MONOTONIC, &next);
	rc = EXIT_OK;
	while (!stop) {
		struct cli_watch_frame *cur = &fr[shown & 1], *prev = &fr[!(shown & 1)];
		int err = take_frame(fd, pid, cur);

		if (err == 1) {
			rc = cli_user_error("cannot read /proc/meminfo");
			break;
		}
		if (err == -ESRCH && shown) {
			/* Said where a person or a log reader will see it. */
			if (o.json)
				fprintf(stderr, "vasinfo: process %d exited\n", (int)pid);
			else
				printf("process %d exited\n", (int)pid);
			break;
		}
		if (err) {
			rc = cli_user_error("%s", vi_strerror(err, pid));
			break;
		}
		if (stop)
			break;
		cur->seq = shown + 1;
		cli_watch_report(stdout, o.json, style, cur, shown ? prev : NULL);
		fflush(stdout);
		shown++;
		if (count && shown == count)
			break;
		ts_add(&next, interval);
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (ts_before(&next, &now))
			next = now;	/* a frame took longer than the interval */
		while (!stop && clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, NULL) == EINTR)
			;
	}
	close(fd);
	if (stop && (style & CLI_WATCH_CLEAR))
		fputc('\n', stdout);	/* the prompt after ^C on a line of its own */
	return rc;
}
