/*
 * Tests of plot.c: a small content tree (written to a temp dir) with hostile model names goes
 * through content_load, analysis_run and report_build, and plot_site draws it with the real
 * gnuplot. Failure paths use fake gnuplot scripts.
 */
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "analysis.h"
#include "buf.h"
#include "content.h"
#include "figures.h"
#include "gnuplot.h"
#include "plot.h"
#include "report.h"
#include "util.h"

static char tmpl[] = "/tmp/wb-test-plot-XXXXXX";
static char *root; /* the temp dir */
static struct corpus *corpus;
static struct analysis *analysis;
static struct value *report;
static struct plot_stats first; /* the first full run, into ROOT/a */
static int first_rc;
static size_t progress_calls, progress_last, progress_total;

/* Names that must come out of every figure escaped, never as markup or commands. */
static const char *const hostile[] = {
    "<script>alert(1)</script>",
    "\\\"><img src=x onerror=alert(1)>", /* JSON-escaped: "><img src=x onerror=alert(1)> */
    "O'Brien",
    "`touch wb-pwned` @x $(touch wb-pwned2)",
    "Two\\nLines",
};

static char *at(const char *rel)
{
	return path_join(root, rel);
}

static void put(const char *rel, const char *text)
{
	char *p = at(rel), *dir = xstrdup(p);
	*strrchr(dir, '/') = '\0';
	assert_int_equal(path_mkdirs(dir), 0);
	assert_int_equal(file_write_atomic(p, text, strlen(text)), 0);
	free(dir);
	free(p);
}

static char *slurp(const char *rel)
{
	char *p = at(rel), *data = NULL;
	size_t len = 0;
	assert_int_equal(file_read(p, &data, &len), 0);
	free(p);
	return data;
}

static bool exists_nonempty(const char *rel)
{
	char *p = at(rel);
	struct stat st;
	bool ok = stat(p, &st) == 0 && st.st_size > 0;
	free(p);
	return ok;
}

/* Models of cohort "many": more than PLOT_NAMED_ROWS (150), the most rows with names. */
#define MANY 160

/*
 * Cohort "many": MANY models and 4 benchmarks, for the rules that only 10 points of a scatter
 * get names and that a figure with a row per model stops naming rows past 150.
 * Cohort "c": 8 models, capability benchmarks cap1..cap3 rising with the model number,
 * safety benchmarks that track, worsen, are lower-is-better and judged against cap1.
 * Cohort "tiny": 4 models, too few for a capabilities score (its capability note is set),
 * and only one with training compute.
 */
static void write_content(void)
{
	struct buf b = BUF_INIT;
	put("content/site.json",
	    "{\"title\": \"t\", \"cohorts\": [{\"id\": \"c\", \"title\": \"Chat\"},"
	    " {\"id\": \"tiny\", \"title\": \"Tiny <b>cohort</b>\"},"
	    " {\"id\": \"many\", \"title\": \"Many\"}]}");
	put("content/benchmarks.json",
	    "{\"benchmarks\": ["
	    "{\"id\": \"cap1\", \"name\": \"Cap One\", \"role\": \"capability\", "
	    "\"higher_is_better\": true},"
	    "{\"id\": \"cap2\", \"name\": \"Cap 'Two'\", \"role\": \"capability\", "
	    "\"higher_is_better\": true},"
	    "{\"id\": \"cap3\", \"role\": \"capability\", \"higher_is_better\": true},"
	    "{\"id\": \"same\", \"name\": \"Same <i>bench</i>\", \"role\": \"safety\", \"area\": "
	    "\"alignment\","
	    " \"metric\": \"Accuracy & more\", \"higher_is_better\": true},"
	    "{\"id\": \"lower\", \"role\": \"safety\", \"area\": \"alignment\", \"metric\": "
	    "\"Error rate\","
	    " \"higher_is_better\": false},"
	    "{\"id\": \"anti\", \"role\": \"safety\", \"area\": \"bias\", \"higher_is_better\": "
	    "true},"
	    "{\"id\": \"calib\", \"role\": \"safety\", \"area\": \"calibration\", "
	    "\"higher_is_better\": true,"
	    " \"correlate_with\": \"cap1\"},"
	    "{\"id\": \"gen\", \"role\": \"general\", \"higher_is_better\": true}]}");
	for (int i = 1; i <= 8; i++) {
		char rel[64];
		buf_reset(&b);
		buf_printf(&b, "{\"id\": \"m%d\", \"name\": \"%s\", ", i,
			   i <= 5 ? hostile[i - 1]
				  : (i == 6   ? "Model Six"
				     : i == 7 ? "Seven"
					      : "Eight"));
		if (i <= 6)
			buf_printf(&b, "\"training_flop\": %de21, ", i * i);
		buf_printf(&b,
			   "\"scores\": {\"cap1\": %d, \"cap2\": %d.5, \"cap3\": %d, \"same\": %d, "
			   "\"lower\": %d, \"anti\": %d, \"calib\": %d, \"gen\": %d}}",
			   i * 10 + (i % 3), i, 100 + i * i, i + (i % 2), 20 - i, -i, (i * 7) % 5,
			   i);
		snprintf(rel, sizeof(rel), "content/models/c/m%d.json", i);
		put(rel, buf_str(&b));
	}
	for (int i = 1; i <= 4; i++) {
		char rel[64];
		buf_reset(&b);
		buf_printf(&b,
			   "{\"id\": \"t%d\", \"name\": \"Tiny %d\", %s\"scores\": {\"cap1\": %d, "
			   "\"cap2\": %d, \"cap3\": %d, \"same\": %d, \"anti\": %d}}",
			   i, i, i == 1 ? "\"training_flop\": 1e22, " : "", i, i, i, i, -i);
		snprintf(rel, sizeof(rel), "content/models/tiny/t%d.json", i);
		put(rel, buf_str(&b));
	}
	for (int i = 1; i <= MANY; i++) {
		char rel[64];
		buf_reset(&b);
		buf_printf(&b,
			   "{\"id\": \"n%03d\", \"name\": \"Many %d\", \"scores\": {\"cap1\": %d, "
			   "\"cap2\": %d, \"cap3\": %d, \"same\": %d}}",
			   i, i, i, i + i % 4, i * 2 + i % 3, i + (i * 37) % 11);
		snprintf(rel, sizeof(rel), "content/models/many/n%03d.json", i);
		put(rel, buf_str(&b));
	}
	buf_release(&b);
}

static void on_progress(void *ud, size_t done, size_t total)
{
	(void)ud;
	progress_calls++;
	progress_last = done;
	progress_total = total;
}

static int draw_into(const char *rel, const char *previous_rel, unsigned formats,
		     const char *gnuplot, double timeout, struct plot_stats *st)
{
	char *out = at(rel), *prev = previous_rel ? at(previous_rel) : NULL;
	struct plot_options o;
	int rc;
	memset(&o, 0, sizeof(o));
	o.out_dir = out;
	o.previous = prev;
	o.formats = formats;
	o.jobs = 2;
	o.gnuplot = gnuplot;
	o.timeout = timeout;
	o.progress = on_progress;
	rc = plot_site(report, &o, st);
	free(out);
	free(prev);
	return rc;
}

/* Run f with stderr captured; returns what it printed (caller frees). */
static char *capture_stderr(int (*f)(void *), void *arg, int *rc)
{
	char *path = at("stderr.txt"), *data = NULL;
	size_t len = 0;
	int saved = dup(2), fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(saved >= 0 && fd >= 0);
	fflush(stderr);
	dup2(fd, 2);
	close(fd);
	*rc = f(arg);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	assert_int_equal(file_read(path, &data, &len), 0);
	free(path);
	return data;
}

static int group_setup(void **state)
{
	char *content;
	(void)state;
	root = mkdtemp(tmpl);
	if (!root)
		return -1;
	diag_quiet_warnings(true);
	write_content();
	content = at("content");
	corpus = content_load(content);
	free(content);
	if (!corpus)
		return -1;
	analysis = analysis_run(corpus, NULL, NULL);
	if (!analysis)
		return -1;
	report = report_build(analysis, NULL);
	first_rc = draw_into("a", NULL, PLOT_ALL, NULL, 0, &first);
	return 0;
}

static int group_teardown(void **state)
{
	struct buf cmd = BUF_INIT;
	int rc;
	(void)state;
	value_free(report);
	analysis_free(analysis);
	content_free(corpus);
	if (getenv("WB_KEEP")) /* keep the temp dir to look at the figures */
		return 0;
	buf_printf(&cmd, "rm -rf '%s'", root);
	rc = system(buf_str(&cmd));
	buf_release(&cmd);
	return rc == 0 ? 0 : -1;
}

static const char *const cohort_figures[] = {"_overview", "_map",   "_heatmap", "_scree",
					     "_scores",	  "_ranks", "_coverage"};
static const char *const benchmarks[] = {"cap1",  "cap2", "cap3",  "same",
					 "lower", "anti", "calib", "gen"};
static const char *const files[] = {"svg", "png", "pdf", "gp", "csv"};

static void every_figure_is_written_in_every_format_with_its_script_and_csv(void **state)
{
	const char *cohorts[2] = {"c", "tiny"};
	(void)state;
	assert_int_equal(first_rc, 0);
	/* per cohort: 7 own figures + 2 per benchmark that has values there */
	assert_int_equal(first.figures, 7 + 2 * 8 + 7 + 2 * 5 + 7 + 2 * 4);
	assert_int_equal(first.drawn, first.figures);
	assert_int_equal(first.reused, 0);
	assert_int_equal(first.outputs, 4 * first.figures); /* svg, png, pdf and the dark svg */
	assert_true(first.gnuplot_seconds > 0);
	for (int c = 0; c < 2; c++)
		for (size_t f = 0; f < sizeof(files) / sizeof(*files); f++) {
			char rel[128];
			for (size_t i = 0; i < sizeof(cohort_figures) / sizeof(*cohort_figures); i++) {
				snprintf(rel, sizeof(rel), "a/figures/%s/%s.%s", cohorts[c],
					 cohort_figures[i], files[f]);
				assert_true(exists_nonempty(rel));
			}
			for (size_t i = 0; i < 8; i++) {
				if (c == 1 && (strncmp(benchmarks[i], "cap", 3) != 0 &&
					       strcmp(benchmarks[i], "same") != 0 &&
					       strcmp(benchmarks[i], "anti") != 0))
					continue;
				snprintf(rel, sizeof(rel), "a/figures/%s/%s.%s", cohorts[c],
					 benchmarks[i], files[f]);
				assert_true(exists_nonempty(rel));
				snprintf(rel, sizeof(rel), "a/figures/%s/compute/%s.%s", cohorts[c],
					 benchmarks[i], files[f]);
				assert_true(exists_nonempty(rel));
			}
		}
}

static size_t count_of(const char *hay, const char *needle)
{
	size_t n = 0;
	for (const char *p = hay; (p = strstr(p, needle)) != NULL; p++)
		n++;
	return n;
}

/* Model names are grey 8-point labels; the fit line's name, in its colour, stands for a key. */
#define MODEL_LABEL "font ',8' textcolor rgb '#333333' front"

static void points_get_names_when_few_and_only_the_ten_farthest_and_five_most_capable_when_many(
    void **state)
{
	char *few = slurp("a/figures/c/same.gp"), *many = slurp("a/figures/many/same.gp");
	(void)state;
	/* 8 points: every name that has room (the long hostile names crowd one out) */
	assert_in_range(count_of(few, MODEL_LABEL), 7, 8);
	/* MANY points: at most the 10 farthest from the fit and the 5 most capable, and most of
	 * them have room; the most capable are named first, so the top one has its name */
	assert_in_range(count_of(many, MODEL_LABEL), 12, 15);
	assert_non_null(strstr(many, "set label 'Many 160' at first "));
	/* the fit line's name: on the line, or in a free corner when the line is crowded (once
	 * for the drawing and once again for its dark variant) */
	assert_int_equal(count_of(few, "set label 'what capabilities predict'"), 2);
	assert_int_equal(count_of(many, "what capabilities predict' at first"), 2);
	assert_null(strstr(few, "set key outside"));
	free(few);
	free(many);
}

/* More models than rows with names: a figure of bounded height, rank numbers, no names. */
static void a_large_cohort_gets_bounded_figures_without_names(void **state)
{
	char *scores = slurp("a/figures/many/_scores.gp"), *ranks = slurp("a/figures/many/_ranks.gp");
	char *few = slurp("a/figures/c/_scores.gp");
	(void)state;
	assert_null(strstr(scores, "'Many 1'"));
	assert_non_null(strstr(scores, "names in the CSV"));
	assert_non_null(strstr(scores, "set terminal svg size 720,960 ")); /* PLOT_UNNAMED_HEIGHT */
	assert_null(strstr(ranks, "'Many 1  "));
	assert_non_null(strstr(ranks, "set format y2 '%.0f'"));
	assert_non_null(strstr(ranks, "set terminal svg size 720,960 "));
	assert_true(exists_nonempty("a/figures/many/_scores.png"));
	assert_non_null(strstr(few, "'Eight'")); /* a small cohort is named */
	free(scores);
	free(ranks);
	free(few);
}

/* The same for the coverage grid: rows numbered past 150, and the height of 150 rows. */
static void a_large_cohort_gets_a_bounded_coverage_grid_with_numbered_rows(void **state)
{
	char *gp = slurp("a/figures/many/_coverage.gp"), *few = slurp("a/figures/c/_coverage.gp");
	const char *size = strstr(gp, "set terminal svg size 860,");
	(void)state;
	assert_null(strstr(gp, "'Many 1'"));
	assert_non_null(strstr(gp, "row numbers; the CSV names them"));
	assert_non_null(size);
	assert_in_range(strtol(size + strlen("set terminal svg size 860,"), NULL, 10), 2700,
			3200); /* 150 rows of 18 px and the margins, for 160 models or 3000 */
	assert_non_null(strstr(few, "'Eight'"));
	assert_non_null(strstr(few, "'Seven' 2")); /* rows by capabilities rank: m8, m7, ... */
	free(gp);
	free(few);
}

/*
 * Labels are placed for a known plot area and known axis ranges (tests/site/sitecheck.py
 * checks in the SVG that no two overlap).
 */
static void scatter_plots_fix_their_plot_area_and_ranges(void **state)
{
	char *gp = slurp("a/figures/many/same.gp");
	(void)state;
	/* a fixed plot area and fixed ranges: what the placement was computed for */
	assert_non_null(strstr(gp, "set lmargin at screen "));
	assert_non_null(strstr(gp, "set bmargin at screen "));
	assert_non_null(strstr(gp, "set xrange ["));
	assert_non_null(strstr(gp, "set yrange ["));
	assert_null(strstr(gp, "set offsets"));
	free(gp);
}

static void progress_is_reported_up_to_the_total(void **state)
{
	(void)state;
	assert_true(progress_calls >= 2);
	assert_int_equal(progress_total, first.figures);
	assert_int_equal(progress_last, first.figures);
}

static void scripts_are_self_contained_and_relative(void **state)
{
	char *gp = slurp("a/figures/c/same.gp");
	(void)state;
	assert_non_null(strstr(gp, "$points << EOD"));
	assert_non_null(strstr(gp, "set output 'c/same.svg'"));
	assert_non_null(strstr(gp, "set output 'c/same.png'"));
	assert_non_null(strstr(gp, "set output 'c/same.pdf'"));
	assert_null(strstr(gp, root));
	assert_null(strstr(gp, "/tmp"));
	/* the metric label says lower is better where it is */
	free(gp);
	gp = slurp("a/figures/c/lower.gp");
	assert_non_null(strstr(gp, "'Error rate (lower is better)'"));
	free(gp);
}

static void every_output_is_byte_identical_across_two_runs(void **state)
{
	const char *names[] = {"c/_overview", "c/_map", "c/_heatmap",	  "c/_scree",  "c/_scores",
			       "c/_ranks",    "c/same", "c/compute/same", "tiny/_map", "tiny/anti"};
	struct plot_stats st;
	(void)state;
	assert_int_equal(draw_into("b", NULL, PLOT_ALL, NULL, 0, &st), 0);
	assert_int_equal(st.drawn, first.figures);
	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++)
		for (size_t f = 0; f < sizeof(files) / sizeof(*files); f++) {
			char ra[128], rb[128];
			char *x, *y;
			snprintf(ra, sizeof(ra), "a/figures/%s.%s", names[i], files[f]);
			snprintf(rb, sizeof(rb), "b/figures/%s.%s", names[i], files[f]);
			x = slurp(ra);
			y = slurp(rb);
			{
				char *pa = at(ra), *pb = at(rb);
				struct stat sa, sb;
				assert_int_equal(stat(pa, &sa), 0);
				assert_int_equal(stat(pb, &sb), 0);
				assert_int_equal(sa.st_size, sb.st_size);
				assert_memory_equal(x, y, (size_t)sa.st_size);
				free(pa);
				free(pb);
			}
			free(x);
			free(y);
		}
}

/* Does data[0..len) hold needle? (PDFs hold NUL bytes: no strstr) */
static bool holds(const char *data, size_t len, const char *needle)
{
	size_t n = strlen(needle);
	for (size_t i = 0; i + n <= len; i++)
		if (memcmp(data + i, needle, n) == 0)
			return true;
	return false;
}

/* Files under the directory rel (recursively) whose name contains part. */
static size_t files_named(const char *rel, const char *part)
{
	char *dir = at(rel), **names;
	long n = dir_list(dir, false, &names); /* hidden too: temporaries start with '.' */
	size_t found = 0;
	assert_true(n >= 0);
	for (long i = 0; i < n; i++) {
		char *sub = path_join(rel, names[i]), *full = at(sub);
		found += path_is_dir(full) ? files_named(sub, part) : strstr(names[i], part) != NULL;
		free(full);
		free(sub);
	}
	names_free(names, n);
	free(dir);
	return found;
}

/*
 * Every PDF carries the fixed date (SOURCE_DATE_EPOCH's, else 1970), not the time gnuplot
 * drew it, written over the file in place: no temporary file is left beside it.
 */
static void pdf_dates_are_fixed_in_place(void **state)
{
	static const char *const names[] = {"c/_overview", "c/same", "tiny/anti"};
	char digits[15], want[64];
	(void)state;
	fig_pdf_date(digits);
	snprintf(want, sizeof(want), "/CreationDate (D:%s", digits);
	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++) {
		char rel[128];
		char *p, *pdf = NULL;
		size_t len = 0;
		snprintf(rel, sizeof(rel), "a/figures/%s.pdf", names[i]);
		p = at(rel);
		assert_int_equal(file_read(p, &pdf, &len), 0);
		assert_true(holds(pdf, len, want));
		assert_true(holds(pdf, len, "%%EOF"));
		free(pdf);
		free(p);
	}
	assert_int_equal(files_named("a/figures", ".tmp."), 0);
}

static void a_second_run_reuses_every_unchanged_figure(void **state)
{
	struct plot_stats st;
	char *pa = at("a/figures/c/same.svg"), *pc = at("c/figures/c/same.svg");
	struct stat sa, sc;
	(void)state;
	progress_calls = 0;
	assert_int_equal(draw_into("c", "a", PLOT_ALL, NULL, 0, &st), 0);
	assert_int_equal(st.drawn, 0);
	assert_int_equal(st.reused, first.figures);
	assert_int_equal(st.outputs, 4 * first.figures);
	assert_true(progress_calls >= 1);
	assert_int_equal(progress_last, first.figures);
	assert_int_equal(stat(pa, &sa), 0);
	assert_int_equal(stat(pc, &sc), 0);
	assert_int_equal(sa.st_ino, sc.st_ino); /* hard-linked, same file system */
	assert_true(exists_nonempty("c/figures/c/same.gp"));
	assert_true(exists_nonempty("c/figures/c/same.csv"));
	free(pa);
	free(pc);
}

static void a_figure_whose_script_changed_is_redrawn_and_the_rest_reused(void **state)
{
	struct plot_stats st;
	char *gp = at("c/figures/c/anti.gp");
	(void)state;
	/* break the previous site's script: it no longer matches, so anti is redrawn */
	assert_int_equal(file_write_atomic(gp, "# old\n", 6), 0);
	assert_int_equal(draw_into("d", "c", PLOT_ALL, NULL, 0, &st), 0);
	assert_int_equal(st.drawn, 1);
	assert_int_equal(st.reused, first.figures - 1);
	assert_true(exists_nonempty("d/figures/c/anti.pdf"));
	free(gp);
}

static void asking_for_more_formats_than_the_previous_site_has_redraws(void **state)
{
	struct plot_stats st;
	(void)state;
	assert_int_equal(draw_into("svg-only", NULL, PLOT_SVG, NULL, 0, &st), 0);
	assert_int_equal(st.outputs, 2 * first.figures); /* each SVG and its dark variant */
	assert_false(exists_nonempty("svg-only/figures/c/same.png"));
	assert_int_equal(draw_into("e", "svg-only", PLOT_SVG | PLOT_PNG, NULL, 0, &st), 0);
	assert_int_equal(st.reused, 0);
	assert_true(exists_nonempty("e/figures/c/same.png"));
}

/*
 * Beside every figure its dark variant, drawn by the same script after its outputs: the same
 * labels and data, the chrome's colours mapped (no '#333333' text is left), on the pages'
 * dark background; the data keep their colours. A reused figure brings its dark SVG along.
 */
static void every_figure_has_a_dark_variant_drawn_by_its_own_script(void **state)
{
	char *gp = slurp("a/figures/c/same.gp"), *svg = slurp("a/figures/c/dark/same.svg");
	const char *dark = strstr(gp, "\n# The dark variant");
	char *light;
	struct stat sa, sc;
	char *pa = at("a/figures/c/dark/same.svg"), *pc = at("c/figures/c/dark/same.svg");
	(void)state;
	assert_non_null(dark);
	light = strndup(gp, (size_t)(dark - gp));
	assert_non_null(strstr(dark, "\nreset\n"));
	assert_non_null(strstr(dark, "set terminal svg size 720,480 fixed noenhanced background "
				     "'#14161a' font 'sans,11'\nset output 'c/dark/same.svg'\n"));
	assert_null(strstr(dark, "rgb '#333333'"));
	assert_null(strstr(dark, " << EOD")); /* the datablocks are not repeated */
	assert_int_equal(count_of(dark, "set label "), count_of(light, "set label "));
	assert_int_equal(count_of(dark, "lc rgb '#0072B2'"), count_of(light, "lc rgb '#0072B2'"));
	assert_non_null(strstr(svg, "fill=\"#14161a\""));
	for (size_t i = 0; i < sizeof(cohort_figures) / sizeof(*cohort_figures); i++) {
		char rel[128];
		snprintf(rel, sizeof(rel), "a/figures/c/dark/%s.svg", cohort_figures[i]);
		assert_true(exists_nonempty(rel));
	}
	assert_true(exists_nonempty("a/figures/c/compute/dark/same.svg"));
	/* the reusing run (c, from a) linked it like the other outputs */
	assert_int_equal(stat(pa, &sa), 0);
	assert_int_equal(stat(pc, &sc), 0);
	assert_int_equal(sa.st_ino, sc.st_ino);
	free(light);
	free(pa);
	free(pc);
	free(gp);
	free(svg);
}

static void hostile_names_appear_only_escaped_in_the_svg(void **state)
{
	/* the scatter plots leave out a name with no room; the others show every name */
	const char *figs[] = {"a/figures/c/_scores.svg", "a/figures/c/_ranks.svg",
			      "a/figures/c/_coverage.svg", "a/figures/c/same.svg",
			      "a/figures/c/compute/same.svg"};
	(void)state;
	for (size_t i = 0; i < sizeof(figs) / sizeof(*figs); i++) {
		char *svg = slurp(figs[i]);
		assert_null(strstr(svg, "<script"));
		assert_null(strstr(svg, "<img"));
		assert_null(strstr(svg, "<b>"));
		if (i >= 3) {
			assert_non_null(strstr(svg, "\">&lt;img src=x onerror=alert("));
			free(svg);
			continue;
		}
		assert_non_null(strstr(svg, "&lt;script>alert(1)&lt;/script>"));
		assert_non_null(strstr(svg, "\">&lt;img src=x onerror=alert(")); /* may be cut */
		assert_non_null(strstr(svg, "O'Brien"));
		assert_non_null(strstr(svg, "`touch wb-pwned` @x $(touch"));
		assert_non_null(strstr(svg, "Two Lines")); /* the newline became a space */
		free(svg);
	}
	/* nothing was executed in gnuplot's working directory */
	assert_false(exists_nonempty("a/figures/wb-pwned"));
	{
		char *p = at("a/figures/wb-pwned"), *q = at("a/figures/wb-pwned2");
		assert_int_not_equal(access(p, F_OK), 0);
		assert_int_not_equal(access(q, F_OK), 0);
		free(p);
		free(q);
	}
}

static void content_strings_are_single_quoted_with_quotes_doubled(void **state)
{
	char *gp = slurp("a/figures/c/same.gp"), *csv = slurp("a/figures/c/_scores.csv");
	(void)state;
	assert_non_null(strstr(gp, "'O''Brien'"));
	assert_null(strstr(gp, "Two\nLines"));
	assert_non_null(strstr(gp, "'Accuracy & more'"));
	/* the CSV: header row, CRLF, RFC 4180 quoting */
	assert_int_equal(strncmp(csv, "rank,model,name,capability_score\r\n", 34), 0);
	assert_non_null(strstr(csv, ",\"\"\"><img src=x onerror=alert(1)>\","));
	free(gp);
	free(csv);
}

static void a_cohort_without_a_capabilities_score_still_gets_every_figure(void **state)
{
	char *svg;
	(void)state;
	assert_int_equal(first_rc, 0);
	assert_non_null(value_get_string(
	    value_get(value_get(report, "cohorts")->items[1], "capability"), "note"));
	svg = slurp("a/figures/tiny/_heatmap.svg");
	assert_non_null(strstr(svg, "no capability correlation matrix"));
	assert_non_null(strstr(svg, "Tiny &lt;b>cohort&lt;/b>"));
	free(svg);
	svg = slurp("a/figures/tiny/compute/same.svg");
	assert_non_null(strstr(svg, "not enough models with known training compute"));
	free(svg);
	svg = slurp("a/figures/tiny/_scores.csv");
	assert_string_equal(svg, "rank,model,name,capability_score\r\n");
	free(svg);
}

/*
 * Cohort "gap", its own content analysed with --impute svd: 8 models with cap1..cap3 rising
 * and one safety benchmark; g1 lacks cap2 (imputed: it has 2 of the 3), g8 lacks s1 (missing).
 */
static void write_gap_content(void)
{
	struct buf b = BUF_INIT;
	put("gap/site.json", "{\"title\": \"g\", \"cohorts\": [{\"id\": \"gap\", \"title\": \"Gap\"}]}");
	put("gap/benchmarks.json",
	    "{\"benchmarks\": ["
	    "{\"id\": \"cap1\", \"role\": \"capability\", \"higher_is_better\": true},"
	    "{\"id\": \"cap2\", \"role\": \"capability\", \"higher_is_better\": true},"
	    "{\"id\": \"cap3\", \"role\": \"capability\", \"higher_is_better\": true},"
	    "{\"id\": \"s1\", \"role\": \"safety\", \"area\": \"bias\", \"higher_is_better\": "
	    "true}]}");
	for (int i = 1; i <= 8; i++) {
		char rel[64];
		buf_reset(&b);
		buf_printf(&b, "{\"id\": \"g%d\", \"name\": \"Gap %d\", \"scores\": {\"cap1\": %d", i, i,
			   i * 10 + i % 3);
		if (i != 1)
			buf_printf(&b, ", \"cap2\": %d.5", i * 2 + i % 2);
		buf_printf(&b, ", \"cap3\": %d", 100 + i * i);
		if (i != 8)
			buf_printf(&b, ", \"s1\": %d", (i * 7) % 5);
		buf_puts(&b, "}}");
		snprintf(rel, sizeof(rel), "gap/models/gap/g%d.json", i);
		put(rel, buf_str(&b));
	}
	buf_release(&b);
}

static void the_coverage_grid_marks_measured_imputed_and_missing_cells(void **state)
{
	struct analysis_options ao = ANALYSIS_OPTIONS_DEFAULT;
	struct plot_options o;
	struct corpus *c;
	struct analysis *a;
	struct value *r;
	char *dir, *out, *csv, *gp;
	(void)state;
	write_gap_content();
	dir = at("gap");
	c = content_load(dir);
	assert_non_null(c);
	ao.impute = true;
	a = analysis_run(c, NULL, &ao);
	assert_non_null(a);
	r = report_build(a, NULL);
	memset(&o, 0, sizeof(o));
	out = at("gap-site");
	o.out_dir = out;
	o.formats = PLOT_SVG;
	o.jobs = 2;
	assert_int_equal(plot_site(r, &o, NULL), 0);
	assert_true(exists_nonempty("gap-site/figures/gap/_coverage.svg"));
	csv = slurp("gap-site/figures/gap/_coverage.csv");
	gp = slurp("gap-site/figures/gap/_coverage.gp");
	assert_int_equal(strncmp(csv, "row,model,benchmark,state\r\n", 27), 0);
	assert_int_equal(count_of(csv, "\r\n"), 1 + 8 * 4); /* a row per cell */
	assert_non_null(strstr(csv, ",g1,cap2,imputed\r\n"));
	assert_non_null(strstr(csv, ",g8,s1,missing\r\n"));
	assert_non_null(strstr(csv, ",g2,cap1,present\r\n"));
	assert_int_equal(count_of(csv, ",imputed\r\n"), 1);
	assert_non_null(strstr(gp, "title 'imputed (1)'"));
	assert_non_null(strstr(gp, "title 'missing (1)'"));
	assert_non_null(strstr(gp, "'CAPABILITY'"));
	free(csv);
	free(gp);
	free(out);
	free(dir);
	value_free(r);
	analysis_free(a);
	content_free(c);
}

static int run_missing_gnuplot(void *arg)
{
	struct plot_stats *st = arg;
	return draw_into("f", NULL, PLOT_SVG, "/nonexistent/bin/gnuplot", 0, st);
}

static void a_missing_gnuplot_gives_a_clear_error(void **state)
{
	struct plot_stats st;
	int rc;
	char *err = capture_stderr(run_missing_gnuplot, &st, &rc);
	(void)state;
	assert_int_equal(rc, -1);
	assert_non_null(strstr(err, "error: gnuplot: '/nonexistent/bin/gnuplot' not found"));
	assert_non_null(strstr(err, "apt-get install gnuplot-nox"));
	assert_non_null(strstr(err, "--no-figures"));
	free(err);
}

static char *fake_gnuplot(const char *name, const char *body)
{
	char rel[64], *p;
	snprintf(rel, sizeof(rel), "bin/%s", name);
	put(rel, body);
	p = at(rel);
	assert_int_equal(chmod(p, 0755), 0);
	return p;
}

static const char *fake_path;

static int run_fake(void *arg)
{
	struct plot_stats *st = arg;
	return draw_into("g", NULL, PLOT_SVG, fake_path, 0.5, st);
}

static void a_gnuplot_error_is_reported_at_the_figure_script_and_line(void **state)
{
	struct plot_stats st;
	int rc;
	char *fake =
	    fake_gnuplot("failing", "#!/bin/sh\n"
				    "echo '\"c/_map.gp\" line 3: warning: ignore me' >&2\n"
				    "echo '         plot $nope' >&2\n"
				    "echo '\"c/_map.gp\" line 7: no datablock named $nope' >&2\n"
				    "exit 1\n");
	char *err;
	(void)state;
	fake_path = fake;
	err = capture_stderr(run_fake, &st, &rc);
	assert_int_equal(rc, -1);
	assert_non_null(
	    strstr(err, "error: figures/c/_map.gp:7: gnuplot: no datablock named $nope"));
	assert_null(strstr(err, "ignore me"));
	free(err);
	free(fake);
}

static void a_gnuplot_that_writes_nothing_is_an_error(void **state)
{
	struct plot_stats st;
	int rc;
	char *fake = fake_gnuplot("silent", "#!/bin/sh\nexit 0\n"), *err;
	(void)state;
	fake_path = fake;
	err = capture_stderr(run_fake, &st, &rc);
	assert_int_equal(rc, -1);
	assert_non_null(strstr(err, "error: figures/"));
	assert_non_null(strstr(err, "exited before finishing this figure"));
	free(err);
	free(fake);
}

/* gnuplot_run() on scripts written here: the order the drawn callback saw, in order[]. */
struct run_log {
	size_t order[16], n;
};

static int log_drawn(void *ud, size_t i)
{
	struct run_log *log = ud;
	if (log->n < sizeof(log->order) / sizeof(log->order[0]))
		log->order[log->n++] = i;
	return 0;
}

struct gp_call {
	const char *const *names;
	size_t n;
	int jobs;
	struct run_log log;
};

static int run_gnuplot_scripts(void *arg)
{
	struct gp_call *c = arg;
	struct gnuplot_options o;
	char *dir = at("feed");
	double seconds = 0;
	int rc;
	memset(&o, 0, sizeof(o));
	o.program = "gnuplot";
	o.dir = dir;
	o.shown = "feed";
	o.jobs = c->jobs;
	o.timeout = 60;
	o.drawn = log_drawn;
	o.ud = &c->log;
	rc = gnuplot_run(c->names, c->n, &o, &seconds);
	free(dir);
	return rc;
}

/* A script that writes NAME.out, so a test can see which scripts ran. */
static void put_marker_script(const char *name)
{
	char rel[64], text[160];
	snprintf(rel, sizeof(rel), "feed/%s.gp", name);
	snprintf(text, sizeof(text), "set print '%s.out'\nprint 1\nunset print\n", name);
	put(rel, text);
}

/*
 * gnuplot goes on after an error in what it reads from stdin: the check after each script
 * must stop it there, as a batch file would, so the scripts queued behind a failed one are
 * never drawn, and the error names the failed script and line.
 */
static void a_failing_script_stops_its_gnuplot_and_is_reported_at_its_line(void **state)
{
	static const char *const names[] = {"ok", "bad", "after", "later"};
	struct gp_call c = {names, 4, 1, {{0}, 0}};
	char *err;
	int rc;
	(void)state;
	put_marker_script("ok");
	put("feed/bad.gp", "set print 'bad.out'\nprint 1\nunset print\nnot_a_gnuplot_command\n"
			   "set print 'bad-end.out'\nprint 1\nunset print\n");
	put_marker_script("after");
	put_marker_script("later");
	err = capture_stderr(run_gnuplot_scripts, &c, &rc);
	assert_int_equal(rc, -1);
	assert_non_null(strstr(err, "error: feed/bad.gp:4: gnuplot: invalid command"));
	assert_int_equal(c.log.n, 1); /* only "ok" was drawn */
	assert_int_equal(c.log.order[0], 0);
	assert_true(exists_nonempty("feed/ok.out"));
	assert_true(exists_nonempty("feed/bad.out"));
	assert_false(exists_nonempty("feed/bad-end.out")); /* the script stopped at its error */
	assert_false(exists_nonempty("feed/after.out"));   /* and so did gnuplot, though queued */
	assert_false(exists_nonempty("feed/later.out"));
	free(err);
}

/*
 * The next script goes to whichever gnuplot finishes one first, not to a share fixed in
 * advance: script 0 waits until script 10 has run. Shared out round robin over two
 * processes, 10 would queue behind 0 in the same process and never run (a hang, ended by
 * the timeout as a failure); fed as the processes finish, the other process draws 1 and
 * 3..10 while 0 waits. No timing is involved, only the order.
 */
static void each_script_goes_to_the_first_gnuplot_that_is_free(void **state)
{
	static const char *const names[] = {"wait", "s1", "s2", "s3", "s4", "s5",
					    "s6",   "s7", "s8", "s9", "last"};
	struct gp_call c = {names, 11, 2, {{0}, 0}};
	char *err;
	int rc;
	(void)state;
	put("feed/wait.gp", "while (system('test -e last.out && echo 1 || echo 0') eq '0') {\n"
			    "\tpause 0.02\n}\nset print 'wait.out'\nprint 1\nunset print\n");
	for (int i = 1; i <= 9; i++) {
		char name[8];
		snprintf(name, sizeof(name), "s%d", i);
		put_marker_script(name);
	}
	put_marker_script("last");
	err = capture_stderr(run_gnuplot_scripts, &c, &rc);
	assert_int_equal(rc, 0);
	assert_int_equal(c.log.n, 11);
	/* script 0 finished after script 10, and 2 (queued behind it) after 0 */
	{
		size_t pos[11];
		for (size_t k = 0; k < c.log.n; k++)
			pos[c.log.order[k]] = k;
		assert_true(pos[0] > pos[10]);
		assert_true(pos[2] > pos[0]);
	}
	assert_true(exists_nonempty("feed/wait.out"));
	free(err);
}

static void a_hung_gnuplot_is_killed_after_the_timeout(void **state)
{
	struct plot_stats st;
	struct timespec t0, t1;
	int rc;
	char *fake = fake_gnuplot("hung", "#!/bin/sh\nexec sleep 30\n"), *err;
	(void)state;
	fake_path = fake;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	err = capture_stderr(run_fake, &st, &rc);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	assert_int_equal(rc, -1);
	assert_true(t1.tv_sec - t0.tv_sec < 10);
	assert_non_null(strstr(err, "killed as hung"));
	free(err);
	free(fake);
}

static int run_bad_formats(void *arg)
{
	return draw_into("h", NULL, 8, NULL, 0, arg);
}

static void an_unknown_format_is_refused(void **state)
{
	struct plot_stats st;
	int rc;
	char *err = capture_stderr(run_bad_formats, &st, &rc);
	(void)state;
	assert_int_equal(rc, -1);
	assert_non_null(strstr(err, "unknown output format"));
	free(err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(every_figure_is_written_in_every_format_with_its_script_and_csv),
	    cmocka_unit_test(points_get_names_when_few_and_only_the_ten_farthest_and_five_most_capable_when_many),
	    cmocka_unit_test(scatter_plots_fix_their_plot_area_and_ranges),
	    cmocka_unit_test(a_large_cohort_gets_bounded_figures_without_names),
	    cmocka_unit_test(a_large_cohort_gets_a_bounded_coverage_grid_with_numbered_rows),
	    cmocka_unit_test(progress_is_reported_up_to_the_total),
	    cmocka_unit_test(scripts_are_self_contained_and_relative),
	    cmocka_unit_test(every_output_is_byte_identical_across_two_runs),
	    cmocka_unit_test(pdf_dates_are_fixed_in_place),
	    cmocka_unit_test(a_second_run_reuses_every_unchanged_figure),
	    cmocka_unit_test(a_figure_whose_script_changed_is_redrawn_and_the_rest_reused),
	    cmocka_unit_test(asking_for_more_formats_than_the_previous_site_has_redraws),
	    cmocka_unit_test(every_figure_has_a_dark_variant_drawn_by_its_own_script),
	    cmocka_unit_test(hostile_names_appear_only_escaped_in_the_svg),
	    cmocka_unit_test(content_strings_are_single_quoted_with_quotes_doubled),
	    cmocka_unit_test(a_cohort_without_a_capabilities_score_still_gets_every_figure),
	    cmocka_unit_test(the_coverage_grid_marks_measured_imputed_and_missing_cells),
	    cmocka_unit_test(a_missing_gnuplot_gives_a_clear_error),
	    cmocka_unit_test(a_gnuplot_error_is_reported_at_the_figure_script_and_line),
	    cmocka_unit_test(a_gnuplot_that_writes_nothing_is_an_error),
	    cmocka_unit_test(a_hung_gnuplot_is_killed_after_the_timeout),
	    cmocka_unit_test(a_failing_script_stops_its_gnuplot_and_is_reported_at_its_line),
	    cmocka_unit_test(each_script_goes_to_the_first_gnuplot_that_is_free),
	    cmocka_unit_test(an_unknown_format_is_refused),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
