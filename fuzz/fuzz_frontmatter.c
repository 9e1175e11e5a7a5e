/* Fuzz target: front matter. Raw bytes -> text_prepare (UTF-8, NUL,
 * BOM, CR checks; NFC) -> fm_parse (libyaml events, aliases refused,
 * node and depth limits, every key's type and range). */
#include <stddef.h>
#include <stdint.h>

#include "frontmatter.h"
#include "fuzz.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_quiet();
	diag_reset();
	struct arena a;
	arena_init(&a);
	char *src;
	size_t len;
	bool ok = text_prepare(&a, "fm.md", 1, (const char *)data, size, &src, &len);
	if (ok) {
		struct frontmatter fm;
		ok = fm_parse(&a, "fm.md", src, len, &fm);
		if (ok) {
			/* the body must lie inside the prepared text */
			if (fm.body < src || fm.body + fm.body_len != src + len ||
			    fm.body_line < 1)
				abort();
			for (int i = 0; i < fm.nvars; i++)
				if (!fm.vars[i].name || !fm.vars[i].value)
					abort();
		}
	}
	if (!ok && diag_errors() == 0)
		abort(); /* a failure is always reported */
	arena_free(&a);
	return 0;
}
