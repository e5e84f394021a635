// SPDX-License-Identifier: MIT
/*
 * Host unit tests of the client: address parsing, the JSON writer, the
 * translate/range output for made-up results, and the subcommands' usage
 * errors (no device needed for those).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <string.h>

#include "../lib/ktap.h"
#include "../../userspace/cli/cli.h"

static char *capture_xlate_json(const struct vasinfo_xlate *x, size_t n)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct vj j;

	vj_init(&j, f);
	vj_arr(&j);
	for (size_t i = 0; i < n; i++)
		vi_xlate_json(&j, &x[i]);
	vj_arr_end(&j);
	fclose(f);
	return buf;
}

static void test_parse_addr(void)
{
	uint64_t v = 0;

	ktap_ok(!vi_parse_addr("0x7ffd1000", &v) && v == 0x7ffd1000, "addr: hex");
	ktap_ok(!vi_parse_addr("0X7FFD1000", &v) && v == 0x7ffd1000, "addr: upper-case hex");
	ktap_ok(!vi_parse_addr("4096", &v) && v == 4096, "addr: decimal");
	ktap_ok(!vi_parse_addr("0", &v) && v == 0, "addr: zero");
	ktap_ok(!vi_parse_addr("0xffffffffffffffff", &v) && v == ~0ULL, "addr: 64-bit maximum");
	ktap_ok(vi_parse_addr("0x10000000000000000", &v) == -ERANGE, "addr: 65 bits: ERANGE");
	ktap_ok(vi_parse_addr("18446744073709551616", &v) == -ERANGE, "addr: decimal overflow: ERANGE");
	ktap_ok(vi_parse_addr("0x", &v) == -EINVAL, "addr: 0x without digits");
	ktap_ok(vi_parse_addr("", &v) == -EINVAL, "addr: empty");
	ktap_ok(vi_parse_addr("12abc", &v) == -EINVAL, "addr: decimal with letters");
	ktap_ok(vi_parse_addr("-1", &v) == -EINVAL, "addr: negative");
	ktap_ok(vi_parse_addr(" 0x10", &v) == -EINVAL, "addr: leading space");
}

static void test_json_writer(void)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct vj j;

	vj_init(&j, f);
	vj_obj(&j);
	vj_key(&j, "s");
	vj_str(&j, "a\"b\\c\n\x01\x7f é");
	vj_key(&j, "a");
	vj_arr(&j);
	vj_int(&j, -1);
	vj_uint(&j, 2);
	vj_bool(&j, 1);
	vj_null(&j);
	vj_hex(&j, 255);
	vj_arr_end(&j);
	vj_key(&j, "e");
	vj_obj(&j);
	vj_obj_end(&j);
	vj_obj_end(&j);
	fclose(f);
	ktap_ok(!strcmp(buf, "{\"s\":\"a\\\"b\\\\c\\n\\u0001\\u007f é\",\"a\":[-1,2,true,null,\"0xff\"],\"e\":{}}\n"),
		"json: escaping, commas, nesting: %s", buf);
	free(buf);
}

static struct vasinfo_xlate present_4k(void)
{
	struct vasinfo_xlate x;

	memset(&x, 0, sizeof(x));
	x.vaddr = 0x55d0c7a01234ULL;
	x.mapped = 1;
	x.state = VASINFO_STATE_PRESENT;
	x.vma_start = 0x55d0c7a00000ULL;
	x.vma_end = 0x55d0c7a02000ULL;
	x.page_size = 4096;
	x.pfn = 0x1a2b3;
	x.paddr = 0x1a2b3234;
	x.hw = VASINFO_HW_PRESENT | VASINFO_HW_USER | VASINFO_HW_ACCESSED;
	x.page = VASINFO_PAGE_FILE;
	x.refcount = 3;
	x.mapcount = 2;
	x.leaf = VASINFO_LEVEL_PTE;
	x.levels[0] = (struct vasinfo_entry){ 0x1234067, 171, VASINFO_ENTRY_VALID };
	x.levels[1] = (struct vasinfo_entry){ 0, 0, VASINFO_ENTRY_FOLDED };
	x.levels[2] = (struct vasinfo_entry){ 0x2345067, 3, VASINFO_ENTRY_VALID };
	x.levels[3] = (struct vasinfo_entry){ 0x3456067, 62, VASINFO_ENTRY_VALID };
	x.levels[4] = (struct vasinfo_entry){ 0x800000001a2b3025ULL, 1,
					      VASINFO_ENTRY_VALID | VASINFO_ENTRY_LEAF };
	return x;
}

static void test_translate_json(void)
{
	struct vasinfo_xlate x[4];
	char *s;

	x[0] = present_4k();
	s = capture_xlate_json(x, 1);
	ktap_ok(strstr(s, "\"vaddr\":\"0x55d0c7a01234\"") && strstr(s, "\"mapped\":true") &&
		strstr(s, "\"present\":true") && strstr(s, "\"pfn\":107187") &&
		strstr(s, "\"paddr\":\"0x1a2b3234\"") && strstr(s, "\"page_size\":4096") &&
		strstr(s, "\"swapped\":false") && strstr(s, "\"swap_type\":null") &&
		strstr(s, "\"swap_offset\":null"),
		"translate json: present page has every contract key");
	ktap_ok(strstr(s, "\"levels\":[{\"level\":\"pgd\",\"index\":171,\"entry\":\"0x1234067\",\"leaf\":false},{\"level\":\"pud\"") &&
		strstr(s, "{\"level\":\"pte\",\"index\":1,\"entry\":\"0x800000001a2b3025\",\"leaf\":true}]") &&
		strstr(s, "\"folded\":[\"p4d\"]"),
		"translate json: levels down to the leaf, folded p4d left out and named");
	ktap_ok(strstr(s, "\"hw\":[\"present\",\"user\",\"accessed\"]") &&
		strstr(s, "\"page\":[\"file\"]") && strstr(s, "\"refcount\":3") &&
		strstr(s, "\"mapcount\":2"),
		"translate json: decoded flags and counts");
	free(s);

	x[0].pfn = VASINFO_HIDDEN;
	x[0].paddr = VASINFO_HIDDEN;
	s = capture_xlate_json(x, 1);
	ktap_ok(strstr(s, "\"pfn\":null") && strstr(s, "\"paddr\":null") &&
		strstr(s, "\"pfn_hidden\":true") && strstr(s, "\"present\":true"),
		"translate json: hidden frame is null, still present");
	free(s);

	memset(&x[1], 0, sizeof(x[1]));
	x[1].vaddr = 0x1000;
	x[1].state = VASINFO_STATE_UNMAPPED;
	x[1].refcount = x[1].mapcount = -1;
	x[1].page_size = 4096;
	s = capture_xlate_json(&x[1], 1);
	ktap_ok(strstr(s, "\"mapped\":false") && strstr(s, "\"levels\":[]") &&
		strstr(s, "\"vma\":null") && strstr(s, "\"pfn\":null") &&
		strstr(s, "\"refcount\":null"),
		"translate json: unmapped address");
	free(s);

	x[2] = present_4k();
	x[2].state = VASINFO_STATE_SWAP;
	x[2].pfn = 0;
	x[2].swap_type = 0;
	x[2].swap_offset = 0x42;
	s = capture_xlate_json(&x[2], 1);
	ktap_ok(strstr(s, "\"swapped\":true") && strstr(s, "\"swap_type\":0") &&
		strstr(s, "\"swap_offset\":66") && strstr(s, "\"present\":false") &&
		strstr(s, "\"pfn\":null"),
		"translate json: swapped page with type and offset");
	free(s);

	x[3] = present_4k();
	x[3].page_size = 2 << 20;
	x[3].leaf = VASINFO_LEVEL_PMD;
	x[3].levels[3].flags |= VASINFO_ENTRY_LEAF;
	x[3].levels[4].flags = 0;
	s = capture_xlate_json(&x[3], 1);
	ktap_ok(strstr(s, "\"page_size\":2097152") &&
		strstr(s, "{\"level\":\"pmd\",\"index\":62,\"entry\":\"0x3456067\",\"leaf\":true}]"),
		"translate json: 2 MiB leaf at the pmd ends the levels");
	free(s);

	s = capture_xlate_json(x, 4);
	ktap_ok(s[0] == '[' && strstr(s, "},{") && s[strlen(s) - 2] == ']',
		"translate json: one array of four objects");
	free(s);
}

static void test_walk_text(void)
{
	struct vasinfo_xlate x = present_4k();
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	vi_xlate_text(f, &x, 1);
	fclose(f);
	ktap_ok(strstr(buf, "pgd  bits 47-39  index 171") &&
		strstr(buf, "p4d  folded into the pgd (4-level paging)") &&
		strstr(buf, "pud  bits 38-30") && strstr(buf, "pmd  bits 29-21") &&
		strstr(buf, "pte  bits 20-12  index   1  entry 0x800000001a2b3025  <- leaf") &&
		strstr(buf, "frame 0x1a2b3 + offset 0x234 = paddr 0x1a2b3234"),
		"translate -v: bits, indices, entries and the sum vaddr -> paddr");
	free(buf);
}

static void test_run_json(void)
{
	struct vasinfo_run r = { 0x400000, 512, 2 << 20, 0x1000, VASINFO_STATE_PRESENT, 0,
				 VASINFO_PAGE_ANON | VASINFO_PAGE_THP, 0, 0 };
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct vj j;

	vj_init(&j, f);
	vi_run_json(&j, &r);
	fclose(f);
	ktap_ok(!strcmp(buf, "{\"start\":\"0x400000\",\"end\":\"0x600000\",\"pages\":512,\"page_size\":2097152,\"state\":\"present\",\"pfn\":4096,\"swap_type\":null,\"swap_offset\":null,\"page\":[\"anon\",\"thp\"]}\n"),
		"range json: one run exactly: %s", buf);
	free(buf);
}

static int run(int (*fn)(int, char **), int argc, const char **argv)
{
	int rc;

	/* Silence usage messages in the test log. */
	FILE *saved = stderr;

	stderr = fopen("/dev/null", "w");
	rc = fn(argc, (char **)argv);
	fclose(stderr);
	stderr = saved;
	return rc;
}

static void test_usage(void)
{
	const char *a1[] = { "translate", NULL };
	const char *a2[] = { "translate", "1", "0xzz", NULL };
	const char *a3[] = { "translate", "--frobnicate", "1", "2", NULL };
	const char *a4[] = { "range", "1", "0x2000", "0x1000", NULL };
	const char *a5[] = { "maps", "x", NULL };
	const char *a6[] = { "maps", "1", "2", NULL };
	const char *a7[] = { "self", "extra", NULL };
	const char *a8[] = { "range", "-5", "0", "1", NULL };
	const char *a9[] = { "maps", "--counts", "--verbose", "1", NULL };

	ktap_ok(run(cmd_translate, 1, a1) == 2, "usage: translate without operands exits 2");
	ktap_ok(run(cmd_translate, 3, a2) == 2, "usage: translate with a bad address exits 2");
	ktap_ok(run(cmd_translate, 4, a3) == 2, "usage: unknown option exits 2");
	ktap_ok(run(cmd_range, 4, a4) == 2, "usage: range END below START exits 2");
	ktap_ok(run(cmd_maps, 2, a5) == 2, "usage: maps with a non-numeric pid exits 2");
	ktap_ok(run(cmd_maps, 3, a6) == 2, "usage: maps with two pids exits 2");
	ktap_ok(run(cmd_self, 2, a7) == 2, "usage: self with an operand exits 2");
	ktap_ok(run(cmd_range, 4, a8) == 2, "usage: negative pid exits 2");
	ktap_ok(run(cmd_maps, 4, a9) == 2, "usage: an option another command takes (-v for maps) exits 2");
}

static void test_help(void)
{
	const char *h[][3] = { { "maps", "--help", NULL }, { "translate", "--help", NULL },
			       { "range", "-h", NULL }, { "self", "--help", NULL } };
	int (*fns[])(int, char **) = { cmd_maps, cmd_translate, cmd_range, cmd_self };
	FILE *saved = stdout;
	int ok = 1;

	stdout = fopen("/dev/null", "w");
	for (int i = 0; i < 4; i++)
		ok &= fns[i](2, (char **)h[i]) == 0;
	fclose(stdout);
	stdout = saved;
	ktap_ok(ok, "--help exits 0 for maps, translate, range, self");
}

static void test_names(void)
{
	char buf[128];

	vi_hw_names(VASINFO_HW_PRESENT | VASINFO_HW_NX | (1ULL << 40), buf, sizeof(buf));
	ktap_ok(!strcmp(buf, "present nx bit40"), "names: hw bits, unknown bit named by number: %s", buf);
	ktap_ok(vi_page_names(~0ULL, buf, 16) == -ENOSPC, "names: a short buffer is reported");
	ktap_ok(!strcmp(vi_state_name(99), "?") && !strcmp(vi_level_name(4), "pte") &&
		!strcmp(vi_segment_name(VASINFO_SEG_HEAP), "heap"),
		"names: enums, out of range is '?'");
	ktap_ok(strstr(vi_strerror(-ENOENT, 1), "not loaded") &&
		strstr(vi_strerror(-EACCES, 7), "/proc/7/maps") &&
		strstr(vi_strerror(-ESRCH, 9), "no process 9"),
		"errors: module missing, permission and no-process messages say why");
}

int main(void)
{
	ktap_header("vasinfo-client");
	test_parse_addr();
	test_json_writer();
	test_translate_json();
	test_walk_text();
	test_run_json();
	test_usage();
	test_help();
	test_names();
	return ktap_finish();
}
