/*
 * tests/faults/shim.c - an LD_PRELOAD library that injects faults into washboard for the
 * tests (never linked into washboard; the tests build it: cc -shared -fPIC ... -ldl).
 *
 * Environment, each optional:
 *   WB_SHIM_PAUSE=SUFFIX:N   at the Nth rename() or renameat2() (N >= 1, per process) whose
 *                            new path ends with SUFFIX, create the file WB_SHIM_FLAG and
 *                            sleep (for an hour: the test SIGKILLs the process there),
 *                            before renaming
 *   WB_SHIM_SLOW_MS=MS       sleep MS milliseconds before every rename (widens the windows
 *                            a kill at a random moment can hit)
 *   WB_SHIM_NO_EXCHANGE=1    renameat2() with RENAME_EXCHANGE fails with EINVAL, as on a
 *                            file system that cannot exchange
 *   WB_SHIM_ENOSPC=SUFFIX    fopen() for writing of a path ending in SUFFIX opens /dev/full
 *                            instead, so the data is lost with ENOSPC (a full disk)
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

static long renames; /* renames matching WB_SHIM_PAUSE so far */

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && strcmp(s + n - k, suffix) == 0;
}

static void nap_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

/* Called before every rename to newpath: slow it, or stop here for the test to kill. */
static void before_rename(const char *newpath)
{
	const char *slow = getenv("WB_SHIM_SLOW_MS"), *pause = getenv("WB_SHIM_PAUSE");
	int saved = errno;
	if (slow && *slow)
		nap_ms(atol(slow));
	if (pause && *pause) {
		const char *colon = strrchr(pause, ':');
		size_t n = colon ? (size_t)(colon - pause) : strlen(pause);
		long at = colon ? atol(colon + 1) : 1;
		char sub[4096];
		if (n >= sizeof(sub))
			n = sizeof(sub) - 1;
		memcpy(sub, pause, n);
		sub[n] = '\0';
		if (ends_with(newpath, sub) && ++renames == at) {
			const char *flag = getenv("WB_SHIM_FLAG");
			if (flag) {
				int fd = open(flag, O_WRONLY | O_CREAT | O_TRUNC, 0644);
				if (fd >= 0)
					close(fd);
			}
			nap_ms(3600L * 1000);
		}
	}
	errno = saved;
}

int rename(const char *oldpath, const char *newpath)
{
	static int (*real)(const char *, const char *);
	if (!real)
		real = (int (*)(const char *, const char *))dlsym(RTLD_NEXT, "rename");
	before_rename(newpath);
	return real(oldpath, newpath);
}

int renameat2(int olddirfd, const char *oldpath, int newdirfd, const char *newpath,
	      unsigned int flags)
{
	static int (*real)(int, const char *, int, const char *, unsigned int);
	const char *no = getenv("WB_SHIM_NO_EXCHANGE");
	if (!real)
		real = (int (*)(int, const char *, int, const char *, unsigned int))dlsym(
			RTLD_NEXT, "renameat2");
	if ((flags & RENAME_EXCHANGE) && no && strcmp(no, "1") == 0) {
		errno = EINVAL;
		return -1;
	}
	before_rename(newpath);
	return real(olddirfd, oldpath, newdirfd, newpath, flags);
}

static FILE *full_or(const char *path, const char *mode, const char *sym)
{
	FILE *(*real)(const char *, const char *) =
		(FILE * (*)(const char *, const char *)) dlsym(RTLD_NEXT, sym);
	const char *suffix = getenv("WB_SHIM_ENOSPC");
	if (suffix && *suffix && ends_with(path, suffix) && strchr(mode, 'w'))
		return real("/dev/full", mode);
	return real(path, mode);
}

FILE *fopen(const char *path, const char *mode)
{
	return full_or(path, mode, "fopen");
}

FILE *fopen64(const char *path, const char *mode)
{
	return full_or(path, mode, "fopen64");
}
