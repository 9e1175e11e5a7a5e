#include "input.h"

#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bounds.h"
#include "buf.h"
#include "deps.h"
#include "diag.h"
#include "fileio.h"
#include "i18n.h"
#include "memhint.h"
#include "text.h"

static bool read_template(const char *path, struct buf *out)
{
	const size_t limit = MAX_INPUT_BYTES;
	const char *why;
	switch (fio_read(path, limit, out, &why)) {
	case FIO_OK: return true;
	case FIO_CANNOT_OPEN:
		if (!strcmp(why, "a folder"))
			diag_fail(DIAG_IO, "'%s' is a folder, not a file", path);
		else
			diag_fail(DIAG_IO, "cannot read '%s': %s", path, _(why));
		return false;
	case FIO_TOO_LARGE:
		diag_error((struct srcloc){path, 0, 0}, "file is larger than %zu MB",
			   limit >> 20);
		return false;
	case FIO_CANNOT_READ: break;
	}
	diag_fail(DIAG_IO, "cannot read '%s'", path);
	return false;
}

char *input_default_output(const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	size_t n = strlen(base);
	/* the stem: without its last extension (.md, .markdown, .txt), but
	 * a name that only starts with a dot keeps it */
	const char *dot = strrchr(base, '.');
	if (dot && dot > base)
		n = (size_t)(dot - base);
	char *o = malloc(n + 5);
	memcpy(o, base, n);
	memcpy(o + n, ".pdf", 5);
	return o;
}

static char *default_data_dir(const char *path)
{
	char *copy = strdup(path);
	const char *dir = dirname(copy);
	size_t n = strlen(dir) + 6;
	char *d = malloc(n);
	/* "data/x.csv" in messages, not "./data/x.csv" */
	snprintf(d, n, "%s%sdata", strcmp(dir, ".") ? dir : "",
		 strcmp(dir, ".") ? "/" : "");
	free(copy);
	struct stat st;
	if (stat(d, &st) == 0 && S_ISDIR(st.st_mode))
		return d;
	free(d);
	return NULL;
}

bool input_load_source(struct arena *a, const char *path, const char *data_dir,
		       enum data_locale locale, const struct scalar *sets, int nsets,
		       struct source *s)
{
	s->file = path;
	deps_add(path);
	struct buf raw = BUF_INIT;
	if (!read_template(path, &raw)) {
		buf_free(&raw);
		return false;
	}
	char *src;
	size_t len;
	if (raw.len > LARGE_BUILD_BYTES) /* as early as it is known */
		memhint_large_build();
	bool ok = text_prepare(a, path, 1, buf_cstr(&raw), raw.len, &src, &len);
	buf_free(&raw);
	s->text = src;
	s->text_len = ok ? len : 0;
	ok = ok && fm_parse(a, path, src, len, &s->fm);
	if (!ok)
		return false;
	/* --set overrides front-matter values, the header's parts and the
	 * du_thao / danh_so_tu_dong switches included */
	for (int i = 0; i < nsets; i++)
		ok &= fm_override(&s->fm, &sets[i]);
	if (!ok)
		return false;
	char *dd = data_dir ? strdup(data_dir) : default_data_dir(path);
	if (dd) {
		struct stat st;
		if (stat(dd, &st) != 0 || !S_ISDIR(st.st_mode)) {
			bool exists = stat(dd, &st) == 0;
			diag_fail(DIAG_IO,
				  exists ? _("data folder '%s' is a file, not a folder")
					 : _("data folder '%s' does not exist"),
				  dd);
			free(dd);
			return false;
		}
		ok = data_load_dir_spec(a, arena_strdup(a, dd), locale, s->fm.specs,
					s->fm.nspecs, &s->data);
		s->has_data = ok;
		free(dd);
	}
	return ok;
}

bool input_load_fonts(const char *font_dir, struct fontset *fs)
{
	char *dir = font_dir ? strdup(font_dir) : font_default_dir();
	if (!dir) {
		diag_fail(DIAG_IO,
			  "cannot find baocao's fonts folder; use --font-dir DIR");
		return false;
	}
	bool ok = font_load(fs, dir);
	free(dir);
	return ok;
}

bool input_overwritten(const char *out, const struct source *s,
		       const struct fontset *fs)
{
	char what[64 + 4096];
	what[0] = 0;
	if (fio_same_file(out, s->file))
		snprintf(what, sizeof what, "%s", _("the template itself"));
	for (int i = 0; !what[0] && s->has_data && i < s->data.ntables; i++)
		if (fio_same_file(out, s->data.tables[i].path))
			snprintf(what, sizeof what, _("the data file '%s'"),
				 s->data.tables[i].path);
	for (int f = 0; !what[0] && f < FACE_COUNT; f++)
		if (fs->face[f].path && fio_same_file(out, fs->face[f].path))
			snprintf(what, sizeof what, _("the font file '%s'"),
				 fs->face[f].path);
	if (!what[0])
		return false;
	diag_fail(DIAG_USAGE, "output '%s' is %s; choose another -o", out, what);
	return true;
}
