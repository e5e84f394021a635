// SPDX-License-Identifier: MIT
/* vasinfo maps PID */
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include "cli.h"

static const char help[] =
	"usage: vasinfo maps [--json] [--counts] PID\n"
	"\n"
	"The regions (VMAs) of process PID (0: yourself), like pmap: address,\n"
	"size, permissions, segment (code, data, heap, stack, ...), file offset,\n"
	"device, inode and name.\n"
	"\n"
	"  --counts    also resident, swapped and huge (2 MiB / 1 GiB leaf) memory\n"
	"              per region, in KiB, from the page tables\n"
	"  --json      a JSON array, one object per region: start, end, size,\n"
	"              perms, segment, offset, dev, inode, name (and resident,\n"
	"              swapped, huge in pages with --counts)\n"
	"  -h, --help  this text\n";

/*
 * A region's line, as printf("%016llx %9llu %-4s %-7s %08llx %02x:%02x
 * %-9llu") would write it, without printf's cost per call: thousands of
 * regions add up, and maps --counts should take less time than reading
 * smaps does.
 */
#define LINE_MAX_LEN 192

/*
 * A space, then @v in @base, right-aligned in @width - 1 columns padded
 * with @pad, or left-aligned (@left) and padded with spaces.
 */
static char *put_num(char *o, uint64_t v, unsigned int base, int width,
		     char pad, int left)
{
	char d[24];
	int k = 0;

	do {
		d[k++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	*o++ = ' ';
	if (!left)
		for (int w = k; w < width - 1; w++)
			*o++ = pad;
	for (int j = k - 1; j >= 0; j--)
		*o++ = d[j];
	if (left)
		for (int w = k; w < width - 1; w++)
			*o++ = ' ';
	return o;
}

/* A space, then @s left-aligned in @width - 1 columns. */
static char *put_str(char *o, const char *s, int width)
{
	int k = 0;

	*o++ = ' ';
	for (; s[k] && k < 32; k++)
		*o++ = s[k];
	for (; k < width - 1; k++)
		*o++ = ' ';
	return o;
}

void cli_maps_report(FILE *f, int json, const struct vasinfo_vma *v, ssize_t n,
		     const struct cli_counts *c)
{
	struct cli_counts tot = { 0, 0, 0 };
	uint64_t kb = 0, kib = vi_page_size() >> 10;	/* KiB a page */
	ssize_t i;

	for (i = 0; c && i < n; i++) {
		tot.resident += c[i].resident;
		tot.swapped += c[i].swapped;
		tot.huge += c[i].huge;
	}
	if (json) {
		struct vj j;
		char p[5], dev[16];

		vj_init(&j, f);
		vj_arr(&j);
		for (i = 0; i < n; i++) {
			vi_vma_perms(v[i].flags, p);
			snprintf(dev, sizeof(dev), "%02x:%02x", v[i].dev_major,
				 v[i].dev_minor);
			vj_obj(&j);
			vj_kv_hex(&j, "start", v[i].start);
			vj_kv_hex(&j, "end", v[i].end);
			vj_kv_uint(&j, "size", v[i].end - v[i].start);
			vj_kv_str(&j, "perms", p);
			vj_kv_str(&j, "segment", vi_segment_name(v[i].segment));
			vj_kv_uint(&j, "offset", v[i].offset);
			vj_kv_str(&j, "dev", dev);
			vj_kv_uint(&j, "inode", v[i].inode);
			vj_kv_str(&j, "name", v[i].name);
			if (c) {
				vj_kv_uint(&j, "resident", c[i].resident);
				vj_kv_uint(&j, "swapped", c[i].swapped);
				vj_kv_uint(&j, "huge", c[i].huge);
			}
			vj_obj_end(&j);
		}
		vj_arr_end(&j);
	} else {
		fprintf(f, "%-16s %9s %-4s %-7s %-8s %-5s %-9s", "Address",
			"Kbytes", "Perm", "Segment", "Offset", "Dev", "Inode");
		if (c)
			fprintf(f, " %8s %8s %8s", "RSS", "Swap", "Huge");
		fprintf(f, " Name\n");
		for (i = 0; i < n; i++) {
			char line[LINE_MAX_LEN], p[5], *o = line, *colon;

			vi_vma_perms(v[i].flags, p);
			kb += (v[i].end - v[i].start) >> 10;
			/* Every field after a space; the line has none first. */
			o = put_num(o, v[i].start, 16, 17, '0', 0);
			o = put_num(o, (v[i].end - v[i].start) >> 10, 10, 10, ' ', 0);
			o = put_str(o, p, 5);
			o = put_str(o, vi_segment_name(v[i].segment), 8);
			o = put_num(o, v[i].offset, 16, 9, '0', 0);
			o = put_num(o, v[i].dev_major, 16, 3, '0', 0);
			colon = o;
			o = put_num(o, v[i].dev_minor, 16, 3, '0', 0);
			*colon = ':';
			o = put_num(o, v[i].inode, 10, 10, ' ', 1);
			if (c) {
				o = put_num(o, c[i].resident * kib, 10, 8, ' ', 0);
				*o++ = 'K';
				o = put_num(o, c[i].swapped * kib, 10, 8, ' ', 0);
				*o++ = 'K';
				o = put_num(o, c[i].huge * kib, 10, 8, ' ', 0);
				*o++ = 'K';
			}
			*o++ = ' ';
			fwrite(line + 1, 1, (size_t)(o - line - 1), f);
			fputs(v[i].name, f);
			fputc('\n', f);
		}
		fprintf(f, "%-16s %9llu", "total", (unsigned long long)kb);
		if (c)
			fprintf(f, " %34s %7lluK %7lluK %7lluK", "",
				(unsigned long long)(tot.resident * kib),
				(unsigned long long)(tot.swapped * kib),
				(unsigned long long)(tot.huge * kib));
		fprintf(f, "  (%zd regions)\n", n);
	}
}

int cmd_maps(int argc, char **argv)
{
	struct vasinfo_vma *v = NULL;
	struct cli_counts *c = NULL;
	struct cli_opts o;
	int first, rc, fd;
	ssize_t n;
	pid_t pid;

	rc = cli_parse("maps", argc, argv, &o, "jc", &first);
	if (rc)
		return rc;
	if (o.help) {
		fputs(help, stdout);
		return EXIT_OK;
	}
	rc = cli_one_pid("maps", argc, argv, first, &pid);
	if (rc)
		return rc;
	fd = cli_open();
	if (fd < 0)
		return EXIT_USER;
	n = vi_vmas(fd, pid, &v);
	if (n < 0) {
		close(fd);
		return cli_user_error("%s", vi_strerror((int)n, pid));
	}
	if (o.counts) {
		c = calloc((size_t)n + 1, sizeof(*c));
		if (!c) {
			close(fd);
			free(v);
			return cli_user_error("out of memory");
		}
		rc = cli_count_regions(fd, pid, v, n, c);
		if (rc) {
			close(fd);
			free(c);
			free(v);
			return cli_user_error("%s", vi_strerror(rc, pid));
		}
	}
	close(fd);

	cli_maps_report(stdout, o.json, v, n, c);
	free(c);
	free(v);
	return EXIT_OK;
}
