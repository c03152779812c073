/*
 * audit.h -- the tamper-evident audit trail.
 *
 * Append-only (triggers refuse UPDATE and DELETE). Each row carries
 * hash = BLAKE2b-256 keyed with a subkey of the server key, over the
 * previous row's hash and every field in a fixed order, each length-
 * prefixed. Whoever can write the file but lacks the key cannot forge a
 * consistent chain; the head (row count and last hash) printed outside
 * the database catches rows cut off the end.
 */
#ifndef CAFED_AUDIT_H
#define CAFED_AUDIT_H

#include <stddef.h>
#include <stdint.h>

struct db;
struct keys;
struct mctx;

#define AUDIT_HASH_HEX	65

struct audit_head {
	int64_t	count;
	char	hash[AUDIT_HASH_HEX];
};

/*
 * Append a row for the acting user. Must run inside db_write() (the
 * same transaction as the change it records); returns ERR_INTERNAL
 * otherwise. detail must already have PII masked (audit_mask).
 */
int	audit_append(struct mctx *, const char *action, const char *entity,
	    const char *entity_id, const char *detail);
int	audit_appendf(struct mctx *, const char *action, const char *entity,
	    const char *entity_id, const char *fmt, ...)
	    __attribute__((format(printf, 5, 6)));

/* The current head: row count and last hash (zeros when empty). */
int	audit_head(struct db *, struct audit_head *);

/* Format a head as "N:HASH" into buf. */
char	*audit_head_fmt(const struct audit_head *, char *buf, size_t size);

/* Parse "N:HASH". Returns 0 or ERR_INVALID. */
int	audit_head_parse(const char *s, struct audit_head *);

struct audit_verify {
	int64_t	rows;		/* rows checked */
	int64_t	bad_id;		/* first broken row, 0 if none */
	char	hash[AUDIT_HASH_HEX]; /* head hash reached */
	char	why[128];	/* what is wrong, "" if nothing */
};

/*
 * Walk the chain from the first row. With expect non-NULL, also check
 * that the chain still extends that head (row expect->count exists and
 * has that hash). progress (may be NULL) is called every 4096 rows.
 * Returns 0 when intact, ERR_TAMPER with res->bad_id and res->why set,
 * or a database error.
 */
int	audit_verify(struct db *, const struct keys *,
	    const struct audit_head *expect, struct audit_verify *res,
	    void (*progress)(int64_t done, void *), void *parg);

/*
 * Mask personal data for an audit detail: keeps the first two and last
 * two characters ("+4*********67"); short values become "***".
 */
char	*audit_mask(const char *value, char *buf, size_t size);

#endif

#ifndef CAFED_AUDIT_LIST
#define CAFED_AUDIT_LIST
struct audit_filter {
	const char	*actor;		/* exact actor name, NULL: any */
	const char	*action;	/* exact action, or "prefix.*" */
	const char	*entity;	/* exact entity type */
	int64_t		 from, to;	/* at within [from, to); 0: open */
	int64_t		 before_id;	/* keyset paging: ids below; 0: top */
	const char	*text;		/* free text, every word must occur */
	int		 limit;		/* rows at most (1..10000) */
};

struct audit_entry {
	int64_t	 id, at, real_at, login_id;
	int	 clock_override;
	char	*actor, *source, *action, *entity, *entity_id, *detail;
	char	 hash[AUDIT_HASH_HEX];
};

/*
 * Audit rows matching f, newest first (audit.view). *out is an array of
 * *n entries; free it with audit_entries_free().
 */
int	audit_list(struct mctx *, const struct audit_filter *f,
	    struct audit_entry **out, size_t *n);
void	audit_entries_free(struct audit_entry *, size_t n);

/*
 * Bring the search indexes (the free-text index and the filter keys in
 * audit_keys) up to date with the rows appended since the last call, in
 * one write transaction (none when nothing is new). audit_list() calls
 * it before a filtered or text search made outside a transaction; the
 * listener calls it periodically. Returns 0 or a database error.
 */
int	audit_fts_sync(struct db *);
#endif
