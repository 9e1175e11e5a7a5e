/* epoch: SOURCE_DATE_EPOCH (the reproducible-builds convention), read in
 * one place: cli rejects a malformed value, render dates the PDF with a
 * good one. Owns: the variable's syntax and range.
 * Must not: report anything (cli words the error). */
#ifndef BAOCAO_EPOCH_H
#define BAOCAO_EPOCH_H

enum epoch_state { EPOCH_UNSET, EPOCH_SET, EPOCH_BAD };

/* The variable's value in seconds since 1970 (UTC) in *t when SET; unset
 * and empty are the same. BAD: not a whole number of seconds between 1970
 * and 9999-12-31. */
enum epoch_state epoch_get(long long *t);

#endif
