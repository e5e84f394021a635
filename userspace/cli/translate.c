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

int cmd_translate(int argc, char **argv)
{
	struct cli_opts o;
	struct vasinfo_xlate *res;
	uint64_t *addrs;
	int first, rc, fd, n, i;
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
	if (!addrs || !res)
		return cli_user_error("out of memory");
	for (i = 0; i < n; i++) {
		const char *s = argv[first + 1 + i];

		if (vi_parse_addr(s, &addrs[i])) {
			free(addrs);
			free(res);
			return cli_usage_error("translate ",
					       "translate: '%s' is not an address (hex 0x... or decimal)", s);
		}
	}
	fd = cli_open();
	if (fd < 0) {
		free(addrs);
		free(res);
		return EXIT_USER;
	}
	rc = vi_translate(fd, pid, addrs, (size_t)n, res);
	close(fd);
	if (rc == -EINVAL) {
		rc = cli_user_error("an address is not a user-space address (kernel or non-canonical)");
	} else if (rc) {
		rc = cli_user_error("%s", vi_strerror(rc, pid));
	} else if (o.json) {
		struct vj j;

		vj_init(&j, stdout);
		vj_arr(&j);
		for (i = 0; i < n; i++)
			vi_xlate_json(&j, &res[i]);
		vj_arr_end(&j);
	} else {
		for (i = 0; i < n; i++)
			vi_xlate_text(stdout, &res[i], o.verbose);
	}
	free(addrs);
	free(res);
	return rc;
}
