/* site_fingerprint.c - the inputs' fingerprint and the up-to-date stamp. */
#include "site_fingerprint.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "version.h"

/*
 * The build's fingerprint: every byte of the content and templates (with their paths), the
 * options that change the output and the washboard binary itself. Two FNV-1a hashes with
 * different seeds give 128 bits.
 */
struct fingerprint {
	uint64_t h[2];
};

static void fp_add(struct fingerprint *f, const void *data, size_t n)
{
	static const unsigned char sep[2] = {0xffu, 0xfeu};
	f->h[0] = hash_fnv1a(f->h[0], data, n);
	f->h[1] = hash_fnv1a(f->h[1], data, n);
	/* a separator, so that ("ab","c") and ("a","bc") differ */
	f->h[0] = hash_fnv1a(f->h[0], &sep[0], 1);
	f->h[1] = hash_fnv1a(f->h[1], &sep[1], 1);
}

static void fp_str(struct fingerprint *f, const char *s)
{
	fp_add(f, s, strlen(s));
}

static int fp_file(struct fingerprint *f, const char *path)
{
	char *data;
	size_t len;
	if (file_read(path, &data, &len) < 0)
		return -1;
	fp_add(f, data, len);
	free(data);
	return 0;
}

static int fp_tree(struct fingerprint *f, const char *dir)
{
	char **names = NULL;
	long n = dir_list(dir, false, &names);
	int rc = 0;
	if (n < 0)
		return -1;
	for (long i = 0; i < n && rc == 0; i++) {
		char *p = path_join(dir, names[i]);
		fp_str(f, names[i]);
		if (path_is_dir(p))
			rc = fp_tree(f, p);
		else if (path_is_file(p))
			rc = fp_file(f, p);
		free(p);
	}
	names_free(names, n);
	return rc;
}

/* The fingerprint as 32 hex digits into out; -1 when an input cannot be read. */
int site_fingerprint(const struct site_options *o, const char *base_url, char out[33])
{
	struct fingerprint f = {{HASH_FNV_SEED, 1099511628211u * 31u}};
	char opts[192];
	const struct uncertainty_options *u = o->uncertainty;

	fp_str(&f, "washboard " WB_VERSION);
	if (fp_file(&f, "/proc/self/exe") < 0) /* a rebuilt binary must rebuild the site */
		return -1;
	snprintf(opts, sizeof(opts),
		 "formats=%u figures=%d png=%g strict=%d bootstrap=%u seed=%llu unit=%d "
		 "level=%.17g ci=%d",
		 o->formats, (int)o->figures, o->png_scale, (int)o->strict, u ? u->resamples : 0,
		 u ? (unsigned long long)u->seed : 0ULL, u ? (int)u->unit : 0, u ? u->level : 0,
		 u ? (int)u->method : 0);
	fp_str(&f, opts);
	if (o->analysis) {
		snprintf(opts, sizeof(opts), "impute=%d rank=%u share=%.17g reduced=%d coverage=%.17g",
			 o->analysis->impute, o->analysis->impute_rank, o->analysis->impute_min_share,
			 o->analysis->reduced_score, o->analysis->min_coverage);
		fp_str(&f, opts);
	}
	fp_str(&f, base_url);
	fp_str(&f, o->release ? o->release : "");
	if (fp_tree(&f, o->content) < 0 || fp_tree(&f, o->templates) < 0)
		return -1;
	snprintf(out, 33, "%016llx%016llx", (unsigned long long)f.h[0],
		 (unsigned long long)f.h[1]);
	return 0;
}

/* Is OUT the output of exactly these inputs? */
bool site_up_to_date(const char *out, const char *fp)
{
	char *stamp = path_join(out, SITE_STAMP_FILE), *data = NULL;
	size_t len;
	bool same = false;
	if (path_is_file(stamp) && file_read(stamp, &data, &len) == 0)
		same = len >= 32 && memcmp(data, fp, 32) == 0;
	free(data);
	free(stamp);
	return same;
}
