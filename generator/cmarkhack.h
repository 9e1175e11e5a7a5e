/* cmarkhack: the one reading of cmark-gfm's private node struct (a bullet
 * list's marker, which no public function returns), for the version it
 * was written against (0.29.0.gfm.6, Debian 12; cmarkhack.c refuses to
 * compile with any other). cmarkhack_selftest checks it still holds.
 * Owns: cmark-gfm's internals. Must not: read Markdown itself; everything
 * else about the tree comes from cmark-gfm's public API. */
#ifndef BAOCAO_CMARKHACK_H
#define BAOCAO_CMARKHACK_H

#include <cmark-gfm.h>
#include <stdbool.h>
#include <stddef.h>

/* The character the items of a bullet list were marked with: '-', '+'
 * or '*' (0 for any other node). */
char cmarkhack_bullet_char(cmark_node *list);

/* Checks that the cmark-gfm linked in is the tested one and that the
 * function above reads what the author wrote. true if all holds;
 * otherwise false with the first failed check in why. */
bool cmarkhack_selftest(char *why, size_t why_size);

#endif
