/*
 * mustache_tree.h - the compiled form of a Mustache template, shared by the compiler
 * (mustache.c) and the renderer (mustache_render.c). Internal to the engine: users go
 * through mustache.h.
 */
#ifndef WB_MUSTACHE_TREE_H
#define WB_MUSTACHE_TREE_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "mustache.h"

enum node_kind { N_TEXT, N_VAR, N_RAW, N_SECTION, N_INVERTED, N_PARTIAL, N_PARENT, N_BLOCK };

struct node {
	enum node_kind kind;
	const char *text;   /* N_TEXT: bytes to emit, inside the owning template's source */
	size_t len;	    /* N_TEXT: number of bytes at text */
	char *name;	    /* tags: owned; dotted names have their dots replaced by NULs */
	size_t nparts;	    /* N_VAR/N_RAW/N_SECTION/N_INVERTED: name parts; 0 for "." */
	const char *ind;    /* partial/parent/block: indentation inside the source, or NULL */
	size_t ind_len;	    /* bytes at ind */
	bool bol;	    /* N_TEXT: starts a line of the source (block dedent applies) */
	bool indent_body;   /* N_BLOCK: push ind while rendering the body */
	struct node *kids;  /* section/inverted/block body; N_PARENT: its argument blocks */
	size_t nkids;	    /* used entries in kids */
	size_t cap;	    /* allocated entries in kids */
	unsigned line, col; /* position of the tag, for render-time errors */
	const struct mustache *owner; /* the template this node belongs to */
};

struct mustache {
	char *src;	  /* owned copy of the template text */
	size_t len;	  /* bytes in src */
	char *name;	  /* partial name, or NULL for a template compiled by the caller */
	struct node root; /* its kids are the top-level nodes */
};

/**
 * Compile tmpl (len bytes) as the template or partial called name (NULL for the caller's
 * own template; partial errors name it), as mustache_compile() does.
 */
struct mustache *mustache_compile_named(const char *tmpl, size_t len, const char *name,
					struct buf *err);

#endif
