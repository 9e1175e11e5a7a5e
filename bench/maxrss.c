/* Runs a command and prints its peak resident set size in KB on stderr's
 * last line ("maxrss_kb N"). A small launcher, because a child forked from
 * Python inherits Python's RSS in ru_maxrss. */
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc < 2)
		return 2;
	pid_t pid = fork();
	if (pid == 0) {
		execvp(argv[1], argv + 1);
		_exit(127);
	}
	int st;
	struct rusage ru;
	if (wait4(pid, &st, 0, &ru) < 0)
		return 3;
	fprintf(stderr, "maxrss_kb %ld\n", ru.ru_maxrss);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128;
}
