#include "fileio.h"
#include "i18n.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "fsafe.h"

enum { READ_CHUNK = 65536 };

enum fio_status fio_read(const char *path, size_t limit, struct buf *out,
			 const char **why)
{
	FILE *f = fsafe_open_input(path, why);
	if (!f)
		return FIO_CANNOT_OPEN;
	/* a regular file's size is known: one allocation, not a doubling */
	struct stat st;
	if (fstat(fileno(f), &st) == 0 && st.st_size > 0 && (size_t)st.st_size <= limit)
		buf_grow(out, (size_t)st.st_size);
	char tmp[READ_CHUNK];
	size_t n;
	while ((n = fread(tmp, 1, sizeof tmp, f)) > 0) {
		buf_put(out, tmp, n);
		if (out->len > limit) {
			fclose(f);
			return FIO_TOO_LARGE;
		}
	}
	bool bad = ferror(f);
	fclose(f);
	return bad ? FIO_CANNOT_READ : FIO_OK;
}

bool fio_same_file(const char *a, const char *b)
{
	struct stat sa, sb;
	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
	       sa.st_ino == sb.st_ino;
}

bool fio_make_dirs(const char *path)
{
	char *p = strdup(path);
	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = 0;
		if (mkdir(p, 0777) != 0 && errno != EEXIST) {
			diag_fail(DIAG_IO, "cannot create folder '%s': %s", p,
				  i18n_strerror(errno));
			free(p);
			return false;
		}
		*s = '/';
	}
	free(p);
	return true;
}

bool fio_output_blocked(const char *path)
{
	const char *why = fsafe_output_blocked(path);
	if (!why)
		return false;
	if (!strcmp(why, "a folder"))
		diag_fail(DIAG_IO, "cannot write '%s': Is a directory", path);
	else
		diag_fail(DIAG_IO,
			  "cannot write '%s': it is %s, and baocao replaces only "
			  "regular files; choose another -o",
			  path, _(why));
	return true;
}

bool fio_write_atomic(const char *path, const struct buf *b)
{
	if (fio_output_blocked(path))
		return false;
	size_t n = strlen(path);
	char *tmp = malloc(n + 16);
	snprintf(tmp, n + 16, "%s.tmpXXXXXX", path);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		diag_fail(DIAG_IO, "cannot write '%s': %s", path, i18n_strerror(errno));
		free(tmp);
		return false;
	}
	size_t off = 0;
	bool ok = true;
	while (off < b->len) {
		ssize_t w = write(fd, b->ptr + off, b->len - off);
		if (w <= 0) {
			ok = false;
			break;
		}
		off += (size_t)w;
	}
	/* mkstemp makes 0600 files; a report is for others to read */
	mode_t um = umask(0);
	umask(um);
	fchmod(fd, 0666 & ~um);
	if (close(fd) != 0)
		ok = false;
	/* checked again: the path may have changed during the build */
	if (ok && fio_output_blocked(path)) {
		unlink(tmp);
		free(tmp);
		return false;
	}
	if (ok && rename(tmp, path) != 0)
		ok = false;
	if (!ok) {
		diag_fail(DIAG_IO, "cannot write '%s': %s", path, i18n_strerror(errno));
		unlink(tmp);
	}
	free(tmp);
	return ok;
}
