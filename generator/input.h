/* input: the files a run reads, loaded once for all its reports: the
 * template (NFC, its front matter with --set applied), the data folder
 * and the fonts; the default output name; and the check that an output
 * path is none of these inputs.
 * Owns: where inputs are found (data/ beside the template, the fonts
 * folder) and the messages about reading them.
 * Must not: expand, lay out or write anything (report and batch do). */
#ifndef BAOCAO_INPUT_H
#define BAOCAO_INPUT_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "data.h"
#include "font.h"
#include "frontmatter.h"
#include "scalar.h"

/* Markdown beyond this (about 40 pages) makes a large build: memhint.c
 * says why (the Phong Thổ sample is 66 KB, ten times it 660 KB). */
enum { LARGE_BUILD_BYTES = 256 * 1024 };

struct source {
	const char *file;
	const char *text; /* the whole file, NFC */
	size_t text_len;
	struct frontmatter fm;
	struct dataset data;
	bool has_data;
};

/* Read the template at path, its front matter (with the --set values
 * applied) and the data folder: data_dir, or data/ beside the template
 * when that exists. Reported when it fails. */
bool input_load_source(struct arena *a, const char *path, const char *data_dir,
		       enum data_locale locale, const struct scalar *sets, int nsets,
		       struct source *s);

/* The four faces from font_dir, or the installation's fonts folder. */
bool input_load_fonts(const char *font_dir, struct fontset *fs);

/* REPORT's stem + ".pdf" in the current folder (malloc'd). */
char *input_default_output(const char *path);

/* Writing out would destroy one of the run's inputs (the template, a CSV
 * table, a font file): reported (exit 2) when it would. */
bool input_overwritten(const char *out, const struct source *s,
		       const struct fontset *fs);

#endif
