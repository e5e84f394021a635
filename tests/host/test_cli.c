// SPDX-License-Identifier: MIT
/*
 * Host unit tests of the client: address parsing, the JSON writer, what
 * translate, range, maps and self print for made-up results (every JSON
 * document checked by a small validating parser), the subcommands' usage
 * errors, and the vasinfo binary itself (no device needed for any of it).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../lib/json_valid.h"
#include "../lib/capture.h"
#include "../lib/ktap.h"
#include "../../userspace/cli/cli.h"

static char *xlate_json(const struct vasinfo_xlate *x, size_t n)
{
	struct cap c;

	cli_translate_report(cap_open(&c), 1, 0, x, n, 0);
	return cap_close(&c);
}

static char *xlate_text(const struct vasinfo_xlate *x, unsigned int levels)
{
	struct cap c;

	vi_xlate_text_levels(cap_open(&c), x, 1, levels);
	return cap_close(&c);
}

static char *escaped(const char *s)
{
	struct cap c;

	vj_escape(cap_open(&c), s);
	return cap_close(&c);
}

/* ---- address parsing ---- */

static void test_parse_addr(void)
{
	uint64_t v = 0;

	ktap_ok(!vi_parse_addr("0x7ffd1000", &v) && v == 0x7ffd1000, "addr: hex");
	ktap_ok(!vi_parse_addr("0X7FFD1000", &v) && v == 0x7ffd1000, "addr: upper-case hex");
	ktap_ok(!vi_parse_addr("0xDeadBeef", &v) && v == 0xdeadbeef, "addr: mixed-case hex digits");
	ktap_ok(!vi_parse_addr("4096", &v) && v == 4096, "addr: decimal");
	ktap_ok(!vi_parse_addr("0", &v) && v == 0, "addr: zero");
	ktap_ok(!vi_parse_addr("0xffffffffffffffff", &v) && v == ~0ULL, "addr: 64-bit maximum");
	ktap_ok(!vi_parse_addr("18446744073709551615", &v) && v == ~0ULL, "addr: decimal 64-bit maximum");
	ktap_ok(vi_parse_addr("0x10000000000000000", &v) == -ERANGE, "addr: 65 bits: ERANGE");
	ktap_ok(vi_parse_addr("18446744073709551616", &v) == -ERANGE, "addr: decimal overflow: ERANGE");
	ktap_ok(vi_parse_addr("0x", &v) == -EINVAL, "addr: 0x without digits");
	ktap_ok(vi_parse_addr("", &v) == -EINVAL, "addr: empty");
	ktap_ok(vi_parse_addr("12abc", &v) == -EINVAL, "addr: decimal with letters");
	ktap_ok(vi_parse_addr("0x12g", &v) == -EINVAL, "addr: hex with junk");
	ktap_ok(vi_parse_addr("-1", &v) == -EINVAL, "addr: negative");
	ktap_ok(vi_parse_addr(" 0x10", &v) == -EINVAL && vi_parse_addr("0x10 ", &v) == -EINVAL,
		"addr: leading or trailing space");
	/* Found by tests/fuzz/fuzz_args: ERANGE came before the bad character. */
	ktap_ok(vi_parse_addr("17070870087028702988701=", &v) == -EINVAL &&
		vi_parse_addr("0x1234567890abcdef0g", &v) == -EINVAL,
		"addr: too long and a bad character: EINVAL, not ERANGE");
}

/* ---- the JSON writer ---- */

static void test_json_writer(void)
{
	struct cap c;
	struct vj j;
	char *s;

	vj_init(&j, cap_open(&c));
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
	vj_key(&j, "ea");
	vj_arr(&j);
	vj_arr_end(&j);
	vj_obj_end(&j);
	s = cap_close(&c);
	ktap_ok(!strcmp(s, "{\"s\":\"a\\\"b\\\\c\\n\\u0001\\u007f é\",\"a\":[-1,2,true,null,\"0xff\"],\"e\":{},\"ea\":[]}\n") &&
		json_valid(s), "json: escaping, commas, nesting, one document per line");
	free(s);

	/* Found by tests/fuzz/fuzz_json: past 32 levels commas went missing
	 * and newlines came early. */
	{
		int i;

		vj_init(&j, cap_open(&c));
		for (i = 0; i < 40; i++)
			vj_arr(&j);
		vj_arr(&j);
		vj_arr_end(&j);
		vj_obj(&j);
		vj_obj_end(&j);
		for (i = 0; i < 40; i++) {
			vj_arr_end(&j);
			if (i < 39)
				vj_int(&j, i);
		}
		s = cap_close(&c);
		ktap_ok(json_valid(s) && strchr(s, '\n') == s + strlen(s) - 1 &&
			strstr(s, "[[],{}],0],1]"),
			"json: 41 levels deep, commas right, one newline at the end");
		free(s);
	}

	s = escaped("\"quoted\" back\\slash");
	ktap_ok(!strcmp(s, "\"\\\"quoted\\\" back\\\\slash\""), "json: quotes and backslashes escaped");
	free(s);
	s = escaped("\b\f\t\r\x1f");
	ktap_ok(!strcmp(s, "\"\\u0008\\u000c\\t\\r\\u001f\"") && json_valid(s),
		"json: every control character as an escape");
	free(s);
	s = escaped("/tmp/caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80");
	ktap_ok(!strcmp(s, "\"/tmp/caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"") && json_valid(s),
		"json: UTF-8 of 2, 3 and 4 bytes passes through");
	free(s);
	s = escaped("a\xff" "b\xc3" "c\xc0\xaf" "d\xed\xa0\x80" "e");
	ktap_ok(!strcmp(s, "\"a\\ufffdb\\ufffdc\\ufffd\\ufffdd\\ufffd\\ufffd\\ufffde\"") && json_valid(s),
		"json: bytes that are not UTF-8 (stray, cut, overlong, surrogate) become \\ufffd: %s", s);
	free(s);

	vj_init(&j, cap_open(&c));
	vj_obj(&j);
	vj_key(&j, "k\"ey");
	vj_str(&j, "");
	vj_obj_end(&j);
	s = cap_close(&c);
	ktap_ok(!strcmp(s, "{\"k\\\"ey\":\"\"}\n"), "json: keys are escaped too");
	free(s);

	ktap_ok(!json_valid("{\"a\":1,}") && !json_valid("[\"\x01\"]") && !json_valid("[1] x") &&
		!json_valid("{\"a\" 1}") && json_valid(" [ {\"a\" : [1, -2.5e3, \"\\u00e9\"]} ] "),
		"json: the test's own parser rejects broken documents");
}

static void test_json_kv(void)
{
	struct cap c;
	struct vj j;
	char *s;

	vj_init(&j, cap_open(&c));
	vj_obj(&j);
	vj_kv_str(&j, "s", "x\"y");
	vj_kv_int(&j, "i", -5);
	vj_kv_uint(&j, "u", 18446744073709551615ULL);
	vj_kv_hex(&j, "h", 0xdead);
	vj_kv_bool(&j, "t", 1);
	vj_kv_bool(&j, "f", 0);
	vj_kv_null(&j, "n");
	vj_kv_str(&j, "sn", NULL);
	vj_kv_int_or_null(&j, "i1", -7, 1);
	vj_kv_int_or_null(&j, "i0", -7, 0);
	vj_kv_uint_or_null(&j, "u1", 7, 1);
	vj_kv_uint_or_null(&j, "u0", 7, 0);
	vj_kv_hex_or_null(&j, "h1", 255, 1);
	vj_kv_hex_or_null(&j, "h0", 255, 0);
	vj_obj_end(&j);
	s = cap_close(&c);
	ktap_ok(!strcmp(s, "{\"s\":\"x\\\"y\",\"i\":-5,\"u\":18446744073709551615,\"h\":\"0xdead\","
			"\"t\":true,\"f\":false,\"n\":null,\"sn\":null,\"i1\":-7,\"i0\":null,"
			"\"u1\":7,\"u0\":null,\"h1\":\"0xff\",\"h0\":null}\n") && json_valid(s),
		"json kv: a key and its value in one call; NULL strings and _or_null without a value are null");
	if (!json_valid(s))
		diag("%s", s);
	free(s);

	vj_init(&j, cap_open(&c));
	vj_obj(&j);
	vj_kv_arr(&j, "a");
	vj_uint(&j, 1);
	vj_obj(&j);
	vj_kv_obj(&j, "o");
	vj_obj_end(&j);
	vj_obj_end(&j);
	vj_arr_end(&j);
	vj_kv_obj(&j, "e");
	vj_obj_end(&j);
	vj_kv_uint(&j, "after", 2);
	vj_obj_end(&j);
	s = cap_close(&c);
	ktap_ok(!strcmp(s, "{\"a\":[1,{\"o\":{}}],\"e\":{},\"after\":2}\n") && json_valid(s),
		"json kv: an object or array under a key, left open for its values, commas right after it");
	free(s);
}

/* ---- translate ---- */

static struct vasinfo_xlate present_4k(void)
{
	struct vasinfo_xlate x;

	memset(&x, 0, sizeof(x));
	x.vaddr = 0x55d0c7a01234ULL;
	x.mapped = 1;
	x.state = VASINFO_STATE_PRESENT;
	x.vma_start = 0x55d0c7a00000ULL;
	x.vma_end = 0x55d0c7a02000ULL;
	x.vma_flags = VASINFO_VMA_READ | VASINFO_VMA_EXEC | VASINFO_VMA_FILE;
	x.page_size = 4096;
	x.pfn = 0x1a2b3;
	x.paddr = 0x1a2b3234;
	x.hw = VASINFO_HW_PRESENT | VASINFO_HW_USER | VASINFO_HW_ACCESSED;
	x.page = VASINFO_PAGE_FILE;
	x.refcount = 3;
	x.mapcount = 2;
	x.leaf = VASINFO_LEVEL_PTE;
	x.pagemap = 0xa00000000001a2b3ULL;
	x.levels[0] = (struct vasinfo_entry){ 0x1234067, 171, VASINFO_ENTRY_VALID };
	x.levels[1] = (struct vasinfo_entry){ 0, 0, VASINFO_ENTRY_FOLDED };
	x.levels[2] = (struct vasinfo_entry){ 0x2345067, 3, VASINFO_ENTRY_VALID };
	x.levels[3] = (struct vasinfo_entry){ 0x3456067, 62, VASINFO_ENTRY_VALID };
	x.levels[4] = (struct vasinfo_entry){ 0x800000001a2b3025ULL, 1,
					      VASINFO_ENTRY_VALID | VASINFO_ENTRY_LEAF };
	return x;
}

static struct vasinfo_xlate unmapped(void)
{
	struct vasinfo_xlate x;

	memset(&x, 0, sizeof(x));
	x.vaddr = 0x1000;
	x.state = VASINFO_STATE_UNMAPPED;
	x.refcount = x.mapcount = -1;
	x.page_size = 4096;
	return x;
}

static struct vasinfo_xlate huge_2m(void)
{
	struct vasinfo_xlate x = present_4k();

	x.vaddr = 0x7f0000301234ULL;
	x.page_size = 2 << 20;
	x.pfn = 0x40101;		/* vaddr's 4 KiB page in the 2 MiB frame 0x40000 */
	x.paddr = 0x40101234;
	x.hw |= VASINFO_HW_HUGE;
	x.page = VASINFO_PAGE_ANON | VASINFO_PAGE_THP;
	x.leaf = VASINFO_LEVEL_PMD;
	x.levels[3] = (struct vasinfo_entry){ 0x400000e7, 1, VASINFO_ENTRY_VALID | VASINFO_ENTRY_LEAF };
	x.levels[4].flags = 0;
	return x;
}

static void test_translate_json(void)
{
	static const char *const keys[] = {
		"vaddr", "mapped", "present", "pfn", "paddr", "page_size", "swapped",
		"swap_type", "swap_offset", "levels", "folded", "state", "hw", "page",
		"refcount", "mapcount", "vma", "pagemap", "arch",
	};
	struct vasinfo_xlate x[4];
	char *s, key[32];
	int all = 1;

	x[0] = present_4k();
	s = xlate_json(x, 1);
	for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
		snprintf(key, sizeof(key), "\"%s\":", keys[k]);
		if (!strstr(s, key)) {
			diag("missing %s", key);
			all = 0;
		}
	}
	ktap_ok(all && json_valid(s) && s[0] == '[', "translate json: valid, an array, every contract key");
	ktap_ok(strstr(s, "\"vaddr\":\"0x55d0c7a01234\"") && strstr(s, "\"mapped\":true") &&
		strstr(s, "\"present\":true") && strstr(s, "\"pfn\":107187") &&
		strstr(s, "\"paddr\":\"0x1a2b3234\"") && strstr(s, "\"page_size\":4096") &&
		strstr(s, "\"swapped\":false") && strstr(s, "\"swap_type\":null") &&
		strstr(s, "\"swap_offset\":null") && strstr(s, "\"state\":\"present\"") &&
		strstr(s, "\"vma\":{\"start\":\"0x55d0c7a00000\",\"end\":\"0x55d0c7a02000\",\"perms\":\"r-xp\"}") &&
		strstr(s, "\"prot_none\":false") &&
		strstr(s, "\"pagemap\":\"0xa00000000001a2b3\""),
		"translate json: present 4 KiB page with its frame");
	ktap_ok(strstr(s, "\"levels\":[{\"level\":\"pgd\",\"index\":171,\"entry\":\"0x1234067\",\"leaf\":false},{\"level\":\"pud\"") &&
		strstr(s, "{\"level\":\"pte\",\"index\":1,\"entry\":\"0x800000001a2b3025\",\"leaf\":true}]") &&
		!strstr(s, "\"level\":\"p4d\"") && strstr(s, "\"folded\":[\"p4d\"]"),
		"translate json: levels down to the leaf, folded p4d left out and named");
	ktap_ok(strstr(s, "\"hw\":[\"present\",\"user\",\"accessed\"]") &&
		strstr(s, "\"page\":[\"file\"]") && strstr(s, "\"refcount\":3") &&
		strstr(s, "\"mapcount\":2"),
		"translate json: decoded flags and counts");
	free(s);

	x[0].pfn = VASINFO_HIDDEN;
	x[0].paddr = VASINFO_HIDDEN;
	s = xlate_json(x, 1);
	ktap_ok(strstr(s, "\"pfn\":null") && strstr(s, "\"paddr\":null") &&
		strstr(s, "\"pfn_hidden\":true") && strstr(s, "\"present\":true") && json_valid(s),
		"translate json: hidden frame is null, still present");
	free(s);

	x[1] = unmapped();
	s = xlate_json(&x[1], 1);
	ktap_ok(strstr(s, "\"mapped\":false") && strstr(s, "\"levels\":[]") &&
		strstr(s, "\"vma\":null") && strstr(s, "\"pfn\":null") &&
		strstr(s, "\"paddr\":null") && strstr(s, "\"refcount\":null") &&
		strstr(s, "\"mapcount\":null") && strstr(s, "\"hw\":[]") &&
		strstr(s, "\"folded\":[]") && strstr(s, "\"state\":\"unmapped\"") && json_valid(s),
		"translate json: unmapped address");
	free(s);

	x[2] = present_4k();
	x[2].state = VASINFO_STATE_SWAP;
	x[2].pfn = 0;
	x[2].paddr = 0;
	x[2].swap_type = 1;
	x[2].swap_offset = 0x42;
	s = xlate_json(&x[2], 1);
	ktap_ok(strstr(s, "\"swapped\":true") && strstr(s, "\"swap_type\":1") &&
		strstr(s, "\"swap_offset\":66") && strstr(s, "\"present\":false") &&
		strstr(s, "\"pfn\":null") && strstr(s, "\"paddr\":null") && json_valid(s),
		"translate json: swapped page with type and offset, no frame");
	free(s);

	x[2].state = VASINFO_STATE_MIGRATION;
	x[2].swap_type = x[2].swap_offset = VASINFO_HIDDEN;
	s = xlate_json(&x[2], 1);
	ktap_ok(strstr(s, "\"swapped\":false") && strstr(s, "\"swap_type\":null") &&
		strstr(s, "\"swap_offset\":null") && strstr(s, "\"state\":\"migration\""),
		"translate json: hidden swap location is null");
	free(s);

	x[3] = huge_2m();
	s = xlate_json(&x[3], 1);
	ktap_ok(strstr(s, "\"page_size\":2097152") &&
		strstr(s, "{\"level\":\"pmd\",\"index\":1,\"entry\":\"0x400000e7\",\"leaf\":true}]") &&
		strstr(s, "\"pfn\":262401") && strstr(s, "\"page\":[\"anon\",\"thp\"]") && json_valid(s),
		"translate json: 2 MiB leaf at the pmd ends the levels");
	free(s);

	x[0] = present_4k();
	x[0].levels[1] = (struct vasinfo_entry){ 0x5555067, 255, VASINFO_ENTRY_VALID };
	s = xlate_json(x, 4);
	ktap_ok(json_valid(s) && strstr(s, "{\"level\":\"p4d\",\"index\":255") &&
		strstr(s, "\"folded\":[]") && strstr(s, "},{\"vaddr\":\"0x1000\""),
		"translate json: four objects in one valid array; a 5-level p4d is listed");
	free(s);

	s = xlate_json(x, 0);
	ktap_ok(!strcmp(s, "[]\n"), "translate json: no results, an empty array");
	free(s);
}

static void test_walk_text(void)
{
	struct vasinfo_xlate x = present_4k();
	char *s;

	s = xlate_text(&x, 0);
	ktap_ok(strstr(s, "pgd  bits 47-39  index 171  entry 0x0000000001234067") &&
		strstr(s, "p4d folded into pgd (4-level paging)") &&
		strstr(s, "pud  bits 38-30  index   3") && strstr(s, "pmd  bits 29-21  index  62") &&
		strstr(s, "pte  bits 20-12  index   1  entry 0x800000001a2b3025  <- leaf") &&
		strstr(s, "offset bits 11-0 = 0x234") &&
		strstr(s, "leaf bits: present user accessed") &&
		strstr(s, "vaddr 0x55d0c7a01234 -> frame 0x1a2b3 + offset 0x234 = paddr 0x1a2b3234") &&
		strstr(s, "page: refcount 3, mapcount 2; file"),
		"translate -v: bits, indices, entries, leaf bits and the sum vaddr -> paddr");
	ktap_ok(strstr(s, "0x000055d0c7a01234  present   pfn 0x1a2b3 paddr 0x1a2b3234") &&
		strstr(s, "4 KiB  file\n"), "translate: the one-line summary has pfn and paddr");
	free(s);

	x.levels[1] = (struct vasinfo_entry){ 0x5555067, 255, VASINFO_ENTRY_VALID };
	s = xlate_text(&x, 0);
	ktap_ok(strstr(s, "pgd  bits 56-48  index 171") && strstr(s, "p4d  bits 47-39  index 255") &&
		!strstr(s, "folded"), "translate -v: 5-level paging: pgd bits 56-48, p4d 47-39");
	free(s);

	x = present_4k();
	x.state = VASINFO_STATE_NO_TABLE;
	x.pfn = x.paddr = 0;
	x.refcount = x.mapcount = -1;
	x.page = 0;
	x.levels[1].flags = x.levels[2].flags = x.levels[3].flags = x.levels[4].flags = 0;
	x.levels[0].value = 0;
	s = xlate_text(&x, 4);
	ktap_ok(strstr(s, "pgd  bits 47-39") && !strstr(s, "pud") &&
		strstr(s, "not present (no_table): the pgd entry is empty") &&
		strstr(s, "pfn - paddr -") && !strstr(s, "page:"),
		"translate -v: empty pgd with the levels from vi_version, says why not present");
	free(s);
	s = xlate_text(&x, 5);
	ktap_ok(!!strstr(s, "pgd  bits 56-48"), "translate -v: same with 5 levels: pgd bits 56-48");
	free(s);

	x = huge_2m();
	s = xlate_text(&x, 4);
	ktap_ok(strstr(s, "pmd  bits 29-21  index   1  entry 0x00000000400000e7  <- leaf") &&
		!strstr(s, "pte ") && strstr(s, "offset bits 20-0 = 0x101234") &&
		strstr(s, "-> frame 0x40000 + offset 0x101234 = paddr 0x40101234") &&
		strstr(s, "frames 0x40000-0x401ff") && strstr(s, "2 MiB"),
		"translate -v: 2 MiB leaf: offset is bits 20-0, frame of the whole page");
	free(s);

	x.page_size = 1ULL << 30;
	x.vaddr = 0x7f0040101234ULL;
	x.levels[2].flags |= VASINFO_ENTRY_LEAF;
	x.levels[3].flags = 0;
	s = xlate_text(&x, 4);
	ktap_ok(strstr(s, "offset bits 29-0 = 0x101234") && strstr(s, "<- leaf") &&
		!strstr(s, "pmd ") && strstr(s, "1 GiB"),
		"translate -v: 1 GiB leaf at the pud: offset is bits 29-0");
	free(s);

	x = present_4k();
	x.pfn = x.paddr = VASINFO_HIDDEN;
	s = xlate_text(&x, 0);
	ktap_ok(strstr(s, "pfn hidden paddr hidden") && strstr(s, "frame: hidden") &&
		!strstr(s, "= paddr"), "translate -v: hidden frame says so, no sum");
	free(s);

	x = present_4k();
	x.state = VASINFO_STATE_SWAP;
	x.pfn = x.paddr = 0;
	x.swap_type = 0;
	x.swap_offset = 0x42;
	s = xlate_text(&x, 0);
	ktap_ok(strstr(s, "swap 0:0x42") && strstr(s, "not present (swap): swapped out") &&
		strstr(s, "swap type 0, offset 0x42"), "translate -v: swapped page: where in swap");
	free(s);

	x = unmapped();
	s = xlate_text(&x, 0);
	ktap_ok(strstr(s, "unmapped") && strstr(s, "no VMA covers this address") &&
		!strstr(s, "bits"), "translate -v: unmapped address, nothing to walk");
	free(s);

	/* PROT_NONE: untouched, and kept in memory (pagemap: present). */
	x = present_4k();
	x.vma_flags = 0;
	x.state = VASINFO_STATE_NONE;
	x.pfn = x.paddr = 0;
	x.levels[4].value = 0;
	s = xlate_text(&x, 4);
	ktap_ok(strstr(s, "VMA 0x55d0c7a00000-0x55d0c7a02000 ---p  PROT_NONE: every access faults") &&
		strstr(s, "not present (none): empty entry") &&
		strstr(s, "and it cannot be touched: the region is PROT_NONE"),
		"translate -v: untouched page of a PROT_NONE region says both");
	free(s);
	x = present_4k();
	x.vma_flags = VASINFO_VMA_SHARED;
	x.hw = VASINFO_HW_PROTNONE | VASINFO_HW_USER | VASINFO_HW_ACCESSED;
	s = xlate_text(&x, 4);
	ktap_ok(strstr(s, "---s  PROT_NONE: every access faults") &&
		strstr(s, "leaf bits: user accessed") && strstr(s, "protnone") &&
		!strstr(s, "cannot be touched"),
		"translate -v: a PROT_NONE page kept in memory: present, protnone bit, region says PROT_NONE");
	free(s);
	s = xlate_json(&x, 1);
	ktap_ok(strstr(s, "\"perms\":\"---s\"") && strstr(s, "\"prot_none\":true") &&
		strstr(s, "\"present\":true"),
		"translate json: prot_none true and the VMA's perms for a PROT_NONE region");
	free(s);
}

/* ---- range, maps, self ---- */

static void test_range(void)
{
	struct vasinfo_run r[3] = {
		{ 0x400000, 512, 2 << 20, 0x1000, VASINFO_STATE_PRESENT, 0,
		  VASINFO_PAGE_ANON | VASINFO_PAGE_THP, 0, 0 },
		{ 0x600000, 2, 4096, 0, VASINFO_STATE_SWAP, 0, VASINFO_PAGE_ANON, 1, 0x99 },
		{ 0x602000, 14, 4096, VASINFO_HIDDEN, VASINFO_STATE_PRESENT, 0, 0, 0, 0 },
	};
	struct vi_range_totals tot = { 526, 2, 0 };
	struct cap c;
	struct vj j;
	char *s;

	vj_init(&j, cap_open(&c));
	vj_run(&j, &r[0]);
	s = cap_close(&c);
	ktap_ok(!strcmp(s, "{\"start\":\"0x400000\",\"end\":\"0x600000\",\"pages\":512,\"page_size\":2097152,\"state\":\"present\",\"pfn\":4096,\"swap_type\":null,\"swap_offset\":null,\"page\":[\"anon\",\"thp\"]}\n"),
		"range json: one run exactly");
	free(s);

	cli_range_report(cap_open(&c), 1, r, 3, &tot);
	s = cap_close(&c);
	ktap_ok(json_valid(s) && !strncmp(s, "{\"runs\":[{", 10) &&
		strstr(s, "\"state\":\"swap\",\"pfn\":null,\"swap_type\":1,\"swap_offset\":153") &&
		strstr(s, "\"start\":\"0x602000\",\"end\":\"0x610000\",\"pages\":14,\"page_size\":4096,\"state\":\"present\",\"pfn\":null") &&
		strstr(s, "\"totals\":{\"present\":526,\"swapped\":2,\"none\":0,\"runs\":3}}"),
		"range json: runs (swap, hidden frame) and totals");
	free(s);

	cli_range_report(cap_open(&c), 0, r, 3, &tot);
	s = cap_close(&c);
	ktap_ok(strstr(s, "000000400000-000000600000      512  2 MiB  present   0x1000") &&
		strstr(s, "000000602000-000000610000       14  4 KiB  present   hidden") &&
		strstr(s, "swap      -") &&
		strstr(s, "3 runs: 526 present, 2 swapped, 0 not present pages"),
		"range text: runs with frame, hidden or -, and totals");
	free(s);
}

static void test_maps(void)
{
	struct vasinfo_vma v[2];
	struct cli_counts cnt[2] = { { 2, 0, 0 }, { 512, 1, 512 } };
	struct cap c;
	char *s;

	memset(v, 0, sizeof(v));
	v[0] = (struct vasinfo_vma){ .start = 0x400000, .end = 0x402000, .offset = 0x1000,
				     .inode = 155, .dev_major = 0xfe, .dev_minor = 1,
				     .flags = VASINFO_VMA_READ | VASINFO_VMA_EXEC | VASINFO_VMA_FILE,
				     .segment = VASINFO_SEG_CODE };
	strcpy(v[0].name, "/bin/we\"ird\nname\xff");
	v[1] = (struct vasinfo_vma){ .start = 0x7f0000000000ULL, .end = 0x7f0000200000ULL,
				     .flags = VASINFO_VMA_READ | VASINFO_VMA_WRITE,
				     .segment = VASINFO_SEG_ANON };
	strcpy(v[1].name, "[anon]");

	cli_maps_report(cap_open(&c), 1, v, 2, cnt);
	s = cap_close(&c);
	ktap_ok(json_valid(s) &&
		strstr(s, "{\"start\":\"0x400000\",\"end\":\"0x402000\",\"size\":8192,\"perms\":\"r-xp\",\"segment\":\"code\",\"offset\":4096,\"dev\":\"fe:01\",\"inode\":155,\"name\":\"/bin/we\\\"ird\\nname\\ufffd\",\"resident\":2,\"swapped\":0,\"huge\":0}") &&
		strstr(s, "\"perms\":\"rw-p\",\"segment\":\"anon\"") && strstr(s, "\"huge\":512}]"),
		"maps json: every field, counts, and an awkward name escaped");
	free(s);

	cli_maps_report(cap_open(&c), 1, v, 2, NULL);
	s = cap_close(&c);
	ktap_ok(json_valid(s) && !strstr(s, "resident"), "maps json: no counts without --counts");
	free(s);

	cli_maps_report(cap_open(&c), 0, v, 2, cnt);
	s = cap_close(&c);
	ktap_ok(strstr(s, "0000000000400000         8 r-xp code    00001000 fe:01 155") &&
		strstr(s, "   2048K       4K    2048K [anon]") &&
		strstr(s, "total                 2056") && strstr(s, "2056K       4K    2048K  (2 regions)"),
		"maps text: regions, counts in KiB and the totals footer");
	free(s);
}

/* COUNTS elements summed into the regions the client read before. */
static void test_counts_assign(void)
{
	struct vasinfo_vma v[3];
	struct vasinfo_vma_counts e[5];
	struct cli_counts c[3];

	memset(v, 0, sizeof(v));
	memset(e, 0, sizeof(e));
	v[0].start = 0x1000, v[0].end = 0x5000;
	v[1].start = 0x8000, v[1].end = 0x10000;
	v[2].start = 0x20000, v[2].end = 0x30000;
	/* v[0] whole; v[1] in two pieces; one element in a hole; none for v[2]. */
	e[0] = (struct vasinfo_vma_counts){ .start = 0x1000, .end = 0x5000, .present = 3, .swapped = 1 };
	e[1] = (struct vasinfo_vma_counts){ .start = 0x6000, .end = 0x7000, .present = 1 };
	e[2] = (struct vasinfo_vma_counts){ .start = 0x8000, .end = 0xc000, .present = 2, .huge = 2 };
	e[3] = (struct vasinfo_vma_counts){ .start = 0xc000, .end = 0x10000, .present = 4 };
	e[4] = (struct vasinfo_vma_counts){ .start = 0x40000, .end = 0x41000, .present = 9 };
	memset(c, 0xff, sizeof(c));
	cli_counts_assign(v, 3, e, 5, c);
	ktap_ok(c[0].resident == 3 && c[0].swapped == 1 && c[0].huge == 0 &&
		c[1].resident == 6 && c[1].huge == 2 && c[1].swapped == 0 &&
		c[2].resident == 0 && c[2].swapped == 0 && c[2].huge == 0,
		"maps --counts: COUNTS elements summed into their regions, those outside every region dropped (%llu %llu %llu)",
		(unsigned long long)c[0].resident, (unsigned long long)c[1].resident,
		(unsigned long long)c[2].resident);
}

/* The module says how large its pages are: every count in pages follows. */
static void test_page_size(void)
{
	struct vasinfo_run r = { 0x400000, 3, 16384, 0x10, VASINFO_STATE_PRESENT, 0, 0, 0, 0 };
	struct vasinfo_vma v;
	struct cli_counts cnt = { 2, 1, 0 };
	uint64_t start = 0, end = 0;
	int rounded = 0, rc;
	struct cap c;
	struct vj j;
	char *s;

	ktap_ok(vi_page_size() == (uint64_t)sysconf(_SC_PAGESIZE),
		"page size: before a module has said, this process's (%llu)",
		(unsigned long long)vi_page_size());

	vi_set_page_shift(14);		/* as VERSION's page_shift on a 16 KiB kernel */
	vi_set_page_shift(0);		/* nonsense is not taken */
	ktap_ok(vi_page_size() == 16384 && vi_page_shift() == 14,
		"page size: the module's page_shift 14 is 16 KiB pages");
	rc = cli_range_bounds("0x5000", "0x9001", &start, &end, &rounded);
	ktap_ok(rc == CLI_RANGE_OK && start == 0x4000 && end == 0xc000 && rounded,
		"page size 16 KiB: range rounds out to 16 KiB pages (%#llx-%#llx)",
		(unsigned long long)start, (unsigned long long)end);

	vj_init(&j, cap_open(&c));
	vj_run(&j, &r);
	s = cap_close(&c);
	ktap_ok(strstr(s, "\"start\":\"0x400000\",\"end\":\"0x40c000\",\"pages\":3") != NULL,
		"page size 16 KiB: a run of 3 pages ends 48 KiB on");
	free(s);

	memset(&v, 0, sizeof(v));
	v.start = 0x400000;
	v.end = 0x410000;
	v.flags = VASINFO_VMA_READ;
	strcpy(v.name, "[anon]");
	cli_maps_report(cap_open(&c), 0, &v, 1, &cnt);
	s = cap_close(&c);
	ktap_ok(strstr(s, "     32K      16K       0K [anon]") != NULL,
		"page size 16 KiB: maps --counts gives 2 resident pages as 32K");
	if (!strstr(s, "32K"))
		diag("%s", s);
	free(s);
	vi_set_page_shift(12);
}

static void test_self(void)
{
	struct vasinfo_xlate x[3];
	struct vasinfo_vma v[2];
	struct cap c;
	char *s;

	memset(v, 0, sizeof(v));
	x[0] = present_4k();
	x[1] = present_4k();
	x[1].vaddr = 0x7f0000000010ULL;
	x[1].pfn = x[1].paddr = VASINFO_HIDDEN;
	x[2] = present_4k();
	x[2].vaddr = 0x7ffd00000aa4ULL;
	x[2].state = VASINFO_STATE_NONE;
	v[0] = (struct vasinfo_vma){ .start = 0x55d0c7a00000ULL, .end = 0x55d0c7a02000ULL,
				     .segment = VASINFO_SEG_CODE };
	strcpy(v[0].name, "/usr/bin/vasinfo");
	v[1] = (struct vasinfo_vma){ .start = 0x7ffd00000000ULL, .end = 0x7ffd00021000ULL,
				     .segment = VASINFO_SEG_STACK };
	strcpy(v[1].name, "[stack]");

	cli_self_report(cap_open(&c), 0, 0, 42, x, v, 2, 4);
	s = cap_close(&c);
	ktap_ok(strstr(s, "pid 42") &&
		strstr(s, "location of code  (main)      : 0x55d0c7a01234   [code, /usr/bin/vasinfo]") &&
		strstr(s, "is really at physical 0x1a2b3234 (frame 0x1a2b3, 4 KiB page)") &&
		strstr(s, "location of heap  (malloc)    : 0x7f0000000010   [no region]") &&
		strstr(s, "run as root to see frames: the kernel hides them like /proc/PID/pagemap") &&
		strstr(s, "location of stack (local var) : 0x7ffd00000aa4   [stack, [stack]]") &&
		strstr(s, "not in memory: none") && strstr(s, "Every address you see is virtual"),
		"self: code, heap, stack with region, frame or why hidden, closing line");
	free(s);

	cli_self_report(cap_open(&c), 1, 0, 42, x, v, 2, 4);
	s = cap_close(&c);
	ktap_ok(json_valid(s) && strstr(s, "{\"pid\":42,\"addresses\":[{\"what\":\"code\",\"source\":\"main\",\"region\":{\"segment\":\"code\",\"name\":\"/usr/bin/vasinfo\"},\"vaddr\":\"0x55d0c7a01234\"") &&
		strstr(s, "\"region\":null,\"vaddr\":\"0x7f0000000010\"") && strstr(s, "\"what\":\"stack\""),
		"self json: one valid object, the three addresses with their regions");
	free(s);

	cli_self_report(cap_open(&c), 0, 1, 42, x, v, 2, 4);
	s = cap_close(&c);
	ktap_ok(strstr(s, "pte  bits 20-12") && strstr(s, "= paddr 0x1a2b3234"), "self -v: the walks");
	free(s);
}

/* ---- the subcommands' options and operands, no device ---- */

/* One line "vasinfo: ...", naming the help to read. */
static int usage_line(const char *err, const char *cmd)
{
	char want[64];

	snprintf(want, sizeof(want), "(try 'vasinfo %s --help')\n", cmd);
	return !strncmp(err, "vasinfo: ", 9) && strchr(err, '\n') == err + strlen(err) - 1 &&
	       strstr(err, want);
}

static void test_usage(void)
{
	static const struct {
		int (*fn)(int, char **);
		const char *argv[6];
		const char *what;
	} cases[] = {
		{ cmd_translate, { "translate" }, "translate without operands" },
		{ cmd_translate, { "translate", "1" }, "translate without an address" },
		{ cmd_translate, { "translate", "1", "0xzz" }, "translate with a bad address" },
		{ cmd_translate, { "translate", "1", "0x" }, "translate with 0x and no digits" },
		{ cmd_translate, { "translate", "1", "0x10000000000000000" }, "translate with a 65-bit address" },
		{ cmd_translate, { "translate", "pid", "0x1000" }, "translate with a bad pid" },
		{ cmd_translate, { "translate", "--frobnicate", "1", "2" }, "an unknown long option" },
		{ cmd_translate, { "translate", "-x", "1", "2" }, "an unknown short option" },
		{ cmd_translate, { "translate", "--json=yes", "1", "2" }, "an option given a value" },
		{ cmd_range, { "range", "1", "0x2000", "0x1000" }, "range END below START" },
		{ cmd_range, { "range", "1", "0x2000", "0x2000" }, "range END equal to START" },
		{ cmd_range, { "range", "1", "0x2000" }, "range without END" },
		{ cmd_range, { "range", "1", "0x1000", "junk" }, "range with a bad END" },
		{ cmd_range, { "range", "-5", "0", "1" }, "a negative pid" },
		{ cmd_maps, { "maps", "x" }, "maps with a non-numeric pid" },
		{ cmd_maps, { "maps", "1", "2" }, "maps with two pids" },
		{ cmd_maps, { "maps" }, "maps without a pid" },
		{ cmd_maps, { "maps", "99999999999" }, "maps with a pid too large" },
		{ cmd_maps, { "maps", "--counts", "--verbose", "1" }, "an option another command takes (-v for maps)" },
		{ cmd_range, { "range", "--counts", "1", "0", "4096" }, "--counts for range" },
		{ cmd_self, { "self", "extra" }, "self with an operand" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int argc = 0, rc;
		char *out, *err;

		while (cases[i].argv[argc])
			argc++;
		rc = cap_run(cases[i].fn, argc, cases[i].argv, &out, &err);
		ktap_ok(rc == 2 && usage_line(err, cases[i].argv[0]) && !*out,
			"usage: %s exits 2 with one line", cases[i].what);
		if (rc != 2 || !usage_line(err, cases[i].argv[0]))
			diag("rc %d: %s", rc, err);
		free(out);
		free(err);
	}
}

static void test_operands(void)
{
	const char *a1[] = { "translate", "1", "0x1000", "--json", NULL };
	const char *a2[] = { "translate", "--", "1", "4096", NULL };
	const char *a3[] = { "range", "0", "0x1001", "0x2001", NULL };
	const char *a4[] = { "translate", "0", "0x1000", "-h", NULL };
	int dev = access(VASINFO_DEVICE, F_OK) == 0, rc;
	char *out, *err;

	rc = cap_run(cmd_translate, 4, a1, NULL, NULL);
	ktap_ok(rc != 2, "options: --json after the operands is an option (exit %d)", rc);
	rc = cap_run(cmd_translate, 4, a2, NULL, NULL);
	ktap_ok(rc != 2, "options: -- ends the options (exit %d)", rc);
	rc = cap_run(cmd_range, 4, a3, NULL, &err);
	ktap_ok(rc != 2 && strstr(err, "rounded out to whole pages: 0x1000-0x3000"),
		"range: unaligned START/END rounded out, and it says so");
	free(err);
	rc = cap_run(cmd_translate, 4, a4, &out, NULL);
	ktap_ok(rc == 0 && !strncmp(out, "usage: vasinfo translate", 24),
		"options: -h anywhere prints the help");
	free(out);
	if (dev) {
		ktap_skip("no device: module-not-loaded message", "%s exists", VASINFO_DEVICE);
		return;
	}
	rc = cap_run(cmd_translate, 4, a1, &out, &err);
	ktap_ok(rc == 1 && !*out && !strncmp(err, "vasinfo: ", 9) && strstr(err, "not loaded") &&
		strstr(err, "sudo modprobe vasinfo") && strchr(err, '\n') == err + strlen(err) - 1,
		"no device: exit 1, one line saying the module is not loaded and how to load it");
	free(out);
	free(err);
}

static void test_help(void)
{
	static const char *const cmds[] = { "maps", "translate", "range", "self" };
	int (*fns[])(int, char **) = { cmd_maps, cmd_translate, cmd_range, cmd_self };

	for (int i = 0; i < 4; i++) {
		const char *argv[] = { cmds[i], i == 2 ? "-h" : "--help", NULL };
		char *out, *err, want[64];
		int rc = cap_run(fns[i], 2, argv, &out, &err);

		snprintf(want, sizeof(want), "usage: vasinfo %s ", cmds[i]);
		ktap_ok(rc == 0 && !strncmp(out, want, strlen(want)) && strstr(out, "--json") &&
			!*err, "%s --help: usage on stdout, exit 0", cmds[i]);
		free(out);
		free(err);
	}
}

static void test_names(void)
{
	char buf[128];

	vi_hw_names(VASINFO_HW_PRESENT | VASINFO_HW_NX | (1ULL << 50) | VASINFO_HW_ARM64_CONT |
		    VASINFO_HW_ARM64_SH_VALID | (3ULL << VASINFO_HW_ARM64_SH_SHIFT), buf, sizeof(buf));
	ktap_ok(!strcmp(buf, "present nx cont bit50 sh_inner"),
		"names: hw bits, arm64's bits and SH field, unknown bit named by number: %s", buf);
	ktap_ok(vi_page_names(~0ULL, buf, 16) == -ENOSPC, "names: a short buffer is reported");
	ktap_ok(!strcmp(vi_state_name(99), "?") && !strcmp(vi_level_name(4), "pte") &&
		!strcmp(vi_segment_name(VASINFO_SEG_HEAP), "heap"),
		"names: enums, out of range is '?'");
	ktap_ok(strstr(vi_strerror(-ENOENT, 1), "not loaded") &&
		strstr(vi_strerror(-EACCES, 7), "/proc/7/maps") &&
		strstr(vi_strerror(-ESRCH, 9), "no process 9"),
		"errors: module missing, permission and no-process messages say why");
}

/* ---- the binary, next to this test: ../vasinfo ---- */

static char vasinfo_bin[PATH_MAX + 16];

/* Run the binary with @args (a shell word list); its exit status, output in @out. */
static int sh(char *out, size_t len, const char *args)
{
	char cmd[PATH_MAX + 256];

	snprintf(cmd, sizeof(cmd), "'%s' %s 2>&1", vasinfo_bin, args);
	return cap_popen(cmd, out, len);
}

static void test_binary(void)
{
	char self[PATH_MAX], out[8192], *slash;
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	int rc;

	if (n > 0) {
		self[n] = '\0';
		slash = strrchr(self, '/');
		*slash = '\0';
		slash = strrchr(self, '/');	/* .../tests -> ... */
		if (slash)
			*slash = '\0';
		snprintf(vasinfo_bin, sizeof(vasinfo_bin), "%s/vasinfo", self);
	}
	if (n <= 0 || access(vasinfo_bin, X_OK)) {
		/* The six cases below, each skipped: the plan counts them. */
		for (int i = 0; i < 6; i++)
			ktap_skip("binary", "no vasinfo next to the tests");
		return;
	}
	rc = sh(out, sizeof(out), "--help");
	ktap_ok(rc == 0 && !strncmp(out, "usage: vasinfo COMMAND", 22) && strstr(out, "translate PID ADDR"),
		"vasinfo --help: exit 0");
	rc = sh(out, sizeof(out), "--version");
	ktap_ok(rc == 0 && !strncmp(out, "vasinfo " VASINFO_VERSION, 8 + strlen(VASINFO_VERSION)),
		"vasinfo --version: the client's version, exit 0");
	rc = sh(out, sizeof(out), "");
	ktap_ok(rc == 2 && strstr(out, "try 'vasinfo --help'"), "vasinfo alone: exit 2");
	rc = sh(out, sizeof(out), "bogus");
	ktap_ok(rc == 2 && strstr(out, "unknown command 'bogus'"), "vasinfo bogus: exit 2");
	rc = sh(out, sizeof(out), "translate");
	ktap_ok(rc == 2 && strstr(out, "try 'vasinfo translate --help'") &&
		!strchr(out, '\n')[1], "vasinfo translate: exit 2, one line");
	if (access(VASINFO_DEVICE, F_OK) == 0) {
		ktap_skip("vasinfo translate 1 0x1000 without the module", "%s exists", VASINFO_DEVICE);
		return;
	}
	rc = sh(out, sizeof(out), "translate 1 0x1000");
	ktap_ok(rc == 1 && !strncmp(out, "vasinfo: ", 9) && strstr(out, "module is not loaded") &&
		!strchr(out, '\n')[1], "vasinfo translate 1 0x1000 without the module: exit 1, one line");
}

int main(void)
{
	ktap_header("vasinfo-client");
	ktap_plan(105);
	test_parse_addr();
	test_json_writer();
	test_json_kv();
	test_page_size();
	test_translate_json();
	test_walk_text();
	test_range();
	test_maps();
	test_counts_assign();
	test_self();
	test_usage();
	test_operands();
	test_help();
	test_names();
	test_binary();
	return ktap_finish();
}
