/*
 * audit_list.c -- reading the audit trail a page at a time, fast at a
 * million rows: one SQL text per filter shape so SQLite can use the
 * index that fits, keyset paging on the id, free text driven from the
 * FTS5 index in id order, date ranges read newest first by time. The
 * filter keys are read from audit_keys (db/sql/0007_audit_keys.sql),
 * which audit_fts_sync() brings up to date with the FTS5 index.
 */
#include "model/audit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "common/str.h"
#include "common/xmalloc.h"
#include "db/db.h"
#include "model/ctx.h"
#include "model/perm.h"

/* Which filters a query has: its shape. */
enum {
	F_ACTOR = 0x01,
	F_ACTION = 0x02,	/* exact action */
	F_PREFIX = 0x04,	/* action prefix, through its index */
	F_PREFIX_SCAN = 0x08,	/* action prefix, scanning by id */
	F_ENTITY = 0x10,
	F_RANGE = 0x20,		/* a date range: newest first by time */
	F_TEXT = 0x40,
	F_BEFORE = 0x80,
	F_ACTOR_SCAN = 0x100,	/* with a range: actor not through its index */
	F_ACTION_SCAN = 0x200,	/* the same for an exact action */
	F_ENTITY_SCAN = 0x400,	/* the same for the entity type */
	F_SHAPES = 0x800
};

/*
 * Below this many rows in a prefix's index range, sort them. The same
 * bound decides, with a date range, whether an actor, action or entity
 * is read through its own index (few rows: sort them by time) or only
 * checked while the date index is read newest first.
 */
#define PREFIX_SMALL	5000

#define AUDIT_COLS \
	"a.id, a.at, a.real_at, a.login_id, a.clock_override, a.actor, " \
	"a.source, a.action, a.entity, a.entity_id, a.detail, a.hash"

/* Parameters, by number, in every shape's SQL. */
enum {
	P_ACTOR = 1, P_ACTION, P_ACTION_HI, P_ENTITY, P_FROM, P_TO,
	P_BEFORE, P_LIMIT, P_TEXT
};

/* Shapes read through audit_keys (those filtering on its columns). */
#define KEYED	(F_ACTOR | F_ACTION | F_PREFIX | F_PREFIX_SCAN | F_ENTITY | \
	F_RANGE)

static char *audit_sql[F_SHAPES];	/* built once per process */

/* The keyset condition of a shape's SQL: rows before ?7. */
static const char *
audit_before_sql(int shape)
{
	if (!(shape & F_BEFORE))
		return "";
	if (shape & F_TEXT)
		return " AND audit_fts.rowid < ?7";
	if (shape & F_RANGE)
		return " AND (k.at, k.id) < ((SELECT at FROM audit WHERE "
		    "id = ?7), ?7)";
	/*
	 * A small prefix alone: its index range, sorted. As a rowid range
	 * the bound would make SQLite walk the ids down from ?7 instead
	 * (55 ms at a million rows for a prefix with no rows).
	 */
	if ((shape & F_PREFIX) && !(shape & (F_ACTOR | F_ENTITY)))
		return " AND +k.id < ?7";
	if (!(shape & KEYED))
		return " AND a.id < ?7";
	return " AND k.id < ?7";
}

/* " AND t.col = ?n" (with "+" when scanned), or "" without flag. */
static void
audit_cond(char *buf, size_t size, int shape, int flag, int scan,
    const char *t, const char *col_param)
{
	buf[0] = '\0';
	if (shape & flag)
		snprintf(buf, size, " AND %s%s.%s", (shape & scan) ? "+" : "",
		    t, col_param);
}

/*
 * The SQL text of a shape; the same pointer every time (cached). With
 * free text, the FTS5 index drives and the other filters are checked on
 * the audit row (a.); otherwise a filtered shape is driven by
 * audit_keys, whose columns (k.) it uses.
 */
static const char *
audit_shape_sql(int shape)
{
	const char *t = (shape & F_TEXT) || !(shape & KEYED) ? "a" : "k";
	char actor[32], action[32], entity[32], prefix[64], *sql;

	if (audit_sql[shape] != NULL)
		return audit_sql[shape];
	audit_cond(actor, sizeof actor, shape, F_ACTOR, F_ACTOR_SCAN, t,
	    "actor = ?1");
	audit_cond(action, sizeof action, shape, F_ACTION, F_ACTION_SCAN, t,
	    "action = ?2");
	audit_cond(entity, sizeof entity, shape, F_ENTITY, F_ENTITY_SCAN, t,
	    "entity = ?4");
	prefix[0] = '\0';
	if (shape & (F_PREFIX | F_PREFIX_SCAN))
		snprintf(prefix, sizeof prefix, " AND %s%s.action >= ?2 AND "
		    "%s%s.action < ?3", (shape & F_PREFIX_SCAN) ? "+" : "", t,
		    (shape & F_PREFIX_SCAN) ? "+" : "", t);
	xasprintf(&sql, "SELECT " AUDIT_COLS " FROM %s WHERE 1 = 1%s%s%s%s%s"
	    "%s%s ORDER BY %s LIMIT ?8",
	    (shape & F_TEXT) ? "audit_fts CROSS JOIN audit a ON "
	    "a.id = audit_fts.rowid" : (shape & KEYED) ? "audit_keys k "
	    "CROSS JOIN audit a ON a.id = k.id" : "audit a",
	    (shape & F_TEXT) ? " AND audit_fts MATCH ?9" : "",
	    actor, action, prefix, entity,
	    !(shape & F_RANGE) ? "" : (shape & F_TEXT) ?
	    " AND +a.at >= ?5 AND +a.at < ?6" : " AND k.at >= ?5 AND k.at < ?6",
	    audit_before_sql(shape),
	    (shape & F_TEXT) ? "audit_fts.rowid DESC" : (shape & F_RANGE) ?
	    "k.at DESC, k.id DESC" : (shape & KEYED) ? "k.id DESC" :
	    "a.id DESC");
	audit_sql[shape] = sql;
	return sql;
}

/*
 * Turn free text into an FTS5 query where every word is a quoted
 * phrase (whole words: a prefix query over a common word costs tens of
 * milliseconds at a million rows), so no input is read as syntax.
 */
static char *
audit_fts_query(const char *text)
{
	size_t len = strlen(text), o = 0, i;
	char *q = xmalloc(len * 2 + 16);
	int inword = 0;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];

		if (c == ' ' || c == '\t' || c == '"') {
			if (inword)
				o += (size_t)sprintf(q + o, "\" ");
			inword = 0;
			continue;
		}
		if (!inword)
			q[o++] = '"';
		inword = 1;
		q[o++] = (char)c;
	}
	if (inword)
		o += (size_t)sprintf(q + o, "\"");
	q[o] = '\0';
	if (o == 0) {
		free(q);
		return NULL;
	}
	return q;
}

/* One integer from a query with up to two integer or text parameters. */
static int
audit_scalar(struct db *db, const char *sql, const char *t1, const char *t2,
    int64_t i1, int64_t *out, int *isnull)
{
	struct db_stmt *st;
	int r;

	if ((r = db_stmt(db, sql, &st)) != 0)
		return r;
	if (t1 != NULL) {
		db_bind_text(st, 1, t1);
		db_bind_text(st, 2, t2);
	} else
		db_bind_int(st, 1, i1);
	if ((r = db_step(st)) == DB_ROW) {
		*isnull = db_col_is_null(st, 0);
		*out = db_col_int(st, 0);
		r = 0;
	}
	db_done(st);
	return r;
}

struct audit_q {
	int	 shape;
	char	 action[128], action_hi[128];
};

/* 1 when sql (one text parameter) counts PREFIX_SMALL rows or more. */
static int
audit_many(struct db *db, const char *sql, const char *value, int *many)
{
	int64_t v = 0;
	int r, isnull;

	if ((r = audit_scalar(db, sql, value, NULL, 0, &v, &isnull)) != 0)
		return r;
	*many = v >= PREFIX_SMALL;
	return 0;
}

/*
 * With a date range, read an actor, action or entity through its own
 * index only when it has few rows (then sort them by time); with many,
 * read the date index newest first and check it there: through its own
 * index a common one is read whole and sorted (150 ms a page for one
 * entity type over 30 days, at a million rows).
 */
static int
audit_plan_range(struct db *db, const struct audit_filter *f,
    struct audit_q *q)
{
	static const struct {
		int		 flag, scan;
		const char	*sql;
	} ck[] = {
		{ F_ACTOR, F_ACTOR_SCAN, "SELECT count(*) FROM (SELECT 1 "
		    "FROM audit_keys WHERE actor = ?1 LIMIT 5000)" },
		{ F_ACTION, F_ACTION_SCAN, "SELECT count(*) FROM (SELECT 1 "
		    "FROM audit_keys WHERE action = ?1 LIMIT 5000)" },
		{ F_ENTITY, F_ENTITY_SCAN, "SELECT count(*) FROM (SELECT 1 "
		    "FROM audit_keys WHERE entity = ?1 LIMIT 5000)" },
	};
	const char *value[] = { f->actor, q->action, f->entity };
	size_t i;
	int many, r;

	for (i = 0; i < sizeof ck / sizeof ck[0]; i++) {
		if (!(q->shape & ck[i].flag))
			continue;
		if ((r = audit_many(db, ck[i].sql, value[i], &many)) != 0)
			return r;
		if (many)
			q->shape |= ck[i].scan;
	}
	return 0;
}

/* Work out a filter's shape and the values derived from it. */
static int
audit_plan(struct db *db, const struct audit_filter *f, struct audit_q *q)
{
	size_t alen;
	int64_t v = 0;
	int r, isnull;

	memset(q, 0, sizeof *q);
	if (f->actor != NULL)
		q->shape |= F_ACTOR;
	if (f->entity != NULL)
		q->shape |= F_ENTITY;
	if (f->before_id > 0)
		q->shape |= F_BEFORE;
	if (f->action != NULL) {
		str_lcpy(q->action, f->action, sizeof q->action);
		alen = strlen(q->action);
		if (alen >= 2 && strcmp(q->action + alen - 2, ".*") == 0) {
			q->action[alen - 1] = '\0';	/* keep the dot */
			str_lcpy(q->action_hi, q->action, sizeof q->action_hi);
			q->action_hi[alen - 2] = '/';	/* '.' + 1 */
			if ((r = audit_scalar(db, "SELECT count(*) FROM (SELECT 1 "
			    "FROM audit_keys WHERE action >= ?1 AND action < ?2 "
			    "LIMIT 5000)", q->action, q->action_hi, 0, &v,
			    &isnull)) != 0)
				return r;
			q->shape |= v < PREFIX_SMALL ? F_PREFIX : F_PREFIX_SCAN;
		} else
			q->shape |= F_ACTION;
	}
	if (f->from > 0 || f->to > 0)
		q->shape |= F_RANGE;
	if ((q->shape & F_RANGE) && !(f->text != NULL && f->text[0] != '\0'))
		return audit_plan_range(db, f, q);
	return 0;
}

static void
audit_entry_read(struct db_stmt *st, struct audit_entry *e)
{
	e->id = db_col_int(st, 0);
	e->at = db_col_int(st, 1);
	e->real_at = db_col_int(st, 2);
	e->login_id = db_col_int(st, 3);
	e->clock_override = (int)db_col_int(st, 4);
	e->actor = xstrdup(db_col_text(st, 5));
	e->source = xstrdup(db_col_text(st, 6));
	e->action = xstrdup(db_col_text(st, 7));
	e->entity = xstrdup(db_col_text(st, 8));
	e->entity_id = xstrdup(db_col_text(st, 9));
	e->detail = xstrdup(db_col_text(st, 10));
	str_lcpy(e->hash, db_col_text(st, 11), sizeof e->hash);
}

static void
audit_bind(struct db_stmt *st, const struct audit_filter *f,
    const struct audit_q *q, const char *fts)
{
	if (q->shape & F_ACTOR)
		db_bind_text(st, P_ACTOR, f->actor);
	if (q->shape & (F_ACTION | F_PREFIX | F_PREFIX_SCAN))
		db_bind_text(st, P_ACTION, q->action);
	if (q->shape & (F_PREFIX | F_PREFIX_SCAN))
		db_bind_text(st, P_ACTION_HI, q->action_hi);
	if (q->shape & F_ENTITY)
		db_bind_text(st, P_ENTITY, f->entity);
	if (q->shape & F_RANGE) {
		db_bind_int(st, P_FROM, f->from);
		db_bind_int(st, P_TO, f->to > 0 ? f->to : INT64_MAX);
	}
	if (q->shape & F_BEFORE)
		db_bind_int(st, P_BEFORE, f->before_id);
	if (q->shape & F_TEXT)
		db_bind_text(st, P_TEXT, fts);
	db_bind_int(st, P_LIMIT, f->limit > 0 && f->limit <= 10000 ?
	    f->limit : 50);
}

int
audit_list(struct mctx *ctx, const struct audit_filter *f,
    struct audit_entry **out, size_t *n)
{
	struct audit_entry *v = NULL;
	struct db_stmt *st;
	struct audit_q q;
	size_t len = 0, cap = 0;
	char *fts = NULL;
	int r;

	if ((r = perm_require(ctx, PERM_AUDIT_VIEW, "audit.list", "audit",
	    NULL)) != 0)
		return r;
	/* Filters and free text read the indexes the sync fills. */
	if ((f->actor != NULL || f->action != NULL || f->entity != NULL ||
	    f->from > 0 || f->to > 0 || f->text != NULL) &&
	    !db_in_tx(ctx->db) && (r = audit_fts_sync(ctx->db)) != 0)
		return r;
	if ((r = audit_plan(ctx->db, f, &q)) != 0)
		return r;
	if (f->text != NULL && (fts = audit_fts_query(f->text)) != NULL)
		q.shape |= F_TEXT;
	if ((r = db_stmt(ctx->db, audit_shape_sql(q.shape), &st)) != 0)
		goto out;
	audit_bind(st, f, &q, fts);
	while ((r = db_step(st)) == DB_ROW) {
		if (len == cap) {
			cap = cap == 0 ? 64 : cap * 2;
			v = xreallocarray(v, cap, sizeof *v);
		}
		audit_entry_read(st, &v[len++]);
	}
	db_done(st);
	if (r != DB_DONE) {
		audit_entries_free(v, len);
		goto out;
	}
	r = 0;
	*out = v;
	*n = len;
out:
	free(fts);
	return r;
}

static int
audit_fts_sync_tx(struct db *db, void *arg)
{
	(void)arg;
	return db_exec(db, "INSERT INTO audit_keys (id, at, actor, action, "
	    "entity, entity_id) SELECT id, at, actor, action, entity, "
	    "entity_id FROM audit WHERE id > (SELECT coalesce(max(id), 0) "
	    "FROM audit_keys); INSERT INTO audit_fts (rowid, actor, action, "
	    "entity, entity_id, detail) SELECT id, actor, action, entity, "
	    "entity_id, detail FROM audit WHERE id > (SELECT last_id FROM "
	    "audit_fts_done); UPDATE audit_fts_done SET last_id = "
	    "coalesce((SELECT max(id) FROM audit), 0)");
}

/* 1 when both indexes already cover every audit row. */
static int
audit_synced(struct db *db)
{
	struct db_stmt *st;
	int r;

	if ((r = db_stmt(db, "SELECT (SELECT coalesce(max(id), 0) FROM "
	    "audit) = (SELECT last_id FROM audit_fts_done) AND (SELECT "
	    "coalesce(max(id), 0) FROM audit) = (SELECT coalesce(max(id), 0) "
	    "FROM audit_keys)", &st)) != 0)
		return r;
	if ((r = db_step(st)) == DB_ROW)
		r = db_col_int(st, 0) != 0;
	db_done(st);
	return r;
}

int
audit_fts_sync(struct db *db)
{
	int r;

	/* Nothing new: no write transaction, no sync of the disk. */
	if ((r = audit_synced(db)) != 0)
		return r == 1 ? 0 : r;
	return db_write(db, audit_fts_sync_tx, NULL);
}

void
audit_entries_free(struct audit_entry *v, size_t n)
{
	size_t i;

	for (i = 0; i < n && v != NULL; i++) {
		free(v[i].actor);
		free(v[i].source);
		free(v[i].action);
		free(v[i].entity);
		free(v[i].entity_id);
		free(v[i].detail);
	}
	free(v);
}
