/*
 * bench_audit.c -- the audit screen's page query at a million audit
 * rows: audit_list() with keyset paging (before_id) and with each
 * filter (actor, action, action prefix, entity, date range, free text,
 * and some combinations), 200 rows a page as the screen asks. Target:
 * every page under 20 ms.
 *
 * The rows are written through audit_append() (the keyed hash chain
 * included) in 200 write transactions, each in a child process with
 * CAFED_NOW set later than the one before, so the rows span a year (a
 * batch every 43.8 hours). Then the free-text index is brought up to
 * date (audit_fts_sync, timed). The
 * database lives in a fresh directory under $BENCH_DIR (default $BUILD,
 * else "."), removed at the end. BENCH_AUDIT_ROWS changes the count.
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common/clock.h"
#include "common/err.h"
#include "common/xmalloc.h"
#include "db/db.h"
#include "db/migrate.h"
#include "model/audit.h"
#include "model/ctx.h"
#include "model/keys.h"
#include "model/perm.h"
#include "model/settings.h"

#define BATCHES		200
#define PAGE_ROWS	200	/* as screens/audit.c asks */
#define PAGES		10	/* pages followed per filter */
#define TARGET_MS	20.0
#define YEAR_START	1735689600	/* 2025-01-01T00:00:00Z */
#define YEAR		(365 * 86400)

struct bench {
	char	*dir, *db_path, *key_path;
	long	 rows;
};

static const char *const actors[] = {
	"alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi",
	"ivan", "judy", "mallory", "niaj", "olivia", "peggy", "rupert",
	"sybil", "trent", "victor", "walter", "yvonne", "cli:root", "system",
};
#define NACTORS	(sizeof actors / sizeof actors[0])

/* action, entity, and the detail around a number */
static const char *const kinds[][4] = {
	{ "login.start", "login", "user=", " method=password" },
	{ "login.end", "login", "reason=logout after ", " min" },
	{ "auth.ok", "user", "method=totp try ", "" },
	{ "auth.fail", "user", "wrong password from 10.0.", ".9" },
	{ "wallet.topup", "wallet", "amount=", ".00 EUR method=cash" },
	{ "wallet.charge", "wallet", "amount=", ".50 EUR seat time" },
	{ "wallet.refund", "wallet", "amount=", ".00 EUR cash back" },
	{ "shift.open", "shift", "float=", ".00 EUR" },
	{ "shift.close", "shift", "counted=", ".00 EUR difference=0.00" },
	{ "sale.create", "sale", "items=", " total=3.50 EUR cash" },
	{ "user.add", "user", "role=cashier id=", "" },
	{ "denied", "screen", "lacks user.manage key ", "" },
};
#define NKINDS	(sizeof kinds / sizeof kinds[0])

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
init_tx(struct db *db, void *arg)
{
	(void)db;
	return settings_init(arg, "Bench Café", "EUR", "UTC");
}

/* Open a connection acting as the administrator. */
static void
bench_ctx(const struct bench *b, struct mctx *ctx, int flags)
{
	memset(ctx, 0, sizeof *ctx);
	if (db_open(b->db_path, flags, &ctx->db) != 0 ||
	    keys_load(b->key_path, (struct keys **)&ctx->keys) != 0)
		fatal("cannot open %s", b->db_path);
	snprintf(ctx->actor.name, sizeof ctx->actor.name, "cli:bench");
	ctx->actor.role = ROLE_ADMIN;
}

static void
bench_close(struct mctx *ctx)
{
	db_close(ctx->db);
	keys_free((struct keys *)ctx->keys);
}

/* Run fn(b, arg) in a child process (its own clock); 0 if it exited 0. */
static int
bench_child(const struct bench *b, void (*fn)(const struct bench *, long),
    long arg)
{
	pid_t pid;
	int st;

	if ((pid = fork()) == -1)
		fatal("fork");
	if (pid == 0) {
		fn(b, arg);
		_exit(0);
	}
	return waitpid(pid, &st, 0) == pid && WIFEXITED(st) &&
	    WEXITSTATUS(st) == 0 ? 0 : -1;
}

static void
setup_child(const struct bench *b, long unused)
{
	struct mctx ctx;
	struct db *db;

	(void)unused;
	if (keys_create(b->key_path) != 0 ||
	    db_open(b->db_path, DB_OPEN_CREATE, &db) != 0 ||
	    db_migrate_apply(db, NULL) != 0)
		fatal("cannot create %s", b->db_path);
	db_close(db);
	bench_ctx(b, &ctx, 0);
	if (db_write(ctx.db, init_tx, &ctx) != 0)
		fatal("settings_init failed");
	bench_close(&ctx);
}

struct fill {
	struct mctx	*ctx;
	long		 first, n;
};

/* Rows first..first+n-1: a mix of actors, actions, a rare word. */
static int
fill_tx(struct db *db, void *arg)
{
	struct fill *f = arg;
	char detail[96], id[24];
	long i, k;
	int r;

	(void)db;
	for (i = f->first; i < f->first + f->n; i++) {
		k = (long)(((unsigned long)i * 2654435761u) >> 7);
		snprintf(f->ctx->actor.name, sizeof f->ctx->actor.name, "%s",
		    i % 10007 == 0 ? "zed" : actors[k % NACTORS]);
		f->ctx->actor.login_id = i / 50;
		snprintf(f->ctx->actor.source, sizeof f->ctx->actor.source,
		    "10.0.%ld.%ld", (k >> 8) % 4, k % 250);
		snprintf(detail, sizeof detail, "%s%ld%s", kinds[k % NKINDS][2],
		    k % 97, kinds[k % NKINDS][3]);
		if (i % 4999 == 0)
			strncat(detail, " broken headset", sizeof detail -
			    strlen(detail) - 1);
		snprintf(id, sizeof id, "%ld", k % 5000);
		if ((r = audit_append(f->ctx, kinds[k % NKINDS][0],
		    kinds[k % NKINDS][1], id, detail)) != 0)
			return r;
	}
	return 0;
}

/* Batch number b of BATCHES, at its own time of the year. */
static void
fill_child(const struct bench *b, long batch)
{
	struct fill f;
	struct mctx ctx;
	char when[32];

	clock_fmt_utc(when, sizeof when, YEAR_START + batch *
	    (int64_t)(YEAR / BATCHES));
	setenv("CAFED_NOW", when, 1);
	bench_ctx(b, &ctx, DB_OPEN_NORMAL_SYNC);
	/* Room for the index pages being appended to: 64 MiB. */
	if (db_exec(ctx.db, "PRAGMA cache_size=-65536") != 0)
		fatal("cache_size");
	f.ctx = &ctx;
	f.first = batch * (b->rows / BATCHES) + 1;
	f.n = b->rows / BATCHES;
	if (db_write(ctx.db, fill_tx, &f) != 0)
		fatal("audit_append failed in batch %ld", batch);
	bench_close(&ctx);
}

static void
fts_child(const struct bench *b, long unused)
{
	struct mctx ctx;
	double t0;

	(void)unused;
	bench_ctx(b, &ctx, 0);
	t0 = now_ms();
	if (audit_fts_sync(ctx.db) != 0)
		fatal("audit_fts_sync failed");
	printf("free-text index of %ld rows built in %.1f s\n", b->rows,
	    (now_ms() - t0) / 1000);
	bench_close(&ctx);
}

struct query {
	const char	*label;
	const char	*actor, *action, *entity, *text;
	int		 from_batch, days;	/* a date range, days: 0 none */
};

static const struct query queries[] = {
	{ "no filter", NULL, NULL, NULL, NULL, 0, 0 },
	{ "actor", "alice", NULL, NULL, NULL, 0, 0 },
	{ "actor, rare (1 row in 10007)", "zed", NULL, NULL, NULL, 0, 0 },
	{ "action", NULL, "shift.close", NULL, NULL, 0, 0 },
	{ "action prefix", NULL, "wallet.*", NULL, NULL, 0, 0 },
	{ "action prefix, few rows", NULL, "settings.*", NULL, NULL, 0, 0 },
	{ "entity", NULL, NULL, "user", NULL, 0, 0 },
	{ "date range, one day", NULL, NULL, NULL, NULL, 100, 1 },
	{ "date range, 30 days", NULL, NULL, NULL, NULL, 80, 30 },
	{ "free text, common word", NULL, NULL, NULL, "cash", 0, 0 },
	{ "free text, rare word", NULL, NULL, NULL, "headset", 0, 0 },
	{ "free text, two words", NULL, NULL, NULL, "broken headset", 0, 0 },
	{ "actor + action prefix", "alice", "wallet.*", NULL, NULL, 0, 0 },
	{ "actor + 30 days", "bob", NULL, NULL, NULL, 80, 30 },
	{ "entity + 30 days", NULL, NULL, "shift", NULL, 80, 30 },
	{ "free text + 30 days", NULL, NULL, NULL, "cash", 80, 30 },
};
#define NQUERIES	(sizeof queries / sizeof queries[0])

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* One page of q before before_id; its time in ms, rows in *n. */
static double
query_page(struct mctx *ctx, const struct query *q, int64_t before_id,
    size_t *n, int64_t *last_id)
{
	struct audit_filter f;
	struct audit_entry *v;
	double t0, t;

	memset(&f, 0, sizeof f);
	f.actor = q->actor;
	f.action = q->action;
	f.entity = q->entity;
	f.text = q->text;
	if (q->days > 0) {
		/* from the time of a batch in the middle of the year */
		f.from = YEAR_START + q->from_batch * (int64_t)(YEAR / BATCHES);
		f.to = f.from + q->days * (int64_t)86400;
	}
	f.before_id = before_id;
	f.limit = PAGE_ROWS;
	t0 = now_ms();
	if (audit_list(ctx, &f, &v, n) != 0)
		fatal("audit_list failed (%s)", q->label);
	t = now_ms() - t0;
	*last_id = *n > 0 ? v[*n - 1].id : 0;
	audit_entries_free(v, *n);
	return t;
}

/*
 * The first page, the next PAGES-1 by keyset, and one page from the
 * middle of the trail. Prints the times; returns the slowest.
 */
static double
query_run(struct mctx *ctx, const struct query *q, long rows)
{
	double t[PAGES + 1], worst;
	int64_t before = 0, last;
	size_t n, total = 0;
	int i, np = 0;

	for (i = 0; i < PAGES; i++) {
		t[np++] = query_page(ctx, q, before, &n, &last);
		total += n;
		if (n < PAGE_ROWS)
			break;
		before = last;
	}
	t[np++] = query_page(ctx, q, rows / 2, &n, &last);
	qsort(t, (size_t)np, sizeof t[0], cmp_double);
	worst = t[np - 1];
	printf("  %-30s %6.2f %6.2f %6.2f   %zu rows in %d pages\n",
	    q->label, t[np / 2], t[np - 1], t[0], total, np);
	return worst;
}

static void
bench_cleanup(struct bench *b)
{
	char *p;

	unlink(b->db_path);
	xasprintf(&p, "%s-wal", b->db_path);
	unlink(p);
	free(p);
	xasprintf(&p, "%s-shm", b->db_path);
	unlink(p);
	free(p);
	xasprintf(&p, "%s-writer", b->db_path);
	unlink(p);
	free(p);
	unlink(b->key_path);
	rmdir(b->dir);
}

static void
bench_fill(struct bench *b)
{
	double t0 = now_ms();
	long batch;

	if (bench_child(b, setup_child, 0) != 0)
		fatal("setup failed");
	for (batch = 0; batch < BATCHES; batch++)
		if (bench_child(b, fill_child, batch) != 0)
			fatal("batch %ld failed", batch);
	printf("%ld audit rows through audit_append() in %d transactions: "
	    "%.1f s (%.0f rows/s)\n", b->rows, BATCHES, (now_ms() - t0) / 1000,
	    b->rows / ((now_ms() - t0) / 1000));
	if (bench_child(b, fts_child, 0) != 0)
		fatal("index failed");
}

int
main(void)
{
	struct bench b;
	struct mctx ctx;
	const char *base = getenv("BENCH_DIR"), *keep;
	double worst = 0, w;
	size_t i;
	int slow = 0;

	if (base == NULL || *base == '\0')
		base = getenv("BUILD");
	if (base == NULL || *base == '\0')
		base = ".";
	memset(&b, 0, sizeof b);
	b.rows = getenv("BENCH_AUDIT_ROWS") != NULL ?
	    atol(getenv("BENCH_AUDIT_ROWS")) : 1000000;
	if (b.rows < BATCHES)
		b.rows = BATCHES;
	/* BENCH_AUDIT_KEEP=DIR: fill DIR once, keep it (to iterate). */
	if ((keep = getenv("BENCH_AUDIT_KEEP")) != NULL && *keep != '\0')
		b.dir = xstrdup(keep);
	else {
		keep = NULL;
		xasprintf(&b.dir, "%s/bench-audit.XXXXXX", base);
		if (mkdtemp(b.dir) == NULL)
			fatal("mkdtemp %s", b.dir);
	}
	xasprintf(&b.db_path, "%s/cafe.db", b.dir);
	xasprintf(&b.key_path, "%s/cafe.key", b.dir);
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (keep == NULL || access(b.db_path, F_OK) != 0) {
		if (keep != NULL && mkdir(b.dir, 0700) != 0 && errno != EEXIST)
			fatal("mkdir %s", b.dir);
		bench_fill(&b);
	}
	bench_ctx(&b, &ctx, 0);
	printf("audit_list, %d rows a page, first page + keyset pages + one "
	    "from the middle (ms):\n", PAGE_ROWS);
	printf("  %-30s %6s %6s %6s\n", "filter", "median", "max", "min");
	for (i = 0; i < NQUERIES; i++) {
		w = query_run(&ctx, &queries[i], b.rows);
		if (w > worst)
			worst = w;
		slow += w >= TARGET_MS;
	}
	bench_close(&ctx);
	if (keep == NULL)
		bench_cleanup(&b);
	printf("target (every page under %.0f ms): %s (slowest page %.2f "
	    "ms)\n", TARGET_MS, slow == 0 ? "met" : "NOT met", worst);
	return 0;
}
