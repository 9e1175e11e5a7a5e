/* Shared pieces of the libFuzzer targets (fuzz/README.md): quiet
 * diagnostics, a small fixed dataset and scalars for the template and
 * pipeline targets, and the fonts for the pipeline target.
 * Every target resets diag per input and frees everything it allocates,
 * so LeakSanitizer reports any leak of the code under test. */
#ifndef BAOCAO_FUZZ_H
#define BAOCAO_FUZZ_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "data.h"
#include "diag.h"
#include "expr.h"
#include "scalar.h"

/* Called once: messages off (the counts are still kept; FUZZ_VERBOSE=1
 * prints them), and a smaller evaluation budget than MAX_EVAL_STEPS, so
 * a template that only the budget stops is seen in milliseconds, not
 * reported as a timeout after seconds. */
static inline void fuzz_quiet(void)
{
	static bool done;
	if (!done) {
		diag_set_quiet(!getenv("FUZZ_VERBOSE"));
		expr_max_steps = 2000000;
		done = true;
	}
}

/* Two tables like the samples': a commune table (text, numbers with
 * Vietnamese grouping and decimals, an empty cell) and a small one with
 * a lookup key. Parsed once into a long-lived arena. */
static const char fuzz_xa_csv[] =
	"\xEF\xBB\xBFma;Tên xã;Hộ nghèo;Tổng số hộ;Tỷ lệ (%);Ghi chú\r\n"
	"sin-suoi-ho;Sin Suối Hồ;215;1.250;17,2;\r\n"
	"mu-sang;Mù Sang;180;980;18,37;\"có \"\"điểm\"\" mới\"\r\n"
	"dao-san;Dào San;0;870;0;x\r\n";
static const char fuzz_von_csv[] =
	"nam,von_dt,von_sn,ten\n"
	"2022,383.032,\"1.234,5\",Năm đầu\n"
	"2023,-92,65,\n"
	"2024,999.999.999.999,0,Năm cuối\n";

static struct arena fuzz_data_arena;
static struct dataset fuzz_data;

static inline const struct dataset *fuzz_dataset(void)
{
	static bool done;
	if (done)
		return &fuzz_data;
	arena_init(&fuzz_data_arena);
	fuzz_data.dir = "data";
	fuzz_data.locale = LOCALE_VI;
	fuzz_data.tables = arena_alloc(&fuzz_data_arena, 2 * sizeof *fuzz_data.tables);
	if (!data_parse_csv(&fuzz_data_arena, "data/xa.csv", "xa", fuzz_xa_csv,
			    sizeof fuzz_xa_csv - 1, LOCALE_VI, &fuzz_data.tables[0]) ||
	    !data_parse_csv(&fuzz_data_arena, "data/von.csv", "von", fuzz_von_csv,
			    sizeof fuzz_von_csv - 1, LOCALE_VI, &fuzz_data.tables[1])) {
		fputs("fuzz: the fixed dataset does not parse\n", stderr);
		abort();
	}
	/* in file-name order, as data_load_dir sorts them: von < xa */
	struct table t = fuzz_data.tables[0];
	fuzz_data.tables[0] = fuzz_data.tables[1];
	fuzz_data.tables[1] = t;
	fuzz_data.ntables = 2;
	done = true;
	return &fuzz_data;
}

/* Front-matter-like scalars and a --set. */
static const struct scalar fuzz_vars[] = {
	{"nam", "2024", {"t.md", 2, 6}},
	{"ten_huyen", "Phong Thổ", {"t.md", 3, 12}},
	{"so_ho", "1.250", {"t.md", 4, 8}},
	{"ty_le", "92,65", {"t.md", 5, 8}},
	{"ngay", "2024-06-05", {"t.md", 6, 7}},
	{"rong", "", {"t.md", 7, 7}},
	{"lon", "999.999.999.999.999.999", {"t.md", 8, 6}},
	/* values with placeholders: one using others, two using each other */
	{"xa_day_du", "Xã {{ ten_huyen | hoa }} năm {{ nam + 1 }}", {"t.md", 9, 12}},
	{"vong_a", "{{ vong_b }}", {"t.md", 10, 9}},
	{"vong_b", "x {{ vong_a }}", {"t.md", 11, 9}},
};
static const struct scalar fuzz_sets[] = {
	{"nam", "2025", {"--set", 1, 5}},
	{"chu_tich", "Lò Văn Một", {"--set", 1, 10}},
};
#define FUZZ_NVARS ((int)(sizeof fuzz_vars / sizeof fuzz_vars[0]))
#define FUZZ_NSETS ((int)(sizeof fuzz_sets / sizeof fuzz_sets[0]))

#endif
