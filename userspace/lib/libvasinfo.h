/* SPDX-License-Identifier: MIT */
/*
 * libvasinfo: the user-space side of /dev/vasinfo.
 */
#ifndef LIBVASINFO_H
#define LIBVASINFO_H

#include <stddef.h>

#define VI_NAME_MAX 4096

/* One line of /proc/PID/maps, or one VMA line of the /dev/vasinfo report. */
struct vi_region {
	unsigned long start, end;
	char perms[5];		/* "rwxp" */
	unsigned long long offset;
	unsigned int dev_major, dev_minor;
	unsigned long inode;
	char segment[16];	/* report only: code, data, heap, ... */
	char name[VI_NAME_MAX]; /* path, [heap], ...; "" when maps has none */
};

enum vi_line_format {
	VI_FORMAT_MAPS,		/* /proc/PID/maps */
	VI_FORMAT_REPORT,	/* /dev/vasinfo: a segment column before the name */
};

/*
 * Parse one line (without or with its '\n'). Returns 0, or -1 when the line
 * is not of that format.
 */
int vi_parse_region(const char *line, enum vi_line_format fmt,
		    struct vi_region *r);

/* Format @r the way /proc/PID/maps writes it, without the name padding. */
int vi_format_maps_prefix(const struct vi_region *r, char *buf, size_t len);

#endif /* LIBVASINFO_H */
