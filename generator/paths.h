/* paths: where an installed or a freshly built baocao finds its own files
 * (templates, message catalogues), from the program's location, as fonts
 * are found (font_default_dir): build/baocao uses the source tree,
 * PREFIX/bin/baocao uses PREFIX/share.
 * Must not: know what the files are for. */
#ifndef BAOCAO_PATHS_H
#define BAOCAO_PATHS_H

/* The first of the folders rel[] (relative to the folder holding the
 * running program, NULL-terminated) that holds probe; malloc'ed absolute
 * path, or NULL. */
char *paths_find(const char *const rel[], const char *probe);

/* The templates folder (templates/ of the source tree, or
 * PREFIX/share/baocao/templates); NULL when there is none. */
char *paths_templates(void);

#endif
