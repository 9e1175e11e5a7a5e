/* pdfhack.c: libharu 2.3.0's internals still behave as its workarounds
 * assume (the self-test builds a small PDF with a shipped face and reads
 * it back), and the self-test does fail when something is off. */
#include <stdlib.h>

#include "font.h"
#include "pdfhack.h"
#include "unit.h"

int main(void)
{
	struct fontset fs = {0};
	const char *dir = getenv("BAOCAO_FONTS") ? getenv("BAOCAO_FONTS") : "build/fonts";
	CHECK(font_load(&fs, dir), "the faces load from %s", dir);
	const struct face *f = &fs.face[FACE_REGULAR];
	char why[256];
	bool ok = f->data && pdfhack_selftest(f->data, f->len, why, sizeof why);
	CHECK(ok, "pdfhack self-test on libharu %s%s%s", HPDF_GetVersion(),
	      ok ? "" : ": ", ok ? "" : why);
	/* a font libharu cannot read: the self-test says so */
	static const unsigned char junk[64] = "not a TrueType font";
	why[0] = 0;
	CHECK(!pdfhack_selftest(junk, sizeof junk, why, sizeof why) && why[0],
	      "the self-test fails, with a reason, on an unreadable font (%s)", why);
	font_free(&fs);
	UNIT_DONE();
}
