#include "font.h"

#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "deps.h"
#include "diag.h"
#include "fileio.h"
#include "text.h"

static uint16_t be16(const unsigned char *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}
static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

struct ttf {
	unsigned char *data;
	size_t len;
};

/* A font file, whole (regular files only: fio_read goes through fsafe);
 * silently false when unreadable or not TrueType-sized: the callers say
 * which face is missing or bad. */
static bool read_file(const char *path, struct ttf *t)
{
	const char *why;
	struct buf b = BUF_INIT;
	if (fio_read(path, 64u << 20, &b, &why) != FIO_OK || b.len <= 12) {
		buf_free(&b);
		return false;
	}
	t->data = (unsigned char *)b.ptr;
	t->len = b.len;
	return true;
}

/* Table directory lookup; returns NULL when absent or out of bounds. */
static const unsigned char *table(const struct ttf *t, const char *tag, size_t *len)
{
	uint16_t n = be16(t->data + 4);
	if (12 + (size_t)n * 16 > t->len)
		return NULL;
	for (uint16_t i = 0; i < n; i++) {
		const unsigned char *e = t->data + 12 + (size_t)i * 16;
		if (memcmp(e, tag, 4) == 0) {
			uint32_t off = be32(e + 8), l = be32(e + 12);
			if (off > t->len || l > t->len - off)
				return NULL;
			*len = l;
			return t->data + off;
		}
	}
	return NULL;
}

/* Fill face->width from the cmap (format 4, Unicode BMP) and hmtx. */
static bool parse_metrics(const struct ttf *t, struct face *face)
{
	size_t hl, hhl, ml, cl;
	const unsigned char *head = table(t, "head", &hl);
	const unsigned char *hhea = table(t, "hhea", &hhl);
	const unsigned char *hmtx = table(t, "hmtx", &ml);
	const unsigned char *cmap = table(t, "cmap", &cl);
	if (!head || hl < 54 || !hhea || hhl < 36 || !hmtx || !cmap || cl < 4)
		return false;
	unsigned upem = be16(head + 18);
	unsigned nhm = be16(hhea + 34);
	size_t pl;
	const unsigned char *post = table(t, "post", &pl);
	if (post && pl >= 8) /* Fixed 16.16, rounded to whole degrees */
		face->italic_angle = (int)lround((int32_t)be32(post + 4) / 65536.0);
	if (upem == 0 || nhm == 0 || (size_t)nhm * 4 > ml)
		return false;
	/* Pick the Windows Unicode BMP subtable (3,1), else Unicode (0,x). */
	const unsigned char *sub = NULL;
	uint16_t nsub = be16(cmap + 2);
	for (uint16_t i = 0; i < nsub && 4 + (size_t)i * 8 + 8 <= cl; i++) {
		const unsigned char *e = cmap + 4 + i * 8;
		uint16_t pid = be16(e), eid = be16(e + 2);
		uint32_t off = be32(e + 4);
		/* no sum of offsets may wrap: compare against what is left */
		if (off > cl || cl - off < 4 || be16(cmap + off) != 4)
			continue;
		if ((pid == 3 && eid == 1) || (pid == 0 && !sub))
			sub = cmap + off;
	}
	if (!sub)
		return false;
	size_t slen = be16(sub + 2);
	if (slen > (size_t)(cmap + cl - sub) || slen < 16)
		return false;
	unsigned segx2 = be16(sub + 6);
	if (16 + (size_t)segx2 * 4 > slen)
		return false;
	const unsigned char *ends = sub + 14, *starts = ends + segx2 + 2,
			    *deltas = starts + segx2, *ranges = deltas + segx2;
	face->width = malloc(65536 * sizeof *face->width);
	if (!face->width)
		return false;
	for (size_t i = 0; i < 65536; i++)
		face->width[i] = FONT_NO_GLYPH;
	for (unsigned s = 0; s < segx2 / 2; s++) {
		unsigned end = be16(ends + 2 * s), start = be16(starts + 2 * s);
		uint16_t delta = be16(deltas + 2 * s), ro = be16(ranges + 2 * s);
		for (unsigned c = start; c <= end && c < 0xFFFF; c++) {
			unsigned gid;
			if (ro == 0) {
				gid = (c + delta) & 0xFFFF;
			} else {
				/* offset into the subtable, bounded before
				 * any pointer is formed */
				size_t at = (size_t)(ranges - sub) + 2 * (size_t)s + ro +
					    2 * (size_t)(c - start);
				if (at > slen - 2)
					continue;
				gid = be16(sub + at);
				if (gid)
					gid = (gid + delta) & 0xFFFF;
			}
			if (gid == 0)
				continue;
			unsigned adv =
			    gid < nhm ? be16(hmtx + 4 * gid) : be16(hmtx + 4 * (nhm - 1));
			/* libharu: (HPDF_UINT16)(advance * 1000 / units_per_em) */
			face->width[c] = (uint16_t)(adv * 1000u / upem);
		}
	}
	return true;
}

/* libharu 2.3.0 reads the file again to embed it, and trusts it: sizes
 * it allocates from and offsets it follows are not checked (a mutated
 * length or glyph index crashed it or made it spin). So the tables it
 * reads are checked here first, and a font that fails is unreadable. */
static bool table_ok(const struct ttf *t, const char *tag, size_t min,
		     const unsigned char **p, size_t *len)
{
	*p = table(t, tag, len);
	return *p && *len >= min;
}

static bool glyphs_ok(const struct ttf *t, unsigned nglyphs, bool long_loca)
{
	size_t ll, gl;
	const unsigned char *loca, *glyf;
	if (!table_ok(t, "loca", ((size_t)nglyphs + 1) * (long_loca ? 4 : 2), &loca,
		      &ll) ||
	    !table_ok(t, "glyf", 0, &glyf, &gl))
		return false;
	size_t prev = 0;
	for (unsigned g = 0; g <= nglyphs; g++) {
		size_t off = long_loca ? be32(loca + 4 * (size_t)g)
				       : 2 * (size_t)be16(loca + 2 * (size_t)g);
		if (off < prev || off > gl)
			return false;
		if (g > 0 && off - prev >= 10 && (int16_t)be16(glyf + prev) < 0) {
			/* a composite: every component names a real glyph */
			size_t q = prev + 10, end = off;
			for (;;) {
				if (end - q < 4)
					return false;
				uint16_t flags = be16(glyf + q), gid = be16(glyf + q + 2);
				if (gid >= nglyphs)
					return false;
				q += 4 + ((flags & 1) ? 4 : 2);
				q += (flags & 8)      ? 2
				     : (flags & 0x40) ? 4
				     : (flags & 0x80) ? 8
						      : 0;
				if (q > end)
					return false;
				if (!(flags & 0x20))
					break;
			}
		}
		prev = off;
	}
	return true;
}

static bool libharu_safe(const struct ttf *t)
{
	uint16_t n = be16(t->data + 4);
	if (n == 0 || 12 + (size_t)n * 16 > t->len)
		return false;
	for (uint16_t i = 0; i < n; i++) { /* every entry inside the file */
		const unsigned char *e = t->data + 12 + (size_t)i * 16;
		uint32_t off = be32(e + 8), l = be32(e + 12);
		if (off > t->len || l > t->len - off)
			return false;
	}
	const unsigned char *head, *maxp, *hhea, *hmtx, *cmap, *name, *os2;
	size_t hl, ml, hhl, mtl, cl, nl, ol;
	if (!table_ok(t, "head", 54, &head, &hl) || !table_ok(t, "maxp", 6, &maxp, &ml) ||
	    !table_ok(t, "hhea", 36, &hhea, &hhl) ||
	    !table_ok(t, "hmtx", 4, &hmtx, &mtl) || !table_ok(t, "cmap", 4, &cmap, &cl) ||
	    !table_ok(t, "name", 6, &name, &nl) || !table_ok(t, "OS/2", 78, &os2, &ol))
		return false;
	unsigned upem = be16(head + 18), loc_fmt = be16(head + 50);
	unsigned nglyphs = be16(maxp + 4), nhm = be16(hhea + 34);
	if (upem < 16 || upem > 16384 || loc_fmt > 1 || nglyphs == 0 || nhm == 0 ||
	    nhm > nglyphs || mtl < 4 * (size_t)nhm + 2 * (size_t)(nglyphs - nhm))
		return false;
	/* cmap: every subtable inside it, format 4 ones consistent */
	uint16_t nsub = be16(cmap + 2);
	if (4 + (size_t)nsub * 8 > cl)
		return false;
	for (uint16_t i = 0; i < nsub; i++) {
		uint32_t off = be32(cmap + 4 + (size_t)i * 8 + 4);
		if (off > cl || cl - off < 4)
			return false;
		if (be16(cmap + off) != 4)
			continue;
		if (cl - off < 16)
			return false;
		size_t slen = be16(cmap + off + 2), segx2 = be16(cmap + off + 6);
		if (slen > cl - off || segx2 == 0 || segx2 % 2 || 16 + 4 * segx2 > slen)
			return false;
	}
	/* name: its records and strings inside it */
	size_t count = be16(name + 2), storage = be16(name + 4);
	if (6 + count * 12 > nl || storage > nl)
		return false;
	for (size_t i = 0; i < count; i++) {
		const unsigned char *r = name + 6 + i * 12;
		if ((size_t)be16(r + 10) + be16(r + 8) > nl - storage)
			return false;
	}
	return glyphs_ok(t, nglyphs, loc_fmt == 1);
}

/* OS/2 fsSelection: bit 0 italic, bit 5 bold. -1 when unknown. */
static int style_of(const struct ttf *t)
{
	size_t l;
	const unsigned char *os2 = table(t, "OS/2", &l);
	if (!os2 || l < 64)
		return -1;
	uint16_t sel = be16(os2 + 62);
	return FACE_OF(sel & 0x20, sel & 0x01);
}

bool font_parse_face(const unsigned char *data, size_t len, struct face *face, int *style)
{
	*style = -1;
	if (len <= 12)
		return false;
	struct ttf t = {(unsigned char *)data, len};
	*style = style_of(&t);
	(void)libharu_safe(&t); /* must not crash on anything either */
	return parse_metrics(&t, face);
}

static const char *const known[FACE_COUNT][7] = {
    {"BaocaoSerif-Regular.ttf", "LiberationSerif-Regular.ttf", "times.ttf",
     "Times New Roman.ttf", "TimesNewRoman.ttf", "Tinos-Regular.ttf", NULL},
    {"BaocaoSerif-Bold.ttf", "LiberationSerif-Bold.ttf", "timesbd.ttf",
     "Times New Roman Bold.ttf", "TimesNewRoman-Bold.ttf", "Tinos-Bold.ttf", NULL},
    {"BaocaoSerif-Italic.ttf", "LiberationSerif-Italic.ttf", "timesi.ttf",
     "Times New Roman Italic.ttf", "TimesNewRoman-Italic.ttf", "Tinos-Italic.ttf", NULL},
    {"BaocaoSerif-BoldItalic.ttf", "LiberationSerif-BoldItalic.ttf", "timesbi.ttf",
     "Times New Roman Bold Italic.ttf", "TimesNewRoman-BoldItalic.ttf",
     "Tinos-BoldItalic.ttf", NULL},
};

static const char *const face_label[FACE_COUNT] = {"regular", "bold", "italic",
						   "bold italic"};

static char *join(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *p = malloc(n);
	snprintf(p, n, "%s/%s", dir, name);
	return p;
}

static bool ends_with_ttf(const char *s)
{
	size_t n = strlen(s);
	return n > 4 && strcasecmp(s + n - 4, ".ttf") == 0;
}

bool font_load(struct fontset *fs, const char *dir)
{
	memset(fs, 0, sizeof *fs);
	fs->dir = strdup(dir);
	DIR *d = opendir(dir);
	if (!d) {
		diag_fail(DIAG_IO, "cannot open font folder '%s'", dir);
		return false;
	}
	/* First pass: well-known file names (case-insensitive). */
	char *cand[FACE_COUNT] = {0};
	int rank[FACE_COUNT] = {99, 99, 99, 99};
	struct dirent *e;
	char **others = NULL;
	size_t nothers = 0;
	while ((e = readdir(d))) {
		/* a folder, FIFO, device or broken link named *.ttf is no
		 * face: skipped (reading a FIFO would hang the build) */
		struct stat st;
		if (!ends_with_ttf(e->d_name) ||
		    fstatat(dirfd(d), e->d_name, &st, 0) != 0 || !S_ISREG(st.st_mode))
			continue;
		bool matched = false;
		for (int f = 0; f < FACE_COUNT; f++)
			for (int k = 0; known[f][k]; k++)
				if (strcasecmp(e->d_name, known[f][k]) == 0 &&
				    k < rank[f]) {
					free(cand[f]);
					cand[f] = strdup(e->d_name);
					rank[f] = k;
					matched = true;
				}
		if (!matched) {
			/* (a failed realloc keeps the old array: no leak, no crash) */
			char **grown = realloc(others, (nothers + 1) * sizeof *others);
			if (!grown)
				continue;
			others = grown;
			others[nothers++] = strdup(e->d_name);
		}
	}
	closedir(d);
	/* Second pass: other TrueType files, told apart by their style bits;
	 * sorted so the choice does not depend on directory order. */
	for (size_t i = 0; i + 1 < nothers; i++)
		for (size_t j = i + 1; j < nothers; j++)
			if (strcmp(others[j], others[i]) < 0) {
				char *t = others[i];
				others[i] = others[j];
				others[j] = t;
			}
	for (size_t i = 0; i < nothers; i++) {
		char *p = join(dir, others[i]);
		struct ttf t = {0};
		if (read_file(p, &t) && t.len > 12) {
			int st = style_of(&t);
			if (st >= 0 && !cand[st])
				cand[st] = strdup(others[i]);
		}
		free(t.data);
		free(p);
		free(others[i]);
	}
	free(others);

	/* One message for all missing faces (an empty folder is one
	 * mistake, not four), and none after the first unreadable file. */
	struct buf missing = BUF_INIT;
	for (int f = 0; f < FACE_COUNT; f++)
		if (!cand[f])
			buf_printf(&missing, "%s%s", missing.len ? ", " : "",
				   face_label[f]);
	if (missing.len) {
		diag_fail(
		    DIAG_IO,
		    "font folder '%s' has no %s face (expected e.g. %s, %s, %s, %s)", dir,
		    buf_cstr(&missing), known[0][0], known[1][0], known[2][0],
		    known[3][0]);
		buf_free(&missing);
		for (int f = 0; f < FACE_COUNT; f++)
			free(cand[f]);
		return false;
	}
	bool ok = true;
	for (int f = 0; f < FACE_COUNT; f++) {
		struct face *face = &fs->face[f];
		face->path = join(dir, cand[f]);
		face->name = cand[f]; /* font_free frees them */
		deps_add(face->path);
		if (!ok)
			continue;
		struct ttf t = {0};
		if (!read_file(face->path, &t) || !libharu_safe(&t) ||
		    !parse_metrics(&t, face)) {
			diag_fail(DIAG_IO, "cannot read TrueType font '%s'", face->path);
			ok = false;
			free(t.data);
			continue;
		}
		face->data = t.data;
		face->len = t.len;
	}
	return ok;
}

void font_free(struct fontset *fs)
{
	for (int f = 0; f < FACE_COUNT; f++) {
		free(fs->face[f].path);
		free(fs->face[f].name);
		free(fs->face[f].width);
		free(fs->face[f].data);
	}
	free(fs->dir);
	memset(fs, 0, sizeof *fs);
}

static bool has_regular(const char *dir)
{
	bool ok = false;
	for (int k = 0; k < 2 && !ok; k++) {
		char *p = join(dir, known[0][k]);
		ok = access(p, R_OK) == 0;
		free(p);
	}
	return ok;
}

char *font_default_dir(void)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return NULL;
	exe[n] = 0;
	char *slash = strrchr(exe, '/');
	if (!slash)
		return NULL;
	*slash = 0;
	/* build/fonts (derived faces), then the installed share folder, then
	 * the source tree's original Liberation files */
	const char *rel[] = {"/fonts", "/../share/baocao/fonts", "/../fonts"};
	for (size_t i = 0; i < sizeof rel / sizeof *rel; i++) {
		char *p = join(exe, rel[i] + 1);
		if (has_regular(p)) {
			char *r = realpath(p, NULL);
			free(p);
			return r;
		}
		free(p);
	}
	return NULL;
}

double font_width(const struct face *f, const char *s, size_t n, double size)
{
	long w = 0;
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		int32_t cp = c < 0x80 ? (i++, c) : text_next(s, &i);
		w += font_cp_width(f, cp);
	}
	return (double)w * size / 1000.0;
}
