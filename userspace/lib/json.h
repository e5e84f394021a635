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
 * Write @s as a JSON string literal (quotes included) to @f: control
 * characters as \uXXXX, valid UTF-8 as is, any other byte as \ufffd.
 */
void vj_escape(FILE *f, const char *s);

#endif /* VASINFO_JSON_H */
