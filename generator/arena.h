/* arena: one allocation region per build, freed at once.
 * Owns: every object of a build whose lifetime is the build itself.
 * Must not: be used for buffers that grow (use buf) or for library objects. */
#ifndef BAOCAO_ARENA_H
#define BAOCAO_ARENA_H

#include <stddef.h>

struct arena_block;

struct arena {
	struct arena_block *head;
	size_t total; /* bytes handed out, for limits and benchmarks */
};

void arena_init(struct arena *a);
void arena_free(struct arena *a);
/* Forget everything allocated, keeping one block for reuse (scratch). */
void arena_reset(struct arena *a);
void *arena_alloc(struct arena *a, size_t n); /* zeroed, 16-aligned */
void *arena_alloc_raw(struct arena *a, size_t n); /* not zeroed */
void *arena_grow(struct arena *a, void *old, size_t oldn, size_t newn);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);
char *arena_printf(struct arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Growable array in an arena: ARR_PUSH(a, arr, n, cap, value). */
#define ARR_PUSH(ar, ptr, n, cap, val)                                                   \
	do {                                                                             \
		if ((n) == (cap)) {                                                      \
			size_t nc_ = (cap) ? (size_t)(cap)*2 : 8;                        \
			(ptr) = arena_grow((ar), (ptr), (size_t)(cap) * sizeof *(ptr),   \
					   nc_ * sizeof *(ptr));                         \
			(cap) = nc_;                                                     \
		}                                                                        \
		(ptr)[(n)++] = (val);                                                    \
	} while (0)

#endif
