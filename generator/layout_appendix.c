/* layout_appendix: the head of an appendix (Phụ lục) after the signature
 * block, per spec/decree30.md §8 and Mẫu 2.1: a new page (landscape when
 * the author asked), "Phụ lục I" centred 14 pt bold, the title in capitals
 * bold, the reference line "(Kèm theo Báo cáo số .../... ngày ... của
 * ...)" in italics from the front matter, a short rule; no header block.
 * The page builder numbers its pages from 1 again (layout_page.c). */
#include <string.h>

#include "agency.h"
#include "layout_int.h"
#include "numfmt.h"
#include "text.h"
#include "vec.h"

#define APP_SIZE 14.0f /* "Phụ lục I" and the title */
#define REF_SIZE 13.0f /* the reference line (13 pt in Mẫu 2.1) */

static const char *doc_number(struct arena *a, const char *so)
{
	size_t n = strlen(so);
	bool digits = n > 0;
	for (size_t i = 0; i < n; i++)
		digits &= so[i] >= '0' && so[i] <= '9';
	return digits && n == 1 ? arena_printf(a, "0%s", so) : so;
}

/* "(Kèm theo Báo cáo số 05/BC-UBND ngày 05 tháng 6 năm 2024 của Ủy ban
 * nhân dân huyện Phong Thổ)" from the front matter; the parts it lacks
 * are left out. */
static const char *reference_line(struct lctx *c)
{
	const struct meta *m = &c->doc->meta;
	struct arena *a = c->a;
	struct buf b = BUF_INIT;
	const char *loai = m->loai.s && *m->loai.s ? m->loai.s : "BÁO CÁO";
	buf_printf(&b, "(Kèm theo %s",
		   text_case(a, text_case(a, loai, TEXT_LOWER), TEXT_FIRST_UPPER));
	const char *so = m->so.s && *m->so.s ? doc_number(a, m->so.s) : NULL;
	const char *kh = m->ky_hieu.s && *m->ky_hieu.s ? text_upper(a, m->ky_hieu.s) : NULL;
	if (so && kh)
		buf_printf(&b, " số %s/%s", so, kh);
	else if (kh)
		buf_printf(&b, " số      /%s", kh);
	else if (so)
		buf_printf(&b, " số %s", so);
	if (m->year) {
		buf_putc(&b, ' ');
		numfmt_date(&b, m->year, m->month, m->day);
	}
	const char *who = m->ten_co_quan.s && *m->ten_co_quan.s ? m->ten_co_quan.s
			  : m->co_quan.s && *m->co_quan.s ? agency_running_name(a, m->co_quan.s)
							  : NULL;
	if (who)
		buf_printf(&b, " của %s", who);
	buf_putc(&b, ')');
	const char *r = arena_strdup(a, buf_cstr(&b));
	buf_free(&b);
	return r;
}

static void push_lines(struct lctx *c, struct pline *pl, int n, int bi, int line, int outline)
{
	for (int l = 0; l < n; l++) {
		lt_push_item(c, (struct vitem){.kind = V_LINE,
					       .table = -1,
					       .h = pl[l].h,
					       .op0 = pl[l].op0,
					       .nops = pl[l].nops,
					       .block = bi,
					       .line = l,
					       .nlines = n,
					       .outline = l == 0 ? outline : -1,
					       .src_line = line});
		c->out->stats.lines++;
	}
}

static float widest(const struct pline *pl, int n)
{
	float w = 0;
	for (int i = 0; i < n; i++)
		if (pl[i].width > w)
			w = pl[i].width;
	return w;
}

void lapp_start(struct lctx *c, const struct block *b, int bi)
{
	const struct dappendix *ap = b->appendix;
	c->g = ap->landscape ? c->gl : c->gp;
	c->landscape_appendix = ap->landscape;
	lt_push_item(c, (struct vitem){.kind = V_BREAK,
				       .brk = true,
				       .landscape = ap->landscape,
				       .group = ap->index + 1,
				       .table = -1,
				       .op0 = c->nops,
				       .block = bi,
				       .outline = -1});
	const struct geom *g = &c->g;
	struct pstyle st = {.size = APP_SIZE,
			    .pitch = 1.15f * APP_SIZE,
			    .x = g->left,
			    .width = g->tw,
			    .align = AL_CENTER,
			    .balance = true};
	const char *word = *ap->num ? arena_printf(c->a, "Phụ lục %s", ap->num) : "Phụ lục";
	/* the outline entry: "Phụ lục I. TITLE" */
	struct buf t = BUF_INIT;
	buf_puts(&t, word);
	for (int i = 0; i < b->text.n; i++) {
		if (i == 0)
			buf_puts(&t, ". ");
		if (!b->text.v[i].note)
			buf_put(&t, b->text.v[i].text, b->text.v[i].len);
	}
	struct outline_entry e = {.level = 1, .title = arena_strdup(c->a, buf_cstr(&t))};
	buf_free(&t);
	VEC_PUSH(c->out->outline, c->out->noutline, c->outline_cap, e);
	struct pline *pl;
	int n = lt_set_plain(c, word, FACE_BOLD, &st, b->line, &pl);
	push_lines(c, pl, n, bi, b->line, c->out->noutline - 1);
	float w = 0;
	if (b->text.n) {
		st.face_add = FACE_BOLD;
		n = lt_set(c, b->text.v, b->text.n, &st, &pl);
		push_lines(c, pl, n, bi, b->line, -1);
		w = widest(pl, n);
	}
	st = (struct pstyle){.size = REF_SIZE,
			     .pitch = 1.15f * REF_SIZE,
			     .x = g->left,
			     .width = g->tw,
			     .align = AL_CENTER,
			     .balance = true};
	n = lt_set_plain(c, reference_line(c), FACE_ITALIC, &st, b->line, &pl);
	push_lines(c, pl, n, bi, b->line, -1);
	if (widest(pl, n) > w)
		w = widest(pl, n);
	if (c->failed)
		return;
	/* a short rule, a third of the widest line, then a blank line */
	float rl = w / 3 < 30 * MM ? 30 * MM : w / 3;
	int op0 = c->nops;
	lt_hline(c, g->left + (g->tw - rl) / 2, g->left + (g->tw + rl) / 2, 5, 0.5f);
	lt_push_item(c, (struct vitem){.kind = V_BOX,
				       .table = -1,
				       .h = 8 + g->pitch,
				       .op0 = op0,
				       .nops = 1,
				       .block = bi,
				       .nlines = 1,
				       .outline = -1,
				       .src_line = b->line});
}
