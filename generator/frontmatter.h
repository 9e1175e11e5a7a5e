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
#include "i18n.h"
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

/* The decree's parts that are one text, a list or a switch, defined once:
 * struct frontmatter and struct meta (doc.h) get a field each, the
 * reader, --set, the expansion into struct meta (report.c) and the
 * messages that say what a key is for (fm_key_role) all walk this list.
 * A new part of that shape is one line here (and its use in layout).
 *   X(KIND, field, TOP, role)
 * KIND: TEXT (one text), LIST (a text or a list of texts), BOOL (true or
 * false), DATE (a text read as the date: struct meta keeps the parsed
 * day instead). TOP: 1 for a top-level key named like the field, 0 for a
 * part of 'ky' (read_ky reads it under its short name). The order is the
 * order front-matter values expand (and report their errors) in. 'ky'
 * and 'trang', maps of several parts, are read by hand. */
#define FM_PARTS(X)                                                                      \
	X(TEXT, co_quan_chu_quan, 1, N_("the parent agency (first line of the header, left)")) \
	X(TEXT, co_quan, 1, N_("the issuing agency (header, left, bold)"))                     \
	X(TEXT, so, 1, N_("the document number ('Số: 05/BC-UBND')"))                            \
	X(TEXT, ky_hieu, 1, N_("the symbol after the number ('BC-UBND')"))                      \
	X(TEXT, dia_danh, 1, N_("the place name of the date line ('Phong Thổ, ngày ...')"))     \
	X(TEXT, loai, 1, N_("the document type above the title ('BÁO CÁO')"))                   \
	X(TEXT, trich_yeu, 1, N_("the summary under the document type"))                        \
	X(TEXT, phu_de, 1, N_("the italic line under the summary"))                             \
	X(LIST, kinh_gui, 1, N_("the recipients after 'Kính gửi:'"))                            \
	X(LIST, ky_chuc_vu, 0, NULL)                                                        \
	X(LIST, noi_nhan, 1, N_("the list under 'Nơi nhận:'"))                                  \
	X(TEXT, ky_quyen_han, 0, NULL)                                                      \
	X(TEXT, ky_ho_ten, 0, NULL)                                                         \
	X(DATE, ngay, 1, N_("the report's date (YYYY-MM-DD, in the date line)"))                \
	X(BOOL, du_thao, 1, N_("the draft mark (true or false)"))                               \
	X(BOOL, danh_so_tu_dong, 1, N_("automatic heading numbers (true or false)"))

#define FM_FIELD_TEXT(f) struct fm_text f;
#define FM_FIELD_DATE(f) struct fm_text f;
#define FM_FIELD_LIST(f) struct fm_list f;
#define FM_FIELD_BOOL(f) bool f;
#define FM_FIELD(kind, f, top, role) FM_FIELD_##kind(f)

struct frontmatter {
	FM_PARTS(FM_FIELD)
	bool has_ky;
	struct page_setup page;
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
