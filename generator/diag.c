#include "diag.h"

#include <stdarg.h>
#include <stdio.h>

#include "buf.h"
#include "diagtidy.h"
#include "i18n.h"

static int n_errors, n_warnings;
static enum diag_status worst;
static diag_sink sink;
static void *sink_ctx;
static bool quiet;

static void raise_status(enum diag_status st)
{
	if (st > worst)
		worst = st;
}

static void emit(struct buf *b)
{
	if (quiet)
		return;
	if (sink) {
		sink(buf_cstr(b), sink_ctx);
	} else {
		buf_putc(b, '\n');
		fputs(buf_cstr(b), stderr);
	}
}

static void put_loc(struct buf *b, struct srcloc loc)
{
	if (!loc.file) {
		buf_puts(b, "baocao: ");
		return;
	}
	/* always FILE:LINE:COL, so editors and CI parsers find every message;
	 * a problem of the whole file (its size) points at its start */
	buf_printf(b, "%s:%d:%d: ", loc.file, loc.line > 0 ? loc.line : 1,
		   loc.col > 0 ? loc.col : 1);
}

static void vmessage(struct srcloc loc, const char *kind, const char *fmt, va_list ap)
{
	if (quiet) /* the fuzzers: counts only (the callers keep them) */
		return;
	/* Vietnamese under a Vietnamese locale (i18n.h): the catalogue keeps
	 * every conversion of fmt (msgfmt --check), the location stays */
	struct buf text = BUF_INIT;
	buf_vprintf(&text, _(fmt), ap);
	/* a warning of one kind repeated (an overwide word in every row of
	 * a 480.000-row table) is shown DIAG_MAX_REPEATS times, then once
	 * more as a note saying the rest are not shown */
	int seen = kind[0] == 'w' ? diagtidy_repeats(buf_cstr(&text)) : 0;
	if (seen > DIAG_MAX_REPEATS) {
		buf_free(&text);
		return;
	}
	struct buf b = BUF_INIT;
	put_loc(&b, loc);
	if (seen == DIAG_MAX_REPEATS) {
		buf_puts(&b, _("note: more warnings like this one are not shown: "));
	} else {
		buf_puts(&b, _(kind));
	}
	size_t prefix = b.len;
	buf_put(&b, text.ptr, text.len);
	buf_free(&text);
	/* one message, one line, nothing that moves the terminal's cursor
	 * or turns text around; long quoted values shortened */
	diagtidy_line(&b, prefix);
	emit(&b);
	buf_free(&b);
}

void diag_error(struct srcloc loc, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmessage(loc, N_("error: "), fmt, ap);
	va_end(ap);
	n_errors++;
	raise_status(DIAG_INPUT);
}

void diag_warn(struct srcloc loc, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmessage(loc, N_("warning: "), fmt, ap);
	va_end(ap);
	n_warnings++;
}

void diag_fail(enum diag_status st, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmessage((struct srcloc){0}, N_("error: "), fmt, ap);
	va_end(ap);
	n_errors++;
	raise_status(st);
}

void diag_note(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmessage((struct srcloc){0}, N_("note: "), fmt, ap);
	va_end(ap);
}

void diag_note_at(struct srcloc loc, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmessage(loc, "note: ", fmt, ap);
	va_end(ap);
}

int diag_errors(void)
{
	return n_errors;
}
int diag_warnings(void)
{
	return n_warnings;
}
enum diag_status diag_status(void)
{
	return worst;
}

void diag_reset(void)
{
	n_errors = n_warnings = 0;
	worst = DIAG_OK;
	diagtidy_reset();
}

void diag_set_sink(diag_sink fn, void *ctx)
{
	sink = fn;
	sink_ctx = ctx;
}

void diag_set_quiet(bool q)
{
	quiet = q;
}
