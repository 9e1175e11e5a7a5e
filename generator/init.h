/* init: `baocao init [DIR] [--mau NAME] [--list]`, a ready report to start
 * from, copied from a template folder (templates/NAME of the source tree
 * or PREFIX/share/baocao/templates). Owns: the copy, which never
 * overwrites a file (it checks every target first and creates each file
 * with O_EXCL). Must not: build the report. */
#ifndef BAOCAO_INIT_H
#define BAOCAO_INIT_H

/* argv[0] is "init"; returns the exit status (0, 2 usage or a file that
 * would be overwritten, 3 I/O). */
int init_main(int argc, char **argv);

#endif
