#include "init.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "help.h"
#include "i18n.h"
#include "paths.h"

#define DEFAULT_TEMPLATE "co-ban"
#define MAX_FILES 256

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* Every regular file under root/rel, as paths relative to root, sorted. */
static bool walk(const char *root, const char *rel, char **files, int *n)
{
	char *dir = rel[0] ? NULL : strdup(root);
	if (!dir) {
		size_t len = strlen(root) + strlen(rel) + 2;
		dir = malloc(len);
		snprintf(dir, len, "%s/%s", root, rel);
	}
	DIR *d = opendir(dir);
	if (!d) {
		diag_fail(DIAG_IO, "cannot read '%s': %s", dir, i18n_strerror(errno));
		free(dir);
		return false;
	}
	bool ok = true;
	struct dirent *e;
	while (ok && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		size_t len = strlen(rel) + strlen(e->d_name) + 2;
		char *r = malloc(len);
		snprintf(r, len, "%s%s%s", rel, rel[0] ? "/" : "", e->d_name);
		char *full = malloc(strlen(dir) + strlen(e->d_name) + 2);
		sprintf(full, "%s/%s", dir, e->d_name);
		struct stat st;
		if (stat(full, &st) == 0 && S_ISDIR(st.st_mode)) {
			ok = walk(root, r, files, n);
			free(r);
		} else if (stat(full, &st) == 0 && S_ISREG(st.st_mode) && *n < MAX_FILES) {
			files[(*n)++] = r;
		} else {
			free(r);
		}
		free(full);
	}
	closedir(d);
	free(dir);
	return ok;
}

static bool make_parents(const char *path)
{
	char *p = strdup(path);
	bool ok = true;
	for (char *s = p + 1; *s && ok; s++) {
		if (*s != '/')
			continue;
		*s = 0;
		if (mkdir(p, 0777) != 0 && errno != EEXIST) {
			diag_fail(DIAG_IO, "cannot create folder '%s': %s", p,
				  i18n_strerror(errno));
			ok = false;
		}
		*s = '/';
	}
	free(p);
	return ok;
}

static bool copy_file(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb");
	if (!in) {
		diag_fail(DIAG_IO, "cannot read '%s': %s", from, i18n_strerror(errno));
		return false;
	}
	/* O_EXCL: a file that appeared since the check is still not replaced */
	int fd = open(to, O_WRONLY | O_CREAT | O_EXCL, 0666);
	if (fd < 0) {
		diag_fail(errno == EEXIST ? DIAG_USAGE : DIAG_IO, "cannot write '%s': %s",
			  to, i18n_strerror(errno));
		fclose(in);
		return false;
	}
	char b[65536];
	size_t n;
	bool ok = true;
	while (ok && (n = fread(b, 1, sizeof b, in)) > 0)
		ok = write(fd, b, n) == (ssize_t)n;
	ok = ok && !ferror(in);
	fclose(in);
	if (close(fd) != 0)
		ok = false;
	if (!ok)
		diag_fail(DIAG_IO, "cannot write '%s': %s", to, i18n_strerror(errno));
	return ok;
}

/* The first line of a template's README, without its "# ". */
static void print_title(const char *root, const char *name)
{
	size_t len = strlen(root) + strlen(name) + 16;
	char *p = malloc(len);
	snprintf(p, len, "%s/%s/README.md", root, name);
	FILE *f = fopen(p, "r");
	char line[512] = "";
	if (f) {
		if (!fgets(line, sizeof line, f))
			line[0] = 0;
		fclose(f);
	}
	line[strcspn(line, "\r\n")] = 0;
	const char *t = line;
	while (*t == '#' || *t == ' ')
		t++;
	printf("%-16s %s%s\n", name, t,
	       strcmp(name, DEFAULT_TEMPLATE) ? "" : _(" (default)"));
	free(p);
}

static int list_templates(const char *root)
{
	DIR *d = opendir(root);
	if (!d) {
		diag_fail(DIAG_IO, "cannot read '%s': %s", root, i18n_strerror(errno));
		return DIAG_IO;
	}
	char *names[MAX_FILES] = {0};
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d)) && n < MAX_FILES)
		if (e->d_name[0] != '.' && (names[n] = strdup(e->d_name)))
			n++;
	closedir(d);
	if (n > 1)
		qsort(names, (size_t)n, sizeof *names, cmp_str);
	for (int i = 0; i < n; i++) {
		print_title(root, names[i]);
		free(names[i]);
	}
	return 0;
}

int init_main(int argc, char **argv)
{
	const char *dir = NULL, *mau = DEFAULT_TEMPLATE;
	bool list = false;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			fputs(help_text("init"), stdout);
			return 0;
		} else if (!strcmp(a, "--list")) {
			list = true;
		} else if (!strcmp(a, "--mau")) {
			if (i + 1 >= argc) {
				diag_fail(DIAG_USAGE, "option '%s' needs a value", a);
				return DIAG_USAGE;
			}
			mau = argv[++i];
		} else if (a[0] == '-' && a[1]) {
			diag_fail(DIAG_USAGE, "unknown option '%s'", a);
			return DIAG_USAGE;
		} else if (!dir) {
			dir = a;
		} else {
			diag_fail(DIAG_USAGE, "unexpected argument '%s'", a);
			return DIAG_USAGE;
		}
	}
	char *root = paths_templates();
	if (!root) {
		diag_fail(DIAG_IO, "cannot find baocao's templates folder");
		return DIAG_IO;
	}
	if (list) {
		int rc = list_templates(root);
		free(root);
		return rc;
	}
	if (!dir)
		dir = "bao-cao";
	struct stat st;
	size_t len = strlen(root) + strlen(mau) + 2;
	char *src = malloc(len);
	snprintf(src, len, "%s/%s", root, mau);
	if (!mau[0] || strchr(mau, '/') || mau[0] == '.' || stat(src, &st) != 0 ||
	    !S_ISDIR(st.st_mode)) {
		diag_fail(DIAG_USAGE,
			  "no template '%s'; 'baocao init --list' shows the templates",
			  mau);
		free(src);
		free(root);
		return DIAG_USAGE;
	}
	char *files[MAX_FILES];
	int n = 0;
	bool ok = walk(src, "", files, &n);
	if (ok)
		qsort(files, (size_t)n, sizeof *files, cmp_str);
	/* all the checks first: nothing is written when one file exists */
	size_t dl = strlen(dir);
	while (dl > 1 && dir[dl - 1] == '/')
		dl--;
	char **to = calloc((size_t)n + 1, sizeof *to);
	int clash = 0;
	for (int i = 0; ok && i < n; i++) {
		size_t tl = dl + strlen(files[i]) + 2;
		to[i] = malloc(tl);
		snprintf(to[i], tl, "%.*s/%s", (int)dl, dir, files[i]);
		if (lstat(to[i], &st) == 0) {
			diag_fail(DIAG_USAGE,
				  "'%s' exists already; init never overwrites a file: "
				  "choose another folder or move the file away",
				  to[i]);
			clash++;
		}
	}
	if (clash)
		ok = false;
	if (ok && stat(dir, &st) == 0 && !S_ISDIR(st.st_mode)) {
		diag_fail(DIAG_USAGE, "'%s' is a file, not a folder", dir);
		ok = false;
	}
	for (int i = 0; ok && i < n; i++) {
		char *from = malloc(strlen(src) + strlen(files[i]) + 2);
		sprintf(from, "%s/%s", src, files[i]);
		ok = make_parents(to[i]) && copy_file(from, to[i]);
		free(from);
	}
	int rc = 0;
	if (ok) {
		printf(_("Created %.*s/ from the template '%s':"), (int)dl, dir, mau);
		for (int i = 0; i < n; i++)
			printf(" %s", files[i]);
		printf(_("\nNext: cd %.*s && baocao build bao-cao.md\n"), (int)dl, dir);
	} else {
		rc = diag_status() ? (int)diag_status() : DIAG_IO;
	}
	for (int i = 0; i < n; i++) {
		free(files[i]);
		free(to[i]);
	}
	free(to);
	free(src);
	free(root);
	return rc;
}
