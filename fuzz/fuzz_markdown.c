/* Fuzz target: Markdown. Raw bytes -> text_prepare -> md_parse
 * (footnote label scan, cmark-gfm with tables and footnotes, the doc
 * model: headings and their numbers, list markers, merged table cells),
 * with and without automatic heading numbers. */
#include <stddef.h>
#include <stdint.h>

#include "fuzz.h"
#include "markdown.h"
#include "text.h"

static void one(const char *src, size_t len, bool auto_number)
{
	struct arena a;
	arena_init(&a);
	struct linemap map = {0}; /* no template: lines are the text's */
	struct doc doc = {.file = "t.md"};
	bool ok = md_parse(&a, "t.md", src, len, &map, auto_number, &doc);
	if (!ok && diag_errors() == 0)
		abort(); /* a failure is always reported */
	if (ok) {
		for (int i = 0; i < doc.blocks.n; i++) {
			const struct block *b = &doc.blocks.v[i];
			for (int k = 0; k < b->text.n; k++)
				if (strlen(b->text.v[k].text) != b->text.v[k].len)
					abort();
			if (b->kind == BLK_TABLE) {
				const struct dtable *t = b->table;
				if (t->nhead < 1 || t->nhead > t->nrows)
					abort();
				for (int c = 0; c < t->ncols * t->nrows; c++) {
					const struct tcell *tc = &t->cells[c];
					if (tc->colspan < 1 || tc->rowspan < 1 ||
					    c % t->ncols + tc->colspan > t->ncols ||
					    c / t->ncols + tc->rowspan > t->nrows)
						abort();
				}
			}
		}
	}
	arena_free(&a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_quiet();
	diag_reset();
	struct arena a;
	arena_init(&a);
	char *src;
	size_t len;
	if (text_prepare(&a, "t.md", 1, (const char *)data, size, &src, &len)) {
		one(src, len, false);
		diag_reset();
		one(src, len, true);
	}
	arena_free(&a);
	return 0;
}
