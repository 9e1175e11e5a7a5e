#include "mdguard.h"

#include <string.h>

#include "bounds.h"
#include "diag.h"
#include "i18n.h"
#include "text.h"

struct scan {
	const char *file;
	const struct linemap *map;
	int line; /* 1-based line of the expanded text */
	const char *line_start;
};

static struct srcloc where(const struct scan *s, const char *at)
{
	int line = s->line;
	if (s->map && line >= 1 && (size_t)line <= s->map->n)
		line = s->map->lines[line - 1];
	return (struct srcloc){s->file, line, text_column(s->line_start, at)};
}

static bool escaped(const char *start, const char *p)
{
	int n = 0;
	while (p > start && p[-1] == '\\') {
		p--;
		n++;
	}
	return n % 2 == 1;
}

static bool is_ascii_letter(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static bool starts(const char *p, const char *e, const char *lit)
{
	size_t n = strlen(lit);
	return (size_t)(e - p) >= n && memcmp(p, lit, n) == 0;
}

/* A GFM delimiter row ("|---|:--:|"): only '|', ':', '-' and blanks,
 * with a '|' and a '-'. *ncols: the cells holding a '-'. */
static bool is_delimiter_row(const char *p, const char *e, long *ncols)
{
	long n = 0;
	bool pipe = false, dash = false;
	for (; p < e; p++) {
		if (*p == '|') {
			pipe = true;
			n += dash;
			dash = false;
		} else if (*p == '-') {
			dash = true;
		} else if (*p != ':' && *p != ' ' && *p != '\t') {
			return false;
		}
	}
	n += dash;
	*ncols = n;
	return pipe && n > 0;
}

/* cmark-gfm gives every row of a table as many cells as its header, and a
 * table runs on to the next blank line with every line a row: a 60-column
 * header and 100.000 lines of "x" (200 KB) took 1.5 GB inside cmark. So
 * the cells are counted before cmark sees the text, as an upper bound: a
 * delimiter row (in a quote or an item too) starts a table of that many
 * columns (header and delimiter rows count), and every line up to the next
 * blank one is a row. markdown.c counts the real cells again. */
struct cells {
	long total, ncols;
	int start; /* line of the header row of the current table */
};

static bool count_cells(struct cells *c, const struct scan *s, const char *p,
			const char *e, bool blank)
{
	while (p < e && (*p == ' ' || *p == '\t' || *p == '>'))
		p++; /* quote marks and indentation */
	long n;
	if (blank || p == e) {
		c->ncols = 0;
	} else if (c->ncols) {
		c->total += c->ncols;
	} else if (is_delimiter_row(p, e, &n)) {
		c->ncols = n;
		c->total += 2 * n;
		c->start = s->line > 1 ? s->line - 1 : s->line;
	}
	if (c->total <= MAX_TABLE_CELLS)
		return true;
	int line = c->start;
	if (s->map && line >= 1 && (size_t)line <= s->map->n)
		line = s->map->lines[line - 1];
	diag_error((struct srcloc){s->file, line, 1},
		   "the tables have more than %d cells in all (a table's rows run to "
		   "the next blank line); split the report or summarise the data",
		   MAX_TABLE_CELLS);
	return false;
}

bool mdguard_check(const char *file, const char *md, size_t len,
		   const struct linemap *map)
{
	struct cells cells = {0};
	struct scan s = {file, map, 1, md};
	const char *end = md + len;
	/* per paragraph (a run of non-blank lines): raw HTML openers still
	 * waiting for their end, by kind, and images */
	int pi = 0, cdata = 0, comment = 0, decl = 0, images = 0;
	for (const char *p = md; p < end; s.line++) {
		const char *e = memchr(p, '\n', (size_t)(end - p));
		if (!e)
			e = end;
		s.line_start = p;
		bool blank = true;
		for (const char *q = p; q < e && blank; q++)
			blank = *q == ' ' || *q == '\t';
		if (blank)
			pi = cdata = comment = decl = images = 0;
		if (!count_cells(&cells, &s, p, e, blank))
			return false;
		for (const char *q = p; !blank && q < e; q++) {
			if (*q == '>') {
				decl = 0;
				if (q - p >= 1 && q[-1] == '?')
					pi = 0;
				if (q - p >= 2 && q[-1] == ']' && q[-2] == ']')
					cdata = 0;
				if (q - p >= 2 && q[-1] == '-' && q[-2] == '-')
					comment = 0;
				continue;
			}
			if (*q == '!' && q + 1 < e && q[1] == '[' && !escaped(p, q)) {
				if (++images > MAX_PARA_IMAGES) {
					diag_error(where(&s, q),
						   "more than %d images ('![') in one "
						   "paragraph; give each image its own "
						   "paragraph",
						   MAX_PARA_IMAGES);
					return false;
				}
				continue;
			}
			if (*q != '<' || q + 1 >= e || escaped(p, q))
				continue;
			int *kind = NULL;
			if (q[1] == '?')
				kind = &pi;
			else if (starts(q, e, "<![CDATA["))
				kind = &cdata;
			else if (starts(q, e, "<!--"))
				kind = &comment;
			else if (q[1] == '!' && q + 2 < e && is_ascii_letter(q[2]))
				kind = &decl;
			if (kind && pi + cdata + comment + decl >= MAX_OPEN_HTML) {
				diag_error(where(&s, q),
					   "more than %d '<?', '<!--', '<![CDATA[' or "
					   "'<!' without their end in one paragraph "
					   "(Markdown rereads the paragraph for each); "
					   "write \\< for a '<' that starts no HTML",
					   MAX_OPEN_HTML);
				return false;
			}
			if (kind)
				++*kind;
		}
		p = e < end ? e + 1 : end;
	}
	return true;
}

static bool title_ok(const char *file, const char *what, const char *s, int line)
{
	if (!s)
		return true;
	size_t n = text_length(s, strlen(s));
	if (n <= MAX_TITLE_CHARS)
		return true;
	diag_error((struct srcloc){file, line, 0},
		   "%s is %zu characters long; at most %d fit the PDF's %s", what, n,
		   MAX_TITLE_CHARS,
		   strcmp(what, "a heading") == 0 ? _("outline") : _("document properties"));
	return false;
}

bool mdguard_titles(const struct doc *d)
{
	const struct meta *m = &d->meta;
	if (!title_ok(d->file, "'trich_yeu'", m->trich_yeu.s, m->trich_yeu.line) ||
	    !title_ok(d->file, "'co_quan'", m->co_quan.s, m->co_quan.line) ||
	    !title_ok(d->file, "'loai'", m->loai.s, m->loai.line))
		return false;
	for (int i = 0; i < d->blocks.n; i++) {
		const struct block *b = &d->blocks.v[i];
		if (b->kind != BLK_HEADING && b->kind != BLK_APPENDIX)
			continue; /* the outline's entries */
		size_t n = 0;
		for (int k = 0; k < b->text.n; k++)
			n += text_length(b->text.v[k].text, b->text.v[k].len);
		if (n > MAX_TITLE_CHARS) {
			diag_error((struct srcloc){d->file, b->line, 0},
				   "a heading is %zu characters long; at most %d fit "
				   "the PDF's outline: shorten it, or make it a "
				   "paragraph",
				   n, MAX_TITLE_CHARS);
			return false;
		}
	}
	return true;
}

const char *mdguard_comment_block(const char *lit, int *line_off)
{
	*line_off = 0;
	if (strncmp(lit, "<!--", 4) != 0)
		return NULL; /* other HTML is shown as text: nothing lost */
	const char *p = lit;
	for (;;) {
		/* as cmark-gfm: the block ends on the line holding "-->" */
		const char *end = strstr(p + 2, "-->");
		if (!end)
			return _("an HTML comment '<!--' is never closed with '-->': the "
				 "rest of the report would be dropped");
		for (const char *q = p; q < end; q++)
			if (*q == '\n')
				++*line_off;
		p = end + 3;
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\n' || !*p)
			return NULL;
		if (strncmp(p, "<!--", 4) != 0)
			return _("text after a comment's '-->' on the same line would be "
				 "dropped; put it on a line of its own");
	}
}

/* The scan state of the current line of the buffer last asked about. */
static struct {
	const char *base;
	size_t line; /* offset of the line's start */
	size_t done; /* bytes scanned up to here */
	int open; /* backticks of the open code span; 0 outside */
	bool html; /* the line starts raw HTML */
} lc;

bool mdguard_literal_context(const char *s, size_t len)
{
	if (lc.base != s || lc.done > len) {
		/* another buffer, or it moved: find the line start once */
		size_t i = len;
		while (i && s[i - 1] != '\n')
			i--;
		lc.base = s;
		lc.line = lc.done = i;
		lc.open = 0;
		lc.html = false;
	}
	const char *nl = len > lc.done ? memchr(s + lc.done, '\n', len - lc.done) : NULL;
	if (nl) { /* a new line since: start it over, from its last one */
		size_t i = len;
		while (i > lc.done && s[i - 1] != '\n')
			i--;
		lc.line = lc.done = i;
		lc.open = 0;
		lc.html = false;
	}
	if (lc.done == lc.line && len > lc.line) {
		const char *p = s + lc.line, *e = s + len;
		for (int k = 0; k < 3 && p < e && *p == ' '; k++)
			p++;
		lc.html =
		    e - p >= 2 && p[0] == '<' &&
		    (is_ascii_letter(p[1]) || p[1] == '/' || p[1] == '!' || p[1] == '?');
	}
	for (size_t i = lc.done; i < len;) {
		if (s[i] == '\\' && !lc.open) {
			i += i + 1 < len ? 2 : 1; /* an escaped character */
			continue;
		}
		if (s[i] != '`') {
			i++;
			continue;
		}
		size_t j = i;
		while (j < len && s[j] == '`')
			j++;
		if (j == len) /* a run still growing: decide later */
			break;
		int run = (int)(j - i);
		if (!lc.open)
			lc.open = run;
		else if (run == lc.open)
			lc.open = 0;
		i = j;
	}
	/* stop before a trailing backtick run: it may grow */
	size_t stop = len;
	while (stop > lc.done && s[stop - 1] == '`')
		stop--;
	if (stop < len && !(stop > lc.done && s[stop - 1] == '\\'))
		lc.done = stop;
	else
		lc.done = len;
	bool pending_open = !lc.open && stop < len; /* "`" right before */
	return lc.html || lc.open || pending_open;
}

void mdguard_literal_reset(void)
{
	memset(&lc, 0, sizeof lc);
}
