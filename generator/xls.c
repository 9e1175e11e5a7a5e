/* xls: libfreexl opens the file (an OLE2 compound document) and parses the
 * whole BIFF stream at once; every sheet is then read cell by cell inside
 * its dimensions. Numbers come as C doubles, written here with 17
 * significant digits and rounded like Excel shows them (xlvalue_number). */
#include "xls.h"
#include "i18n.h"

#include <freexl.h>
#include <stdio.h>
#include <string.h>
#include <utf8proc.h>

#include "buf.h"

#include "bounds.h"
#include "text.h"
#include "xlvalue.h"

static const char *why(int rc)
{
	switch (rc) {
	case FREEXL_INSUFFICIENT_MEMORY: return _("out of memory");
	case FREEXL_BIFF_WORKBOOK_NOT_FOUND:
		return _("no Excel workbook inside (an Excel version older than 97, or "
			 "another program's file; save it as .xlsx)");
	case FREEXL_UNSUPPORTED_CHARSET:
		return _("its text is in a code page libfreexl cannot read (save it as "
			 ".xlsx)");
	default: return _("damaged or not an .xls workbook");
	}
}

/* A double in C form, whatever LC_NUMERIC says. */
static const char *double_text(struct arena *a, double d)
{
	char tmp[64];
	snprintf(tmp, sizeof tmp, "%.17g", d);
	for (char *p = tmp; *p; p++)
		if (*p == ',')
			*p = '.';
	return xlvalue_number(a, tmp, 0);
}

/* libfreexl checks nothing: text that is not UTF-8 is refused (NULL);
 * line ends become newlines, other control characters spaces; NFC. */
static const char *clean_text(struct arena *a, const char *t)
{
	if (!t)
		return "";
	size_t n = strlen(t);
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < n;) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)t + i,
						      (utf8proc_ssize_t)(n - i), &cp);
		if (k < 0) {
			buf_free(&b);
			return NULL;
		}
		if (cp == '\r' || cp == '\n')
			buf_putc(&b, '\n');
		else if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
			buf_putc(&b, ' ');
		else
			buf_put(&b, t + i, (size_t)k);
		i += (size_t)k;
	}
	size_t len = 0;
	const char *r = text_nfc(a, buf_cstr(&b), b.len, &len);
	buf_free(&b);
	return r;
}

bool xls_read(struct arena *a, const char *path, size_t max_cells, struct workbook *out)
{
	memset(out, 0, sizeof *out);
	out->path = path;
	const void *h = NULL;
	int rc = freexl_open(path, &h);
	if (rc != FREEXL_OK) {
		if (h)
			freexl_close(h);
		diag_error((struct srcloc){path, 1, 1}, "cannot read the workbook: %s",
			   why(rc));
		return false;
	}
	unsigned int nsheets = 0;
	if (freexl_get_info(h, FREEXL_BIFF_SHEET_COUNT, &nsheets) != FREEXL_OK)
		nsheets = 0;
	if (nsheets > MAX_WORKBOOK_SHEETS) {
		freexl_close(h);
		diag_error((struct srcloc){path, 1, 1}, "more than %d sheets in the workbook",
			   MAX_WORKBOOK_SHEETS);
		return false;
	}
	out->sheets = arena_alloc(a, sizeof *out->sheets * (nsheets ? nsheets : 1));
	size_t ncells = 0;
	bool ok = true;
	for (unsigned short i = 0; i < nsheets && ok; i++) {
		struct sheet *s = &out->sheets[out->nsheets];
		const char *name = NULL;
		unsigned int rows = 0;
		unsigned short cols = 0;
		if (freexl_get_worksheet_name(h, i, &name) != FREEXL_OK ||
		    freexl_select_active_worksheet(h, i) != FREEXL_OK ||
		    freexl_worksheet_dimensions(h, &rows, &cols) != FREEXL_OK) {
			diag_error((struct srcloc){path, 1, 1},
				   "cannot read sheet %u of the workbook; the file is damaged",
				   i + 1);
			ok = false;
			break;
		}
		size_t n = 0;
		s->name = name ? text_nfc(a, name, strlen(name), &n) : arena_printf(a, "%u", i + 1);
		s->merge_info = false;
		size_t cap = 0;
		if (rows > MAX_SHEET_ROWS)
			rows = MAX_SHEET_ROWS;
		for (unsigned r = 0; r < rows && ok; r++)
			for (unsigned c = 0; c < cols && ok; c++) {
				FreeXL_CellValue v;
				if (freexl_get_cell_value(h, r, (unsigned short)c, &v) != FREEXL_OK)
					continue;
				struct gcell g = {(int)r, (int)c, G_EMPTY, NULL};
				switch (v.type) {
				case FREEXL_CELL_INT:
					g.kind = G_NUMBER;
					g.text = arena_printf(a, "%d", v.value.int_value);
					break;
				case FREEXL_CELL_DOUBLE:
					g.kind = G_NUMBER;
					g.text = double_text(a, v.value.double_value);
					if (!g.text) {
						g.kind = G_ERROR;
						g.text = _("the cell holds a value that is not a "
							   "finite number");
					}
					break;
				case FREEXL_CELL_TEXT:
				case FREEXL_CELL_SST_TEXT:
					g.kind = G_TEXT;
					g.text = clean_text(a, v.value.text_value);
					if (!g.text) {
						g.kind = G_ERROR;
						g.text = _("the cell's text is not valid Unicode; "
							   "the file is damaged");
					}
					break;
				case FREEXL_CELL_DATE:
				case FREEXL_CELL_DATETIME:
					g.kind = G_DATE;
					g.text = arena_strndup(a, v.value.text_value ? v.value.text_value : "", 10);
					break;
				case FREEXL_CELL_TIME:
					g.kind = G_TEXT;
					g.text = arena_strndup(a, v.value.text_value ? v.value.text_value : "", 5);
					break;
				default: continue;
				}
				if (g.kind == G_TEXT && !*g.text)
					continue;
				if (ncells >= max_cells) {
					diag_error((struct srcloc){path, (int)r + 1, (int)c + 1},
						   "more than %u cells in the data (all tables "
						   "together)",
						   MAX_DATA_CELLS);
					ok = false;
					break;
				}
				ncells++;
				ARR_PUSH(a, s->cells, s->ncells, cap, g);
			}
		out->nsheets++;
	}
	freexl_close(h);
	return ok;
}
