/*
 * site_publish.h - the output directory's lock, the temporary tree and the swap into place.
 *
 * A build writes the whole site into OUT.tmp-XXXXXX beside OUT (as readable as the umask
 * allows) and, only when everything succeeded, exchanges it with OUT in one step
 * (renameat2(RENAME_EXCHANGE)), then removes the old tree: OUT is always a complete site,
 * the previous one or the new one, even when the build is killed at any moment. Where the
 * file system cannot exchange (EINVAL, ENOSYS), two renames do it: OUT -> OUT.old-XXXXXX,
 * OUT.tmp-XXXXXX -> OUT; a build killed between them leaves no OUT, and the next build
 * moves OUT.old-XXXXXX back first (never deleting the only copy). A failed build leaves the
 * previous site untouched. A lock file .BASENAME.lock beside OUT (an fcntl write lock,
 * released when its descriptor is closed) keeps two builds from publishing into one
 * directory at once; with it held, the lock also removes OUT.tmp-* and OUT.old-* trees that
 * a killed build left behind (with a warning).
 *
 * Internal to the site: site*.c include this header.
 */
#ifndef WB_SITE_PUBLISH_H
#define WB_SITE_PUBLISH_H

#include <stdbool.h>
#include <stddef.h>

/**
 * Lock OUT against concurrent builds, put back the previous site when a killed build left
 * OUT missing (*restored: it did, with a warning), remove what killed builds left beside it
 * and refuse an OUT that exists and is not a directory. *fd is the lock's descriptor: >= 0
 * once the lock is taken (also when a later check fails), -1 before; close it to release
 * the lock. Returns 0, or -1 after one diagnostic (another build holds the lock, no lock
 * file could be created, the previous site cannot be put back, OUT is not a directory).
 */
int site_lock(const char *out, int *fd, bool *restored);
/**
 * Create the empty temporary directory OUT.tmp-XXXXXX beside OUT, with the permissions the
 * umask gives a new directory (not mkdtemp()'s 0700). Returns its path (caller frees), or
 * NULL after one diagnostic.
 */
char *site_tmp_create(const char *out);
/**
 * Swap the finished tree tmp into place at out, in one step where the file system can
 * (then the previous site, left at tmp, is removed). Returns 0, or -1 after one diagnostic;
 * then the previous site is in place (or, when even moving it back failed, where the
 * message says) and tmp is still there.
 */
int site_publish(const char *tmp, const char *out);
/** Remove path and everything below it (no symlinks are followed). 0, or -1 (no message). */
int site_remove_tree(const char *path);
/**
 * Copy the directory tree src into dst (regular files only, in sorted order), adding the
 * number of files copied to *files. Returns 0, or -1 after a diagnostic.
 */
int site_copy_tree(const char *src, const char *dst, size_t *files);

#endif
