#include "report.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "bounds.h"
#include "buf.h"
#include "deps.h"
#include "diag.h"
#include "doc.h"
#include "font.h"
#include "frontmatter.h"
#include "fsafe.h"
#include "image.h"
#include "markdown.h"
#include "mdguard.h"
#include "memhint.h"
#include "numfmt.h"
#include "render.h"
#include "template.h"
#include "text.h"

/* ---- files ---- */

static bool read_file(const char *path, size_t limit, struct buf *out)
{
	const char *why;
	FILE *f = fsafe_open_input(path, &why);
	if (!f) {
		if (!strcmp(why, "a folder"))
			diag_fail(DIAG_IO, "'%s' is a folder, not a file", path);
		else
			diag_fail(DIAG_IO, "cannot read '%s': %s", path, why);
		return false;
	}
	char tmp[65536];
	size_t n;
	while ((n = fread(tmp, 1, sizeof tmp, f)) > 0) {
		if (out->len + n > limit) {
			fclose(f);
			diag_error((struct srcloc){path, 0, 0},
				   "file is larger than %zu MB", limit >> 20);
			return false;
		}
		buf_put(out, tmp, n);
	}
	bool ok = !ferror(f);
	fclose(f);
	if (!ok)
		diag_fail(DIAG_IO, "cannot read '%s'", path);
	return ok;
}

static bool same_file(const char *a, const char *b)
{
	struct stat sa, sb;
	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
	       sa.st_ino == sb.st_ino;
}

static bool make_dirs(const char *path)
{
	char *p = strdup(path);
	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = 0;
		if (mkdir(p, 0777) != 0 && errno != EEXIST) {
			diag_fail(DIAG_IO, "cannot create folder '%s': %s", p,
				  strerror(errno));
			free(p);
			return false;
		}
		*s = '/';
	}
	free(p);
	return true;
}

/* Only a regular file (or nothing) may be replaced by the PDF: renaming
 * over /dev/null or a FIFO would replace the device or pipe itself. */
static bool output_blocked(const char *path)
{
	const char *why = fsafe_output_blocked(path);
	if (!why)
		return false;
	if (!strcmp(why, "a folder"))
		diag_fail(DIAG_IO, "cannot write '%s': Is a directory", path);
	else
		diag_fail(DIAG_IO,
			  "cannot write '%s': it is %s, and baocao replaces only "
			  "regular files; choose another -o",
			  path, why);
	return true;
}

/* Write to a temporary file beside the target and rename it into place:
 * a failed build never leaves a half-written or clobbered PDF. */
static bool write_atomic(const char *path, const struct buf *b)
{
	if (output_blocked(path))
		return false;
	size_t n = strlen(path);
	char *tmp = malloc(n + 16);
	snprintf(tmp, n + 16, "%s.tmpXXXXXX", path);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		diag_fail(DIAG_IO, "cannot write '%s': %s", path, strerror(errno));
		free(tmp);
		return false;
	}
	size_t off = 0;
	bool ok = true;
	while (off < b->len) {
		ssize_t w = write(fd, b->ptr + off, b->len - off);
		if (w <= 0) {
			ok = false;
			break;
		}
		off += (size_t)w;
	}
	/* mkstemp makes 0600 files; a report is for others to read */
	mode_t um = umask(0);
	umask(um);
	fchmod(fd, 0666 & ~um);
	if (close(fd) != 0)
		ok = false;
	/* checked again: the path may have changed during the build */
	if (ok && output_blocked(path)) {
		unlink(tmp);
		free(tmp);
		return false;
	}
	if (ok && rename(tmp, path) != 0)
		ok = false;
	if (!ok) {
		diag_fail(DIAG_IO, "cannot write '%s': %s", path, strerror(errno));
		unlink(tmp);
	}
	free(tmp);
	return ok;
}

static char *default_output(const char *input)
{
	const char *base = strrchr(input, '/');
	base = base ? base + 1 : input;
	size_t n = strlen(base);
	/* the stem: without its last extension (.md, .markdown, .txt), but
	 * a name that only starts with a dot keeps it */
	const char *dot = strrchr(base, '.');
	if (dot && dot > base)
		n = (size_t)(dot - base);
	char *o = malloc(n + 5);
	memcpy(o, base, n);
	memcpy(o + n, ".pdf", 5);
	return o;
}

static char *default_data_dir(const char *input)
{
	char *copy = strdup(input);
	const char *dir = dirname(copy);
	size_t n = strlen(dir) + 6;
	char *d = malloc(n);
	/* "data/x.csv" in messages, not "./data/x.csv" */
	snprintf(d, n, "%s%sdata", strcmp(dir, ".") ? dir : "",
		 strcmp(dir, ".") ? "/" : "");
	free(copy);
	struct stat st;
	if (stat(d, &st) == 0 && S_ISDIR(st.st_mode))
		return d;
	free(d);
	return NULL;
}

/* ---- one report ---- */

struct source {
	const char *file;
	const char *text; /* the whole file, NFC */
	size_t text_len;
	struct frontmatter fm;
	struct dataset data;
	bool has_data;
};

static bool expand_text(struct arena *a, const struct fm_text *in,
			const struct tpl_env *env, struct mtext *out)
{
	out->s = NULL;
	out->line = in->loc.line;
	if (!in->s)
		return true;
	const char *v;
	if (!tpl_expand_value(a, in->loc, in->s, env, &v))
		return false;
	out->s = v;
	return true;
}

static bool expand_list(struct arena *a, const struct fm_list *in,
			const struct tpl_env *env, struct mlist *out)
{
	out->n = in->n;
	out->v = arena_alloc(a, sizeof *out->v * (size_t)(in->n ? in->n : 1));
	bool ok = true;
	for (int i = 0; i < in->n; i++)
		ok &= expand_text(a, &in->v[i], env, &out->v[i]);
	return ok;
}

/* --set overrides front-matter values, the header's parts and the
 * du_thao / danh_so_tu_dong switches included. */
static bool apply_sets(const struct report_opts *o, struct frontmatter *f)
{
	bool ok = true;
	for (int i = 0; i < o->nsets; i++)
		ok &= fm_override(f, &o->sets[i]);
	return ok;
}

static bool build_meta(struct arena *a, const struct source *s, const struct tpl_env *env,
		       struct meta *m)
{
	const struct frontmatter *f = &s->fm;
	bool ok = true;
	ok &= expand_text(a, &f->co_quan_chu_quan, env, &m->co_quan_chu_quan);
	ok &= expand_text(a, &f->co_quan, env, &m->co_quan);
	ok &= expand_text(a, &f->so, env, &m->so);
	ok &= expand_text(a, &f->ky_hieu, env, &m->ky_hieu);
	ok &= expand_text(a, &f->dia_danh, env, &m->dia_danh);
	ok &= expand_text(a, &f->loai, env, &m->loai);
	ok &= expand_text(a, &f->trich_yeu, env, &m->trich_yeu);
	ok &= expand_text(a, &f->phu_de, env, &m->phu_de);
	ok &= expand_list(a, &f->kinh_gui, env, &m->kinh_gui);
	ok &= expand_list(a, &f->ky_chuc_vu, env, &m->ky_chuc_vu);
	ok &= expand_list(a, &f->noi_nhan, env, &m->noi_nhan);
	ok &= expand_text(a, &f->ky_quyen_han, env, &m->ky_quyen_han);
	ok &= expand_text(a, &f->ky_ho_ten, env, &m->ky_ho_ten);
	for (int i = 0; i < f->nvars; i++)
		if (strcmp(f->vars[i].name, "ten_co_quan") == 0) {
			struct fm_text t = {.s = f->vars[i].value, .loc = f->vars[i].loc};
			ok &= expand_text(a, &t, env, &m->ten_co_quan);
		}
	m->has_ky = f->has_ky;
	m->du_thao = f->du_thao;
	m->page = f->page;
	struct mtext ngay;
	ok &= expand_text(a, &f->ngay, env, &ngay);
	if (ok && ngay.s && *ngay.s) {
		m->date_line = ngay.line;
		if (!numfmt_parse_date(ngay.s, &m->year, &m->month, &m->day)) {
			diag_error(
			    f->ngay.loc,
			    "'ngay' is '%s'; write the date as YYYY-MM-DD (or YYYY-MM to "
			    "leave the day blank for the signer); 'ngay' is %s: a value "
			    "of your own needs another name ('ngay_bao_cao', say)",
			    ngay.s, fm_key_role("ngay"));
			ok = false;
		}
	}
	return ok;
}

static bool dump_records(const char *path, const struct layout *L)
{
	FILE *f = fopen(path, "w");
	if (!f) {
		diag_fail(DIAG_IO, "cannot write '%s'", path);
		return false;
	}
	static const char *kind[] = {"line", "heading", "box", "row", "note"};
	fprintf(f, "# page kind block line nlines y h\n");
	for (int i = 0; i < L->nrec; i++) {
		const struct record *r = &L->rec[i];
		fprintf(f, "%d %s %d %d %d %.2f %.2f\n", r->page + 1, kind[r->kind],
			r->block, r->line, r->nlines, r->y, r->h);
	}
	fclose(f);
	return true;
}

/* `check` also says which parts an official report needs are missing
 * (Decree 30, Phụ lục I); a build leaves them out silently, as asked. */
static void warn_missing_parts(const char *file, const struct meta *m,
			       const struct doc *d)
{
	struct srcloc at = {file, 1, 1};
	if (!m->co_quan.s || !*m->co_quan.s)
		diag_warn(at,
			  "no 'co_quan': the issuing agency is missing from the header");
	if (!m->ky_hieu.s && !m->so.s)
		diag_warn(at, "no 'so'/'ky_hieu': the document has no 'Số:' line");
	if (!m->year)
		diag_warn(at, "no 'ngay': the place-and-date line is missing");
	else if (!m->dia_danh.s || !*m->dia_danh.s)
		diag_warn(at, "no 'dia_danh': the date line has no place name");
	if (!m->trich_yeu.s || !*m->trich_yeu.s)
		diag_warn(
		    at, "no 'trich_yeu': the report has no summary under its type name");
	if (!m->noi_nhan.n)
		diag_warn(at, "no 'noi_nhan': the recipient list is missing");
	if (!m->has_ky)
		diag_warn(at, "no 'ky': the signature block is missing");
	/* the body (before any appendix) ends with the end mark "./." */
	int end = d->blocks.n;
	for (int i = 0; i < end; i++)
		if (d->blocks.v[i].kind == BLK_APPENDIX)
			end = i;
	for (int i = end - 1; i >= 0; i--) {
		const struct block *b = &d->blocks.v[i];
		if (b->kind != BLK_PARA || !b->text.n)
			continue;
		const struct run *r = &b->text.v[b->text.n - 1];
		size_t n = r->len;
		while (n && r->text[n - 1] == ' ')
			n--;
		if (n < 3 || memcmp(r->text + n - 3, "./.", 3) != 0)
			diag_warn((struct srcloc){file, r->line, 0},
				  "the body does not end with the end mark './.'");
		break;
	}
}

/* Build one report from a loaded source; env selects the batch row.
 * The PDF goes to output (atomically), or, when output is NULL and not
 * check_only, stays in *keep for the caller (report_pdf_from_text, the
 * fuzzers): the same stages either way. */
/* Markdown beyond this (about 40 pages) makes a large build: memhint.c
 * says why (the Phong Thổ sample is 66 KB, ten times it 660 KB). */
enum { LARGE_BUILD_BYTES = 256 * 1024 };

static bool build_one(const struct report_opts *o, const struct source *s,
		      const struct fontset *fs, const struct tpl_env *row_env,
		      const char *output, struct buf *keep)
{
	struct arena a;
	arena_init(&a);
	/* front-matter values with placeholders expand once per build, as
	 * they depend on the batch row */
	struct tpl_env e = *row_env;
	e.expanded = tpl_vars_new(&a, &e);
	const struct tpl_env *env = &e;
	struct doc doc = {.file = s->file, .src = s->text, .src_len = s->text_len};
	struct buf md = BUF_INIT, pdf = BUF_INIT;
	e.charts = &doc.charts;
	struct linemap map = {0};
	bool ok = build_meta(&a, s, env, &doc.meta);
	ok = ok && tpl_expand(&a, s->file, s->fm.body_line, s->fm.body, s->fm.body_len,
			      env, &md, &map);
	if (ok && md.len > MAX_EXPANDED_BYTES) {
		diag_error((struct srcloc){s->file, 0, 0},
			   "the expanded template is larger than %u MB",
			   MAX_EXPANDED_BYTES >> 20);
		ok = false;
	}
	if (ok && md.len > LARGE_BUILD_BYTES) /* a small template, large data */
		memhint_large_build();
	ok = ok && md_parse(&a, s->file, buf_cstr(&md), md.len, &map,
			    s->fm.danh_so_tu_dong, &doc);
	ok = ok && image_load_doc(&a, &doc);
	ok = ok && mdguard_titles(&doc); /* texts the PDF writer cannot take */
	if (ok && o->check_only)
		warn_missing_parts(s->file, &doc.meta, &doc);
	struct layout L = {0};
	ok = ok && layout_run(&a, &doc, fs, &o->lopt, &L);
	if (ok && o->dump_layout)
		ok = dump_records(o->dump_layout, &L);
	if (ok && o->stats)
		layout_print_stats(stderr, &L);
	if (ok && !o->check_only) {
		ok = render_pdf(&L, &doc, fs, &pdf);
		if (output)
			ok = ok && write_atomic(output, &pdf);
		else if (ok && keep)
			buf_put(keep, pdf.ptr, pdf.len);
	}
	layout_free(&L);
	buf_free(&md);
	buf_free(&pdf);
	arena_free(&a);
	return ok;
}

static bool load_source(struct arena *a, const struct report_opts *o, struct source *s)
{
	s->file = o->input;
	deps_add(o->input);
	struct buf raw = BUF_INIT;
	if (!read_file(o->input, MAX_INPUT_BYTES, &raw)) {
		buf_free(&raw);
		return false;
	}
	char *src;
	size_t len;
	if (raw.len > LARGE_BUILD_BYTES) /* as early as it is known */
		memhint_large_build();
	bool ok = text_prepare(a, o->input, 1, buf_cstr(&raw), raw.len, &src, &len);
	buf_free(&raw);
	s->text = src;
	s->text_len = ok ? len : 0;
	ok = ok && fm_parse(a, o->input, src, len, &s->fm);
	if (!ok)
		return false;
	if (!apply_sets(o, &s->fm))
		return false;
	char *dd = o->data_dir ? strdup(o->data_dir) : default_data_dir(o->input);
	if (dd) {
		struct stat st;
		if (stat(dd, &st) != 0 || !S_ISDIR(st.st_mode)) {
			bool exists = stat(dd, &st) == 0;
			diag_fail(DIAG_IO,
				  exists ? "data folder '%s' is a file, not a folder"
					 : "data folder '%s' does not exist",
				  dd);
			free(dd);
			return false;
		}
		ok = data_load_dir(a, arena_strdup(a, dd), o->locale, &s->data);
		s->has_data = ok;
		free(dd);
	}
	return ok;
}

static bool load_fonts(const struct report_opts *o, struct fontset *fs)
{
	char *dir = o->font_dir ? strdup(o->font_dir) : font_default_dir();
	if (!dir) {
		diag_fail(DIAG_IO,
			  "cannot find baocao's fonts folder; use --font-dir DIR");
		return false;
	}
	bool ok = font_load(fs, dir);
	free(dir);
	return ok;
}

/* "out/{ma}.pdf" with the row's values; NULL (reported) on a bad
 * pattern. A value that cannot be one plain file name (empty, absolute,
 * with '/', '..', a leading dot or control characters: it could write
 * outside the output folder or a hidden file) refuses only that row:
 * *refused is set and the row reported at its cell. */
static char *batch_path(const char *pattern, const struct table *t, int row,
			bool *refused)
{
	struct buf b = BUF_INIT;
	*refused = false;
	for (const char *p = pattern; *p; p++) {
		if (*p != '{') {
			buf_putc(&b, *p);
			continue;
		}
		const char *e = strchr(p, '}');
		if (!e) {
			buf_putc(&b, *p);
			continue;
		}
		char *name = strndup(p + 1, (size_t)(e - p - 1));
		int col = data_column(t, name);
		if (col < 0) {
			struct buf cols = BUF_INIT;
			for (int i = 0; i < t->ncols; i++)
				buf_printf(&cols, "%s%s", i ? ", " : "", t->names[i]);
			diag_fail(DIAG_USAGE,
				  "-o '%s': unknown column '%s' in %s; columns are: %s",
				  pattern, name, t->path, buf_cstr(&cols));
			buf_free(&cols);
			free(name);
			buf_free(&b);
			return NULL;
		}
		const struct cell *c = data_cell(t, row, col);
		const char *why = fsafe_name_part(c->text);
		if (why && !*refused) {
			diag_error((struct srcloc){t->path, c->line, c->col},
				   "row %d: the value '%s' of column '%s' %s, so it "
				   "cannot name the file of -o '%s'; this row is not "
				   "written",
				   row + 1, c->text, name, why, pattern);
			*refused = true;
		}
		free(name);
		buf_puts(&b, c->text);
		p = e;
	}
	char *r = strdup(buf_cstr(&b));
	buf_free(&b);
	return r;
}

/* The output must not be one of the build's inputs: the PDF written
 * there would destroy the template, a CSV table or a font file. Reported
 * (exit 2) when it is. */
static bool output_is_input(const char *out, const struct report_opts *o,
			    const struct source *s, const struct fontset *fs)
{
	char what[64 + 4096];
	what[0] = 0;
	if (same_file(out, o->input))
		snprintf(what, sizeof what, "the template itself");
	for (int i = 0; !what[0] && s->has_data && i < s->data.ntables; i++)
		if (same_file(out, s->data.tables[i].path))
			snprintf(what, sizeof what, "the data file '%s'",
				 s->data.tables[i].path);
	for (int f = 0; !what[0] && f < FACE_COUNT; f++)
		if (fs->face[f].path && same_file(out, fs->face[f].path))
			snprintf(what, sizeof what, "the font file '%s'",
				 fs->face[f].path);
	if (!what[0])
		return false;
	diag_fail(DIAG_USAGE, "output '%s' is %s; choose another -o", out, what);
	return true;
}

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* Every row's output path, checked before anything is written: two rows
 * named alike would overwrite each other's report, and none may be an
 * input. NULL (reported) when the -o pattern is wrong for this table. */
static char **batch_paths(const struct report_opts *o, const struct source *s,
			  const struct fontset *fs, const struct table *t,
			  const char *pattern)
{
	char **paths = calloc((size_t)t->nrows + 1, sizeof *paths);
	char **sorted = calloc((size_t)t->nrows + 1, sizeof *sorted);
	bool ok = true;
	int nsorted = 0;
	for (int r = 0; ok && r < t->nrows; r++) {
		bool refused;
		paths[r] = batch_path(pattern, t, r, &refused);
		ok = paths[r] && !output_is_input(paths[r], o, s, fs);
		if (refused) { /* reported; the row stays NULL, not written */
			free(paths[r]);
			paths[r] = NULL;
		} else if (paths[r]) {
			sorted[nsorted++] = paths[r];
		}
	}
	if (ok && nsorted > 1) {
		qsort(sorted, (size_t)nsorted, sizeof *sorted, cmp_str);
		for (int i = 1; ok && i < nsorted; i++)
			if (strcmp(sorted[i - 1], sorted[i]) == 0) {
				int r1 = -1, r2 = -1;
				for (int r = 0; r < t->nrows && r2 < 0; r++)
					if (paths[r] && strcmp(paths[r], sorted[i]) == 0)
						r1 < 0 ? (r1 = r) : (r2 = r);
				diag_fail(
				    DIAG_USAGE,
				    "-o '%s': rows %d and %d of %s would both be written "
				    "to '%s'; use a column whose values differ",
				    pattern, r1 + 1, r2 + 1, t->path, sorted[i]);
				ok = false;
			}
	}
	free(sorted);
	if (!ok) {
		for (int r = 0; r < t->nrows; r++)
			free(paths[r]);
		free(paths);
		return NULL;
	}
	return paths;
}

int report_run(const struct report_opts *o)
{
	struct arena a;
	arena_init(&a);
	deps_clear();
	struct source s = {0};
	struct fontset fs = {0};
	bool ok = load_source(&a, o, &s) && load_fonts(o, &fs);
	struct tpl_env env = {.data = s.has_data ? &s.data : NULL,
			      .batch_row = -1,
			      .locale = o->locale,
			      .sets = o->sets,
			      .nsets = o->nsets,
			      .vars = s.fm.vars,
			      .nvars = s.fm.nvars};
	if (ok && !o->each) {
		char *out = o->output ? strdup(o->output) : default_output(o->input);
		if ((!o->check_only && output_is_input(out, o, &s, &fs)) ||
		    (o->dump_layout && output_is_input(o->dump_layout, o, &s, &fs)) ||
		    (!o->check_only && output_blocked(out)) ||
		    (o->dump_layout && output_blocked(o->dump_layout))) {
			ok = false;
		} else {
			ok = build_one(o, &s, &fs, &env, out, NULL);
			if (ok && o->deps && !o->check_only)
				ok = deps_write(o->deps, out);
		}
		free(out);
	} else if (ok) {
		const struct table *t = s.has_data ? data_find(&s.data, o->each) : NULL;
		if (!t) {
			diag_fail(DIAG_USAGE,
				  "--each %s: no table '%s' in the data folder", o->each,
				  o->each);
			ok = false;
		}
		const char *pattern = o->output ? o->output : "{stt}.pdf";
		int written = 0, failed = 0;
		char **paths = t ? batch_paths(o, &s, &fs, t, pattern) : NULL;
		if (t && !paths) {
			ok = false;
			t = NULL; /* nothing written, no summary */
		}
		for (int r = 0; t && r < t->nrows; r++) {
			env.batch_table = t;
			env.batch_row = r;
			char *out = paths[r];
			if (!out) { /* refused by its name (reported) */
				failed++;
				continue;
			}
			int errs = diag_errors();
			bool row_ok = !output_blocked(out) && make_dirs(out) &&
				      build_one(o, &s, &fs, &env, out, NULL);
			if (row_ok) {
				written++;
			} else {
				failed++;
				if (diag_errors() == errs)
					diag_fail(DIAG_INPUT, "row %d: failed", r + 1);
				diag_note_at(
				    (struct srcloc){t->path, data_cell(t, r, 0)->line, 1},
				    "row %d: '%s' not written", r + 1, out);
			}
			free(out);
		}
		free(paths);
		if (t) {
			/* a failed batch ends with an error line, so every line
			 * of its stderr is a message in the GNU form */
			if (failed)
				diag_fail(DIAG_INPUT, "batch: %d written, %d failed",
					  written, failed);
			else
				fprintf(stderr, "batch: %d written, %d failed\n", written,
					failed);
			if (failed)
				ok = false;
		}
	}
	font_free(&fs);
	arena_free(&a);
	enum diag_status st = diag_status();
	if (!ok && st == DIAG_OK)
		st = DIAG_IO;
	return (int)st;
}

/* The whole pipeline on a template held in memory (the pipeline fuzzer):
 * the same stages as a build, with data and fonts loaded by the caller
 * and the PDF appended to *pdf instead of written to disk. */
bool report_pdf_from_text(const char *file, const char *text, size_t len,
			  const struct dataset *data, const struct fontset *fs,
			  struct buf *pdf)
{
	struct arena a;
	arena_init(&a);
	struct source s = {.file = file, .has_data = data != NULL};
	if (data)
		s.data = *data;
	char *src;
	size_t n;
	bool ok = text_prepare(&a, file, 1, text, len, &src, &n) &&
		  fm_parse(&a, file, src, n, &s.fm);
	s.text = src;
	s.text_len = ok ? n : 0;
	if (ok) {
		struct report_opts o = {.input = file,
					.locale = data ? data->locale : LOCALE_VI};
		struct tpl_env env = {.data = data,
				      .batch_row = -1,
				      .locale = o.locale,
				      .vars = s.fm.vars,
				      .nvars = s.fm.nvars};
		ok = build_one(&o, &s, fs, &env, NULL, pdf);
	}
	arena_free(&a);
	return ok;
}
