/* report: the pipeline of one build, top to bottom: the loaded inputs,
 * front matter expanded, template expanded, Markdown parsed, laid out,
 * rendered, written atomically; a batch runs it once per row.
 * Owns: the order of the stages. Must not: parse the command line (cli
 * does), read or write files itself (input, batch and fileio do). */
#ifndef BAOCAO_REPORT_H
#define BAOCAO_REPORT_H

#include <stdbool.h>

#include "data.h"
#include "layout.h"
#include "scalar.h"

struct lint_memo;

struct report_opts {
	const char *input; /* REPORT.md as given */
	const char *data_dir; /* NULL: data/ beside REPORT.md if it exists */
	const char *output; /* NULL: REPORT's stem + ".pdf" in the cwd */
	const struct scalar *sets;
	int nsets;
	enum data_locale locale;
	const char *font_dir; /* NULL: the installation's fonts/ */
	bool check_only; /* everything but writing the PDF */
	bool quiet; /* no linter findings (--quiet) */
	struct lint_memo *lint_memo; /* batch: findings said once (lint.h) */
	struct layout_opts lopt;
	const char *dump_layout; /* write page records here (tests) */
	bool stats; /* print layout figures to stderr */
	const char *deps; /* build: write a Make depfile here (deps.h) */
	bool list_data; /* baocao data: print the tables, build nothing */
	/* batch */
	const char *each; /* table whose rows are reports */
};

/* Run a build, check or batch; returns the exit status (DESIGN.md §1). */
int report_run(const struct report_opts *o);

/* Template text (raw file bytes) to PDF bytes in memory, with data and
 * fonts already loaded (data may be NULL): every stage of a build but
 * the file I/O. For the pipeline fuzzer; errors are reported with diag. */
struct fontset;
struct buf;
bool report_pdf_from_text(const char *file, const char *text, size_t len,
			  const struct dataset *data, const struct fontset *fs,
			  struct buf *pdf);

#endif
