/* layout_text: inline runs -> words -> Knuth–Plass items -> set lines. */
#include <math.h>
#include <string.h>

#include "layout_int.h"
#include "lines.h"
#include "text.h"
#include "vec.h"

#define SUP_SCALE 0.65f /* superscript size, as Word sets footnote refs */
#define SUP_RISE 0.35f

int lt_add_op(struct lctx *c, struct op o)
{
	if (o.kind == OP_TEXT && o.x2 == 0)
		o.x2 = o.x + (float)font_width(&c->fs->face[o.face], o.text,
					       strlen(o.text), o.size);
	VEC_PUSH(c->ops, c->nops, c->capops, o);
	return c->nops - 1;
}

void lt_shift(struct lctx *c, int op0, int nops, float dx, float dy)
{
	for (int i = op0; i < op0 + nops; i++) {
		c->ops[i].x += dx;
		c->ops[i].y += dy;
		c->ops[i].x2 += dx;
		c->ops[i].y2 += dy;
	}
}

int lt_hline(struct lctx *c, float x1, float x2, float y, float lw)
{
	return lt_add_op(
	    c,
	    (struct op){.kind = OP_LINE, .x = x1, .y = y, .x2 = x2, .y2 = y, .lw = lw});
}

/* Baseline from the top of a line box: Liberation/Times ascent 0.891 em
 * plus half the line gap; extra leading (1.5 lines) goes above. */
float lt_baseline(float size, float pitch)
{
	return pitch - 0.238f * size;
}

float lt_width(struct lctx *c, const char *s, int face, float size)
{
	return (float)font_width(&c->fs->face[face], s, strlen(s), size);
}

bool lt_check_glyphs(struct lctx *c, const struct run *r, int n, int face_add)
{
	if (c->glyph_failed)
		return false; /* one message, not one per paragraph or row */
	for (int k = 0; k < n; k++) {
		const struct face *f = &c->fs->face[r[k].face | face_add];
		for (size_t i = 0; i < r[k].len;) {
			size_t at = i;
			int32_t cp = text_next(r[k].text, &i);
			if (cp == '\t' || cp == '\n' || font_has(f, cp))
				continue;
			char ch[5] = {0};
			text_encode(cp, ch);
			/* where the template line has it; text from the data
			 * points at the line's start */
			int col =
			    text_find_column(c->doc->src, c->doc->src_len, r[k].line, ch);
			diag_error(
			    (struct srcloc){c->doc->file, r[k].line, col ? col : 1},
			    "the font %s has no glyph for U+%04X '%s'%s (in \"%.*s\")",
			    f->name, (unsigned)cp, ch,
			    cp > 0xFFFF ? "; characters beyond U+FFFF cannot be embedded"
					: "",
			    (int)(r[k].len - at > 40 ? 40 : r[k].len - at),
			    r[k].text + at);
			c->failed = c->glyph_failed = true;
			return false;
		}
	}
	return true;
}

/* ---- words ---- */

struct frag {
	const char *s;
	uint32_t n;
	uint8_t face;
	int note;
	float w;
};

enum after { AFTER_GLUE, AFTER_NOBREAK, AFTER_FORCED, AFTER_END };

struct word {
	int f0, nf;
	float w;
	float space; /* width of the space after it */
	enum after after;
};

struct words {
	struct frag *f;
	int nf, capf;
	struct word *w;
	int nw, capw;
};

/* a newline from front matter is a space, except where the header keeps
 * it as a line break (layout_front) */
static bool is_space(int32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n';
}

static void open_word(struct lctx *c, struct words *ws, bool *open, enum after pending,
		      float pending_space)
{
	if (*open)
		return;
	if (ws->nw) {
		ws->w[ws->nw - 1].after = pending;
		ws->w[ws->nw - 1].space = pending_space;
	}
	struct word w = {.f0 = ws->nf, .after = AFTER_END};
	ARR_PUSH(&c->scratch, ws->w, ws->nw, ws->capw, w);
	*open = true;
}

static void add_frag(struct lctx *c, struct words *ws, struct frag f)
{
	struct word *w = &ws->w[ws->nw - 1];
	/* extend the previous fragment when it is contiguous in the same face */
	if (w->nf && !f.note) {
		struct frag *p = &ws->f[ws->nf - 1];
		if (!p->note && p->face == f.face && p->s + p->n == f.s) {
			p->n += f.n;
			p->w += f.w;
			w->w += f.w;
			return;
		}
	}
	ARR_PUSH(&c->scratch, ws->f, ws->nf, ws->capf, f);
	w->nf++;
	w->w += f.w;
}

static void split_words(struct lctx *c, const struct run *runs, int nruns, int face_add,
			float size, struct words *ws)
{
	bool open = false;
	enum after pending = AFTER_GLUE;
	float pending_space = 0;
	for (int k = 0; k < nruns; k++) {
		const struct run *r = &runs[k];
		int face = r->face | face_add;
		const struct face *fc = &c->fs->face[face];
		if (r->brk) {
			open = false;
			pending = AFTER_FORCED;
			pending_space = 0;
			continue;
		}
		if (r->note) {
			/* a footnote reference stays with the word before it */
			if (!open && ws->nw) {
				open_word(c, ws, &open, AFTER_NOBREAK, pending_space);
			} else {
				open_word(c, ws, &open, pending, pending_space);
			}
			float sz = size * SUP_SCALE;
			struct frag f = {r->text, r->len, FACE_REGULAR, r->note,
					 (float)font_width(&c->fs->face[FACE_REGULAR],
							   r->text, r->len, sz)};
			add_frag(c, ws, f);
			continue;
		}
		size_t i = 0, start = 0;
		while (i < r->len) {
			size_t at = i;
			int32_t cp = text_next(r->text, &i);
			if (is_space(cp) || cp == 0xA0) {
				if (at > start && open)
					add_frag(
					    c, ws,
					    (struct frag){
						r->text + start, (uint32_t)(at - start),
						(uint8_t)face, 0,
						(float)font_width(fc, r->text + start,
								  at - start, size)});
				if (open || ws->nw) {
					float sp = (float)font_cp_width(fc, ' ') * size /
						   1000.0f;
					if (open || pending != AFTER_FORCED) {
						/* a no-break space wins over a plain one
						 */
						if (!open && pending == AFTER_NOBREAK)
							;
						else
							pending = cp == 0xA0
								      ? AFTER_NOBREAK
								      : AFTER_GLUE;
						pending_space = sp;
					}
				}
				open = false;
				start = i;
				continue;
			}
			if (!open) {
				open_word(c, ws, &open, pending, pending_space);
				start = at;
				pending = AFTER_GLUE;
			}
		}
		if (open && r->len > start)
			add_frag(c, ws,
				 (struct frag){r->text + start,
					       (uint32_t)(r->len - start), (uint8_t)face,
					       0,
					       (float)font_width(fc, r->text + start,
								 r->len - start, size)});
	}
}

/* Words that must not be separated from the one before them: closing
 * punctuation, and unit words after a figure ("383.032 triệu"). */
static bool starts_closing(const struct words *ws, const struct word *w)
{
	const struct frag *f = &ws->f[w->f0];
	if (f->note)
		return true;
	const char *s = f->s;
	return strchr("%)]}.,;:!?", s[0]) != NULL || strncmp(s, "»", 2) == 0 ||
	       strncmp(s, "”", 3) == 0;
}

static bool ends_opening(const struct words *ws, const struct word *w)
{
	const struct frag *f = &ws->f[w->f0 + w->nf - 1];
	if (!f->n)
		return false;
	char last = f->s[f->n - 1];
	return last == '(' || last == '[' ||
	       (f->n >= 3 && memcmp(f->s + f->n - 3, "“", 3) == 0);
}

static bool is_figure(const struct words *ws, const struct word *w)
{
	if (w->nf != 1)
		return false;
	const struct frag *f = &ws->f[w->f0];
	bool digit = false;
	for (uint32_t i = 0; i < f->n; i++) {
		char ch = f->s[i];
		if (ch >= '0' && ch <= '9')
			digit = true;
		else if (!strchr(".,", ch))
			return false;
	}
	return digit;
}

static bool is_unit(const struct words *ws, const struct word *w)
{
	static const char *const units[] = {
	    "triệu", "tỷ", "nghìn", "ngàn", "đồng", "ha",  "km",  "kg", "tấn", "m",
	    "m2",    "m3", "m²",    "m³",   "lít",  "USD", "VNĐ", "%",  NULL};
	const struct frag *f = &ws->f[w->f0];
	for (int i = 0; units[i]; i++) {
		size_t n = strlen(units[i]);
		if (f->n >= n && memcmp(f->s, units[i], n) == 0 &&
		    (f->n == n || strchr(".,;:)", f->s[n])))
			return true;
	}
	return false;
}

static void tie_words(struct words *ws)
{
	for (int i = 0; i + 1 < ws->nw; i++) {
		struct word *w = &ws->w[i], *nx = &ws->w[i + 1];
		if (w->after != AFTER_GLUE)
			continue;
		if (starts_closing(ws, nx) || ends_opening(ws, w) ||
		    (is_figure(ws, w) && is_unit(ws, nx)))
			w->after = AFTER_NOBREAK;
	}
}

/* ---- setting lines ---- */

static int emit_line(struct lctx *c, const struct words *ws, const struct lb_item *it,
		     const int *word_of, const struct lb_line *ln, float x0,
		     float measure, const struct pstyle *st, float baseline,
		     bool justify_line, struct pline *pl)
{
	pl->op0 = c->nops;
	pl->ref0 = c->nrefs;
	pl->nwords = 0;
	float ratio = justify_line ? ln->ratio : (ln->ratio < 0 ? ln->ratio : 0);
	/* actual width of the line */
	float W = 0;
	for (int i = ln->start; i < ln->end; i++) {
		if (it[i].type == LB_BOX)
			W += it[i].w;
		else if (it[i].type == LB_GLUE && it[i].stretch < LB_FIL)
			W += it[i].w +
			     (ratio > 0 ? ratio * it[i].stretch : ratio * it[i].shrink);
	}
	float x = x0;
	if (st->align == AL_CENTER)
		x += (measure - W) / 2;
	else if (st->align == AL_RIGHT)
		x += measure - W;
	pl->width = W;
	double maxsp = 0;
	for (int i = ln->start; i < ln->end; i++) {
		if (it[i].type == LB_GLUE) {
			if (it[i].stretch >= LB_FIL)
				continue;
			float gw = it[i].w + (ratio > 0 ? ratio * it[i].stretch
							: ratio * it[i].shrink);
			if (it[i].w > 0 && gw / it[i].w > maxsp)
				maxsp = gw / it[i].w;
			x += gw;
			continue;
		}
		if (it[i].type != LB_BOX)
			continue;
		if (word_of[i] < 0) {
			x += it[i].w; /* indent */
			continue;
		}
		const struct word *w = &ws->w[word_of[i]];
		pl->nwords++;
		/* a real space after the word keeps copy and search working */
		bool space_after = false;
		for (int j = i + 1; j < ln->end; j++) {
			if (it[j].type == LB_BOX)
				break;
			if (it[j].type == LB_GLUE && it[j].stretch < LB_FIL)
				space_after = true;
		}
		float fx = x;
		for (int k = w->f0; k < w->f0 + w->nf; k++) {
			const struct frag *f = &ws->f[k];
			bool last = k == w->f0 + w->nf - 1;
			struct op o = {.kind = OP_TEXT, .face = f->face, .x = fx};
			if (f->note) {
				o.size = st->size * SUP_SCALE;
				o.y = baseline - st->size * SUP_RISE;
				VEC_PUSH(c->refs, c->nrefs, c->caprefs, f->note);
			} else {
				o.size = st->size;
				o.y = baseline;
			}
			char *t = arena_alloc_raw(c->a, f->n + 2);
			memcpy(t, f->s, f->n);
			t[f->n] = t[f->n + 1] = 0;
			o.x2 = fx + f->w;
			if (last && space_after) {
				t[f->n] = ' ';
				o.x2 += (float)font_cp_width(&c->fs->face[f->face], ' ') *
					o.size / 1000.0f;
			}
			o.text = t;
			lt_add_op(c, o);
			fx += f->w;
		}
		x += w->w;
	}
	pl->nops = c->nops - pl->op0;
	pl->nrefs = c->nrefs - pl->ref0;
	pl->h = st->pitch;
	if (justify_line && !ln->overfull) {
		c->out->stats.space_lines++;
		c->out->stats.sum_space += maxsp;
		if (maxsp > 2.0 + 1e-6)
			c->out->stats.wide_lines++;
		if (maxsp > 1.5 + 1e-6)
			c->out->stats.loose_lines++;
		if (maxsp > c->out->stats.max_space)
			c->out->stats.max_space = maxsp;
	}
	return 0;
}

int lt_set(struct lctx *c, const struct run *runs, int nruns, const struct pstyle *st,
	   struct pline **out)
{
	*out = NULL;
	if (!lt_check_glyphs(c, runs, nruns, st->face_add))
		return 0;
	/* words, items and breakpoints live in the scratch arena until the
	 * lines are set; only the lines' ops stay */
	arena_reset(&c->scratch);
	struct words ws = {0};
	split_words(c, runs, nruns, st->face_add, st->size, &ws);
	if (!ws.nw)
		return 0;
	tie_words(&ws);
	bool justify = st->align == AL_JUSTIFY;
	/* items */
	int cap = ws.nw * 3 + 8, n = 0;
	struct lb_item *it = arena_alloc(&c->scratch, sizeof *it * (size_t)cap);
	int *word_of = arena_alloc(&c->scratch, sizeof *word_of * (size_t)cap);
	if (st->indent > 0) {
		word_of[n] = -1;
		it[n++] = (struct lb_item){LB_BOX, st->indent, 0, 0, 0};
	}
	for (int i = 0; i < ws.nw; i++) {
		word_of[n] = i;
		it[n++] = (struct lb_item){LB_BOX, ws.w[i].w, 0, 0, 0};
		const struct word *w = &ws.w[i];
		float sp = w->space;
		float stretch = justify ? sp / 2 : 0, shrink = justify ? sp / 3 : 0;
		switch (w->after) {
		case AFTER_GLUE:
			word_of[n] = -1;
			it[n++] = (struct lb_item){LB_GLUE, sp, stretch, shrink, 0};
			break;
		case AFTER_NOBREAK:
			word_of[n] = -1;
			it[n++] = (struct lb_item){LB_PENALTY, 0, 0, 0, LB_INF};
			word_of[n] = -1;
			it[n++] = (struct lb_item){LB_GLUE, sp, stretch, shrink, 0};
			break;
		case AFTER_FORCED:
			word_of[n] = -1;
			it[n++] = (struct lb_item){LB_GLUE, 0, LB_FIL, 0, 0};
			word_of[n] = -1;
			it[n++] = (struct lb_item){LB_PENALTY, 0, 0, 0, -LB_INF};
			break;
		case AFTER_END: break;
		}
	}
	word_of[n] = -1;
	it[n++] = (struct lb_item){LB_PENALTY, 0, 0, 0, LB_INF};
	word_of[n] = -1;
	it[n++] = (struct lb_item){LB_GLUE, 0, st->balance ? 0 : LB_FIL, 0, 0};
	word_of[n] = -1;
	it[n++] = (struct lb_item){LB_PENALTY, 0, 0, 0, -LB_INF};

	struct lb_params p = {
	    .width_first = st->width,
	    .width_rest = st->width - st->hang,
	    .tolerance = 200,
	    .line_stretch = justify ? 0 : st->width * (st->balance ? 0.5f : 0.33f),
	    .greedy = c->opt->greedy || (!justify && !st->balance),
	};
	struct lb_result res;
	lb_break(&c->scratch, it, n, &p, &res);
	if (justify && res.passes == 2)
		c->out->stats.loose_paras++;
	if (justify && res.passes >= 3)
		c->out->stats.infeasible_paras++;
	c->out->stats.overfull += res.overfull;
	if (res.overfull) {
		/* a word wider than the measure: it sticks out rather than break */
		diag_warn(
		    (struct srcloc){c->doc->file, runs[0].line, 0},
		    "a word is wider than the line (%.0f mm); it sticks out into the "
		    "margin",
		    st->width / MM);
	}
	struct pline *pl = arena_alloc(c->a, sizeof *pl * (size_t)res.n);
	float base = lt_baseline(st->size, st->pitch);
	for (int l = 0; l < res.n; l++) {
		const struct lb_line *ln = &res.v[l];
		/* the last line and lines ended by a hard break are not stretched */
		bool forced =
		    it[ln->end].type == LB_PENALTY && it[ln->end].penalty <= -LB_INF;
		float x0 = st->x + (l ? st->hang : 0);
		float measure = l ? st->width - st->hang : st->width;
		emit_line(c, &ws, it, word_of, ln, x0, measure, st, base,
			  justify && !forced, &pl[l]);
	}
	if (res.n > 1 && pl[res.n - 1].nwords == 1) {
		if (justify)
			c->out->stats.short_last++;
		else if (st->balance)
			c->out->stats.short_balanced++;
	}
	*out = pl;
	return res.n;
}

int lt_set_plain(struct lctx *c, const char *s, int face, const struct pstyle *st,
		 int line, struct pline **out)
{
	struct run r = {
	    .text = s, .len = (uint32_t)strlen(s), .face = (uint8_t)face, .line = line};
	return lt_set(c, &r, 1, st, out);
}
