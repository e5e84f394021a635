// SPDX-License-Identifier: MIT
/*
 * The JSON writer (userspace/lib/json.c). The input drives a random
 * sequence of writer calls, used as the writer expects (a container at the
 * top, a key before each value in an object), with arbitrary byte strings
 * and numbers. A strict JSON parser written here (RFC 8259; UTF-8 checked,
 * raw control characters refused) reads the output back, and what it reads
 * must be exactly what was written: the same tree, the same numbers, the
 * same strings, where a byte that is not part of valid UTF-8 became U+FFFD.
 * The writer adds no white space but the newline that ends the document.
 */
#include <limits.h>

#include "fuzz.h"
#include "json.h"

#define MAX_NEST 40	/* deeper than VJ_MAX_DEPTH on purpose */

/*
 * Events, as the harness wrote them and as the parser read them back: a
 * type letter, a length, the bytes. { } [ ] K(ey) S(tring) N(umber) T F 0.
 */
struct events {
	char *buf;
	size_t len, cap;
};

static void ev_add(struct events *e, char type, const void *p, size_t n)
{
	if (e->len + n + 1 + sizeof(n) > e->cap) {
		e->cap = (e->len + n + 1 + sizeof(n)) * 2;
		e->buf = realloc(e->buf, e->cap);
		if (!e->buf)
			abort();
	}
	e->buf[e->len++] = type;
	memcpy(e->buf + e->len, &n, sizeof(n));
	e->len += sizeof(n);
	memcpy(e->buf + e->len, p, n);
	e->len += n;
}

/*
 * Length of the well-formed UTF-8 sequence at @p (Unicode table 3-7), 0 if
 * there is none.
 */
static size_t utf8_seq(const unsigned char *p, size_t avail)
{
	static const struct {
		unsigned char lo0, hi0, lo1, hi1;
		size_t n;
	} forms[] = {
		{ 0xc2, 0xdf, 0x80, 0xbf, 2 }, { 0xe0, 0xe0, 0xa0, 0xbf, 3 },
		{ 0xe1, 0xec, 0x80, 0xbf, 3 }, { 0xed, 0xed, 0x80, 0x9f, 3 },
		{ 0xee, 0xef, 0x80, 0xbf, 3 }, { 0xf0, 0xf0, 0x90, 0xbf, 4 },
		{ 0xf1, 0xf3, 0x80, 0xbf, 4 }, { 0xf4, 0xf4, 0x80, 0x8f, 4 },
	};
	size_t i, k;

	if (avail && p[0] < 0x80)
		return 1;
	for (i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		if (p[0] < forms[i].lo0 || p[0] > forms[i].hi0)
			continue;
		if (avail < forms[i].n || p[1] < forms[i].lo1 || p[1] > forms[i].hi1)
			return 0;
		for (k = 2; k < forms[i].n; k++)
			if (p[k] < 0x80 || p[k] > 0xbf)
				return 0;
		return forms[i].n;
	}
	return 0;
}

/* What a C string must read back as: bad UTF-8 bytes become U+FFFD. */
static void ev_string(struct events *e, char type, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s), i = 0, o = 0, n;
	char *out = malloc(len * 3 + 1);

	if (!out)
		abort();
	while (i < len) {
		n = utf8_seq(p + i, len - i);
		if (n) {
			memcpy(out + o, p + i, n);
			o += n;
			i += n;
		} else {
			memcpy(out + o, "\xef\xbf\xbd", 3);
			o += 3;
			i++;
		}
	}
	ev_add(e, type, out, o);
	free(out);
}

/* ---- the strict parser ---- */

struct parser {
	const unsigned char *p, *end;
	struct events *ev;
	const char *why;
	int depth;
};

static int fail(struct parser *ps, const char *why)
{
	if (!ps->why)
		ps->why = why;
	return -1;
}

static int hex4(struct parser *ps, unsigned int *v)
{
	int i;

	*v = 0;
	for (i = 0; i < 4; i++, ps->p++) {
		unsigned char c = ps->p < ps->end ? *ps->p : 0;

		if (c >= '0' && c <= '9')
			*v = *v << 4 | (c - '0');
		else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
			*v = *v << 4 | ((c | 0x20) - 'a' + 10);
		else
			return fail(ps, "bad \\u escape");
	}
	return 0;
}

static size_t put_utf8(unsigned char *o, unsigned int cp)
{
	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xc0 | cp >> 6);
		o[1] = (unsigned char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xe0 | cp >> 12);
		o[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3f));
		o[2] = (unsigned char)(0x80 | (cp & 0x3f));
		return 3;
	}
	o[0] = (unsigned char)(0xf0 | cp >> 18);
	o[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3f));
	o[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3f));
	o[3] = (unsigned char)(0x80 | (cp & 0x3f));
	return 4;
}

static int parse_string(struct parser *ps, char type)
{
	unsigned char *out = malloc((size_t)(ps->end - ps->p) + 4);
	size_t o = 0, n;
	int rc = -1;

	if (!out)
		abort();
	ps->p++;	/* the opening quote */
	for (;;) {
		unsigned int cp, lo;

		if (ps->p >= ps->end) {
			fail(ps, "unterminated string");
			goto out;
		}
		if (*ps->p == '"')
			break;
		if (*ps->p < 0x20) {
			fail(ps, "raw control character in a string");
			goto out;
		}
		if (*ps->p != '\\') {
			n = utf8_seq(ps->p, (size_t)(ps->end - ps->p));
			if (!n) {
				fail(ps, "invalid UTF-8 in a string");
				goto out;
			}
			memcpy(out + o, ps->p, n);
			o += n;
			ps->p += n;
			continue;
		}
		ps->p++;
		switch (ps->p < ps->end ? *ps->p : 0) {
		case '"': out[o++] = '"'; break;
		case '\\': out[o++] = '\\'; break;
		case '/': out[o++] = '/'; break;
		case 'b': out[o++] = '\b'; break;
		case 'f': out[o++] = '\f'; break;
		case 'n': out[o++] = '\n'; break;
		case 'r': out[o++] = '\r'; break;
		case 't': out[o++] = '\t'; break;
		case 'u':
			ps->p++;
			if (hex4(ps, &cp))
				goto out;
			if (cp >= 0xdc00 && cp <= 0xdfff) {
				fail(ps, "lone low surrogate");
				goto out;
			}
			if (cp >= 0xd800 && cp <= 0xdbff) {
				if (ps->end - ps->p < 2 || ps->p[0] != '\\' ||
				    ps->p[1] != 'u') {
					fail(ps, "lone high surrogate");
					goto out;
				}
				ps->p += 2;
				if (hex4(ps, &lo))
					goto out;
				if (lo < 0xdc00 || lo > 0xdfff) {
					fail(ps, "bad surrogate pair");
					goto out;
				}
				cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
			}
			if (cp == 0) {
				fail(ps, "\\u0000 cannot come from a C string");
				goto out;
			}
			o += put_utf8(out + o, cp);
			continue;
		default:
			fail(ps, "bad escape");
			goto out;
		}
		ps->p++;
	}
	ps->p++;
	ev_add(ps->ev, type, out, o);
	rc = 0;
out:
	free(out);
	return rc;
}

static int parse_number(struct parser *ps)
{
	const unsigned char *s = ps->p;

	if (ps->p < ps->end && *ps->p == '-')
		ps->p++;
	if (ps->p >= ps->end || *ps->p < '0' || *ps->p > '9')
		return fail(ps, "bad number");
	if (*ps->p == '0')
		ps->p++;
	else
		while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9')
			ps->p++;
	/* The writer writes integers only: a fraction or exponent is wrong. */
	if (ps->p < ps->end && (*ps->p == '.' || *ps->p == 'e' || *ps->p == 'E'))
		return fail(ps, "not an integer");
	ev_add(ps->ev, 'N', s, (size_t)(ps->p - s));
	return 0;
}

static int literal(struct parser *ps, const char *word, char type)
{
	size_t n = strlen(word);

	if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, word, n))
		return fail(ps, "bad literal");
	ps->p += n;
	ev_add(ps->ev, type, "", 0);
	return 0;
}

static int parse_value(struct parser *ps);

static int parse_container(struct parser *ps, char open, char close)
{
	int first = 1;

	if (++ps->depth > MAX_NEST + 1)
		return fail(ps, "nested deeper than written");
	ev_add(ps->ev, open, "", 0);
	ps->p++;
	for (;;) {
		if (ps->p >= ps->end)
			return fail(ps, "unterminated container");
		if (*ps->p == close)
			break;
		if (!first) {
			if (*ps->p != ',')
				return fail(ps, "missing comma");
			ps->p++;
		}
		first = 0;
		if (open == '{') {
			if (ps->p >= ps->end || *ps->p != '"')
				return fail(ps, "object member without a string key");
			if (parse_string(ps, 'K'))
				return -1;
			if (ps->p >= ps->end || *ps->p != ':')
				return fail(ps, "missing colon");
			ps->p++;
		}
		if (parse_value(ps))
			return -1;
	}
	ps->p++;
	ev_add(ps->ev, close, "", 0);
	ps->depth--;
	return 0;
}

static int parse_value(struct parser *ps)
{
	if (ps->p >= ps->end)
		return fail(ps, "missing value");
	switch (*ps->p) {
	case '{':
		return parse_container(ps, '{', '}');
	case '[':
		return parse_container(ps, '[', ']');
	case '"':
		return parse_string(ps, 'S');
	case 't':
		return literal(ps, "true", 'T');
	case 'f':
		return literal(ps, "false", 'F');
	case 'n':
		return literal(ps, "null", '0');
	default:
		return parse_number(ps);
	}
}

/* ---- the driver ---- */

struct input {
	const uint8_t *p;
	size_t n;
};

static unsigned int take(struct input *in)
{
	if (!in->n)
		return 0;
	in->n--;
	return *in->p++;
}

static unsigned long long take64(struct input *in)
{
	unsigned long long v = 0;
	int i;

	for (i = 0; i < 8; i++)
		v = v << 8 | take(in);
	return v;
}

/* A string of up to 255 bytes from the input (a NUL ends it early). */
static char *take_string(struct input *in)
{
	size_t n = take(in);

	if (n > in->n)
		n = in->n;
	in->p += n;
	in->n -= n;
	return fuzz_strndup(in->p - n, n);
}

static char stack[MAX_NEST + 1];	/* '{' or '[' per open container */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct input in = { data, size };
	struct events want = { 0 }, got = { 0 };
	struct parser ps;
	char *out = NULL, *s;
	size_t outlen = 0;
	int depth = 0;
	struct vj j;
	FILE *f;

	f = open_memstream(&out, &outlen);
	if (!f)
		abort();
	vj_init(&j, f);
	/* The document is an object or an array, as the client writes it. */
	if (take(&in) & 1) {
		vj_obj(&j);
		ev_add(&want, '{', "", 0);
		stack[depth++] = '{';
	} else {
		vj_arr(&j);
		ev_add(&want, '[', "", 0);
		stack[depth++] = '[';
	}
	while (depth && in.n) {
		unsigned int op = take(&in) % 11;
		char buf[32];

		if (op == 2 || (op <= 1 && depth == MAX_NEST)) {
			--depth;
			if (stack[depth] == '{')
				vj_obj_end(&j);
			else
				vj_arr_end(&j);
			ev_add(&want, stack[depth] == '{' ? '}' : ']', "", 0);
			continue;
		}
		if (stack[depth - 1] == '{') {
			s = take_string(&in);
			vj_key(&j, s);
			ev_string(&want, 'K', s);
			free(s);
		}
		switch (op) {
		case 0:
		case 1:
			if (op == 0)
				vj_obj(&j);
			else
				vj_arr(&j);
			ev_add(&want, op == 0 ? '{' : '[', "", 0);
			stack[depth++] = op == 0 ? '{' : '[';
			break;
		case 3:
		case 4:
			s = take_string(&in);
			vj_str(&j, s);
			ev_string(&want, 'S', s);
			free(s);
			break;
		case 5: {
			long long v = (long long)take64(&in);

			vj_int(&j, v);
			snprintf(buf, sizeof(buf), "%lld", v);
			ev_add(&want, 'N', buf, strlen(buf));
			break;
		}
		case 6: {
			unsigned long long v = take64(&in);

			vj_uint(&j, v);
			snprintf(buf, sizeof(buf), "%llu", v);
			ev_add(&want, 'N', buf, strlen(buf));
			break;
		}
		case 7: {
			unsigned long long v = take64(&in);

			vj_hex(&j, v);
			snprintf(buf, sizeof(buf), "0x%llx", v);
			ev_add(&want, 'S', buf, strlen(buf));
			break;
		}
		case 8:
		case 9: {
			int v = op == 8;

			vj_bool(&j, v);
			ev_add(&want, v ? 'T' : 'F', "", 0);
			break;
		}
		default:
			vj_null(&j);
			ev_add(&want, '0', "", 0);
			break;
		}
	}
	while (depth) {
		--depth;
		if (stack[depth] == '{')
			vj_obj_end(&j);
		else
			vj_arr_end(&j);
		ev_add(&want, stack[depth] == '{' ? '}' : ']', "", 0);
	}
	fclose(f);

	ps = (struct parser){ (const unsigned char *)out,
			      (const unsigned char *)out + outlen, &got, NULL, 0 };
	if (parse_value(&ps) == 0 &&
	    (ps.end - ps.p != 1 || *ps.p != '\n'))
		fail(&ps, "not exactly one newline after the document");
	if (ps.why)
		fuzz_fail("output is not the JSON written: %s at byte %zu of %zu: \"%.200s\"",
			  ps.why, (size_t)(ps.p - (const unsigned char *)out),
			  outlen, fuzz_show(out));
	FUZZ_CHECK(got.len == want.len && !memcmp(got.buf, want.buf, got.len),
		   "output \"%.300s\" reads back differently from what was written",
		   fuzz_show(out));
	free(out);
	free(want.buf);
	free(got.buf);
	return 0;
}
