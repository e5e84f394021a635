/* SPDX-License-Identifier: MIT */
/* The vasinfo client: one function per subcommand, shared helpers. */
#ifndef VASINFO_CLI_H
#define VASINFO_CLI_H

#include <stdio.h>
#include <sys/types.h>

#include "json.h"
#include "libvasinfo.h"

enum { EXIT_OK = 0, EXIT_USER = 1, EXIT_USAGE = 2 };

struct cli_opts {
	int json, verbose, counts, help;
};

/*
 * Parse the options every subcommand shares; the operands are left in
 * argv[*first..argc). Returns EXIT_OK or EXIT_USAGE (message printed).
 */
int cli_parse(const char *cmd, int argc, char **argv, struct cli_opts *o,
	      const char *accepted, int *first);
int cli_usage_error(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int cli_user_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Parse a pid operand (0 and up). */
int cli_pid(const char *cmd, const char *s, pid_t *pid);
/*
 * The parsers behind the operands, quiet (the fuzzers in tests/fuzz/ call
 * them). cli_parse_pid: decimal, 0..CLI_PID_MAX, the whole string; returns 0
 * or -EINVAL.
 */
#define CLI_PID_MAX 0x3fffffff
int cli_parse_pid(const char *s, pid_t *pid);
/*
 * range's START and END: addresses as vi_parse_addr() takes them, END above
 * START, rounded out to whole pages (*rounded set when that changed them).
 * On CLI_RANGE_TOO_HIGH, *end is END as given.
 */
enum cli_range_err {
	CLI_RANGE_OK,
	CLI_RANGE_BAD_START,	/* not an address */
	CLI_RANGE_BAD_END,
	CLI_RANGE_EMPTY,	/* END <= START */
	CLI_RANGE_TOO_HIGH,	/* END cannot be rounded up to a page */
};
enum cli_range_err cli_range_bounds(const char *s, const char *e,
				    uint64_t *start, uint64_t *end,
				    int *rounded);
/* Open the device or say why not. Returns the fd or -1 (message printed). */
int cli_open(void);
/* Paging levels (4 or 5) the module reports, 0 if it cannot say. */
unsigned int cli_levels(int fd);

int cmd_maps(int argc, char **argv);
int cmd_translate(int argc, char **argv);
int cmd_range(int argc, char **argv);
int cmd_self(int argc, char **argv);

/*
 * What the commands print, apart from the device calls, so that tests can
 * feed them made-up results.
 */
/* maps: per-region page counts (base pages), from vi_range over each VMA. */
struct cli_counts {
	uint64_t resident, swapped, huge;	/* huge: in 2 MiB / 1 GiB leaves */
};
/* @c: NULL, or n counts (maps --counts). */
void cli_maps_report(FILE *f, int json, const struct vasinfo_vma *v, ssize_t n,
		     const struct cli_counts *c);
void cli_translate_report(FILE *f, int json, int verbose,
			  const struct vasinfo_xlate *res, size_t n,
			  unsigned int levels);
void cli_range_report(FILE *f, int json, const struct vasinfo_run *runs,
		      ssize_t n, const struct vi_range_totals *tot);
/* self: @res are the translations of main, the heap and the stack. */
void cli_self_report(FILE *f, int json, int verbose, pid_t pid,
		     const struct vasinfo_xlate res[3],
		     const struct vasinfo_vma *v, ssize_t n, unsigned int levels);

#endif /* VASINFO_CLI_H */
