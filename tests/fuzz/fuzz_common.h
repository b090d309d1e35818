/*
 * fuzz_common.h - helpers shared by the libFuzzer harnesses in tests/fuzz/.
 *
 * Header-only (static functions) so that each harness builds from one .c file plus the
 * generator sources. Not part of the generator; never linked into washboard itself.
 */
#ifndef WB_FUZZ_COMMON_H
#define WB_FUZZ_COMMON_H

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A file of a harness's fixed content tree, by its path relative to the tree. */
struct fuzz_file {
	const char *path;
	const char *text;
};

/* Most parts one input is split into (see fuzz_split()). */
#define FUZZ_MAX_PARTS 8

struct fuzz_part {
	const char *data; /* borrowed from the fuzzer's input */
	size_t len;
};

/*
 * Split data at NUL bytes into at most max parts (the last part keeps any further NULs).
 * NUL is the separator because it is never valid in the JSON, CSV or template text the
 * harnesses feed on, so a part never needs escaping. Returns the number of parts (>= 1).
 */
static inline size_t fuzz_split(const uint8_t *data, size_t size, struct fuzz_part *parts,
				size_t max)
{
	size_t n = 0, start = 0;
	for (size_t i = 0; i < size && n + 1 < max; i++) {
		if (data[i] == 0) {
			parts[n].data = (const char *)data + start;
			parts[n].len = i - start;
			n++;
			start = i + 1;
		}
	}
	parts[n].data = (const char *)data + start;
	parts[n].len = size - start;
	return n + 1;
}

/*
 * Abort with a message: the fuzzer records the input as a crash. Written to file
 * descriptor 2 directly, because fuzz_quiet_stderr() points the stderr stream elsewhere.
 * The harness's temporary directory is removed first (abort() skips destructors).
 */
static void (*fuzz_cleanup_hook)(void); /* removes the harness's temporary files, or NULL */

static inline void fuzz_fail(const char *what)
{
	static const char head[] = "fuzz invariant violated: ";
	if (write(2, head, sizeof(head) - 1) < 0 || write(2, what, strlen(what)) < 0 ||
	    write(2, "\n", 1) < 0)
		abort();
	if (fuzz_cleanup_hook)
		fuzz_cleanup_hook();
	abort();
}

/* Create or truncate path and write len bytes; aborts on I/O failure (not an input bug). */
static inline void fuzz_write_file(const char *path, const char *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0) {
		perror(path);
		abort();
	}
	while (len) {
		ssize_t w = write(fd, data, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			perror(path);
			abort();
		}
		data += w;
		len -= (size_t)w;
	}
	if (close(fd) != 0) {
		perror(path);
		abort();
	}
}

/*
 * A fresh per-process temporary directory, never NULL: under $TMPDIR when set, else under
 * /dev/shm when it exists (a RAM file system: the harnesses rewrite files on every run),
 * else under /tmp.
 */
static inline char *fuzz_tempdir(const char *tag)
{
	const char *tmp = getenv("TMPDIR");
	static char path[4096];
	struct stat st;
	if (!tmp || !*tmp)
		tmp = stat("/dev/shm", &st) == 0 && S_ISDIR(st.st_mode) &&
			      access("/dev/shm", W_OK) == 0
			  ? "/dev/shm"
			  : "/tmp";
	snprintf(path, sizeof(path), "%s/wb-fuzz-%s-XXXXXX", tmp, tag);
	if (!mkdtemp(path)) {
		perror("mkdtemp");
		abort();
	}
	return path;
}

/*
 * Silence the generator's diagnostics about bad inputs so they do not drown libFuzzer's
 * output. Only the stdio stream is swapped (glibc lets stderr be assigned): libFuzzer keeps
 * the FILE it captured at start-up and the sanitizers write to file descriptor 2 directly,
 * so their statistics and crash reports still show. Set WB_FUZZ_VERBOSE=1 to keep the
 * diagnostics (useful when reproducing one input).
 */
static inline void fuzz_quiet_stderr(void)
{
	FILE *devnull;
	if (getenv("WB_FUZZ_VERBOSE"))
		return;
	devnull = fopen("/dev/null", "w");
	if (devnull)
		stderr = devnull;
}

/* a "/" b in a new string; aborts when out of memory. */
static inline char *fuzz_join(const char *a, const char *b)
{
	size_t n = strlen(a) + 1 + strlen(b) + 1;
	char *p = malloc(n);
	if (!p)
		abort();
	snprintf(p, n, "%s/%s", a, b);
	return p;
}

/* Remove every file in d (the code under test writes no subdirectories there), keeping d. */
static inline void fuzz_empty_dir(const char *d)
{
	DIR *dh = opendir(d);
	struct dirent *e;
	if (!dh)
		return;
	while ((e = readdir(dh)) != NULL) {
		char *p;
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		p = fuzz_join(d, e->d_name);
		unlink(p);
		free(p);
	}
	closedir(dh);
}

#endif
