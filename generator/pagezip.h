/* pagezip: deflate page contents on a second thread while the main thread
 * draws the pages after them (deflate is the largest part of rendering,
 * and machines have two cores).
 * Owns: the worker thread, each page's raw content once submitted, and
 *       the compressed bytes.
 * Must not: know about PDF or libharu (the main thread alone calls it).
 * Each page is compressed on its own with the same settings, so the bytes
 * do not depend on which thread took it. */
#ifndef BAOCAO_PAGEZIP_H
#define BAOCAO_PAGEZIP_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

struct pagezip;

/* For n pages; NULL only when out of memory. */
struct pagezip *pagezip_start(int n);

/* Hand over page i's content (pages in order, 0 first); *raw is left
 * empty for the next page. */
void pagezip_submit(struct pagezip *z, int i, struct buf *raw);

/* After the last submit: help with what is left and wait for the worker. */
void pagezip_finish(struct pagezip *z);

/* Page i's bytes after pagezip_finish: deflated (*deflated true) or, if
 * memory ran out, the raw content. */
const void *pagezip_get(const struct pagezip *z, int i, size_t *len, bool *deflated);

void pagezip_free(struct pagezip *z);

#endif
