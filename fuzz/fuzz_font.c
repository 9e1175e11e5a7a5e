/* Fuzz target: TrueType metrics (font.c). Raw bytes -> font_parse_face:
 * the table directory, head, hhea, hmtx, post, OS/2 and the format-4
 * cmap with its offsets and glyph-id arrays, every one bounds-checked
 * without overflow (a cmap offset near 2^32 once wrapped a check and
 * crashed). On success every width is read back (ASan checks the array). */
#include <stddef.h>
#include <stdint.h>

#include "font.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_quiet();
	diag_reset();
	struct face f = {0};
	int style;
	if (font_parse_face(data, size, &f, &style)) {
		unsigned long sum = 0;
		for (size_t i = 0; i < 65536; i++)
			sum += f.width[i];
		if (style < -1 || style >= FACE_COUNT || sum == 1)
			abort();
	}
	free(f.width);
	return 0;
}
