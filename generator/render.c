#include "render.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "diag.h"
#include "epoch.h"
#include "pagezip.h"
#include "render_gfx.h"
#include "pdfhack.h" /* libharu's public API, and the workarounds needing more */
#include "text.h"

/* Code points drawn in each face, and the CID each gets: 1, 2, ... in
 * code point order, so a face's /W array, CIDToGIDMap and ToUnicode
 * hold only what the document draws. */
struct used {
	uint8_t bits[FACE_COUNT][65536 / 8];
	int max[FACE_COUNT];
	uint16_t *cid[FACE_COUNT]; /* code point -> CID */
	int ncid[FACE_COUNT];
};

static void free_used(struct used *u)
{
	for (int f = 0; f < FACE_COUNT; f++)
		free(u->cid[f]);
	free(u);
}

static bool is_used(const struct used *u, int face, int cp)
{
	return u->bits[face][cp >> 3] & (1 << (cp & 7));
}

struct rctx {
	HPDF_STATUS err, detail;
};

static void on_error(HPDF_STATUS err, HPDF_STATUS detail, void *user)
{
	struct rctx *r = user;
	if (!r->err) {
		r->err = err;
		r->detail = detail;
	}
}

/* Document info on one line: a line break or no-break space the author
 * wrote for the header is a plain space in a viewer's title bar. */
static void set_info(HPDF_Doc pdf, HPDF_InfoType type, const char *v)
{
	struct buf b = BUF_INIT;
	for (const char *p = v; *p; p++) {
		if (*p == '\n')
			buf_putc(&b, ' ');
		else if ((unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xA0)
			buf_putc(&b, ' '), p++;
		else
			buf_putc(&b, *p);
	}
	HPDF_SetInfoAttr(pdf, type, buf_cstr(&b));
	buf_free(&b);
}

/* SOURCE_DATE_EPOCH sets the PDF dates; without it no date is written,
 * so the same input gives the same bytes. */
static void set_dates(HPDF_Doc pdf)
{
	long long t;
	if (epoch_get(&t) != EPOCH_SET)
		return;
	time_t tt = (time_t)t;
	struct tm tm;
	if (!gmtime_r(&tt, &tm))
		return;
	/* 'Z' makes libharu fail later (libraries.md §1.11); +00'00 is UTC */
	HPDF_Date d = {
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
	    tm.tm_sec,         '+',           0,          0};
	HPDF_SetInfoDateAttr(pdf, HPDF_INFO_CREATION_DATE, d);
	HPDF_SetInfoDateAttr(pdf, HPDF_INFO_MOD_DATE, d);
}

/* A number with up to 3 decimals, trailing zeros dropped (printf's
 * float formatting is slow and this is called for every line). */
/* Every op of a page, as `struct op o` with its placement's shift applied
 * (layout keeps each item's ops once; pages place them). */
#define FOR_OPS(L, pg, o)                                                                \
	for (int pi_ = 0; pi_ < (pg)->npl; pi_++)                                        \
		for (int oi_ = (pg)->pl[pi_].op0, oe_ = oi_ + (pg)->pl[pi_].nops;        \
		     oi_ < oe_; oi_++)                                                   \
			for (struct op o##_v = shifted((L), &(pg)->pl[pi_], oi_),        \
				       *o = &o##_v;                                      \
			     o; o = NULL)

static struct op shifted(const struct layout *L, const struct place *p, int i)
{
	struct op o = L->ops[i];
	o.y += p->dy;
	o.y2 += p->dy;
	return o;
}

static void put_num(struct buf *b, float v)
{
	long long m = llroundf(v * 1000.0f);
	if (m < 0) {
		buf_putc(b, '-');
		m = -m;
	}
	char tmp[24];
	int n = 0;
	long long q = m / 1000;
	do {
		tmp[sizeof tmp - 1 - n++] = (char)('0' + q % 10);
		q /= 10;
	} while (q);
	buf_put(b, tmp + sizeof tmp - n, (size_t)n);
	int frac = (int)(m % 1000);
	if (frac) {
		char d[5] = {'.', (char)('0' + frac / 100), (char)('0' + frac / 10 % 10),
			     (char)('0' + frac % 10), 0};
		int k = 4;
		while (d[k - 1] == '0')
			k--;
		buf_put(b, d, (size_t)k);
	}
}

/* "x y" then an operator */
static void put_point(struct buf *b, float x, float y, const char *op)
{
	put_num(b, x);
	buf_putc(b, ' ');
	put_num(b, y);
	buf_puts(b, op);
}

/* UTF-8 text as 2-byte codes (Identity-H: code = CID), each code point's
 * CID in this face, in a literal string (half the size of hex). */
static void put_codes(struct buf *b, const char *s, const uint16_t *cids)
{
	size_t n = strlen(s);
	/* at most 4 bytes out per code point, plus the parentheses */
	buf_grow(b, 4 * n + 2);
	char *o = b->ptr + b->len;
	*o++ = '(';
	for (size_t i = 0; i < n;) {
		int32_t cp = text_next(s, &i);
		if (cp > 0xFFFF)
			continue; /* layout rejects these; keep the stream valid */
		int cid = cids[cp];
		char c[2] = {(char)(cid >> 8), (char)(cid & 255)};
		for (int k = 0; k < 2; k++) {
			if (c[k] == '(' || c[k] == ')' || c[k] == '\\')
				*o++ = '\\';
			if (c[k] == '\r') {
				*o++ = '\\';
				*o++ = 'r';
				continue;
			}
			*o++ = c[k];
		}
	}
	*o++ = ')';
	b->len = (size_t)(o - b->ptr);
	b->ptr[b->len] = 0;
}

/* Draws a page. Text is written straight into the content stream, one
 * TJ array per run of words on a baseline in one face: libharu's TextOut
 * would cost a Td and a Tj per word, most of a build's time and bytes.
 * Positions inside the array are kerning-style adjustments from the
 * widths the viewer uses (the same per-mille widths layout measured). */
static void draw_page(HPDF_Page page, const struct layout *L, const struct lpage *pg,
		      HPDF_Font *fonts, const struct fontset *fs, const struct used *u,
		      HPDF_Image *images, struct buf *b)
{
	float H = pg->h;
	buf_truncate(b, 0);
	/* pictures and chart shapes under the rules and the text */
	FOR_OPS(L, pg, o)
	{
		if (o->kind == OP_IMAGE || o->kind == OP_SHAPE)
			gfx_draw(b, page, o, H, images);
	}
	/* rules first, batched by width into one path each */
	float lw = -1;
	bool open = false;
	FOR_OPS(L, pg, o)
	{
		if (o->kind != OP_LINE)
			continue;
		if (o->lw != lw) {
			if (open)
				buf_puts(b, "S\n");
			put_num(b, o->lw);
			buf_puts(b, " w\n");
			lw = o->lw;
		}
		put_point(b, o->x, H - o->y, " m ");
		put_point(b, o->x2, H - o->y2, " l\n");
		open = true;
	}
	if (open)
		buf_puts(b, "S\n");
	const char *name[FACE_COUNT] = {0};
	buf_puts(b, "BT\n");
	int face = -1;
	float size = -1, base = -1, pen = 0, cs = 0;
	bool in_tj = false;
	FOR_OPS(L, pg, o)
	{
		if (o->kind != OP_TEXT)
			continue;
		bool same = o->face == face && o->size == size && o->y == base &&
			    o->x >= pen - 0.05f && o->cs == cs;
		if (!same) {
			if (in_tj)
				buf_puts(b, "]TJ\n");
			if (o->cs != cs) { /* letter spacing of a loose line */
				put_num(b, o->cs);
				buf_puts(b, " Tc\n");
				cs = o->cs;
			}
			if (o->face != face || o->size != size) {
				if (!name[o->face])
					name[o->face] =
					    pdfhack_font_name(page, fonts[o->face]);
				buf_printf(b, "/%s ", name[o->face]);
				put_num(b, o->size);
				buf_puts(b, " Tf\n");
				face = o->face;
				size = o->size;
			}
			buf_puts(b, "1 0 0 1 ");
			put_point(b, o->x, H - o->y, " Tm[");
			in_tj = true;
			base = o->y;
			pen = o->x;
		} else if (o->x - pen > 0.001f || o->x - pen < -0.001f) {
			/* thousandths of the font size; negative moves right */
			put_num(b, -(o->x - pen) * 1000.0f / size);
		}
		put_codes(b, o->text, u->cid[o->face]);
		pen = o->x2; /* layout measured it */
	}
	if (in_tj)
		buf_puts(b, "]TJ\n");
	buf_puts(b, "ET\n");
}

/* Mark every drawn glyph as used so libharu embeds its outline (it does
 * so when it measures text). */
static void mark_glyphs(HPDF_Font font, const struct used *u, int face, int extra)
{
	struct buf s = BUF_INIT;
	for (int cp = 32; cp <= u->max[face]; cp++)
		if (u->bits[face][cp >> 3] & (1 << (cp & 7))) {
			char tmp[4];
			buf_put(&s, tmp, (size_t)text_encode(cp, tmp));
		}
	/* see render_pdf: glyphs embedded only to change the font's size */
	for (int cp = 'A'; extra > 0 && cp <= 'Z'; cp++)
		if (cp > u->max[face] || !(u->bits[face][cp >> 3] & (1 << (cp & 7)))) {
			buf_putc(&s, (char)cp);
			extra--;
		}
	if (s.len)
		HPDF_Font_TextWidth(font, (const HPDF_BYTE *)s.ptr, (HPDF_UINT)s.len);
	buf_free(&s);
}

static void outline(HPDF_Doc pdf, const struct layout *L, HPDF_Page *pages)
{
	HPDF_Encoder enc = HPDF_GetEncoder(pdf, "UTF-8");
	HPDF_Outline parent[5] = {0};
	for (int i = 0; i < L->noutline; i++) {
		const struct outline_entry *e = &L->outline[i];
		if (e->page < 0 || e->page >= L->npages)
			continue;
		int lv = e->level < 1 ? 1 : e->level > 4 ? 4 : e->level;
		/* the nearest open ancestor; a skipped level hangs on the root */
		HPDF_Outline up = NULL;
		for (int k = lv - 1; k >= 1 && !up; k--)
			up = parent[k];
		HPDF_Outline o = HPDF_CreateOutline(pdf, up, e->title, enc);
		if (!o)
			continue;
		HPDF_Outline_SetDestination(
		    o, pdfhack_dest_xyz(pages[e->page], L->pages[e->page].h - e->y + 4));
		HPDF_Outline_SetOpened(o, lv == 1 ? HPDF_TRUE : HPDF_FALSE);
		parent[lv] = o;
		for (int k = lv + 1; k <= 4; k++)
			parent[k] = NULL;
	}
}

static bool render_once(const struct layout *L, const struct doc *doc,
			const struct fontset *fs, struct buf *out, int extra,
			bool *retry);

/* libharu 2.3.0's memory stream cannot seek to its very end when its size
 * is a multiple of its 4 KB buffers, and it seeks there while writing an
 * embedded font whose subset happens to be that long (1 report in 500 in
 * the batch benchmark). Embedding one more unused glyph changes the size,
 * so such a document is rendered again with one. */
bool render_pdf(const struct layout *L, const struct doc *doc, const struct fontset *fs,
		struct buf *out)
{
	bool retry = false;
	for (int extra = 0; extra < 4; extra++) {
		buf_truncate(out, 0);
		if (render_once(L, doc, fs, out, extra, &retry))
			return true;
		if (!retry)
			return false;
	}
	diag_fail(DIAG_IO, "PDF writer failed (libharu could not embed a font)");
	return false;
}

/* Which code points each face draws, and their CIDs. NULL when out of
 * memory. */
static struct used *collect_used(const struct layout *L)
{
	struct used *u = calloc(1, sizeof *u);
	if (!u)
		return NULL;
	for (int f = 0; f < FACE_COUNT; f++)
		u->max[f] = -1;
	for (int p = 0; p < L->npages; p++)
		FOR_OPS(L, &L->pages[p], o)
		{
			if (o->kind != OP_TEXT)
				continue;
			for (size_t k = 0; o->text[k];) {
				int32_t cp = text_next(o->text, &k);
				if (cp > 0xFFFF)
					continue;
				u->bits[o->face][cp >> 3] |= (uint8_t)(1 << (cp & 7));
				if (cp > u->max[o->face])
					u->max[o->face] = cp;
			}
		}
	for (int f = 0; f < FACE_COUNT; f++) {
		if (u->max[f] < 0)
			continue;
		u->cid[f] = calloc(65536, sizeof(uint16_t));
		if (!u->cid[f]) {
			free_used(u);
			return NULL;
		}
		for (int cp = 0; cp <= u->max[f]; cp++)
			if (is_used(u, f, cp))
				u->cid[f][cp] = (uint16_t)++u->ncid[f];
	}
	return u;
}

/* Embed each face the document draws; false (reported) when one cannot
 * be. */
static bool embed_fonts(HPDF_Doc pdf, const struct fontset *fs, const struct used *u,
			HPDF_Font *fonts)
{
	for (int f = 0; f < FACE_COUNT; f++) {
		if (u->max[f] < 0)
			continue;
		const struct face *face = &fs->face[f];
		const char *name =
		    pdfhack_load_font(pdf, face->data, face->len, face->italic_angle);
		struct pdfhack_cids c = {u->cid[f], u->max[f], u->ncid[f]};
		if (name)
			fonts[f] = pdfhack_utf8_font(pdf, name, &c);
		if (!fonts[f]) {
			diag_fail(DIAG_IO, "cannot embed font '%s'", face->path);
			return false;
		}
	}
	return true;
}

static void set_meta(HPDF_Doc pdf, const struct meta *m)
{
	if (m->trich_yeu.s && *m->trich_yeu.s)
		set_info(pdf, HPDF_INFO_TITLE, m->trich_yeu.s);
	if (m->co_quan.s && *m->co_quan.s)
		set_info(pdf, HPDF_INFO_AUTHOR, m->co_quan.s);
	set_info(pdf, HPDF_INFO_SUBJECT, m->loai.s && *m->loai.s ? m->loai.s : "BÁO CÁO");
	HPDF_SetInfoAttr(pdf, HPDF_INFO_CREATOR, "baocao " BAOCAO_VERSION);
	set_dates(pdf);
}

/* Add the pages and draw them, their content deflated by z on its worker
 * thread; z keeps the bytes the pages then read when the PDF is saved. */
static void draw_pages(HPDF_Doc pdf, const struct layout *L, HPDF_Font *fonts,
		       const struct fontset *fs, const struct used *u, HPDF_Image *images,
		       HPDF_Page *pages, struct pagezip *z, const struct rctx *r)
{
	struct buf content = BUF_INIT;
	for (int p = 0; p < L->npages && !r->err; p++) {
		pages[p] = HPDF_AddPage(pdf);
		HPDF_Page_SetWidth(pages[p], L->pages[p].w);
		HPDF_Page_SetHeight(pages[p], L->pages[p].h);
		draw_page(pages[p], L, &L->pages[p], fonts, fs, u, images, &content);
		pagezip_submit(z, p, &content);
	}
	buf_free(&content);
	pagezip_finish(z);
	for (int p = 0; p < L->npages && !r->err; p++) {
		size_t len;
		bool deflated;
		const void *bytes = pagezip_get(z, p, &len, &deflated);
		pdfhack_set_content(pages[p], bytes, len, deflated);
	}
}

/* Page labels 1, 2, ..., the outline from the headings, and the view the
 * reader opens on. */
static void navigation(HPDF_Doc pdf, const struct layout *L, HPDF_Page *pages)
{
	if (!L->npages)
		return;
	/* the report's pages 1, 2, ...; an appendix's "PL I-1", ... */
	for (int p = 0; p < L->npages; p++)
		if (p == 0 || L->pages[p].group != L->pages[p - 1].group)
			HPDF_AddPageLabel(pdf, (HPDF_UINT)p, HPDF_PAGE_NUM_STYLE_DECIMAL, 1,
					  L->pages[p].group ? L->app_label[L->pages[p].group - 1]
							    : NULL);
	if (L->noutline) {
		outline(pdf, L, pages);
		HPDF_SetPageMode(pdf, HPDF_PAGE_MODE_USE_OUTLINE);
	}
	HPDF_SetOpenAction(pdf, pdfhack_dest_xyz(pages[0], L->pages[0].h));
}

static bool render_once(const struct layout *L, const struct doc *doc,
			const struct fontset *fs, struct buf *out, int extra, bool *retry)
{
	struct rctx r = {0};
	*retry = false;
	HPDF_Doc pdf = HPDF_New(on_error, &r);
	if (!pdf) {
		diag_fail(DIAG_IO, "cannot start the PDF writer");
		return false;
	}
	/* first: only streams created after this call are compressed */
	HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
	/* the decree asks for PDF 1.4 or later (spec/decree30.md §8); libharu
	 * writes 1.3 unless a feature needs more, and nothing here is 1.4-only */
	pdfhack_set_pdf14(pdf);
	HPDF_UseUTFEncodings(pdf);
	HPDF_SetCurrentEncoder(pdf, "UTF-8");
	struct used *u = collect_used(L);
	HPDF_Page *pages = calloc((size_t)(L->npages ? L->npages : 1), sizeof *pages);
	struct pagezip *z = pagezip_start(L->npages);
	HPDF_Image *images = NULL;
	bool ok = false;
	if (!u || !pages || !z) {
		diag_fail(DIAG_IO, "out of memory while writing the PDF");
		goto done;
	}
	HPDF_Font fonts[FACE_COUNT] = {0};
	if (r.err || !embed_fonts(pdf, fs, u, fonts))
		goto done;
	set_meta(pdf, &doc->meta);
	images = gfx_load_images(pdf, &doc->images);
	if (doc->images.n && !images)
		goto done; /* reported at the image */
	draw_pages(pdf, L, fonts, fs, u, images, pages, z, &r);
	for (int f = 0; f < FACE_COUNT && !r.err; f++)
		if (fonts[f])
			mark_glyphs(fonts[f], u, f, extra);
	if (!r.err)
		navigation(pdf, L, pages);
	bool saving = !r.err;
	if (!r.err)
		pdfhack_save(pdf, out);
	if (r.err && saving && pdfhack_is_font_seek_error(r.err))
		*retry = true;
	else if (r.err)
		diag_fail(DIAG_IO, "PDF writer failed (libharu error 0x%04X, detail %u)",
			  (unsigned)r.err, (unsigned)r.detail);
	ok = !r.err;
done:
	if (u)
		free_used(u);
	free(pages);
	free(images);
	HPDF_Free(pdf);
	pagezip_free(z); /* after the save: it read the pages from there */
	return ok;
}
