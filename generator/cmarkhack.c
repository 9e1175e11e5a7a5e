/* cmarkhack: cmark-gfm 0.29.0.gfm.6's node struct, fenced in (cmarkhack.h
 * says why). */
#include "cmarkhack.h"

#include <cmark-gfm/node.h> /* bullet_char: no public getter (libraries.md §2) */
#include <stdio.h>
#include <string.h>

/* The node struct changes between releases (fields were added in gfm.7
 * and later). Before allowing another version: check struct cmark_node and
 * its list data in that version's node.h, run tests/unit/test_markdown and
 * the whole suite. */
#if CMARK_GFM_VERSION != ((0 << 24) | (29 << 16) | (0 << 8) | 6)
#pragma message("this cmark-gfm is " CMARK_GFM_VERSION_STRING)
#error "generator/cmarkhack.c was written for cmark-gfm 0.29.0.gfm.6 (Debian 12's \
libcmark-gfm-dev) and reads its private node struct: check it against this version's \
node.h before allowing it here"
#endif

char cmarkhack_bullet_char(cmark_node *list)
{
	if (cmark_node_get_type(list) != CMARK_NODE_LIST ||
	    cmark_node_get_list_type(list) != CMARK_BULLET_LIST)
		return 0;
	return (char)list->as.list.bullet_char;
}

bool cmarkhack_selftest(char *why, size_t why_size)
{
	if (why_size)
		why[0] = 0;
	/* the shared library, not only the headers, is the tested one */
	if (cmark_version() != CMARK_GFM_VERSION) {
		snprintf(why, why_size,
			 "cmark-gfm %s is linked in; cmarkhack.c was written "
			 "for " CMARK_GFM_VERSION_STRING,
			 cmark_version_string());
		return false;
	}
	static const char md[] = "- a\n\n+ b\n\n* c\n\n1. d\n";
	static const char want[] = {'-', '+', '*', 0};
	cmark_node *root = cmark_parse_document(md, sizeof md - 1, CMARK_OPT_DEFAULT);
	bool ok = root != NULL;
	int i = 0;
	for (cmark_node *n = root ? cmark_node_first_child(root) : NULL; n && ok;
	     n = cmark_node_next(n), i++) {
		char c = cmarkhack_bullet_char(n);
		if (i >= 4 || c != want[i]) {
			snprintf(why, why_size, "list %d: bullet '%c' read, '%c' written",
				 i + 1, c ? c : '0', i < 4 && want[i] ? want[i] : '0');
			ok = false;
		}
	}
	if (ok && i != 4) {
		snprintf(why, why_size, "%d lists parsed, not 4", i);
		ok = false;
	}
	cmark_node_free(root);
	return ok;
}
