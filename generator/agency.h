/* agency: an agency's name as running text writes it, from the capitals
 * of the header (Decree 30, Phụ lục II; spec/decree30.md §9):
 * "ỦY BAN NHÂN DÂN HUYỆN PHONG THỔ" -> "Ủy ban nhân dân huyện Phong Thổ",
 * "SỞ TÀI CHÍNH TỈNH LAI CHÂU" -> "Sở Tài chính tỉnh Lai Châu",
 * "UBND XÃ MƯỜNG SO" -> "Ủy ban nhân dân xã Mường So".
 * Owns: these capitalisation rules. Must not: know where the name goes. */
#ifndef BAOCAO_AGENCY_H
#define BAOCAO_AGENCY_H

#include "arena.h"

char *agency_running_name(struct arena *a, const char *upper);

#endif
