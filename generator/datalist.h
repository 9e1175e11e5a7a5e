/* datalist: `baocao data`: every table a report sees, where it comes from
 * (file, sheet, header rows), its row count, and each column's name, the
 * header text it came from, its kind and a first value: how an author
 * learns what to type.
 * Must not: read files (data does) or know templates. */
#ifndef BAOCAO_DATALIST_H
#define BAOCAO_DATALIST_H

#include <stdio.h>

#include "data.h"

void datalist_print(FILE *out, const struct dataset *d);

#endif
