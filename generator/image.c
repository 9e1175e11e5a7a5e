/* image: PNG and JPEG files for the report (see image.h). */
#include "image.h"
#include "i18n.h"

#include <errno.h>
#include <limits.h>
#include <png.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "deps.h"
#include "doc.h"

static unsigned be32(const unsigned char *p)
{
	return (unsigned)p[0] << 24 | (unsigned)p[1] << 16 | (unsigned)p[2] << 8 | p[3];
}

static unsigned be16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static bool too_many_pixels(const char *name, long w, long h, struct srcloc loc)
{
	if (w <= 0 || h <= 0) {
		diag_error(loc, "image '%s' has no pixels (%ld x %ld)", name, w, h);
		return true;
	}
	if (w > MAX_IMAGE_PIXELS / h) {
		diag_error(loc,
			   "image '%s' is %ld x %ld pixels, more than %ld million; "
			   "scale it down (a printed page needs about 2000 pixels "
			   "across)",
			   name, w, h, MAX_IMAGE_PIXELS / 1000000);
		return true;
	}
	return false;
}

/* ---- PNG ---- */

struct pngmem {
	const unsigned char *p;
	size_t len, pos;
	struct buf out;
	char msg[200];
};

static void png_read_mem(png_structp png, png_bytep to, png_size_t n)
{
	struct pngmem *m = png_get_io_ptr(png);
	if (n > m->len - m->pos)
		png_error(png, "the file ends too early");
	memcpy(to, m->p + m->pos, n);
	m->pos += n;
}

static void png_write_mem(png_structp png, png_bytep from, png_size_t n)
{
	struct pngmem *m = png_get_io_ptr(png);
	buf_put(&m->out, from, n);
}

static void png_flush_mem(png_structp png)
{
	(void)png;
}

static void png_on_error(png_structp png, png_const_charp msg)
{
	struct pngmem *m = png_get_error_ptr(png);
	snprintf(m->msg, sizeof m->msg, "%s", msg);
	png_longjmp(png, 1);
}

static void png_on_warning(png_structp png, png_const_charp msg)
{
	(void)png;
	(void)msg;
}

/* Decode with libpng (any depth, interlace, palette, transparency) and
 * write a non-interlaced 8-bit RGB or RGBA PNG, which libharu embeds
 * correctly (it draws 16-bit samples as two half-width copies and cannot
 * read interlaced files). */
static bool png_normalise(struct arena *a, const char *name, struct image *im,
			  struct srcloc loc)
{
	struct pngmem m = {.p = im->data, .len = im->len, .out = BUF_INIT};
	png_structp rd = NULL, wr = NULL;
	png_infop ri = NULL, wi = NULL;
	unsigned char *volatile pixels = NULL;
	png_bytep *volatile rows = NULL;
	volatile bool ok = false;
	rd = png_create_read_struct(PNG_LIBPNG_VER_STRING, &m, png_on_error,
				    png_on_warning);
	ri = rd ? png_create_info_struct(rd) : NULL;
	if (!rd || !ri) {
		snprintf(m.msg, sizeof m.msg, "out of memory");
		goto done;
	}
	if (setjmp(png_jmpbuf(rd)))
		goto done;
	png_set_read_fn(rd, &m, png_read_mem);
	png_read_info(rd, ri);
	png_set_expand(rd); /* palette, gray < 8 bits, tRNS -> RGB(A) 8 */
	png_set_strip_16(rd);
	png_set_gray_to_rgb(rd);
	png_set_interlace_handling(rd);
	png_read_update_info(rd, ri);
	png_uint_32 w = png_get_image_width(rd, ri), h = png_get_image_height(rd, ri);
	int ch = png_get_channels(rd, ri);
	size_t rowbytes = png_get_rowbytes(rd, ri);
	if (rowbytes != (size_t)w * (size_t)ch) {
		snprintf(m.msg, sizeof m.msg, "unexpected sample layout");
		png_longjmp(rd, 1);
	}
	pixels = malloc(rowbytes * h);
	rows = malloc(sizeof *rows * h);
	if (!pixels || !rows) {
		snprintf(m.msg, sizeof m.msg, "out of memory");
		png_longjmp(rd, 1);
	}
	for (png_uint_32 y = 0; y < h; y++)
		rows[y] = pixels + rowbytes * y;
	png_read_image(rd, rows);
	png_read_end(rd, NULL);
	wr = png_create_write_struct(PNG_LIBPNG_VER_STRING, &m, png_on_error,
				     png_on_warning);
	wi = wr ? png_create_info_struct(wr) : NULL;
	if (!wr || !wi) {
		snprintf(m.msg, sizeof m.msg, "out of memory");
		goto done;
	}
	if (setjmp(png_jmpbuf(wr)))
		goto done;
	png_set_write_fn(wr, &m, png_write_mem, png_flush_mem);
	/* fast: the bytes are inflated again by libharu a moment later */
	png_set_compression_level(wr, 1);
	png_set_IHDR(wr, wi, w, h, 8, ch == 4 ? PNG_COLOR_TYPE_RGB_ALPHA : PNG_COLOR_TYPE_RGB,
		     PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
		     PNG_FILTER_TYPE_DEFAULT);
	png_write_info(wr, wi);
	png_write_image(wr, rows);
	png_write_end(wr, NULL);
	ok = true;
done:
	if (rd)
		png_destroy_read_struct(&rd, ri ? &ri : NULL, NULL);
	if (wr)
		png_destroy_write_struct(&wr, wi ? &wi : NULL);
	free(pixels);
	free(rows);
	if (ok) {
		unsigned char *d = arena_alloc_raw(a, m.out.len);
		memcpy(d, m.out.ptr, m.out.len);
		im->data = d;
		im->len = m.out.len;
	} else {
		diag_error(loc, "image '%s' is a damaged PNG (%s)", name, m.msg);
	}
	buf_free(&m.out);
	return ok;
}

/* Decode a plain PNG (8-bit, not interlaced) row by row with libpng, to
 * find damage here, at the picture's line: libharu's PNG loader aborts
 * the program on a libpng error (it sets no error handler). */
static bool png_check(const char *name, const struct image *im, struct srcloc loc)
{
	struct pngmem m = {.p = im->data, .len = im->len, .out = BUF_INIT};
	png_structp rd = png_create_read_struct(PNG_LIBPNG_VER_STRING, &m, png_on_error,
						png_on_warning);
	png_infop ri = rd ? png_create_info_struct(rd) : NULL;
	unsigned char *volatile row = NULL;
	volatile bool ok = false;
	if (!rd || !ri) {
		snprintf(m.msg, sizeof m.msg, "out of memory");
		goto done;
	}
	if (setjmp(png_jmpbuf(rd)))
		goto done;
	png_set_read_fn(rd, &m, png_read_mem);
	png_read_info(rd, ri);
	row = malloc(png_get_rowbytes(rd, ri) + 1);
	if (!row) {
		snprintf(m.msg, sizeof m.msg, "out of memory");
		goto done;
	}
	for (png_uint_32 y = 0, h = png_get_image_height(rd, ri); y < h; y++)
		png_read_row(rd, row, NULL);
	png_read_end(rd, NULL);
	ok = true;
done:
	if (rd)
		png_destroy_read_struct(&rd, ri ? &ri : NULL, NULL);
	free(row);
	if (!ok)
		diag_error(loc, "image '%s' is a damaged PNG (%s)", name, m.msg);
	return ok;
}

/* The zlib data of a plain PNG (see image.h), joined from its IDAT
 * chunks; the chunks were checked by png_parse or written by libpng. */
static void png_idat(struct arena *a, struct image *im)
{
	const unsigned char *p = im->data;
	size_t n = im->len, pos = 8, total = 0;
	if (n < 33 || p[24] != 8 || (p[25] != 0 && p[25] != 2) || p[28] != 0)
		return;
	for (int pass = 0; pass < 2; pass++) {
		unsigned char *d = pass ? arena_alloc_raw(a, total ? total : 1) : NULL;
		size_t at = 0;
		for (pos = 8; pos + 12 <= n;) {
			size_t clen = be32(p + pos);
			if (clen > n - pos - 12)
				return;
			if (memcmp(p + pos + 4, "tRNS", 4) == 0)
				return; /* a transparent colour: libharu makes the mask */
			if (memcmp(p + pos + 4, "IDAT", 4) == 0) {
				if (pass)
					memcpy(d + at, p + pos + 8, clen);
				at += clen;
			}
			if (memcmp(p + pos + 4, "IEND", 4) == 0)
				break;
			pos += clen + 12;
		}
		total = at;
		if (pass) {
			im->idat = d;
			im->idat_len = total;
			im->colors = p[25] == 0 ? 1 : 3;
		}
	}
}

/* Walk the chunks: IHDR first, lengths inside the file, IDAT, IEND. */
static bool png_parse(struct arena *a, const char *name, struct image *im,
		      struct srcloc loc)
{
	const unsigned char *p = im->data;
	size_t n = im->len, pos = 8;
	bool ihdr = false, idat = false, iend = false;
	int depth = 0, ctype = 0, inter = 0;
	while (pos + 12 <= n && !iend) {
		size_t clen = be32(p + pos);
		const unsigned char *type = p + pos + 4;
		if (clen > n - pos - 12) {
			diag_error(loc, "image '%s' is a damaged PNG (it ends inside a chunk)",
				   name);
			return false;
		}
		if (!ihdr && memcmp(type, "IHDR", 4) != 0)
			break;
		if (memcmp(type, "IHDR", 4) == 0) {
			if (clen != 13 || ihdr)
				break;
			ihdr = true;
			im->w = (int)(be32(p + pos + 8) & 0x7fffffff);
			im->h = (int)(be32(p + pos + 12) & 0x7fffffff);
			if (be32(p + pos + 8) > INT_MAX || be32(p + pos + 12) > INT_MAX)
				im->w = im->h = INT_MAX;
			depth = p[pos + 16];
			ctype = p[pos + 17];
			inter = p[pos + 20];
		} else if (memcmp(type, "pHYs", 4) == 0 && clen == 9 && p[pos + 16] == 1) {
			im->dpi = be32(p + pos + 8) * 0.0254; /* pixels per metre */
		} else if (memcmp(type, "IDAT", 4) == 0) {
			idat = true;
		} else if (memcmp(type, "IEND", 4) == 0) {
			iend = true;
		}
		pos += clen + 12;
	}
	if (!ihdr || !idat) {
		diag_error(loc, "image '%s' is a damaged PNG (no %s chunk)", name,
			   ihdr ? "IDAT" : "IHDR");
		return false;
	}
	if (too_many_pixels(name, im->w, im->h, loc))
		return false;
	/* libharu 2.3.0 embeds 8-bit non-interlaced files as they are */
	bool plain = depth == 8 && inter == 0 &&
		     (ctype == 0 || ctype == 2 || ctype == 3 || ctype == 4 || ctype == 6);
	if (!plain || !iend) {
		if (!png_normalise(a, name, im, loc)) /* decodes it: damage found */
			return false;
	} else if (!png_check(name, im, loc)) {
		return false;
	}
	png_idat(a, im);
	return true;
}

/* ---- JPEG ---- */

static bool jpeg_parse(const char *name, struct image *im, struct srcloc loc)
{
	const unsigned char *p = im->data;
	size_t n = im->len, pos = 2;
	while (pos + 4 <= n) {
		if (p[pos] != 0xFF) {
			diag_error(loc, "image '%s' is a damaged JPEG (bad marker at byte %zu)",
				   name, pos);
			return false;
		}
		unsigned mk = p[pos + 1];
		if (mk == 0xFF) { /* fill byte */
			pos++;
			continue;
		}
		if (mk == 0xD8 || (mk >= 0xD0 && mk <= 0xD7) || mk == 0x01) {
			pos += 2;
			continue;
		}
		size_t seg = be16(p + pos + 2);
		if (seg < 2 || seg > n - pos - 2)
			break;
		bool sof = mk >= 0xC0 && mk <= 0xCF && mk != 0xC4 && mk != 0xC8 &&
			   mk != 0xCC;
		if (mk == 0xE0 && seg >= 14 && memcmp(p + pos + 4, "JFIF", 5) == 0) {
			/* density: units 1 dots per inch, 2 per centimetre */
			unsigned units = p[pos + 11], xd = be16(p + pos + 12);
			im->dpi = units == 1 ? xd : units == 2 ? xd * 2.54 : 0;
		}
		if (sof) {
			if (seg < 8)
				break;
			int prec = p[pos + 4];
			im->h = (int)be16(p + pos + 5);
			im->w = (int)be16(p + pos + 7);
			int comps = p[pos + 9];
			/* libharu copies the bytes into a DCTDecode stream: any
			 * baseline or progressive Huffman JPEG a viewer reads */
			if (mk != 0xC0 && mk != 0xC1 && mk != 0xC2) {
				diag_error(loc,
					   "image '%s' is a %s JPEG, which PDF viewers "
					   "cannot show; save it again as an ordinary "
					   "(baseline) JPEG",
					   name,
					   mk == 0xC3 || mk == 0xC7 || mk == 0xCB || mk == 0xCF
					       ? _("lossless")
					       : _("arithmetic-coded or hierarchical"));
				return false;
			}
			if (prec != 8) {
				diag_error(loc,
					   "image '%s' is a %d-bit JPEG; save it again "
					   "with 8 bits per sample",
					   name, prec);
				return false;
			}
			if (comps != 1 && comps != 3 && comps != 4) {
				diag_error(loc, "image '%s' has %d colour components",
					   name, comps);
				return false;
			}
			if (im->h == 0) {
				diag_error(loc,
					   "image '%s' gives its height later in the "
					   "file (DNL); save it again as an ordinary JPEG",
					   name);
				return false;
			}
			/* a cut-off file shows as a grey band, or not at all */
			size_t e = n;
			while (e > pos && im->data[e - 1] == 0)
				e--;
			if (e < 2 || p[e - 2] != 0xFF || p[e - 1] != 0xD9) {
				diag_error(loc,
					   "image '%s' is a damaged JPEG (it is cut off: no "
					   "end marker)",
					   name);
				return false;
			}
			return !too_many_pixels(name, im->w, im->h, loc);
		}
		if (mk == 0xDA)
			break; /* scan data before a frame header */
		pos += 2 + seg;
	}
	diag_error(loc, "image '%s' is a damaged JPEG (no frame header)", name);
	return false;
}

bool image_parse(struct arena *a, const char *name, const unsigned char *data,
		 size_t len, struct srcloc loc, struct image *out)
{
	memset(out, 0, sizeof *out);
	out->path = name;
	out->data = data;
	out->len = len;
	static const unsigned char png_sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
	if (len >= 8 && memcmp(data, png_sig, 8) == 0) {
		out->kind = IMAGE_PNG;
		return png_parse(a, name, out, loc);
	}
	if (len >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF) {
		out->kind = IMAGE_JPEG;
		return jpeg_parse(name, out, loc);
	}
	const char *what = NULL;
	if (len >= 6 && (memcmp(data, "GIF87a", 6) == 0 || memcmp(data, "GIF89a", 6) == 0))
		what = "a GIF";
	else if (len >= 12 && memcmp(data, "RIFF", 4) == 0 && memcmp(data + 8, "WEBP", 4) == 0)
		what = "a WebP";
	else if (len >= 2 && memcmp(data, "BM", 2) == 0)
		what = "a BMP";
	else if (len >= 4 && (memcmp(data, "II*", 4) == 0 || memcmp(data, "MM\0*", 4) == 0))
		what = "a TIFF";
	else if (len >= 5 && (memcmp(data, "<?xml", 5) == 0 || memcmp(data, "<svg", 4) == 0))
		what = "an SVG";
	else if (len >= 4 && memcmp(data, "%PDF", 4) == 0)
		what = "a PDF";
	if (what)
		diag_error(loc, "image '%s' is %s file; save it as PNG or JPEG", name,
			   what);
	else
		diag_error(loc, "image '%s' is not a PNG or JPEG file", name);
	return false;
}

bool image_width_spec(const char *s, double *pct, double *mm)
{
	*pct = *mm = 0;
	while (*s == ' ')
		s++;
	char *end;
	char tmp[32];
	size_t k = 0;
	for (; k < sizeof tmp - 1 && s[k] && (s[k] == ',' || s[k] == '.' ||
					       (s[k] >= '0' && s[k] <= '9'));
	     k++)
		tmp[k] = s[k] == ',' ? '.' : s[k];
	tmp[k] = 0;
	if (!k)
		return false;
	double v = strtod(tmp, &end);
	if (*end || !(v > 0))
		return false;
	const char *u = s + k;
	while (*u == ' ')
		u++;
	size_t ul = strlen(u);
	while (ul && u[ul - 1] == ' ')
		ul--;
	if (ul == 1 && *u == '%')
		*pct = v;
	else if (ul == 2 && strncmp(u, "mm", 2) == 0)
		*mm = v;
	else if (ul == 2 && strncmp(u, "cm", 2) == 0)
		*mm = v * 10;
	else
		return false;
	return true;
}

const struct image *image_load(struct arena *a, struct imageset *set,
			       const char *report_file, const char *src,
			       struct srcloc loc)
{
	if (strstr(src, "://")) {
		diag_error(loc,
			   "image '%s' is a web address; save the picture beside the "
			   "report and give its path",
			   src);
		return NULL;
	}
	/* relative to the report's folder */
	const char *slash = strrchr(report_file, '/');
	char *path = src[0] == '/' || !slash
			 ? arena_strdup(a, src)
			 : arena_printf(a, "%.*s/%s", (int)(slash - report_file),
					report_file, src);
	for (int i = 0; i < set->n; i++)
		if (strcmp(set->v[i]->path, path) == 0)
			return set->v[i];
	char *real = realpath(path, NULL);
	if (real) {
		for (int i = 0; i < set->n; i++) {
			char *r2 = realpath(set->v[i]->path, NULL);
			bool same = r2 && strcmp(r2, real) == 0;
			free(r2);
			if (same) {
				free(real);
				return set->v[i];
			}
		}
		free(real);
	}
	deps_add(path); /* watched and in --deps even while it is missing */
	struct stat st;
	if (stat(path, &st) != 0) {
		if (errno == ENOENT)
			diag_error(loc, "image '%s' not found (looked for %s)", src, path);
		else
			diag_error(loc, "cannot read image '%s': %s", src, i18n_strerror(errno));
		return NULL;
	}
	if (!S_ISREG(st.st_mode)) {
		diag_error(loc, "image '%s' is not a file", src);
		return NULL;
	}
	if ((unsigned long long)st.st_size > MAX_IMAGE_BYTES) {
		diag_error(loc, "image '%s' is larger than %u MB; scale it down", src,
			   MAX_IMAGE_BYTES >> 20);
		return NULL;
	}
	FILE *f = fopen(path, "rb");
	if (!f) {
		diag_error(loc, "cannot read image '%s': %s", src, i18n_strerror(errno));
		return NULL;
	}
	size_t len = (size_t)st.st_size;
	unsigned char *data = arena_alloc_raw(a, len ? len : 1);
	size_t got = fread(data, 1, len, f);
	bool err = ferror(f);
	fclose(f);
	if (err || got != len) {
		diag_error(loc, "cannot read image '%s'", src);
		return NULL;
	}
	struct image *im = arena_alloc(a, sizeof *im);
	if (!image_parse(a, src, data, len, loc, im))
		return NULL;
	im->path = path;
	im->loc = loc;
	im->id = set->n;
	ARR_PUSH(a, set->v, set->n, set->cap, im);
	return im;
}

bool image_load_doc(struct arena *a, struct doc *doc)
{
	bool ok = true;
	for (int i = 0; i < doc->blocks.n; i++) {
		struct block *b = &doc->blocks.v[i];
		if (b->kind != BLK_IMAGE)
			continue;
		struct dimage *di = b->image;
		di->img = image_load(a, &doc->images, doc->file, di->src,
				     (struct srcloc){doc->file, di->line, di->col});
		ok = ok && di->img;
	}
	return ok;
}
