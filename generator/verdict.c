#include "verdict.h"

#include <string.h>

const struct verdict_info verdict_table[VERDICT_COUNT] = {
    {"tracks-capabilities", "tracks capabilities", "Tracks capabilities", "#D55E00", 0xD55E00},
    {"moderate", "moderate", "Moderate", "#E69F00", 0xE69F00},
    {"distinct", "distinct from capabilities", "Distinct from capabilities", "#009E73",
     0x009E73},
    {"worsens-with-capabilities", "worsens with capabilities", "Worsens with capabilities",
     "#7B3294", 0x7B3294},
    {"insufficient-data", "insufficient data", "Insufficient data", "#999999", 0x999999},
};

const char *verdict_id(enum verdict v)
{
	return verdict_table[v < VERDICT_COUNT ? v : VERDICT_INSUFFICIENT].id;
}

const char *verdict_label(enum verdict v)
{
	return verdict_table[v < VERDICT_COUNT ? v : VERDICT_INSUFFICIENT].label;
}

enum verdict verdict_parse(const char *id)
{
	for (int v = 0; id && v < VERDICT_COUNT; v++)
		if (strcmp(id, verdict_table[v].id) == 0)
			return (enum verdict)v;
	return VERDICT_INSUFFICIENT;
}
