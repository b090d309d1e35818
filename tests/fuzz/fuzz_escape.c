/*
 * fuzz_escape.c - libFuzzer harness for the escapers that put content text into other
 * languages: gnuplot strings (gptext.h), BibTeX fields (pages_bibtex_text()) and CSV
 * fields (csv_field()). Their output must parse, and read back as the text.
 *
 * The input is split at NUL bytes into at most 8 texts. For each:
 *   gnuplot  gp_str() and gp_format_str(), uncut and cut to a length taken from the text,
 *            are read back by a reader of gnuplot's own rules (its scanner: a single-quoted
 *            string ends at the first ' unless the character before it is followed by '';
 *            pieces "'" and " . " between them): uncut, the text must come back with control
 *            runs as one space, the characters XML forbids as U+FFFD, invalid UTF-8 bytes as
 *            '?' and, in a format, every % doubled; cut, it must still parse, in at most the
 *            length's characters. tests/test_faults.c runs gnuplot itself on the names.
 *   BibTeX   braces balance (never closing the field, all closed at the end), no " outside
 *            a brace pair, no control character, no trailing backslash.
 *   CSV      an RFC 4180 reader (Python's csv module's default dialect) reads the field as
 *            one field equal to the text, with a ' before a text a spreadsheet would run as
 *            a formula.
 * With WB_FUZZ_ESCAPE_DUMP=FILE, every text is also appended to FILE as a CSV row
 * (hex of the text, its csv_field()), so that tests/fuzz/run.sh --regress can check with
 * Python's csv module itself.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "gptext.h"
#include "pages.h"
#include "report.h"
#include "util.h"
#include "value.h"

#include "fuzz_common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static FILE *dump; /* WB_FUZZ_ESCAPE_DUMP, or NULL */

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *d = getenv("WB_FUZZ_ESCAPE_DUMP");
	(void)argc;
	(void)argv;
	fuzz_quiet_stderr();
	if (d && *d)
		dump = fopen(d, "ab");
	return 0;
}

/* gnuplot's reading of expression s (see the header comment); NULL when it would not parse. */
static char *gp_read(const char *s)
{
	struct buf out = BUF_INIT;
	const char *p = s;
	for (;;) {
		if (*p == '\'') {
			const char *q = p + 1;
			while (*q && *q != '\'') {
				buf_add(&out, q, 1);
				if (q[1] == '\'' && q[2] == '\'') {
					buf_putc(&out, '\'');
					q += 3;
				} else {
					q++;
				}
				if (*q == '\n')
					goto bad; /* a newline ends the command */
			}
			if (*q != '\'')
				goto bad;
			p = q + 1;
		} else if (*p == '"') {
			const char *q = p + 1;
			while (*q == '\'')
				buf_putc(&out, *q++);
			if (*q != '"' || q == p + 1)
				goto bad;
			p = q + 1;
		} else {
			goto bad;
		}
		if (!*p)
			break;
		if (strncmp(p, " . ", 3) != 0)
			goto bad;
		p += 3;
	}
	return out.data ? buf_detach(&out) : xstrdup("");
bad:
	buf_release(&out);
	return NULL;
}

/* What gp_str() of s must read back as (uncut), % doubled when format. */
static char *gp_expected(const char *s, bool format)
{
	struct buf b = BUF_INIT;
	size_t n = strlen(s);
	bool space = false;
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		size_t k = utf8_seq_len(s + i, n - i);
		if (c < 0x20 || c == 0x7f) {
			if (!space)
				buf_putc(&b, ' ');
			space = true;
			i++;
			continue;
		}
		space = false;
		if (!k) {
			buf_putc(&b, '?');
			i++;
			continue;
		}
		if (text_forbidden(utf8_decode(s + i, k)))
			buf_puts(&b, "\xef\xbf\xbd");
		else if (c == '%' && format)
			buf_puts(&b, "%%");
		else
			buf_add(&b, s + i, k);
		i += k;
	}
	return b.data ? buf_detach(&b) : xstrdup("");
}

static size_t utf8_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static void check_gnuplot(const char *s)
{
	for (int format = 0; format < 2; format++) {
		size_t cut = strlen(s) % 40 + 1;
		for (int pass = 0; pass < 2; pass++) {
			struct buf b = BUF_INIT;
			char *back;
			size_t max = pass ? cut : 0;
			if (format)
				gp_format_str(&b, s, max);
			else
				gp_str(&b, s, max);
			back = gp_read(buf_str(&b));
			if (!back)
				fuzz_fail("a gnuplot string expression gnuplot would not read");
			if (pass == 0) {
				char *want = gp_expected(s, format);
				if (strcmp(back, want) != 0)
					fuzz_fail("a gnuplot string that does not read back as the text");
				free(want);
			} else if (!utf8_valid(back, strlen(back), NULL) ||
				   utf8_chars(back) > max * (format ? 2 : 1)) {
				fuzz_fail("a cut gnuplot string that is longer than its limit");
			}
			free(back);
			buf_release(&b);
		}
	}
}

static void check_bibtex(const char *s)
{
	char *t = pages_bibtex_text(s);
	int depth = 0;
	size_t n = strlen(t);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)t[i];
		if (c == '{')
			depth++;
		else if (c == '}' && --depth < 0)
			fuzz_fail("a BibTeX text that closes its field");
		else if (c == '"' && depth == 0)
			fuzz_fail("a BibTeX text with a \" outside braces");
		else if (c < 0x20 || c == 0x7f)
			fuzz_fail("a BibTeX text with a control character");
	}
	if (depth != 0)
		fuzz_fail("a BibTeX text that leaves a brace open");
	if (n && t[n - 1] == '\\')
		fuzz_fail("a BibTeX text ending with a backslash");
	free(t);
}

/* Read one RFC 4180 field at the start of f (the whole of f must be that field). */
static char *csv_read_one(const char *f)
{
	struct buf out = BUF_INIT;
	if (*f != '"') {
		if (strpbrk(f, ",\"\r\n"))
			return NULL;
		return xstrdup(f);
	}
	for (f++;; f++) {
		if (!*f) {
			buf_release(&out);
			return NULL; /* never closed */
		}
		if (*f == '"') {
			if (f[1] == '"') {
				buf_putc(&out, '"');
				f++;
				continue;
			}
			if (f[1]) {
				buf_release(&out);
				return NULL; /* text after the closing quote */
			}
			break;
		}
		buf_putc(&out, *f);
	}
	return out.data ? buf_detach(&out) : xstrdup("");
}

static void check_csv(const char *s)
{
	struct buf b = BUF_INIT, want = BUF_INIT;
	char *back;
	bool number = false;

	csv_field(&b, s);
	back = csv_read_one(buf_str(&b));
	if (!back)
		fuzz_fail("a CSV field that is not one RFC 4180 field");
	/* a formula text gets a ' in front; a plain number stays as it is */
	if (s[0] && strchr("=+-@\t\r", s[0])) {
		char *end;
		const char *p = s + (s[0] == '+' || s[0] == '-');
		number = (*p >= '0' && *p <= '9') || (*p == '.' && p[1] >= '0' && p[1] <= '9');
		(void)strtod(s, &end);
		number = number && *end == '\0' && !strpbrk(s, "xXnNiIpP \t");
		if (!number)
			buf_putc(&want, '\'');
	}
	buf_puts(&want, s);
	if (strcmp(back, buf_str(&want)) != 0)
		fuzz_fail("a CSV field that does not read back as the text");
	if (dump) {
		for (const char *p = s; *p; p++)
			fprintf(dump, "%02x", (unsigned char)*p);
		fprintf(dump, ",%s\r\n", buf_str(&b));
		fflush(dump);
	}
	free(back);
	buf_release(&b);
	buf_release(&want);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_part parts[FUZZ_MAX_PARTS];
	size_t n = fuzz_split(data, size, parts, FUZZ_MAX_PARTS);

	for (size_t i = 0; i < n; i++) {
		char *s = xstrndup(parts[i].data, parts[i].len);
		s[strnlen(s, parts[i].len)] = '\0'; /* the last part may hold NULs: stop there */
		check_gnuplot(s);
		check_bibtex(s);
		check_csv(s);
		free(s);
	}
	value_release_all();
	return 0;
}
