/*
 * bench_wallet.c -- wallet operations per second with 1 and with 8
 * concurrent writer processes, each operation a full wallet_charge()
 * (ledger entries, cached balances, audit row, synchronous=FULL), with
 * p50/p99/max latency; and, on the same disk in the same run, the rate
 * of a bare one-row UPDATE commit loop, the limit the disk sets.
 *
 * The disk of a shared machine is noisy, so the phases are interleaved
 * in rounds (BENCH_ROUNDS, default 3; each phase BENCH_SECONDS, default
 * 1): bare loop, 1 writer, bare loop, 8 writers, bare loop; each writer
 * phase is compared with the mean of the bare loops around it, and the
 * summary gives the medians of those ratios. The database lives in a
 * fresh directory under $BENCH_DIR (default $BUILD, else "."), on the
 * project's own disk. Also printed: the pages one operation writes to
 * the WAL (the bare loop writes one), which is what the disk must sync.
 */
#include <sys/wait.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/clock.h"
#include "common/err.h"
#include "common/xmalloc.h"
#include "db/db.h"
#include "db/migrate.h"
#include "model/ctx.h"
#include "model/customer.h"
#include "model/keys.h"
#include "model/perm.h"
#include "model/settings.h"
#include "model/wallet.h"

#define MAX_LAT		400000	/* latencies one worker keeps */

struct bench {
	char	*dir, *db_path, *key_path;
	int	 seconds;
	int	 round;		/* makes every phase's keys new */
};

static int64_t
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static int
init_tx(struct db *db, void *arg)
{
	(void)db;
	return settings_init(arg, "Bench Café", "EUR", "UTC");
}

/* Open a connection acting as the administrator. */
static void
bench_ctx(const struct bench *b, struct mctx *ctx, const char *name)
{
	memset(ctx, 0, sizeof *ctx);
	if (db_open(b->db_path, 0, &ctx->db) != 0 ||
	    keys_load(b->key_path, (struct keys **)&ctx->keys) != 0)
		fatal("cannot open %s", b->db_path);
	snprintf(ctx->actor.name, sizeof ctx->actor.name, "%s", name);
	ctx->actor.role = ROLE_ADMIN;
}

static void
bench_close(struct mctx *ctx)
{
	db_close(ctx->db);
	keys_free((struct keys *)ctx->keys);
}

/* A fresh database with 8 customers, each with plenty of credit. */
static void
bench_setup(struct bench *b)
{
	struct customer_new cn = { "Bench", NULL, NULL, NULL };
	struct wallet_op op;
	struct mctx ctx;
	struct db *db;
	char key[32];
	int64_t id;
	int i;

	if (keys_create(b->key_path) != 0 ||
	    db_open(b->db_path, DB_OPEN_CREATE, &db) != 0 ||
	    db_migrate_apply(db, NULL) != 0)
		fatal("cannot create %s", b->db_path);
	db_close(db);
	bench_ctx(b, &ctx, "cli:bench");
	if (db_write(ctx.db, init_tx, &ctx) != 0)
		fatal("settings_init failed");
	for (i = 0; i < 8; i++) {
		if (customer_add(&ctx, &cn, &id, NULL) != 0)
			fatal("customer_add failed");
		memset(&op, 0, sizeof op);
		op.customer_id = id;
		op.amount = INT64_C(10000000000);
		op.method = WALLET_CARD;
		snprintf(key, sizeof key, "credit-%d", i);
		op.key = key;
		if (wallet_topup(&ctx, &op, NULL) != 0)
			fatal("wallet_topup failed");
	}
	bench_close(&ctx);
}

/*
 * One writer: wait for the start, charge customer n+1 until the
 * deadline, write the count and latencies (us) to fd.
 */
static void
writer(const struct bench *b, int n, int nproc, int go, int fd)
{
	struct wallet_result res;
	struct wallet_op op;
	struct mctx ctx;
	char key[48], c;
	int64_t *lat = xcalloc(MAX_LAT, sizeof *lat), t0, end;
	int32_t count = 0, fails = 0;
	struct db_write_stats ws;

	bench_ctx(b, &ctx, "cli:writer");
	if (read(go, &c, 1) < 0)
		_exit(2);
	end = now_us() + (int64_t)b->seconds * 1000000;
	memset(&op, 0, sizeof op);
	op.customer_id = n + 1;
	op.amount = 1;
	op.key = key;
	while (count < MAX_LAT && (t0 = now_us()) < end) {
		snprintf(key, sizeof key, "w%d-%d-%d-%d", b->round, nproc, n,
		    count);
		if (wallet_charge(&ctx, &op, &res) != 0)
			fails++;
		lat[count++] = now_us() - t0;
	}
	db_write_stats(ctx.db, &ws);
	if (write(fd, &count, sizeof count) != sizeof count ||
	    write(fd, &fails, sizeof fails) != sizeof fails ||
	    write(fd, &ws, sizeof ws) != sizeof ws ||
	    write(fd, lat, (size_t)count * sizeof *lat) !=
	    (ssize_t)((size_t)count * sizeof *lat))
		_exit(3);
	bench_close(&ctx);
	_exit(0);
}

static int
cmp64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

/* Read everything from fd into buf (len bytes). */
static int
read_all(int fd, void *buf, size_t len)
{
	char *p = buf;
	ssize_t n;

	while (len > 0) {
		if ((n = read(fd, p, len)) <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* What the writers of one phase did; latencies in us. */
struct result {
	double	 ops_per_s;
	int64_t	 ops, fails, max_wait;
	int64_t	*lat;
	int64_t	 nlat;
	struct db_write_stats ws;	/* summed over writers and rounds */
};

/* Add one writer's db_write() statistics to the phase's. */
static void
add_stats(struct db_write_stats *sum, const struct db_write_stats *w)
{
	sum->commits += w->commits;
	sum->rollbacks += w->rollbacks;
	sum->waits += w->waits;
	sum->wait_us += w->wait_us;
	sum->hold_us += w->hold_us;
	if (w->max_wait_us > sum->max_wait_us)
		sum->max_wait_us = w->max_wait_us;
	sum->checkpoints += w->checkpoints;
	sum->checkpoint_us += w->checkpoint_us;
	sum->checkpoint_frames += w->checkpoint_frames;
}

/* Gather the writers' figures from their pipes. */
static void
gather(int nproc, int fds[][2], pid_t *pids, int64_t **all, int64_t *n,
    int64_t *fails, struct db_write_stats *sum)
{
	struct db_write_stats ws;
	int32_t count, f;
	int i, status;

	for (i = 0; i < nproc; i++) {
		if (read_all(fds[i][0], &count, sizeof count) != 0 ||
		    read_all(fds[i][0], &f, sizeof f) != 0 ||
		    read_all(fds[i][0], &ws, sizeof ws) != 0)
			fatal("writer %d died", i);
		add_stats(sum, &ws);
		*all = xreallocarray(*all, (size_t)(*n + count + 1),
		    sizeof **all);
		if (read_all(fds[i][0], *all + *n, (size_t)count *
		    sizeof **all) != 0)
			fatal("writer %d died", i);
		*n += count;
		*fails += f;
		close(fds[i][0]);
		waitpid(pids[i], &status, 0);
	}
}

/* Run nproc writers for one phase; add their figures to res. */
static void
run_writers(const struct bench *b, int nproc, struct result *res)
{
	int fds[8][2], go[2], i;
	pid_t pids[8];
	int64_t n = 0, t0, t1;

	if (pipe(go) != 0)
		fatal("pipe");
	for (i = 0; i < nproc; i++) {
		if (pipe(fds[i]) != 0)
			fatal("pipe");
		if ((pids[i] = fork()) == 0) {
			close(go[1]);
			close(fds[i][0]);
			writer(b, i, nproc, go[0], fds[i][1]);
		}
		close(fds[i][1]);
	}
	close(go[0]);
	usleep(200000);		/* let every writer open its connection */
	t0 = now_us();
	close(go[1]);
	n = res->nlat;
	gather(nproc, fds, pids, &res->lat, &res->nlat, &res->fails,
	    &res->ws);
	res->max_wait = res->ws.max_wait_us;
	t1 = now_us();
	res->ops = res->nlat - n;
	res->ops_per_s = (double)res->ops * 1e6 / (double)(t1 - t0);
}

/* The disk's limit: a bare one-row UPDATE per commit, WAL, FULL. */
static double
bare_update_rate(const struct bench *b)
{
	sqlite3 *h;
	char *path;
	int64_t n = 0, t0, end;

	xasprintf(&path, "%s/bare.db", b->dir);
	if (sqlite3_open(path, &h) != SQLITE_OK ||
	    sqlite3_exec(h, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
	    "CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, v INTEGER);"
	    "INSERT OR IGNORE INTO t VALUES (1, 0);", NULL, NULL,
	    NULL) != SQLITE_OK)
		fatal("bare database: %s", sqlite3_errmsg(h));
	t0 = now_us();
	end = t0 + (int64_t)b->seconds * 1000000;
	while (now_us() < end) {
		if (sqlite3_exec(h, "BEGIN IMMEDIATE; UPDATE t SET v = v + 1 "
		    "WHERE id = 1; COMMIT;", NULL, NULL, NULL) != SQLITE_OK)
			fatal("bare update: %s", sqlite3_errmsg(h));
		n++;
	}
	sqlite3_close(h);
	free(path);
	return (double)n * 1e6 / (double)(now_us() - t0);
}

/* Pages one wallet operation appends to the WAL. */
static double
pages_per_op(const struct bench *b)
{
	struct wallet_op op;
	struct db_stmt *st;
	struct mctx ctx;
	char key[32];
	int64_t frames = 0;
	int i;

	bench_ctx(b, &ctx, "cli:pages");
	if (db_exec(ctx.db, "PRAGMA wal_autocheckpoint=0") != 0 ||
	    db_exec(ctx.db, "PRAGMA wal_checkpoint(TRUNCATE)") != 0)
		fatal("checkpoint failed");
	memset(&op, 0, sizeof op);
	op.customer_id = 1;
	op.amount = 1;
	op.key = key;
	for (i = 0; i < 100; i++) {
		snprintf(key, sizeof key, "pages-%d", i);
		if (wallet_charge(&ctx, &op, NULL) != 0)
			fatal("wallet_charge failed");
	}
	if (db_stmt(ctx.db, "PRAGMA wal_checkpoint(PASSIVE)", &st) == 0 &&
	    db_step(st) == DB_ROW)
		frames = db_col_int(st, 1);
	db_done(st);
	bench_close(&ctx);
	return frames / 100.0;
}

/* Other work on the machine skews the figures: say how much there was. */
static void
print_load(void)
{
	char buf[64] = "";
	FILE *f;

	if ((f = fopen("/proc/loadavg", "r")) != NULL) {
		if (fgets(buf, sizeof buf, f) == NULL)
			buf[0] = '\0';
		fclose(f);
	}
	buf[strcspn(buf, "\n")] = '\0';
	printf("load average: %s (%ld CPUs)\n", buf,
	    sysconf(_SC_NPROCESSORS_ONLN));
}

static int
cmpd(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double
median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, cmpd);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* The summary line of n writers over every round. */
static void
summary(const char *what, struct result *r, double ratio)
{
	int64_t n = r->nlat;

	qsort(r->lat, (size_t)n, sizeof *r->lat, cmp64);
	printf("%-18s median %5.1f%% of the limit; p50 %.2f ms, p99 %.2f ms, "
	    "max %.2f ms; longest queue wait %.2f ms; %lld ops, %lld "
	    "failed\n", what, 100.0 * ratio,
	    n > 0 ? r->lat[n / 2] / 1000.0 : 0,
	    n > 0 ? r->lat[n * 99 / 100] / 1000.0 : 0,
	    n > 0 ? r->lat[n - 1] / 1000.0 : 0, r->max_wait / 1000.0,
	    (long long)n, (long long)r->fails);
	printf("%-18s %lld commits, %lld rolled back, turns of %.3f ms; "
	    "waited %lld times, mean %.2f ms; %lld checkpoints of %.0f "
	    "frames, mean %.2f ms\n",
	    "", (long long)r->ws.commits, (long long)r->ws.rollbacks,
	    r->ws.commits + r->ws.rollbacks > 0 ? r->ws.hold_us / 1000.0 /
	    (double)(r->ws.commits + r->ws.rollbacks) : 0,
	    (long long)r->ws.waits, r->ws.waits > 0 ?
	    r->ws.wait_us / 1000.0 / (double)r->ws.waits : 0,
	    (long long)r->ws.checkpoints, r->ws.checkpoints > 0 ?
	    (double)r->ws.checkpoint_frames / (double)r->ws.checkpoints : 0,
	    r->ws.checkpoints > 0 ? r->ws.checkpoint_us / 1000.0 /
	    (double)r->ws.checkpoints : 0);
}

int
main(void)
{
	struct bench b;
	struct result one, eight;
	const char *base = getenv("BENCH_DIR"), *s;
	double bare[3], r1[16], r8[16], m1, m8;
	int64_t p99;
	char *cmd;
	int rounds, i, ok;

	if (base == NULL || *base == '\0')
		base = getenv("BUILD");
	if (base == NULL || *base == '\0')
		base = ".";
	memset(&b, 0, sizeof b);
	b.seconds = (s = getenv("BENCH_SECONDS")) != NULL && atoi(s) > 0 ?
	    atoi(s) : 1;
	rounds = (s = getenv("BENCH_ROUNDS")) != NULL && atoi(s) > 0 ?
	    atoi(s) : 3;
	if (rounds > 16)
		rounds = 16;
	xasprintf(&b.dir, "%s/bench-wallet.XXXXXX", base);
	if (mkdtemp(b.dir) == NULL)
		fatal("mkdtemp %s", b.dir);
	xasprintf(&b.db_path, "%s/cafe.db", b.dir);
	xasprintf(&b.key_path, "%s/cafe.db.key", b.dir);
	bench_setup(&b);
	printf("wallet bench in %s: %d rounds of %d s per phase, WAL, "
	    "synchronous=FULL\n", b.dir, rounds, b.seconds);
	print_load();
	printf("WAL pages per commit: wallet charge %.1f, bare UPDATE 1\n",
	    pages_per_op(&b));
	printf("round  bare UPDATE commits/s (before, between, after)  "
	    "1 writer ops/s  8 writers ops/s\n");
	memset(&one, 0, sizeof one);
	memset(&eight, 0, sizeof eight);
	for (i = 0; i < rounds; i++) {
		/* Each writer phase is bracketed by the disk's limit. */
		b.round = i;
		bare[0] = bare_update_rate(&b);
		run_writers(&b, 1, &one);
		bare[1] = bare_update_rate(&b);
		run_writers(&b, 8, &eight);
		bare[2] = bare_update_rate(&b);
		r1[i] = one.ops_per_s / ((bare[0] + bare[1]) / 2);
		r8[i] = eight.ops_per_s / ((bare[1] + bare[2]) / 2);
		printf("%5d  %8.0f %8.0f %8.0f %26.0f (%3.0f%%)  "
		    "%7.0f (%3.0f%%)\n", i + 1, bare[0], bare[1], bare[2],
		    one.ops_per_s, 100 * r1[i], eight.ops_per_s, 100 * r8[i]);
	}
	m1 = median(r1, rounds);
	m8 = median(r8, rounds);
	summary("1 writer:", &one, m1);
	summary("8 writers:", &eight, m8);
	p99 = eight.nlat > 0 ? eight.lat[eight.nlat * 99 / 100] : 0;
	ok = eight.fails == 0 && one.fails == 0 && m8 >= 0.75 &&
	    p99 < 20000;
	print_load();
	printf("targets (8 writers >= 75%% of the limit, p99 < 20 ms, no "
	    "failures): %s\n", ok ? "met" : "NOT met");
	free(one.lat);
	free(eight.lat);
	xasprintf(&cmd, "rm -rf '%s'", b.dir);
	if (system(cmd) != 0)
		fprintf(stderr, "bench_wallet: could not remove %s\n", b.dir);
	free(cmd);
	return 0;
}
