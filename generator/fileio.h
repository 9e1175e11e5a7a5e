/* fileio: whole files in and out. The one reader of input files
 * (templates, CSV tables, workbooks, fonts: regular files only, through
 * fsafe, with a size limit), the atomic write of an output, the folders
 * an output needs, and whether two paths are the same file.
 * Owns: the system calls that read and write files. Must not: know what
 * the bytes mean; fio_read reports nothing (its callers word their own
 * messages, as each always has). */
#ifndef BAOCAO_FILEIO_H
#define BAOCAO_FILEIO_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

enum fio_status {
	FIO_OK,
	FIO_CANNOT_OPEN, /* not a regular file, or open failed: *why says */
	FIO_CANNOT_READ,
	FIO_TOO_LARGE, /* out holds more than limit bytes (not the whole file) */
};

/* Append the whole file at path to *out, stopping as soon as it holds
 * more than limit bytes. *why: fsafe_open_input's words ("a folder",
 * "a FIFO (named pipe)", strerror's text) when it cannot be opened. */
enum fio_status fio_read(const char *path, size_t limit, struct buf *out,
			 const char **why);

/* Write b to path through a temporary file beside it, renamed into
 * place: a failed build never leaves a half-written or clobbered file.
 * Only a regular file (or nothing) is replaced (fio_output_blocked,
 * checked before and again just before the rename). Reported (DIAG_IO)
 * when it fails. */
bool fio_write_atomic(const char *path, const struct buf *b);

/* Only a regular file (or nothing) may be replaced by an output:
 * renaming over /dev/null or a FIFO would replace the device or pipe
 * itself. Reported (DIAG_IO) when path is something else. */
bool fio_output_blocked(const char *path);

/* Create the folders leading to path (not path itself); reported. */
bool fio_make_dirs(const char *path);

/* Both paths exist and name the same file (hard links included). */
bool fio_same_file(const char *a, const char *b);

#endif
