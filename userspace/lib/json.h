/* SPDX-License-Identifier: MIT */
/* A small streaming JSON writer: valid output, commas and escaping done. */
#ifndef VASINFO_JSON_H
#define VASINFO_JSON_H

#include <stdint.h>
#include <stdio.h>

/*
 * Any depth: a container that was just closed is a value of the one around
 * it, so only the innermost level's "nothing written yet" must be kept.
 */
struct vj {
	FILE *f;
	int depth;
	int empty;	/* no value yet in the innermost open container */
	int after_key;
};

void vj_init(struct vj *j, FILE *f);
void vj_obj(struct vj *j);	/* { */
void vj_obj_end(struct vj *j);	/* } */
void vj_arr(struct vj *j);	/* [ */
void vj_arr_end(struct vj *j);	/* ] */
void vj_key(struct vj *j, const char *key);
void vj_str(struct vj *j, const char *s);
void vj_int(struct vj *j, long long v);
void vj_uint(struct vj *j, unsigned long long v);
void vj_hex(struct vj *j, unsigned long long v);	/* "0x..." */
void vj_bool(struct vj *j, int v);
void vj_null(struct vj *j);
/*
 * A key and its value, in an object: vj_key() and the value's vj_*() in
 * one call. vj_kv_str() writes null for a NULL @s; the _or_null forms
 * write null unless @have.
 */
void vj_kv_str(struct vj *j, const char *key, const char *s);
void vj_kv_int(struct vj *j, const char *key, long long v);
void vj_kv_uint(struct vj *j, const char *key, unsigned long long v);
void vj_kv_hex(struct vj *j, const char *key, unsigned long long v);
void vj_kv_bool(struct vj *j, const char *key, int v);
void vj_kv_null(struct vj *j, const char *key);
void vj_kv_int_or_null(struct vj *j, const char *key, long long v, int have);
void vj_kv_uint_or_null(struct vj *j, const char *key, unsigned long long v,
			int have);
void vj_kv_hex_or_null(struct vj *j, const char *key, unsigned long long v,
		       int have);
/* A key whose value is an object or an array, opened: close it yourself. */
void vj_kv_obj(struct vj *j, const char *key);
void vj_kv_arr(struct vj *j, const char *key);
/*
 * Write @s as a JSON string literal (quotes included) to @f: control
 * characters as \uXXXX, valid UTF-8 as is, any other byte as \ufffd.
 */
void vj_escape(FILE *f, const char *s);

/*
 * vasinfo's results as the client's JSON (format.c). Not libvasinfo's API:
 * struct vj is this private writer's.
 */
struct vasinfo_xlate;
struct vasinfo_run;
/* One translation as an object (translate --json). */
void vj_xlate(struct vj *j, const struct vasinfo_xlate *x);
/* Its keys alone, into an object the caller opened. */
void vj_xlate_fields(struct vj *j, const struct vasinfo_xlate *x);
/* One run as an object (range --json). */
void vj_run(struct vj *j, const struct vasinfo_run *r);

#endif /* VASINFO_JSON_H */
