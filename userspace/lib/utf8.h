/* SPDX-License-Identifier: MIT */
/*
 * UTF-8: which bytes are well-formed, and how many terminal columns a
 * string takes. The one validator of the JSON writer and of the layout
 * picture, and the one measure of its columns.
 */
#ifndef VASINFO_UTF8_H
#define VASINFO_UTF8_H

#include <stddef.h>
#include <stdint.h>

/*
 * Length (1-4) of the well-formed UTF-8 sequence at @s, 0 when there is
 * none: a stray byte, a sequence cut short (by the NUL too), an overlong
 * form, a surrogate or a code point above U+10FFFF. *@cp, unless NULL,
 * gets the code point.
 */
int vi_utf8_char(const char *s, uint32_t *cp);

/*
 * Columns a terminal gives code point @cp: 0 for a combining mark, 2 for
 * an East Asian wide character, else 1. glibc's wcwidth() says, in the
 * C.UTF-8 locale whatever the user's (what we print is UTF-8 in any
 * locale); where that locale is not installed (the VM's static busybox
 * image) every character is 1 column, and so is one wcwidth() cannot
 * print. ASCII is always 1.
 */
int vi_cp_width(uint32_t cp);

/* Columns of @s; a byte that is not UTF-8 counts as a 1-column character. */
size_t vi_utf8_width(const char *s);
/*
 * Bytes of the longest start of @s at most @cols columns wide; *@width,
 * unless NULL, gets its columns.
 */
size_t vi_utf8_head(const char *s, size_t cols, size_t *width);
/*
 * Bytes to skip so that the rest of @s is at most @cols columns wide: the
 * longest such end, without combining marks left over from a cut character.
 */
size_t vi_utf8_tail(const char *s, size_t cols);

#endif /* VASINFO_UTF8_H */
