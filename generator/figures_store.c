#include "figures.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "plot.h"
#include "util.h"

/* ------------------------------------------------------------------------------------------
 * Files: writing, comparing with the previous site, linking, checking what gnuplot drew.
 */

static const char *const extensions[3] = {"svg", "png", "pdf"};
#define FIG_OUTPUTS 4 /* the three formats and the dark SVG (output_of()) */

static char *output_path(const char *dir, const char *name, const char *ext)
{
	struct buf b = BUF_INIT;
	buf_printf(&b, "%s/%s.%s", dir, name, ext);
	return buf_detach(&b);
}

/* Does the file at path hold exactly data[0..len)? Quietly false when it cannot be read. */
static bool file_equals(const char *path, const char *data, size_t len)
{
	struct stat st;
	FILE *f;
	char chunk[8192];
	size_t off = 0;
	bool same = false;

	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) || (size_t)st.st_size != len)
		return false;
	f = fopen(path, "rb");
	if (!f)
		return false;
	for (;;) {
		size_t n = fread(chunk, 1, sizeof(chunk), f);
		if (n == 0) {
			same = off == len && !ferror(f);
			break;
		}
		if (off + n > len || memcmp(chunk, data + off, n) != 0)
			break;
		off += n;
	}
	fclose(f);
	return same;
}

static bool file_nonempty(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0;
}

/* Put the file at from also at to (which does not exist): a hard link when possible, else a
 * copy. */
static int link_or_copy(const char *from, const char *to)
{
	if (link(from, to) == 0)
		return 0;
	return file_copy(from, to);
}

/*
 * Make the directory holding figures/NAME (and its dark/ directory beside it: gnuplot writes
 * the dark variant there), remembering the last one made.
 */
int fig_make_parent(const char *fig_dir, const char *name, struct buf *last)
{
	const char *slash = strrchr(name, '/');
	struct buf dir = BUF_INIT;
	int rc = 0;

	buf_printf(&dir, "%s/%.*s", fig_dir, (int)(slash - name), name);
	if (strcmp(buf_str(&dir), buf_str(last)) != 0) {
		buf_reset(last);
		buf_puts(last, buf_str(&dir));
		buf_puts(&dir, "/" PLOT_DARK_DIR);
		rc = path_mkdirs(buf_str(&dir));
	}
	buf_release(&dir);
	return rc;
}

/* Output e of f (0..2: svg, png, pdf; 3: the dark SVG) below dir. Caller frees. */
static char *output_of(const char *dir, const struct figure *f, int e)
{
	struct buf b = BUF_INIT;
	char *dark;
	if (e < 3)
		return output_path(dir, f->name, extensions[e]);
	dark = plot_dark_path(f->name);
	buf_printf(&b, "%s/%s", dir, dark);
	free(dark);
	return buf_detach(&b);
}

/* Does p draw output e (as output_of() numbers them)? The dark SVG comes with the SVG. */
static bool wants(const struct plotter *p, int e)
{
	return (p->formats & (1u << (e < 3 ? e : 0))) != 0;
}

/*
 * Write figure f's .gp and .csv into fig_dir, which has none of f's files yet; reuse its
 * outputs from prev_dir when the previous script is byte-identical and every requested
 * output is there. Sets f->reused.
 */
int fig_place(const struct plotter *p, struct figure *f, const char *fig_dir, const char *prev_dir)
{
	char *gp = output_path(fig_dir, f->name, "gp"), *csv = output_path(fig_dir, f->name, "csv");
	char *prev_gp = prev_dir ? output_path(prev_dir, f->name, "gp") : NULL;
	int rc = -1;

	f->reused = false;
	if (prev_gp && file_equals(prev_gp, f->script.data, f->script.len)) {
		f->reused = true;
		for (int e = 0; e < FIG_OUTPUTS && f->reused; e++) {
			char *prev = output_of(prev_dir, f, e);
			if (wants(p, e) && !file_nonempty(prev))
				f->reused = false;
			free(prev);
		}
	}
	/* fig_dir is the new site's: nothing to replace, so plain writes (an unfinished
	 * build's directory is removed whole) */
	if (file_write(gp, f->script.data, f->script.len) != 0 ||
	    file_write(csv, buf_str(&f->csv), f->csv.len) != 0)
		goto out;
	for (int e = 0; e < FIG_OUTPUTS && f->reused; e++) {
		char *to, *from;
		if (!wants(p, e))
			continue;
		to = output_of(fig_dir, f, e);
		from = output_of(prev_dir, f, e);
		rc = link_or_copy(from, to);
		free(to);
		free(from);
		if (rc != 0)
			goto out;
	}
	rc = 0;
out:
	free(gp);
	free(csv);
	free(prev_gp);
	return rc;
}

/* The date cairo writes into every PDF, in PDF's D:YYYYMMDDHHmmSS digits. */
void fig_pdf_date(char digits[15])
{
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	char *end = NULL;
	long long t;
	struct tm tm;
	time_t tt;

	memcpy(digits, "19700101000000", 15);
	if (!epoch || !*epoch)
		return;
	errno = 0;
	t = strtoll(epoch, &end, 10);
	if (errno || *end || t < 0)
		return;
	tt = (time_t)t;
	if (gmtime_r(&tt, &tm) && tm.tm_year + 1900 <= 9999)
		strftime(digits, 15, "%Y%m%d%H%M%S", &tm);
}

/* Write data[0..n) over the bytes of the existing file at path from offset off. 0 or -1. */
static int file_patch(const char *path, size_t off, const char *data, size_t n)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	int rc = fd < 0 ? -1 : 0;

	while (rc == 0 && n) {
		ssize_t w = pwrite(fd, data, n, (off_t)off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			rc = -1;
		} else {
			data += w;
			off += (size_t)w;
			n -= (size_t)w;
		}
	}
	if (fd >= 0 && close(fd) != 0)
		rc = -1;
	if (rc != 0) {
		diag_error(path, 0, 0, "cannot write: %s", strerror(errno));
		file_write_failed();
	}
	return rc;
}

/* The next "/key" in data[from..len), as an offset just past it, or len. */
static size_t find_key(const char *data, size_t len, size_t from, const char *key, size_t kl)
{
	while (from + kl <= len) {
		const char *slash = memchr(data + from, '/', len - from);
		if (!slash)
			break;
		from = (size_t)(slash - data);
		if (from + kl <= len && memcmp(slash, key, kl) == 0)
			return from + kl;
		from++;
	}
	return len;
}

/*
 * Replace the creation and modification dates in the PDF at path by digits (and a "Z" time
 * zone). Same-length edits, so the cross-reference offsets stay valid; they are written over
 * the bytes they change, in place (no second file: every new file costs an inode).
 */
static int pdf_fix_dates(const char *path, const char *digits)
{
	static const char *const keys[2] = {"/CreationDate (D:", "/ModDate (D:"};
	char *data = NULL;
	size_t len = 0, lo = SIZE_MAX, hi = 0;
	bool changed = false;
	int rc = -1;

	if (file_read(path, &data, &len) != 0)
		goto out;
	for (int k = 0; k < 2; k++) {
		size_t kl = strlen(keys[k]);
		for (size_t i = find_key(data, len, 0, keys[k], kl); i < len;
		     i = find_key(data, len, i, keys[k], kl)) {
			size_t d = 0, from = i;
			while (d < 14 && i + d < len && data[i + d] >= '0' && data[i + d] <= '9')
				d++;
			if (memcmp(data + i, digits, d) != 0) {
				memcpy(data + i, digits, d);
				changed = true;
			}
			i += d;
			/* a time zone "+hh'mm'" or "-hh'mm'" becomes "+00'00'" */
			if (i + 7 <= len && (data[i] == '+' || data[i] == '-') &&
			    data[i + 3] == '\'') {
				memcpy(data + i, "+00'00", 6);
				changed = true;
				i += 6;
			}
			if (i > from) {
				lo = from < lo ? from : lo;
				hi = i > hi ? i : hi;
			}
		}
	}
	rc = changed ? file_patch(path, lo, data + lo, hi - lo) : 0;
out:
	free(data);
	return rc;
}

/*
 * Figure f has been drawn: every output must exist and not be empty; PDFs get their fixed
 * date. Runs while the other gnuplot processes keep drawing, which hides its cost.
 */
int fig_check(const struct plotter *p, const struct figure *f, const char *fig_dir,
	      const char *pdf_date)
{
	int rc = 0;
	for (int e = 0; e < FIG_OUTPUTS && rc == 0; e++) {
		char *path;
		if (!wants(p, e))
			continue;
		path = output_of(fig_dir, f, e);
		if (!file_nonempty(path)) {
			struct buf loc = BUF_INIT;
			buf_printf(&loc, "figures/%s.gp", f->name);
			diag_error(buf_str(&loc), 0, 0, "gnuplot: finished without writing '%s'",
				   path + strlen(fig_dir) + 1);
			buf_release(&loc);
			rc = -1;
		} else if (e == 2) {
			rc = pdf_fix_dates(path, pdf_date);
		}
		free(path);
	}
	return rc;
}
