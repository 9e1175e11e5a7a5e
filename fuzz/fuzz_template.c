/* Fuzz target: expressions and template expansion. Raw bytes ->
 * text_prepare -> tpl_expand (tokens, block matching, loops, lookups,
 * filters, escaping, the line map) against a fixed dataset, front-matter
 * scalars (some holding placeholders) and --set values; then the same
 * text as one front-matter
 * value (tpl_expand_value), inside a batch row. */
#include <stddef.h>
#include <stdint.h>

#include "fuzz.h"
#include "template.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_quiet();
	diag_reset();
	const struct dataset *ds = fuzz_dataset();
	struct arena a;
	arena_init(&a);
	char *src;
	size_t len;
	if (text_prepare(&a, "t.md", 10, (const char *)data, size, &src, &len)) {
		struct tpl_env env = {.data = ds, .batch_row = -1, .locale = LOCALE_VI,
				      .sets = fuzz_sets, .nsets = FUZZ_NSETS,
				      .vars = fuzz_vars, .nvars = FUZZ_NVARS};
		env.expanded = tpl_vars_new(&a, &env);
		struct buf out = BUF_INIT;
		struct linemap map = {0};
		bool ok = tpl_expand(&a, "t.md", 10, src, len, &env, &out, &map);
		if (!ok && diag_errors() == 0)
			abort(); /* a failure is always reported */
		if (ok) {
			/* one map entry per output line, each a template line */
			size_t nl = 0;
			for (size_t i = 0; i < out.len; i++)
				nl += out.ptr[i] == '\n';
			int last = 10;
			for (size_t i = 0; i < len; i++)
				last += src[i] == '\n';
			if (map.n != nl + 1)
				abort();
			for (size_t i = 0; i < map.n; i++)
				if (map.lines[i] < 10 || map.lines[i] > last)
					abort();
			if (strlen(buf_cstr(&out)) != out.len)
				abort(); /* no NUL in the expansion */
		}
		buf_free(&out);

		diag_reset();
		env.batch_table = data_find(ds, "xa");
		env.batch_row = 1;
		env.expanded = tpl_vars_new(&a, &env); /* values depend on the row */
		const char *v;
		ok = tpl_expand_value(&a, (struct srcloc){"t.md", 3, 9}, src, &env, &v);
		/* an expanded value is one line (YAML block scalars without
		 * placeholders keep theirs: the header prints them) */
		if (ok && strstr(src, "{{") && strchr(v, '\n'))
			abort();
		if (!ok && diag_errors() == 0)
			abort();
	}
	arena_free(&a);
	return 0;
}
