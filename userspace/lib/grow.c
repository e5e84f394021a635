// SPDX-License-Identifier: MIT
/* Growable arrays. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"

#define GROW_MIN 16	/* elements: fewer reallocs for the small arrays */

int vi_grow(void *arrp, size_t *cap, size_t need, size_t elem)
{
	size_t room = *cap > SIZE_MAX / 2 ? SIZE_MAX : 2 * *cap;
	void *arr, *grown;

	if (need <= *cap)
		return 0;
	if (room < need)
		room = need;
	if (room < GROW_MIN)
		room = GROW_MIN;
	if (elem && room > SIZE_MAX / elem)
		return -ENOMEM;
	/*
	 * @arrp points to a pointer of the caller's element type: copied, not
	 * read as a void *, which C would not allow.
	 */
	memcpy(&arr, arrp, sizeof(arr));
	grown = realloc(arr, room * elem);
	if (!grown)
		return -ENOMEM;
	memcpy(arrp, &grown, sizeof(grown));
	*cap = room;
	return 0;
}
