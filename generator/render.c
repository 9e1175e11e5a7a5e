#include "render.h"

#include <hpdf.h>
#include <hpdf_font.h>    /* FontAttr: to replace the ToUnicode CMap */
#include <hpdf_objects.h> /* arrays: an /XYZ destination with a null zoom */
#include <hpdf_streams.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "diag.h"

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
 * some viewers garble copied text). Replace it with an identity bfrange
 * map, skipping surrogates (libraries.md §1.5). */
static void fix_tounicode(HPDF_Font font)
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
	int rows[256], n = 0;
	for (int hi = 0; hi < 256; hi++)
		if (hi < 0xD8 || hi > 0xDF)
			rows[n++] = hi;
	char line[64];
	for (int i = 0; i < n; i += 100) {
		int k = n - i < 100 ? n - i : 100;
		snprintf(line, sizeof line, "%d beginbfrange\n", k);
		HPDF_Stream_WriteStr(s, line);
		for (int j = i; j < i + k; j++) {
			int hi = rows[j];
			int lo = hi == 0 ? 0x20 : 0x00, top = hi == 0xFF ? 0xFD : 0xFF;
			snprintf(line, sizeof line, "<%02X%02X> <%02X%02X> <%02X%02X>\n", hi, lo,
				 hi, top, hi, lo);
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

static void draw_page(HPDF_Doc pdf, HPDF_Page page, const struct lpage *pg,
		      HPDF_Font *fonts)
{
	(void)pdf;
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
	HPDF_Page_BeginText(page);
	int face = -1;
	float size = -1;
	for (int i = 0; i < pg->nops; i++) {
		const struct op *o = &pg->ops[i];
		if (o->kind != OP_TEXT)
			continue;
		if (o->face != face || o->size != size) {
			HPDF_Page_SetFontAndSize(page, fonts[o->face], o->size);
			face = o->face;
			size = o->size;
		}
		HPDF_Page_TextOut(page, o->x, H - o->y, o->text);
	}
	HPDF_Page_EndText(page);
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
	bool used[FACE_COUNT] = {0};
	for (int p = 0; p < L->npages; p++)
		for (int i = 0; i < L->pages[p].nops; i++)
			if (L->pages[p].ops[i].kind == OP_TEXT)
				used[L->pages[p].ops[i].face] = true;
	HPDF_Font fonts[FACE_COUNT] = {0};
	for (int f = 0; f < FACE_COUNT && !r.err; f++) {
		if (!used[f])
			continue;
		const char *name = HPDF_LoadTTFontFromFile(pdf, fs->face[f].path, HPDF_TRUE);
		if (name)
			fonts[f] = HPDF_GetFont(pdf, name, "UTF-8");
		if (!fonts[f]) {
			diag_fail(DIAG_IO, "cannot embed font '%s'", fs->face[f].path);
			HPDF_Free(pdf);
			return false;
		}
		fix_tounicode(fonts[f]);
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
	for (int p = 0; p < L->npages && !r.err; p++) {
		pages[p] = HPDF_AddPage(pdf);
		HPDF_Page_SetWidth(pages[p], L->pages[p].w);
		HPDF_Page_SetHeight(pages[p], L->pages[p].h);
		draw_page(pdf, pages[p], &L->pages[p], fonts);
	}
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
