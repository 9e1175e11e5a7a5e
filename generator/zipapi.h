/* zipapi: libzip, loaded when the first .xlsx workbook is read. libzip
 * links OpenSSL's libcrypto (for encrypted archives), whose relocations
 * cost every start of the program about 3 M instructions, 3% of building
 * a 15-page report, whether or not it has a workbook; loading it on first
 * use keeps that cost to the builds that read one.
 * Owns: finding libzip (libzip.so.4, the Debian 12 package libzip4) and
 * its functions. Must not: be used for anything but xlsx.c's reading. */
#ifndef BAOCAO_ZIPAPI_H
#define BAOCAO_ZIPAPI_H

#include <zip.h>

/* The libzip functions xlsx.c calls, named without their zip_ prefix. */
#define ZIPAPI_FUNCS(X)                                                          \
	X(discard) X(get_error) X(error_code_zip) X(error_fini) X(error_init)   \
	X(error_strerror) X(fclose) X(file_get_error) X(fopen_index) X(fread)   \
	X(name_locate) X(open_from_source) X(source_buffer_create) X(source_free) \
	X(stat_index)

struct zipapi {
#define ZIPAPI_FIELD(name) __typeof__(zip_##name) *name;
	ZIPAPI_FUNCS(ZIPAPI_FIELD)
#undef ZIPAPI_FIELD
};

/* libzip's functions, loaded once; NULL when libzip cannot be loaded
 * (*why says why). */
const struct zipapi *zipapi_get(const char **why);

#endif
