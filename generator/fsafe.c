#include "fsafe.h"
#include "i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *kind_of(mode_t m)
{
	if (S_ISREG(m))
		return NULL;
	if (S_ISDIR(m))
		return N_("a folder");
	if (S_ISFIFO(m))
		return N_("a FIFO (named pipe)");
	if (S_ISCHR(m) || S_ISBLK(m))
		return N_("a device");
	if (S_ISSOCK(m))
		return N_("a socket");
	return N_("not a regular file");
}

/* stat failed with err on path: say why in words a user can act on */
static const char *stat_failure(const char *path, int err)
{
	struct stat l;
	if (err == ELOOP)
		return N_("a symbolic link loop");
	if (err == ENOENT && lstat(path, &l) == 0 && S_ISLNK(l.st_mode))
		return N_("a broken symbolic link");
	return i18n_strerror(err);
}

const char *fsafe_not_regular(const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0)
		return stat_failure(path, errno);
	return kind_of(st.st_mode);
}

FILE *fsafe_open_input(const char *path, const char **why)
{
	/* checked before the open (a device is never opened) and again on
	 * the descriptor (the file may have been swapped in between);
	 * O_NONBLOCK so even that open cannot wait for a FIFO's writer */
	*why = fsafe_not_regular(path);
	if (*why)
		return NULL;
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		*why = i18n_strerror(errno);
		return NULL;
	}
	struct stat st;
	if (fstat(fd, &st) != 0 || (*why = kind_of(st.st_mode)) != NULL) {
		if (!*why)
			*why = i18n_strerror(errno);
		close(fd);
		return NULL;
	}
	int fl = fcntl(fd, F_GETFL);
	if (fl >= 0)
		fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
	FILE *f = fdopen(fd, "rb");
	if (!f) {
		*why = i18n_strerror(errno);
		close(fd);
	}
	return f;
}

const char *fsafe_output_blocked(const char *path)
{
	struct stat st;
	if (lstat(path, &st) != 0)
		return NULL; /* nothing there (or the folder is missing: the
			      * write reports that) */
	if (S_ISLNK(st.st_mode)) {
		/* the rename replaces the link itself; still, a link to a
		 * device or folder says the user meant something else */
		if (stat(path, &st) != 0)
			return NULL;
	}
	return kind_of(st.st_mode);
}

const char *fsafe_name_part(const char *v)
{
	if (!*v)
		return N_("is empty");
	if (v[0] == '/')
		return N_("starts with '/' (an absolute path)");
	if (v[0] == '.')
		return N_("starts with '.' (a hidden file, or a parent folder)");
	if (strstr(v, ".."))
		return N_("contains '..'");
	for (const unsigned char *p = (const unsigned char *)v; *p; p++) {
		if (*p == '/' || *p == '\\')
			return N_("contains a path separator ('/' or '\\')");
		if (*p < 0x20 || *p == 0x7F)
			return N_("contains a control character");
		/* C1 controls U+0080..U+009F: C2 80..C2 9F */
		if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)
			return N_("contains a control character");
		/* direction marks and overrides (U+200E/F, U+202A..E,
		 * U+2066..9) would make the name read differently */
		if (p[0] == 0xE2 && p[1] == 0x80 &&
		    (p[2] == 0x8E || p[2] == 0x8F || (p[2] >= 0xAA && p[2] <= 0xAE)))
			return N_("contains a text direction mark");
		if (p[0] == 0xE2 && p[1] == 0x81 && p[2] >= 0xA6 && p[2] <= 0xA9)
			return N_("contains a text direction mark");
	}
	return NULL;
}
