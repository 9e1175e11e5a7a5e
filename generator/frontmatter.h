/* frontmatter: the YAML block between the leading "---" lines (libyaml),
 * read into the parts of an official report (DESIGN.md §2.1).
 * Owns: the keys, their types and ranges, and where each was written.
 * Must not: expand placeholders (template does) or lay anything out.
 * Text values are kept as written, placeholders and all; absent parts
 * have s == NULL. */
#ifndef BAOCAO_FRONTMATTER_H
#define BAOCAO_FRONTMATTER_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "dataspec.h"
#include "diag.h"
#include "scalar.h"

struct fm_text {
	const char *s;
	struct srcloc loc;
};

struct fm_list {
	struct fm_text *v;
	int n;
};

struct page_setup {
	double top, bottom, left, right; /* margins, mm */
	double size; /* body size, pt */
	double spacing; /* line spacing in Word "lines" */
	double indent; /* first-line indent, mm */
	double table_size; /* table text, pt */
	double note_size; /* footnote text, pt */
};

struct frontmatter {
	struct fm_text co_quan_chu_quan, co_quan, so, ky_hieu, dia_danh, ngay, loai,
	    trich_yeu, phu_de;
	struct fm_list kinh_gui;
	bool du_thao;
	bool has_ky;
	struct fm_text ky_quyen_han, ky_ho_ten;
	struct fm_list ky_chuc_vu;
	struct fm_list noi_nhan;
	struct page_setup page;
	bool danh_so_tu_dong;
	/* du_lieu: where tables are in the data folder's files */
	struct data_spec *specs;
	int nspecs;
	/* Every top-level scalar key, for templates (known keys included). */
	struct scalar *vars;
	int nvars;
	/* The Markdown body after the front matter. */
	const char *body;
	size_t body_len;
	int body_line; /* file line of body[0] */
};

/* Apply a --set KEY=VALUE to the header's parts and switches (a text
 * part, du_thao, danh_so_tu_dong); other keys are left to the template.
 * False (reported) for a switch that is neither true nor false. */
bool fm_override(struct frontmatter *fm, const struct scalar *set);

/* What a key of the decree's parts is for ("the signature block (...)"),
 * or NULL for a key of the user's own. */
const char *fm_key_role(const char *key);

/* The decree's defaults (spec/decree30.md §11). */
void fm_default_page(struct page_setup *p);

/* Parse src (NFC, LF) of file. Without a leading "---" line the whole
 * file is body. Reports errors with diag and returns false. */
bool fm_parse(struct arena *a, const char *file, const char *src, size_t len,
	      struct frontmatter *out);

#endif
