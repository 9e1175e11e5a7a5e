#include "i18n.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "paths.h"

/* the catalogue: a GNU .mo file, read whole */
static unsigned char *mo;
static size_t mo_len;
static uint32_t mo_n, mo_orig, mo_trans;
static bool mo_swap;

static uint32_t u32(size_t off)
{
	if (off + 4 > mo_len)
		return 0;
	uint32_t v;
	memcpy(&v, mo + off, 4);
	return mo_swap ? __builtin_bswap32(v) : v;
}

/* string i of a table (orig or trans): NULL when out of the file */
static const char *str_at(uint32_t table, uint32_t i, uint32_t *len)
{
	*len = u32(table + (size_t)i * 8);
	uint32_t off = u32(table + (size_t)i * 8 + 4);
	if ((size_t)off + *len >= mo_len || mo[off + *len] != 0)
		return NULL;
	return (const char *)mo + off;
}

static bool load(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return false;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	rewind(f);
	if (n < 28 || n > (64L << 20)) {
		fclose(f);
		return false;
	}
	mo = malloc((size_t)n);
	mo_len = mo && fread(mo, 1, (size_t)n, f) == (size_t)n ? (size_t)n : 0;
	fclose(f);
	uint32_t magic;
	if (mo_len)
		memcpy(&magic, mo, 4);
	if (!mo_len || (magic != 0x950412de && magic != 0xde120495)) {
		free(mo);
		mo = NULL;
		mo_len = 0;
		return false;
	}
	mo_swap = magic == 0xde120495;
	mo_n = u32(8);
	mo_orig = u32(12);
	mo_trans = u32(16);
	if ((size_t)mo_orig + (size_t)mo_n * 8 > mo_len ||
	    (size_t)mo_trans + (size_t)mo_n * 8 > mo_len)
		mo_n = 0;
	return true;
}

/* The language gettext would pick: LANGUAGE (a list, ignored under the
 * C locale) before LC_ALL, LC_MESSAGES, LANG; "vi", "vi_VN", "vi_VN.UTF-8"
 * are Vietnamese. */
static bool wants_vi(void)
{
	const char *loc = NULL;
	const char *vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
	for (int i = 0; i < 3 && !loc; i++) {
		const char *v = getenv(vars[i]);
		if (v && *v)
			loc = v;
	}
	if (!loc || !strcmp(loc, "C") || !strcmp(loc, "POSIX") || !strncmp(loc, "C.", 2))
		return false; /* as gettext: the C locale means English */
	const char *list = getenv("LANGUAGE");
	if (!list || !*list)
		list = loc;
	/* the first language named wins: only Vietnamese has a catalogue,
	 * English is the messages themselves */
	for (const char *p = list; *p;) {
		size_t n = strcspn(p, ":");
		size_t lang = strcspn(p, "_.@:");
		if (lang == 2 && !strncmp(p, "vi", 2))
			return true;
		if ((lang == 2 && !strncmp(p, "en", 2)) || (lang == 1 && *p == 'C'))
			return false;
		p += n;
		if (*p == ':')
			p++;
	}
	return false;
}

void i18n_init(void)
{
	if (mo || !wants_vi())
		return;
	static const char *const rel[] = {"locale", "../locale", "../share/locale",
					  NULL};
	const char *probe = "vi/LC_MESSAGES/baocao.mo";
	char *dir = paths_find(rel, probe);
	if (!dir)
		return;
	size_t n = strlen(dir) + strlen(probe) + 2;
	char *path = malloc(n);
	snprintf(path, n, "%s/%s", dir, probe);
	load(path);
	free(path);
	free(dir);
}

bool i18n_vi(void)
{
	return mo != NULL;
}

const char *i18n_tr(const char *msgid)
{
	if (!mo || !msgid || !*msgid)
		return msgid;
	/* msgfmt sorts the original strings: binary search */
	uint32_t lo = 0, hi = mo_n;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2, len;
		const char *s = str_at(mo_orig, mid, &len);
		if (!s)
			return msgid;
		int c = strcmp(msgid, s);
		if (c == 0) {
			const char *t = str_at(mo_trans, mid, &len);
			return t && *t ? t : msgid;
		}
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return msgid;
}

const char *i18n_strerror(int err)
{
	/* glibc's own texts come from its catalogue, which needs the locale
	 * that setlocale may not find; ours are in baocao.mo */
	static const struct {
		int err;
		const char *text;
	} known[] = {
	    {ENOENT, N_("No such file or directory")},
	    {ENOTDIR, N_("Not a directory")},
	    {EISDIR, N_("Is a directory")},
	    {EACCES, N_("Permission denied")},
	    {EPERM, N_("Operation not permitted")},
	    {ENOSPC, N_("No space left on device")},
	    {EROFS, N_("Read-only file system")},
	    {ELOOP, N_("Too many levels of symbolic links")},
	    {ENAMETOOLONG, N_("File name too long")},
	    {EEXIST, N_("File exists")},
	    {EMFILE, N_("Too many open files")},
	    {EIO, N_("Input/output error")},
	};
	for (size_t i = 0; i < sizeof known / sizeof *known; i++)
		if (known[i].err == err)
			return i18n_tr(known[i].text);
	return strerror(err);
}
