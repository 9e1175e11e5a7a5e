/* Fuzz target: message tidying (diagtidy.c). Any bytes as the place and
 * the message of one diagnostic line: the result must be one line of
 * valid UTF-8 with no control character or direction mark left, at most
 * DIAG_MAX_CHARS characters (plus what an oversized place keeps), and
 * the repeat counter must take any text. */
#include <stddef.h>
#include <stdint.h>

#include "diagtidy.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_quiet();
	size_t cut = size ? data[0] % (size > 1 ? size : 1) : 0;
	struct buf b = BUF_INIT;
	buf_put(&b, data, size);
	diagtidy_line(&b, cut);
	size_t chars = 0;
	for (size_t i = 0; i < b.len; i++) {
		unsigned char c = (unsigned char)b.ptr[i];
		if (c < 0x20 || c == 0x7F)
			abort(); /* a control character survived */
		if (c == 0xC2 && i + 1 < b.len && (unsigned char)b.ptr[i + 1] < 0xA0)
			abort(); /* a C1 control */
		if (c == 0xE2 && i + 2 < b.len && (unsigned char)b.ptr[i + 1] == 0x80 &&
		    ((unsigned char)b.ptr[i + 2] == 0xAE ||
		     (unsigned char)b.ptr[i + 2] == 0x8F))
			abort(); /* a direction override or mark */
		if ((c & 0xC0) != 0x80)
			chars++;
	}
	if (chars > DIAG_MAX_CHARS + 2)
		abort(); /* too long */
	(void)diagtidy_repeats(buf_cstr(&b));
	buf_free(&b);
	diagtidy_reset();
	return 0;
}
