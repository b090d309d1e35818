#include "figures.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "gptext.h"
#include "report.h"

/* ------------------------------------------------------------------------------------------
 * C/_heatmap and C/_scree: the Spearman matrix of a cohort's capability benchmarks.
 */

/* Names of the capability benchmarks in matrix order (borrowed). */
static const char *cap_name(const struct value *cap, size_t j)
{
	const struct value *ld = fig_list(cap, "loadings"), *ids = fig_list(cap, "benchmarks");
	if (j < fig_count(ld) && *value_str(ld->items[j], "name"))
		return value_str(ld->items[j], "name");
	if (j < fig_count(ids) && ids->items[j]->kind == VALUE_STRING)
		return ids->items[j]->string;
	return "?";
}

static const char *cap_id(const struct value *cap, size_t j)
{
	const struct value *ids = fig_list(cap, "benchmarks");
	if (j < fig_count(ids) && ids->items[j]->kind == VALUE_STRING)
		return ids->items[j]->string;
	return "";
}

void fig_heatmap(struct plotter *p, const struct cohort_ctx *cc)
{
	const struct value *cap = value_get(cc->c, "capability");
	const struct value *mx = fig_list(cap, "matrix");
	struct figure *f = fig_new(p, cc->id, NULL, "_heatmap",
				   "Spearman correlations between the capability benchmarks");
	struct buf *s = &f->script, sub = BUF_INIT, tics = BUF_INIT;
	size_t k = fig_count(mx);
	const char *font = k > 14 ? "',7'" : "',9'";

	f->height = 640;
	for (size_t a = 0; a < k; a++)
		if (mx->items[a]->kind != VALUE_ARRAY || fig_count(mx->items[a]) != k)
			k = 0; /* not square: treat as missing rather than draw nonsense */
	buf_puts(&f->csv, "benchmark");
	for (size_t j = 0; j < k; j++) {
		buf_putc(&f->csv, ',');
		csv_field(&f->csv, cap_id(cap, j));
	}
	gp_csv_end(&f->csv);
	buf_printf(&sub, "%s \xc2\xb7 n = ", cc->title);
	gp_fixed(&sub, value_num(cap, "n_models"), 0);
	buf_puts(&sub, " models with every capability benchmark");
	if (k == 0) {
		fig_placeholder(p, f, "Correlations between capability benchmarks", buf_str(&sub),
				"no capability correlation matrix", cc->note);
		goto out;
	}
	buf_puts(s, "$matrix << EOD\n");
	for (size_t a = 0; a < k; a++) {
		csv_field(&f->csv, cap_id(cap, a));
		for (size_t j = 0; j < k; j++) {
			const struct value *v = mx->items[a]->items[j];
			double x = v->kind == VALUE_NUMBER ? v->number : NAN;
			if (j)
				buf_putc(s, ' ');
			gp_num(s, x);
			buf_putc(&f->csv, ',');
			gp_csv_num(&f->csv, x);
		}
		buf_putc(s, '\n');
		gp_csv_end(&f->csv);
	}
	buf_puts(s, "EOD\n");
	for (size_t j = 0; j < k; j++) {
		if (j)
			buf_puts(&tics, ", ");
		gp_format_str(&tics, cap_name(cap, j), LABEL_POINT);
		buf_printf(&tics, " %zu", j);
	}
	fig_title(s, "Correlations between capability benchmarks", buf_str(&sub));
	buf_printf(s,
		   "set border 0\nunset grid\nunset key\nset size ratio 1\n"
		   "set xrange [-0.5:%zu.5]\nset yrange [%zu.5:-0.5]\n"
		   "set xtics scale 0 rotate by 40 right font %s textcolor rgb '" COLOUR_TEXT
		   "' (%s)\n"
		   "set ytics scale 0 font %s textcolor rgb '" COLOUR_TEXT "' (%s)\n",
		   k - 1, k - 1, font, buf_str(&tics), font, buf_str(&tics));
	/* ColorBrewer PuOr: diverging and colour-blind safe; white text only on dark purple. */
	buf_puts(s, "set cbrange [-1:1]\nset cbtics 0.5 scale 0.6 textcolor rgb '" COLOUR_TEXT "'\n"
		    "set palette defined (-1 '#5E3C99', -0.5 '#B2ABD2', 0 '#F7F7F7', "
		    "0.5 '#FDB863', 1 '#E66101')\n"
		    "set cblabel 'Spearman \xcf\x81' textcolor rgb '" COLOUR_TEXT "'\n");
	{
		struct buf plot = BUF_INIT;
		buf_printf(&plot,
			   "plot $matrix matrix with image pixels, "
			   "$matrix matrix using 1:2:($3 > -0.5 ? sprintf('%%.2f', $3) : '') with "
			   "labels font %s textcolor rgb '#000000', "
			   "$matrix matrix using 1:2:($3 <= -0.5 ? sprintf('%%.2f', $3) : '') with "
			   "labels font %s textcolor rgb '#ffffff'",
			   font, font);
		fig_outputs(p, f, buf_str(&plot));
		buf_release(&plot);
	}
out:
	buf_release(&sub);
	buf_release(&tics);
}

void fig_scree(struct plotter *p, const struct cohort_ctx *cc)
{
	const struct value *cap = value_get(cc->c, "capability");
	const struct value *ev = fig_list(cap, "eigenvalues");
	struct figure *f =
	    fig_new(p, cc->id, NULL, "_scree", "eigenvalues of the capability correlation matrix");
	struct buf *s = &f->script, head = BUF_INIT, sub = BUF_INIT, tics = BUF_INIT;
	size_t k = 0;
	double sum = 0, cum = 0;

	for (size_t j = 0; j < fig_count(ev); j++)
		if (ev->items[j]->kind == VALUE_NUMBER) {
			sum += ev->items[j]->number;
			k++;
		}
	if (k != fig_count(ev))
		k = 0;
	buf_puts(&f->csv, "component,eigenvalue,variance_explained,cumulative");
	gp_csv_end(&f->csv);
	buf_puts(&head, "Scree plot: PC1 explains ");
	gp_fixed(&head, 100 * value_num(cap, "variance_explained"), 1);
	buf_puts(&head, "% of the variance");
	buf_printf(&sub, "%s \xc2\xb7 %zu capability benchmarks", cc->title,
		   fig_count(fig_list(cap, "benchmarks")));
	if (k == 0 || !(sum > 0)) {
		fig_placeholder(p, f, buf_str(&head), buf_str(&sub),
				"no eigenvalues: the capability matrix is undefined", cc->note);
		goto out;
	}
	buf_puts(s, "$eigen << EOD\n# component eigenvalue share_of_variance\n");
	for (size_t j = 0; j < k; j++) {
		double x = ev->items[j]->number;
		cum += x / sum;
		buf_printf(s, "%zu ", j + 1);
		gp_num(s, x);
		buf_putc(s, ' ');
		gp_num(s, x / sum);
		buf_putc(s, '\n');
		buf_printf(&f->csv, "PC%zu,", j + 1);
		gp_csv_num(&f->csv, x);
		buf_putc(&f->csv, ',');
		gp_csv_num(&f->csv, x / sum);
		buf_putc(&f->csv, ',');
		gp_csv_num(&f->csv, cum);
		gp_csv_end(&f->csv);
		buf_printf(&tics, "%s'PC%zu' %zu", j ? ", " : "", j + 1, j + 1);
	}
	buf_puts(s, "EOD\n");
	fig_style(s);
	fig_title(s, buf_str(&head), buf_str(&sub));
	buf_printf(s,
		   "set xrange [0.4:%zu.6]\nset yrange [0:*]\nset xtics scale 0 (%s)\n"
		   "set grid noxtics\nset ylabel 'eigenvalue'\nset boxwidth 0.6\n"
		   "set style fill solid 0.85 noborder\nset key top right\n",
		   k, buf_str(&tics));
	fig_outputs(
	    p, f,
	    "plot $eigen using 1:2 with boxes lc rgb '" COLOUR_MODEL "' title 'eigenvalue', "
	    "$eigen using 1:2:(sprintf('%.1f%%', 100 * $3)) with labels offset 0,0.8 font ',9' "
	    "textcolor rgb '" COLOUR_TEXT "', "
	    "1 with lines dt 2 lc rgb '" COLOUR_AXIS "' title 'eigenvalue 1 (Kaiser criterion)'");
out:
	buf_release(&head);
	buf_release(&sub);
	buf_release(&tics);
}
