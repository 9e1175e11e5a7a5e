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

/* --error-format json: the last object waits here for a note's hint. */
static bool json;
static struct {
	bool has;
	struct buf file, msg, hint;
	int line, col;
	const char *sev, *rule; /* static strings */
} pend;

static void json_str(struct buf *b, const char *s)
{
	buf_putc(b, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			buf_printf(b, "\\%c", c);
		else if (c < 0x20)
			buf_printf(b, "\\u%04x", c);
		else
			buf_putc(b, (char)c);
	}
	buf_putc(b, '"');
}

void diag_flush(void)
{
	if (!pend.has)
		return;
	pend.has = false;
	struct buf b = BUF_INIT;
	buf_puts(&b, "{\"file\":");
	if (pend.file.len) {
		json_str(&b, buf_cstr(&pend.file));
		buf_printf(&b, ",\"line\":%d,\"column\":%d", pend.line, pend.col);
	} else {
		buf_puts(&b, "null,\"line\":null,\"column\":null");
	}
	buf_printf(&b, ",\"severity\":\"%s\",\"message\":", pend.sev);
	json_str(&b, buf_cstr(&pend.msg));
	buf_puts(&b, ",\"rule\":");
	pend.rule ? json_str(&b, pend.rule) : buf_puts(&b, "null");
	buf_puts(&b, ",\"hint\":");
	pend.hint.len ? json_str(&b, buf_cstr(&pend.hint)) : buf_puts(&b, "null");
	buf_putc(&b, '}');
	emit(&b);
	buf_free(&b);
	buf_truncate(&pend.file, 0);
	buf_truncate(&pend.msg, 0);
	buf_truncate(&pend.hint, 0);
}

static void vmessage(struct srcloc loc, const char *kind, const char *rule,
		     const char *hint, const char *fmt, va_list ap)
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
	if (json) {
		if (kind[0] == 'n' && pend.has) { /* the previous message's hint */
			if (pend.hint.len)
				buf_puts(&pend.hint, "; ");
			buf_put(&pend.hint, text.ptr, text.len);
			buf_free(&text);
			return;
		}
		diag_flush();
		pend.has = true;
		if (loc.file)
			buf_puts(&pend.file, loc.file);
		pend.line = loc.line > 0 ? loc.line : 1;
		pend.col = loc.col > 0 ? loc.col : 1;
		pend.sev = kind[0] == 'e' ? "error" : kind[0] == 'w' ? "warning" : "note";
		pend.rule = rule;
		if (seen == DIAG_MAX_REPEATS)
			buf_puts(&pend.msg, "more warnings like this one are not shown: ");
		buf_put(&pend.msg, text.ptr, text.len);
		if (hint)
			buf_puts(&pend.hint, hint);
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
	if (rule)
		buf_printf(&b, " [%s]", rule);
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
	vmessage(loc, N_("error: "), NULL, NULL, fmt, ap);
	va_end(ap);
	n_errors++;
	raise_status(DIAG_INPUT);
}

void diag_warn(struct srcloc loc, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmessage(loc, N_("warning: "), NULL, NULL, fmt, ap);
	va_end(ap);
	n_warnings++;
}

void diag_finding(struct srcloc loc, const char *rule, const char *hint,
		  const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmessage(loc, N_("warning: "), rule, hint, fmt, ap);
	va_end(ap);
	n_warnings++;
}

void diag_fail(enum diag_status st, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmessage((struct srcloc){0}, N_("error: "), NULL, NULL, fmt, ap);
	va_end(ap);
	n_errors++;
	raise_status(st);
}

void diag_note(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmessage((struct srcloc){0}, N_("note: "), NULL, NULL, fmt, ap);
	va_end(ap);
}

void diag_note_at(struct srcloc loc, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmessage(loc, N_("note: "), NULL, NULL, fmt, ap);
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

void diag_set_json(bool on)
{
	json = on;
}

bool diag_json(void)
{
	return json;
}
