/* filter: the formats after '|' in a placeholder (so, pct, ngay,
 * ngay_ngan, chu, hoa, thuong, viet_hoa_dau, so_gach), Vietnamese
 * conventions throughout.
 * Owns: the filter names, their arguments and their messages.
 * Must not: know about blocks or Markdown (template escapes the result). */
#ifndef BAOCAO_FILTER_H
#define BAOCAO_FILTER_H

#include <stdbool.h>

#include "expr.h"

/* Replace *v by the text filter f makes of it; errors are reported at the
 * filter or the value and return false. */
bool filter_apply(struct expr_ctx *c, struct expr_filter *f, struct expr_value *v);

#endif
