/* bounds: every limit baocao enforces, in one place (docs/LIMITS.md lists
 * them for users). Each one, when exceeded, is a clear input error, never
 * a crash or an exhausted machine. */
#ifndef BAOCAO_BOUNDS_H
#define BAOCAO_BOUNDS_H

#define MAX_INPUT_BYTES (16u << 20)  /* a template or CSV file: 16 MB */
#define MAX_LINE_BYTES (1u << 20)    /* one source line: 1 MB */
#define MAX_DATA_BYTES (64u << 20)   /* all CSV files of a build together */
#define MAX_CSV_COLUMNS 1000         /* columns in one CSV table */
#define MAX_CSV_ROWS 1000000         /* rows in one CSV table */
#define MAX_NESTING 64               /* nested blocks, lists, expressions */
#define MAX_PAGES 5000               /* pages in one report */
#define MAX_YAML_NODES 10000         /* front matter nodes (alias bombs) */
#define MAX_TABLE_COLUMNS 60         /* columns of a laid-out table */
/* Template output after expansion. A 5000-page report holds about 20 MB
 * of text; layout needs ~20 bytes of memory per byte of text. */
#define MAX_EXPANDED_BYTES (32u << 20)
/* Evaluation steps of one expansion (expressions evaluated, rows that
 * loops, lookups and aggregates visit): about 10 s. A 10.000-row loop
 * with a lookup into a 10.000-row table takes 3 * 10^8. */
#define MAX_EVAL_STEPS 1000000000ul

#endif
