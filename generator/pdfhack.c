/* pdfhack: libharu 2.3.0's internals, fenced in (pdfhack.h says why). */
#define PDFHACK_OWNER
#include "pdfhack.h"

#include <hpdf_doc.h> /* the document: its memory manager, font tags, version */
#include <hpdf_encoder.h> /* the UTF-8 encoder's maps, narrowed per font */
#include <hpdf_font.h> /* FontAttr: to replace the ToUnicode CMap */
#include <hpdf_objects.h> /* arrays: an /XYZ destination with a null zoom */
#include <hpdf_pages.h> /* the page's content stream, its font names */
#include <hpdf_streams.h> /* callback streams, in and out */
#include <hpdf_version.h>
#include <stdio.h>
#include <string.h>

/* Every function below reads or writes structs whose layout, and relies on
 * behaviour whose details, change between libharu releases (2.4 reworked
 * fonts, encoders and streams). Before allowing another version: read its
 * sources against each function here, run tests/unit/test_pdfhack and the
 * whole suite, and compare the sample PDFs. */
#if HPDF_MAJOR_VERSION != 2 || HPDF_MINOR_VERSION != 3 || HPDF_BUGFIX_VERSION != 0
#pragma message("this libharu is " HPDF_VERSION_TEXT)
#error "generator/pdfhack.c was written for libharu 2.3.0 (Debian 12's libhpdf-dev) \
and reads its private structs: check each of its functions against this version's \
sources before allowing it here"
#endif

void pdfhack_set_pdf14(HPDF_Doc pdf)
{
	pdf->pdf_version = HPDF_VER_14;
}

const char *pdfhack_load_font(HPDF_Doc pdf, const unsigned char *data, size_t len,
			      int italic_angle)
{
	/* one buffer for the whole file, and 4 spare bytes: libharu's memory
	 * stream refuses to seek to its very end, where an empty last glyph
	 * of the glyf table points */
	static const HPDF_BYTE pad[4];
	HPDF_Stream s = HPDF_MemStream_New(pdf->mmgr, (HPDF_UINT)len + 4);
	if (!s || HPDF_Stream_Write(s, data, (HPDF_UINT)len) != HPDF_OK ||
	    HPDF_Stream_Write(s, pad, sizeof pad) != HPDF_OK)
		return NULL;
	HPDF_FontDef def = HPDF_TTFontDef_Load(pdf->mmgr, s, HPDF_TRUE);
	if (!def)
		return NULL;
	/* libharu leaves ItalicAngle 0; viewers and checkers read it */
	def->italic_angle = (HPDF_INT16)italic_angle;
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

/* libharu 2.3.0 builds each UTF-8 font's /W array and CIDToGIDMap by
 * looking up all 65,536 code points, unless the encoder is a plain CMap
 * encoder, in which case it takes the code points its cid_map lists.
 * So while a font is created the encoder poses as one, listing just the
 * code points this face draws with their CIDs. One more CID past the last
 * (on U+FFFF, no glyph): libharu stops one short of the highest CID. */
static void narrow_encoder(HPDF_Encoder enc, const struct pdfhack_cids *c)
{
	HPDF_CMapEncoderAttr a = enc->attr;
	memset(a->cid_map, 0, sizeof a->cid_map);
	for (int cp = 1; cp <= c->max; cp++)
		if (c->cid[cp]) {
			a->cid_map[cp >> 8][cp & 255] = c->cid[cp];
			a->unicode_map[cp >> 8][cp & 255] = (HPDF_UNICODE)cp;
		}
	a->cid_map[255][255] = (HPDF_UINT16)(c->ncid + 1);
	a->unicode_map[255][255] = 0xFFFF;
	enc->to_unicode_fn = HPDF_CMapEncoder_ToUnicode;
}

/* Back to the UTF-8 decoder; row 0 of cid_map holds its state. */
static void restore_encoder(HPDF_Encoder enc, HPDF_Encoder_ToUnicode_Func utf8)
{
	enc->to_unicode_fn = utf8;
	HPDF_CMapEncoderAttr a = enc->attr;
	memset(a->cid_map[0], 0, 16);
}

/* libharu 2.3.0 writes "1 begincidrange <0000> <FFFF> 0" into the
 * ToUnicode CMap of UTF-8 fonts, which is not valid there (poppler warns,
 * some viewers garble copied text). Replace it with identity bfranges
 * over the code points the face draws (libraries.md §1.5). */
static void fix_tounicode(HPDF_Font font, const struct pdfhack_cids *c)
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
	for (int cp = 0; cp <= c->max; cp++) {
		if (!c->cid[cp])
			continue;
		int cid = c->cid[cp];
		if (n && hi[n - 1] == cp - 1 && (cp & 0xFF00) == (lo[n - 1] & 0xFF00) &&
		    (cid & 0xFF00) == (c->cid[lo[n - 1]] & 0xFF00)) {
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
				 c->cid[lo[j]], c->cid[hi[j]], lo[j]);
			HPDF_Stream_WriteStr(s, line);
		}
		HPDF_Stream_WriteStr(s, "endbfrange\n");
	}
	HPDF_Stream_WriteStr(s, "endcmap\nCMapName currentdict /CMap defineresource pop\n"
				"end\nend\n");
}

HPDF_Font pdfhack_utf8_font(HPDF_Doc pdf, const char *name, const struct pdfhack_cids *c)
{
	HPDF_Encoder enc = HPDF_GetEncoder(pdf, "UTF-8");
	if (!enc)
		return NULL;
	HPDF_Encoder_ToUnicode_Func utf8 = enc->to_unicode_fn;
	narrow_encoder(enc, c);
	HPDF_Font font = HPDF_GetFont(pdf, name, "UTF-8");
	restore_encoder(enc, utf8);
	if (font)
		fix_tounicode(font, c);
	return font;
}

const char *pdfhack_image_name(HPDF_Page page, HPDF_Image image)
{
	return HPDF_Page_GetXObjectName(page, image);
}

static HPDF_STATUS flate_filter_entry(HPDF_Dict dict, HPDF_Stream out);

HPDF_Image pdfhack_png_image(HPDF_Doc pdf, const void *zdata, size_t len, int width,
			     int height, int colors)
{
	HPDF_Dict im = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
	if (!im)
		return NULL;
	im->header.obj_class |= HPDF_OSUBCLASS_XOBJECT;
	HPDF_Dict parms = HPDF_Dict_New(pdf->mmgr);
	bool ok = parms && HPDF_Dict_AddName(im, "Type", "XObject") == HPDF_OK &&
		  HPDF_Dict_AddName(im, "Subtype", "Image") == HPDF_OK &&
		  HPDF_Dict_AddNumber(im, "Width", width) == HPDF_OK &&
		  HPDF_Dict_AddNumber(im, "Height", height) == HPDF_OK &&
		  HPDF_Dict_AddName(im, "ColorSpace",
				    colors == 1 ? "DeviceGray" : "DeviceRGB") == HPDF_OK &&
		  HPDF_Dict_AddNumber(im, "BitsPerComponent", 8) == HPDF_OK &&
		  HPDF_Dict_Add(im, "DecodeParms", parms) == HPDF_OK &&
		  HPDF_Dict_AddNumber(parms, "Predictor", 15) == HPDF_OK &&
		  HPDF_Dict_AddNumber(parms, "Colors", colors) == HPDF_OK &&
		  HPDF_Dict_AddNumber(parms, "BitsPerComponent", 8) == HPDF_OK &&
		  HPDF_Dict_AddNumber(parms, "Columns", width) == HPDF_OK &&
		  HPDF_Stream_Write(im->stream, zdata, (HPDF_UINT)len) == HPDF_OK;
	/* the bytes are deflated already: written as they are, with the
	 * /Filter entry libharu would drop from an unfiltered stream */
	im->filter = HPDF_STREAM_FILTER_NONE;
	im->write_fn = flate_filter_entry;
	return ok ? im : NULL;
}

const char *pdfhack_font_name(HPDF_Page page, HPDF_Font font)
{
	return HPDF_Page_GetLocalFontName(page, font);
}

/* A page's content as libharu reads it when saving: straight from the
 * bytes the caller holds (its memory stream would take a copy, one byte at
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

static void src_free(HPDF_Stream s)
{
	HPDF_FreeMem(s->mmgr, s->attr);
}

static HPDF_STATUS flate_filter_entry(HPDF_Dict dict, HPDF_Stream out)
{
	(void)dict;
	return HPDF_Stream_WriteStr(out, "/Filter /FlateDecode\n");
}

/* The content goes in as raw bytes with our own /Filter entry: libharu
 * would deflate it again, and drops a Filter entry from a stream it does
 * not filter. */
bool pdfhack_set_content(HPDF_Page page, const void *data, size_t len, bool deflated)
{
	HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;
	struct content_src *src = HPDF_GetMem(page->mmgr, sizeof *src);
	if (!src)
		return false; /* the error handler has recorded it */
	*src = (struct content_src){data, (HPDF_UINT)len, 0};
	HPDF_Stream s = HPDF_CallbackReader_New(page->mmgr, src_read, src_seek, src_tell,
						src_size, src);
	if (!s) {
		HPDF_FreeMem(page->mmgr, src);
		return false;
	}
	s->free_fn = src_free; /* src goes with the stream */
	HPDF_Stream_Free(attr->contents->stream);
	attr->contents->stream = attr->stream = s;
	if (deflated) {
		attr->contents->filter = HPDF_STREAM_FILTER_NONE;
		attr->contents->write_fn = flate_filter_entry;
	}
	return true;
}

HPDF_Destination pdfhack_dest_xyz(HPDF_Page page, float top)
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

static HPDF_STATUS append_out(HPDF_Stream stream, const HPDF_BYTE *ptr, HPDF_UINT n)
{
	buf_put(stream->attr, ptr, n);
	return HPDF_OK;
}

void pdfhack_save(HPDF_Doc pdf, struct buf *out)
{
	pdf->stream = HPDF_CallbackWriter_New(pdf->mmgr, append_out, out);
	if (pdf->stream)
		HPDF_SaveToStream(pdf);
}

bool pdfhack_is_font_seek_error(HPDF_STATUS err)
{
	return err == HPDF_INVALID_OBJECT;
}

/* ---- self-test ---- */

struct selftest {
	char *why;
	size_t n;
	bool ok;
	HPDF_STATUS err;
};

static void st_error(HPDF_STATUS err, HPDF_STATUS detail, void *user)
{
	struct selftest *t = user;
	(void)detail;
	if (!t->err)
		t->err = err;
}

#define ST_CHECK(t, cond, ...)                                                           \
	do {                                                                             \
		if ((t)->ok && !(cond)) {                                                \
			snprintf((t)->why, (t)->n, __VA_ARGS__);                         \
			(t)->ok = false;                                                 \
		}                                                                        \
	} while (0)

static bool has(const struct buf *b, const char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i + n <= b->len; i++)
		if (memcmp(b->ptr + i, s, n) == 0)
			return true;
	return false;
}

/* The number of widths in the font's "/W [ 1 [ w w ... ] ]" (-1: none). */
static int widths(const struct buf *b)
{
	static const char key[] = "/W [ 1 [";
	const char *p = NULL;
	for (size_t i = 0; !p && i + sizeof key - 1 <= b->len; i++)
		if (memcmp(b->ptr + i, key, sizeof key - 1) == 0)
			p = b->ptr + i + sizeof key - 1;
	if (!p)
		return -1;
	int n = 0;
	for (const char *e = b->ptr + b->len; p < e && *p != ']'; n++) {
		while (p < e && *p == ' ')
			p++;
		if (p < e && *p == ']')
			break;
		while (p < e && *p != ' ' && *p != ']')
			p++;
	}
	return n;
}

bool pdfhack_selftest(const unsigned char *ttf, size_t len, char *why, size_t why_size)
{
	struct selftest t = {why, why_size, true, 0};
	if (why_size)
		why[0] = 0;
	/* the shared library, not only the headers, is the tested one */
	ST_CHECK(&t, strcmp(HPDF_GetVersion(), "2.3.0") == 0,
		 "libharu %s is linked in; pdfhack.c was written for 2.3.0",
		 HPDF_GetVersion());
	HPDF_Doc pdf = HPDF_New(st_error, &t);
	ST_CHECK(&t, pdf != NULL, "HPDF_New failed");
	if (!t.ok)
		return false;
	/* no compression: the streams are read back as written */
	HPDF_UseUTFEncodings(pdf);
	HPDF_SetCurrentEncoder(pdf, "UTF-8");
	pdfhack_set_pdf14(pdf);
	HPDF_Encoder enc = HPDF_GetEncoder(pdf, "UTF-8");
	ST_CHECK(&t,
		 enc && enc->type == HPDF_ENCODER_TYPE_DOUBLE_BYTE && enc->attr &&
		     enc->to_unicode_fn &&
		     enc->to_unicode_fn != HPDF_CMapEncoder_ToUnicode,
		 "the UTF-8 encoder is not a CMap encoder with its own decoder");
	HPDF_Encoder_ToUnicode_Func utf8 = enc ? enc->to_unicode_fn : NULL;
	/* "A", "B", "Ư" drawn: CIDs 1, 2, 3 */
	static uint16_t cid[0x1B0 + 1];
	cid['A'] = 1, cid['B'] = 2, cid[0x1AF] = 3;
	struct pdfhack_cids c = {cid, 0x1AF, 3};
	const char *name = t.ok ? pdfhack_load_font(pdf, ttf, len, -12) : NULL;
	ST_CHECK(&t, name != NULL, "a TrueType font cannot be loaded from memory");
	const char *name2 = t.ok ? pdfhack_load_font(pdf, ttf, len, 0) : NULL;
	ST_CHECK(&t, name2 == NULL, "the same font was registered twice");
	t.err = 0;
	HPDF_Font font = t.ok ? pdfhack_utf8_font(pdf, name, &c) : NULL;
	ST_CHECK(&t, font != NULL, "HPDF_GetFont failed on the narrowed encoder");
	ST_CHECK(&t, !enc || enc->to_unicode_fn == utf8,
		 "the UTF-8 decoder was not put back");
	if (t.ok) {
		/* the UTF-8 decoder works again: "Ư" measures as one glyph */
		HPDF_UINT w =
		    HPDF_Font_TextWidth(font, (const HPDF_BYTE *)"\xC6\xAF", 2).numchars;
		ST_CHECK(&t, w == 1, "UTF-8 text is not decoded after the font was made");
	}
	HPDF_Page page = t.ok ? HPDF_AddPage(pdf) : NULL;
	ST_CHECK(&t, page != NULL, "HPDF_AddPage failed");
	static const char content[] = "BT /F1 12 Tf 1 0 0 1 72 700 Tm (\0\1) Tj ET\n";
	if (t.ok) {
		const char *fname = pdfhack_font_name(page, font);
		ST_CHECK(&t, fname && strcmp(fname, "F1") == 0,
			 "the page's font name is not F1");
		ST_CHECK(&t, pdfhack_set_content(page, content, sizeof content - 1, true),
			 "the page's content cannot be replaced");
		HPDF_SetOpenAction(pdf, pdfhack_dest_xyz(page, 700));
		/* a 1x1 grey PNG's zlib data, as it is, as an image XObject */
		static const unsigned char idat[] = {0x78, 0x9c, 0x63, 0x60, 0x00,
						     0x00, 0x00, 0x02, 0x00, 0x01};
		HPDF_Image im = pdfhack_png_image(pdf, idat, sizeof idat, 1, 1, 1);
		const char *iname = im ? pdfhack_image_name(page, im) : NULL;
		ST_CHECK(&t, iname && strcmp(iname, "X1") == 0,
			 "a PNG's data cannot be made an image XObject named X1");
	}
	struct buf out = BUF_INIT;
	if (t.ok)
		pdfhack_save(pdf, &out);
	ST_CHECK(&t, !t.err, "saving failed: libharu error 0x%04X", (unsigned)t.err);
	ST_CHECK(&t, out.len > 4 && memcmp(out.ptr, "%PDF-1.4", 8) == 0,
		 "the PDF is not marked 1.4");
	ST_CHECK(&t, has(&out, "HPDFAA+"), "the subset tag is not HPDFAA");
	ST_CHECK(&t, has(&out, "/ItalicAngle -12"), "the italic angle was not set");
	ST_CHECK(&t, has(&out, "/Filter /FlateDecode\n"),
		 "the page's content has no /Filter entry");
	ST_CHECK(&t, has(&out, content), "the page's content is not the given bytes");
	ST_CHECK(&t,
		 has(&out, "/Filter /FlateDecode\n") &&
		     has(&out, "/Predictor 15") && has(&out, "/Subtype /Image"),
		 "the PNG image has no /FlateDecode filter with the PNG predictors");
	ST_CHECK(&t, has(&out, "/XYZ 0 700 null ]"),
		 "the destination is not /XYZ 0 700 null");
	ST_CHECK(&t, !has(&out, "begincidrange"),
		 "libharu's ToUnicode CMap was not replaced");
	ST_CHECK(&t,
		 has(&out, "2 beginbfrange\n<0001> <0002> <0041>\n<0003> <0003> <01AF>\n"
			   "endbfrange\n"),
		 "the ToUnicode CMap does not map CIDs 1-3 to A, B, U+01AF");
	/* /W lists the three CIDs, not 65.536 code points */
	ST_CHECK(&t, widths(&out) == 3, "the /W array lists %d widths, not 3",
		 widths(&out));
	buf_free(&out);
	HPDF_Free(pdf);
	return t.ok;
}
