/* image: the pictures a report shows (`![caption](anh/x.png "60%")`).
 * Reads each file once (the same file used twice is one image, embedded
 * once), checks that it is a PNG or JPEG libharu 2.3.0 can embed, and
 * reads its size in pixels so layout can place it before render embeds it.
 * PNGs libharu mishandles (16 bits per sample, interlaced, under 8 bits)
 * are rewritten as plain 8-bit PNGs with libpng.
 * Owns: image files, their formats and limits. Must not: place or draw. */
#ifndef BAOCAO_IMAGE_H
#define BAOCAO_IMAGE_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "diag.h"

/* Pixels in one image: a 40-megapixel photo is about 120 MB decoded. */
#define MAX_IMAGE_PIXELS 40000000L
#define MAX_IMAGE_BYTES (64u << 20)

enum image_kind { IMAGE_PNG, IMAGE_JPEG };

struct image {
	const char *path; /* as opened (relative to the report's folder) */
	enum image_kind kind;
	int w, h; /* pixels */
	double dpi; /* the resolution the file states (PNG pHYs, JPEG JFIF); 0: none */
	const unsigned char *data; /* the bytes to embed (arena) */
	size_t len;
	/* an 8-bit, non-interlaced gray or RGB PNG without transparency: its
	 * IDAT data, which PDF reads as it is (colors 1 or 3); NULL otherwise */
	const unsigned char *idat;
	size_t idat_len;
	int colors;
	int id; /* 0, 1, ... in the set */
	struct srcloc loc; /* its first use, for render's messages */
};

struct imageset {
	struct image **v;
	int n, cap;
};

/* Load src (as written in the template) relative to the folder of
 * report_file, or find it in the set. Errors name the file, at loc. */
const struct image *image_load(struct arena *a, struct imageset *set,
			       const char *report_file, const char *src,
			       struct srcloc loc);

/* Load the image of every BLK_IMAGE block of doc (into doc->images). */
struct doc;
bool image_load_doc(struct arena *a, struct doc *doc);

/* Read a PNG or JPEG from memory (tests, fuzzing); name is for messages. */
bool image_parse(struct arena *a, const char *name, const unsigned char *data,
		 size_t len, struct srcloc loc, struct image *out);

/* A width given in an image's title: "60%" (of the text width) or
 * "80mm" / "80 mm" / "8cm". Returns false when s is not one. */
bool image_width_spec(const char *s, double *pct, double *mm);

#endif
