/*
 * site_fingerprint.h - is the site already the output of these inputs?
 *
 * The fingerprint covers every byte of the content and templates (with their paths), the
 * options that change the output (formats, figures, PNG scale, base URL, release) and the
 * washboard binary itself: 128 bits as 32 hex digits. A build stores it in
 * OUT/SITE_STAMP_FILE; a later build with the same fingerprint has nothing to do. The
 * gnuplot timeout, the number of jobs and progress output change no byte of the site, so
 * they are not part of it.
 *
 * Internal to the site: site*.c include this header.
 */
#ifndef WB_SITE_FINGERPRINT_H
#define WB_SITE_FINGERPRINT_H

#include <stdbool.h>

#include "site.h"

/** Beside the pages: the fingerprint of the inputs that made them. */
#define SITE_STAMP_FILE ".washboard-stamp"

/**
 * The fingerprint of the build o (with base_url, "" when none, in place of o->base_url) as
 * 32 hex digits and a NUL into out. Returns 0, or -1 after a diagnostic when an input
 * cannot be read.
 */
int site_fingerprint(const struct site_options *o, const char *base_url, char out[33]);
/** Whether OUT/SITE_STAMP_FILE holds the fingerprint fp (its first 32 characters). */
bool site_up_to_date(const char *out, const char *fp);

#endif
