/* mdinline: the inline content of cmark-gfm's nodes as runs (faces,
 * line breaks, footnote references checked against the definitions cmark
 * resolved), and where a node is in the template. Below markdown.c and
 * mdtable.c, which both turn blocks into runs through it. */
#include "md_int.h"

#include <cmark-gfm.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "bounds.h"
#include "buf.h"
#include "i18n.h"
#include "text.h"

/* Template line of a line of the expanded text. */
int md_tline(const struct md *m, int line)
{
	if (line >= 1 && (size_t)line <= m->map->n)
		return m->map->lines[line - 1];
	return line > 0 ? line : 0;
}

struct srcloc md_loc_at(const struct md *m, int line)
{
	return (struct srcloc){m->file, md_tline(m, line), 0};
}


/* Where a node starts: its template line and the column (characters) in
 * the expanded line. */
struct srcloc md_loc_col(struct md *m, cmark_node *n)
{
	int line = cmark_node_get_start_line(n), col = cmark_node_get_start_column(n);
	struct srcloc l = md_loc_at(m, line);
	const char *p = md_line_start(m, line);
	if (p && col >= 1 && (size_t)(col - 1) <= m->len - (size_t)(p - m->src))
		l.col = text_column(p, p + col - 1);
	return l;
}

/* ---- footnotes ----
 * cmark-gfm resolves references ([^label], labels ignoring case) and
 * moves the definitions it used to the end of the tree. What it could not
 * use is read from its tree too: a reference with no definition is left
 * as text, and a definition never referenced is dropped, leaving its
 * lines outside every block of the tree. */

/* "[^label]" at p (before end): the label's length, else 0. */
static size_t note_label(const char *p, const char *end)
{
	if (end - p < 4 || p[0] != '[' || p[1] != '^')
		return 0;
	const char *q = p + 2;
	while (q < end && *q != ']' && *q != ' ' && *q != '\t' && *q != '[')
		q++;
	return q < end && *q == ']' && q > p + 2 ? (size_t)(q - p - 2) : 0;
}

/* Where a text node's bytes are in the source: [*p0, *p1) on the line
 * starting at *ls, line *line. cmark-gfm 0.29's inline positions count
 * on from the paragraph's first line after a "\\" hard break, and end at
 * column 0 on a paragraph's last line; both are read as such. false when
 * the position does not lead to the text. */
static bool text_span(struct md *m, cmark_node *n, const char *lit, const char **ls,
		      const char **p0, const char **p1, int *line)
{
	*line = cmark_node_get_start_line(n);
	int c0 = cmark_node_get_start_column(n), c1 = cmark_node_get_end_column(n);
	const char *l = md_line_start(m, *line), *end = m->src + m->len;
	if (!l || c0 < 1 || (size_t)(c0 - 1) >= (size_t)(end - l))
		return false;
	const char *p = l + c0 - 1;
	if (*p != lit[0] && *p != '\\' && *p != '&')
		return false;
	for (const char *q = l; (q = memchr(q, '\n', (size_t)(p - q))); l = ++q)
		++*line;
	const char *le = memchr(p, '\n', (size_t)(end - p));
	if (!le)
		le = end;
	const char *e = md_line_start(m, cmark_node_get_start_line(n)) + c1;
	*ls = l;
	*p0 = p;
	*p1 = c1 >= c0 && e <= le && e > p ? e : le;
	return true;
}

/* A text node holding "[^label]" as written (not "\\[^label]"): a
 * reference cmark found no definition for. Its source, from the node's
 * position, tells an escaped bracket from a real one. */
static void check_text_refs(struct md *m, cmark_node *n, const char *lit)
{
	if (m->rereading || !strstr(lit, "[^"))
		return;
	const char *ls, *p, *e;
	int line;
	bool src = text_span(m, n, lit, &ls, &p, &e, &line);
	if (!src) { /* no usable position: the text as cmark gives it */
		ls = p = lit;
		e = lit + strlen(lit);
		line = cmark_node_get_start_line(n);
	}
	for (; p < e; p++) {
		if (*p == '\\' && src) {
			p++;
			continue;
		}
		size_t k = note_label(p, e);
		if (!k)
			continue;
		struct srcloc loc = {m->file, md_tline(m, line),
				     src ? text_column(ls, p) : 0};
		diag_error(
		    loc,
		    "footnote [^%.*s] has no definition; add a line '[^%.*s]: text' ",
		    (int)k, p + 2, (int)k, p + 2);
		m->bad_ref = true;
		p += k + 1;
	}
}

/* A reference cmark resolved: its label as written, for telling a second
 * definition of it from an unused one. */
static void note_ref_label(struct md *m, cmark_node *n)
{
	int line = cmark_node_get_start_line(n);
	int c0 = cmark_node_get_start_column(n), c1 = cmark_node_get_end_column(n);
	const char *ls = md_line_start(m, line);
	if (!ls || c0 < 1 || c1 < c0 || (size_t)(ls - m->src) + (size_t)c1 > m->len)
		return;
	size_t k = note_label(ls + c0 - 1, ls + c1);
	if (k) {
		const char *u = text_upper(m->a, arena_strndup(m->a, ls + c0 + 1, k));
		ARR_PUSH(m->a, m->ref_labels, m->nref_labels, m->cap_ref_labels, u);
	}
}

void md_cover(struct md *m, cmark_node *n)
{
	if (!m->covered)
		return;
	int a = cmark_node_get_start_line(n), b = cmark_node_get_end_line(n);
	for (int l = a > 1 ? a : 1; l <= b && l <= m->nline_off; l++)
		m->covered[l - 1] = 1;
}

/* Definitions cmark dropped: "[^label]:" opening a line (after blanks or
 * quote marks) that no block of the tree covers. */
void md_check_unused_notes(struct md *m)
{
	for (int l = 1; m->covered && l <= m->nline_off; l++) {
		if (m->covered[l - 1])
			continue;
		const char *ls = md_line_start(m, l), *p = ls;
		const char *e =
		    l < m->nline_off ? m->src + m->line_off[l] : m->src + m->len;
		while (p < e && (*p == ' ' || *p == '\t' || *p == '>'))
			p++;
		size_t k = note_label(p, e);
		if (!k || p + k + 3 >= e || p[k + 3] != ':')
			continue;
		const char *u = text_upper(m->a, arena_strndup(m->a, p + 2, k));
		bool used = false;
		for (int i = 0; i < m->nref_labels && !used; i++)
			used = strcmp(m->ref_labels[i], u) == 0;
		struct srcloc loc = {m->file, md_tline(m, l), text_column(ls, p)};
		if (used)
			diag_warn(loc,
				  "footnote [^%.*s] is defined twice; this definition "
				  "is not used",
				  (int)k, p + 2);
		else
			diag_warn(loc, "footnote [^%.*s] is defined but never referenced",
				  (int)k, p + 2);
	}
}

/* ---- inline runs ---- */

struct runbuilder {
	struct md *m;
	struct inl *out;
	struct buf text;
	int face;
	int line;
};

static void rb_flush(struct runbuilder *rb)
{
	if (!rb->text.len)
		return;
	struct run r = {
	    .text = arena_strndup(rb->m->a, rb->text.ptr, rb->text.len),
	    .len = (uint32_t)rb->text.len,
	    .face = (uint8_t)rb->face,
	    .line = rb->line,
	};
	ARR_PUSH(rb->m->a, rb->out->v, rb->out->n, rb->out->cap, r);
	buf_truncate(&rb->text, 0);
}

static void rb_text(struct runbuilder *rb, const char *s, size_t n, int face, int line)
{
	if (face != rb->face)
		rb_flush(rb);
	if (!rb->text.len)
		rb->line = line;
	rb->face = face;
	buf_put(&rb->text, s, n);
}

static void rb_special(struct runbuilder *rb, struct run r)
{
	rb_flush(rb);
	ARR_PUSH(rb->m->a, rb->out->v, rb->out->n, rb->out->cap, r);
}

static bool is_br_tag(const char *s)
{
	return strncasecmp(s, "<br", 3) == 0 &&
	       (s[3] == '>' || s[3] == '/' || s[3] == ' ');
}

/* Collect the inline content of a block node into runs. base_bold and
 * base_italic are the block's own style (a heading); emphasis toggles
 * italic, strong adds bold. */
void md_collect_inlines(struct md *m, cmark_node *node, struct inl *out,
			    bool base_bold, bool base_italic, int block_line)
{
	struct runbuilder rb = {.m = m, .out = out, .face = -1, .line = block_line};
	int bold = 0, italic = 0;
	cmark_iter *it = cmark_iter_new(node);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (n == node)
			continue;
		cmark_node_type t = cmark_node_get_type(n);
		int d = ev == CMARK_EVENT_ENTER ? 1 : ev == CMARK_EVENT_EXIT ? -1 : 0;
		if (t == CMARK_NODE_STRONG) {
			bold += d;
			continue;
		}
		if (t == CMARK_NODE_EMPH) {
			italic += d;
			continue;
		}
		if (ev != CMARK_EVENT_ENTER)
			continue;
		int face = FACE_OF(base_bold || bold > 0, base_italic != (italic > 0));
		int line = md_tline(m, cmark_node_get_start_line(n) > 0
					? cmark_node_get_start_line(n)
					: block_line);
		const char *lit = cmark_node_get_literal(n);
		switch (t) {
		case CMARK_NODE_TEXT:
			if (m->has_notes)
				check_text_refs(m, n, lit);
			rb_text(&rb, lit, strlen(lit), face, line);
			break;
		case CMARK_NODE_CODE: rb_text(&rb, lit, strlen(lit), face, line); break;
		case CMARK_NODE_SOFTBREAK:
			rb_text(&rb, " ", 1, rb.face >= 0 ? rb.face : face, line);
			break;
		case CMARK_NODE_LINEBREAK:
			rb_special(&rb, (struct run){.text = "",
						     .brk = 1,
						     .face = (uint8_t)face,
						     .line = line});
			break;
		case CMARK_NODE_HTML_INLINE:
			if (is_br_tag(lit))
				rb_special(&rb, (struct run){.text = "",
							     .brk = 1,
							     .face = (uint8_t)face,
							     .line = line});
			else if (strncmp(lit, "<!--", 4) != 0)
				rb_text(&rb, lit, strlen(lit), face,
					line); /* nothing lost */
			break;
		case CMARK_NODE_FOOTNOTE_REFERENCE: {
			int num = atoi(lit);
			if (!m->rereading)
				note_ref_label(m, n);
			rb_special(&rb, (struct run){
					    .text = arena_strdup(m->a, lit),
					    .len = (uint32_t)strlen(lit),
					    .face = FACE_REGULAR,
					    .note = num,
					    .line = line,
					});
			break;
		}
		case CMARK_NODE_IMAGE:
			if (!m->failed)
				diag_error(
				    md_loc_col(m, n),
				    "an image must stand in a paragraph of its own "
				    "(a blank line before and after it), not inside "
				    "text or a table");
			m->failed = true;
			break;
		default: break; /* links: their text children are read */
		}
	}
	cmark_iter_free(it);
	rb_flush(&rb);
	buf_free(&rb.text);
}

void md_prepend_text(struct md *m, struct inl *in, const char *s, int line)
{
	struct run r = {.text = arena_strdup(m->a, s),
			.len = (uint32_t)strlen(s),
			.face = FACE_REGULAR,
			.line = line};
	ARR_PUSH(m->a, in->v, in->n, in->cap, r);
	memmove(in->v + 1, in->v, sizeof *in->v * (size_t)(in->n - 1));
	in->v[0] = r;
}

struct block *md_new_block(struct md *m, struct blocklist *bl, enum block_kind k,
			       int line)
{
	struct block b = {.kind = k, .line = line};
	ARR_PUSH(m->a, bl->v, bl->n, bl->cap, b);
	return &bl->v[bl->n - 1];
}


const char *md_line_start(struct md *m, int line)
{
	if (!m->line_off) {
		int cap = 0;
		size_t off = 0;
		ARR_PUSH(m->a, m->line_off, m->nline_off, cap, off);
		for (const char *q = m->src;
		     (q = memchr(q, '\n', (size_t)(m->src + m->len - q)));)
			ARR_PUSH(m->a, m->line_off, m->nline_off, cap,
				 (size_t)(++q - m->src));
	}
	return line >= 1 && line <= m->nline_off ? m->src + m->line_off[line - 1] : NULL;
}
