#include "deps.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "fileio.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static char **list;
static int n, cap;

void deps_add(const char *path)
{
	if (!path || !*path)
		return;
	pthread_mutex_lock(&lock);
	bool seen = false;
	for (int i = 0; i < n && !seen; i++)
		seen = strcmp(list[i], path) == 0;
	if (!seen) {
		if (n == cap) {
			int nc = cap ? cap * 2 : 16;
			char **g = realloc(list, (size_t)nc * sizeof *list);
			if (!g) {
				pthread_mutex_unlock(&lock);
				return;
			}
			list = g;
			cap = nc;
		}
		list[n++] = strdup(path);
	}
	pthread_mutex_unlock(&lock);
}

void deps_clear(void)
{
	pthread_mutex_lock(&lock);
	for (int i = 0; i < n; i++)
		free(list[i]);
	free(list);
	list = NULL;
	n = cap = 0;
	pthread_mutex_unlock(&lock);
}

int deps_count(void)
{
	return n;
}

const char *deps_get(int i)
{
	return i >= 0 && i < n ? list[i] : NULL;
}

/* A file name as make reads it in a rule. */
static void put_name(struct buf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '#' || *s == ':' || *s == '\\')
			buf_putc(b, '\\');
		if (*s == '$')
			buf_putc(b, '$');
		buf_putc(b, *s);
	}
}

bool deps_write(const char *file, const char *target)
{
	struct buf b = BUF_INIT;
	put_name(&b, target);
	buf_putc(&b, ':');
	for (int i = 0; i < n; i++) {
		buf_puts(&b, " \\\n ");
		put_name(&b, list[i]);
	}
	buf_putc(&b, '\n');
	for (int i = 0; i < n; i++) {
		buf_putc(&b, '\n');
		put_name(&b, list[i]);
		buf_puts(&b, ":\n");
	}
	/* like the PDF: through a temporary file, never onto a device or
	 * FIFO (reported there) */
	bool ok = fio_write_atomic(file, &b);
	buf_free(&b);
	return ok;
}
