/* Fuzz target: CSV loading. Raw bytes -> data_parse_csv (text_prepare,
 * delimiter detection, libcsv strict mode in step with the position
 * scanner, header names, numeric columns) in both number conventions,
 * then every cell is read back (ASan checks the table's shape). */
#include <stddef.h>
#include <stdint.h>

#include "data.h"
#include "fuzz.h"

static void one(const uint8_t *data, size_t size, enum data_locale loc)
{
	struct arena a;
	arena_init(&a);
	struct table t;
	bool ok = data_parse_csv(&a, "data/t.csv", "t", (const char *)data, size, loc, &t);
	if (!ok && diag_errors() == 0)
		abort(); /* a failure is always reported */
	if (ok) {
		if (t.ncols <= 0 || t.nrows < 0)
			abort();
		size_t sum = 0;
		for (int c = 0; c < t.ncols; c++) {
			if (!t.names[c][0] || data_column(&t, t.names[c]) != c)
				abort(); /* names are non-empty and unique */
			sum += strlen(t.headers[c]) + (size_t)t.numeric[c];
		}
		for (int r = 0; r < t.nrows; r++)
			for (int c = 0; c < t.ncols; c++) {
				const struct cell *cl = data_cell(&t, r, c);
				if (cl->line < 1 || cl->col < 1)
					abort();
				sum += strlen(cl->text);
			}
		if (sum == (size_t)-1)
			abort();
	}
	arena_free(&a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_quiet();
	diag_reset();
	one(data, size, LOCALE_VI);
	diag_reset();
	one(data, size, LOCALE_C);
	return 0;
}
