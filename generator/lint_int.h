/* lint_int: what the rule files of lint share (not for other modules):
 * the finding list, the template's lines, small text helpers. */
#ifndef BAOCAO_LINT_INT_H
#define BAOCAO_LINT_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "lint.h"

enum lint_rule { R_TONG, R_SO, R_NGAY, R_MUC, R_BO_CUC, R_NONE, R_COUNT };
extern const char *const lint_rule_names[R_COUNT];

struct finding {
	int line, col;
	enum lint_rule rule;
	const char *msg, *hint; /* in the arena */
	int seq; /* order of discovery, for a stable sort */
};

struct lint {
	struct arena *a;
	const struct lint_input *in;
	const char *file;
	/* the template's lines: off[i] is where line i + 1 starts */
	const char *src;
	size_t src_len;
	size_t *off;
	int nlines;
	struct finding *f;
	int nf, capf;
};

/* Record a finding at a template line; col 0: unknown (first column). */
void lint_add(struct lint *L, enum lint_rule r, int line, int col, const char *hint,
	      const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* Template line `line` (1-based): its start and length, or NULL. */
const char *lint_line(const struct lint *L, int line, size_t *len);
/* Column of text (n bytes) in template line `line`: where the author can
 * fix it. When the text is not there (a computed figure), the column of
 * the first placeholder on that line; else 1. */
int lint_col_of(const struct lint *L, int line, const char *text, size_t n);

void lint_tong(struct lint *L);
void lint_text(struct lint *L); /* so + ngay, on the expanded Markdown */
void lint_muc(struct lint *L);

/* Is the code point at s a letter or digit (any script)? */
bool lint_alnum_at(const char *s);
bool lint_alnum_before(const char *start, const char *s);

#endif
