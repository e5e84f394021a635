// SPDX-License-Identifier: MIT
/* vasinfo range PID START END */
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include "cli.h"

static const char help[] =
	"usage: vasinfo range [--json] PID START END\n"
	"\n"
	"The pages of [START, END) in process PID as runs: stretches contiguous in\n"
	"virtual memory with the same state and page size and, for root,\n"
	"contiguous frames. START and END are hex (0x...) or decimal; START is\n"
	"rounded down and END up to a page boundary (with a note on stderr).\n"
	"\n"
	"  --json      {\"runs\": [...], \"totals\": {...}}\n"
	"  -h, --help  this text\n";

void cli_range_report(FILE *f, int json, const struct vasinfo_run *runs,
		      ssize_t n, const struct vi_range_totals *tot)
{
	ssize_t i;

	if (json) {
		struct vj j;

		vj_init(&j, f);
		vj_obj(&j);
		vj_kv_arr(&j, "runs");
		for (i = 0; i < n; i++)
			vj_run(&j, &runs[i]);
		vj_arr_end(&j);
		vj_kv_obj(&j, "totals");
		vj_kv_uint(&j, "present", tot->present);
		vj_kv_uint(&j, "swapped", tot->swapped);
		vj_kv_uint(&j, "none", tot->none);
		vj_kv_uint(&j, "runs", (unsigned long long)n);
		vj_obj_end(&j);
		vj_obj_end(&j);
	} else {
		fprintf(f, "%-25s %8s  %-5s  %-9s %-14s %s\n", "range", "pages",
			"size", "state", "first frame", "facts");
		for (i = 0; i < n; i++)
			vi_run_text(f, &runs[i]);
		fprintf(f, "%zd runs: %llu present, %llu swapped, %llu not present pages\n",
			n, (unsigned long long)tot->present,
			(unsigned long long)tot->swapped,
			(unsigned long long)tot->none);
	}
}

enum cli_range_err cli_range_bounds(const char *s, const char *e,
				    uint64_t *start, uint64_t *end,
				    int *rounded)
{
	uint64_t mask = vi_page_size() - 1;

	if (vi_parse_addr(s, start))
		return CLI_RANGE_BAD_START;
	if (vi_parse_addr(e, end))
		return CLI_RANGE_BAD_END;
	if (*end <= *start)
		return CLI_RANGE_EMPTY;
	if (*end > UINT64_MAX - mask)
		return CLI_RANGE_TOO_HIGH;
	*rounded = ((*start | *end) & mask) != 0;
	*start &= ~mask;
	*end = (*end + mask) & ~mask;
	return CLI_RANGE_OK;
}

int cmd_range(int argc, char **argv)
{
	struct vi_range_totals tot;
	struct vasinfo_run *runs = NULL;
	struct cli_opts o;
	uint64_t start, end;
	int first, rc, fd, rounded;
	ssize_t n, i;
	pid_t pid;

	rc = cli_parse("range", argc, argv, &o, "j", &first);
	if (rc)
		return rc;
	if (o.help) {
		fputs(help, stdout);
		return EXIT_OK;
	}
	if (argc - first != 3)
		return cli_usage_error("range ", "range: needs PID START END");
	rc = cli_pid("range", argv[first], &pid);
	if (rc)
		return rc;
	i = cli_range_bounds(argv[first + 1], argv[first + 2], &start, &end,
			     &rounded);
	if (i == CLI_RANGE_BAD_START || i == CLI_RANGE_BAD_END) {
		int bad = i == CLI_RANGE_BAD_START ? 1 : 2;

		return cli_usage_error("range ", "range: %s '%s' is not an address (hex 0x... or decimal)",
				       bad == 1 ? "START" : "END", argv[first + bad]);
	}
	if (i == CLI_RANGE_EMPTY)
		return cli_usage_error("range ", "range: END must be above START");
	if (i == CLI_RANGE_TOO_HIGH)
		return cli_user_error("%#llx is not a user-space address",
				      (unsigned long long)end);
	/* Said on stderr, so that --json output stays one document. */
	if (rounded)
		fprintf(stderr, "vasinfo: note: range rounded out to whole pages: %#llx-%#llx\n",
			(unsigned long long)start, (unsigned long long)end);

	fd = cli_open();
	if (fd < 0)
		return EXIT_USER;
	n = vi_range(fd, pid, start, end, &runs, &tot);
	close(fd);
	if (n == -EINVAL)
		return cli_user_error("%#llx-%#llx is not in user space",
				      (unsigned long long)start,
				      (unsigned long long)end);
	if (n < 0)
		return cli_user_error("%s", vi_strerror((int)n, pid));
	cli_range_report(stdout, o.json, runs, n, &tot);
	free(runs);
	return EXIT_OK;
}
