/* layout_front: the parts of page 1 and the end that the decree fixes:
 * the two-column header block, the type name and summary, "Kính gửi",
 * and the closing block ("Nơi nhận" beside the signature).
 * Geometry: spec/decree30.md §2, §3, §6, §7, §11. */
#include <ctype.h>
#include <string.h>

#include "buf.h"
#include "layout_int.h"
#include "numfmt.h"
#include "text.h"

#define PAD (1.5f * MM) /* header cell padding (Mẫu 1.4) */
#define RULE_LW 0.5f /* the decree's solid rules */
#define RULE_OFF 8.5f /* rule below the baseline of the text it underlines (3 mm) */
#define RULE_FRAC 0.4f /* agency and summary rules: 1/3..1/2 of the line */

static float pitch_of(float size)
{
	return LINE_PITCH * size;
}

/* The ops from op0 on as one unbreakable block of height h. */
static void push_box(struct lctx *c, int op0, float h, bool brk)
{
	lt_push_item(c, (struct vitem){.kind = V_BOX,
				       .brk = brk,
				       .table = -1,
				       .h = h,
				       .op0 = op0,
				       .nops = c->nops - op0,
				       .block = -1,
				       .outline = -1});
}

/* One line of text centred on cx at baseline y, as a single op (spaces
 * inside are kept as drawn, e.g. the blank day of a draft's date). */
static float centred(struct lctx *c, const char *s, int face, float size, float cx,
		     float y)
{
	float w = lt_width(c, s, face, size);
	lt_add_op(c, (struct op){.kind = OP_TEXT,
				 .face = (uint8_t)face,
				 .size = size,
				 .x = cx - w / 2,
				 .y = y,
				 .text = s});
	return w;
}

/* Set s centred in [x, x+w) with balanced line breaks, first line top at
 * *y; advances *y by the lines' pitch; returns the widest line. */
static float block_centred(struct lctx *c, const char *s, int face, float size, float x,
			   float w, float *y, int line)
{
	struct pstyle st = {.size = size,
			    .pitch = pitch_of(size),
			    .x = x,
			    .width = w,
			    .align = AL_CENTER,
			    .balance = true};
	/* a line break the author wrote in the front matter is kept */
	int cap = 4, nr = 0;
	struct run *r = arena_alloc(c->a, sizeof *r * (size_t)cap);
	for (const char *p = s;;) {
		const char *e = strchr(p, '\n');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		struct run t = {
		    .text = p, .len = (uint32_t)len, .face = (uint8_t)face, .line = line};
		ARR_PUSH(c->a, r, nr, cap, t);
		if (!e)
			break;
		struct run br = {
		    .text = "", .brk = 1, .face = (uint8_t)face, .line = line};
		ARR_PUSH(c->a, r, nr, cap, br);
		p = e + 1;
	}
	struct pline *pl;
	int n = lt_set(c, r, nr, &st, &pl);
	float widest = 0;
	for (int i = 0; i < n; i++) {
		lt_shift(c, pl[i].op0, pl[i].nops, 0, *y);
		*y += pl[i].h;
		if (pl[i].width > widest)
			widest = pl[i].width;
	}
	return widest;
}

static bool glyphs_ok(struct lctx *c, const char *s, int face, int line)
{
	struct run r = {
	    .text = s, .len = (uint32_t)strlen(s), .face = (uint8_t)face, .line = line};
	return lt_check_glyphs(c, &r, 1, 0);
}

/* "5" -> "05": the decree zero-pads numbers below 10. */
static const char *doc_number(struct lctx *c, const char *so)
{
	size_t n = strlen(so);
	bool digits = n > 0;
	for (size_t i = 0; i < n; i++)
		digits &= isdigit((unsigned char)so[i]) != 0;
	if (digits && n == 1)
		return arena_printf(c->a, "0%s", so);
	return so;
}

static const char *blank_or(const char *s)
{
	return s && *s ? s : NULL;
}

/* "ỦY BAN NHÂN DÂN HUYỆN X" that does not fit on one line is written
 * "ỦY BAN NHÂN DÂN" over "HUYỆN X", as every such header is, rather than
 * broken where the lines come out even. */
static const char *agency_lines(struct lctx *c, const char *s, float width)
{
	static const char *const body[] = {"ỦY BAN NHÂN DÂN ", "UỶ BAN NHÂN DÂN ",
					   "HỘI ĐỒNG NHÂN DÂN ", NULL};
	if (strchr(s, '\n') || lt_width(c, s, FACE_BOLD, 13) <= width)
		return s;
	for (int i = 0; body[i]; i++) {
		size_t n = strlen(body[i]);
		if (strncmp(s, body[i], n) == 0 && s[n])
			return arena_printf(c->a, "%.*s\n%s", (int)(n - 1), s, s + n);
	}
	return s;
}

static void header_box(struct lctx *c)
{
	const struct meta *m = &c->doc->meta;
	const struct geom *g = &c->g;
	const char *parent = blank_or(m->co_quan_chu_quan.s);
	const char *agency = blank_or(m->co_quan.s);
	bool has_so = m->so.s || m->ky_hieu.s;
	bool has_date = m->year > 0;
	/* The national title and motto are on every document (ND30 II.1),
	 * whatever else the front matter leaves out. */
	int op0 = c->nops;
	float lw = g->tw * 65.0f / 165.0f, rw = g->tw - lw;
	float lx = g->left, rx = g->left + lw;
	float lcx = lx + lw / 2, rcx = rx + rw / 2;
	/* Left column: parent agency (regular), agency (bold), its rule. */
	float y = 0, left_rule = -1;
	float s13 = 13, p13 = pitch_of(13);
	if (parent)
		block_centred(c, agency_lines(c, text_upper(c->a, parent), lw - 2 * PAD),
			      FACE_REGULAR, s13, lx + PAD, lw - 2 * PAD, &y,
			      m->co_quan_chu_quan.line);
	if (agency) {
		const char *up = agency_lines(c, text_upper(c->a, agency), lw - 2 * PAD);
		float wmax = block_centred(c, up, FACE_BOLD, s13, lx + PAD, lw - 2 * PAD,
					   &y, m->co_quan.line);
		left_rule = y - p13 + lt_baseline(s13, p13) + RULE_OFF;
		float rl = wmax * RULE_FRAC;
		lt_hline(c, lcx - rl / 2, lcx + rl / 2, left_rule, RULE_LW);
	} else if (parent) {
		left_rule = y - p13 + lt_baseline(s13, p13) + RULE_OFF;
	}
	/* Right column: national title and motto, the motto's rule exactly
	 * as long as the motto. 13/14 pt, or 12/13 when the column is narrow. */
	const char *title = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
	const char *motto = "Độc lập - Tự do - Hạnh phúc";
	float ts = 13, ms = 14;
	if (lt_width(c, title, FACE_BOLD, ts) > rw - 2 * PAD) {
		ts = 12;
		ms = 13;
	}
	float tb = lt_baseline(13, p13); /* both columns share the first baseline */
	centred(c, title, FACE_BOLD, ts, rcx, tb);
	float mb = tb + pitch_of(ms);
	float mw = centred(c, motto, FACE_BOLD, ms, rcx, mb);
	float right_rule = mb + RULE_OFF;
	lt_hline(c, rcx - mw / 2, rcx + mw / 2, right_rule, RULE_LW);
	/* "Số" and the date share one baseline under both rules. */
	float rules = left_rule > right_rule ? left_rule : right_rule;
	float line_base = rules + 20;
	float bottom = line_base;
	if (has_so) {
		const char *so = m->so.s && *m->so.s ? doc_number(c, m->so.s) : NULL;
		/* the symbol is written in capitals (ND30 II.3.c) */
		const char *kh = m->ky_hieu.s ? text_upper(c->a, m->ky_hieu.s) : NULL;
		const char *s;
		if (kh && *kh)
			s = so ? arena_printf(c->a, "Số: %s/%s", so, kh)
			       : arena_printf(c->a, "Số:          /%s", kh);
		else
			s = arena_printf(c->a, "Số: %s", so ? so : "");
		if (glyphs_ok(c, s, FACE_REGULAR, m->so.s ? m->so.line : m->ky_hieu.line))
			centred(c, s, FACE_REGULAR, 13, lcx, line_base);
	}
	if (has_date) {
		struct buf b = BUF_INIT;
		if (blank_or(m->dia_danh.s))
			buf_printf(&b, "%s, ", m->dia_danh.s);
		numfmt_date(&b, m->year, m->month, m->day);
		const char *s = arena_strdup(c->a, buf_cstr(&b));
		buf_free(&b);
		if (glyphs_ok(c, s, FACE_ITALIC, m->date_line)) {
			float ds = 14;
			if (lt_width(c, s, FACE_ITALIC, ds) > rw - 2 * PAD)
				ds = 13;
			if (lt_width(c, s, FACE_ITALIC, ds) <= rw - 2 * PAD) {
				centred(c, s, FACE_ITALIC, ds, rcx, line_base);
			} else {
				float yy = line_base - lt_baseline(ds, pitch_of(ds));
				block_centred(c, s, FACE_ITALIC, ds, rx + PAD,
					      rw - 2 * PAD, &yy, m->date_line);
				bottom =
				    yy - pitch_of(ds) + lt_baseline(ds, pitch_of(ds));
			}
		}
	}
	if (!has_so && !has_date)
		bottom = rules;
	if (m->du_thao) {
		/* "DỰ THẢO" framed in the top margin, at the right. */
		const char *d = "DỰ THẢO";
		float w = lt_width(c, d, FACE_BOLD, 14);
		float x = g->left + g->tw - w - 6, base = -14;
		lt_add_op(c, (struct op){.kind = OP_TEXT,
					 .face = FACE_BOLD,
					 .size = 14,
					 .x = x,
					 .y = base,
					 .text = d});
		float t = base - 14, b = base + 5, l = x - 5, r = x + w + 5;
		lt_hline(c, l, r, t, 1);
		lt_hline(c, l, r, b, 1);
		lt_add_op(
		    c, (struct op){
			   .kind = OP_LINE, .x = l, .y = t, .x2 = l, .y2 = b, .lw = 1});
		lt_add_op(
		    c, (struct op){
			   .kind = OP_LINE, .x = r, .y = t, .x2 = r, .y2 = b, .lw = 1});
	}
	/* Two empty 14 pt lines after the date, then the type name. */
	float h = bottom + 3 * pitch_of(14) - lt_baseline(14, pitch_of(14));
	if (h > g->th) { /* it would be drawn below the page's edge */
		const struct mtext *at =
		    m->co_quan.s ? &m->co_quan : &m->co_quan_chu_quan;
		diag_error((struct srcloc){c->doc->file, at->line, 0},
			   "the header (co_quan_chu_quan, co_quan, so, dia_danh) is "
			   "%.0f mm tall and does not fit on the first page "
			   "(%.0f mm): shorten it",
			   h / MM, g->th / MM);
		c->failed = true;
	}
	push_box(c, op0, h, false);
}

/* header_h: the height of the header above, on the same first page */
static void title_box(struct lctx *c, float header_h)
{
	const struct meta *m = &c->doc->meta;
	const struct geom *g = &c->g;
	int op0 = c->nops;
	float y = 0, p14 = pitch_of(14);
	const char *loai = m->loai.s ? m->loai.s : "BÁO CÁO";
	float widest = 0;
	if (*loai)
		widest = block_centred(c, text_upper(c->a, loai), FACE_BOLD, 14, g->left,
				       g->tw, &y, m->loai.line);
	if (blank_or(m->trich_yeu.s))
		widest = block_centred(c, m->trich_yeu.s, FACE_BOLD, 14, g->left, g->tw,
				       &y, m->trich_yeu.line);
	if (blank_or(m->phu_de.s))
		block_centred(c, m->phu_de.s, FACE_ITALIC, 14, g->left, g->tw, &y,
			      m->phu_de.line);
	if (y == 0 && !m->kinh_gui.n)
		return;
	float rule = y - p14 + lt_baseline(14, p14) + RULE_OFF;
	float rl = widest * RULE_FRAC, cx = g->left + g->tw / 2;
	if (widest > 0)
		lt_hline(c, cx - rl / 2, cx + rl / 2, rule, RULE_LW);
	y = rule + p14; /* one empty line */
	if (m->kinh_gui.n) {
		/* ND30 II.9.d: one recipient on the label's line ("Kính gửi: X",
		 * no stop); several on lines of their own under it, "- X;" and a
		 * final ".", the dashes aligned under the colon. */
		const char *label = "Kính gửi:";
		int n = m->kinh_gui.n;
		float lab = lt_width(c, label, FACE_REGULAR, 14) +
			    lt_width(c, " ", FACE_REGULAR, 14);
		/* where the entries start: after the label, or under its colon */
		float off = n > 1 ? lt_width(c, "Kính gửi", FACE_REGULAR, 14) : lab;
		const char **ent = arena_alloc(c->a, sizeof *ent * (size_t)n);
		float wmax = 0;
		for (int i = 0; i < n; i++) {
			const char *s = m->kinh_gui.v[i].s;
			size_t len = strlen(s);
			while (len && (s[len - 1] == ';' || s[len - 1] == '.' ||
				       s[len - 1] == ' '))
				len--;
			ent[i] = n > 1 ? arena_printf(c->a, "- %.*s%s", (int)len, s,
						      i == n - 1 ? "." : ";")
				       : arena_strndup(c->a, s, len);
			if (!glyphs_ok(c, ent[i], FACE_REGULAR, m->kinh_gui.v[i].line))
				return;
			float w = lt_width(c, ent[i], FACE_REGULAR, 14);
			if (w > wmax)
				wmax = w;
		}
		if (n > 1 && wmax < lab - off)
			wmax = lab - off; /* the label is the widest line */
		if (wmax > g->tw - off)
			wmax = g->tw - off;
		float x = g->left + (g->tw - off - wmax) / 2; /* the block centred */
		float base = y + lt_baseline(14, p14);
		lt_add_op(c,
			  (struct op){.kind = OP_TEXT,
				      .face = FACE_REGULAR,
				      .size = 14,
				      .x = x,
				      .y = base,
				      .text = n > 1 ? label
						    : arena_printf(c->a, "%s ", label)});
		if (n > 1)
			y += p14;
		for (int i = 0; i < n; i++) {
			struct pstyle st = {
			    .size = 14,
			    .pitch = p14,
			    .x = x + off,
			    .width = wmax,
			    .align = AL_LEFT,
			    .hang = n > 1 ? lt_width(c, "- ", FACE_REGULAR, 14) : 0};
			struct pline *pl;
			int k = lt_set_plain(c, ent[i], FACE_REGULAR, &st,
					     m->kinh_gui.v[i].line, &pl);
			for (int j = 0; j < k; j++) {
				lt_shift(c, pl[j].op0, pl[j].nops, 0, y);
				y += pl[j].h;
			}
		}
		y += p14; /* one empty line before the body */
	}
	/* the title block is one box on page 1, under the header: one
	 * taller than the rest of the page would be drawn below its edge */
	if (y > g->th - header_h) {
		const struct mtext *at = m->kinh_gui.n    ? &m->kinh_gui.v[0]
					 : m->phu_de.s    ? &m->phu_de
					 : m->trich_yeu.s ? &m->trich_yeu
							  : &m->loai;
		diag_error((struct srcloc){c->doc->file, at->line, 0},
			   "the title block (loai, trich_yeu, phu_de, kinh_gui) is "
			   "%.0f mm tall; under the header it does not fit on the "
			   "first page (%.0f mm left): shorten it",
			   y / MM, (g->th - header_h) / MM);
		c->failed = true;
		return;
	}
	push_box(c, op0, y, false);
}

void lf_front(struct lctx *c)
{
	header_box(c);
	title_box(c, c->nitems ? c->items[c->nitems - 1].h : 0);
}

void lf_closing(struct lctx *c)
{
	const struct meta *m = &c->doc->meta;
	const struct geom *g = &c->g;
	if (!m->noi_nhan.n && !m->has_ky)
		return;
	int op0 = c->nops;
	float lw = g->tw * 65.0f / 165.0f, rw = g->tw - lw;
	float p14 = pitch_of(14), b0 = lt_baseline(14, p14);
	float left_bottom = 0, right_bottom = 0;
	if (m->noi_nhan.n) {
		/* "Nơi nhận:" 12 pt bold italic, level with the signature's
		 * first line; entries 11 pt, "- ...;" and "." after the last. */
		lt_add_op(c, (struct op){.kind = OP_TEXT,
					 .face = FACE_BOLDITALIC,
					 .size = 12,
					 .x = g->left,
					 .y = b0,
					 .text = "Nơi nhận:"});
		float p11 = pitch_of(11);
		float y = b0 + p11 - lt_baseline(11, p11); /* next line's top */
		float hang = lt_width(c, "- ", FACE_REGULAR, 11);
		for (int i = 0; i < m->noi_nhan.n; i++) {
			const char *s = m->noi_nhan.v[i].s;
			while (*s == '-' || *s == ' ')
				s++;
			size_t len = strlen(s);
			while (len && (s[len - 1] == ';' || s[len - 1] == '.' ||
				       s[len - 1] == ' '))
				len--;
			const char *e = arena_printf(c->a, "- %.*s%s", (int)len, s,
						     i == m->noi_nhan.n - 1 ? "." : ";");
			struct pstyle st = {.size = 11,
					    .pitch = p11,
					    .x = g->left,
					    .width = lw - PAD,
					    .align = AL_LEFT,
					    .hang = hang};
			struct pline *pl;
			int k = lt_set_plain(c, e, FACE_REGULAR, &st,
					     m->noi_nhan.v[i].line, &pl);
			for (int j = 0; j < k; j++) {
				lt_shift(c, pl[j].op0, pl[j].nops, 0, y);
				y += pl[j].h;
			}
		}
		left_bottom = y;
	}
	if (m->has_ky) {
		float x = g->left + lw + PAD, w = rw - 2 * PAD;
		float y = 0;
		if (blank_or(m->ky_quyen_han.s))
			block_centred(c, text_upper(c->a, m->ky_quyen_han.s), FACE_BOLD,
				      14, x, w, &y, m->ky_quyen_han.line);
		for (int i = 0; i < m->ky_chuc_vu.n; i++)
			block_centred(c, text_upper(c->a, m->ky_chuc_vu.v[i].s),
				      FACE_BOLD, 14, x, w, &y, m->ky_chuc_vu.v[i].line);
		/* room for the signature and seal: five empty lines, about
		 * 28 mm between the title and the name (spec/decree30.md §6, §11) */
		y += 5 * p14;
		if (blank_or(m->ky_ho_ten.s))
			block_centred(c, m->ky_ho_ten.s, FACE_BOLD, 14, x, w, &y,
				      m->ky_ho_ten.line);
		right_bottom = y;
	}
	float h = left_bottom > right_bottom ? left_bottom : right_bottom;
	/* the block is kept on one page: one taller than the page would be
	 * drawn below its bottom edge, its last entries lost */
	if (h > g->th) {
		bool list = left_bottom > right_bottom;
		diag_error(
		    (struct srcloc){c->doc->file,
				    list ? m->noi_nhan.v[0].line : m->ky_quyen_han.line,
				    0},
		    "the %s is %.0f mm tall and does not fit on one page "
		    "(%.0f mm); shorten it",
		    list ? "'noi_nhan' list" : "signature block", h / MM, g->th / MM);
		c->failed = true;
		return;
	}
	/* one empty line between the body and the block */
	lt_push_item(c, (struct vitem){.kind = V_SPACE,
				       .brk = false,
				       .table = -1,
				       .h = 0.6f * p14,
				       .op0 = c->nops,
				       .block = -1,
				       .outline = -1});
	struct vitem box = {.kind = V_BOX,
			    .brk = true,
			    .table = -1,
			    .h = h,
			    .op0 = op0,
			    .nops = c->nops - op0,
			    .block = -1,
			    .outline = -1};
	/* the space item was pushed after the ops: keep the box's range */
	lt_push_item(c, box);
}
