/* datalist: see datalist.h. The output is for people, one block a table:
 *
 *   truong_tieu_hoc (also: truong)
 *     data/truong.xlsx, sheet "Tiểu học", header rows 4-5, 4 rows
 *     stt               number  "STT"                 1
 *     hoc_sinh_tong_so  number  "Học sinh Tổng số"    1250
 */
#include "datalist.h"

#include <string.h>

#include "i18n.h"
#include "text.h"

static const char *kind_name(char k)
{
	return k == 'n' ? _("number") : k == 'd' ? _("date") : _("text");
}

/* Pad to w characters (code points, so Vietnamese lines up). */
static void pad(FILE *out, const char *s, size_t w)
{
	size_t n = text_length(s, strlen(s));
	fputs(s, out);
	for (; n < w; n++)
		fputc(' ', out);
}

void datalist_print(FILE *out, const struct dataset *d)
{
	if (!d) {
		fputs(_("no tables: there is no data folder (put the CSV files or "
			"workbooks in data/ beside the report, or pass -d DIR)\n"),
		      out);
		return;
	}
	if (d->ntables == 0) {
		fprintf(out,
			_("no tables: the data folder%s%s holds no .csv, .xlsx or .xls "
			  "file with a table\n"),
			d ? " " : "", d ? d->dir : "");
		return;
	}
	for (int i = 0; i < d->ntables; i++) {
		const struct table *t = &d->tables[i];
		fprintf(out, "%s%s", i ? "\n" : "", t->name);
		if (t->alias)
			fprintf(out, _(" (also: %s)"), t->alias);
		fputc('\n', out);
		fprintf(out, "  %s", t->path);
		if (t->sheet)
			fprintf(out, _(", sheet \"%s\""), t->sheet);
		if (t->header_rows > 1)
			fprintf(out, _(", header rows %d-%d"), t->header_row,
				t->header_row + t->header_rows - 1);
		else
			fprintf(out, _(", header row %d"), t->header_row > 0 ? t->header_row : 1);
		fprintf(out, t->nrows == 1 ? _(", %d row%s\n") : _(", %d rows%s\n"), t->nrows,
			t->locale == LOCALE_C ? _(", numbers as 1234.5") : "");
		size_t wn = 0, wh = 0;
		for (int c = 0; c < t->ncols; c++) {
			size_t n = text_length(t->names[c], strlen(t->names[c]));
			size_t h = text_length(t->headers[c], strlen(t->headers[c])) + 2;
			wn = n > wn ? n : wn;
			wh = h > wh ? h : wh;
		}
		if (wh > 40)
			wh = 40;
		for (int c = 0; c < t->ncols; c++) {
			const char *first = "";
			for (int r = 0; r < t->nrows && !*first; r++)
				first = data_cell(t, r, c)->text;
			fputs("  ", out);
			pad(out, t->names[c], wn + 2);
			pad(out, t->kind ? kind_name(t->kind[c]) : _("text"), 8);
			fputc('"', out);
			fputs(t->headers[c], out);
			fputc('"', out);
			size_t h = text_length(t->headers[c], strlen(t->headers[c])) + 2;
			for (; h < wh + 2; h++)
				fputc(' ', out);
			/* a value on one line */
			for (const char *p = first; *p; p++)
				fputc(*p == '\n' ? ' ' : *p, out);
			if (!*first)
				fputs(_("(empty)"), out);
			fputc('\n', out);
		}
	}
}
