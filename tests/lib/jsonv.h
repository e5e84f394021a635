/* SPDX-License-Identifier: MIT */
/*
 * A minimal validating JSON parser for the host tests: is a document valid
 * (RFC 8259)? The same as the one in tests/host/test_cli.c.
 */
#ifndef VASINFO_JSONV_H
#define VASINFO_JSONV_H

#include <string.h>

static inline const char *jv_value(const char *p, int depth);

static inline const char *jv_ws(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

static inline const char *jv_string(const char *p)
{
	const unsigned char *u;

	if (*p++ != '"')
		return NULL;
	for (u = (const unsigned char *)p; *u != '"'; ) {
		if (*u < 0x20)
			return NULL;	/* also the NUL: unterminated */
		if (*u == '\\') {
			u++;
			if (*u == 'u') {
				for (int i = 1; i <= 4; i++)
					if (!strchr("0123456789abcdefABCDEF", u[i]) || !u[i])
						return NULL;
				u += 5;
			} else if (*u && strchr("\"\\/bfnrt", *u)) {
				u++;
			} else {
				return NULL;
			}
		} else if (*u < 0x80) {
			u++;
		} else {
			/* UTF-8: a lead byte and its continuation bytes. */
			int n = *u >= 0xf0 && *u <= 0xf4 ? 4 : *u >= 0xe0 && *u <= 0xef ? 3 :
				*u >= 0xc2 && *u <= 0xdf ? 2 : 0;

			if (!n)
				return NULL;
			for (int i = 1; i < n; i++)
				if ((u[i] & 0xc0) != 0x80)
					return NULL;
			u += n;
		}
	}
	return (const char *)u + 1;
}

static inline const char *jv_number(const char *p)
{
	const char *s;

	if (*p == '-')
		p++;
	if (*p == '0')
		p++;
	else if (*p >= '1' && *p <= '9')
		while (*p >= '0' && *p <= '9')
			p++;
	else
		return NULL;
	if (*p == '.') {
		s = ++p;
		while (*p >= '0' && *p <= '9')
			p++;
		if (p == s)
			return NULL;
	}
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '+' || *p == '-')
			p++;
		s = p;
		while (*p >= '0' && *p <= '9')
			p++;
		if (p == s)
			return NULL;
	}
	return p;
}

static inline const char *jv_value(const char *p, int depth)
{
	if (depth > 64)
		return NULL;
	p = jv_ws(p);
	if (*p == '{' || *p == '[') {
		char close = *p == '{' ? '}' : ']';

		p = jv_ws(p + 1);
		if (*p == close)
			return p + 1;
		for (;;) {
			if (close == '}') {
				p = jv_string(p);
				if (!p)
					return NULL;
				p = jv_ws(p);
				if (*p++ != ':')
					return NULL;
			}
			p = jv_value(p, depth + 1);
			if (!p)
				return NULL;
			p = jv_ws(p);
			if (*p == close)
				return p + 1;
			if (*p++ != ',')
				return NULL;
			p = jv_ws(p);
		}
	}
	if (*p == '"')
		return jv_string(p);
	if (!strncmp(p, "true", 4))
		return p + 4;
	if (!strncmp(p, "false", 5))
		return p + 5;
	if (!strncmp(p, "null", 4))
		return p + 4;
	return jv_number(p);
}

/* One whole document, nothing after it but white space. */
static inline int json_valid(const char *s)
{
	const char *p = s ? jv_value(s, 0) : NULL;

	return p && !*jv_ws(p);
}

#endif /* VASINFO_JSONV_H */
