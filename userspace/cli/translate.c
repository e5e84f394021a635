// SPDX-License-Identifier: MIT
/* vasinfo translate PID ADDR... */
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include "cli.h"

static const char help[] =
	"usage: vasinfo translate [--json] [-v] PID ADDR...\n"
	"\n"
	"Translate virtual addresses of process PID (0: yourself) to physical\n"
	"frames. ADDR is hex (0x...) or decimal. For each address: whether a\n"
	"region (VMA) covers it, whether its page is present, the frame and\n"
	"physical address (root only, as /proc/PID/pagemap), the page size, swap\n"
	"location, and the page's facts.\n"
	"\n"
	"  -v, --verbose  show the walk: each page-table level, the address bits\n"
	"                 that index it, the raw entry, the leaf's decoded bits\n"
	"  --json         a JSON array, one object per address\n"
	"  -h, --help     this text\n";

void cli_translate_report(FILE *f, int json, int verbose,
			  const struct vasinfo_xlate *res, size_t n,
			  unsigned int levels)
{
	size_t i;

	if (json) {
		struct vj j;

		vj_init(&j, f);
		vj_arr(&j);
		for (i = 0; i < n; i++)
			vj_xlate(&j, &res[i]);
		vj_arr_end(&j);
		return;
	}
	for (i = 0; i < n; i++)
		vi_xlate_text_levels(f, &res[i], verbose, levels);
}

int cmd_translate(int argc, char **argv)
{
	struct cli_opts o;
	struct vasinfo_xlate *res;
	uint64_t *addrs;
	int first, rc, fd, n, i;
	unsigned int levels;
	pid_t pid;

	rc = cli_parse("translate", argc, argv, &o, "jv", &first);
	if (rc)
		return rc;
	if (o.help) {
		fputs(help, stdout);
		return EXIT_OK;
	}
	if (argc - first < 2)
		return cli_usage_error("translate ", "translate: needs PID and at least one ADDR");
	rc = cli_pid("translate", argv[first], &pid);
	if (rc)
		return rc;
	n = argc - first - 1;
	addrs = calloc((size_t)n, sizeof(*addrs));
	res = calloc((size_t)n, sizeof(*res));
	if (!addrs || !res) {
		free(addrs);
		free(res);
		return cli_user_error("out of memory");
	}
	for (i = 0; i < n; i++) {
		const char *s = argv[first + 1 + i];

		rc = vi_parse_addr(s, &addrs[i]);
		if (rc) {
			free(addrs);
			free(res);
			return cli_usage_error("translate ",
					       "translate: '%s' is not an address (%s)", s,
					       rc == -ERANGE ? "more than 64 bits" :
							       "hex 0x... or decimal");
		}
	}
	fd = cli_open();
	if (fd < 0) {
		free(addrs);
		free(res);
		return EXIT_USER;
	}
	levels = cli_levels(fd);
	rc = vi_translate(fd, pid, addrs, (size_t)n, res);
	close(fd);
	if (rc == -EINVAL) {
		/* The user half ends at bit 47 (4 levels) or 56 (5 levels). */
		int bits = levels == 5 ? 56 : 47;

		for (i = 0; i < n && !(addrs[i] >> bits); i++)
			;
		if (i < n)
			rc = cli_user_error("%#llx is not a user-space address (kernel or non-canonical)",
					    (unsigned long long)addrs[i]);
		else
			rc = cli_user_error("an address is not a user-space address (kernel or non-canonical)");
	} else if (rc) {
		rc = cli_user_error("%s", vi_strerror(rc, pid));
	} else {
		cli_translate_report(stdout, o.json, o.verbose, res, (size_t)n,
				     levels);
	}
	free(addrs);
	free(res);
	return rc;
}
