/*
 * journal.h - files written together or not at all, even when the process is killed
 * outright (SIGKILL, power loss): the file sets of util.h, the content directory's lock and
 * the recovery of an import that was interrupted.
 *
 * A file set (util.h: file_set_add(), file_set_commit()) stages every file as a hidden
 * temporary DIR/.NAME.tmp.PID beside its path, written and synced. Committing more than one
 * file goes through a journal in the deepest directory common to them (the content
 * directory for a CSV import, models/<cohort> for lm-eval and Inspect):
 *
 *   1. DIR/.washboard-journal.tmp.PID lists every "staged<TAB>final" (relative to DIR) and
 *      ends with "end"; it is synced and renamed to DIR/.washboard-journal: the commit.
 *   2. Each staged file is renamed over its final path.
 *   3. The journal is removed.
 *
 * Killed before the journal's rename, the import has changed nothing but its hidden staged
 * files; killed after it, the journal says how to finish. The next command that reads the
 * content (analyze, build, any import) calls journal_lock_content() first, which completes
 * a committed journal ("completed an import ...") or removes the staged files of an
 * uncommitted one ("rolled back an import ..."), each with a warning, so the content it
 * reads is all old or all new. Staged files are hidden, so content loading never takes one
 * for content; the recovery also removes NAME.tmp.PID files that older versions left.
 *
 * The lock: an fcntl lock on .NAME.content-lock beside the content directory NAME (beside,
 * so that the content tree itself is not changed by a command that only reads it). Imports
 * hold it exclusively for their whole run; analyze and build hold it shared while they
 * read, so they never see half of an import and never roll back one that is still running.
 * Where the lock file cannot be created (a read-only parent directory), nothing is locked.
 */
#ifndef WB_JOURNAL_H
#define WB_JOURNAL_H

#include <stdbool.h>

/**
 * Lock the content directory content (exclusive for an import, shared to read it), waiting
 * while another command holds it (with a warning, once), then finish or roll back an
 * interrupted import in it (journal_recover()). *fd is the lock's descriptor, -1 when
 * nothing was locked (content does not exist yet, or the lock file cannot be created);
 * release it with journal_unlock(). Returns 0, or -1 after a diagnostic (recovery failed:
 * the content is not to be read).
 */
int journal_lock_content(const char *content, bool exclusive, int *fd);
/** Release a lock from journal_lock_content() (fd -1: nothing to release). */
void journal_unlock(int fd);
/**
 * Complete every committed journal under content (the directory, models/ and each
 * models/<cohort>/) and then remove every staged file left there (with a warning saying
 * which was done). Call it with the content locked exclusively. Returns the number of
 * interrupted imports found (0: nothing to do), or -1 after a diagnostic.
 */
int journal_recover(const char *content);

#endif
