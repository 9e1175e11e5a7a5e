/* fsafe: what a path is before baocao opens, reads or replaces it. Inputs
 * (template, CSV tables, fonts) are read only when they are regular files:
 * a FIFO would block the build for ever, a device could be endless or
 * have side effects, a link loop or a folder is a mistake worth naming.
 * Outputs replace only regular files (as root, `-o /dev/null` must not
 * turn the device into a PDF), and a batch row's {col} value must make
 * one plain file name.
 * Owns: those checks and their wording. Must not: print messages (the
 * callers report, with their own location and exit status). */
#ifndef BAOCAO_FSAFE_H
#define BAOCAO_FSAFE_H

#include <stdbool.h>
#include <stdio.h>

/* NULL when path is a regular file (links followed), else what it is:
 * "a folder", "a FIFO (named pipe)", "a device", "a socket", "a symbolic
 * link loop", "a broken symbolic link", or strerror's text. */
const char *fsafe_not_regular(const char *path);

/* fopen(path, "rb") for a regular file only: never blocks on a FIFO and
 * never opens a device. NULL with *why set (as fsafe_not_regular) when
 * it is not one or cannot be opened. */
FILE *fsafe_open_input(const char *path, const char **why);

/* An output may be created or replaced: NULL when path does not exist or
 * is a regular file (or a link to one), else what is in the way. */
const char *fsafe_output_blocked(const char *path);

/* A batch row's {col} value as (part of) one file name: NULL when
 * acceptable, else why not ("is empty", "starts with '/'", "contains
 * '/'", "contains '..'", "starts with '.'", "contains a control
 * character"). */
const char *fsafe_name_part(const char *value);

#endif
