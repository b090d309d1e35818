/*
 * buf.h - growable byte buffers and the one place where out-of-memory is fatal.
 *
 * Every heap allocation in washboard goes through xmalloc()/xcalloc()/xrealloc()/xstrdup():
 * they never return NULL (on exhaustion they print one message and abort), so callers do
 * not check. Every string that is built piece by piece goes through struct buf.
 *
 * Ownership: a struct buf owns its bytes. buf_release() frees them; buf_detach() hands
 * them to the caller (free with free()).
 */
#ifndef WB_BUF_H
#define WB_BUF_H

#include <stdarg.h>
#include <stddef.h>

/*
 * WB_NODE_POOL: 1 when the pooled allocators are on (value nodes from slabs, value.c;
 * cmark-gfm's page memory, markdown.c). A pool hides a use after free from AddressSanitizer
 * and valgrind (the memory stays allocated), so sanitizer builds take everything from
 * malloc: WB_NODE_POOL=0, the default under AddressSanitizer, or -DWB_NODE_POOL=0 for
 * valgrind (make memcheck).
 */
#ifndef WB_NODE_POOL
#if defined(__SANITIZE_ADDRESS__)
#define WB_NODE_POOL 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define WB_NODE_POOL 0
#endif
#endif
#endif
#ifndef WB_NODE_POOL
#define WB_NODE_POOL 1
#endif

/** Allocate n bytes; never returns NULL. */
void *xmalloc(size_t n);
/** Allocate a zeroed array of n items of size sz; never returns NULL, checks overflow. */
void *xcalloc(size_t n, size_t sz);
/** Resize p to n bytes; never returns NULL. */
void *xrealloc(void *p, size_t n);
/** Copy of the NUL-terminated string s (NULL gives NULL). Caller frees. */
char *xstrdup(const char *s);
/** Copy of the first n bytes of s, NUL-terminated. Caller frees. */
char *xstrndup(const char *s, size_t n);
/** Grow an array pointer *p of *cap items of size sz so it holds at least need items. */
void xgrow(void **p, size_t *cap, size_t need, size_t sz);

struct buf {
	char *data; /* NUL-terminated whenever len > 0 or after any append; may be NULL when empty */
	size_t len; /* bytes used, not counting the NUL */
	size_t cap; /* bytes allocated */
};

#define BUF_INIT {NULL, 0, 0}

/** Make sure at least extra more bytes (plus a NUL) fit. */
void buf_grow(struct buf *b, size_t extra);
/** Append n bytes of s. */
void buf_add(struct buf *b, const char *s, size_t n);
/** Append the NUL-terminated string s. */
void buf_puts(struct buf *b, const char *s);
/** Append one byte. */
void buf_putc(struct buf *b, char c);
/** Append printf-style formatted text. */
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/** Append vprintf-style formatted text. */
void buf_vprintf(struct buf *b, const char *fmt, va_list ap);
/** Append the shortest decimal form of x that reads back as the same double (x finite). */
void buf_number(struct buf *b, double x);
/**
 * Append x with 15 significant digits, like "%.15g" but without printf's exact conversion:
 * the last digit can differ from correct rounding by one (the scaling by a power of ten
 * rounds once). For computed statistics, where the 15th digit is noise anyway; deterministic
 * on every IEEE-754 machine.
 */
void buf_number15(struct buf *b, double x);
/**
 * Append x as printf(fmt, x) prints it, fmt holding one conversion of a double and any text
 * ("%%" a percent sign). "%.Nf" and "%.Ng" (N <= 9, '+' allowed) skip printf, which costs a few
 * thousand instructions a number, whenever the rounding is proven (not at a tie): the same
 * text either way.
 */
void buf_printf_num(struct buf *b, const char *fmt, double x) __attribute__((format(printf, 2, 0)));
/** The contents as a NUL-terminated string (never NULL; "" when empty). Borrowed. */
const char *buf_str(const struct buf *b);
/** Empty the buffer, keeping its allocation. */
void buf_reset(struct buf *b);
/** Free the bytes; the buffer is empty and reusable afterwards. */
void buf_release(struct buf *b);
/** Hand the bytes to the caller (never NULL; free with free()); the buffer is left empty. */
char *buf_detach(struct buf *b);

#endif
