#include "frontmatter.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <yaml.h>

#include "bounds.h"
#include "buf.h"
#include "i18n.h"

/* A YAML tree built from libyaml events. The event API (not the document
 * loader) lets us refuse aliases outright: an alias bomb never expands. */
enum ykind { Y_SCALAR, Y_SEQ, Y_MAP };

struct ynode {
	enum ykind kind;
	const char *s; /* scalar text */
	bool plain; /* unquoted scalar (so "" and ~ differ) */
	struct srcloc loc;
	struct ynode **kid; /* map: key, value, key, value, ... */
	int n, cap;
};

struct yctx {
	struct arena *a;
	const char *file;
	int line0; /* file line of the YAML text's first line */
	const char *text; /* the YAML text, for hints on syntax errors */
	size_t len;
	yaml_parser_t p;
	int nodes;
	bool failed;
};

static struct srcloc mark_loc(struct yctx *c, yaml_mark_t m)
{
	return (struct srcloc){c->file, c->line0 + (int)m.line, (int)m.column + 1};
}

/* The most common YAML mistake in a report: a value holding ": " or
 * starting with a quote that does not end it (trich_yeu: "Nhanh" về ...).
 * If line `line` (0-based) of the YAML is "key: value" like that, the hint
 * shows the value quoted; otherwise "". */
static const char *quote_hint(struct yctx *c, size_t line)
{
	const char *p = c->text, *end = c->text + c->len;
	for (size_t i = 0; i < line && p < end; i++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		p = nl ? nl + 1 : end;
	}
	const char *eol = memchr(p, '\n', (size_t)(end - p));
	if (!eol)
		eol = end;
	const char *k = p;
	while (k < eol && *k == ' ')
		k++;
	const char *ke = k;
	while (ke < eol && (*ke == '_' || (*ke >= 'a' && *ke <= 'z') ||
			    (*ke >= 'A' && *ke <= 'Z') || (*ke >= '0' && *ke <= '9')))
		ke++;
	if (ke == k || ke + 1 >= eol || ke[0] != ':' || ke[1] != ' ')
		return "";
	const char *v = ke + 2;
	while (v < eol && *v == ' ')
		v++;
	const char *ve = eol;
	while (ve > v && (ve[-1] == ' ' || ve[-1] == '\r'))
		ve--;
	bool colon = false;
	for (const char *q = v; q + 1 < ve; q++)
		colon |= q[0] == ':' && q[1] == ' ';
	if (!colon && *v != '"' && *v != '\'')
		return "";
	struct buf b = BUF_INIT;
	buf_printf(&b,
		   _("; a value holding ': ' or starting with a quote must be quoted "
		     "whole, in single quotes (a ' inside is doubled): %.*s: '"),
		   (int)(ke - k), k);
	for (const char *q = v; q < ve; q++) {
		if (*q == '\'')
			buf_putc(&b, '\'');
		buf_putc(&b, *q);
	}
	buf_putc(&b, '\'');
	const char *r = arena_strndup(c->a, buf_cstr(&b), b.len);
	buf_free(&b);
	return r;
}

/* libyaml's words most often met in hand-written front matter, for the
 * message catalogue (i18n.h): next_event looks them up with _() */
static const char *const yaml_words[] = {
    N_("mapping values are not allowed in this context"),
    N_("found character that cannot start any token"),
    N_("found unexpected end of stream"),
    N_("found unexpected ':'"),
    N_("found unknown escape character"),
    N_("did not find expected key"),
    N_("did not find expected node content"),
    N_("did not find expected '-' indicator"),
    N_("could not find expected ':'"),
    N_("found a tab character that violates indentation"),
    N_("found a tab character where an indentation space is expected"),
    N_("block sequence entries are not allowed in this context"),
    N_("found undefined alias"),
    N_("while scanning a simple key"),
    N_("while scanning a plain scalar"),
    N_("while scanning a quoted scalar"),
    N_("while scanning for the next token"),
    N_("while parsing a block mapping"),
    N_("while parsing a block collection"),
    N_("while parsing a flow mapping"),
    N_("while parsing a flow sequence"),
    N_("while parsing a block node"),
    N_("syntax error"),
};

static bool next_event(struct yctx *c, yaml_event_t *ev)
{
	(void)yaml_words;
	if (yaml_parser_parse(&c->p, ev))
		return true;
	struct srcloc loc = mark_loc(c, c->p.problem_mark);
	const char *hint = quote_hint(c, c->p.problem_mark.line);
	const char *problem = _(c->p.problem ? c->p.problem : "syntax error");
	if (c->p.context)
		diag_error(loc, "front matter: %s %s%s", problem, _(c->p.context), hint);
	else
		diag_error(loc, "front matter: %s%s", problem, hint);
	c->failed = true;
	return false;
}

static struct ynode *parse_node(struct yctx *c, yaml_event_t *ev, int depth);

static bool parse_children(struct yctx *c, struct ynode *n, yaml_event_type_t end,
			   int depth)
{
	for (;;) {
		yaml_event_t ev;
		if (!next_event(c, &ev))
			return false;
		if (ev.type == end) {
			yaml_event_delete(&ev);
			return true;
		}
		struct ynode *k = parse_node(c, &ev, depth + 1);
		yaml_event_delete(&ev);
		if (!k)
			return false;
		ARR_PUSH(c->a, n->kid, n->n, n->cap, k);
	}
}

static struct ynode *parse_node(struct yctx *c, yaml_event_t *ev, int depth)
{
	struct srcloc loc = mark_loc(c, ev->start_mark);
	if (++c->nodes > MAX_YAML_NODES || depth > MAX_NESTING) {
		diag_error(loc, "front matter too large or too deeply nested");
		c->failed = true;
		return NULL;
	}
	struct ynode *n = arena_alloc(c->a, sizeof *n);
	n->loc = loc;
	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		n->kind = Y_SCALAR;
		n->s = arena_strndup(c->a, (const char *)ev->data.scalar.value,
				     ev->data.scalar.length);
		n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		/* The mark is the opening quote; placeholders inside are
		 * reported from the value's first character. */
		if (ev->data.scalar.style == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
		    ev->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE)
			n->loc.col++;
		return n;
	case YAML_SEQUENCE_START_EVENT:
		n->kind = Y_SEQ;
		return parse_children(c, n, YAML_SEQUENCE_END_EVENT, depth) ? n : NULL;
	case YAML_MAPPING_START_EVENT:
		n->kind = Y_MAP;
		return parse_children(c, n, YAML_MAPPING_END_EVENT, depth) ? n : NULL;
	case YAML_ALIAS_EVENT:
		diag_error(loc,
			   "front matter: aliases (*%s) are not supported; "
			   "write the value out",
			   (const char *)ev->data.alias.anchor);
		c->failed = true;
		return NULL;
	default:
		diag_error(loc, "front matter: unexpected YAML structure");
		c->failed = true;
		return NULL;
	}
}

/* Parse the YAML text into a tree; NULL on error (already reported). */
static struct ynode *parse_yaml(struct yctx *c, const char *y, size_t n)
{
	c->text = y;
	c->len = n;
	yaml_parser_initialize(&c->p);
	yaml_parser_set_input_string(&c->p, (const unsigned char *)y, n);
	struct ynode *root = NULL;
	yaml_event_t ev;
	for (;;) {
		if (!next_event(c, &ev))
			break;
		yaml_event_type_t t = ev.type;
		if (t == YAML_STREAM_END_EVENT) {
			yaml_event_delete(&ev);
			break;
		}
		if (t == YAML_SEQUENCE_START_EVENT || t == YAML_MAPPING_START_EVENT ||
		    t == YAML_SCALAR_EVENT || t == YAML_ALIAS_EVENT) {
			if (root) {
				diag_error(mark_loc(c, ev.start_mark),
					   "front matter holds more than one document");
				c->failed = true;
				yaml_event_delete(&ev);
				break;
			}
			root = parse_node(c, &ev, 0);
			if (!root) {
				yaml_event_delete(&ev);
				break;
			}
		}
		if (t == YAML_DOCUMENT_START_EVENT &&
		    ev.data.document_start.version_directive) {
			/* harmless; ignore */
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&c->p);
	return c->failed ? NULL : root;
}

/* ---- reading the tree into struct frontmatter ---- */

/* What the decree's keys are, for messages: a user who keeps a value of
 * their own under one of these names ("ky: Quý II") is told what the name
 * is taken for, not only that the value has the wrong shape. */
const char *fm_key_role(const char *key)
{
#define FM_ROLE(kind, f, top, role) {top ? #f : NULL, role},
	static const char *const roles[][2] = {
	    FM_PARTS(FM_ROLE) /* the parts' own */
	    {"ky", N_("the signature block (ky.quyen_han, ky.chuc_vu, ky.ho_ten)")},
	    {"trang", N_("the page settings (trang.le, trang.co_chu, trang.gian_dong, "
			 "trang.thut_dau_dong)")},
	};
#undef FM_ROLE
	for (size_t i = 0; i < sizeof roles / sizeof *roles; i++)
		if (roles[i][0] && strcmp(key, roles[i][0]) == 0)
			return roles[i][1] ? _(roles[i][1]) : NULL;
	return NULL;
}

/* "; 'ky' is the signature block (...): a value of your own needs another
 * name (ky_bao_cao, say)", or "" for a key that is no part of the page. */
static const char *role_hint(struct yctx *c, const char *key)
{
	const char *role = fm_key_role(key);
	if (!role)
		return "";
	return arena_printf(c->a,
			    _("; '%s' is %s: a value of your own needs another name "
			      "('%s_bao_cao', say)"),
			    key, role, key);
}

static bool is_null(const struct ynode *v)
{
	return v->kind == Y_SCALAR && v->plain &&
	       (!*v->s || strcmp(v->s, "~") == 0 || strcmp(v->s, "null") == 0);
}

static bool want_text(struct yctx *c, const char *key, const struct ynode *v,
		      struct fm_text *out, bool empty_is_present)
{
	if (v->kind == Y_MAP && v->n >= 1 && v->kid[0]->kind == Y_MAP) {
		/* {{ x }} unquoted parses as a map inside a map */
		diag_error(v->loc,
			   "'%s': a value starting with '{{' must be quoted: "
			   "%s: \"{{ ... }}\"",
			   key, key);
		return false;
	}
	if (v->kind != Y_SCALAR) {
		diag_error(v->loc, "'%s' must be a single text value%s", key, role_hint(c, key));
		return false;
	}
	if (is_null(v) && !empty_is_present)
		return true;
	out->s = is_null(v) ? "" : v->s;
	out->loc = v->loc;
	return true;
}

/* One list entry: a scalar, or a one-key map ("- Lưu: VT, VP") printed
 * as written. */
static bool entry_text(struct yctx *c, const char *key, const struct ynode *v,
		       struct fm_text *out)
{
	if (v->kind == Y_SCALAR) {
		out->s = is_null(v) ? "" : v->s;
		out->loc = v->loc;
		return true;
	}
	if (v->kind == Y_MAP && v->n == 2 && v->kid[0]->kind == Y_SCALAR) {
		const struct ynode *val = v->kid[1];
		const char *rhs = NULL;
		if (val->kind == Y_SCALAR) {
			rhs = val->s;
		} else if (val->kind == Y_SEQ) {
			/* "- Lưu: [VT, VP]" */
			size_t len = 0;
			for (int i = 0; i < val->n; i++)
				if (val->kid[i]->kind == Y_SCALAR)
					len += strlen(val->kid[i]->s) + 2;
			char *p = arena_alloc(c->a, len + 1);
			for (int i = 0; i < val->n; i++)
				if (val->kid[i]->kind == Y_SCALAR) {
					if (*p)
						strcat(p, ", ");
					strcat(p, val->kid[i]->s);
				}
			rhs = p;
		}
		if (rhs) {
			out->s = *rhs ? arena_printf(c->a, "%s: %s", v->kid[0]->s, rhs)
				      : arena_printf(c->a, "%s:", v->kid[0]->s);
			out->loc = v->loc;
			return true;
		}
	}
	diag_error(v->loc, "'%s': each entry must be one line of text%s", key, role_hint(c, key));
	return false;
}

static bool want_list(struct yctx *c, const char *key, const struct ynode *v,
		      struct fm_list *out)
{
	if (is_null(v))
		return true;
	if (v->kind != Y_SEQ) {
		out->v = arena_alloc(c->a, sizeof *out->v);
		out->n = 1;
		return entry_text(c, key, v, &out->v[0]);
	}
	out->v = arena_alloc(c->a, sizeof *out->v * (size_t)(v->n ? v->n : 1));
	out->n = 0;
	for (int i = 0; i < v->n; i++)
		if (!entry_text(c, key, v->kid[i], &out->v[out->n++]))
			return false;
	return true;
}

/* 1 true, 0 false, -1 neither */
static int read_bool(const char *s)
{
	static const char *yes[] = {"true", "yes", "on", "có", "co", "1"};
	static const char *no[] = {"false", "no", "off", "không", "khong", "0", ""};
	for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
		if (strcasecmp(s, yes[i]) == 0)
			return 1;
	for (size_t i = 0; i < sizeof no / sizeof *no; i++)
		if (strcasecmp(s, no[i]) == 0)
			return 0;
	return -1;
}

static bool want_bool(struct yctx *c, const char *key, const struct ynode *v, bool *out)
{
	int b = v->kind == Y_SCALAR ? read_bool(v->s) : -1;
	if (b < 0) {
		diag_error(v->loc, "'%s' must be true or false%s", key, role_hint(c, key));
		return false;
	}
	*out = b;
	return true;
}

/* A number written either way ("12,7" or "12.7"), within [lo, hi]. */
static bool want_number(const char *key, const struct ynode *v, double lo, double hi,
			const char *unit, double *out)
{
	if (v->kind == Y_SCALAR && *v->s) {
		char tmp[64];
		size_t n = strlen(v->s);
		if (n < sizeof tmp) {
			for (size_t i = 0; i <= n; i++)
				tmp[i] = v->s[i] == ',' ? '.' : v->s[i];
			char *end;
			double x = strtod(tmp, &end);
			if (*end == 0 && isfinite(x)) {
				if (x < lo - 1e-9 || x > hi + 1e-9) {
					diag_error(
					    v->loc,
					    "'%s' is %s %s; Decree 30 allows %g to %g %s",
					    key, v->s, unit, lo, hi, unit);
					return false;
				}
				*out = x;
				return true;
			}
		}
	}
	diag_error(v->loc, "'%s' must be a number (%s)", key, unit);
	return false;
}

static const struct ynode *map_get(const struct ynode *m, const char *key)
{
	for (int i = 0; i + 1 < m->n; i += 2)
		if (m->kid[i]->kind == Y_SCALAR && strcmp(m->kid[i]->s, key) == 0)
			return m->kid[i + 1];
	return NULL;
}

static bool check_keys(const struct ynode *m, const char *where,
		       const char *const *allowed)
{
	bool ok = true;
	for (int i = 0; i + 1 < m->n; i += 2) {
		const struct ynode *k = m->kid[i];
		if (k->kind != Y_SCALAR) {
			diag_error(k->loc, "%s: keys must be plain names", where);
			ok = false;
			continue;
		}
		for (int j = 0; j < i; j += 2)
			if (m->kid[j]->kind == Y_SCALAR &&
			    strcmp(m->kid[j]->s, k->s) == 0) {
				diag_error(k->loc, "%s: '%s' is given twice", where,
					   k->s);
				ok = false;
			}
		if (!allowed)
			continue;
		bool known = false;
		for (int j = 0; allowed[j]; j++)
			known |= strcmp(allowed[j], k->s) == 0;
		if (!known) {
			struct buf b = BUF_INIT;
			for (int j = 0; allowed[j]; j++)
				buf_printf(&b, "%s%s", j ? ", " : "", allowed[j]);
			diag_error(k->loc, "%s: unknown key '%s'; keys are: %s", where,
				   k->s, buf_cstr(&b));
			buf_free(&b);
			ok = false;
		}
	}
	return ok;
}

static bool read_ky(struct yctx *c, const struct ynode *v, struct frontmatter *fm)
{
	static const char *const keys[] = {"quyen_han", "chuc_vu", "ho_ten", NULL};
	if (is_null(v))
		return true;
	if (v->kind != Y_MAP) {
		diag_error(v->loc, "'ky' must hold quyen_han, chuc_vu and ho_ten%s",
			   role_hint(c, "ky"));
		return false;
	}
	if (!check_keys(v, "ky", keys))
		return false;
	fm->has_ky = true;
	const struct ynode *x;
	bool ok = true;
	if ((x = map_get(v, "quyen_han")))
		ok &= want_text(c, "quyen_han", x, &fm->ky_quyen_han, false);
	if ((x = map_get(v, "chuc_vu")))
		ok &= want_list(c, "chuc_vu", x, &fm->ky_chuc_vu);
	if ((x = map_get(v, "ho_ten")))
		ok &= want_text(c, "ho_ten", x, &fm->ky_ho_ten, false);
	return ok;
}

static bool read_trang(struct yctx *c, const struct ynode *v, struct page_setup *p)
{
	static const char *const keys[] = {
	    "le",          "co_chu",           "gian_dong", "thut_dau_dong",
	    "co_chu_bang", "co_chu_chu_thich", NULL};
	static const char *const le_keys[] = {"tren", "duoi", "trai", "phai", NULL};
	if (is_null(v))
		return true;
	if (v->kind != Y_MAP || !check_keys(v, "trang", keys)) {
		if (v->kind != Y_MAP)
			diag_error(v->loc, "'trang' must be a map of page settings%s",
				   role_hint(c, "trang"));
		return false;
	}
	bool ok = true;
	const struct ynode *x;
	if ((x = map_get(v, "le"))) {
		if (x->kind != Y_MAP || !check_keys(x, "trang.le", le_keys)) {
			if (x->kind != Y_MAP)
				diag_error(x->loc,
					   "'le' must hold tren, duoi, trai, phai (mm)");
			return false;
		}
		const struct ynode *y;
		if ((y = map_get(x, "tren")))
			ok &= want_number("tren", y, 20, 25, "mm", &p->top);
		if ((y = map_get(x, "duoi")))
			ok &= want_number("duoi", y, 20, 25, "mm", &p->bottom);
		if ((y = map_get(x, "trai")))
			ok &= want_number("trai", y, 30, 35, "mm", &p->left);
		if ((y = map_get(x, "phai")))
			ok &= want_number("phai", y, 15, 20, "mm", &p->right);
	}
	if ((x = map_get(v, "co_chu")))
		ok &= want_number("co_chu", x, 13, 14, "pt", &p->size);
	if ((x = map_get(v, "gian_dong")))
		ok &= want_number("gian_dong", x, 1.0, 1.5, "lines", &p->spacing);
	if ((x = map_get(v, "thut_dau_dong"))) {
		bool good = want_number("thut_dau_dong", x, 10, 12.7, "mm", &p->indent);
		/* the decree's two values: 1 cm or 1.27 cm (half an inch) */
		if (good && fabs(p->indent - 10) > 1e-6 &&
		    fabs(p->indent - 12.7) > 1e-6) {
			diag_error(x->loc, "'thut_dau_dong' is 10 or 12.7 (mm), not %s",
				   x->s);
			good = false;
		}
		ok &= good;
	}
	if ((x = map_get(v, "co_chu_bang")))
		ok &= want_number("co_chu_bang", x, 11, 14, "pt", &p->table_size);
	if ((x = map_get(v, "co_chu_chu_thich")))
		ok &= want_number("co_chu_chu_thich", x, 10, 12, "pt", &p->note_size);
	return ok;
}

enum fm_kind { FM_TEXT, FM_DATE, FM_LIST, FM_BOOL };

/* The top-level part named key (FM_PARTS), or NULL for a key of another
 * shape (ky, trang, du_lieu) or of the user's own. */
static const struct fm_part {
	const char *key;
	enum fm_kind kind;
	size_t off; /* of its field in struct frontmatter */
} *fm_part(const char *key)
{
#define FM_PART(kind, f, top, role) {top ? #f : NULL, FM_##kind, offsetof(struct frontmatter, f)},
	static const struct fm_part parts[] = {FM_PARTS(FM_PART)};
#undef FM_PART
	for (size_t i = 0; i < sizeof parts / sizeof *parts; i++)
		if (parts[i].key && strcmp(key, parts[i].key) == 0)
			return &parts[i];
	return NULL;
}

bool fm_override(struct frontmatter *fm, const struct scalar *set)
{
	const struct fm_part *p = fm_part(set->name);
	if (!p)
		return true;
	char *field = (char *)fm + p->off;
	if (p->kind == FM_TEXT || p->kind == FM_DATE) {
		struct fm_text *dst = (struct fm_text *)field;
		dst->s = set->value;
		dst->loc = set->loc;
	} else if (p->kind == FM_BOOL) {
		int b = read_bool(set->value);
		if (b < 0) {
			diag_error(set->loc, "'%s' must be true or false, not '%s'",
				   set->name, set->value);
			return false;
		}
		*(bool *)field = b;
	}
	return true;
}

void fm_default_page(struct page_setup *p)
{
	*p = (struct page_setup){.top = 20,
				 .bottom = 20,
				 .left = 30,
				 .right = 15,
				 .size = 14,
				 .spacing = 1.0,
				 .indent = 10,
				 .table_size = 13,
				 .note_size = 11};
}

/* A whole number 1..max (a row number, a count of rows). */
static bool want_count(const struct ynode *x, const char *name, const char *key,
		       const char *what, long max, int *out)
{
	long n = 0;
	const char *p = x->kind == Y_SCALAR && x->s ? x->s : "";
	for (; *p >= '0' && *p <= '9' && n <= max; p++)
		n = n * 10 + (*p - '0');
	if (*p || n < 1 || n > max || p == x->s) {
		diag_error(x->loc, "du_lieu: %s: %s is %s, a whole number from 1 to %ld", name,
			   key, what, max);
		return false;
	}
	*out = (int)n;
	return true;
}

/* du_lieu: {NAME: {tep: FILE, trang_tinh: SHEET, dong_tieu_de: N,
 * so_dong_tieu_de: K, so: vi|c}} (DESIGN.md §2.3). */
static bool read_du_lieu(struct yctx *c, const struct ynode *v, struct frontmatter *fm)
{
	static const char *const keys[] = {"tep", "trang_tinh", "dong_tieu_de",
					   "so_dong_tieu_de", "so", NULL};
	if (v->kind != Y_MAP) {
		diag_error(v->loc, "du_lieu: give each table as 'NAME: {tep: FILE, "
				   "trang_tinh: SHEET, dong_tieu_de: N}'");
		return false;
	}
	int cap = 0;
	for (int i = 0; i + 1 < v->n; i += 2) {
		const struct ynode *k = v->kid[i], *t = v->kid[i + 1];
		const char *name = k->s ? k->s : "";
		bool plain = *name != 0;
		for (const char *p = name; *p; p++)
			plain &= (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_';
		if (!plain) {
			diag_error(k->loc, "du_lieu: '%s' is not a table name (lower-case "
					   "letters, digits and '_', as templates write it)",
				   name);
			return false;
		}
		if (t->kind != Y_MAP || !check_keys(t, "du_lieu", keys)) {
			if (t->kind != Y_MAP)
				diag_error(t->loc, "du_lieu: %s: give a map such as {tep: "
						   "truong.xlsx, trang_tinh: \"Tiểu học\"}",
					   name);
			return false;
		}
		struct data_spec sp = {.name = name, .locale = -1, .loc = k->loc};
		const struct ynode *x;
		if ((x = map_get(t, "tep")) != NULL) {
			if (x->kind != Y_SCALAR || is_null(x) || strchr(x->s, '/')) {
				diag_error(x->loc, "du_lieu: %s: tep is a file name in the "
						   "data folder (truong.xlsx)",
					   name);
				return false;
			}
			sp.file = x->s;
		}
		if ((x = map_get(t, "trang_tinh")) != NULL) {
			if (x->kind != Y_SCALAR || is_null(x)) {
				diag_error(x->loc, "du_lieu: %s: trang_tinh is a sheet's name",
					   name);
				return false;
			}
			sp.sheet = x->s;
		}
		if ((x = map_get(t, "dong_tieu_de")) != NULL &&
		    !want_count(x, name, "dong_tieu_de", "the header's first row", 1048576,
				&sp.header_row))
			return false;
		if ((x = map_get(t, "so_dong_tieu_de")) != NULL &&
		    !want_count(x, name, "so_dong_tieu_de", "how many rows the header has",
				6, &sp.header_rows))
			return false;
		if ((x = map_get(t, "so")) != NULL) {
			if (x->kind == Y_SCALAR && x->s && strcmp(x->s, "vi") == 0)
				sp.locale = 0;
			else if (x->kind == Y_SCALAR && x->s && strcmp(x->s, "c") == 0)
				sp.locale = 1;
			else {
				diag_error(x->loc, "du_lieu: %s: so is 'vi' (1.234,5) or "
						   "'c' (1234.5)",
					   name);
				return false;
			}
		}
		if (sp.sheet && !sp.file) {
			diag_error(map_get(t, "trang_tinh")->loc,
				   "du_lieu: %s: trang_tinh needs tep (the workbook it is in)",
				   name);
			return false;
		}
		ARR_PUSH(c->a, fm->specs, fm->nspecs, cap, sp);
	}
	return true;
}

static bool read_root(struct yctx *c, const struct ynode *root, struct frontmatter *fm)
{
	if (root->kind != Y_MAP) {
		diag_error(root->loc, "front matter must be 'key: value' lines");
		return false;
	}
	if (!check_keys(root, _("front matter"), NULL))
		return false;
	bool ok = true;
	int vcap = 0;
	for (int i = 0; i + 1 < root->n; i += 2) {
		const char *key = root->kid[i]->s;
		const struct ynode *v = root->kid[i + 1];
		const struct fm_part *p = fm_part(key);
		char *field = p ? (char *)fm + p->off : NULL;
		bool handled = p != NULL;
		if (p && (p->kind == FM_TEXT || p->kind == FM_DATE)) {
			ok &= want_text(c, key, v, (struct fm_text *)field,
					strcmp(key, "so") == 0);
			/* and to vars below, for templates */
		} else if (p && p->kind == FM_LIST) {
			ok &= want_list(c, key, v, (struct fm_list *)field);
			continue;
		} else if (p && p->kind == FM_BOOL) {
			ok &= want_bool(c, key, v, (bool *)field);
			continue;
		} else if (strcmp(key, "ky") == 0) {
			ok &= read_ky(c, v, fm);
			continue;
		} else if (strcmp(key, "trang") == 0) {
			ok &= read_trang(c, v, &fm->page);
			continue;
		} else if (strcmp(key, "du_lieu") == 0) {
			ok &= read_du_lieu(c, v, fm);
			continue;
		}
		if (v->kind == Y_SCALAR) {
			struct scalar s = {key, is_null(v) ? "" : v->s, v->loc};
			ARR_PUSH(c->a, fm->vars, fm->nvars, vcap, s);
		} else if (!handled) {
			diag_warn(v->loc,
				  "'%s' is not a single value; templates can "
				  "use only single values",
				  key);
		}
	}
	return ok;
}

bool fm_parse(struct arena *a, const char *file, const char *src, size_t len,
	      struct frontmatter *fm)
{
	memset(fm, 0, sizeof *fm);
	fm_default_page(&fm->page);
	fm->body = src;
	fm->body_len = len;
	fm->body_line = 1;
	/* "---" alone on the first line opens the front matter. */
	size_t eol = 0;
	while (eol < len && src[eol] != '\n')
		eol++;
	size_t l = eol;
	while (l > 3 && (src[l - 1] == ' ' || src[l - 1] == '\t'))
		l--;
	if (!(l == 3 && memcmp(src, "---", 3) == 0))
		return true;
	size_t ystart = eol < len ? eol + 1 : len;
	size_t p = ystart, yend = 0, body = 0;
	int line = 2;
	bool closed = false;
	while (p < len) {
		size_t e = p;
		while (e < len && src[e] != '\n')
			e++;
		size_t t = e;
		while (t > p && (src[t - 1] == ' ' || src[t - 1] == '\t'))
			t--;
		if (t - p == 3 &&
		    (memcmp(src + p, "---", 3) == 0 || memcmp(src + p, "...", 3) == 0)) {
			yend = p;
			body = e < len ? e + 1 : len;
			closed = true;
			break;
		}
		p = e < len ? e + 1 : len;
		line++;
	}
	if (!closed) {
		diag_error((struct srcloc){file, 1, 1},
			   "front matter is not closed: add a line '---' after it");
		return false;
	}
	struct yctx c = {.a = a, .file = file, .line0 = 2};
	struct ynode *root = parse_yaml(&c, src + ystart, yend - ystart);
	if (c.failed)
		return false;
	fm->body = src + body;
	fm->body_len = len - body;
	fm->body_line = line + 1;
	if (!root)
		return true; /* empty front matter */
	return read_root(&c, root, fm);
}
