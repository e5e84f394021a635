// SPDX-License-Identifier: MIT
/* A small streaming JSON writer. */
#include "json.h"
#include "utf8.h"

void vj_init(struct vj *j, FILE *f)
{
	j->f = f;
	j->depth = 0;
	j->empty = 1;
	j->after_key = 0;
}

/* Before any value: a comma if it is not the first in its container. */
static void sep(struct vj *j)
{
	if (j->after_key) {
		j->after_key = 0;
		return;
	}
	if (!j->empty)
		fputc(',', j->f);
	j->empty = 0;
}

static void open_(struct vj *j, char c)
{
	sep(j);
	fputc(c, j->f);
	j->depth++;
	j->empty = 1;
}

static void close_(struct vj *j, char c)
{
	if (j->depth > 0)
		j->depth--;
	fputc(c, j->f);
	/* The container closed is a value of the one around it. */
	j->empty = 0;
	if (j->depth == 0)
		fputc('\n', j->f);
}

void vj_obj(struct vj *j)
{
	open_(j, '{');
}

void vj_obj_end(struct vj *j)
{
	close_(j, '}');
}

void vj_arr(struct vj *j)
{
	open_(j, '[');
}

void vj_arr_end(struct vj *j)
{
	close_(j, ']');
}

void vj_escape(FILE *f, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	fputc('"', f);
	while (*p) {
		int n;

		switch (*p) {
		case '"':
			fputs("\\\"", f);
			break;
		case '\\':
			fputs("\\\\", f);
			break;
		case '\n':
			fputs("\\n", f);
			break;
		case '\t':
			fputs("\\t", f);
			break;
		case '\r':
			fputs("\\r", f);
			break;
		default:
			if (*p < 0x20 || *p == 0x7f) {
				fprintf(f, "\\u%04x", *p);
				break;
			}
			n = vi_utf8_char((const char *)p, NULL);
			if (!n) {
				/* Not UTF-8 (a name may hold any byte): U+FFFD. */
				fputs("\\ufffd", f);
				break;
			}
			fwrite(p, 1, (size_t)n, f);
			p += n;
			continue;
		}
		p++;
	}
	fputc('"', f);
}

void vj_key(struct vj *j, const char *key)
{
	sep(j);
	vj_escape(j->f, key);
	fputc(':', j->f);
	j->after_key = 1;
}

void vj_str(struct vj *j, const char *s)
{
	sep(j);
	vj_escape(j->f, s);
}

void vj_int(struct vj *j, long long v)
{
	sep(j);
	fprintf(j->f, "%lld", v);
}

void vj_uint(struct vj *j, unsigned long long v)
{
	sep(j);
	fprintf(j->f, "%llu", v);
}

void vj_hex(struct vj *j, unsigned long long v)
{
	sep(j);
	fprintf(j->f, "\"0x%llx\"", v);
}

void vj_bool(struct vj *j, int v)
{
	sep(j);
	fputs(v ? "true" : "false", j->f);
}

void vj_null(struct vj *j)
{
	sep(j);
	fputs("null", j->f);
}

/* The key, and null unless @have; true when the caller is to write the value. */
static int kv_have(struct vj *j, const char *key, int have)
{
	vj_key(j, key);
	if (!have)
		vj_null(j);
	return have;
}

void vj_kv_str(struct vj *j, const char *key, const char *s)
{
	if (kv_have(j, key, s != NULL))
		vj_str(j, s);
}

void vj_kv_int(struct vj *j, const char *key, long long v)
{
	vj_key(j, key);
	vj_int(j, v);
}

void vj_kv_uint(struct vj *j, const char *key, unsigned long long v)
{
	vj_key(j, key);
	vj_uint(j, v);
}

void vj_kv_hex(struct vj *j, const char *key, unsigned long long v)
{
	vj_key(j, key);
	vj_hex(j, v);
}

void vj_kv_bool(struct vj *j, const char *key, int v)
{
	vj_key(j, key);
	vj_bool(j, v);
}

void vj_kv_null(struct vj *j, const char *key)
{
	vj_key(j, key);
	vj_null(j);
}

void vj_kv_int_or_null(struct vj *j, const char *key, long long v, int have)
{
	if (kv_have(j, key, have))
		vj_int(j, v);
}

void vj_kv_uint_or_null(struct vj *j, const char *key, unsigned long long v,
			int have)
{
	if (kv_have(j, key, have))
		vj_uint(j, v);
}

void vj_kv_hex_or_null(struct vj *j, const char *key, unsigned long long v,
		       int have)
{
	if (kv_have(j, key, have))
		vj_hex(j, v);
}

void vj_kv_obj(struct vj *j, const char *key)
{
	vj_key(j, key);
	vj_obj(j);
}

void vj_kv_arr(struct vj *j, const char *key)
{
	vj_key(j, key);
	vj_arr(j);
}
