#include "report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "batch.h"
#include "bounds.h"
#include "buf.h"
#include "datalist.h"
#include "deps.h"
#include "diag.h"
#include "i18n.h"
#include "doc.h"
#include "fileio.h"
#include "font.h"
#include "frontmatter.h"
#include "image.h"
#include "input.h"
#include "lint.h"
#include "markdown.h"
#include "mdguard.h"
#include "memhint.h"
#include "numfmt.h"
#include "render.h"
#include "template.h"
#include "text.h"


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


static bool build_meta(struct arena *a, const struct source *s, const struct tpl_env *env,
		       struct meta *m)
{
	const struct frontmatter *f = &s->fm;
	bool ok = true;
	/* every part of FM_PARTS, in its order */
#define EXPAND_TEXT(k) ok &= expand_text(a, &f->k, env, &m->k);
#define EXPAND_LIST(k) ok &= expand_list(a, &f->k, env, &m->k);
#define EXPAND_BOOL(k) m->k = f->k;
#define EXPAND_DATE(k) /* parsed below, after the others */
#define EXPAND(kind, k, top, role) EXPAND_##kind(k)
	FM_PARTS(EXPAND)
#undef EXPAND
	for (int i = 0; i < f->nvars; i++)
		if (strcmp(f->vars[i].name, "ten_co_quan") == 0) {
			struct fm_text t = {.s = f->vars[i].value, .loc = f->vars[i].loc};
			ok &= expand_text(a, &t, env, &m->ten_co_quan);
		}
	m->has_ky = f->has_ky;
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

/* Build one report from a loaded source; env selects the batch row.
 * The PDF goes to output (atomically), or, when output is NULL and not
 * check_only, stays in *keep for the caller (report_pdf_from_text, the
 * fuzzers): the same stages either way. */

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
	struct layout L = {0};
	ok = ok && layout_run(&a, &doc, fs, &o->lopt, &L);
	if (ok && o->dump_layout)
		ok = dump_records(o->dump_layout, &L);
	if (ok && o->stats)
		layout_print_stats(stderr, &L);
	if (ok && !o->check_only) {
		ok = render_pdf(&L, &doc, fs, &pdf);
		if (output)
			ok = ok && fio_write_atomic(output, &pdf);
		else if (ok && keep)
			buf_put(keep, pdf.ptr, pdf.len);
	}
	/* the reviewer's findings (lint.c), once the build has worked: a
	 * failed one says only what failed */
	if (ok && !o->quiet) {
		struct lint_input li = {&doc, buf_cstr(&md), md.len, &map,
					s->fm.body_line};
		lint_run(&a, &li, o->lint_memo);
	}
	layout_free(&L);
	buf_free(&md);
	buf_free(&pdf);
	arena_free(&a);
	return ok;
}

/* One report: to -o, or REPORT's stem + ".pdf" (nothing for check). */
static bool run_single(const struct report_opts *o, const struct source *s,
		       const struct fontset *fs, const struct tpl_env *env)
{
	char *out = o->output ? strdup(o->output) : input_default_output(o->input);
	bool ok;
	if ((!o->check_only && input_overwritten(out, s, fs)) ||
	    (o->dump_layout && input_overwritten(o->dump_layout, s, fs)) ||
	    (!o->check_only && fio_output_blocked(out)) ||
	    (o->dump_layout && fio_output_blocked(o->dump_layout))) {
		ok = false;
	} else {
		ok = build_one(o, s, fs, env, out, NULL);
		if (ok && o->deps && !o->check_only)
			ok = deps_write(o->deps, out);
	}
	free(out);
	return ok;
}

/* One report per row of the --each table; a failed row is reported and
 * the others still built. */
static bool run_batch(const struct report_opts *o, const struct source *s,
		      const struct fontset *fs, struct tpl_env *env)
{
	bool ok = true;
	const struct table *t = s->has_data ? data_find(&s->data, o->each) : NULL;
	if (!t) {
		diag_fail(DIAG_USAGE, "--each %s: no table '%s' in the data folder",
			  o->each, o->each);
		ok = false;
	}
	const char *pattern = o->output ? o->output : "{stt}.pdf";
	int written = 0, failed = 0;
	char **paths = t ? batch_paths(s, fs, t, pattern) : NULL;
	if (t && !paths) {
		ok = false;
		t = NULL; /* nothing written, no summary */
	}
	/* each row is linted; a finding common to rows is said once */
	struct report_opts bo = *o;
	bo.lint_memo = lint_memo_new();
	for (int r = 0; t && r < t->nrows; r++) {
		env->batch_table = t;
		env->batch_row = r;
		char *out = paths[r];
		if (!out) { /* refused by its name (reported) */
			failed++;
			continue;
		}
		int errs = diag_errors();
		bool row_ok = !fio_output_blocked(out) && fio_make_dirs(out) &&
			      build_one(&bo, s, fs, env, out, NULL);
		if (row_ok) {
			written++;
		} else {
			failed++;
			if (diag_errors() == errs)
				diag_fail(DIAG_INPUT, "row %d: failed", r + 1);
			diag_note_at((struct srcloc){t->path, data_cell(t, r, 0)->line, 1},
				     "row %d: '%s' not written", r + 1, out);
		}
		free(out);
	}
	free(paths);
	lint_memo_free(bo.lint_memo);
	if (t) {
		/* a failed batch ends with an error line, so every line
		 * of its stderr is a message in the GNU form */
		if (failed) {
			diag_fail(DIAG_INPUT, "batch: %d written, %d failed", written,
				  failed);
		} else if (diag_json()) {
			diag_flush(); /* a note of its own */
			diag_note("batch: %d written, %d failed", written, failed);
		} else {
			fprintf(stderr, _("batch: %d written, %d failed\n"), written, failed);
		}
		if (failed)
			ok = false;
	}
	return ok;
}

int report_run(const struct report_opts *o)
{
	struct arena a;
	arena_init(&a);
	deps_clear();
	struct source s = {0};
	struct fontset fs = {0};
	if (o->list_data) { /* baocao data: the tables, nothing built */
		bool ok = input_load_source(&a, o->input, o->data_dir, o->locale, o->sets,
					    o->nsets, &s);
		if (ok)
			datalist_print(stdout, s.has_data ? &s.data : NULL);
		arena_free(&a);
		return ok ? 0 : diag_status();
	}
	bool ok = input_load_source(&a, o->input, o->data_dir, o->locale, o->sets,
				    o->nsets, &s) &&
		  input_load_fonts(o->font_dir, &fs);
	struct tpl_env env = {.data = s.has_data ? &s.data : NULL,
			      .batch_row = -1,
			      .locale = o->locale,
			      .sets = o->sets,
			      .nsets = o->nsets,
			      .vars = s.fm.vars,
			      .nvars = s.fm.nvars};
	if (ok)
		ok = o->each ? run_batch(o, &s, &fs, &env) : run_single(o, &s, &fs, &env);
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
