/*
 * verdict.h - the five verdicts: one table of their ids, words and colours.
 *
 * The analysis decides a verdict (analysis_verdict()); the report prints its id and label;
 * pages print its title; figures draw it in its colour (Okabe and Ito's colour-blind-safe
 * palette, and a purple from ColorBrewer's PuOr for "worsens" so the four verdicts stay
 * apart). This is the one place each of those lives.
 */
#ifndef WB_VERDICT_H
#define WB_VERDICT_H

enum verdict {
	VERDICT_TRACKS,       /* r >= high */
	VERDICT_MODERATE,     /* low <= r < high */
	VERDICT_DISTINCT,     /* -low < r < low */
	VERDICT_WORSENS,      /* r <= -low */
	VERDICT_INSUFFICIENT, /* fewer than ANALYSIS_MIN_MODELS pairs or a constant column */
	VERDICT_COUNT
};

struct verdict_info {
	const char *id;     /* in the report: "tracks-capabilities", ... */
	const char *label;  /* in sentences and legends: "tracks capabilities" */
	const char *title;  /* as a heading or table cell: "Tracks capabilities" */
	const char *colour; /* "#RRGGBB" */
	unsigned rgb;       /* the same as a number, for gnuplot's `lc rgb variable` */
};

/** The verdicts, indexed by enum verdict. */
extern const struct verdict_info verdict_table[VERDICT_COUNT];

/** The id of v, e.g. "tracks-capabilities" (insufficient-data's for an unknown v). */
const char *verdict_id(enum verdict v);
/** The label of v, e.g. "tracks capabilities". */
const char *verdict_label(enum verdict v);
/** The verdict whose id is id; VERDICT_INSUFFICIENT for NULL or an unknown id. */
enum verdict verdict_parse(const char *id);

#endif
