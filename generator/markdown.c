#include "markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "bounds.h"
#include "buf.h"
#include "i18n.h"
#include "cmarkhack.h" /* the bullet character */
#include "image.h"
#include "md_int.h"
#include "mdguard.h"
#include "text.h"

/* ---- headings ---- */

static void roman(struct buf *b, int n)
{
	static const struct {
		int v;
		const char *s;
	} r[] = {{1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"},
		 {90, "XC"},  {50, "L"},   {40, "XL"}, {10, "X"},   {9, "IX"},
		 {5, "V"},    {4, "IV"},   {1, "I"}};
	for (size_t i = 0; i < sizeof r / sizeof *r; i++)
		while (n >= r[i].v) {
			buf_puts(b, r[i].s);
			n -= r[i].v;
		}
}

/* Points are lettered by the Vietnamese alphabet: a b c d đ e g h i k ... */
static const char *const point_letters[] = {"a", "b", "c", "d", "đ", "e", "g", "h",
					    "i", "k", "l", "m", "n", "o", "p", "q",
					    "r", "s", "t", "u", "v", "x", "y"};

static char *heading_number(struct md *m, int level)
{
	int *c = m->counter;
	c[level - 1]++;
	for (int i = level; i < 4; i++)
		c[i] = 0;
	struct buf b = BUF_INIT;
	switch (level) {
	case 1:
		roman(&b, c[0]);
		buf_puts(&b, ". ");
		break;
	case 2: buf_printf(&b, "%d. ", c[1]); break;
	case 3: buf_printf(&b, "%d.%d. ", c[1], c[2]); break;
	default: {
		int k = c[3] - 1;
		int nl = (int)(sizeof point_letters / sizeof *point_letters);
		if (k >= nl * (nl + 1)) /* past "yy)": the letters run out */
			buf_printf(&b, "%d) ", k + 1);
		else if (k >= nl) /* "aa)" ... "yy)" */
			buf_printf(&b, "%s%s) ", point_letters[(k - nl) / nl],
				   point_letters[k % nl]);
		else
			buf_printf(&b, "%s) ", point_letters[k]);
	}
	}
	char *r = arena_strdup(m->a, buf_cstr(&b));
	buf_free(&b);
	return r;
}

/* ND30 II.6.đ: "Phần I" (or "Chương I") on its own line, centred, in
 * lower case, its title under it in capitals. A "# Phần I. TITLE" heading
 * is split there; returns the length of "Phần I" in s (0: not a part)
 * and in *title where the title starts (at the end when there is none). */
static size_t part_word(const char *s, const char **title)
{
	static const char *const words[] = {"Phần ",   "PHẦN ",   "phần ", "Chương ",
					    "CHƯƠNG ", "chương ", NULL};
	size_t n = 0;
	for (int i = 0; words[i] && !n; i++)
		if (strncmp(s, words[i], strlen(words[i])) == 0)
			n = strlen(words[i]);
	if (!n)
		return 0;
	size_t k = n;
	/* "Phần thứ nhất", "PHẦN THỨ HAI", "Phần thứ mười một" ... as reports
	 * also write them */
	static const char *const numwords[] = {
	    "nhất", "hai",  "ba",   "tư",   "năm",  "sáu",  "bảy",  "tám", "chín",
	    "mười", "một",  "mươi", "lăm",  "NHẤT", "HAI",  "BA",   "TƯ",  "NĂM",
	    "SÁU",  "BẢY",  "TÁM",  "CHÍN", "MƯỜI", "MỘT",  "MƯƠI", "LĂM", "Nhất",
	    "Hai",  "Ba",   "Tư",   "Năm",  "Sáu",  "Bảy",  "Tám",  "Chín", "Mười",
	    NULL};
	if (strncmp(s + n, "thứ ", strlen("thứ ")) == 0 ||
	    strncmp(s + n, "THỨ ", strlen("THỨ ")) == 0 ||
	    strncmp(s + n, "Thứ ", strlen("Thứ ")) == 0) {
		size_t o = n + strlen("thứ ");
		for (int i = 0; numwords[i];) {
			size_t l = strlen(numwords[i]);
			if (strncmp(s + o, numwords[i], l) != 0 ||
			    (s[o + l] && !strchr(" .:-", s[o + l]))) {
				i++;
				continue;
			}
			k = o + l; /* a number word; another may follow */
			if (s[k] != ' ')
				break;
			o = k + 1;
			i = 0;
		}
		if (k == n)
			return 0;
	}
	bool ordinal = k > n;
	while (!ordinal && s[k] && (strchr("IVXLCivxlc", s[k]) || (s[k] >= '0' && s[k] <= '9')))
		k++;
	if (k == n || (s[k] && !strchr(" .:-", s[k])))
		return 0;
	const char *t = s + k;
	while (*t && strchr(" .:-", *t))
		t++;
	if (strncmp(t, "–", strlen("–")) == 0) /* "Phần I – TITLE" */
		for (t += strlen("–"); *t == ' '; t++)
			;
	*title = t;
	return k;
}

static void upper_runs(struct md *m, struct inl *in)
{
	for (int i = 0; i < in->n; i++)
		if (!in->v[i].note) {
			in->v[i].text = text_upper(m->a, in->v[i].text);
			in->v[i].len = (uint32_t)strlen(in->v[i].text);
		}
}

/* "I. ", "IV. ": a section's own number, so not a part's title */
static bool section_number(const char *s)
{
	size_t k = strspn(s, "IVXLC");
	return k > 0 && s[k] == '.';
}

/* "# Phụ lục I. Danh mục công trình" (or "PHỤ LỤC 01 - ...", "Phụ lục:
 * ..."): an appendix. Its number is kept as written; the title is the
 * rest, in capitals. Returns false when the heading is not one. */
static bool appendix_heading(struct md *m, struct block *b)
{
	static const char *const words[] = {"Phụ lục", "PHỤ LỤC", "phụ lục", NULL};
	struct run *r0 = &b->text.v[0];
	if (r0->note)
		return false;
	size_t n = 0;
	for (int i = 0; words[i] && !n; i++)
		if (strncmp(r0->text, words[i], strlen(words[i])) == 0)
			n = strlen(words[i]);
	const char *p = r0->text + n;
	if (!n || (*p && !strchr(" .:-", *p)))
		return false;
	while (*p == ' ')
		p++;
	if (strncmp(p, "số ", strlen("số ")) == 0 ||
	    strncmp(p, "SỐ ", strlen("SỐ ")) == 0)
		p += strlen("số ");
	const char *num = p;
	while ((*p >= '0' && *p <= '9') || (*p && strchr("IVXLC", *p)))
		p++;
	if (p > num && *p && !strchr(" .:-", *p))
		p = num; /* "Phụ lục Danh mục": no number */
	struct dappendix *ap = arena_alloc(m->a, sizeof *ap);
	ap->num = arena_strndup(m->a, num, (size_t)(p - num));
	ap->index = m->nappendix++;
	while (*p && strchr(" .:-", *p))
		p++;
	if (strncmp(p, "–", strlen("–")) == 0)
		for (p += strlen("–"); *p == ' ';)
			p++;
	r0->text = p;
	r0->len = (uint32_t)strlen(p);
	if (!*p) {
		memmove(b->text.v, b->text.v + 1,
			sizeof *b->text.v * (size_t)(b->text.n - 1));
		b->text.n--;
	}
	upper_runs(m, &b->text);
	b->kind = BLK_APPENDIX;
	b->appendix = ap;
	return true;
}

static void part_heading(struct md *m, struct blocklist *out, struct block *b)
{
	const char *title;
	struct run *r0 = &b->text.v[0];
	size_t k = r0->note ? 0 : part_word(r0->text, &title);
	if (!k)
		return;
	b->style = PARA_PART;
	const char *w = r0->text[0] == 'C' || r0->text[0] == 'c' ? "Chương" : "Phần";
	const char *num = r0->text + strcspn(r0->text, " ") + 1;
	char *word = arena_printf(m->a, "%s %.*s", w, (int)(r0->text + k - num), num);
	if (strncmp(num, "thứ ", strlen("thứ ")) == 0 || strncmp(num, "THỨ ", strlen("THỨ ")) == 0 ||
	    strncmp(num, "Thứ ", strlen("Thứ ")) == 0)
		word = text_case(m->a, text_case(m->a, word, TEXT_LOWER), TEXT_FIRST_UPPER);
	bool rest = *title || b->text.n > 1;
	if (!rest) {
		r0->text = word;
		r0->len = (uint32_t)strlen(word);
		m->bare_part = (int)(b - out->v); /* its title may follow */
		return;
	}
	/* the title: the rest of this heading, upper case, as its own block */
	struct block t = *b;
	t.text = (struct inl){0};
	for (int i = 0; i < b->text.n; i++) {
		struct run r = b->text.v[i];
		if (i == 0) {
			if (!*title)
				continue;
			r.text = title;
			r.len = (uint32_t)strlen(r.text);
		}
		ARR_PUSH(m->a, t.text.v, t.text.n, t.text.cap, r);
	}
	upper_runs(m, &t.text);
	b->text.n = 1;
	r0->text = word;
	r0->len = (uint32_t)strlen(word);
	ARR_PUSH(m->a, out->v, out->n, out->cap, t);
}

/* ---- tables ---- */

/* A table's title above it: "Biểu số 01 ...", "Bảng 2: ...", or a
 * "Bảng tổng hợp ..." line; not a sentence that introduces the table
 * ("Bảng dưới đây cho thấy:"), which ends in punctuation. */
static bool is_caption(const struct inl *in)
{
	static const char *const words[] = {"Biểu ", "Bảng ", "BIỂU ", "BẢNG ", NULL};
	const char *t = in->v[0].text;
	size_t n = 0;
	for (int i = 0; words[i] && !n; i++)
		if (strncmp(t, words[i], strlen(words[i])) == 0)
			n = strlen(words[i]);
	if (!n)
		return false;
	const char *rest = t + n;
	if ((*rest >= '0' && *rest <= '9') || strncmp(rest, "số ", strlen("số ")) == 0 ||
	    strncmp(rest, "SỐ ", strlen("SỐ ")) == 0)
		return true; /* numbered */
	const struct run *last = &in->v[in->n - 1];
	char end = last->len ? last->text[last->len - 1] : 0;
	return !end || !strchr(":.;,", end);
}

/* "Biểu đồ 1. ...", "Hình 2: ...", "BIỂU ĐỒ ...": a figure's title. */
static bool is_figure_title(const char *t)
{
	static const char *const words[] = {"Biểu đồ", "BIỂU ĐỒ", "Hình", "HÌNH", NULL};
	for (int i = 0; words[i]; i++) {
		size_t n = strlen(words[i]);
		if (strncmp(t, words[i], n) == 0 &&
		    (t[n] == ' ' || t[n] == 0 || t[n] == '.' || t[n] == ':'))
			return true;
	}
	return false;
}

/* "<!-- ngang -->" (or "landscape") before a table sets it on landscape
 * pages: an HTML comment, so the file stays plain GFM elsewhere. */
static bool is_landscape_mark(const char *lit)
{
	const char *p = lit;
	if (strncmp(p, "<!--", 4) != 0)
		return false;
	p += 4;
	while (*p == ' ')
		p++;
	const char *w = p;
	while (*p && *p != ' ' && *p != '-')
		p++;
	size_t n = (size_t)(p - w);
	while (*p == ' ')
		p++;
	if (strncmp(p, "-->", 3) != 0)
		return false;
	return (n == 5 && strncmp(w, "ngang", 5) == 0) ||
	       (n == 9 && strncmp(w, "landscape", 9) == 0);
}

static bool is_landscape_mark(const char *lit);

/* The template's marker for chart i: the chart block. Text after it on
 * its line is an error (the tag must stand alone). */
static bool chart_mark(struct md *m, cmark_node *node, const char *lit,
		       struct blocklist *out)
{
	const char *p = lit + strlen(CHART_MARK);
	char *end;
	long i = strtol(p, &end, 10);
	if (end == p || i < 0 || i >= m->doc->charts.n || strncmp(end, " -->", 4) != 0)
		return false;
	const char *rest = end + 4;
	if (rest[strspn(rest, " \t\r\n")]) {
		diag_error(md_loc_at(m, cmark_node_get_start_line(node)),
			   "put {{ chart ... }} on a line of its own");
		m->failed = true;
		return true;
	}
	struct block *b =
	    md_new_block(m, out, BLK_CHART, md_tline(m, cmark_node_get_start_line(node)));
	b->chart = m->doc->charts.v[i];
	return true;
}

/* ---- blocks ---- */

static void walk(struct md *m, cmark_node *node, struct blocklist *out,
		 const char **prefix, int depth);

static void walk_children(struct md *m, cmark_node *node, struct blocklist *out,
			  const char **prefix, int depth)
{
	for (cmark_node *c = cmark_node_first_child(node); c; c = cmark_node_next(c))
		walk(m, c, out, prefix, depth + 1);
}

/* The start of line `line` (1-based) of the expanded text, or NULL. */

/* A paragraph holding only images (and the line breaks between them)
 * becomes one image block each: `![caption](src "60%")`. */
static bool image_paragraph(struct md *m, cmark_node *para, struct blocklist *out)
{
	bool any = false;
	for (cmark_node *c = cmark_node_first_child(para); c; c = cmark_node_next(c)) {
		cmark_node_type t = cmark_node_get_type(c);
		if (t == CMARK_NODE_IMAGE) {
			any = true;
		} else if (t == CMARK_NODE_TEXT) {
			const char *l = cmark_node_get_literal(c);
			if (l[strspn(l, " \t")])
				return false;
		} else if (t != CMARK_NODE_SOFTBREAK && t != CMARK_NODE_LINEBREAK) {
			return false;
		}
	}
	if (!any)
		return false;
	for (cmark_node *c = cmark_node_first_child(para); c; c = cmark_node_next(c)) {
		if (cmark_node_get_type(c) != CMARK_NODE_IMAGE)
			continue;
		struct srcloc loc = md_loc_col(m, c);
		struct dimage *di = arena_alloc(m->a, sizeof *di);
		di->src = arena_strdup(m->a, cmark_node_get_url(c));
		di->line = loc.line;
		di->col = loc.col;
		const char *title = cmark_node_get_title(c);
		if (title && *title && !image_width_spec(title, &di->pct, &di->mm)) {
			diag_error(
			    loc,
			    "the image's title \"%s\" is not a width; write \"60%%\" "
			    "(of the text width) or \"80mm\"",
			    title);
			m->failed = true;
			return true;
		}
		if (!*di->src) {
			diag_error(loc,
				   "the image has no file: write ![caption](anh/x.png)");
			m->failed = true;
			return true;
		}
		md_collect_inlines(m, c, &di->caption, false, true,
				cmark_node_get_start_line(c));
		struct block *b = md_new_block(m, out, BLK_IMAGE, loc.line);
		b->image = di;
	}
	return true;
}

/* The list marker exactly as the author typed it ("-", "+", "3.", "2)"),
 * read from the source line, so numbers stay as written. */
static const char *item_marker(struct md *m, cmark_node *list, cmark_node *item)
{
	if (cmark_node_get_list_type(list) == CMARK_BULLET_LIST) {
		char c = cmarkhack_bullet_char(list);
		return c == '*' ? "- " : c == '+' ? "+ " : "- ";
	}
	/* find the item's line in the source */
	int line = cmark_node_get_start_line(item),
	    col = cmark_node_get_start_column(item);
	const char *p = md_line_start(m, line);
	if (p && col >= 1 && (size_t)(col - 1) < m->len - (size_t)(p - m->src)) {
		p += col - 1;
		const char *q = p;
		while (q < m->src + m->len && *q >= '0' && *q <= '9')
			q++;
		if (q > p && q < m->src + m->len && (*q == '.' || *q == ')'))
			return arena_printf(m->a, "%.*s ", (int)(q - p + 1), p);
	}
	return arena_printf(m->a, "%d%c ", cmark_node_get_list_start(list),
			    cmark_node_get_list_delim(list) == CMARK_PAREN_DELIM ? ')'
										 : '.');
}

static void para_from_literal(struct md *m, cmark_node *node, struct blocklist *out,
			      const char **prefix)
{
	int line = md_tline(m, cmark_node_get_start_line(node));
	const char *lit = cmark_node_get_literal(node);
	struct block *b = md_new_block(m, out, BLK_PARA, line);
	char *s = arena_strdup(m->a, lit ? lit : "");
	size_t n = strlen(s);
	while (n && (s[n - 1] == '\n' || s[n - 1] == ' '))
		s[--n] = 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] == '\n')
			s[i] = ' ';
	struct run r = {
	    .text = s, .len = (uint32_t)n, .face = FACE_REGULAR, .line = line};
	ARR_PUSH(m->a, b->text.v, b->text.n, b->text.cap, r);
	if (*prefix) {
		md_prepend_text(m, &b->text, *prefix, line);
		*prefix = NULL;
	}
}

static void walk(struct md *m, cmark_node *node, struct blocklist *out,
		 const char **prefix, int depth)
{
	if (m->failed)
		return;
	if (depth > MAX_NESTING) {
		diag_error(md_loc_at(m, cmark_node_get_start_line(node)),
			   "blocks nested more than %d deep", MAX_NESTING);
		m->failed = true;
		return;
	}
	cmark_node_type t = cmark_node_get_type(node);
	int line = md_tline(m, cmark_node_get_start_line(node));
	if (t == CMARK_NODE_PARAGRAPH || t == CMARK_NODE_HEADING ||
	    t == CMARK_NODE_CODE_BLOCK || t == CMARK_NODE_HTML_BLOCK ||
	    t == CMARK_NODE_THEMATIC_BREAK || t == CMARK_NODE_TABLE)
		md_cover(m, node);
	if (t == CMARK_NODE_PARAGRAPH && !*prefix && image_paragraph(m, node, out)) {
		return;
	} else if (t == CMARK_NODE_PARAGRAPH) {
		struct block *b = md_new_block(m, out, BLK_PARA, line);
		md_collect_inlines(m, node, &b->text, false, false,
				cmark_node_get_start_line(node));
		if (*prefix) {
			md_prepend_text(m, &b->text, *prefix, line);
			*prefix = NULL;
		}
	} else if (t == CMARK_NODE_HEADING) {
		int level = cmark_node_get_heading_level(node);
		if (level > 4)
			level = 4;
		struct block *b = md_new_block(m, out, BLK_HEADING, line);
		b->level = level;
		/* # bold upper, ## bold, ### bold italic, #### italic */
		md_collect_inlines(m, node, &b->text, level <= 3, level >= 3,
				cmark_node_get_start_line(node));
		if (level == 1 && b->text.n && m->bare_part >= 0 &&
		    m->bare_part == out->n - 2 && !section_number(b->text.v[0].text)) {
			/* "# Phần II" then "# Title": the part's title */
			b->style = PARA_PART;
			upper_runs(m, &b->text);
			m->bare_part = -1;
			return;
		}
		m->bare_part = -1;
		if (level <= 2 && b->text.n && out->n >= 2 &&
		    out->v[out->n - 2].kind == BLK_APPENDIX && !out->v[out->n - 2].text.n &&
		    !section_number(b->text.v[0].text)) {
			/* "# Phụ lục I" then "# Title" (or "## Title"): its title */
			struct block *ap = &out->v[out->n - 2];
			ap->text = b->text;
			upper_runs(m, &ap->text);
			for (int i = 0; i < ap->text.n; i++)
				ap->text.v[i].face = FACE_BOLD;
			out->n--;
			return;
		}
		if (level == 1 && b->text.n && appendix_heading(m, b)) {
			/* sections are numbered again inside an appendix */
			memset(m->counter, 0, sizeof m->counter);
			return;
		}
		if (level == 1 && b->text.n) {
			int at = out->n;
			part_heading(m, out, b);
			if (out->v[at - 1].style == PARA_PART) {
				/* parts are not numbered; sections restart in each */
				m->counter[0] = m->counter[1] = m->counter[2] = 0;
				m->counter[3] = 0;
				return;
			}
			b = &out->v[at - 1];
		}
		if (level == 1)
			upper_runs(m, &b->text);
		if (m->auto_number) {
			md_prepend_text(m, &b->text, heading_number(m, level), line);
			b->text.v[0].face = FACE_OF(level <= 3, level >= 3);
		}
	} else if (t == CMARK_NODE_LIST) {
		for (cmark_node *it = cmark_node_first_child(node); it;
		     it = cmark_node_next(it)) {
			const char *mk = item_marker(m, node, it);
			if (*prefix) {
				/* "- 1. text" is a list inside an item: both markers,
				 * as typed */
				mk = arena_printf(m->a, "%s%s", *prefix, mk);
				*prefix = NULL;
			}
			walk_children(m, it, out, &mk, depth);
		}
	} else if (t == CMARK_NODE_CODE_BLOCK) {
		diag_warn(
		    md_loc_at(m, cmark_node_get_start_line(node)),
		    "text indented by 4 or more spaces (or fenced) is read as a plain "
		    "paragraph; remove the indentation");
		para_from_literal(m, node, out, prefix);
	} else if (t == CMARK_NODE_HTML_BLOCK) {
		const char *lit = cmark_node_get_literal(node);
		if (lit && strncmp(lit, CHART_MARK, strlen(CHART_MARK)) == 0 &&
		    chart_mark(m, node, lit, out))
			return;
		int off;
		const char *lost = lit ? mdguard_comment_block(lit, &off) : NULL;
		if (lost) { /* a comment that would swallow text */
			diag_error(md_loc_at(m, cmark_node_get_start_line(node) + off), "%s",
				   lost);
			m->failed = true;
		} else if (lit && is_landscape_mark(lit) && out->n &&
			   out->v[out->n - 1].kind == BLK_APPENDIX)
			out->v[out->n - 1].appendix->landscape =
			    true; /* the whole appendix */
		else if (lit && is_landscape_mark(lit))
			m->landscape_next = true;
		else if (lit && strncmp(lit, "<!--", 4) != 0)
			para_from_literal(m, node, out, prefix);
	} else if (t == CMARK_NODE_THEMATIC_BREAK) {
		md_new_block(m, out, BLK_PAGEBREAK, line);
	} else if (t == CMARK_NODE_TABLE) {
		md_build_table(m, node, out);
	} else if (t == CMARK_NODE_FOOTNOTE_DEFINITION) {
		/* handled by md_parse */
	} else {
		walk_children(m, node, out, prefix, depth);
	}
}

bool md_parse(struct arena *a, const char *file, const char *md, size_t len,
	      const struct linemap *map, bool auto_number, struct doc *doc)
{
	struct md m = {.a = a,
		       .file = file,
		       .src = md,
		       .len = len,
		       .map = map,
		       .doc = doc,
		       .auto_number = auto_number,
		       .bare_part = -1};
	if (!mdguard_check(file, md, len, map)) /* cmark-gfm's slow patterns */
		return false;
	m.has_notes = strstr(md, "[^") != NULL;
	if (m.has_notes) {
		md_line_start(&m, 1);
		m.covered = arena_alloc(a, (size_t)m.nline_off);
	}
	cmark_gfm_core_extensions_ensure_registered();
	cmark_parser *p = cmark_parser_new(CMARK_OPT_FOOTNOTES | CMARK_OPT_SOURCEPOS |
					   CMARK_OPT_VALIDATE_UTF8);
	cmark_parser_attach_syntax_extension(p, cmark_find_syntax_extension("table"));
	cmark_parser_feed(p, md, len);
	cmark_node *root = cmark_parser_finish(p);
	const char *prefix = NULL;
	walk(&m, root, &doc->blocks, &prefix, 0);
	/* Definitions come last, in order of first reference: N-th is note N. */
	int cap = 0;
	for (cmark_node *c = cmark_node_first_child(root); c && !m.failed;
	     c = cmark_node_next(c)) {
		if (cmark_node_get_type(c) != CMARK_NODE_FOOTNOTE_DEFINITION)
			continue;
		struct note nt = {.num = doc->nnotes + 1,
				  .line = md_tline(&m, cmark_node_get_start_line(c))};
		const char *pf = NULL;
		walk_children(&m, c, &nt.blocks, &pf, 1);
		ARR_PUSH(a, doc->notes, doc->nnotes, cap, nt);
	}
	/* A "Biểu đồ ..." or "Hình ..." paragraph right above a chart or an
	 * image is its title, kept with it. */
	for (int i = 1; i < doc->blocks.n; i++) {
		if (doc->blocks.v[i].kind != BLK_CHART &&
		    doc->blocks.v[i].kind != BLK_IMAGE)
			continue;
		struct block *b = &doc->blocks.v[i - 1];
		if (b->kind == BLK_PARA && b->style == PARA_BODY && b->text.n &&
		    !b->text.v[0].note && is_figure_title(b->text.v[0].text))
			b->style = PARA_FIGCAP;
	}
	/* A "Đơn vị tính" line and a "Biểu" title right above a table belong
	 * to it: the unit note is set right and italic, the title centred. */
	for (int i = 0; i < doc->blocks.n; i++) {
		if (doc->blocks.v[i].kind != BLK_TABLE)
			continue;
		for (int k = i - 1; k >= 0 && k >= i - 2; k--) {
			struct block *b = &doc->blocks.v[k];
			if (b->kind != BLK_PARA || b->style != PARA_BODY || !b->text.n)
				break;
			const char *t0 = b->text.v[0].text;
			if (strncmp(t0, "Đơn vị tính", strlen("Đơn vị tính")) == 0 ||
			    strncmp(t0, "(Đơn vị tính", strlen("(Đơn vị tính")) == 0)
				b->style = PARA_UNIT;
			else if (is_caption(&b->text))
				b->style = PARA_CAPTION;
			else
				break;
		}
	}
	if (!m.failed && !m.bad_ref)
		md_check_unused_notes(&m);
	cmark_node_free(root);
	cmark_parser_free(p);
	return !m.failed && !m.bad_ref;
}
