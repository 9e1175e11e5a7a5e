#include "arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct arena_block {
	struct arena_block *next;
	size_t size, used;
	max_align_t data[];
};

enum { ARENA_BLOCK = 64 * 1024 };

void arena_init(struct arena *a)
{
	memset(a, 0, sizeof *a);
}

void arena_free(struct arena *a)
{
	struct arena_block *b = a->head;
	while (b) {
		struct arena_block *n = b->next;
		free(b);
		b = n;
	}
	a->head = NULL;
	a->total = 0;
}

void arena_reset(struct arena *a)
{
	struct arena_block *keep = NULL, *b = a->head;
	while (b) {
		struct arena_block *n = b->next;
		if (!keep && b->size == ARENA_BLOCK)
			keep = b;
		else
			free(b);
		b = n;
	}
	if (keep) {
		keep->used = 0;
		keep->next = NULL;
	}
	a->head = keep;
	a->total = 0;
}

void *arena_alloc(struct arena *a, size_t n)
{
	void *p = arena_alloc_raw(a, n);
	memset(p, 0, n);
	return p;
}

void *arena_alloc_raw(struct arena *a, size_t n)
{
	n = (n + 15) & ~(size_t)15;
	struct arena_block *b = a->head;
	if (!b || b->size - b->used < n) {
		/* Big requests get their own block behind the head, so the
		 * head's free space is not wasted. */
		size_t sz = n > ARENA_BLOCK / 4 ? n : ARENA_BLOCK;
		struct arena_block *nb = malloc(sizeof *nb + sz);
		if (!nb) {
			fputs("baocao: error: out of memory\n", stderr);
			abort();
		}
		nb->size = sz;
		nb->used = 0;
		if (b && sz != ARENA_BLOCK) {
			nb->next = b->next;
			b->next = nb;
		} else {
			nb->next = b;
			a->head = nb;
		}
		b = nb;
	}
	void *p = (char *)b->data + b->used;
	b->used += n;
	a->total += n;
	return p;
}

void *arena_grow(struct arena *a, void *old, size_t oldn, size_t newn)
{
	if (newn <= oldn)
		return old;
	/* the part past oldn is written by the caller before it is read */
	void *p = arena_alloc_raw(a, newn);
	if (oldn)
		memcpy(p, old, oldn);
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc_raw(a, n + 1);
	if (n)
		memcpy(p, s, n);
	p[n] = 0;
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *p = arena_alloc_raw(a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}
