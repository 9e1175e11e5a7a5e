/* Fuzz target: workbooks. The input is either a whole .xlsx file (first
 * byte 'P', as a zip starts: libzip's parsing of a damaged container) or,
 * (first byte 0xD0) an .xls file for xlsmerge.c, or,
 * more usefully, the XML parts of one: input = SHEET [\0\0 STRINGS [\0\0
 * STYLES [\0\0 WORKBOOK]]], packed here into a stored zip with the other
 * parts a workbook needs, so the mutations reach expat and xlsx.c's
 * handlers instead of dying in the inflater. Every sheet then goes
 * through sheet_table in both number conventions and every cell is read
 * back (ASan checks the shapes). */
#include <stddef.h>
#include <stdint.h>
#include <zlib.h>

#include "buf.h"
#include "fuzz.h"
#include "sheet.h"
#include "xlsmerge.h"
#include "xlsx.h"

static const char *const fixed[][2] = {
    {"_rels/.rels",
     "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/"
     "package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas."
     "openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
     "Target=\"xl/workbook.xml\"/></Relationships>"},
    {"xl/_rels/workbook.xml.rels",
     "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/"
     "package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"x/worksheet\" "
     "Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"x/worksheet\" "
     "Target=\"/xl/worksheets/sheet1.xml\"/><Relationship Id=\"rId3\" "
     "Type=\"x/sharedStrings\" Target=\"sharedStrings.xml\"/><Relationship Id=\"rId4\" "
     "Type=\"x/styles\" Target=\"styles.xml\"/></Relationships>"},
};

static const char default_wb[] =
    "<workbook xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships\"><workbookPr date1904=\"0\"/><sheets><sheet name=\"Tiểu học\" "
    "r:id=\"rId1\"/><sheet name=\"B\" state=\"hidden\" r:id=\"rId2\"/></sheets></workbook>";

static void put16(struct buf *b, unsigned v)
{
	char c[2] = {(char)(v & 0xFF), (char)(v >> 8)};
	buf_put(b, c, 2);
}

static void put32(struct buf *b, unsigned long v)
{
	put16(b, (unsigned)(v & 0xFFFF));
	put16(b, (unsigned)(v >> 16));
}

/* A zip of stored (uncompressed) entries. */
static void add(struct buf *z, struct buf *cd, int *n, const char *name, const char *data,
		size_t len)
{
	unsigned long crc = crc32(0, (const unsigned char *)data, (uInt)len);
	size_t off = z->len, nl = strlen(name);
	put32(z, 0x04034b50);
	put16(z, 20), put16(z, 0), put16(z, 0), put16(z, 0), put16(z, 0);
	put32(z, crc), put32(z, len), put32(z, len);
	put16(z, (unsigned)nl), put16(z, 0);
	buf_put(z, name, nl);
	buf_put(z, data, len);
	put32(cd, 0x02014b50);
	put16(cd, 20), put16(cd, 20), put16(cd, 0), put16(cd, 0), put16(cd, 0), put16(cd, 0);
	put32(cd, crc), put32(cd, len), put32(cd, len);
	put16(cd, (unsigned)nl), put16(cd, 0), put16(cd, 0), put16(cd, 0), put16(cd, 0);
	put32(cd, 0), put32(cd, off);
	buf_put(cd, name, nl);
	(*n)++;
}

static void pack(const uint8_t *data, size_t size, struct buf *z)
{
	const char *names[] = {"xl/worksheets/sheet1.xml", "xl/sharedStrings.xml",
			       "xl/styles.xml", "xl/workbook.xml"};
	const char *part[4] = {0};
	size_t len[4] = {0};
	const char *s = (const char *)data, *end = s + size;
	for (int i = 0; i < 4 && s <= end; i++) {
		const char *sep = NULL;
		for (const char *p = s; p + 1 < end; p++)
			if (!p[0] && !p[1]) {
				sep = p;
				break;
			}
		part[i] = s;
		len[i] = (size_t)((sep ? sep : end) - s);
		if (!sep)
			break;
		s = sep + 2;
	}
	struct buf cd = BUF_INIT;
	int n = 0;
	for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++)
		add(z, &cd, &n, fixed[i][0], fixed[i][1], strlen(fixed[i][1]));
	for (int i = 0; i < 4; i++) {
		if (part[i])
			add(z, &cd, &n, names[i], part[i], len[i]);
		else if (i == 3)
			add(z, &cd, &n, names[i], default_wb, sizeof default_wb - 1);
	}
	size_t cdoff = z->len;
	buf_put(z, cd.ptr, cd.len);
	put32(z, 0x06054b50);
	put16(z, 0), put16(z, 0), put16(z, (unsigned)n), put16(z, (unsigned)n);
	put32(z, cd.len), put32(z, cdoff), put16(z, 0);
	buf_free(&cd);
}

static void tables(struct arena *a, const struct workbook *wb, enum data_locale loc)
{
	for (int i = 0; i < wb->nsheets; i++) {
		struct table t;
		bool none = false;
		diag_reset();
		if (!sheet_table(a, wb, &wb->sheets[i], NULL, "t", loc, 100000, &t, &none)) {
			if (!none && diag_errors() == 0)
				abort(); /* a failure is always reported */
			continue;
		}
		size_t sum = 0;
		for (int c = 0; c < t.ncols; c++) {
			if (!t.names[c][0] || data_column(&t, t.names[c]) != c)
				abort();
			sum += strlen(t.headers[c]) + (size_t)t.kind[c];
			for (int r = 0; r < t.hrows; r++)
				sum += strlen(t.htext[r * t.ncols + c]);
		}
		for (int r = 0; r < t.nrows; r++)
			for (int c = 0; c < t.ncols; c++)
				sum += strlen(data_cell(&t, r, c)->text) +
				       strlen(t.shown[(size_t)r * t.ncols + c]);
		if (sum == (size_t)-1)
			abort();
	}
}

/* An .xls file (first byte 0xD0, as a compound file starts): only the
 * merged ranges are read here (xlsmerge.c); libfreexl is not fuzzed. */
static void xls(const uint8_t *data, size_t size)
{
	struct arena a;
	arena_init(&a);
	struct sheet sheets[4] = {{0}};
	struct workbook wb = {"data/t.xls", sheets, 4};
	xls_merges(&a, data, size, &wb);
	for (int i = 0; i < 4; i++)
		for (size_t k = 0; k < sheets[i].nmerges; k++)
			if (sheets[i].merges[k].r1 < sheets[i].merges[k].r0)
				abort();
	arena_free(&a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_quiet();
	diag_reset();
	if (size && data[0] == 0xD0) {
		xls(data, size);
		return 0;
	}
	struct buf z = BUF_INIT;
	const void *bytes = data;
	size_t n = size;
	if (!(size && data[0] == 'P')) {
		pack(data, size, &z);
		bytes = z.ptr;
		n = z.len;
	}
	struct arena a;
	arena_init(&a);
	struct workbook wb;
	bool ok = xlsx_read_mem(&a, "data/t.xlsx", bytes, n, 200000, &wb);
	if (!ok && diag_errors() == 0)
		abort();
	if (ok) {
		tables(&a, &wb, LOCALE_VI);
		tables(&a, &wb, LOCALE_C);
	}
	arena_free(&a);
	buf_free(&z);
	return 0;
}
