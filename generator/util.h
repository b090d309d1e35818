/*
 * util.h - diagnostics, files, directories, identifiers, signals, hashing and string sets.
 *
 * Diagnostics go to stderr in one format so editors and CI can jump to them:
 *   error: FILE:LINE:COL: what is wrong (what to do)
 *   warning: FILE: what is odd
 */
#ifndef WB_UTIL_H
#define WB_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/**
 * How an operation failed, for the modules that need to say more than -1 (the site build):
 * main.c alone turns it into an exit code.
 */
enum failure {
	FAIL_NONE = 0,    /* it worked */
	FAIL_RUNTIME = 1, /* I/O, a tool that failed, a signal */
	FAIL_DATA = 2,    /* bad content, templates or input files */
};

/** Largest input file read, in bytes; larger files are rejected with a clear error. */
#define WB_MAX_FILE_MIB 64
#define WB_MAX_FILE_SIZE ((size_t)WB_MAX_FILE_MIB << 20)

/**
 * Print "error: FILE:LINE:COL: message". line 0 leaves out ":LINE:COL", col 0 leaves out
 * ":COL"; file NULL leaves out the location. Counts into diag_errors().
 */
void diag_error(const char *file, unsigned line, unsigned col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/** Same as diag_error() with "warning:"; counts into diag_warnings(). */
void diag_warning(const char *file, unsigned line, unsigned col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/** Number of errors and warnings printed so far. */
unsigned diag_errors(void);
unsigned diag_warnings(void);
/** Silence warnings (errors are always printed). */
void diag_quiet_warnings(bool quiet);

/**
 * Read the whole file at path into *out (NUL-terminated; caller frees *out with free()).
 * Files over WB_MAX_FILE_SIZE are refused. Returns 0, or -1 after one diagnostic.
 */
int file_read(const char *path, char **out, size_t *len);
/** Create or truncate path and write len bytes to it. Returns 0, or -1 after a diagnostic. */
int file_write(const char *path, const char *data, size_t len);
/**
 * How many times this process failed to write a file or create a directory (file_write(),
 * file_copy(), path_mkdirs(), a file set): a step that fails after reading templates and
 * writing files tells a full disk (FAIL_RUNTIME) from bad templates (FAIL_DATA) with
 * failure_since().
 */
unsigned file_write_failures(void);
/** Count a failed write of a writer of its own (a file written in pieces, pages_stream). */
void file_write_failed(void);
/** FAIL_RUNTIME when a write failed since file_write_failures() was before, else FAIL_DATA. */
enum failure failure_since(unsigned before);
/**
 * Write len bytes to path atomically (a temporary file beside it, then rename).
 * Returns 0, or -1 after one diagnostic.
 */
int file_write_atomic(const char *path, const char *data, size_t len);

/*
 * Files written together or not at all, even across SIGKILL (journal.c, journal.h):
 * file_set_add() writes and syncs each to a hidden staged file beside its path;
 * file_set_commit() puts them all in place (through a journal when there are several),
 * file_set_abort() removes them. A failed add leaves the set to be aborted. Both end the
 * set.
 */
struct file_set {
	char **paths; /* final paths, each staged as DIR/.NAME.tmp.PID so far */
	size_t n, cap;
};
#define FILE_SET_INIT {NULL, 0, 0}
int file_set_add(struct file_set *fs, const char *path, const char *data, size_t len);
/**
 * Returns 0, or -1 after a diagnostic: before the journal's commit nothing was changed (the
 * staged files are removed); after it the journal stays, and the next command completes it.
 */
int file_set_commit(struct file_set *fs);
void file_set_abort(struct file_set *fs);
/** Copy the file from to the file to (created or truncated). Returns 0 or -1 after a diagnostic. */
int file_copy(const char *from, const char *to);
/** Does path exist as a directory? */
bool path_is_dir(const char *path);
/** Does path exist as a regular file? */
bool path_is_file(const char *path);
/** Create directory path and its parents (mode 0777 & umask). Returns 0 or -1 after a diagnostic. */
int path_mkdirs(const char *path);
/** "a" + "/" + "b" as a new string (caller frees). */
char *path_join(const char *a, const char *b);

/**
 * The names in directory dir, sorted bytewise, without "." and "..", and without names
 * starting with "." when skip_hidden. Returns the count and sets *names (caller frees with
 * names_free()), or -1 after one diagnostic.
 */
long dir_list(const char *dir, bool skip_hidden, char ***names);
/** Free a list from dir_list(). */
void names_free(char **names, long n);

/** Is s an identifier: [a-z0-9][a-z0-9._-]* with no "..", at most 128 bytes? */
bool is_slug(const char *s);
/**
 * Is s an absolute web address: "http://" or "https://" (any case), a host, and no space or
 * control character? What a link that must work from anywhere (a base URL, a repository)
 * needs; "example.org/x" or "/x" is not one.
 */
bool url_is_http(const char *s);
/**
 * A slug made from any text: ASCII letters lowercased, Σ to "sum", '+' to "plus", '*' to
 * "x", every other run of characters outside [a-z0-9._-] to one '-', no leading or trailing
 * separators. Returns a new string (caller frees); "" when nothing usable is left.
 */
char *slugify(const char *s);
/** Length (1-4) of the valid UTF-8 sequence at p (n bytes available), or 0 when invalid. */
size_t utf8_seq_len(const char *p, size_t n);
/** Is s[0..n) valid UTF-8? On failure *bad (when not NULL) is the offset of the bad byte. */
bool utf8_valid(const char *s, size_t n, size_t *bad);
/** The code point of the valid UTF-8 sequence p[0..len) (len from utf8_seq_len()). */
unsigned utf8_decode(const char *p, size_t len);
/**
 * Must code point cp never reach XML or HTML text? XML 1.0 forbids the C0 controls but tab,
 * LF and CR, the surrogates and U+FFFE/U+FFFF (an SVG or Atom file holding one is not
 * well-formed); HTML also calls DEL, the C1 controls and the other noncharacters
 * (U+FDD0-U+FDEF, U+xFFFE and U+xFFFF of every plane) parse errors. All of them are true.
 */
bool text_forbidden(unsigned cp);
/**
 * Replace, in b, every character text_forbidden() names and every invalid UTF-8 byte with
 * U+FFFD, for text about to be written as HTML, SVG or XML. Returns how many were replaced
 * (b is unchanged when none).
 */
size_t text_clean(struct buf *b);
/**
 * Parse all of s (surrounding spaces allowed) as a finite number (one too small for a double
 * becomes 0 or near it). Returns 0; -1 when s is empty, not a number or "nan"/"inf"; -2 when
 * it is too large for a double.
 */
int parse_number(const char *s, double *out);
/** Does s end with suffix? */
bool ends_with(const char *s, const char *suffix);

/*
 * Interruption. A long command (washboard build) calls interrupt_catch() first: SIGINT,
 * SIGTERM and SIGHUP then only record the signal and pass it on to the child processes
 * registered with interrupt_child_add() (build workers, gnuplot), so a `kill PID` stops the
 * whole tree. The code checks interrupted() where it can stop cleanly, removes what it
 * wrote, and main ends with interrupt_reraise(): the default action of the signal, so the
 * exit status is the usual 128+N.
 */
void interrupt_catch(void);
/** The signal caught, or 0. */
int interrupted(void);
/** Pass a caught signal on to pid too (up to WB_MAX_CHILDREN at once). */
void interrupt_child_add(int pid);
void interrupt_child_remove(int pid);
/** In a new child process: forget the parent's children. */
void interrupt_child_reset(void);
/**
 * In a new child process of parent (its pid, taken before fork()): be killed (SIGKILL) when
 * parent dies, however it dies, even by SIGKILL, so that no worker or gnuplot outlives a
 * killed build (Linux: PR_SET_PDEATHSIG; it survives exec). When parent is already gone,
 * the child exits at once. Async-signal-safe: callable between fork() and exec().
 */
void child_die_with_parent(int parent);
/** When a signal was caught: restore its default action and raise it (does not return). */
void interrupt_reraise(void);

#define WB_MAX_CHILDREN 256

/** Seconds on a monotonic clock (for durations only: its zero is arbitrary). */
double clock_seconds(void);

/* ------------------------------------------------------------------ random streams */

/** The state of stream r of seed (docs/method.md section 3): seed ^ (golden ratio * (r + 1)). */
uint64_t rng_stream(uint64_t seed, uint64_t r);
/** The next value of a splitmix64 stream (Steele, Lea and Flood, 2014). */
uint64_t rng_next(uint64_t *state);
/** An unbiased index in [0, n), n >= 1 (values at or above the largest multiple of n are
 * redrawn). */
size_t rng_index(uint64_t *state, size_t n);

/* ------------------------------------------------------------------ hashing, string sets */

/** FNV-1a's offset basis: the seed of a fresh hash_fnv1a(). */
#define HASH_FNV_SEED 14695981039346656037u
/** FNV-1a (Fowler, Noll and Vo) of n bytes of data, continuing from h. */
uint64_t hash_fnv1a(uint64_t h, const void *data, size_t n);

/** A set of strings (open addressing); {NULL, 0, 0} is the empty set. */
struct strset {
	char **slots; /* cap slots, NULL = empty; the strings are the set's own copies */
	size_t cap;   /* 0 or a power of two, more than twice n */
	size_t n;
};

/**
 * The set's copy of s; when s is absent, a new copy is added and returned if add, else NULL
 * is returned. Borrowed: valid until strset_release().
 */
const char *strset_intern(struct strset *set, const char *s, bool add);
/** Free every string of the set and the set's table; it is empty again. */
void strset_release(struct strset *set);

#endif
