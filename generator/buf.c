#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void buf_grow(struct buf *b, size_t extra)
{
	if (b->len + extra + 1 <= b->cap)
		return;
	size_t nc = b->cap ? b->cap : 64;
	while (nc < b->len + extra + 1)
		nc *= 2;
	char *p = realloc(b->ptr, nc);
	if (!p) {
		fputs("baocao: error: out of memory\n", stderr);
		abort();
	}
	b->ptr = p;
	b->cap = nc;
	/* NUL-terminated after any call (buf.h), also when nothing is put
	 * after growing: an empty value inserted first left a fresh buffer
	 * unterminated, and buf_cstr returned garbage (found by fuzzing). */
	p[b->len] = 0;
}

void buf_put(struct buf *b, const void *s, size_t n)
{
	buf_grow(b, n);
	if (n)
		memcpy(b->ptr + b->len, s, n);
	b->len += n;
	b->ptr[b->len] = 0;
}

void buf_puts(struct buf *b, const char *s)
{
	buf_put(b, s, strlen(s));
}

void buf_putc(struct buf *b, char c)
{
	buf_put(b, &c, 1);
}

void buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list aq;
	va_copy(aq, ap);
	int n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		return;
	buf_grow(b, (size_t)n);
	vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void buf_truncate(struct buf *b, size_t len)
{
	if (len < b->len) {
		b->len = len;
		b->ptr[len] = 0;
	}
}

void buf_free(struct buf *b)
{
	free(b->ptr);
	b->ptr = NULL;
	b->len = b->cap = 0;
}

const char *buf_cstr(const struct buf *b)
{
	return b->ptr ? b->ptr : "";
}
