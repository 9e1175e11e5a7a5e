#include "render.h"

#include <hpdf.h>
#include <hpdf_doc.h> /* fonts loaded from memory */
#include <hpdf_encoder.h> /* the UTF-8 encoder's maps, narrowed per font */
#include <hpdf_font.h> /* FontAttr: to replace the ToUnicode CMap */
#include <hpdf_objects.h> /* arrays: an /XYZ destination with a null zoom */
#include <hpdf_pages.h> /* the page's content stream, its font names */
#include <hpdf_streams.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "diag.h"
#include "pagezip.h"
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

/* libharu 2.3.0 writes "1 begincidrange <0000> <FFFF> 0" into the
 * ToUnicode CMap of UTF-8 fonts, which is not valid there (poppler warns,
 * some viewers garble copied text). Replace it with identity bfranges
 * over the code points the face draws (libraries.md §1.5). */
static void fix_tounicode(HPDF_Font font, const struct used *u, int face)
{
	HPDF_FontAttr attr = (HPDF_FontAttr)font->attr;
	if (!attr || !attr->cmap_stream || !attr->cmap_stream->stream)
		return;
	HPDF_Stream s = attr->cmap_stream->stream;
	HPDF_MemStream_FreeData(s);
	HPDF_Stream_WriteStr(s,
			     "/CIDInit /ProcSet findresource begin\n"
			     "12 dict begin\nbegincmap\n"
			     "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) "
			     "/Supplement 0 >> def\n"
			     "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
			     "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	/* one range per run of consecutive code points (CIDs are consecutive
	 * too); a range stays within one high byte on both sides */
	int lo[512], hi[512], n = 0;
	char line[64];
	for (int cp = 0; cp <= u->max[face]; cp++) {
		if (!is_used(u, face, cp))
			continue;
		int cid = u->cid[face][cp];
		if (n && hi[n - 1] == cp - 1 && (cp & 0xFF00) == (lo[n - 1] & 0xFF00) &&
		    (cid & 0xFF00) == (u->cid[face][lo[n - 1]] & 0xFF00)) {
			hi[n - 1] = cp;
			continue;
		}
		if (n == 512)
			break; /* cannot happen: the fonts map fewer code points */
		lo[n] = hi[n] = cp;
		n++;
	}
	for (int i = 0; i < n; i += 100) {
		int k = n - i < 100 ? n - i : 100;
		snprintf(line, sizeof line, "%d beginbfrange\n", k);
		HPDF_Stream_WriteStr(s, line);
		for (int j = i; j < i + k; j++) {
			snprintf(line, sizeof line, "<%04X> <%04X> <%04X>\n",
				 u->cid[face][lo[j]], u->cid[face][hi[j]], lo[j]);
			HPDF_Stream_WriteStr(s, line);
		}
		HPDF_Stream_WriteStr(s, "endbfrange\n");
	}
	HPDF_Stream_WriteStr(s, "endcmap\nCMapName currentdict /CMap defineresource pop\n"
				"end\nend\n");
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
	const char *e = getenv("SOURCE_DATE_EPOCH");
	if (!e || !*e)
		return;
	char *end;
	long long t = strtoll(e, &end, 10);
	if (*end || t < 0)
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

static HPDF_STATUS append_out(HPDF_Stream stream, const HPDF_BYTE *ptr, HPDF_UINT n)
{
	buf_put(stream->attr, ptr, n);
	return HPDF_OK;
}

static HPDF_STATUS flate_filter_entry(HPDF_Dict dict, HPDF_Stream out)
{
	(void)dict;
	return HPDF_Stream_WriteStr(out, "/Filter /FlateDecode\n");
}

/* Draws a page. Text is written straight into the content stream, one
 * TJ array per run of words on a baseline in one face: libharu's TextOut
 * would cost a Td and a Tj per word, most of a build's time and bytes.
 * Positions inside the array are kerning-style adjustments from the
 * widths the viewer uses (the same per-mille widths layout measured). */
static void draw_page(HPDF_Page page, const struct layout *L, const struct lpage *pg,
		      HPDF_Font *fonts, const struct fontset *fs, const struct used *u,
		      struct buf *b)
{
	float H = pg->h;
	buf_truncate(b, 0);
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
	float size = -1, base = -1, pen = 0;
	bool in_tj = false;
	FOR_OPS(L, pg, o)
	{
		if (o->kind != OP_TEXT)
			continue;
		bool same = o->face == face && o->size == size && o->y == base &&
			    o->x >= pen - 0.05f;
		if (!same) {
			if (in_tj)
				buf_puts(b, "]TJ\n");
			if (o->face != face || o->size != size) {
				if (!name[o->face])
					name[o->face] = HPDF_Page_GetLocalFontName(
					    page, fonts[o->face]);
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

/* A page's content as libharu reads it when saving: straight from the
 * bytes pagezip holds (its memory stream would take a copy, one byte at
 * a time, and give it back the same way). */
struct content_src {
	const HPDF_BYTE *p;
	HPDF_UINT len, pos;
};

static HPDF_STATUS src_read(HPDF_Stream s, HPDF_BYTE *to, HPDF_UINT *n)
{
	struct content_src *c = s->attr;
	HPDF_UINT k = c->len - c->pos < *n ? c->len - c->pos : *n;
	memcpy(to, c->p + c->pos, k);
	c->pos += k;
	*n = k;
	return c->pos == c->len ? HPDF_STREAM_EOF : HPDF_OK;
}

static HPDF_STATUS src_seek(HPDF_Stream s, HPDF_INT pos, HPDF_WhenceMode mode)
{
	struct content_src *c = s->attr;
	HPDF_INT from = mode == HPDF_SEEK_SET   ? 0
			: mode == HPDF_SEEK_CUR ? (HPDF_INT)c->pos
						: (HPDF_INT)c->len;
	if (from + pos < 0 || from + pos > (HPDF_INT)c->len)
		return HPDF_SetError(s->error, HPDF_STREAM_EOF, 0);
	c->pos = (HPDF_UINT)(from + pos);
	return HPDF_OK;
}

static HPDF_INT32 src_tell(HPDF_Stream s)
{
	return (HPDF_INT32)((struct content_src *)s->attr)->pos;
}

static HPDF_UINT32 src_size(HPDF_Stream s)
{
	return ((struct content_src *)s->attr)->len;
}

/* The content goes in as raw bytes with our own /Filter entry: libharu
 * would deflate it again, and drops a Filter entry from a stream it does
 * not filter. */
static void put_content(HPDF_Page page, const struct pagezip *z, int i,
			struct content_src *src)
{
	HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;
	size_t len;
	bool deflated;
	*src =
	    (struct content_src){pagezip_get(z, i, &len, &deflated), (HPDF_UINT)len, 0};
	HPDF_Stream s = HPDF_CallbackReader_New(page->mmgr, src_read, src_seek, src_tell,
						src_size, src);
	if (!s)
		return; /* the error handler has recorded it */
	HPDF_Stream_Free(attr->contents->stream);
	attr->contents->stream = attr->stream = s;
	if (deflated) {
		attr->contents->filter = HPDF_STREAM_FILTER_NONE;
		attr->contents->write_fn = flate_filter_entry;
	}
}

/* HPDF_LoadTTFontFromFile, but from the bytes font.c already read: its
 * file reader costs a small fread per glyph when the PDF is saved. */
static const char *load_font(HPDF_Doc pdf, const struct face *face)
{
	/* one buffer for the whole file, and 4 spare bytes: libharu's memory
	 * stream refuses to seek to its very end, where an empty last glyph
	 * of the glyf table points */
	static const HPDF_BYTE pad[4];
	HPDF_Stream s = HPDF_MemStream_New(pdf->mmgr, (HPDF_UINT)face->len + 4);
	if (!s || HPDF_Stream_Write(s, face->data, (HPDF_UINT)face->len) != HPDF_OK ||
	    HPDF_Stream_Write(s, pad, sizeof pad) != HPDF_OK)
		return NULL;
	HPDF_FontDef def = HPDF_TTFontDef_Load(pdf->mmgr, s, HPDF_TRUE);
	if (!def)
		return NULL;
	/* libharu leaves ItalicAngle 0; viewers and checkers read it */
	def->italic_angle = (HPDF_INT16)face->italic_angle;
	if (HPDF_Doc_FindFontDef(pdf, def->base_font) ||
	    HPDF_Doc_RegisterFontDef(pdf, def) != HPDF_OK) {
		HPDF_FontDef_Free(def);
		return NULL;
	}
	/* subset tags HPDFAA, HPDFAB, ... as libharu gives them */
	if (pdf->ttfont_tag[0] == 0) {
		memcpy(pdf->ttfont_tag, "HPDFAA", 6);
	} else {
		for (int i = 5; i >= 0; i--) {
			pdf->ttfont_tag[i]++;
			if (pdf->ttfont_tag[i] > 'Z')
				pdf->ttfont_tag[i] = 'A';
			else
				break;
		}
	}
	HPDF_TTFontDef_SetTagName(def, (char *)pdf->ttfont_tag);
	return def->base_font;
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

/* libharu 2.3.0 builds each UTF-8 font's /W array and CIDToGIDMap by
 * looking up all 65,536 code points, unless the encoder is a plain CMap
 * encoder, in which case it takes the code points its cid_map lists.
 * So while a font is created the encoder poses as one, listing just the
 * code points this face draws with their CIDs. One more CID past the last
 * (on U+FFFF, no glyph): libharu stops one short of the highest CID. */
static void narrow_encoder(HPDF_Encoder enc, const struct used *u, int face)
{
	HPDF_CMapEncoderAttr a = enc->attr;
	memset(a->cid_map, 0, sizeof a->cid_map);
	for (int cp = 1; cp <= u->max[face]; cp++)
		if (is_used(u, face, cp)) {
			a->cid_map[cp >> 8][cp & 255] = u->cid[face][cp];
			a->unicode_map[cp >> 8][cp & 255] = (HPDF_UNICODE)cp;
		}
	a->cid_map[255][255] = (HPDF_UINT16)(u->ncid[face] + 1);
	a->unicode_map[255][255] = 0xFFFF;
	enc->to_unicode_fn = HPDF_CMapEncoder_ToUnicode;
}

/* [page /XYZ 0 top null]: jump to the heading, keep the reader's zoom
 * (libharu's SetXYZ rejects a null zoom). */
static HPDF_Destination goto_xyz(HPDF_Page page, float top)
{
	HPDF_Destination d = HPDF_Page_CreateDestination(page);
	if (!d)
		return d;
	HPDF_Array_Clear(d);
	HPDF_Array_Add(d, page);
	HPDF_Array_AddName(d, "XYZ");
	HPDF_Array_AddReal(d, 0);
	HPDF_Array_AddReal(d, top);
	HPDF_Array_Add(d, HPDF_Null_New(d->mmgr));
	return d;
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
		    o, goto_xyz(pages[e->page], L->pages[e->page].h - e->y + 4));
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
	pdf->pdf_version = HPDF_VER_14;
	HPDF_UseUTFEncodings(pdf);
	HPDF_SetCurrentEncoder(pdf, "UTF-8");
	struct used *u = calloc(1, sizeof *u);
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
		for (int cp = 0; cp <= u->max[f]; cp++)
			if (is_used(u, f, cp))
				u->cid[f][cp] = (uint16_t)++u->ncid[f];
	}
	HPDF_Font fonts[FACE_COUNT] = {0};
	HPDF_Encoder enc = HPDF_GetEncoder(pdf, "UTF-8");
	HPDF_Encoder_ToUnicode_Func utf8_to_unicode = enc ? enc->to_unicode_fn : NULL;
	for (int f = 0; f < FACE_COUNT && !r.err; f++) {
		if (u->max[f] < 0)
			continue;
		const char *name = load_font(pdf, &fs->face[f]);
		if (name && enc)
			narrow_encoder(enc, u, f);
		if (name)
			fonts[f] = HPDF_GetFont(pdf, name, "UTF-8");
		if (!fonts[f]) {
			diag_fail(DIAG_IO, "cannot embed font '%s'", fs->face[f].path);
			if (enc)
				enc->to_unicode_fn = utf8_to_unicode;
			free_used(u);
			HPDF_Free(pdf);
			return false;
		}
		fix_tounicode(fonts[f], u, f);
	}
	if (enc) {
		/* back to the UTF-8 decoder; row 0 of cid_map is its state */
		enc->to_unicode_fn = utf8_to_unicode;
		HPDF_CMapEncoderAttr a = enc->attr;
		memset(a->cid_map[0], 0, 16);
	}
	const struct meta *m = &doc->meta;
	if (m->trich_yeu.s && *m->trich_yeu.s)
		set_info(pdf, HPDF_INFO_TITLE, m->trich_yeu.s);
	if (m->co_quan.s && *m->co_quan.s)
		set_info(pdf, HPDF_INFO_AUTHOR, m->co_quan.s);
	set_info(pdf, HPDF_INFO_SUBJECT, m->loai.s && *m->loai.s ? m->loai.s : "BÁO CÁO");
	HPDF_SetInfoAttr(pdf, HPDF_INFO_CREATOR, "baocao " BAOCAO_VERSION);
	set_dates(pdf);
	HPDF_Page *pages = calloc((size_t)(L->npages ? L->npages : 1), sizeof *pages);
	struct content_src *srcs =
	    calloc((size_t)(L->npages ? L->npages : 1), sizeof *srcs);
	struct pagezip *z = pagezip_start(L->npages);
	if (!pages || !srcs || !z)
		r.err = HPDF_FAILD_TO_ALLOC_MEM;
	struct buf content = BUF_INIT;
	for (int p = 0; p < L->npages && !r.err; p++) {
		pages[p] = HPDF_AddPage(pdf);
		HPDF_Page_SetWidth(pages[p], L->pages[p].w);
		HPDF_Page_SetHeight(pages[p], L->pages[p].h);
		draw_page(pages[p], L, &L->pages[p], fonts, fs, u, &content);
		pagezip_submit(z, p, &content);
	}
	buf_free(&content);
	if (z) {
		pagezip_finish(z);
		for (int p = 0; p < L->npages && !r.err; p++)
			put_content(pages[p], z, p, &srcs[p]);
	}
	for (int f = 0; f < FACE_COUNT && !r.err; f++)
		if (fonts[f])
			mark_glyphs(fonts[f], u, f, extra);
	free_used(u);
	if (!r.err && L->npages) {
		HPDF_AddPageLabel(pdf, 0, HPDF_PAGE_NUM_STYLE_DECIMAL, 1, NULL);
		if (L->noutline) {
			outline(pdf, L, pages);
			HPDF_SetPageMode(pdf, HPDF_PAGE_MODE_USE_OUTLINE);
		}
		HPDF_SetOpenAction(pdf, goto_xyz(pages[0], L->pages[0].h));
	}
	free(pages);
	bool saving = !r.err;
	if (!r.err) {
		/* straight into out: libharu's memory stream would copy every
		 * byte twice more, one at a time */
		pdf->stream = HPDF_CallbackWriter_New(pdf->mmgr, append_out, out);
		if (pdf->stream)
			HPDF_SaveToStream(pdf);
	}
	if (r.err) {
		if (r.err == HPDF_INVALID_OBJECT && saving) {
			*retry = true;
		} else {
			diag_fail(DIAG_IO,
				  "PDF writer failed (libharu error 0x%04X, detail %u)",
				  (unsigned)r.err, (unsigned)r.detail);
		}
		HPDF_Free(pdf);
		pagezip_free(z);
		free(srcs);
		return false;
	}
	HPDF_Free(pdf);
	pagezip_free(z); /* after the save: it read the pages from there */
	free(srcs);
	return true;
}
