/* template_int: what the two halves of the template module share: the
 * tokens a template is cut into (template_parse.c) and the state of one
 * expansion that runs them (template.c). Private to those two files. */
#ifndef BAOCAO_TEMPLATE_INT_H
#define BAOCAO_TEMPLATE_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "chart.h"
#include "expr.h"
#include "template.h"

enum kind {
	K_TEXT, /* text: part of one line, or whole lines with their '\n' */
	K_EXPR, /* {{ expr | filter }} */
	K_TABLE, /* {{ table T }} */
	K_CHART, /* {{ chart bar|line|pie T ... }} */
	K_EACH, /* {{#each T [where EXPR]}} */
	K_ENDEACH, /* {{/each}} */
	K_IF, /* {{#if EXPR}} */
	K_ELSE, /* {{else}} */
	K_ENDIF, /* {{/if}} */
	K_COMMENT, /* {{! ... }} */
	K_LET, /* {{ let NAME = EXPR }} */
};

struct tok {
	enum kind kind;
	const char *s; /* K_TEXT */
	size_t len;
	struct srcloc loc; /* the text's start, or the tag's "{{" */
	struct expr *e; /* K_EXPR, K_IF, K_EACH's where */
	struct expr_filter *filters;
	int nfilters;
	const char *name; /* K_EACH, K_TABLE */
	struct srcloc nameloc;
	int end; /* block: index of its closing tag */
	int other; /* K_IF: index of its {{else}}, or -1 */
	bool drop; /* whitespace on a line holding only block tags */
	struct chart_tag *chart; /* K_CHART */
	const char *total; /* K_TABLE: tong="..." labels a total row */
};

struct tx {
	struct arena *a;
	const char *file;
	bool md; /* Markdown body (escape) or a front-matter value */
	struct tok *toks;
	int ntoks;
	struct expr_ctx ctx;
	struct buf *out;
	int *lines; /* the line map being built */
	size_t nlines, caplines;
	int cur_src; /* template line of the current output line, 0: none */
	int last_line;
	struct chart_list *charts; /* where {{ chart }} puts its charts */
	struct tpl_vars *vars; /* the build's values and budgets, or NULL */
	int ntags; /* {{ }} tags read (MAX_TEMPLATE_TAGS) */
};

/* Cut src into tokens (x->toks); blocks, lets and blank tag lines are
 * sorted out by the three passes after it. Errors are reported. */
bool tpl_tokenize(struct tx *x, struct expr_src cur);
void tpl_drop_tag_lines(struct tx *x);
bool tpl_match_blocks(struct tx *x);
bool tpl_check_lets(struct tx *x);

#endif
