/* buf: a growable byte string (like cmark_strbuf or Redis sds).
 * Owns: its heap memory; always NUL-terminated after any call.
 * Must not: be used for build-lifetime objects (use the arena). */
#ifndef BAOCAO_BUF_H
#define BAOCAO_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *ptr;
	size_t len, cap;
};

#define BUF_INIT                                                                         \
	{                                                                                \
		0                                                                        \
	}

void buf_grow(struct buf *b, size_t extra);
void buf_put(struct buf *b, const void *s, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap);
void buf_truncate(struct buf *b, size_t len);
void buf_free(struct buf *b);
/* Pointer to the contents, never NULL ("" when empty). */
const char *buf_cstr(const struct buf *b);

#endif
