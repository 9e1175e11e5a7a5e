/* watch: `baocao watch REPORT.md [build options]`: build, then rebuild
 * whenever the report, a file of its data folder, an image it uses or a
 * font changes (the files of the last build's dependency list, deps.h).
 * Owns: the inotify loop. It watches folders, not files, so editors that
 * save by writing a new file and renaming it over the old one are seen;
 * a burst of events (a save, a copy of several CSVs) gives one rebuild
 * once 100 ms pass without a new one. A failed rebuild prints its errors
 * and leaves the last good PDF as it was (builds write atomically).
 * Must not: build anything itself (report_run does). */
#ifndef BAOCAO_WATCH_H
#define BAOCAO_WATCH_H

#include "report.h"

/* Runs until SIGINT or SIGTERM, then returns 0; 3 when inotify fails. */
int watch_run(const struct report_opts *o);

#endif
