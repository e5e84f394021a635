/* SPDX-License-Identifier: MIT */
/* Growable arrays: the one realloc loop of libvasinfo and the client. */
#ifndef VASINFO_GROW_H
#define VASINFO_GROW_H

#include <stddef.h>

/*
 * Make room for @need elements of @elem bytes in the malloc'd array whose
 * pointer is at @arrp (NULL at first) and whose room is *@cap elements:
 * realloc to twice the room, or to @need if that is more. Returns 0, or
 * -ENOMEM with the array and *@cap as they were (still the caller's to
 * free).
 */
int vi_grow(void *arrp, size_t *cap, size_t need, size_t elem);

/* vi_grow() for the array pointer @arr, of any element type. */
#define VI_GROW(arr, cap, need) vi_grow(&(arr), &(cap), (need), sizeof(*(arr)))

#endif /* VASINFO_GROW_H */
