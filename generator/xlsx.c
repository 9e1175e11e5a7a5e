/* xlsx: a workbook is a zip of XML parts (ECMA-376):
 *   _rels/.rels                  -> the workbook part (xl/workbook.xml)
 *   xl/workbook.xml              sheets in order: name, state, r:id
 *   xl/_rels/workbook.xml.rels   r:id -> part (worksheets/sheet1.xml)
 *   xl/sharedStrings.xml         <si> strings that cells point at
 *   xl/styles.xml                cellXfs[s].numFmtId -> date? percent?
 *   xl/worksheets/sheetN.xml     <row><c r="B3" t="s" s="2"><v>..</v></c>,
 *                                <mergeCell ref="A1:C1"/>
 * Every part is parsed as a stream (expat), 64 KB at a time, straight from
 * the inflater: a part is never whole in memory, its size in the zip's
 * directory is checked before a byte is inflated, and reading stops at
 * the limit whatever the directory claims. Numbers are kept as decimal
 * text (no strtod: the C library's locale must not matter). */
#include "xlsx.h"
#include "i18n.h"

#include <expat.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bounds.h"
#include "buf.h"
#include "text.h"
#include "xlvalue.h"
#include "zipapi.h"

/* libzip's functions (zipapi.c loads them with the first workbook) */
static const struct zipapi *za;

enum fmtkind { F_GENERAL, F_DATE, F_TIME, F_PERCENT };

struct rel {
	const char *id, *target, *type;
};

struct x {
	struct arena *a;
	const char *path;
	zip_t *z;
	bool failed;
	zip_uint64_t total; /* bytes inflated so far */
	size_t max_cells, ncells;

	/* parse state shared by the handlers */
	XML_Parser p;
	const char *part;
	int depth;
	struct buf text; /* character data being collected */
	bool collect;

	/* _rels/.rels and the workbook's rels */
	struct rel *rels;
	size_t nrels, caprels;
	const char *office; /* the workbook part */

	/* workbook.xml */
	struct {
		const char *name, *rid;
	} *sheets;
	size_t nsheets, capsheets;
	bool date1904;

	/* sharedStrings.xml */
	const char **sst;
	size_t nsst, capsst;
	bool in_si, in_rph;
	int t_depth;

	/* styles.xml */
	struct {
		int id;
		enum fmtkind k;
	} *fmts;
	size_t nfmts, capfmts;
	unsigned char *xf; /* cellXfs index -> enum fmtkind */
	size_t nxf, capxf;
	bool in_cellxfs;

	/* the sheet being read */
	struct sheet *sh;
	size_t capcells;
	size_t capmerges;
	int row, col; /* of the current cell, 0-based */
	int next_row;
	const char *ctype;
	int cstyle;
	bool in_c, has_v, has_f, has_is;
	const char *v, *f, *is;
	enum { T_NONE, T_V, T_F, T_IS } in;
};

static void failx(struct x *x, int row, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* One error for the file (row < 0) or for a cell of the current sheet. */
static void failx(struct x *x, int row, int col, const char *fmt, ...)
{
	if (x->failed)
		return;
	x->failed = true;
	char msg[640];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, _(fmt), ap); /* translated here: diag gets "%s" */
	va_end(ap);
	if (row >= 0 && x->sh)
		diag_error((struct srcloc){x->path, row + 1, col + 1},
			   "%s (sheet \"%s\", cell %s)", msg, x->sh->name,
			   sheet_cell_name(x->a, row, col));
	else
		diag_error((struct srcloc){x->path, 1, 1}, "%s", msg);
	if (x->p)
		XML_StopParser(x->p, XML_FALSE);
}

/* ---- names ---------------------------------------------------------- */

/* Local part of an expat name ("URI local" with namespaces on). */
static const char *local(const char *name)
{
	const char *s = strrchr(name, ' ');
	return s ? s + 1 : name;
}

static const char *attr(const char **atts, const char *name)
{
	for (int i = 0; atts[i]; i += 2)
		if (strcmp(local(atts[i]), name) == 0)
			return atts[i + 1];
	return NULL;
}

/* "r:id": the id attribute in the relationships namespace. */
static const char *rel_id(const char **atts)
{
	for (int i = 0; atts[i]; i += 2) {
		const char *sp = strrchr(atts[i], ' ');
		if (sp && strcmp(sp + 1, "id") == 0)
			return atts[i + 1];
	}
	return NULL;
}

/* "AB12" -> row 11, col 27; false when it is not a cell reference. */
static bool parse_ref(const char *s, int *row, int *col)
{
	long c = 0, r = 0;
	int nl = 0, nd = 0;
	for (; *s == '$'; s++)
		;
	for (; (*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z'); s++, nl++) {
		c = c * 26 + ((*s | 0x20) - 'a' + 1);
		if (c > MAX_SHEET_COLS)
			return false;
	}
	for (; *s == '$'; s++)
		;
	for (; *s >= '0' && *s <= '9'; s++, nd++) {
		r = r * 10 + (*s - '0');
		if (r > MAX_SHEET_ROWS)
			return false;
	}
	if (*s || !nl || !nd || c < 1 || r < 1)
		return false;
	*row = (int)r - 1;
	*col = (int)c - 1;
	return true;
}

/* ---- reading a part ------------------------------------------------- */

static void XMLCALL on_text(void *ud, const XML_Char *s, int len)
{
	struct x *x = ud;
	if (!x->collect)
		return;
	if (x->text.len + (size_t)len > MAX_LINE_BYTES) {
		failx(x, x->in_c ? x->row : -1, x->col,
		      "a cell holds more than %u MB of text", MAX_LINE_BYTES >> 20);
		return;
	}
	buf_put(&x->text, s, (size_t)len);
}

static void XMLCALL on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
			       const XML_Char *pubid, int internal)
{
	struct x *x = ud;
	failx(x, -1, 0, "part %s of the workbook holds a DTD, which workbooks never do; "
			"the file is damaged or not a workbook",
	      x->part);
}

static void XMLCALL on_entity(void *ud, const XML_Char *name, int pe, const XML_Char *v,
			      int vlen, const XML_Char *base, const XML_Char *sysid,
			      const XML_Char *pubid, const XML_Char *notation)
{
	on_doctype(ud, NULL, NULL, NULL, 0);
}

/* Inflate part `name` through the handlers. Missing: false and *missing
 * (no message) when missing is given, else an error. */
static bool read_part(struct x *x, const char *name, XML_StartElementHandler st,
		      XML_EndElementHandler en, bool *missing)
{
	if (missing)
		*missing = false;
	zip_int64_t idx = za->name_locate(x->z, name, 0);
	if (idx < 0) {
		if (missing) {
			*missing = true;
			return false;
		}
		failx(x, -1, 0, "the workbook has no part %s; the file is damaged "
				"(save it again from Excel or LibreOffice)",
		      name);
		return false;
	}
	zip_stat_t zs;
	if (za->stat_index(x->z, (zip_uint64_t)idx, 0, &zs) != 0 ||
	    !(zs.valid & ZIP_STAT_SIZE)) {
		failx(x, -1, 0, "cannot read part %s of the workbook; the file is damaged",
		      name);
		return false;
	}
	/* refused from the directory, before inflating anything: too large,
	 * or packed far tighter than any XML Excel writes (a zip bomb) */
	zip_uint64_t packed = (zs.valid & ZIP_STAT_COMP_SIZE) && zs.comp_size ? zs.comp_size : 1;
	if (zs.size > XLSX_BOMB_MIN_BYTES && zs.size / packed > XLSX_BOMB_RATIO) {
		failx(x, -1, 0,
		      "part %s of the workbook would expand %llu times (to %llu MB): "
		      "refused as a zip bomb",
		      name, (unsigned long long)(zs.size / packed),
		      (unsigned long long)(zs.size >> 20));
		return false;
	}
	if (zs.size > MAX_XLSX_PART_BYTES || x->total + zs.size > MAX_XLSX_TOTAL_BYTES) {
		failx(x, -1, 0,
		      "part %s of the workbook expands to %llu MB (the limit is %u MB "
		      "for one part and %u MB for the whole file): not read",
		      name, (unsigned long long)(zs.size >> 20), MAX_XLSX_PART_BYTES >> 20,
		      MAX_XLSX_TOTAL_BYTES >> 20);
		return false;
	}
	zip_file_t *f = za->fopen_index(x->z, (zip_uint64_t)idx, 0);
	if (!f) {
		failx(x, -1, 0, "cannot read part %s of the workbook: %s", name,
		      za->error_strerror(za->get_error(x->z)));
		return false;
	}
	XML_Parser p = XML_ParserCreateNS("UTF-8", ' ');
	if (!p) {
		za->fclose(f);
		diag_fail(DIAG_IO, "out of memory");
		x->failed = true;
		return false;
	}
	XML_SetUserData(p, x);
	XML_SetElementHandler(p, st, en);
	XML_SetCharacterDataHandler(p, on_text);
	XML_SetStartDoctypeDeclHandler(p, on_doctype);
	XML_SetEntityDeclHandler(p, on_entity);
	x->p = p;
	x->part = name;
	x->depth = 0;
	x->collect = false;
	buf_truncate(&x->text, 0);
	char *chunk = malloc(65536);
	zip_uint64_t got = 0;
	if (!chunk) {
		XML_ParserFree(p);
		x->p = NULL;
		za->fclose(f);
		diag_fail(DIAG_IO, "out of memory");
		x->failed = true;
		return false;
	}
	for (;;) {
		zip_int64_t n = za->fread(f, chunk, 65536);
		if (n < 0) {
			failx(x, -1, 0, "cannot read part %s of the workbook: %s; the file "
					"is damaged or truncated",
			      name, za->error_strerror(za->file_get_error(f)));
			break;
		}
		got += (zip_uint64_t)n;
		x->total += (zip_uint64_t)n;
		if (got > zs.size || got > MAX_XLSX_PART_BYTES) {
			failx(x, -1, 0, "part %s of the workbook is larger than its zip "
					"directory says; the file is damaged",
			      name);
			break;
		}
		if (XML_Parse(p, chunk, (int)n, n == 0) == XML_STATUS_ERROR) {
			if (!x->failed)
				failx(x, -1, 0,
				      "part %s of the workbook is not well-formed XML (line "
				      "%lu: %s); the file is damaged",
				      name, (unsigned long)XML_GetCurrentLineNumber(p),
				      XML_ErrorString(XML_GetErrorCode(p)));
			break;
		}
		if (x->failed || n == 0)
			break;
	}
	free(chunk);
	XML_ParserFree(p);
	x->p = NULL;
	za->fclose(f);
	return !x->failed;
}

/* ---- relationships -------------------------------------------------- */

static void XMLCALL rels_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct x *x = ud;
	if (strcmp(local(name), "Relationship") != 0)
		return;
	const char *id = attr(atts, "Id"), *target = attr(atts, "Target"),
		   *type = attr(atts, "Type");
	if (!id || !target)
		return;
	if (x->nrels >= 100000) {
		failx(x, -1, 0, "more than 100000 relationships in %s", x->part);
		return;
	}
	struct rel r = {arena_strdup(x->a, id), arena_strdup(x->a, target),
			type ? arena_strdup(x->a, type) : ""};
	ARR_PUSH(x->a, x->rels, x->nrels, x->caprels, r);
}

static void XMLCALL no_end(void *ud, const XML_Char *name)
{
}

static bool ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), k = strlen(tail);
	return n >= k && strcmp(s + n - k, tail) == 0;
}

/* A relationship's target as a zip entry name, relative to dir. */
static const char *resolve(struct x *x, const char *dir, const char *target)
{
	if (target[0] == '/')
		return target + 1;
	struct buf b = BUF_INIT;
	buf_puts(&b, dir);
	const char *t = target;
	while (strncmp(t, "../", 3) == 0) {
		t += 3;
		if (b.len)
			b.len--; /* the trailing '/' */
		while (b.len && b.ptr[b.len - 1] != '/')
			b.len--;
		if (b.ptr)
			b.ptr[b.len] = 0;
	}
	buf_puts(&b, t);
	const char *r = arena_strdup(x->a, buf_cstr(&b));
	buf_free(&b);
	return r;
}

/* ---- workbook.xml --------------------------------------------------- */

static void XMLCALL wb_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct x *x = ud;
	const char *ln = local(name);
	if (strcmp(ln, "sheet") == 0) {
		const char *nm = attr(atts, "name"), *rid = rel_id(atts);
		if (!nm || !rid)
			return;
		if (x->nsheets >= MAX_WORKBOOK_SHEETS) {
			failx(x, -1, 0, "more than %d sheets in the workbook",
			      MAX_WORKBOOK_SHEETS);
			return;
		}
		size_t n = 0;
		char *nfc = text_nfc(x->a, nm, strlen(nm), &n);
		ARR_PUSH(x->a, x->sheets, x->nsheets, x->capsheets,
			 ((__typeof__(*x->sheets)){nfc, arena_strdup(x->a, rid)}));
	} else if (strcmp(ln, "workbookPr") == 0) {
		const char *d = attr(atts, "date1904");
		x->date1904 = d && (strcmp(d, "1") == 0 || strcmp(d, "true") == 0);
	}
}

/* ---- sharedStrings.xml ---------------------------------------------- */

/* Excel's escapes _xHHHH_ for characters XML cannot hold; line ends and
 * other control characters become newlines and spaces; NFC. */
static const char *cell_text(struct x *x, const char *s, size_t n)
{
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '_' && i + 6 < n && s[i + 1] == 'x' && s[i + 6] == '_') {
			unsigned v = 0;
			bool hex = true;
			for (int k = 2; k < 6 && hex; k++) {
				char h = s[i + k];
				v = v * 16 + (unsigned)(h >= '0' && h <= '9'   ? h - '0'
							: (h | 0x20) >= 'a' &&
								  (h | 0x20) <= 'f'
							    ? (h | 0x20) - 'a' + 10
							    : (hex = false, 0));
			}
			if (hex) {
				i += 6;
				if (v == '\r' || v == '\n')
					buf_putc(&b, '\n');
				else if (v < 0x20 || v == 0x7F || (v >= 0xD800 && v < 0xE000))
					buf_putc(&b, ' ');
				else {
					char enc[4];
					buf_put(&b, enc, (size_t)text_encode((int32_t)v, enc));
				}
				continue;
			}
		}
		if (c == '\r') {
			buf_putc(&b, '\n');
			if (i + 1 < n && s[i + 1] == '\n')
				i++;
		} else if (c < 0x20 && c != '\n') {
			buf_putc(&b, ' ');
		} else {
			buf_putc(&b, (char)c);
		}
	}
	size_t len = 0;
	const char *r = text_nfc(x->a, buf_cstr(&b), b.len, &len);
	buf_free(&b);
	return r;
}

static void XMLCALL sst_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct x *x = ud;
	const char *ln = local(name);
	x->depth++;
	if (strcmp(ln, "si") == 0) {
		x->in_si = true;
		buf_truncate(&x->text, 0);
	} else if (strcmp(ln, "rPh") == 0) {
		x->in_rph = true;
	} else if (strcmp(ln, "t") == 0 && x->in_si && !x->in_rph) {
		x->collect = true;
	}
}

static void XMLCALL sst_end(void *ud, const XML_Char *name)
{
	struct x *x = ud;
	const char *ln = local(name);
	x->depth--;
	if (strcmp(ln, "t") == 0) {
		x->collect = false;
	} else if (strcmp(ln, "rPh") == 0) {
		x->in_rph = false;
	} else if (strcmp(ln, "si") == 0 && x->in_si) {
		x->in_si = false;
		if (x->nsst >= MAX_DATA_CELLS) {
			failx(x, -1, 0, "more than %u shared strings in the workbook",
			      MAX_DATA_CELLS);
			return;
		}
		ARR_PUSH(x->a, x->sst, x->nsst, x->capsst,
			 cell_text(x, buf_cstr(&x->text), x->text.len));
	}
}

/* ---- styles.xml ----------------------------------------------------- */

/* What a number format shows: a date, a time, a percent or a number.
 * Quoted text, escaped characters, fill and padding characters and [...]
 * (colours, locales) say nothing; only the first section counts. */
static enum fmtkind classify(const char *code)
{
	bool d = false, t = false, pct = false;
	for (const char *s = code; *s && *s != ';'; s++) {
		char c = (char)(*s | 0x20);
		if (*s == '"') {
			for (s++; *s && *s != '"'; s++)
				;
			if (!*s)
				break;
		} else if (*s == '\\' || *s == '_' || *s == '*') {
			if (!*++s)
				break;
		} else if (*s == '[') {
			/* [h] [mm] [ss]: elapsed time */
			if ((s[1] | 0x20) == 'h' || (s[1] | 0x20) == 'm' || (s[1] | 0x20) == 's')
				t = true;
			for (; *s && *s != ']'; s++)
				;
			if (!*s)
				break;
		} else if (c == 'y' || c == 'd') {
			d = true;
		} else if (c == 'h' || c == 's') {
			t = true;
		} else if (*s == '%') {
			pct = true;
		} else if (c == 'g' && strncmp(s, "General", 7) == 0) {
			s += 6;
		}
	}
	return d ? F_DATE : t ? F_TIME : pct ? F_PERCENT : F_GENERAL;
}

static enum fmtkind builtin(int id)
{
	if ((id >= 14 && id <= 17) || id == 22)
		return F_DATE;
	if ((id >= 18 && id <= 21) || (id >= 45 && id <= 47))
		return F_TIME;
	if (id == 9 || id == 10)
		return F_PERCENT;
	return F_GENERAL;
}

static void XMLCALL st_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct x *x = ud;
	const char *ln = local(name);
	if (strcmp(ln, "numFmt") == 0) {
		const char *id = attr(atts, "numFmtId"), *code = attr(atts, "formatCode");
		if (id && code && x->nfmts < 10000)
			ARR_PUSH(x->a, x->fmts, x->nfmts, x->capfmts,
				 ((__typeof__(*x->fmts)){atoi(id), classify(code)}));
	} else if (strcmp(ln, "cellXfs") == 0) {
		x->in_cellxfs = true;
	} else if (strcmp(ln, "xf") == 0 && x->in_cellxfs) {
		const char *id = attr(atts, "numFmtId");
		int n = id ? atoi(id) : 0;
		enum fmtkind k = builtin(n);
		for (size_t i = 0; i < x->nfmts; i++)
			if (x->fmts[i].id == n)
				k = x->fmts[i].k;
		if (x->nxf < 100000)
			ARR_PUSH(x->a, x->xf, x->nxf, x->capxf, (unsigned char)k);
	}
}

static void XMLCALL st_end(void *ud, const XML_Char *name)
{
	struct x *x = ud;
	if (strcmp(local(name), "cellXfs") == 0)
		x->in_cellxfs = false;
}

/* ---- a sheet -------------------------------------------------------- */

static void XMLCALL ws_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct x *x = ud;
	const char *ln = local(name);
	if (strcmp(ln, "c") == 0) {
		const char *r = attr(atts, "r");
		if (r) {
			int row, col;
			if (!parse_ref(r, &row, &col)) {
				failx(x, -1, 0, "sheet \"%s\": cell reference '%.20s' is not a "
						"cell of a sheet; the file is damaged",
				      x->sh->name, r);
				return;
			}
			x->row = row;
			x->col = col;
		} else {
			x->row = x->next_row;
			x->col++;
			if (x->col >= MAX_SHEET_COLS) {
				failx(x, -1, 0, "sheet \"%s\" has more than %d columns",
				      x->sh->name, MAX_SHEET_COLS);
				return;
			}
		}
		const char *t = attr(atts, "t"), *s = attr(atts, "s");
		x->ctype = t ? arena_strdup(x->a, t) : "n";
		x->cstyle = s ? atoi(s) : 0;
		x->in_c = true;
		x->has_v = x->has_f = x->has_is = false;
		x->v = x->f = x->is = NULL;
	} else if (strcmp(ln, "row") == 0) {
		const char *r = attr(atts, "r");
		long n = r ? atol(r) : x->next_row + 2;
		if (n < 1 || n > MAX_SHEET_ROWS) {
			failx(x, -1, 0, "sheet \"%s\": row number %ld is out of range; the "
					"file is damaged",
			      x->sh->name, n);
			return;
		}
		x->next_row = (int)n - 1;
		x->col = -1;
	} else if (x->in_c && strcmp(ln, "v") == 0) {
		x->in = T_V;
		x->collect = true;
		buf_truncate(&x->text, 0);
	} else if (x->in_c && strcmp(ln, "f") == 0) {
		x->in = T_F;
		x->has_f = true;
		x->collect = true;
		buf_truncate(&x->text, 0);
	} else if (x->in_c && strcmp(ln, "is") == 0) {
		x->in = T_IS;
		x->has_is = true;
		buf_truncate(&x->text, 0);
	} else if (x->in == T_IS && strcmp(ln, "t") == 0) {
		x->collect = true;
	} else if (x->in == T_IS && strcmp(ln, "rPh") == 0) {
		x->in_rph = true;
	} else if (strcmp(ln, "mergeCell") == 0) {
		const char *ref = attr(atts, "ref");
		struct gmerge g;
		char a1[32];
		const char *colon = ref ? strchr(ref, ':') : NULL;
		if (!ref)
			return;
		if (!colon || colon - ref >= (long)sizeof a1 ||
		    (memcpy(a1, ref, (size_t)(colon - ref)), a1[colon - ref] = 0,
		     !parse_ref(a1, &g.r0, &g.c0)) ||
		    !parse_ref(colon + 1, &g.r1, &g.c1)) {
			failx(x, -1, 0, "sheet \"%s\": merged range '%.30s' is not a range "
					"of cells; the file is damaged",
			      x->sh->name, ref);
			return;
		}
		if (g.r1 < g.r0 || g.c1 < g.c0) {
			failx(x, g.r0, g.c0, "merged range %.30s ends before it starts; the "
					     "file is damaged",
			      ref);
			return;
		}
		if (x->sh->nmerges >= MAX_SHEET_MERGES) {
			failx(x, -1, 0, "sheet \"%s\" has more than %d merged ranges",
			      x->sh->name, MAX_SHEET_MERGES);
			return;
		}
		ARR_PUSH(x->a, x->sh->merges, x->sh->nmerges, x->capmerges, g);
	}
}

static void add_cell(struct x *x, unsigned char kind, const char *text)
{
	if (x->ncells >= x->max_cells) {
		failx(x, x->row, x->col, "more than %u cells in the data (all tables "
					 "together)",
		      MAX_DATA_CELLS);
		return;
	}
	x->ncells++;
	struct gcell c = {x->row, x->col, kind, text};
	ARR_PUSH(x->a, x->sh->cells, x->sh->ncells, x->capcells, c);
}

/* The finished cell <c>: its value by its type and number format. */
static void end_cell(struct x *x)
{
	const char *t = x->ctype;
	const char *v = x->v;
	if (x->has_is) {
		const char *s = x->is ? x->is : "";
		if (*s)
			add_cell(x, G_TEXT, s);
		return;
	}
	if (!v || !*v) {
		if (x->has_f)
			failx(x, x->row, x->col,
			      "the formula =%.60s has no saved value; open the workbook in "
			      "Excel or LibreOffice and save it again (or type the figure)",
			      x->f ? x->f : "");
		return; /* an empty cell with a style */
	}
	if (strcmp(t, "s") == 0) {
		char *end;
		unsigned long i = strtoul(v, &end, 10);
		if (*end || i >= x->nsst) {
			failx(x, x->row, x->col, "the cell points at shared string %.20s, "
						 "which the workbook does not have; the "
						 "file is damaged",
			      v);
			return;
		}
		if (*x->sst[i])
			add_cell(x, G_TEXT, x->sst[i]);
	} else if (strcmp(t, "str") == 0 || strcmp(t, "inlineStr") == 0) {
		const char *s = cell_text(x, v, strlen(v));
		if (*s)
			add_cell(x, G_TEXT, s);
	} else if (strcmp(t, "b") == 0) {
		add_cell(x, G_BOOL, strcmp(v, "0") == 0 ? "FALSE" : "TRUE");
	} else if (strcmp(t, "e") == 0) {
		add_cell(x, G_ERROR,
			 arena_printf(x->a, _("the cell shows Excel's error %.20s%s; correct "
					       "it in the workbook"),
				      v, x->has_f ? _(" (from its formula)") : ""));
	} else if (strcmp(t, "d") == 0) {
		size_t n = strlen(v);
		int y, m, d;
		if (n >= 10 && sscanf(v, "%4d-%2d-%2d", &y, &m, &d) == 3)
			add_cell(x, G_DATE, arena_strndup(x->a, v, 10));
		else
			add_cell(x, G_ERROR, arena_printf(x->a, _("the date '%.30s' is not a "
								  "date; the file is damaged"),
							  v));
	} else {
		enum fmtkind k = x->cstyle >= 0 && (size_t)x->cstyle < x->nxf
				     ? (enum fmtkind)x->xf[x->cstyle]
				     : F_GENERAL;
		const char *num = xlvalue_number(x->a, v, k == F_PERCENT ? 2 : 0);
		if (!num) {
			add_cell(x, G_ERROR,
				 arena_printf(x->a, _("the value '%.30s' is not a number; the "
						       "file is damaged"),
					      v));
			return;
		}
		if (k == F_DATE || k == F_TIME) {
			/* whole days and the fraction of one */
			long days = 0;
			const char *p = num;
			bool neg = *p == '-';
			for (p += neg; *p >= '0' && *p <= '9' && days < 100000000; p++)
				days = days * 10 + (*p - '0');
			double frac = 0, scale = 0.1;
			if (*p == '.')
				for (p++; *p >= '0' && *p <= '9'; p++, scale /= 10)
					frac += (*p - '0') * scale;
			char out[11];
			if (k == F_DATE && !neg && xlvalue_date(days, x->date1904, out)) {
				add_cell(x, G_DATE, arena_strdup(x->a, out));
				return;
			}
			if (k == F_TIME && !neg) {
				long sec = (long)(frac * 86400 + 0.5);
				add_cell(x, G_TEXT,
					 arena_printf(x->a, "%02ld:%02ld", sec / 3600 % 24,
						      sec / 60 % 60));
				return;
			}
		}
		add_cell(x, k == F_PERCENT ? G_PERCENT : G_NUMBER, num);
	}
}

static void XMLCALL ws_end(void *ud, const XML_Char *name)
{
	struct x *x = ud;
	const char *ln = local(name);
	if (x->failed)
		return;
	if (strcmp(ln, "c") == 0 && x->in_c) {
		x->in_c = false;
		x->in = T_NONE;
		x->collect = false;
		end_cell(x);
	} else if (x->in == T_V && strcmp(ln, "v") == 0) {
		x->v = arena_strndup(x->a, buf_cstr(&x->text), x->text.len);
		x->has_v = true;
		x->in = T_NONE;
		x->collect = false;
	} else if (x->in == T_F && strcmp(ln, "f") == 0) {
		x->f = arena_strndup(x->a, buf_cstr(&x->text), x->text.len);
		x->in = T_NONE;
		x->collect = false;
	} else if (x->in == T_IS && strcmp(ln, "t") == 0) {
		x->collect = false;
	} else if (x->in == T_IS && strcmp(ln, "rPh") == 0) {
		x->in_rph = false;
	} else if (x->in == T_IS && strcmp(ln, "is") == 0) {
		x->is = cell_text(x, buf_cstr(&x->text), x->text.len);
		x->in = T_NONE;
	} else if (strcmp(ln, "row") == 0) {
		x->next_row++;
	}
}

/* ---- the workbook --------------------------------------------------- */

static const char *find_rel(struct x *x, size_t from, const char *id_or_type, bool by_type)
{
	for (size_t i = from; i < x->nrels; i++)
		if (by_type ? ends_with(x->rels[i].type, id_or_type)
			    : strcmp(x->rels[i].id, id_or_type) == 0)
			return x->rels[i].target;
	return NULL;
}

static bool read_workbook(struct x *x, struct workbook *out)
{
	bool missing;
	/* the workbook part */
	x->office = "xl/workbook.xml";
	if (read_part(x, "_rels/.rels", rels_start, no_end, &missing)) {
		const char *t = find_rel(x, 0, "/officeDocument", true);
		if (t)
			x->office = resolve(x, "", t);
	} else if (x->failed) {
		return false;
	}
	x->nrels = 0;
	if (!read_part(x, x->office, wb_start, no_end, NULL))
		return false;
	if (x->nsheets == 0) {
		failx(x, -1, 0, "the workbook lists no sheets; the file is damaged");
		return false;
	}
	/* its relationships: xl/_rels/workbook.xml.rels */
	const char *slash = strrchr(x->office, '/');
	const char *dir = slash ? arena_strndup(x->a, x->office, (size_t)(slash - x->office + 1))
				: "";
	const char *relpath =
	    arena_printf(x->a, "%s_rels/%s.rels", dir, slash ? slash + 1 : x->office);
	if (!read_part(x, relpath, rels_start, no_end, NULL))
		return false;
	const char *sst = find_rel(x, 0, "/sharedStrings", true);
	const char *sty = find_rel(x, 0, "/styles", true);
	if (sst && !read_part(x, resolve(x, dir, sst), sst_start, sst_end, &missing) &&
	    x->failed)
		return false;
	if (sty && !read_part(x, resolve(x, dir, sty), st_start, st_end, &missing) &&
	    x->failed)
		return false;
	out->sheets = arena_alloc(x->a, sizeof *out->sheets * x->nsheets);
	for (size_t i = 0; i < x->nsheets; i++) {
		const char *target = find_rel(x, 0, x->sheets[i].rid, false);
		struct sheet *s = &out->sheets[out->nsheets];
		s->name = x->sheets[i].name;
		s->merge_info = true;
		if (!target) {
			failx(x, -1, 0, "sheet \"%s\" has no part in the workbook; the file "
					"is damaged (save it again from Excel or LibreOffice)",
			      s->name);
			return false;
		}
		x->sh = s;
		x->capcells = x->capmerges = 0;
		x->next_row = -1;
		x->col = -1;
		x->in_c = false;
		x->in = T_NONE;
		const char *part = resolve(x, dir, target);
		bool miss = false;
		x->sh = NULL; /* file-level messages while opening */
		if (za->name_locate(x->z, part, 0) < 0)
			miss = true;
		x->sh = s;
		if (miss) {
			x->sh = NULL;
			failx(x, -1, 0, "sheet \"%s\" is missing from the workbook (no part "
					"%s); the file is damaged (save it again from Excel "
					"or LibreOffice)",
			      s->name, part);
			return false;
		}
		if (!read_part(x, part, ws_start, ws_end, NULL))
			return false;
		sheet_sort(s);
		out->nsheets++;
	}
	return true;
}

bool xlsx_read_mem(struct arena *a, const char *path, const void *data, size_t len,
		   size_t max_cells, struct workbook *out)
{
	memset(out, 0, sizeof *out);
	out->path = path;
	const char *why;
	if (!(za = zipapi_get(&why))) {
		diag_error((struct srcloc){path, 1, 1},
			   "cannot read .xlsx workbooks: %s (install the libzip4 package)", why);
		return false;
	}
	zip_error_t ze;
	za->error_init(&ze);
	zip_source_t *src = za->source_buffer_create(data, len, 0, &ze);
	zip_t *z = src ? za->open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze) : NULL;
	if (!z) {
		int code = za->error_code_zip(&ze);
		if (code == ZIP_ER_NOZIP)
			diag_error((struct srcloc){path, 1, 1},
				   "not an .xlsx workbook (not a zip file%s); save it from "
				   "Excel or LibreOffice as \"Excel Workbook (*.xlsx)\"",
				   len >= 8 && memcmp(data, "\xD0\xCF\x11\xE0", 4) == 0
				       ? ": this is an old .xls file (name it .xls) or a "
					 "password-protected workbook (save it without "
					 "a password)"
				       : ", or the file is truncated");
		else
			diag_error((struct srcloc){path, 1, 1},
				   "cannot read the workbook: %s; the file is damaged or "
				   "truncated",
				   za->error_strerror(&ze));
		if (src)
			za->source_free(src);
		za->error_fini(&ze);
		return false;
	}
	za->error_fini(&ze);
	struct x x = {.a = a, .path = path, .z = z, .max_cells = max_cells};
	bool ok = read_workbook(&x, out);
	buf_free(&x.text);
	za->discard(z);
	return ok && !x.failed;
}
