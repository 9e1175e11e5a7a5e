/* lint: the reviewer of `check` (DESIGN.md §5). After the template is
 * expanded and parsed it reads the result as a province's reviewer
 * would and warns, each finding naming its rule: `tong` (total rows that
 * do not add up), `so` (figures written the English way), `ngay` (dates
 * that do not exist), `muc` (heading numbers that skip or repeat),
 * `bo-cuc` (parts an official report needs). A comment
 * `<!-- baocao: bo-qua RULE... -->` silences rules (lint.c says where).
 * Owns: the rules and their messages. Must not: change the document,
 * fail a build, or print anything but diag findings. */
#ifndef BAOCAO_LINT_H
#define BAOCAO_LINT_H

#include <stddef.h>

#include "arena.h"
#include "doc.h"
#include "template.h"

/* What one build gives the linter: the parsed document (doc->src is the
 * template, for silencing comments and columns), the expanded Markdown
 * body and its line map, and the template line where the body starts. */
struct lint_input {
	const struct doc *doc;
	const char *md;
	size_t md_len;
	const struct linemap *map;
	int body_line;
};

/* Findings already printed, so a batch says each one once, not once per
 * row (lint_memo_new / lint_memo_free; NULL: no memory). */
struct lint_memo;
struct lint_memo *lint_memo_new(void);
void lint_memo_free(struct lint_memo *m);

/* Run every rule; findings go to diag_finding, in line order. */
void lint_run(struct arena *a, const struct lint_input *in, struct lint_memo *memo);

#endif
