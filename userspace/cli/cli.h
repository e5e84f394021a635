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

int cmd_maps(int argc, char **argv);
int cmd_translate(int argc, char **argv);
int cmd_range(int argc, char **argv);
int cmd_self(int argc, char **argv);

#endif /* VASINFO_CLI_H */
