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
