// SPDX-License-Identifier: MIT
/* Host unit tests of libvasinfo's line parsers. */
#include <string.h>

#include "../lib/ktap.h"
#include "libvasinfo.h"

static void test_maps_lines(void)
{
	struct vi_region r;
	char buf[256];
	int rc;

	rc = vi_parse_region("55d0c7a00000-55d0c7a02000 r-xp 00001000 08:01 131090                     /usr/bin/cat\n",
			     VI_FORMAT_MAPS, &r);
	ktap_ok(rc == 0 && r.start == 0x55d0c7a00000UL &&
		r.end == 0x55d0c7a02000UL && !strcmp(r.perms, "r-xp") &&
		r.offset == 0x1000 && r.dev_major == 8 && r.dev_minor == 1 &&
		r.inode == 131090 && !strcmp(r.name, "/usr/bin/cat"),
		"maps: file line parsed field by field");

	rc = vi_parse_region("7ffd1000-7ffd2000 rw-p 00000000 00:00 0 \n",
			     VI_FORMAT_MAPS, &r);
	ktap_ok(rc == 0 && r.name[0] == '\0' && r.inode == 0,
		"maps: anonymous line has an empty name");

	rc = vi_parse_region("ffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0                  [vsyscall]",
			     VI_FORMAT_MAPS, &r);
	ktap_ok(rc == 0 && r.start == 0xffffffffff600000UL &&
		!strcmp(r.name, "[vsyscall]"),
		"maps: 64-bit addresses and no trailing newline");

	rc = vi_parse_region("00400000-00401000 r--p 00000000 fe:00 12 /a b  c\n",
			     VI_FORMAT_MAPS, &r);
	ktap_ok(rc == 0 && !strcmp(r.name, "/a b  c"),
		"maps: spaces inside a path are kept");

	rc = vi_parse_region("1000-2000 r--p 00000000 00:00 0", VI_FORMAT_MAPS,
			     &r);
	ktap_ok(rc == -1, "maps: fewer than 8 hex digits rejected");

	rc = vi_parse_region("00002000-00001000 r--p 00000000 00:00 0",
			     VI_FORMAT_MAPS, &r);
	ktap_ok(rc == -1, "maps: end below start rejected");

	rc = vi_parse_region("00001000-00002000 rq-p 00000000 00:00 0",
			     VI_FORMAT_MAPS, &r);
	ktap_ok(rc == -1, "maps: bad permission letter rejected");

	rc = vi_parse_region("00001000-00002000 r--p 00000000 00:00 x",
			     VI_FORMAT_MAPS, &r);
	ktap_ok(rc == -1, "maps: non-numeric inode rejected");

	/* Found by tests/fuzz/fuzz_regions: the minor was kept past 20 bits. */
	rc = vi_parse_region("55d0c7a00000-55d0c7a02000 r-xp 00001000 08:0155d0c 131",
			     VI_FORMAT_MAPS, &r);
	ktap_ok(rc == -1, "maps: device minor over 20 bits rejected");
	rc = vi_parse_region("00001000-00002000 r--p 00000000 100000000:00 0",
			     VI_FORMAT_MAPS, &r);
	ktap_ok(rc == -1, "maps: device major over 12 bits rejected");
	rc = vi_parse_region("00001000-00002000 r--p 00000000 fff:fffff 0",
			     VI_FORMAT_MAPS, &r);
	ktap_ok(rc == 0 && r.dev_major == 0xfff && r.dev_minor == 0xfffff,
		"maps: largest device numbers accepted");

	rc = vi_parse_region("", VI_FORMAT_MAPS, &r);
	ktap_ok(rc == -1, "maps: empty line rejected");

	rc = vi_parse_region("10000000000000000-10000000000000001 r--p 00000000 00:00 0",
			     VI_FORMAT_MAPS, &r);
	ktap_ok(rc == -1, "maps: address wider than 64 bits rejected");

	vi_parse_region("55d0c7a00000-55d0c7a02000 r-xp 00001000 08:01 131090 /x",
			VI_FORMAT_MAPS, &r);
	rc = vi_format_maps_prefix(&r, buf, sizeof(buf));
	ktap_ok(rc > 0 && !strcmp(buf, "55d0c7a00000-55d0c7a02000 r-xp 00001000 08:01 131090"),
		"maps: prefix formatted back exactly: '%s'", buf);
	rc = vi_format_maps_prefix(&r, buf, 10);
	ktap_ok(rc == -1, "maps: short buffer reported, not overrun");
}

static void test_report_lines(void)
{
	struct vi_region r;
	int rc;

	rc = vi_parse_region("55d0c7a00000-55d0c7a02000 r-xp 00001000 08:01 131090                     code    /usr/bin/cat\n",
			     VI_FORMAT_REPORT, &r);
	ktap_ok(rc == 0 && !strcmp(r.segment, "code") &&
		!strcmp(r.name, "/usr/bin/cat"),
		"report: segment and name split");

	rc = vi_parse_region("7ffd1000-7ffd2000 rw-p 00000000 00:00 0                          anon    [anon]\n",
			     VI_FORMAT_REPORT, &r);
	ktap_ok(rc == 0 && !strcmp(r.segment, "anon") &&
		!strcmp(r.name, "[anon]"),
		"report: anonymous region named [anon]");

	rc = vi_parse_region("7ffd1000-7ffd2000 rw-p 00000000 00:00 0                          anon\n",
			     VI_FORMAT_REPORT, &r);
	ktap_ok(rc == -1, "report: a line without a name is malformed");

	rc = vi_parse_region("7ffd1000-7ffd2000 rw-p 00000000 00:00 0 averyveryverylongsegment x\n",
			     VI_FORMAT_REPORT, &r);
	ktap_ok(rc == -1, "report: over-long segment label rejected");
}

int main(void)
{
	ktap_header("libvasinfo-regions");
	ktap_plan(19);
	test_maps_lines();
	test_report_lines();
	return ktap_finish();
}
