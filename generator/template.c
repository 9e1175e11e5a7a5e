/* template: the template is cut into tokens (text one line at a time,
 * and tags), block tags are matched into ranges, and the ranges are run
 * against the data. Expressions are parsed once; loops re-run them per
 * row, so expansion is linear in the output. */
#include "template.h"
#include "template_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bounds.h"
#include "chart.h"
#include "expr.h"
#include "filter.h"
#include "i18n.h"
#include "mdguard.h"
#include "numfmt.h"
#include "table_total.h"
#include "text.h"

/* ---- output ------------------------------------------------------------- */

static void end_line(struct tx *x, int src)
{
	buf_putc(x->out, '\n');
	ARR_PUSH(x->a, x->lines, x->nlines, x->caplines, x->cur_src ? x->cur_src : src);
	x->cur_src = 0;
}

static size_t value_bytes(const struct tx *x);

/* The expansion's size so far, with the build's other expansions (the
 * front-matter values): checked as the output grows, at every insertion
 * and loop turn, so it never gets far past MAX_EXPANDED_BYTES. */
static bool check_size(struct tx *x, struct srcloc loc)
{
	if (x->nlines > MAX_MD_LINES) {
		loc.line = x->lines[MAX_MD_LINES]; /* where the line past it came from */
		loc.col = 1;
		diag_error(loc,
			   "the expanded report has more than %d lines; split it "
			   "or summarise the data",
			   MAX_MD_LINES);
		return false;
	}
	if (x->out->len + value_bytes(x) <= MAX_EXPANDED_BYTES)
		return true;
	diag_error(loc, "the expanded report is larger than %u MB",
		   MAX_EXPANDED_BYTES >> 20);
	return false;
}

static void emit_text(struct tx *x, const struct tok *t)
{
	const char *p = t->s, *end = t->s + t->len;
	for (int line = t->loc.line; p < end; line++) {
		if (!x->cur_src)
			x->cur_src = line;
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl ? nl : end;
		buf_put(x->out, p, (size_t)(e - p));
		if (nl) {
			if (x->md)
				end_line(x, line);
			else
				buf_putc(x->out, ' ');
		}
		p = nl ? nl + 1 : end;
	}
}

/* Characters CommonMark or GFM could read as markup anywhere in a line
 * (emphasis, code, links, HTML, entities, tables, strikethrough,
 * footnotes) or at its start (headings, lists, quotes, breaks, setext
 * underlines). A backslash before any ASCII punctuation is always valid
 * CommonMark, so erring on the side of escaping is safe. Left alone:
 * , ; / % ? ' " @ (no meaning in the extensions enabled). */
static bool needs_escape(char c)
{
	/* asked of every byte of every inserted value: a table, not strchr */
	static const bool esc[256] = {
	    ['\\'] = 1, ['`'] = 1, ['*'] = 1, ['_'] = 1, ['{'] = 1, ['}'] = 1, ['['] = 1,
	    [']'] = 1,  ['<'] = 1, ['>'] = 1, ['('] = 1, [')'] = 1, ['#'] = 1, ['+'] = 1,
	    ['-'] = 1,  ['.'] = 1, ['!'] = 1, ['|'] = 1, ['~'] = 1, ['&'] = 1, ['^'] = 1,
	    [':'] = 1,  ['='] = 1, ['$'] = 1};
	return esc[(unsigned char)c];
}

/* An inserted value: escaped for Markdown, newlines as spaces. */
static void emit_value(struct tx *x, const char *s, size_t n, int line)
{
	struct buf *b = x->out;
	if (!x->cur_src)
		x->cur_src = line;
	if (x->md && (b->len == 0 || b->ptr[b->len - 1] == '\n'))
		/* Leading blanks at a line start would indent (code block). */
		while (n && (*s == ' ' || *s == '\t'))
			s++, n--;
	/* Written straight into the buffer (at most two bytes a byte):
	 * a loop that inserts tables can emit tens of MB, and a call per
	 * byte made that the slowest part of expanding them. */
	buf_grow(b, 2 * n);
	char *d = b->ptr + b->len;
	/* inside `code` or an HTML line Markdown shows text as it is: an
	 * escape there would show its backslash */
	bool any = false;
	for (size_t i = 0; i < n && !any; i++)
		any = needs_escape(s[i]);
	bool esc = any && x->md && !mdguard_literal_context(b->ptr ? b->ptr : "", b->len);
	for (size_t i = 0; i < n; i++) {
		char c = s[i] == '\n' ? ' ' : s[i];
		if (esc && needs_escape(c))
			*d++ = '\\';
		*d++ = c;
	}
	b->len = (size_t)(d - b->ptr);
	b->ptr[b->len] = 0;
}

/* ---- running ------------------------------------------------------------ */

static bool run_insert(struct tx *x, const struct tok *t)
{
	struct expr_value v;
	if (!expr_eval(&x->ctx, t->e, &v))
		return false;
	for (int i = 0; i < t->nfilters; i++)
		if (!filter_apply(&x->ctx, &t->filters[i], &v))
			return false;
	struct buf b = BUF_INIT;
	bool ok = expr_text(&x->ctx, &v, &b);
	if (ok)
		emit_value(x, b.ptr ? b.ptr : "", b.len, t->loc.line);
	buf_free(&b);
	ok = ok && check_size(x, t->loc); /* as it grows, not at the end */
	return ok;
}

/* {{ table T }}: a GFM pipe table, header as written, numbers right. */
/* The bold total row of {{ table T tong="..." }} (table_total.c). */
static bool total_row(struct tx *x, const struct tok *t, const struct table_total *tt,
		      int ncols)
{
	int line = t->loc.line;
	if (x->md) {
		end_line(x, line);
		x->cur_src = line;
	} else {
		buf_putc(x->out, ' ');
	}
	buf_putc(x->out, '|');
	for (int c = 0; c < ncols; c++) {
		buf_putc(x->out, ' ');
		if (*tt->total[c]) {
			buf_puts(x->out, "**");
			emit_value(x, tt->total[c], strlen(tt->total[c]), line);
			buf_puts(x->out, "**");
		}
		buf_puts(x->out, " |");
	}
	return check_size(x, t->loc);
}

static bool run_table(struct tx *x, const struct tok *t)
{
	const struct table *tb = expr_table(&x->ctx, t->name, t->nameloc);
	if (!tb)
		return false;
	int line = t->loc.line;
	/* a workbook sheet: its header rows with their merges as the table
	 * layout's marks ("<" joins the cell on the left, "^" the one above) */
	int hr = tb->htext ? tb->hrows : 1;
	struct table_total tt;
	if (t->total && !table_total(x->a, tb, t->total, t->loc, &tt))
		return false;
	for (int r = -1 - hr; r < tb->nrows; r++) {
		if (r > -1 - hr) {
			if (!x->md) {
				buf_putc(x->out, ' ');
			} else {
				end_line(x, line);
				x->cur_src = line;
			}
		}
		buf_putc(x->out, '|');
		/* rows: -1-hr the header's first, -hr the delimiter, then the
		 * header's other rows, then the body */
		int hrow = r == -1 - hr ? 0 : r > -hr && r < 0 ? r + hr : -1;
		for (int c = 0; c < tb->ncols; c++) {
			if (r == -hr) {
				buf_puts(x->out, tb->numeric[c] ? " ---: |" : " --- |");
				continue;
			}
			const char *s;
			if (hrow >= 0)
				s = tb->htext ? tb->htext[hrow * tb->ncols + c]
					      : tb->headers[c];
			else
				s = tb->shown ? tb->shown[(size_t)r * tb->ncols + c]
					      : data_cell(tb, r, c)->text;
			buf_putc(x->out, ' ');
			/* a group's row (tong=): bold, its subtotals filled in */
			bool bold = t->total && r >= 0 && tt.group[r];
			if (bold)
				s = tt.sub[(size_t)r * tb->ncols + c];
			if (s == data_merge_left || s == data_merge_up) {
				buf_putc(x->out, s[0]); /* a merge mark, as is */
			} else if (bold && *s) {
				buf_puts(x->out, "**");
				emit_value(x, s, strlen(s), line);
				buf_puts(x->out, "**");
			} else {
				emit_value(x, s, strlen(s), line);
			}
			buf_puts(x->out, " |");
		}
		if (!check_size(x, t->loc))
			return false;
	}
	return !t->total || total_row(x, t, &tt, tb->ncols);
}

/* {{ chart ... }}: the chart goes to the list, a marker line into the
 * Markdown (markdown.c turns it back into the chart). */
static bool run_chart(struct tx *x, const struct tok *t)
{
	struct buf *b = x->out;
	if (!x->md || !x->charts) {
		diag_error(t->loc, "a chart can only be in the report's body");
		return false;
	}
	const struct tok *next = t + 1 < x->toks + x->ntoks ? t + 1 : NULL;
	size_t blank = next && next->kind == K_TEXT ? strspn(next->s, " \t") : 0;
	if ((b->len && b->ptr[b->len - 1] != '\n') ||
	    (next && next->kind == K_TEXT && blank < next->len && next->s[blank] != '\n') ||
	    (next && next->kind != K_TEXT && next->loc.line == t->loc.line)) {
		diag_error(t->loc, "put {{ chart ... }} on a line of its own");
		return false;
	}
	struct chart *ch;
	if (!chart_collect(&x->ctx, t->chart, &ch))
		return false;
	ARR_PUSH(x->a, x->charts->v, x->charts->n, x->charts->cap, ch);
	if (!x->cur_src)
		x->cur_src = t->loc.line;
	buf_printf(b, CHART_MARK "%d -->", x->charts->n - 1);
	return true;
}

static bool run(struct tx *x, int from, int to);
static bool run_block(struct tx *x, int from, int to);

/* {{ let NAME = EXPR }}: computed here, once, in force to the end of the
 * enclosing block (run pops it). */
static bool run_let(struct tx *x, const struct tok *t)
{
	for (int i = x->ctx.nframes - 1; i >= 0; i--)
		if (x->ctx.frames[i].loop &&
		    data_column(x->ctx.frames[i].t, t->name) >= 0) {
			diag_error(
			    t->nameloc,
			    "'%s' is a column of %s in this loop; a let cannot take "
			    "its name (choose another)",
			    t->name, x->ctx.frames[i].t->path);
			return false;
		}
	struct expr_let l = {.name = t->name, .loc = t->nameloc};
	if (!expr_eval(&x->ctx, t->e, &l.v))
		return false;
	for (int i = 0; i < t->nfilters; i++)
		if (!filter_apply(&x->ctx, &t->filters[i], &l.v))
			return false;
	if (l.v.kind == EXPR_LIST || l.v.kind == EXPR_TABLE) {
		diag_error(expr_loc(t->e),
			   "a let names a number, a text or a date, not a whole %s "
			   "(use sum(...), count(...) or a lookup)",
			   l.v.kind == EXPR_LIST ? _("column") : _("table"));
		return false;
	}
	ARR_PUSH(x->a, x->ctx.lets, x->ctx.nlets, x->ctx.caplets, l);
	return true;
}

/* The rows a loop emits: all, or those its `where` keeps. Decided before
 * the first body runs, so that `cuoi` knows the last one. */
static int *loop_rows(struct tx *x, const struct tok *t, const struct table *tb,
		      struct expr_frame *f, int *n, bool *ok)
{
	int *rows = malloc((size_t)(tb->nrows ? tb->nrows : 1) * sizeof *rows);
	*n = 0;
	*ok = rows != NULL;
	for (int r = 0; r < tb->nrows && *ok; r++) {
		/* a row of a loop is a step even when its body evaluates
		 * nothing: nested loops are bounded in time, not only in
		 * output */
		if (!expr_step(&x->ctx, t->loc)) {
			*ok = false;
			break;
		}
		f->row = r;
		f->stt = *n + 1;
		if (t->e) {
			struct expr_value v;
			if (!expr_eval(&x->ctx, t->e, &v)) {
				*ok = false;
				break;
			}
			if (!expr_truth(&v))
				continue;
		}
		rows[(*n)++] = r;
	}
	return rows;
}

static bool run_each(struct tx *x, const struct tok *t)
{
	const struct table *tb = expr_table(&x->ctx, t->name, t->nameloc);
	if (!tb || !expr_push(&x->ctx, tb, true, t->loc))
		return false;
	struct expr_frame *f = &x->ctx.frames[x->ctx.nframes - 1];
	int n;
	bool ok;
	int *rows = loop_rows(x, t, tb, f, &n, &ok);
	f->total = n;
	for (int k = 0; k < n && ok; k++) {
		f->row = rows[k];
		f->stt = k + 1;
		ok = run(x, (int)(t - x->toks) + 1, t->end) && check_size(x, t->loc);
	}
	free(rows);
	expr_pop(&x->ctx);
	return ok;
}

static bool run(struct tx *x, int from, int to)
{
	int lets = x->ctx.nlets; /* the block's lets end with it */
	bool ok = run_block(x, from, to);
	x->ctx.nlets = lets;
	return ok;
}

static bool run_block(struct tx *x, int from, int to)
{
	for (int i = from; i < to; i++) {
		struct tok *t = &x->toks[i];
		switch (t->kind) {
		case K_LET:
			if (!run_let(x, t))
				return false;
			break;
		case K_TEXT:
			if (!t->drop)
				emit_text(x, t);
			break;
		case K_EXPR:
			if (!run_insert(x, t))
				return false;
			break;
		case K_TABLE:
			if (!run_table(x, t))
				return false;
			break;
		case K_CHART:
			if (!run_chart(x, t))
				return false;
			break;
		case K_EACH:
			if (!run_each(x, t))
				return false;
			i = t->end;
			break;
		case K_IF: {
			struct expr_value v;
			if (!expr_eval(&x->ctx, t->e, &v))
				return false;
			bool yes = expr_truth(&v);
			int mid = t->other >= 0 ? t->other : t->end;
			if (yes ? !run(x, i + 1, mid) : !run(x, mid + 1, t->end))
				return false;
			i = t->end;
			break;
		}
		default: break;
		}
	}
	return check_size(x, x->ntoks ? x->toks[from < x->ntoks ? from : 0].loc
				      : (struct srcloc){x->file, 1, 1});
}

/* ---- front-matter values that hold placeholders ---- */

struct tpl_vars {
	struct arena *a;
	const struct tpl_env *env;
	const char **text; /* expanded, or NULL */
	unsigned char *busy; /* being expanded: a use now is a cycle */
	/* The build's budgets, shared by the body and every value (twelve
	 * values each just under a limit must not add up to twelve times
	 * it): evaluation steps, and bytes of values expanded so far. */
	unsigned long steps;
	size_t value_bytes;
};

struct tpl_vars *tpl_vars_new(struct arena *a, const struct tpl_env *env)
{
	struct tpl_vars *v = arena_alloc(a, sizeof *v);
	v->a = a;
	v->env = env;
	size_t n = env->nvars > 0 ? (size_t)env->nvars : 1;
	v->text = arena_alloc(a, n * sizeof *v->text);
	v->busy = arena_alloc(a, n);
	return v;
}

static const char *var_text(void *ud, int i)
{
	struct tpl_vars *v = ud;
	const struct scalar *s = &v->env->vars[i];
	if (v->text[i])
		return v->text[i];
	if (!s->value || !strstr(s->value, "{{"))
		return s->value ? s->value : "";
	if (v->busy[i]) {
		diag_error(s->loc, "'%s' uses its own value (through its placeholders)",
			   s->name);
		return NULL;
	}
	v->busy[i] = 1;
	const char *out;
	bool ok = tpl_expand_value(v->a, s->loc, s->value, v->env, &out);
	v->busy[i] = 0;
	return ok ? (v->text[i] = out) : NULL;
}

static size_t value_bytes(const struct tx *x)
{
	return x->vars ? x->vars->value_bytes : 0;
}

static void tx_init(struct tx *x, struct arena *a, const char *file, bool md,
		    const struct tpl_env *env, struct buf *out)
{
	memset(x, 0, sizeof *x);
	x->a = a;
	x->file = file;
	x->md = md;
	x->out = out;
	expr_ctx_init(&x->ctx, a);
	if (env) {
		x->ctx.data = env->data;
		x->ctx.batch_table = env->batch_table;
		x->ctx.batch_row = env->batch_table ? env->batch_row : -1;
		x->ctx.sets = env->sets;
		x->ctx.nsets = env->nsets;
		x->ctx.vars = env->vars;
		x->ctx.nvars = env->nvars;
		if (env->expanded) {
			x->ctx.var_text = var_text;
			x->ctx.var_ud = env->expanded;
			x->ctx.budget = &env->expanded->steps;
			x->vars = env->expanded;
		}
		x->ctx.c_locale =
		    (env->data ? env->data->locale : env->locale) == LOCALE_C;
		x->charts = env->charts;
	}
}

bool tpl_expand(struct arena *a, const char *file, int first_line, const char *src,
		size_t len, const struct tpl_env *env, struct buf *out,
		struct linemap *map)
{
	struct tx x;
	tx_init(&x, a, file, true, env, out);
	mdguard_literal_reset();
	struct expr_src cur = {file, src, len, first_line, 1};
	if (!tpl_tokenize(&x, cur))
		return false;
	tpl_drop_tag_lines(&x);
	if (!tpl_match_blocks(&x) || !tpl_check_lets(&x) || !run(&x, 0, x.ntoks))
		return false;
	/* The last line (possibly empty) maps to the template's last line. */
	int last = first_line;
	for (const char *p = src, *nl; (nl = memchr(p, '\n', len - (size_t)(p - src)));
	     p = nl + 1)
		last++;
	if (len && src[len - 1] == '\n')
		last--;
	ARR_PUSH(a, x.lines, x.nlines, x.caplines, x.cur_src ? x.cur_src : last);
	map->lines = x.lines;
	map->n = x.nlines;
	return true;
}

bool tpl_expand_value(struct arena *a, struct srcloc loc, const char *src,
		      const struct tpl_env *env, const char **out)
{
	if (!strstr(src, "{{")) { /* the common case: nothing to expand */
		*out = src;
		return true;
	}
	struct buf b = BUF_INIT;
	struct tx x;
	tx_init(&x, a, loc.file, false, env, &b);
	struct expr_src cur = {loc.file, src, strlen(src), loc.line > 0 ? loc.line : 1,
			       loc.col > 0 ? loc.col : 1};
	bool ok = tpl_tokenize(&x, cur) && tpl_match_blocks(&x) && tpl_check_lets(&x) &&
		  run(&x, 0, x.ntoks);
	if (ok)
		*out = arena_strndup(a, buf_cstr(&b), b.len);
	if (ok && x.vars) /* counts against the build's expansion size */
		x.vars->value_bytes += b.len;
	buf_free(&b);
	return ok;
}
