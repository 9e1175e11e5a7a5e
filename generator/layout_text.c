/* layout_text: inline runs -> words -> Knuth–Plass items -> set lines. */
#include <math.h>
#include <string.h>

#include "i18n.h"
#include "layout_int.h"
#include "lines.h"
#include "text.h"
#include "vec.h"


/* The vertical list grows here, below every file that adds to it (the
 * page, table, figure and appendix files), so no layout file calls up. */
int lt_push_item(struct lctx *c, struct vitem v)
{
	VEC_PUSH(c->items, c->nitems, c->capitems, v);
	return c->nitems - 1;
}

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
			    cp > 0xFFFF ? _("; characters beyond U+FFFF cannot be embedded")
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

/* After a word: a space; a space that never breaks (before ",", an
 * author's no-break space); a space with a penalty (AFTER_TIE: a tie or
 * a discouraged break, lines.h); a hard line break; the end. */
enum after { AFTER_GLUE, AFTER_NOBREAK, AFTER_TIE, AFTER_FORCED, AFTER_END };

/* The break before a paragraph's last word when that word is short
 * ("tổng / chi."): as bad as a line with spaces 1.7x wide, so a break
 * nearby that keeps every line within tolerance wins. */
#define LAST_WORD_PENALTY 300.0f
#define SHORT_LAST 0.2f /* "short": under a fifth of the measure */

/* Letter spacing shares a justified line's stretch with the spaces:
 * TRACK em between letters when the spaces are at 1.5x (ratio 1), twice
 * that at 2x. A line that would need spaces over 2x keeps them at 2x
 * and spaces its letters wider, up to TRACK_MAX_PT (under half a point,
 * so no reader of the PDF takes a letter gap for a word gap); what is
 * still missing is left at the line's end (issue 19's note: glyph
 * expansion would change the glyphs' size in the text matrix; letter
 * spacing only moves them). */
#define TRACK 0.01f
#define TRACK_MAX_PT 0.45f
/* and a shrunk line's letters close up to TRACK_SHRINK em (0.42 pt at
 * 14 pt) as its spaces reach two thirds: that pulls a long figure up
 * ("giải ngân 197.770/273.187") where a line would otherwise gape. */
#define TRACK_SHRINK 0.03f

struct word {
	int f0, nf;
	float w;
	float space; /* width of the space after it */
	enum after after;
	float penalty; /* AFTER_TIE */
	int gaps; /* letter gaps (letter_gaps), set before the items */
};

struct words {
	struct frag *f;
	int nf, capf;
	struct word *w;
	int nw, capw;
};

static int glyphs_of(const struct frag *f)
{
	int n = 0;
	for (uint32_t i = 0; i < f->n; i++)
		n += ((unsigned char)f->s[i] & 0xC0) != 0x80;
	return n;
}

/* Gaps between letters a word's letter spacing widens: every glyph but
 * the last, the superscript of a reference excepted. */
static int letter_gaps(const struct words *ws, const struct word *w)
{
	int n = 0;
	for (int k = w->f0; k < w->f0 + w->nf; k++)
		if (!ws->f[k].note)
			n += glyphs_of(&ws->f[k]);
	return n > 1 ? n - 1 : 0;
}

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
	if ((unsigned char)s[0] < 0x80) /* strchr: the terminator counts too */
		return strchr("%)]}.,;:!?", s[0]) != NULL;
	return strncmp(s, "»", 2) == 0 || strncmp(s, "”", 3) == 0;
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
		else if (ch != '.' && ch != ',')
			return false;
	}
	return digit;
}

static bool word_in(const struct words *ws, const struct word *w, const char *const *list)
{
	const struct frag *f = &ws->f[w->f0];
	for (int i = 0; list[i]; i++) {
		size_t n = strlen(list[i]);
		if (f->n >= n && memcmp(f->s, list[i], n) == 0 &&
		    (f->n == n || strchr(".,;:)", f->s[n])))
			return true;
	}
	return false;
}

/* Units that follow a figure ("383.032 triệu", "12 ha"), time units
 * among them ("6 tháng", "30 ngày", "2 năm", "8 giờ"). */
static bool is_unit(const struct words *ws, const struct word *w)
{
	static const char *const units[] = {
	    "triệu", "tỷ",  "nghìn", "ngàn", "đồng", "ha",   "km",   "kg",  "tấn",
	    "m",     "m2",  "m3",    "m²",   "m³",   "lít",  "USD",  "VNĐ", "%",
	    "tháng", "năm", "ngày",  "giờ",  "tuần", "phút", "giây", "quý", NULL};
	return word_in(ws, w, units);
}

/* "số" before a number ("Quyết định số 90/QĐ-UBND"). */
static bool is_so(const struct words *ws, const struct word *w)
{
	/* asked of every word of every paragraph: lengths known, the first
	 * letter checked before any comparison */
#define SO(s) {s, sizeof s - 1}
	static const struct {
		const char *s;
		size_t n;
	} so[] = {SO("số"), SO("Số"), SO("số:"), SO("Số:")};
#undef SO
	if (w->nf != 1)
		return false;
	const struct frag *f = &ws->f[w->f0];
	if (f->s[0] != 's' && f->s[0] != 'S')
		return false;
	for (size_t i = 0; i < sizeof so / sizeof *so; i++)
		if (f->n == so[i].n && memcmp(f->s, so[i].s, f->n) == 0)
			return true;
	return false;
}

static bool starts_digit(const struct words *ws, const struct word *w)
{
	char ch = ws->f[w->f0].s[0];
	return ch >= '0' && ch <= '9';
}

static bool is_dash(const struct words *ws, const struct word *w)
{
	const struct frag *f = &ws->f[w->f0];
	return w->nf == 1 &&
	       ((f->n == 1 && f->s[0] == '-') ||
		(f->n == 3 && (!memcmp(f->s, "–", 3) || !memcmp(f->s, "—", 3))));
}

static void tie(struct word *w, enum after how, float penalty)
{
	if (w->after == AFTER_GLUE || (w->after == AFTER_TIE && how == AFTER_NOBREAK) ||
	    (w->after == AFTER_TIE && penalty > w->penalty)) {
		w->after = how;
		w->penalty = penalty;
	}
}

/* Hard ties: closing punctuation, opening brackets, a range of figures
 * ("2021 - 2025"). Ties (lines.h): a figure and its unit, "số" and its
 * number. keep_last: the last line holds two words at least (headings,
 * titles, header cells); otherwise a short last word is discouraged. */
static void tie_words(struct words *ws, bool keep_last, bool last_short_rule,
		      float measure)
{
	for (int i = 0; i + 1 < ws->nw; i++) {
		struct word *w = &ws->w[i], *nx = &ws->w[i + 1];
		if (w->after != AFTER_GLUE)
			continue;
		if (starts_closing(ws, nx) || ends_opening(ws, w))
			tie(w, AFTER_NOBREAK, LB_INF);
		else if (i + 2 < ws->nw && is_figure(ws, w) && is_dash(ws, nx) &&
			 nx->after == AFTER_GLUE && starts_digit(ws, &ws->w[i + 2])) {
			tie(w, AFTER_NOBREAK, LB_INF);
			tie(nx, AFTER_NOBREAK, LB_INF);
		} else if ((is_figure(ws, w) && is_unit(ws, nx)) ||
			   (is_so(ws, w) && starts_digit(ws, nx)))
			tie(w, AFTER_TIE, LB_TIE);
	}
	/* the last word, unless a hard break ends the line before it */
	int k = ws->nw - 2;
	if (k < 0 || ws->w[k].after == AFTER_FORCED)
		return;
	if (keep_last)
		tie(&ws->w[k], AFTER_TIE, LB_TIE);
	else if (last_short_rule && ws->w[k + 1].w < SHORT_LAST * measure)
		tie(&ws->w[k], AFTER_TIE, LAST_WORD_PENALTY);
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
	/* stretch of the spaces (S) and of the letters (T) */
	float S = 0, T = 0, rs = ratio, rl = ratio > 0 ? ratio : 0;
	for (int i = ln->start; i < ln->end; i++)
		if (it[i].type == LB_BOX)
			T += it[i].stretch;
		else if (it[i].type == LB_GLUE && it[i].stretch < LB_FIL)
			S += it[i].stretch;
	bool short_line = false;
	if (ratio > 2 && S > 0) {
		/* spaces at 2x; the letters take the rest up to TRACK_MAX_PT;
		 * what remains stays at the end of the line */
		float X = ratio * (S + T);
		rl = T > 0 ? (X - 2 * S) / T : 0;
		if (rl > TRACK_MAX_PT / (TRACK * st->size))
			rl = TRACK_MAX_PT / (TRACK * st->size);
		rs = (X - rl * T) / S;
		if (rs > 2) {
			rs = 2;
			short_line = true;
		}
	}
	/* letter spacing in points, as the PDF will hold it: wider in a
	 * stretched line, narrower in a shrunk one */
	float track = 0;
	if (T > 0 && ratio > 0)
		track = roundf(rl * TRACK * st->size * 1000.0f) / 1000.0f;
	else if (T > 0 && ratio < 0)
		track = roundf(ratio * TRACK_SHRINK * st->size * 1000.0f) / 1000.0f;
	/* actual width of the line */
	float W = 0;
	for (int i = ln->start; i < ln->end; i++) {
		if (it[i].type == LB_BOX)
			W += it[i].w +
			     (word_of[i] >= 0 ? track * (float)ws->w[word_of[i]].gaps : 0);
		else if (it[i].type == LB_GLUE && it[i].stretch < LB_FIL)
			W += it[i].w + (rs > 0 ? rs * it[i].stretch : rs * it[i].shrink);
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
			float gw =
			    it[i].w + (rs > 0 ? rs * it[i].stretch : rs * it[i].shrink);
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
			if (it[j].type == LB_GLUE && it[j].stretch < LB_FIL &&
			    it[j].w > 0)
				space_after = true;
		}
		float fx = x;
		for (int k = w->f0; k < w->f0 + w->nf; k++) {
			const struct frag *f = &ws->f[k];
			bool last = k == w->f0 + w->nf - 1;
			struct op o = {.kind = OP_TEXT, .face = f->face, .x = fx};
			float cs = f->note ? 0 : track;
			int ng = glyphs_of(f);
			if (f->note) {
				o.size = st->size * SUP_SCALE;
				o.y = baseline - st->size * SUP_RISE;
				VEC_PUSH(c->refs, c->nrefs, c->caprefs, f->note);
			} else {
				o.size = st->size;
				o.y = baseline;
			}
			o.cs = cs;
			char *t = arena_alloc_raw(c->a, f->n + 2);
			memcpy(t, f->s, f->n);
			t[f->n] = t[f->n + 1] = 0;
			/* where the viewer's pen stands: every glyph + Tc */
			o.x2 = fx + f->w + cs * (float)ng;
			if (last && space_after) {
				t[f->n] = ' ';
				o.x2 += (float)font_cp_width(&c->fs->face[f->face], ' ') *
					    o.size / 1000.0f +
					cs;
			}
			o.text = t;
			lt_add_op(c, o);
			/* the next fragment one letter gap on, a reference none */
			bool gap = !last && !ws->f[k + 1].note && !f->note;
			fx += f->w + cs * (float)(gap ? ng : ng - 1);
		}
		x += w->w + track * (float)w->gaps;
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
		if (track / st->size > c->out->stats.max_track)
			c->out->stats.max_track = track / st->size;
		c->out->stats.short_lines += short_line;
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
	bool justify = st->align == AL_JUSTIFY;
	tie_words(&ws, st->keep_last || st->balance, justify, st->width - st->hang);
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
		struct word *w = &ws.w[i];
		w->gaps = justify ? letter_gaps(&ws, w) : 0;
		float track = TRACK * st->size * (float)w->gaps;
		it[n++] = (struct lb_item){LB_BOX, w->w, track,
					   track * TRACK_SHRINK / TRACK, 0};
		float sp = w->space;
		float stretch = justify ? sp / 2 : 0, shrink = justify ? sp / 3 : 0;
		switch (w->after) {
		case AFTER_GLUE:
			word_of[n] = -1;
			it[n++] = (struct lb_item){LB_GLUE, sp, stretch, shrink, 0};
			break;
		case AFTER_NOBREAK:
		case AFTER_TIE:
			word_of[n] = -1;
			it[n++] =
			    (struct lb_item){LB_PENALTY, 0, 0, 0,
					     w->after == AFTER_TIE ? w->penalty : LB_INF};
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
	if (justify && res.passes >= 4)
		c->out->stats.infeasible_paras++;
	for (int l = 0; l + 1 < res.n; l++) {
		const struct lb_item *e = &it[res.v[l].end];
		c->out->stats.broken_ties +=
		    e->type == LB_PENALTY && e->penalty >= LB_TIE && e->penalty < LB_INF;
	}
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
