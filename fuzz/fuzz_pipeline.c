/* Fuzz target: the whole pipeline, template text to PDF bytes in memory
 * (report_pdf_from_text: text_prepare -> fm_parse -> front-matter values
 * and tpl_expand -> md_parse -> layout_run -> render_pdf), with the fixed
 * dataset and the fonts loaded once. The fonts come from $BAOCAO_FONTS,
 * else build/fonts or fonts/ under the current folder, else beside the
 * fuzzer (build/fuzz/ -> build/fonts). */
#include <stddef.h>
#include <stdint.h>
#include <unistd.h>

#include "buf.h"
#include "font.h"
#include "fuzz.h"
#include "report.h"

static struct fontset fonts;

static void load_fonts(void)
{
	const char *dirs[] = {getenv("BAOCAO_FONTS"), "build/fonts", "fonts",
			      "../fonts", "../../fonts"};
	for (size_t i = 0; i < sizeof dirs / sizeof *dirs; i++) {
		if (!dirs[i])
			continue;
		char probe[4096];
		snprintf(probe, sizeof probe, "%s/BaocaoSerif-Regular.ttf", dirs[i]);
		char probe2[4096];
		snprintf(probe2, sizeof probe2, "%s/LiberationSerif-Regular.ttf", dirs[i]);
		if (access(probe, R_OK) != 0 && access(probe2, R_OK) != 0)
			continue;
		if (font_load(&fonts, dirs[i]))
			return;
		font_free(&fonts);
	}
	fputs("fuzz_pipeline: no fonts; run from the source tree or set "
	      "BAOCAO_FONTS\n", stderr);
	abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool init;
	fuzz_quiet();
	if (!init) {
		load_fonts();
		init = true;
	}
	diag_reset();
	struct buf pdf = BUF_INIT;
	bool ok = report_pdf_from_text("t.md", (const char *)data, size, fuzz_dataset(),
				       &fonts, &pdf);
	if (ok && (pdf.len < 8 || memcmp(pdf.ptr, "%PDF-", 5) != 0))
		abort(); /* success means a PDF */
	if (!ok && diag_errors() == 0)
		abort(); /* a failure is always reported */
	buf_free(&pdf);
	return 0;
}
