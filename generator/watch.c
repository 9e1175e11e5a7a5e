#include "watch.h"

#include <errno.h>
#include <libgen.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "deps.h"
#include "diag.h"
#include "i18n.h"

enum { QUIET_MS = 100, MAX_WATCHED = 512 };

#define EVENTS                                                                           \
	(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE |          \
	 IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF)

/* A file that matters: its folder's watch and its name in the folder;
 * name NULL: any file of that folder (the data folder). */
struct target {
	int wd;
	char *name;
};

static struct target targets[MAX_WATCHED];
static int ntargets;
/* what the build itself writes: never a reason to rebuild, also when it
 * is written into the data folder */
static const char *own[2];

static double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static void clear_targets(void)
{
	for (int i = 0; i < ntargets; i++)
		free(targets[i].name);
	ntargets = 0;
}

/* Watch path's folder for path's name (or, is_dir, the folder path). */
static bool add_target(int fd, const char *path, bool is_dir)
{
	if (ntargets == MAX_WATCHED)
		return true;
	char *d = strdup(path), *b = strdup(path);
	const char *dir = is_dir ? path : dirname(d);
	int wd = inotify_add_watch(fd, dir, EVENTS);
	if (wd >= 0) {
		targets[ntargets].wd = wd;
		targets[ntargets].name = is_dir ? NULL : strdup(basename(b));
		ntargets++;
	}
	free(d);
	free(b);
	return wd >= 0;
}

/* Editors' swap, backup and temporary files are no reason to rebuild. */
static bool scratch_name(const char *n)
{
	size_t l = strlen(n);
	for (int i = 0; i < 2; i++)
		if (own[i] && !strcmp(n, own[i]))
			return true;
	return n[0] == '.' || (l && n[l - 1] == '~') || strstr(n, ".tmp") ||
	       !strcmp(n, "4913") || (l > 4 && !strcmp(n + l - 4, ".swp"));
}

static bool relevant(const struct inotify_event *e)
{
	if (e->mask & IN_Q_OVERFLOW)
		return true; /* events were lost: rebuild to be sure */
	for (int i = 0; i < ntargets; i++) {
		if (targets[i].wd != e->wd)
			continue;
		if (e->mask & (IN_DELETE_SELF | IN_MOVE_SELF))
			return true;
		if (!e->len)
			continue;
		if (targets[i].name ? !strcmp(targets[i].name, e->name)
				    : !scratch_name(e->name))
			return true;
	}
	return false;
}

/* Read what is queued; true when one of the events matters. */
static bool drain(int fd)
{
	char b[8192] __attribute__((aligned(__alignof__(struct inotify_event))));
	bool hit = false;
	for (;;) {
		ssize_t n = read(fd, b, sizeof b);
		if (n <= 0)
			return hit;
		for (char *p = b; p < b + n;) {
			const struct inotify_event *e = (const struct inotify_event *)p;
			hit |= relevant(e);
			p += sizeof *e + e->len;
		}
	}
}

static char *data_dir_of(const struct report_opts *o)
{
	if (o->data_dir)
		return strdup(o->data_dir);
	char *copy = strdup(o->input);
	const char *dir = dirname(copy);
	char *d = malloc(strlen(dir) + 6);
	sprintf(d, "%s/data", dir);
	free(copy);
	return d;
}

static char *output_of(const struct report_opts *o)
{
	if (o->output)
		return strdup(o->output);
	/* as report.c: REPORT's stem + ".pdf" in the current folder */
	const char *base = strrchr(o->input, '/');
	base = base ? base + 1 : o->input;
	const char *dot = strrchr(base, '.');
	size_t n = dot && dot > base ? (size_t)(dot - base) : strlen(base);
	char *r = malloc(n + 5);
	memcpy(r, base, n);
	memcpy(r + n, ".pdf", 5);
	return r;
}

static void build(const struct report_opts *o, int fd, const char *out)
{
	diag_reset();
	double t0 = now_ms();
	int rc = report_run(o);
	double ms = now_ms() - t0;
	char stamp[16];
	time_t t = time(NULL);
	strftime(stamp, sizeof stamp, "%H:%M:%S", localtime(&t));
	if (rc == 0)
		fprintf(stderr, _("[%s] wrote %s in %.0f ms\n"), stamp, out, ms);
	else
		fprintf(stderr,
			_("[%s] failed in %.0f ms (%d errors); %s is left as it was\n"),
			stamp, ms, diag_errors(), out);
	/* what to watch now: the files this build read, the report and the
	 * data folder even when the build stopped before reading them */
	clear_targets();
	add_target(fd, o->input, false);
	char *dd = data_dir_of(o);
	struct stat st;
	if (stat(dd, &st) == 0 && S_ISDIR(st.st_mode))
		add_target(fd, dd, true);
	free(dd);
	for (int i = 0; i < deps_count(); i++)
		add_target(fd, deps_get(i), false);
}

int watch_run(const struct report_opts *o)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigprocmask(SIG_BLOCK, &set, NULL);
	int sfd = signalfd(-1, &set, SFD_CLOEXEC);
	int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (fd < 0 || sfd < 0) {
		diag_fail(DIAG_IO, "cannot watch files: %s", i18n_strerror(errno));
		return DIAG_IO;
	}
	char *out = output_of(o);
	const char *slash = strrchr(out, '/');
	own[0] = slash ? slash + 1 : out;
	if (o->deps)
		own[1] = strrchr(o->deps, '/') ? strrchr(o->deps, '/') + 1 : o->deps;
	build(o, fd, out);
	if (!ntargets) {
		diag_fail(DIAG_IO, "cannot watch '%s': %s", o->input, i18n_strerror(errno));
		free(out);
		return DIAG_IO;
	}
	fprintf(stderr, "%s", _("watching for changes; Ctrl-C ends\n"));
	bool pending = false;
	double last = 0;
	for (;;) {
		struct pollfd p[2] = {{fd, POLLIN, 0}, {sfd, POLLIN, 0}};
		int wait = -1;
		if (pending) {
			wait = (int)(last + QUIET_MS - now_ms());
			if (wait < 0)
				wait = 0;
		}
		int n = poll(p, 2, wait);
		if (n < 0 && errno != EINTR)
			break;
		if (p[1].revents & POLLIN)
			break; /* SIGINT or SIGTERM */
		if (n > 0 && (p[0].revents & POLLIN) && drain(fd)) {
			pending = true;
			last = now_ms();
		}
		if (pending && now_ms() - last >= QUIET_MS) {
			pending = false;
			build(o, fd, out);
		}
	}
	clear_targets();
	deps_clear();
	free(out);
	close(fd);
	close(sfd);
	return 0;
}
