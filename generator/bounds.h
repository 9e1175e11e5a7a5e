/* bounds: every limit baocao enforces, in one place (docs/LIMITS.md lists
 * them for users). Each one, when exceeded, is a clear input error, never
 * a crash or an exhausted machine. */
#ifndef BAOCAO_BOUNDS_H
#define BAOCAO_BOUNDS_H

#define MAX_INPUT_BYTES (16u << 20) /* a template or CSV file: 16 MB */
#define MAX_LINE_BYTES (1u << 20) /* one source line: 1 MB */
/* Combining marks in a row on one base character (Unicode's stream-safe
 * format allows 30): utf8proc's canonical reordering is quadratic in the
 * length of such a run. Vietnamese needs at most 2. */
#define MAX_COMBINING_MARKS 30
#define MAX_DATA_BYTES (64u << 20) /* all CSV files of a build together */
#define MAX_CSV_COLUMNS 1000 /* columns in one CSV table */
#define MAX_CSV_ROWS 1000000 /* rows in one CSV table */
/* Cells of all tables together (headers included): each costs ~50 bytes,
 * so the data stays under ~200 MB of memory. */
#define MAX_DATA_CELLS 4000000u
#define MAX_NESTING 64 /* nested blocks, lists, expressions */
/* Deepest expression tree: long chains like a+b+c+... count too. */
#define MAX_EXPR_DEPTH (4 * MAX_NESTING)
/* Markdown that cmark-gfm 0.29.0.gfm.6 parses in quadratic time
 * (mdguard.c): raw HTML openers (<?, <!--, <![CDATA[, <!X) waiting for
 * their end, and images, in one paragraph. */
#define MAX_OPEN_HTML 16
#define MAX_PARA_IMAGES 64
/* Characters of a text that becomes a PDF string: the title, author and
 * subject (trich_yeu, co_quan, loai) and each heading (the outline).
 * libharu refuses strings over 64 KB (32.767 UTF-16 units). */
#define MAX_TITLE_CHARS 2000
/* Items (words and spaces) of a paragraph broken by total fit; a longer
 * one (no real paragraph is: 40.000 items are ~20.000 words, 40 pages)
 * is broken first-fit, in linear time. */
#define MAX_TOTAL_FIT_ITEMS 40000
/* {{ }} tags of one template: each costs ~500 bytes parsed, so 16 MB of
 * "{{x}}" lines took 1,8 GB. Real templates hold hundreds. */
#define MAX_TEMPLATE_TAGS 100000
/* Lines of the expanded Markdown: each costs up to ~600 bytes through
 * cmark-gfm and layout (one-letter lines), so 8 million lines took
 * 5 GB. A 5.000-page report has well under 500.000. */
#define MAX_MD_LINES 500000
#define MAX_PAGES 5000 /* pages in one report */
#define MAX_YAML_NODES 10000 /* front matter nodes (alias bombs) */
#define MAX_TABLE_COLUMNS 60 /* columns of a laid-out table */
/* Cells of all Markdown tables of a report together: about 300 bytes
 * each in cmark-gfm and layout. 10 times the bench's 10.000-row table. */
#define MAX_TABLE_CELLS 500000
/* Template output after expansion. Layout needs up to ~45 bytes of
 * memory per byte of text (one 10 MB paragraph peaked at 430 MB; 10 MB
 * of ordinary paragraphs at 260 MB), so 10 MB keeps a build under
 * 512 MB. That is about 2.400 pages of prose. The fuzz build lowers it
 * (Makefile FUZZ_FLAGS) so each run stays fast. */
#ifndef MAX_EXPANDED_BYTES
#define MAX_EXPANDED_BYTES (10u << 20)
#endif
/* Evaluation steps of one expansion (expressions evaluated, rows that
 * loops, lookups and aggregates visit): 4 to 6 s of work. A 10.000-row
 * loop with a lookup into a 10.000-row table takes 4 * 10^8. */
#define MAX_EVAL_STEPS 500000000ul
/* Number magnitudes are numfmt.h's: NUMFMT_MAX_DIGITS (values below
 * 10^18) and NUMFMT_MAX_SCALE (12 decimals); every sum, product and
 * quotient is checked against them (an error, never a silent wrap). */

#endif
