/* site_publish.c - the lock, the temporary tree and the swap into place. */
/* NOLINTNEXTLINE(bugprone-reserved-identifier): renameat2() and RENAME_EXCHANGE (glibc 2.28) */
#define _GNU_SOURCE
#include "site_publish.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/syscall.h>
#endif

#include "buf.h"
#include "util.h"

/* Remove path and everything below it (no symlinks are followed). */
int site_remove_tree(const char *path)
{
	struct stat st;
	int rc = 0;

	if (lstat(path, &st) != 0)
		return errno == ENOENT ? 0 : -1;
	if (S_ISDIR(st.st_mode)) {
		DIR *d = opendir(path);
		struct dirent *e;
		if (!d)
			return -1;
		while ((e = readdir(d)) != NULL) {
			char *sub;
			if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
				continue;
			sub = path_join(path, e->d_name);
			if (site_remove_tree(sub) != 0)
				rc = -1;
			free(sub);
		}
		closedir(d);
		if (rmdir(path) != 0)
			rc = -1;
	} else if (unlink(path) != 0) {
		rc = -1;
	}
	return rc;
}

/* Copy the directory tree src into dst (regular files only), sorted, counting files. */
int site_copy_tree(const char *src, const char *dst, size_t *files)
{
	char **names = NULL;
	long n = dir_list(src, true, &names);
	int rc = 0;

	if (n < 0)
		return -1;
	if (path_mkdirs(dst) < 0) {
		names_free(names, n);
		return -1;
	}
	for (long i = 0; i < n && rc == 0; i++) {
		char *s = path_join(src, names[i]), *d = path_join(dst, names[i]);
		if (path_is_dir(s)) {
			rc = site_copy_tree(s, d, files);
		} else if (path_is_file(s)) {
			rc = file_copy(s, d);
			(*files)++;
		}
		free(s);
		free(d);
	}
	names_free(names, n);
	return rc;
}

/* OUT's directory ("" for the working directory, "/" for the root); *base its last part. */
static char *out_parent(const char *out, const char **base)
{
	const char *slash = strrchr(out, '/');
	*base = slash ? slash + 1 : out;
	if (!slash)
		return xstrdup("");
	return slash == out ? xstrdup("/") : xstrndup(out, (size_t)(slash - out));
}

/* Lock OUT against a concurrent build: a lock file .BASENAME.lock beside it. */
static int take_lock(const char *out, int *fd)
{
	const char *base;
	char *dir = out_parent(out, &base), *lock;
	struct buf name = BUF_INIT;
	struct flock fl;
	int rc = -1;

	buf_printf(&name, ".%s.lock", base);
	lock = path_join(dir, buf_str(&name));
	*fd = open(lock, O_RDWR | O_CREAT, 0666);
	if (*fd < 0) {
		diag_error(lock, 0, 0, "cannot create the lock file: %s", strerror(errno));
		goto out;
	}
	memset(&fl, 0, sizeof(fl));
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	if (fcntl(*fd, F_SETLK, &fl) != 0) {
		diag_error(out, 0, 0, "another washboard build is writing this site (lock %s); try "
				      "again when it has finished",
			   lock);
		close(*fd);
		*fd = -1;
		goto out;
	}
	rc = 0;
out:
	buf_release(&name);
	free(lock);
	free(dir);
	return rc;
}

char *site_tmp_create(const char *out)
{
	struct buf tmpl = BUF_INIT;
	mode_t mask = umask(0);

	umask(mask); /* read it back: the build is single-threaded here */
	buf_printf(&tmpl, "%s.tmp-XXXXXX", out);
	if (!mkdtemp(tmpl.data)) {
		diag_error(out, 0, 0, "cannot create a temporary directory beside it: %s",
			   strerror(errno));
		buf_release(&tmpl);
		return NULL;
	}
	/* mkdtemp() makes it 0700; the published site is as readable as the umask allows, so a
	 * web server running as another user can serve it */
	if (chmod(tmpl.data, 0777 & ~mask) != 0) {
		diag_error(tmpl.data, 0, 0, "cannot set its permissions: %s", strerror(errno));
		rmdir(tmpl.data);
		buf_release(&tmpl);
		return NULL;
	}
	return buf_detach(&tmpl);
}

/*
 * Exchange the directories a and b in one step: renameat2(RENAME_EXCHANGE), through the
 * system call where the C library has no wrapper. -1 with errno EINVAL, ENOSYS or ENOTSUP
 * where the kernel or the file system cannot do it.
 */
static int exchange(const char *a, const char *b)
{
#if defined(__linux__) && defined(RENAME_EXCHANGE)
	return renameat2(AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE);
#elif defined(__linux__) && defined(SYS_renameat2)
	return (int)syscall(SYS_renameat2, AT_FDCWD, a, AT_FDCWD, b, 2 /* RENAME_EXCHANGE */);
#else
	(void)a;
	(void)b;
	errno = ENOSYS;
	return -1;
#endif
}

/*
 * The swap without an exchange: OUT -> OUT.old-XXXXXX, TMP -> OUT, remove the old. Between
 * the two renames there is no OUT: a build killed there leaves the previous site in
 * OUT.old-XXXXXX, and the next build puts it back (site_lock()).
 */
static int publish_by_renames(const char *tmp, const char *out)
{
	struct buf old = BUF_INIT;
	int rc = -1;

	buf_printf(&old, "%s.old-XXXXXX", out);
	if (!mkdtemp(old.data) || rmdir(old.data) != 0 || rename(out, old.data) != 0) {
		diag_error(out, 0, 0, "cannot move the previous site aside: %s", strerror(errno));
		goto out;
	}
	if (rename(tmp, out) != 0) {
		int e = errno;
		if (rename(old.data, out) != 0)
			diag_error(out, 0, 0,
				   "cannot move the new site into place (%s), nor the previous one "
				   "back: the previous site is in %s",
				   strerror(e), old.data);
		else
			diag_error(out, 0, 0, "cannot move the new site into place: %s",
				   strerror(e));
		goto out;
	}
	site_remove_tree(old.data);
	rc = 0;
out:
	buf_release(&old);
	return rc;
}

/*
 * Swap the finished tree into place. OUT is never missing and never half-written: the
 * directories are exchanged in one step, then the old tree (now at tmp) is removed.
 */
int site_publish(const char *tmp, const char *out)
{
	if (access(out, F_OK) != 0) {
		if (rename(tmp, out) != 0) {
			diag_error(out, 0, 0, "cannot move the new site into place: %s",
				   strerror(errno));
			return -1;
		}
		return 0;
	}
	if (!path_is_dir(out)) {
		diag_error(out, 0, 0, "exists and is not a directory; refusing to replace it");
		return -1;
	}
	if (exchange(tmp, out) == 0) {
		site_remove_tree(tmp); /* the previous site; if this is cut short, the next
					* build removes the rest */
		return 0;
	}
	if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP && errno != EOPNOTSUPP) {
		diag_error(out, 0, 0, "cannot swap the new site into place: %s", strerror(errno));
		return -1;
	}
	return publish_by_renames(tmp, out);
}

/*
 * OUT.old-XXXXXX with the newest change time (the last one moved aside), when OUT itself is
 * missing: the previous site, left there by a build killed between its two renames. NULL
 * when there is none. Caller frees.
 */
static char *newest_old(const char *dir, const char *base)
{
	size_t blen = strlen(base);
	struct dirent *e;
	DIR *d = opendir(dir[0] ? dir : ".");
	char *best = NULL;
	struct timespec when = {0, 0};

	while (d && (e = readdir(d)) != NULL) {
		struct stat st;
		char *p;
		if (strncmp(e->d_name, base, blen) != 0 ||
		    strncmp(e->d_name + blen, ".old-", 5) != 0 || strlen(e->d_name + blen) != 11)
			continue;
		p = path_join(dir, e->d_name);
		if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode) &&
		    (!best || st.st_ctim.tv_sec > when.tv_sec ||
		     (st.st_ctim.tv_sec == when.tv_sec && st.st_ctim.tv_nsec > when.tv_nsec))) {
			free(best);
			best = p;
			when = st.st_ctim;
		} else {
			free(p);
		}
	}
	if (d)
		closedir(d);
	return best;
}

/*
 * When OUT is missing but a killed build left the previous site in OUT.old-XXXXXX, put it
 * back (the only copy is never removed). Returns 1 when it did, 0 when there was nothing to
 * do, -1 after a diagnostic.
 */
static int restore_previous(const char *out)
{
	const char *base;
	char *dir = out_parent(out, &base), *old = NULL;
	struct stat st;
	int rc = 0;

	if (lstat(out, &st) == 0 || errno != ENOENT)
		goto out;
	old = newest_old(dir, base);
	if (!old)
		goto out;
	if (rename(old, out) != 0) {
		diag_error(out, 0, 0,
			   "is missing and the previous site, in %s, cannot be moved back: %s (move "
			   "it back by hand)",
			   old, strerror(errno));
		rc = -1;
		goto out;
	}
	diag_warning(out, 0, 0,
		     "restored the previous site from %s, where a build killed while publishing "
		     "left it",
		     old);
	rc = 1;
out:
	free(old);
	free(dir);
	return rc;
}

/*
 * Remove what a build killed outright (SIGKILL, power loss) left beside OUT: directories
 * OUT.tmp-XXXXXX and OUT.old-XXXXXX, the mkdtemp() names used above. Called with the lock
 * held, so no other build is using them.
 */
static void remove_leftovers(const char *out)
{
	const char *base;
	char *dir = out_parent(out, &base);
	size_t blen = strlen(base);
	struct dirent *e;
	DIR *d = opendir(dir[0] ? dir : "."); /* unreadable: the build fails later, clearly */

	while (d && (e = readdir(d)) != NULL) {
		const char *tail = e->d_name + blen;
		bool ours = strncmp(e->d_name, base, blen) == 0 &&
			    (strncmp(tail, ".tmp-", 5) == 0 || strncmp(tail, ".old-", 5) == 0) &&
			    strlen(tail + 5) == 6;
		for (size_t k = 0; ours && k < 6; k++)
			ours = isalnum((unsigned char)tail[5 + k]) != 0;
		if (ours) {
			char *p = path_join(dir, e->d_name);
			if (path_is_dir(p) && site_remove_tree(p) == 0)
				diag_warning(p, 0, 0, "removed, left behind by an interrupted build");
			free(p);
		}
	}
	if (d)
		closedir(d);
	free(dir);
}

int site_lock(const char *out, int *fd, bool *restored)
{
	int r;
	*restored = false;
	if (take_lock(out, fd) < 0)
		return -1;
	r = restore_previous(out);
	if (r < 0)
		return -1;
	*restored = r > 0;
	remove_leftovers(out);
	if (access(out, F_OK) == 0 && !path_is_dir(out)) {
		diag_error(out, 0, 0, "exists and is not a directory; refusing to replace it");
		return -1;
	}
	return 0;
}
