/*
 * figures_history.c - C/history/B: a benchmark's capabilities correlation across the
 * releases of the archive (site_releases.h), each with its bootstrap interval, on the
 * verdict bands.
 */
#include "figures.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "gptext.h"
#include "report.h"
#include "util.h"

/* At most this many release names along the x axis; with more, every k-th is named. */
#define HISTORY_MAX_TICS 12

/*
 * One benchmark's figure: entries are its history rows (release, capabilities_correlation
 * and its interval), rels the history's releases.
 */
static void history_figure(struct plotter *p, const char *cid, const char *ctitle,
			   const struct value *bench, const struct value *entries,
			   const struct value *rels)
{
	const char *bid = value_str(bench, "id"), *name = value_str(bench, "name");
	struct figure *f = fig_new(p, cid, "history", bid,
				   "capabilities correlation of one benchmark in each release");
	struct buf *s = &f->script, sub = BUF_INIT, tics = BUF_INIT, plot = BUF_INIT;
	size_t n = fig_count(entries), every = (n + HISTORY_MAX_TICS - 1) / HISTORY_MAX_TICS;
	size_t nci = 0, ndef = 0;

	buf_puts(&f->csv, "release,date,n,capabilities_correlation,ci_low,ci_high,verdict");
	gp_csv_end(&f->csv);
	buf_puts(s, "$h << EOD\n# position correlation ci_low ci_high\n");
	for (size_t i = 0; i < n; i++) {
		const struct value *e = entries->items[i];
		double r = value_num(e, "release"), x = value_num(e, "capabilities_correlation");
		double lo = value_num(e, "capabilities_correlation_ci_low"),
		       hi = value_num(e, "capabilities_correlation_ci_high");
		const struct value *rel =
		    r >= 0 && r < (double)fig_count(rels) ? rels->items[(size_t)r] : NULL;
		const char *ver = value_str(rel, "version");
		if (!(isfinite(lo) && isfinite(hi)))
			lo = hi = NAN;
		nci += isfinite(lo);
		ndef += isfinite(x);
		buf_printf(s, "%zu ", i);
		gp_num(s, x);
		buf_putc(s, ' ');
		gp_num(s, isfinite(lo) ? lo : x);
		buf_putc(s, ' ');
		gp_num(s, isfinite(hi) ? hi : x);
		buf_putc(s, '\n');
		if (i % every == 0 || i + 1 == n) {
			buf_puts(&tics, tics.len ? ", " : "");
			gp_format_str(&tics, ver, LABEL_POINT);
			buf_printf(&tics, " %zu", i);
		}
		csv_field(&f->csv, ver);
		buf_putc(&f->csv, ',');
		csv_field(&f->csv, value_str(rel, "date"));
		buf_putc(&f->csv, ',');
		gp_csv_num(&f->csv, value_num(e, "n"));
		buf_putc(&f->csv, ',');
		gp_csv_num(&f->csv, x);
		buf_putc(&f->csv, ',');
		gp_csv_num(&f->csv, lo);
		buf_putc(&f->csv, ',');
		gp_csv_num(&f->csv, hi);
		buf_putc(&f->csv, ',');
		csv_field(&f->csv, value_str(e, "verdict"));
		gp_csv_end(&f->csv);
	}
	buf_puts(s, "EOD\n");
	buf_printf(&sub, "%s \xc2\xb7 %zu releases", ctitle, n);
	if (nci)
		buf_printf(&sub, " \xc2\xb7 bars: %g%% intervals",
			   isfinite(p->ci_level) ? p->ci_level * 100 : 95.0);
	{
		struct buf head = BUF_INIT;
		buf_printf(&head, "%s: capabilities correlation by release", *name ? name : bid);
		if (!ndef) {
			fig_placeholder(p, f, buf_str(&head), buf_str(&sub),
					"no release has a defined capabilities correlation", NULL);
			buf_release(&head);
			goto out;
		}
		fig_style(s);
		fig_title(s, buf_str(&head), buf_str(&sub));
		buf_release(&head);
	}
	fig_bands(p, s, 'y', false);
	buf_printf(s, "set xrange [-0.5:%zu.5]\nset xtics (%s)%s\n", n - 1, buf_str(&tics),
		   n > 6 ? " rotate by -30 left" : "");
	buf_puts(s, "set xlabel 'release'\nset ylabel 'Spearman correlation with the capabilities "
		    "score'\n");
	buf_puts(&plot, "plot $h using 1:2 with lines lw 1.5 lc rgb '" COLOUR_MODEL "' notitle");
	if (nci)
		buf_puts(&plot, ", $h using 1:2:3:4 with yerrorbars pt 7 ps 1 lw 1.5 lc rgb '" COLOUR_MODEL
				"' notitle");
	else
		buf_puts(&plot, ", $h using 1:2 with points pt 7 ps 1 lc rgb '" COLOUR_MODEL "' notitle");
	fig_outputs(p, f, buf_str(&plot));
out:
	buf_release(&sub);
	buf_release(&tics);
	buf_release(&plot);
}

void fig_history(struct plotter *p, const struct value *report, const struct value *history)
{
	const struct value *cohorts = fig_list(report, "cohorts");
	const struct value *hc = fig_list(history, "cohorts"), *rels = fig_list(history, "releases");

	for (size_t c = 0; c < fig_count(cohorts) && c < fig_count(hc); c++) {
		const struct value *co = cohorts->items[c], *bs = fig_list(co, "benchmarks");
		const struct value *hb = fig_list(hc->items[c], "benchmarks");
		const char *title = *value_str(co, "title") ? value_str(co, "title")
							    : value_str(co, "id");
		for (size_t k = 0; k < fig_count(bs) && k < fig_count(hb); k++) {
			const struct value *e = hb->items[k];
			if (e->kind == VALUE_ARRAY && e->n >= 2) /* one release is no history */
				history_figure(p, value_str(co, "id"), title, bs->items[k], e, rels);
		}
	}
}
