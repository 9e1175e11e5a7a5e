#include "render.h"

#include <hpdf.h>
#include <hpdf_font.h>    /* FontAttr: to replace the ToUnicode CMap */
#include <hpdf_objects.h> /* arrays: an /XYZ destination with a null zoom */
#include <hpdf_pages.h>   /* the page's content stream, its font names */
#include <hpdf_encoder.h> /* the UTF-8 encoder's maps, narrowed per font */
#include <hpdf_streams.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <time.h>

#include "buf.h"
#include "diag.h"
#include "text.h"

/* Code points drawn in each face: their glyphs must be embedded. */
struct used {
	uint8_t bits[FACE_COUNT][65536 / 8];
	int max[FACE_COUNT];
};

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
static void fix_tounicode(HPDF_Font font, const uint8_t *bits, int max)
{
	HPDF_FontAttr attr = (HPDF_FontAttr)font->attr;
	if (!attr || !attr->cmap_stream || !attr->cmap_stream->stream)
		return;
	HPDF_Stream s = attr->cmap_stream->stream;
	HPDF_MemStream_FreeData(s);
	HPDF_Stream_WriteStr(s, "/CIDInit /ProcSet findresource begin\n"
				"12 dict begin\nbegincmap\n"
				"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) "
				"/Supplement 0 >> def\n"
				"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
				"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	/* one identity range per run of drawn code points (a range may not
	 * cross a change of the high byte), at most 100 per block */
	int lo[512], hi[512], n = 0;
	char line[64];
	for (int cp = 0; cp <= max; cp++) {
		if (!(bits[cp >> 3] & (1 << (cp & 7))))
			continue;
		if (n && hi[n - 1] == cp - 1 && (cp & 0xFF00) == (lo[n - 1] & 0xFF00)) {
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
			snprintf(line, sizeof line, "<%04X> <%04X> <%04X>\n", lo[j], hi[j], lo[j]);
			HPDF_Stream_WriteStr(s, line);
		}
		HPDF_Stream_WriteStr(s, "endbfrange\n");
	}
	HPDF_Stream_WriteStr(s, "endcmap\nCMapName currentdict /CMap defineresource pop\n"
				"end\nend\n");
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
	HPDF_Date d = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
		       tm.tm_min, tm.tm_sec, '+', 0, 0};
	HPDF_SetInfoDateAttr(pdf, HPDF_INFO_CREATION_DATE, d);
	HPDF_SetInfoDateAttr(pdf, HPDF_INFO_MOD_DATE, d);
}

/* A number with up to 3 decimals, trailing zeros dropped (printf's
 * float formatting is slow and this is called for every line). */
static void put_num(struct buf *b, float v)
{
	long long m = llroundf(v * 1000.0f);
	if (m < 0) {
		buf_putc(b, '-');
		m = -m;
	}
	char tmp[32];
	int n = snprintf(tmp, sizeof tmp, "%lld", m / 1000);
	buf_put(b, tmp, (size_t)n);
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

/* UTF-8 text as the Identity-H codes libharu's UTF-8 fonts use: each
 * code point as a 2-byte CID (CID = Unicode, BMP only), in a literal
 * string, half the size of hex. */
static void put_codes(struct buf *b, const char *s)
{
	buf_putc(b, '(');
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		int32_t cp = text_next(s, &i);
		if (cp > 0xFFFF)
			continue; /* layout rejects these; keep the stream valid */
		char c[2] = {(char)(cp >> 8), (char)(cp & 255)};
		for (int k = 0; k < 2; k++) {
			if (c[k] == '(' || c[k] == ')' || c[k] == '\\')
				buf_putc(b, '\\');
			if (c[k] == '\r') {
				buf_puts(b, "\\r");
				continue;
			}
			buf_putc(b, c[k]);
		}
	}
	buf_putc(b, ')');
}

/* Draws a page. Text is written straight into the content stream, one
 * TJ array per run of words on a baseline in one face: libharu's TextOut
 * would cost a Td and a Tj per word, most of a build's time and bytes.
 * Positions inside the array are kerning-style adjustments from the
 * widths the viewer uses (the same per-mille widths layout measured). */
static void draw_page(HPDF_Page page, const struct lpage *pg, HPDF_Font *fonts,
		      const struct fontset *fs, struct buf *b)
{
	float H = pg->h;
	/* rules first, batched by width into one path each */
	float lw = -1;
	bool open = false;
	for (int i = 0; i < pg->nops; i++) {
		const struct op *o = &pg->ops[i];
		if (o->kind != OP_LINE)
			continue;
		if (o->lw != lw) {
			if (open)
				HPDF_Page_Stroke(page);
			HPDF_Page_SetLineWidth(page, o->lw);
			lw = o->lw;
		}
		HPDF_Page_MoveTo(page, o->x, H - o->y);
		HPDF_Page_LineTo(page, o->x2, H - o->y2);
		open = true;
	}
	if (open)
		HPDF_Page_Stroke(page);
	const char *name[FACE_COUNT] = {0};
	buf_truncate(b, 0);
	buf_puts(b, "BT\n");
	int face = -1;
	float size = -1, base = -1, pen = 0;
	bool in_tj = false;
	for (int i = 0; i < pg->nops; i++) {
		const struct op *o = &pg->ops[i];
		if (o->kind != OP_TEXT)
			continue;
		bool same = o->face == face && o->size == size && o->y == base &&
			    o->x >= pen - 0.05f;
		if (!same) {
			if (in_tj)
				buf_puts(b, "]TJ\n");
			if (o->face != face || o->size != size) {
				if (!name[o->face])
					name[o->face] = HPDF_Page_GetLocalFontName(page, fonts[o->face]);
				buf_printf(b, "/%s ", name[o->face]);
				put_num(b, o->size);
				buf_puts(b, " Tf\n");
				face = o->face;
				size = o->size;
			}
			buf_puts(b, "1 0 0 1 ");
			put_num(b, o->x);
			buf_putc(b, ' ');
			put_num(b, H - o->y);
			buf_puts(b, " Tm[");
			in_tj = true;
			base = o->y;
			pen = o->x;
		} else if (o->x - pen > 0.001f || o->x - pen < -0.001f) {
			/* thousandths of the font size; negative moves right */
			put_num(b, -(o->x - pen) * 1000.0f / size);
		}
		put_codes(b, o->text);
		pen = o->x + (float)font_width(&fs->face[o->face], o->text, strlen(o->text),
					       o->size);
	}
	if (in_tj)
		buf_puts(b, "]TJ\n");
	buf_puts(b, "ET\n");
	HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;
	HPDF_Stream_Write(attr->stream, (const HPDF_BYTE *)b->ptr, (HPDF_UINT)b->len);
}

/* Mark every drawn glyph as used so libharu embeds its outline (it does
 * so when it measures text). */
static void mark_glyphs(HPDF_Font font, const struct used *u, int face)
{
	struct buf s = BUF_INIT;
	for (int cp = 32; cp <= u->max[face]; cp++)
		if (u->bits[face][cp >> 3] & (1 << (cp & 7))) {
			char tmp[4];
			buf_put(&s, tmp, (size_t)text_encode(cp, tmp));
		}
	if (s.len)
		HPDF_Font_TextWidth(font, (const HPDF_BYTE *)s.ptr, (HPDF_UINT)s.len);
	buf_free(&s);
}

/* libharu 2.3.0 builds each UTF-8 font's /W array and CIDToGIDMap by
 * looking up all 65,536 code points, unless the encoder is a plain CMap
 * encoder, in which case it takes the code points its cid_map lists.
 * So while a font is created the encoder poses as one, listing just the
 * code points this face draws (CID = code point, as for UTF-8). One more
 * entry past the last: libharu stops one short of the highest CID. */
static void narrow_encoder(HPDF_Encoder enc, const struct used *u, int face)
{
	HPDF_CMapEncoderAttr a = enc->attr;
	memset(a->cid_map, 0, sizeof a->cid_map);
	for (int cp = 1; cp <= u->max[face] + 1 && cp < 0xFFFF; cp++)
		if (cp == u->max[face] + 1 || (u->bits[face][cp >> 3] & (1 << (cp & 7)))) {
			a->cid_map[cp >> 8][cp & 255] = (HPDF_UINT16)cp;
			a->unicode_map[cp >> 8][cp & 255] = (HPDF_UNICODE)cp;
		}
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
		HPDF_Outline_SetDestination(o, goto_xyz(pages[e->page],
							  L->pages[e->page].h - e->y + 4));
		HPDF_Outline_SetOpened(o, lv == 1 ? HPDF_TRUE : HPDF_FALSE);
		parent[lv] = o;
		for (int k = lv + 1; k <= 4; k++)
			parent[k] = NULL;
	}
}

bool render_pdf(const struct layout *L, const struct doc *doc, const struct fontset *fs,
		struct buf *out)
{
	struct rctx r = {0};
	HPDF_Doc pdf = HPDF_New(on_error, &r);
	if (!pdf) {
		diag_fail(DIAG_IO, "cannot start the PDF writer");
		return false;
	}
	/* first: only streams created after this call are compressed */
	HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(pdf);
	HPDF_SetCurrentEncoder(pdf, "UTF-8");
	struct used *u = calloc(1, sizeof *u);
	for (int f = 0; f < FACE_COUNT; f++)
		u->max[f] = -1;
	for (int p = 0; p < L->npages; p++)
		for (int i = 0; i < L->pages[p].nops; i++) {
			const struct op *o = &L->pages[p].ops[i];
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
	HPDF_Font fonts[FACE_COUNT] = {0};
	HPDF_Encoder enc = HPDF_GetEncoder(pdf, "UTF-8");
	HPDF_Encoder_ToUnicode_Func utf8_to_unicode = enc ? enc->to_unicode_fn : NULL;
	for (int f = 0; f < FACE_COUNT && !r.err; f++) {
		if (u->max[f] < 0)
			continue;
		const char *name = HPDF_LoadTTFontFromFile(pdf, fs->face[f].path, HPDF_TRUE);
		if (name && enc)
			narrow_encoder(enc, u, f);
		if (name)
			fonts[f] = HPDF_GetFont(pdf, name, "UTF-8");
		if (!fonts[f]) {
			diag_fail(DIAG_IO, "cannot embed font '%s'", fs->face[f].path);
			if (enc)
				enc->to_unicode_fn = utf8_to_unicode;
			free(u);
			HPDF_Free(pdf);
			return false;
		}
		fix_tounicode(fonts[f], u->bits[f], u->max[f]);
	}
	if (enc) {
		/* back to the UTF-8 decoder; row 0 of cid_map is its state */
		enc->to_unicode_fn = utf8_to_unicode;
		HPDF_CMapEncoderAttr a = enc->attr;
		memset(a->cid_map[0], 0, 16);
	}
	const struct meta *m = &doc->meta;
	if (m->trich_yeu.s && *m->trich_yeu.s)
		HPDF_SetInfoAttr(pdf, HPDF_INFO_TITLE, m->trich_yeu.s);
	if (m->co_quan.s && *m->co_quan.s)
		HPDF_SetInfoAttr(pdf, HPDF_INFO_AUTHOR, m->co_quan.s);
	HPDF_SetInfoAttr(pdf, HPDF_INFO_SUBJECT, m->loai.s && *m->loai.s ? m->loai.s : "BÁO CÁO");
	HPDF_SetInfoAttr(pdf, HPDF_INFO_CREATOR, "baocao " BAOCAO_VERSION);
	set_dates(pdf);
	HPDF_Page *pages = calloc((size_t)(L->npages ? L->npages : 1), sizeof *pages);
	struct buf content = BUF_INIT;
	for (int p = 0; p < L->npages && !r.err; p++) {
		pages[p] = HPDF_AddPage(pdf);
		HPDF_Page_SetWidth(pages[p], L->pages[p].w);
		HPDF_Page_SetHeight(pages[p], L->pages[p].h);
		draw_page(pages[p], &L->pages[p], fonts, fs, &content);
	}
	for (int f = 0; f < FACE_COUNT && !r.err; f++)
		if (fonts[f])
			mark_glyphs(fonts[f], u, f);
	buf_free(&content);
	free(u);
	if (!r.err && L->npages) {
		HPDF_AddPageLabel(pdf, 0, HPDF_PAGE_NUM_STYLE_DECIMAL, 1, NULL);
		if (L->noutline) {
			outline(pdf, L, pages);
			HPDF_SetPageMode(pdf, HPDF_PAGE_MODE_USE_OUTLINE);
		}
		HPDF_SetOpenAction(pdf, goto_xyz(pages[0], L->pages[0].h));
	}
	free(pages);
	if (!r.err)
		HPDF_SaveToStream(pdf);
	if (!r.err) {
		HPDF_UINT32 size = HPDF_GetStreamSize(pdf);
		HPDF_ResetStream(pdf);
		buf_grow(out, size);
		while (!r.err) {
			HPDF_UINT32 n = 65536;
			buf_grow(out, n);
			HPDF_STATUS st = HPDF_ReadFromStream(pdf, (HPDF_BYTE *)out->ptr + out->len, &n);
			out->len += n;
			if (st == HPDF_STREAM_EOF || n == 0)
				break;
		}
		out->ptr[out->len] = 0;
	}
	if (r.err) {
		diag_fail(DIAG_IO, "PDF writer failed (libharu error 0x%04X, detail %u)",
			  (unsigned)r.err, (unsigned)r.detail);
		HPDF_Free(pdf);
		return false;
	}
	HPDF_Free(pdf);
	return true;
}
