#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

static unsigned n_errors, n_warnings, n_write_failures;
static bool quiet_warnings;

static void diag(const char *kind, const char *file, unsigned line, unsigned col,
		 const char *fmt, va_list ap)
{
	struct buf b = BUF_INIT;
	buf_printf(&b, "%s: ", kind);
	if (file) {
		buf_puts(&b, file);
		if (line) {
			buf_printf(&b, ":%u", line);
			if (col)
				buf_printf(&b, ":%u", col);
		}
		buf_puts(&b, ": ");
	}
	buf_vprintf(&b, fmt, ap);
	buf_putc(&b, '\n');
	fputs(buf_str(&b), stderr);
	buf_release(&b);
}

void diag_error(const char *file, unsigned line, unsigned col, const char *fmt, ...)
{
	va_list ap;
	n_errors++;
	va_start(ap, fmt);
	diag("error", file, line, col, fmt, ap);
	va_end(ap);
}

void diag_warning(const char *file, unsigned line, unsigned col, const char *fmt, ...)
{
	va_list ap;
	n_warnings++;
	if (quiet_warnings)
		return;
	va_start(ap, fmt);
	diag("warning", file, line, col, fmt, ap);
	va_end(ap);
}

unsigned diag_errors(void)
{
	return n_errors;
}

unsigned diag_warnings(void)
{
	return n_warnings;
}

void diag_quiet_warnings(bool quiet)
{
	quiet_warnings = quiet;
}

/*
 * Open path for reading without ever blocking (a FIFO would block open() until a writer
 * came) and refuse anything but a regular file. Returns the descriptor, with *st filled, or
 * -1 after one diagnostic.
 */
static int open_regular(const char *path, struct stat *st)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);

	if (fd < 0) {
		diag_error(path, 0, 0, "cannot read: %s", strerror(errno));
		return -1;
	}
	if (fstat(fd, st) != 0) {
		diag_error(path, 0, 0, "cannot read: %s", strerror(errno));
		close(fd);
		return -1;
	}
	if (!S_ISREG(st->st_mode)) {
		diag_error(path, 0, 0, "%s, expected a regular file",
			   S_ISDIR(st->st_mode)    ? "is a directory"
			   : S_ISFIFO(st->st_mode) ? "is a FIFO (named pipe)"
			   : S_ISSOCK(st->st_mode) ? "is a socket"
			   : S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode) ? "is a device"
									   : "is not a file");
		close(fd);
		return -1;
	}
	/* a regular file never blocks; reads are plain from here on */
	if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) != 0) {
		diag_error(path, 0, 0, "cannot read: %s", strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

int file_read(const char *path, char **out, size_t *len)
{
	struct stat st;
	char *data = NULL;
	size_t got = 0, cap;
	int fd, rc = -1;

	*out = NULL;
	*len = 0;
	fd = open_regular(path, &st);
	if (fd < 0)
		return -1;
	if (st.st_size > (off_t)WB_MAX_FILE_SIZE) {
		diag_error(path, 0, 0, "file is larger than the %d MiB limit", WB_MAX_FILE_MIB);
		goto out;
	}
	/* room for the whole file, the NUL and the read that sees end-of-file: one allocation
	 * (a file that grows meanwhile takes more) */
	cap = (size_t)st.st_size + 2;
	data = xmalloc(cap);
	for (;;) {
		ssize_t n;
		if (cap - got < 2)
			xgrow((void **)&data, &cap, got + 65536 + 1, 1);
		n = read(fd, data + got, cap - got - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			diag_error(path, 0, 0, "cannot read: %s", strerror(errno));
			goto out;
		}
		got += (size_t)n;
		if (got > WB_MAX_FILE_SIZE) {
			diag_error(path, 0, 0, "file is larger than the %d MiB limit",
				   WB_MAX_FILE_MIB);
			goto out;
		}
		if (n == 0)
			break;
	}
	data[got] = '\0';
	*out = data;
	*len = got;
	data = NULL;
	rc = 0;
out:
	close(fd);
	free(data);
	return rc;
}

unsigned file_write_failures(void)
{
	return n_write_failures;
}

void file_write_failed(void)
{
	n_write_failures++;
}

enum failure failure_since(unsigned before)
{
	return n_write_failures != before ? FAIL_RUNTIME : FAIL_DATA;
}

int file_write(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	int rc = -1;

	if (!f) {
		diag_error(path, 0, 0, "cannot write: %s", strerror(errno));
		n_write_failures++;
		return -1;
	}
	if (fwrite(data, 1, len, f) != len) {
		diag_error(path, 0, 0, "cannot write: %s", strerror(errno));
		fclose(f);
		n_write_failures++;
		return -1;
	}
	if (fclose(f) != 0) {
		diag_error(path, 0, 0, "cannot write: %s", strerror(errno));
		n_write_failures++;
	} else {
		rc = 0;
	}
	return rc;
}

int file_write_atomic(const char *path, const char *data, size_t len)
{
	/* a hidden temporary beside it, then one rename (not synced: what the build writes
	 * this way is in its temporary tree, removed when the build does not finish) */
	const char *slash = strrchr(path, '/');
	struct buf tmp = BUF_INIT;
	int rc = -1;

	if (slash)
		buf_add(&tmp, path, (size_t)(slash - path + 1));
	buf_printf(&tmp, ".%s.tmp.%ld", slash ? slash + 1 : path, (long)getpid());
	if (file_write(buf_str(&tmp), data, len) < 0) {
		remove(buf_str(&tmp));
	} else if (rename(buf_str(&tmp), path) != 0) {
		diag_error(path, 0, 0, "cannot replace: %s", strerror(errno));
		n_write_failures++;
		remove(buf_str(&tmp));
	} else {
		rc = 0;
	}
	buf_release(&tmp);
	return rc;
}

int file_copy(const char *from, const char *to)
{
	FILE *in = NULL, *out = NULL;
	char chunk[65536];
	int rc = -1;

	{
		struct stat st;
		int fd = open_regular(from, &st); /* a FIFO among the assets must not block */
		if (fd < 0)
			goto out;
		in = fdopen(fd, "rb");
		if (!in) {
			diag_error(from, 0, 0, "cannot read: %s", strerror(errno));
			close(fd);
			goto out;
		}
	}
	out = fopen(to, "wb");
	if (!out) {
		diag_error(to, 0, 0, "cannot write: %s", strerror(errno));
		n_write_failures++;
		goto out;
	}
	for (;;) {
		size_t n = fread(chunk, 1, sizeof(chunk), in);
		if (n == 0)
			break;
		if (fwrite(chunk, 1, n, out) != n) {
			diag_error(to, 0, 0, "cannot write: %s", strerror(errno));
			n_write_failures++;
			goto out;
		}
	}
	if (ferror(in)) {
		diag_error(from, 0, 0, "cannot read: %s", strerror(errno));
		goto out;
	}
	rc = fclose(out);
	out = NULL;
	if (rc != 0) {
		diag_error(to, 0, 0, "cannot write: %s", strerror(errno));
		n_write_failures++;
	}
out:
	if (in)
		fclose(in);
	if (out)
		fclose(out);
	return rc;
}

bool path_is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

bool path_is_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

int path_mkdirs(const char *path)
{
	char *p;
	char *s;
	int rc = -1;

	/* the directory itself first: most calls find it there, or only it missing */
	if (mkdir(path, 0777) == 0)
		return 0;
	if (errno == EEXIST && path_is_dir(path))
		return 0;
	p = xstrdup(path);
	for (s = *p ? p + 1 : p; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0777) != 0 && errno != EEXIST) {
			diag_error(p, 0, 0, "cannot create directory: %s", strerror(errno));
			n_write_failures++;
			goto out;
		}
		*s = '/';
	}
	if (mkdir(p, 0777) != 0 && errno != EEXIST) {
		diag_error(p, 0, 0, "cannot create directory: %s", strerror(errno));
		n_write_failures++;
		goto out;
	}
	if (!path_is_dir(p)) {
		diag_error(p, 0, 0, "exists but is not a directory");
		goto out;
	}
	rc = 0;
out:
	free(p);
	return rc;
}

char *path_join(const char *a, const char *b)
{
	struct buf out = BUF_INIT;
	size_t la = strlen(a);
	buf_puts(&out, a);
	if (la && a[la - 1] != '/')
		buf_putc(&out, '/');
	buf_puts(&out, b);
	return buf_detach(&out);
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

long dir_list(const char *dir, bool skip_hidden, char ***names)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **list = NULL;
	size_t n = 0, cap = 0;

	*names = NULL;
	if (!d) {
		diag_error(dir, 0, 0, "cannot open directory: %s", strerror(errno));
		return -1;
	}
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (skip_hidden && e->d_name[0] == '.')
			continue;
		xgrow((void **)&list, &cap, n + 1, sizeof(*list));
		list[n++] = xstrdup(e->d_name);
	}
	closedir(d);
	if (n)
		qsort(list, n, sizeof(*list), cmp_names);
	*names = list;
	return (long)n;
}

void names_free(char **names, long n)
{
	for (long i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

bool is_slug(const char *s)
{
	size_t i, n = strlen(s);
	if (n == 0 || n > 128)
		return false;
	if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= '0' && s[0] <= '9')))
		return false;
	for (i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
		      c == '-'))
			return false;
	}
	return strstr(s, "..") == NULL;
}

bool url_is_http(const char *s)
{
	size_t n = strncasecmp(s, "https://", 8) == 0 ? 8 : strncasecmp(s, "http://", 7) == 0 ? 7 : 0;
	if (n == 0 || !s[n] || s[n] == '/')
		return false;
	for (; *s; s++)
		if ((unsigned char)*s <= 0x20 || *s == 0x7f)
			return false;
	return true;
}

static bool slug_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
}

static bool is_sep(char c)
{
	return c == '.' || c == '_' || c == '-';
}

char *slugify(const char *s)
{
	struct buf b = BUF_INIT;
	const unsigned char *p = (const unsigned char *)s;
	size_t start, end;
	char *r;

	while (*p) {
		char c = (char)*p;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (p[0] == 0xCE && p[1] == 0xA3) { /* Σ, the paper's "sum" columns */
			buf_puts(&b, "sum");
			p += 2;
			continue;
		}
		if (c == '+') {
			if (b.len && !is_sep(b.data[b.len - 1]))
				buf_putc(&b, '-');
			buf_puts(&b, "plus");
		} else if (c == '*') {
			if (b.len && !is_sep(b.data[b.len - 1]))
				buf_putc(&b, '-');
			buf_puts(&b, "x-");
		} else if (slug_char(c)) {
			if (is_sep(c) && b.len && b.data[b.len - 1] == '-')
				b.data[b.len - 1] = c;
			else if (!(c == '-' && b.len && is_sep(b.data[b.len - 1])))
				buf_putc(&b, c);
		} else if (b.len && !is_sep(b.data[b.len - 1])) {
			buf_putc(&b, '-');
		}
		p++;
	}
	/* Trim separators at both ends and collapse ".." so the result is a slug. */
	start = 0;
	end = b.len;
	while (start < end && is_sep(b.data[start]))
		start++;
	while (end > start && is_sep(b.data[end - 1]))
		end--;
	r = xstrndup(buf_str(&b) + start, end - start);
	for (char *q = r; (q = strstr(q, "..")) != NULL;)
		memmove(q, q + 1, strlen(q));
	buf_release(&b);
	return r;
}

bool ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && memcmp(s + a - b, suffix, b) == 0;
}

size_t utf8_seq_len(const char *p, size_t n)
{
	const unsigned char *s = (const unsigned char *)p;
	size_t need, i;
	unsigned cp;

	if (n == 0)
		return 0;
	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		need = 2;
		cp = s[0] & 0x1Fu;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		need = 3;
		cp = s[0] & 0x0Fu;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		need = 4;
		cp = s[0] & 0x07u;
	} else {
		return 0;
	}
	if (n < need)
		return 0;
	for (i = 1; i < need; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3Fu);
	}
	if ((need == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
	    (need == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
		return 0;
	return need;
}

bool utf8_valid(const char *s, size_t n, size_t *bad)
{
	size_t i = 0;
	while (i < n) {
		size_t k = utf8_seq_len(s + i, n - i);
		if (!k) {
			if (bad)
				*bad = i;
			return false;
		}
		i += k;
	}
	return true;
}

unsigned utf8_decode(const char *p, size_t len)
{
	const unsigned char *s = (const unsigned char *)p;
	static const unsigned char lead_mask[5] = {0, 0x7f, 0x1f, 0x0f, 0x07};
	unsigned cp = s[0] & lead_mask[len < 5 ? len : 1];
	for (size_t i = 1; i < len; i++)
		cp = (cp << 6) | (s[i] & 0x3Fu);
	return cp;
}

bool text_forbidden(unsigned cp)
{
	if (cp < 0x20)
		return cp != '\t' && cp != '\n' && cp != '\r';
	return (cp >= 0x7f && cp <= 0x9f) || (cp >= 0xD800 && cp <= 0xDFFF) ||
	       (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFEu) == 0xFFFEu || cp > 0x10FFFF;
}

/* Are all 8 bytes of w printable ASCII (0x20..0x7e)? Each test is exact for "any byte" (the
 * bit tricks of "has a byte less than n" and "has a zero byte", on bytes below 0x80). */
static bool printable8(uint64_t w)
{
	const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
	uint64_t del = w ^ (0x7f * ones);
	return !(w & high) && !((w - 0x20 * ones) & ~w & high) && !((del - ones) & ~del & high);
}

size_t text_clean(struct buf *b)
{
	struct buf out = BUF_INIT;
	size_t replaced = 0, i = 0, done = 0;

	while (i < b->len) {
		unsigned char c = (unsigned char)b->data[i];
		size_t k;
		uint64_t w;
		if (b->len - i >= 8 && (memcpy(&w, b->data + i, 8), printable8(w))) {
			i += 8;
			continue;
		}
		if ((c >= 0x20 && c < 0x7f) || c == '\n' || c == '\t' || c == '\r') {
			i++; /* printable ASCII, most of a page: no need to decode */
			continue;
		}
		k = utf8_seq_len(b->data + i, b->len - i);
		if (k && !text_forbidden(utf8_decode(b->data + i, k))) {
			i += k;
			continue;
		}
		buf_add(&out, b->data + done, i - done);
		buf_puts(&out, "\xef\xbf\xbd"); /* U+FFFD */
		replaced++;
		i += k ? k : 1;
		done = i;
	}
	if (replaced) {
		buf_add(&out, b->data + done, b->len - done);
		buf_release(b);
		*b = out;
	}
	return replaced;
}

int parse_number(const char *s, double *out)
{
	char *end;
	double x;
	while (*s == ' ' || *s == '\t')
		s++;
	if (!*s)
		return -1;
	/* strtod accepts "nan", "inf" and hex floats; a results file means none of them. */
	for (const char *p = s; *p; p++)
		if (*p == 'n' || *p == 'N' || *p == 'i' || *p == 'I' || *p == 'x' || *p == 'X')
			return -1;
	x = strtod(s, &end);
	if (end == s)
		return -1;
	if (!isfinite(x)) /* overflow; an underflow is a number near 0, as in JSON */
		return -2;
	while (*end == ' ' || *end == '\t')
		end++;
	if (*end)
		return -1;
	*out = x;
	return 0;
}

/* ------------------------------------------------------------------ interruption */

static volatile sig_atomic_t caught_signal;
static volatile sig_atomic_t children[WB_MAX_CHILDREN]; /* pids, 0 = free slot */

/* Async-signal-safe: a store and kill() only. */
static void on_signal(int sig)
{
	if (!caught_signal)
		caught_signal = sig;
	for (size_t i = 0; i < WB_MAX_CHILDREN; i++)
		if (children[i] > 0)
			kill((pid_t)children[i], sig);
}

void interrupt_catch(void)
{
	static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaddset(&sa.sa_mask, sigs[i]);
	/* blocking reads and waits resume; poll() and sleeps still return early (EINTR) */
	sa.sa_flags = SA_RESTART;
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		struct sigaction old;
		/* a signal ignored by whoever started us (nohup) stays ignored */
		if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
			continue;
		sigaction(sigs[i], &sa, NULL);
	}
}

int interrupted(void)
{
	return caught_signal;
}

void interrupt_child_add(int pid)
{
	for (size_t i = 0; i < WB_MAX_CHILDREN; i++)
		if (children[i] == 0) {
			children[i] = pid;
			break;
		}
	/* a signal that came before the child was registered is passed on now */
	if (caught_signal && pid > 0)
		kill((pid_t)pid, caught_signal);
}

void interrupt_child_remove(int pid)
{
	for (size_t i = 0; i < WB_MAX_CHILDREN; i++)
		if (children[i] == pid)
			children[i] = 0;
}

void interrupt_child_reset(void)
{
	for (size_t i = 0; i < WB_MAX_CHILDREN; i++)
		children[i] = 0;
}

void child_die_with_parent(int parent)
{
#ifdef __linux__
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != (pid_t)parent)
		_exit(1); /* the parent died before the signal was armed, or cannot be watched */
#else
	(void)parent;
#endif
}

void interrupt_reraise(void)
{
	int sig = caught_signal;
	if (!sig)
		return;
	fflush(NULL);
	signal(sig, SIG_DFL);
	raise(sig);
	_exit(128 + sig); /* the signal is blocked or ignored after all */
}

double clock_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ------------------------------------------------------------------ random streams */

#define GOLDEN 0x9E3779B97F4A7C15u

uint64_t rng_stream(uint64_t seed, uint64_t r)
{
	return seed ^ (GOLDEN * (r + 1));
}

uint64_t rng_next(uint64_t *state)
{
	uint64_t z = (*state += GOLDEN);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
	return z ^ (z >> 31);
}

size_t rng_index(uint64_t *state, size_t n)
{
	uint64_t limit = UINT64_MAX - (UINT64_MAX % n + 1) % n; /* 2^64 - (2^64 mod n), minus 1 */
	uint64_t x;
	do
		x = rng_next(state);
	while (x > limit);
	return (size_t)(x % n);
}

/* ------------------------------------------------------------------ hashing, string sets */

uint64_t hash_fnv1a(uint64_t h, const void *data, size_t n)
{
	const unsigned char *p = data;
	for (size_t i = 0; i < n; i++)
		h = (h ^ p[i]) * 1099511628211u;
	return h;
}

static size_t slot_of(const struct strset *set, const char *s)
{
	size_t i = (size_t)hash_fnv1a(HASH_FNV_SEED, s, strlen(s)) & (set->cap - 1);
	while (set->slots[i] && strcmp(set->slots[i], s) != 0)
		i = (i + 1) & (set->cap - 1);
	return i;
}

const char *strset_intern(struct strset *set, const char *s, bool add)
{
	size_t i;
	if (set->cap == 0) {
		if (!add)
			return NULL;
		set->cap = 64;
		set->slots = xcalloc(set->cap, sizeof(char *));
	}
	i = slot_of(set, s);
	if (set->slots[i] || !add)
		return set->slots[i];
	if (2 * (set->n + 1) > set->cap) {
		struct strset bigger = {xcalloc(set->cap * 2, sizeof(char *)), set->cap * 2, set->n};
		for (size_t k = 0; k < set->cap; k++)
			if (set->slots[k])
				bigger.slots[slot_of(&bigger, set->slots[k])] = set->slots[k];
		free(set->slots);
		*set = bigger;
		i = slot_of(set, s);
	}
	set->slots[i] = xstrdup(s);
	set->n++;
	return set->slots[i];
}

void strset_release(struct strset *set)
{
	for (size_t i = 0; i < set->cap; i++)
		free(set->slots[i]);
	free(set->slots);
	set->slots = NULL;
	set->cap = set->n = 0;
}
