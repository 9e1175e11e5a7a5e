/* vec: growable arrays on the heap, for the few that grow large (layout's
 * ops and items): realloc frees the old copy, which doubling in an arena
 * cannot. The owner frees the array. */
#ifndef BAOCAO_VEC_H
#define BAOCAO_VEC_H

#include <stdio.h>
#include <stdlib.h>

#define VEC_PUSH(ptr, n, cap, val)                                                       \
	do {                                                                             \
		if ((n) == (cap)) {                                                      \
			size_t nc_ = (cap) ? (size_t)(cap)*2 : 64;                       \
			void *p_ = realloc((ptr), nc_ * sizeof *(ptr));                  \
			if (!p_) {                                                       \
				fputs("baocao: error: out of memory\n", stderr);         \
				abort();                                                 \
			}                                                                \
			(ptr) = p_;                                                      \
			(cap) = nc_;                                                     \
		}                                                                        \
		(ptr)[(n)++] = (val);                                                    \
	} while (0)

#endif
