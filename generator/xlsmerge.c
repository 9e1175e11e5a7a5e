/* xlsmerge: the merged ranges of an .xls workbook, which libfreexl reads
 * but does not report. An .xls file is an OLE2 compound file (a small FAT
 * file system in 512- or 4096-byte sectors) holding a "Workbook" stream of
 * BIFF8 records; each sheet's records start at the offset its BOUNDSHEET
 * record gives, and its MERGEDCELLS records (0x00E5) list the ranges.
 * Every offset and chain is checked against the file; a chain longer than
 * the file has sectors is a loop. Anything unexpected: no merges (the
 * caller then reads the header from its layout), never an error. */
#include "xlsmerge.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define ENDOFCHAIN 0xFFFFFFFEu

static uint16_t u16(const unsigned char *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t u32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

struct cfb {
	const unsigned char *d;
	size_t n;
	size_t ssz; /* sector size */
	uint32_t nsec; /* sectors in the file */
	uint32_t *fat;
	uint32_t nfat; /* entries */
};

static const unsigned char *sector(const struct cfb *c, uint32_t s)
{
	size_t off = ((size_t)s + 1) * c->ssz;
	return s < c->nsec && off + c->ssz <= c->n ? c->d + off : NULL;
}

/* Read the chain starting at s into a malloc'd buffer of *len bytes
 * (at most max). */
static unsigned char *chain(const struct cfb *c, uint32_t s, size_t max, size_t *len)
{
	size_t cap = max < (size_t)c->nsec * c->ssz ? max : (size_t)c->nsec * c->ssz;
	unsigned char *out = malloc(cap + 1);
	size_t got = 0;
	for (uint32_t steps = 0; out && s != ENDOFCHAIN && got < cap; steps++) {
		const unsigned char *p = sector(c, s);
		if (!p || steps > c->nsec || s >= c->nfat) {
			free(out);
			return NULL;
		}
		size_t k = cap - got < c->ssz ? cap - got : c->ssz;
		memcpy(out + got, p, k);
		got += k;
		s = c->fat[s];
	}
	*len = got;
	return out;
}

static bool load_fat(struct cfb *c)
{
	const unsigned char *h = c->d;
	uint32_t nfatsec = u32(h + 0x2C), difat = u32(h + 0x44), ndifat = u32(h + 0x48);
	if (nfatsec == 0 || nfatsec > c->nsec)
		return false;
	uint32_t per = (uint32_t)(c->ssz / 4);
	c->nfat = nfatsec * per;
	c->fat = calloc(c->nfat, sizeof *c->fat);
	if (!c->fat)
		return false;
	uint32_t done = 0;
	for (uint32_t i = 0; i < 109 && done < nfatsec; i++, done++) {
		const unsigned char *p = sector(c, u32(h + 0x4C + 4 * i));
		if (!p)
			return false;
		for (uint32_t k = 0; k < per; k++)
			c->fat[done * per + k] = u32(p + 4 * k);
	}
	for (uint32_t j = 0; j < ndifat && done < nfatsec; j++) {
		const unsigned char *dp = sector(c, difat);
		if (!dp || j > c->nsec)
			return false;
		for (uint32_t i = 0; i + 1 < per && done < nfatsec; i++, done++) {
			const unsigned char *p = sector(c, u32(dp + 4 * i));
			if (!p)
				return false;
			for (uint32_t k = 0; k < per; k++)
				c->fat[done * per + k] = u32(p + 4 * k);
		}
		difat = u32(dp + 4 * (per - 1));
	}
	return done == nfatsec;
}

/* The Workbook (or Book) stream, when it is in the regular FAT (4096
 * bytes or more, as Excel and xlwt write it). */
static unsigned char *workbook_stream(struct cfb *c, size_t *len)
{
	size_t dlen = 0;
	unsigned char *dir = chain(c, u32(c->d + 0x30), (size_t)1 << 24, &dlen);
	if (!dir)
		return NULL;
	unsigned char *out = NULL;
	for (size_t off = 0; off + 128 <= dlen && !out; off += 128) {
		const unsigned char *e = dir + off;
		unsigned nl = u16(e + 0x40);
		if (e[0x42] != 2 || nl < 2 || nl > 64)
			continue;
		char name[33];
		unsigned k = 0;
		for (; k < (nl - 2) / 2 && k < 32; k++)
			name[k] = (char)(u16(e + 2 * k) < 0x80 ? u16(e + 2 * k) : '?');
		name[k] = 0;
		if (strcmp(name, "Workbook") != 0 && strcmp(name, "Book") != 0)
			continue;
		uint32_t size = u32(e + 0x78);
		if (size < 4096) /* in the mini stream: not looked at */
			break;
		out = chain(c, u32(e + 0x74), size, len);
	}
	free(dir);
	return out;
}

/* MERGEDCELLS of the sheet whose BOF is at off. */
static void sheet_merges(struct arena *a, const unsigned char *w, size_t n, size_t off,
			 struct sheet *s)
{
	size_t cap = 0;
	for (int recs = 0; off + 4 <= n && recs < 10000000; recs++) {
		unsigned type = u16(w + off), len = u16(w + off + 2);
		const unsigned char *p = w + off + 4;
		if (off + 4 + len > n)
			return;
		if (type == 0x000A && recs > 0) /* EOF of the sheet */
			return;
		if (type == 0x00E5 && len >= 2) {
			unsigned cnt = u16(p);
			for (unsigned i = 0; i < cnt && 2 + 8 * (size_t)(i + 1) <= len; i++) {
				const unsigned char *r = p + 2 + 8 * i;
				struct gmerge g = {u16(r), u16(r + 4), u16(r + 2), u16(r + 6)};
				if (g.r1 < g.r0 || g.c1 < g.c0 || s->nmerges >= MAX_SHEET_MERGES)
					continue;
				ARR_PUSH(a, s->merges, s->nmerges, cap, g);
			}
		}
		off += 4 + len;
	}
}

void xls_merges(struct arena *a, const void *data, size_t len, struct workbook *wb)
{
	struct cfb c = {.d = data, .n = len};
	if (len < 512 || memcmp(data, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) != 0)
		return;
	unsigned shift = u16(c.d + 0x1E);
	if (shift != 9 && shift != 12)
		return;
	c.ssz = (size_t)1 << shift;
	c.nsec = (uint32_t)(len / c.ssz) - 1;
	size_t wlen = 0;
	unsigned char *w = load_fat(&c) ? workbook_stream(&c, &wlen) : NULL;
	free(c.fat);
	if (!w)
		return;
	/* BOUNDSHEET records in the globals, in sheet order */
	int sheet = 0;
	size_t off = 0;
	for (int recs = 0; off + 4 <= wlen && recs < 1000000; recs++) {
		unsigned type = u16(w + off), rlen = u16(w + off + 2);
		if (off + 4 + rlen > wlen)
			break;
		if (type == 0x000A && recs > 0)
			break; /* end of the globals */
		if (type == 0x0085 && rlen >= 6 && sheet < wb->nsheets) {
			size_t bof = u32(w + off + 4);
			/* worksheets only (byte 5: 0 worksheet); others keep no
			 * merges and are not in freexl's list either */
			if (w[off + 4 + 5] == 0) {
				if (bof < wlen) {
					sheet_merges(a, w, wlen, bof, &wb->sheets[sheet]);
					wb->sheets[sheet].merge_info = wb->sheets[sheet].nmerges > 0;
				}
				sheet++;
			}
		}
		off += 4 + rlen;
	}
	free(w);
}
