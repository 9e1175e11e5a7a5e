/* deps: the list of files a build read (the report, every data file, the
 * images it uses, the font files), for `build --deps` (a Make depfile)
 * and `watch` (the files to watch). Any module that reads an input file
 * adds it with deps_add; the list is per process and cleared per build.
 * Must not: read or judge the files; it only remembers their paths. */
#ifndef BAOCAO_DEPS_H
#define BAOCAO_DEPS_H

#include <stdbool.h>

/* Remember path (copied) as an input of the current build; a path
 * already in the list is not added twice. Safe from any thread. */
void deps_add(const char *path);
/* Forget every path (the start of a build). */
void deps_clear(void);
int deps_count(void);
const char *deps_get(int i); /* in the order they were added */

/* Write "TARGET: DEP DEP ..." plus an empty rule per dependency (as
 * gcc -MP does, so a deleted CSV does not stop make) to file, with
 * spaces, '#' and '$' escaped for make. Reports failures itself. */
bool deps_write(const char *file, const char *target);

#endif
