#include "pagezip.h"

#include <pthread.h>
#include <stdlib.h>
#include <zlib.h>

/* level 3: a third faster than the default 6 for 5 % more bytes
 * (Phong Thổ: 17 vs 21 ms, 119 vs 113 KB) */
enum { LEVEL = 3 };

struct zpage {
	struct buf raw; /* freed once deflated */
	unsigned char *out;
	size_t len;
};

struct pagezip {
	struct zpage *pages;
	int n;
	pthread_mutex_t mu;
	pthread_cond_t more;
	int ready; /* pages submitted */
	int next; /* next page to take */
	bool last; /* every page submitted */
	bool threaded;
	pthread_t worker;
};

/* Deflate one page with a stream kept by the thread (deflateReset is
 * cheaper than compress2's fresh allocation per page). */
static void deflate_page(z_stream *zs, bool *init, struct zpage *p)
{
	if (!*init) {
		*zs = (z_stream){0};
		if (deflateInit(zs, LEVEL) != Z_OK)
			return;
		*init = true;
	} else {
		deflateReset(zs);
	}
	size_t cap = deflateBound(zs, (uLong)p->raw.len);
	unsigned char *out = malloc(cap);
	if (!out)
		return;
	zs->next_in = (Bytef *)p->raw.ptr;
	zs->avail_in = (uInt)p->raw.len;
	zs->next_out = out;
	zs->avail_out = (uInt)cap;
	if (deflate(zs, Z_FINISH) != Z_STREAM_END) {
		free(out);
		return;
	}
	p->out = out;
	p->len = cap - zs->avail_out;
	buf_free(&p->raw);
}

/* Take pages as they are submitted until all are done. */
static void *work(void *arg)
{
	struct pagezip *z = arg;
	z_stream zs;
	bool init = false;
	pthread_mutex_lock(&z->mu);
	for (;;) {
		while (z->next == z->ready && !z->last)
			pthread_cond_wait(&z->more, &z->mu);
		if (z->next == z->ready)
			break;
		int i = z->next++;
		pthread_mutex_unlock(&z->mu);
		deflate_page(&zs, &init, &z->pages[i]);
		pthread_mutex_lock(&z->mu);
	}
	pthread_mutex_unlock(&z->mu);
	if (init)
		deflateEnd(&zs);
	return NULL;
}

struct pagezip *pagezip_start(int n)
{
	struct pagezip *z = calloc(1, sizeof *z);
	if (!z)
		return NULL;
	z->pages = calloc((size_t)(n > 0 ? n : 1), sizeof *z->pages);
	if (!z->pages) {
		free(z);
		return NULL;
	}
	z->n = n;
	pthread_mutex_init(&z->mu, NULL);
	pthread_cond_init(&z->more, NULL);
	/* without a thread, pagezip_finish does all the work */
	z->threaded = n > 1 && pthread_create(&z->worker, NULL, work, z) == 0;
	return z;
}

void pagezip_submit(struct pagezip *z, int i, struct buf *raw)
{
	z->pages[i].raw = *raw;
	*raw = (struct buf)BUF_INIT;
	pthread_mutex_lock(&z->mu);
	z->ready = i + 1;
	pthread_cond_signal(&z->more);
	pthread_mutex_unlock(&z->mu);
}

void pagezip_finish(struct pagezip *z)
{
	pthread_mutex_lock(&z->mu);
	z->last = true;
	pthread_cond_broadcast(&z->more);
	pthread_mutex_unlock(&z->mu);
	work(z);
	if (z->threaded)
		pthread_join(z->worker, NULL);
	z->threaded = false;
}

const void *pagezip_get(const struct pagezip *z, int i, size_t *len, bool *deflated)
{
	const struct zpage *p = &z->pages[i];
	*deflated = p->out != NULL;
	*len = p->out ? p->len : p->raw.len;
	return p->out ? (const void *)p->out : (const void *)buf_cstr(&p->raw);
}

void pagezip_free(struct pagezip *z)
{
	if (!z)
		return;
	if (z->threaded)
		pagezip_finish(z);
	for (int i = 0; i < z->n; i++) {
		free(z->pages[i].out);
		buf_free(&z->pages[i].raw);
	}
	pthread_mutex_destroy(&z->mu);
	pthread_cond_destroy(&z->more);
	free(z->pages);
	free(z);
}
