#include "batch.h"
#include "i18n.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "fsafe.h"

/* "out/{ma}.pdf" with the row's values; NULL (reported) on a bad
 * pattern. A value that cannot be one plain file name (empty, absolute,
 * with '/', '..', a leading dot or control characters: it could write
 * outside the output folder or a hidden file) refuses only that row:
 * *refused is set and the row reported at its cell. */
static char *batch_path(const char *pattern, const struct table *t, int row,
			bool *refused)
{
	struct buf b = BUF_INIT;
	*refused = false;
	for (const char *p = pattern; *p; p++) {
		if (*p != '{') {
			buf_putc(&b, *p);
			continue;
		}
		const char *e = strchr(p, '}');
		if (!e) {
			buf_putc(&b, *p);
			continue;
		}
		char *name = strndup(p + 1, (size_t)(e - p - 1));
		int col = data_column(t, name);
		if (col < 0) {
			struct buf cols = BUF_INIT;
			for (int i = 0; i < t->ncols; i++)
				buf_printf(&cols, "%s%s", i ? ", " : "", t->names[i]);
			diag_fail(DIAG_USAGE,
				  "-o '%s': unknown column '%s' in %s; columns are: %s",
				  pattern, name, t->path, buf_cstr(&cols));
			buf_free(&cols);
			free(name);
			buf_free(&b);
			return NULL;
		}
		const struct cell *c = data_cell(t, row, col);
		const char *why = fsafe_name_part(c->text);
		if (why && !*refused) {
			diag_error((struct srcloc){t->path, c->line, c->col},
				   "row %d: the value '%s' of column '%s' %s, so it "
				   "cannot name the file of -o '%s'; this row is not "
				   "written",
				   row + 1, c->text, name, _(why), pattern);
			*refused = true;
		}
		free(name);
		buf_puts(&b, c->text);
		p = e;
	}
	char *r = strdup(buf_cstr(&b));
	buf_free(&b);
	return r;
}

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* Two rows named alike would overwrite each other's report, and none may
 * be an input: both are found before anything is written. */
char **batch_paths(const struct source *s, const struct fontset *fs,
		   const struct table *t, const char *pattern)
{
	char **paths = calloc((size_t)t->nrows + 1, sizeof *paths);
	char **sorted = calloc((size_t)t->nrows + 1, sizeof *sorted);
	bool ok = true;
	int nsorted = 0;
	for (int r = 0; ok && r < t->nrows; r++) {
		bool refused;
		paths[r] = batch_path(pattern, t, r, &refused);
		ok = paths[r] && !input_overwritten(paths[r], s, fs);
		if (refused) { /* reported; the row stays NULL, not written */
			free(paths[r]);
			paths[r] = NULL;
		} else if (paths[r]) {
			sorted[nsorted++] = paths[r];
		}
	}
	if (ok && nsorted > 1) {
		qsort(sorted, (size_t)nsorted, sizeof *sorted, cmp_str);
		for (int i = 1; ok && i < nsorted; i++)
			if (strcmp(sorted[i - 1], sorted[i]) == 0) {
				int r1 = -1, r2 = -1;
				for (int r = 0; r < t->nrows && r2 < 0; r++)
					if (paths[r] && strcmp(paths[r], sorted[i]) == 0)
						r1 < 0 ? (r1 = r) : (r2 = r);
				diag_fail(
				    DIAG_USAGE,
				    "-o '%s': rows %d and %d of %s would both be written "
				    "to '%s'; use a column whose values differ",
				    pattern, r1 + 1, r2 + 1, t->path, sorted[i]);
				ok = false;
			}
	}
	free(sorted);
	if (!ok) {
		for (int r = 0; r < t->nrows; r++)
			free(paths[r]);
		free(paths);
		return NULL;
	}
	return paths;
}
