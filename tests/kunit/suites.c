// SPDX-License-Identifier: GPL-2.0
/*
 * The KUnit suites of a test build of vasinfo.ko (make VASINFO_KUNIT=1, see
 * Kbuild), run by the module's init; results are KTAP on the console.
 *
 * Not kunit_test_suites(): KUnit runs those while the module is still
 * coming (6.1), before its init has registered /dev/vasinfo, which three of
 * the suites open.
 */
#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/module.h>

#include "internal.h"
#include "helpers.h"

static struct kunit_suite *vasinfo_suites[] = {
	&vasinfo_command_suite, &vasinfo_permission_suite,
	&vasinfo_request_suite, &vasinfo_runs_suite,
	&vasinfo_decode_suite,	&vasinfo_report_line_suite,
	&vasinfo_walk_suite,	&vasinfo_range_suite,
};

/**
 * vasinfo_kunit_run - run every suite
 *
 * Context: vasinfo_init(), once /dev/vasinfo exists, in the insmod process
 * whose address space the suites borrow.
 *
 * Return: nothing; the results are KTAP in the kernel log.
 */
void vasinfo_kunit_run(void)
{
	__kunit_test_suites_init(vasinfo_suites, ARRAY_SIZE(vasinfo_suites));
}

/**
 * vasinfo_kunit_exit - free the suites' logs and debugfs files
 *
 * Context: vasinfo_exit().
 *
 * Return: nothing.
 */
void vasinfo_kunit_exit(void)
{
	__kunit_test_suites_exit(vasinfo_suites, ARRAY_SIZE(vasinfo_suites));
}

/* modinfo says so, and loading it taints the kernel (N), as tests do. */
MODULE_INFO(test, "Y");
