/* scalar: a named text value a template can use (a front-matter key,
 * a --set option, a column of the current batch row), with where it was
 * written. Shared by frontmatter, cli and template. */
#ifndef BAOCAO_SCALAR_H
#define BAOCAO_SCALAR_H

#include "diag.h"

struct scalar {
	const char *name;
	const char *value; /* NFC UTF-8, as written */
	struct srcloc loc;
};

#endif
