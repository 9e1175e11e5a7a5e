/* template: expands {{ }} placeholders, loops and conditionals against
 * the data, text in, text out (DESIGN.md §2.2), before Markdown parsing.
 * Owns: the template language, escaping inserted values so data is never
 * read as Markdown, and the line map back to the template.
 * Must not: parse Markdown or lay anything out. */
#ifndef BAOCAO_TEMPLATE_H
#define BAOCAO_TEMPLATE_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "buf.h"
#include "chart.h"
#include "data.h"
#include "diag.h"
#include "scalar.h"

struct tpl_env {
	const struct dataset *data; /* NULL when there is no data folder */
	/* Names resolve to the loop row, then the batch row, then --set,
	 * then front matter. */
	const struct table *batch_table; /* batch: its row's columns are scalars */
	int batch_row; /* -1 outside batch */
	const struct scalar *sets;
	int nsets;
	const struct scalar *vars;
	int nvars;
	/* How numbers in --set and front-matter values read when there is
	 * no data folder (with one, the dataset's locale applies). */
	enum data_locale locale;
	/* Front-matter values expanded so far (tpl_vars_new); NULL: values
	 * are used as written. */
	struct tpl_vars *expanded;
	/* {{ chart }} appends its charts here (NULL: charts are an error) */
	struct chart_list *charts;
};

/* Expanded front-matter values for one build (one batch row): a value
 * that holds placeholders is expanded when first used, against env, and
 * kept; a value that uses itself, directly or not, is an error. */
struct tpl_vars *tpl_vars_new(struct arena *a, const struct tpl_env *env);

/* Output line i (0-based) of an expansion came from template line
 * lines[i] of the file. */
struct linemap {
	int *lines;
	size_t n;
};

/* Expand a Markdown body. src is NFC text whose first line is line
 * first_line of file. On success out holds Markdown and map its line map.
 * Errors are reported with diag as FILE:LINE:COL; returns false. */
bool tpl_expand(struct arena *a, const char *file, int first_line, const char *src,
		size_t len, const struct tpl_env *env, struct buf *out,
		struct linemap *map);

/* Expand a single front-matter value written at loc (plain text: no
 * Markdown escaping; newlines become spaces). *out is in the arena. */
bool tpl_expand_value(struct arena *a, struct srcloc loc, const char *src,
		      const struct tpl_env *env, const char **out);

#endif
