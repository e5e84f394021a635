// SPDX-License-Identifier: GPL-2.0
/*
 * vasinfo_command: the "pid N" and "self" commands written to /dev/vasinfo
 * (vasinfo_parse_command()).
 */
#include <kunit/test.h>
#include <linux/errno.h>

#include "internal.h"
#include "helpers.h"

static int parse(const char *s, size_t len, int *nr)
{
	*nr = -99;
	return vasinfo_parse_command(s, len, nr);
}

#define CMD_OK(name, str, want)                                             \
	static void cmd_##name(struct kunit *test)                          \
	{                                                                   \
		int nr;                                                     \
		KUNIT_EXPECT_EQ(test, parse(str, sizeof(str) - 1, &nr), 0); \
		KUNIT_EXPECT_EQ(test, nr, want);                            \
	}
#define CMD_BAD(name, str)                                              \
	static void cmd_##name(struct kunit *test)                      \
	{                                                               \
		int nr;                                                 \
		KUNIT_EXPECT_EQ(test, parse(str, sizeof(str) - 1, &nr), \
				-EINVAL);                               \
	}

CMD_OK(pid_newline, "pid 42\n", 42)
CMD_OK(pid_bare, "pid 7", 7)
CMD_OK(self_newline, "self\n", 0)
CMD_OK(self_bare, "self", 0)
CMD_BAD(empty, "")
CMD_BAD(zero, "pid 0\n")
CMD_BAD(negative, "pid -3\n")
CMD_BAD(trailing_junk, "pid 4x\n")
CMD_BAD(two_newlines, "pid 1\n\n")
CMD_BAD(embedded_nul, "pid 1\0")
CMD_BAD(no_space, "pid5\n")
CMD_BAD(overflow, "pid 99999999999\n")
CMD_BAD(leading_space, " pid 1\n")
CMD_BAD(too_long, "pid 0000000000000000000000000001\n")

static struct kunit_case command_cases[] = {
	KUNIT_CASE(cmd_pid_newline),
	KUNIT_CASE(cmd_pid_bare),
	KUNIT_CASE(cmd_self_newline),
	KUNIT_CASE(cmd_self_bare),
	KUNIT_CASE(cmd_empty),
	KUNIT_CASE(cmd_zero),
	KUNIT_CASE(cmd_negative),
	KUNIT_CASE(cmd_trailing_junk),
	KUNIT_CASE(cmd_two_newlines),
	KUNIT_CASE(cmd_embedded_nul),
	KUNIT_CASE(cmd_no_space),
	KUNIT_CASE(cmd_overflow),
	KUNIT_CASE(cmd_leading_space),
	KUNIT_CASE(cmd_too_long),
	{},
};

struct kunit_suite vasinfo_command_suite = {
	.name = "vasinfo_command",
	.test_cases = command_cases,
};
