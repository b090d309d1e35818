/* journal.c - file sets committed through a journal, the content lock and recovery. */
/* NOLINTNEXTLINE(bugprone-reserved-identifier): glibc declares realpath() only for XSI (or its defaults) */
#define _XOPEN_SOURCE 700
#include "journal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "util.h"

#define JOURNAL ".washboard-journal"
#define JOURNAL_HEAD "washboard journal 1\n"

/* ------------------------------------------------------------------ names */

/* The staged file of path: DIR/.BASE.tmp.PID, hidden, beside it. */
static void stage_name(struct buf *tmp, const char *path)
{
	const char *slash = strrchr(path, '/');
	buf_reset(tmp);
	if (slash)
		buf_add(tmp, path, (size_t)(slash - path + 1));
	buf_printf(tmp, ".%s.tmp.%ld", slash ? slash + 1 : path, (long)getpid());
}

/* Is name a staged file (.NAME.tmp.PID, or NAME.tmp.PID as older versions wrote them)? */
static bool is_staged(const char *name)
{
	const char *t = strstr(name, ".tmp.");
	const char *last = t;
	while (t) { /* the last ".tmp." */
		last = t;
		t = strstr(t + 1, ".tmp.");
	}
	if (!last || last == name || !last[5])
		return false;
	return strspn(last + 5, "0123456789") == strlen(last + 5);
}

/* ------------------------------------------------------------------ syncing */

/* fsync() path (a file or a directory); a file system that cannot is no error. */
static int sync_path(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), rc = 0;
	if (fd < 0)
		return -1;
	if (fsync(fd) != 0 && errno != EINVAL && errno != EROFS)
		rc = -1;
	close(fd);
	return rc;
}

/* The directory part of path ("." when it has none). Caller frees. */
static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return xstrdup(".");
	return slash == path ? xstrdup("/") : xstrndup(path, (size_t)(slash - path));
}

/* ------------------------------------------------------------------ file sets */

int file_set_add(struct file_set *fs, const char *path, const char *data, size_t len)
{
	struct buf tmp = BUF_INIT;
	struct stat st;
	int rc = -1;

	stage_name(&tmp, path);
	if (file_write(buf_str(&tmp), data, len) < 0)
		goto out;
	/* a file replaced keeps its permissions */
	if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
		chmod(buf_str(&tmp), st.st_mode & 07777);
	if (sync_path(buf_str(&tmp)) < 0) {
		diag_error(buf_str(&tmp), 0, 0, "cannot write: %s", strerror(errno));
		goto out;
	}
	xgrow((void **)&fs->paths, &fs->cap, fs->n + 1, sizeof(char *));
	fs->paths[fs->n++] = xstrdup(path);
	rc = 0;
out:
	if (rc != 0)
		remove(buf_str(&tmp));
	buf_release(&tmp);
	return rc;
}

/* Remove the staged files from done on (those not renamed into place) and end the set. */
static void file_set_end(struct file_set *fs, size_t done)
{
	struct buf tmp = BUF_INIT;
	for (size_t i = done; i < fs->n; i++) {
		stage_name(&tmp, fs->paths[i]);
		remove(buf_str(&tmp));
	}
	for (size_t i = 0; i < fs->n; i++)
		free(fs->paths[i]);
	free(fs->paths);
	memset(fs, 0, sizeof(*fs));
	buf_release(&tmp);
}

void file_set_abort(struct file_set *fs)
{
	file_set_end(fs, 0);
}

/*
 * The real directory of path's directory, with a trailing '/', or NULL after a diagnostic.
 * Caller frees.
 */
static char *real_dir(const char *path)
{
	char *d = dir_of(path), *r = realpath(d, NULL), *out;
	if (!r) {
		diag_error(d, 0, 0, "cannot resolve: %s", strerror(errno));
		free(d);
		return NULL;
	}
	out = path_join(r, ""); /* "/x/y" -> "/x/y/" */
	free(r);
	free(d);
	return out;
}

/* Length of the longest common prefix of a and b that ends with '/'. */
static size_t common_dir(const char *a, const char *b)
{
	size_t n = 0, last = 0;
	while (a[n] && a[n] == b[n]) {
		if (a[n] == '/')
			last = n + 1;
		n++;
	}
	return last;
}

/*
 * Apply the journal in dir (its text): rename each staged file over its final path (one
 * already renamed has no staged file left), sync the directories, remove the journal.
 * Returns the number of files renamed, or -1 after a diagnostic.
 */
static long replay(const char *dir, const char *text, const char *journal)
{
	const char *p = text + strlen(JOURNAL_HEAD);
	long done = 0;

	if (strncmp(text, JOURNAL_HEAD, strlen(JOURNAL_HEAD)) != 0 || !strstr(text, "\nend\n")) {
		diag_error(journal, 0, 0, "not a complete washboard journal (remove it by hand "
					  "after checking the content)");
		return -1;
	}
	while (strncmp(p, "end\n", 4) != 0) {
		const char *tab = strchr(p, '\t'), *eol = strchr(p, '\n');
		char *staged, *final_rel, *sp, *fp;
		if (!tab || !eol || tab > eol) {
			diag_error(journal, 0, 0, "malformed line in the journal");
			return -1;
		}
		staged = xstrndup(p, (size_t)(tab - p));
		final_rel = xstrndup(tab + 1, (size_t)(eol - tab - 1));
		sp = path_join(dir, staged);
		fp = path_join(dir, final_rel);
		if (staged[0] == '/' || final_rel[0] == '/' || strstr(staged, "..") ||
		    strstr(final_rel, "..")) {
			diag_error(journal, 0, 0, "journal names a path outside its directory: %s",
				   final_rel);
			done = -1;
		} else if (access(sp, F_OK) == 0) {
			if (rename(sp, fp) != 0) {
				diag_error(fp, 0, 0, "cannot replace: %s", strerror(errno));
				done = -1;
			} else {
				char *d = dir_of(fp);
				sync_path(d);
				free(d);
				done++;
			}
		}
		free(sp);
		free(fp);
		free(staged);
		free(final_rel);
		if (done < 0)
			return -1;
		p = eol + 1;
	}
	if (unlink(journal) != 0) {
		diag_error(journal, 0, 0, "cannot remove: %s", strerror(errno));
		return -1;
	}
	sync_path(dir);
	return done;
}

/* Apply dir's committed journal, if it has one: 0 none, 1 applied, -1 after a diagnostic. */
static int replay_dir(const char *dir, long *files)
{
	char *journal = path_join(dir, JOURNAL), *text = NULL;
	size_t len;
	long n;
	int rc = 0;

	if (access(journal, F_OK) != 0)
		goto out;
	rc = -1;
	if (file_read(journal, &text, &len) < 0)
		goto out;
	n = replay(dir, text, journal);
	if (n < 0)
		goto out;
	*files += n;
	rc = 1;
out:
	free(text);
	free(journal);
	return rc;
}

int file_set_commit(struct file_set *fs)
{
	char **real = NULL, *dir = NULL;
	struct buf j = BUF_INIT, tmp = BUF_INIT, path = BUF_INIT;
	size_t common = 0, i;
	long files = 0;
	int rc = -1;

	if (fs->n == 1) { /* one rename is all or nothing by itself */
		stage_name(&tmp, fs->paths[0]);
		if (rename(buf_str(&tmp), fs->paths[0]) != 0) {
			diag_error(fs->paths[0], 0, 0, "cannot replace: %s", strerror(errno));
			goto out;
		}
		dir = dir_of(fs->paths[0]);
		sync_path(dir);
		rc = 0;
		goto out;
	}
	if (fs->n == 0) {
		rc = 0;
		goto out;
	}
	/* the journal goes in the deepest directory the files share */
	real = xcalloc(fs->n, sizeof(char *));
	for (i = 0; i < fs->n; i++) {
		real[i] = real_dir(fs->paths[i]);
		if (!real[i])
			goto out;
		if (i == 0 || common_dir(real[0], real[i]) < common)
			common = i == 0 ? strlen(real[0]) : common_dir(real[0], real[i]);
	}
	dir = xstrndup(real[0], common);
	if (replay_dir(dir, &files) < 0) /* a committed journal here comes first */
		goto out;
	buf_puts(&j, JOURNAL_HEAD);
	for (i = 0; i < fs->n; i++) {
		const char *base = strrchr(fs->paths[i], '/');
		base = base ? base + 1 : fs->paths[i];
		buf_printf(&j, "%s.%s.tmp.%ld\t%s%s\n", real[i] + common, base, (long)getpid(),
			   real[i] + common, base);
	}
	buf_puts(&j, "end\n");
	buf_printf(&tmp, "%s" JOURNAL ".tmp.%ld", dir, (long)getpid());
	buf_printf(&path, "%s" JOURNAL, dir);
	if (file_write(buf_str(&tmp), j.data, j.len) < 0 || sync_path(buf_str(&tmp)) < 0) {
		remove(buf_str(&tmp));
		goto out;
	}
	/* the commit: from here on the import happens, even if this process dies */
	if (rename(buf_str(&tmp), buf_str(&path)) != 0) {
		diag_error(buf_str(&path), 0, 0, "cannot write: %s", strerror(errno));
		remove(buf_str(&tmp));
		goto out;
	}
	sync_path(dir);
	if (replay(dir, j.data, buf_str(&path)) < 0)
		goto out;
	rc = 0;
out:
	for (i = 0; real && i < fs->n; i++)
		free(real[i]);
	/* after a failure before the commit, nothing was renamed: remove every staged file */
	file_set_end(fs, rc == 0 ? fs->n : (access(buf_str(&path), F_OK) == 0 ? fs->n : 0));
	free(real);
	free(dir);
	buf_release(&j);
	buf_release(&tmp);
	buf_release(&path);
	return rc;
}

/* ------------------------------------------------------------------ recovery */

/* content, content/models and each content/models/<cohort>: where file sets commit. */
static char **journal_dirs(const char *content, size_t *n)
{
	char **dirs = xcalloc(2, sizeof(char *)), **names = NULL;
	char *models = path_join(content, "models");
	size_t cap = 2;
	long k;

	*n = 0;
	dirs[(*n)++] = xstrdup(content);
	if (!path_is_dir(models)) {
		free(models);
		return dirs;
	}
	dirs[(*n)++] = models;
	k = dir_list(models, true, &names);
	for (long i = 0; i < k; i++) {
		char *sub = path_join(models, names[i]);
		if (path_is_dir(sub)) {
			xgrow((void **)&dirs, &cap, *n + 1, sizeof(char *));
			dirs[(*n)++] = sub;
		} else {
			free(sub);
		}
	}
	names_free(names, k);
	return dirs;
}

/* Remove the staged files in dir; their number, or -1 after a diagnostic. */
static long sweep(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	long n = 0;

	if (!d)
		return 0;
	while ((e = readdir(d)) != NULL) {
		char *p;
		if (!is_staged(e->d_name))
			continue;
		p = path_join(dir, e->d_name);
		if (unlink(p) != 0) {
			diag_error(p, 0, 0, "cannot remove what an interrupted import left: %s",
				   strerror(errno));
			n = -1;
		} else if (n >= 0) {
			n++;
		}
		free(p);
		if (n < 0)
			break;
	}
	closedir(d);
	return n;
}

int journal_recover(const char *content)
{
	size_t n;
	char **dirs = journal_dirs(content, &n);
	long files = 0, swept = 0;
	int found = 0, rc = 0;

	for (size_t i = 0; i < n && rc == 0; i++) { /* committed journals first */
		int r = replay_dir(dirs[i], &files);
		if (r < 0)
			rc = -1;
		found += r > 0;
	}
	if (found)
		diag_warning(content, 0, 0,
			     "completed an import that was interrupted after it committed (%ld "
			     "file%s put in place): the content is the import's",
			     files, files == 1 ? "" : "s");
	for (size_t i = 0; i < n && rc == 0; i++) {
		long s = sweep(dirs[i]);
		if (s < 0)
			rc = -1;
		else
			swept += s;
	}
	if (swept)
		diag_warning(content, 0, 0,
			     "rolled back an import that was interrupted before it committed (%ld "
			     "staged file%s removed): the content is as it was before it",
			     swept, swept == 1 ? "" : "s");
	for (size_t i = 0; i < n; i++)
		free(dirs[i]);
	free(dirs);
	return rc < 0 ? -1 : found + (swept > 0);
}

/* Is there anything for journal_recover() to do under content? */
static bool pending(const char *content)
{
	size_t n;
	char **dirs = journal_dirs(content, &n);
	bool any = false;

	for (size_t i = 0; i < n; i++) {
		DIR *d = opendir(dirs[i]);
		struct dirent *e;
		while (!any && d && (e = readdir(d)) != NULL)
			any = strcmp(e->d_name, JOURNAL) == 0 || is_staged(e->d_name);
		if (d)
			closedir(d);
		free(dirs[i]);
	}
	free(dirs);
	return any;
}

/* ------------------------------------------------------------------ the lock */

/* Take (or change to) the lock of kind on fd, waiting for it; warn once when waiting. */
static int lock_wait(int fd, short kind, const char *content, bool *warned)
{
	struct flock fl;
	memset(&fl, 0, sizeof(fl));
	fl.l_type = kind;
	fl.l_whence = SEEK_SET;
	if (fcntl(fd, F_SETLK, &fl) == 0)
		return 0;
	if (kind != F_UNLCK && (errno == EAGAIN || errno == EACCES) && !*warned) {
		diag_warning(content, 0, 0, "another washboard command is %s; waiting for it",
			     kind == F_RDLCK ? "importing into it" : "using it");
		*warned = true;
	}
	while (fcntl(fd, F_SETLKW, &fl) != 0) {
		if (errno != EINTR) {
			diag_error(content, 0, 0, "cannot lock: %s", strerror(errno));
			return -1;
		}
	}
	return 0;
}

/* .NAME.content-lock beside the content directory, or NULL when it does not exist. */
static char *lock_path(const char *content)
{
	char *abs = realpath(content, NULL), *slash, *p = NULL;
	struct buf b = BUF_INIT;

	if (!abs || strcmp(abs, "/") == 0)
		goto out;
	slash = strrchr(abs, '/');
	buf_add(&b, abs, (size_t)(slash - abs + 1));
	buf_printf(&b, ".%s.content-lock", slash + 1);
	p = buf_detach(&b);
out:
	free(abs);
	return p;
}

int journal_lock_content(const char *content, bool exclusive, int *fd)
{
	char *lock = lock_path(content);
	bool warned = false, writable = true;
	int rc = -1;

	*fd = -1;
	if (!lock) /* no content yet: nothing to read, nothing to recover */
		return 0;
	*fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
	if (*fd < 0) {
		writable = false;
		*fd = open(lock, O_RDONLY | O_CLOEXEC);
	}
	if (*fd >= 0 && lock_wait(*fd, exclusive && writable ? F_WRLCK : F_RDLCK, content,
				  &warned) < 0)
		goto out;
	if (!exclusive && pending(content)) {
		/* a killed import left its files: recover with the lock to ourselves (dropped
		 * first: two readers upgrading at once would deadlock), then share it again */
		if (*fd >= 0 && writable &&
		    (lock_wait(*fd, F_UNLCK, content, &warned) < 0 ||
		     lock_wait(*fd, F_WRLCK, content, &warned) < 0))
			goto out;
		if (journal_recover(content) < 0)
			goto out;
		if (*fd >= 0 && lock_wait(*fd, F_RDLCK, content, &warned) < 0)
			goto out;
	} else if (exclusive && journal_recover(content) < 0) {
		goto out;
	}
	rc = 0;
out:
	if (rc != 0 && *fd >= 0) {
		close(*fd);
		*fd = -1;
	}
	free(lock);
	return rc;
}

void journal_unlock(int fd)
{
	if (fd >= 0)
		close(fd);
}
