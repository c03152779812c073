/*
 * bench_floor.c -- the floor under load: 200 stations with 200 running
 * member sessions (a happy hour and a night rule in force, Europe/Berlin),
 * timed as the listener's expiry check (none due, then 20 due and
 * stopped through the ledger), as the floor view a stations screen
 * loads (seat_list: cost and time left of every session), and as the
 * stations screen itself: load and draw into a 200x50 terminal (the
 * grid) and an 80x24 one (the table), output to /dev/null.
 */
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
#include "model/ledger.h"
#include "model/perm.h"
#include "model/seat.h"
#include "model/settings.h"
#include "model/station.h"
#include "screens/app.h"
#include "screens/stations.h"
#include "tui/tui.h"

#define NSEATS	200
#define ROUNDS	20

static void
check(int r, const char *what)
{
	if (r != 0) {
		fprintf(stderr, "bench_floor: %s: %s\n", what, err_str(r));
		exit(1);
	}
}

static int
init_tx(struct db *db, void *arg)
{
	(void)db;
	return settings_init(arg, "Bench", "EUR", "Europe/Berlin");
}

/* Zones, rules and NSEATS stations. */
static void
setup_floor(struct mctx *ctx)
{
	struct zone_new std = { "Standard", 300, 400, 100 };
	struct zone_new vip = { "VIP", 600, 750, 200 };
	struct pricing_rule hh = { 0, 0x1f, 14 * 60, 17 * 60, 200, 250 };
	struct pricing_rule night = { 0, PRICING_ALL_DAYS, 22 * 60, 6 * 60,
	    150, 200 };
	char name[16];
	int i;

	check(station_zone_add(ctx, &std, NULL, NULL), "zone");
	check(station_zone_add(ctx, &vip, NULL, NULL), "zone");
	check(station_rule_add(ctx, "Standard", "happy hour", &hh, NULL,
	    NULL), "rule");
	check(station_rule_add(ctx, NULL, "night", &night, NULL, NULL),
	    "rule");
	for (i = 0; i < NSEATS; i++) {
		snprintf(name, sizeof name, "PC-%03d", i + 1);
		check(station_add(ctx, name, i % 4 == 0 ? "VIP" : "Standard",
		    NULL, NULL, NULL), "station");
	}
}

/* A member with a wallet of `balance`, playing on station i. */
static void
setup_member(struct mctx *ctx, int i, int64_t balance)
{
	struct customer_new cn = { "Player", NULL, NULL, NULL };
	struct ledger_leg legs[2];
	struct ledger_post lp;
	char key[33], name[16], upd[160];
	int64_t id, sid;

	check(customer_add(ctx, &cn, &id, NULL), "customer");
	legs[0] = (struct ledger_leg){ LEDGER_ADJUST, 0, balance };
	legs[1] = (struct ledger_leg){ LEDGER_WALLET, id, balance };
	memset(&lp, 0, sizeof lp);
	ledger_new_key(key);
	lp.key = key;
	lp.op = "bench.credit";
	lp.customer_id = id;
	lp.legs = legs;
	lp.nlegs = 2;
	check(ledger_post(ctx, &lp, NULL), "credit");
	snprintf(name, sizeof name, "PC-%03d", i + 1);
	check(seat_start(ctx, name, id, &sid, NULL), "start");
	/* Started 5 minutes to 5 hours ago; the short wallets 3 hours. */
	snprintf(upd, sizeof upd, "UPDATE seat_segments SET started_at = "
	    "started_at - %d WHERE session_id = %lld", balance < 1000 ?
	    3 * 3600 : 300 + i * 90, (long long)sid);
	check(db_exec(ctx->db, upd), "backdate");
}

struct setup_arg {
	struct mctx	*ctx;
	int		 due;
};

static int
setup_tx(struct db *db, void *argp)
{
	struct setup_arg *a = argp;
	int i;

	(void)db;
	setup_floor(a->ctx);
	for (i = 0; i < NSEATS; i++)
		setup_member(a->ctx, i, i < a->due ? 200 : 100000);
	return 0;
}

static int
cmp_ms(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static void
report(const char *what, double *ms, int n)
{
	qsort(ms, (size_t)n, sizeof *ms, cmp_ms);
	printf("%-44s median %7.2f ms  min %7.2f  max %7.2f  (%d runs)\n",
	    what, ms[n / 2], ms[0], ms[n - 1], n);
}

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Load and draw the stations screen at cols x rows, ROUNDS times. */
static void
bench_render(struct mctx *ctx, struct tui *t, int cols, int rows,
    const char *what)
{
	struct scr_app app;
	double ms[ROUNDS], t0;
	WINDOW *w;
	int i;

	memset(&app, 0, sizeof(app));
	app.ctx = ctx;
	check(settings_cafe(ctx->db, &app.cafe), "cafe");
	resizeterm(rows, cols);
	if ((w = newwin(rows - 4, cols, 2, 0)) == NULL)
		check(ERR_INTERNAL, "newwin");
	for (i = 0; i < ROUNDS; i++) {
		t0 = now_ms();
		check(scr_stations.load(t, &app), "load");
		werase(w);
		scr_stations.draw(t, w, &app);
		wnoutrefresh(w);
		doupdate();
		ms[i] = now_ms() - t0;
	}
	report(what, ms, ROUNDS);
	delwin(w);
	scr_app_free(&app);
}

static void
bench_screen(struct mctx *ctx)
{
	FILE *in = fopen("/dev/null", "r"), *out = fopen("/dev/null", "w");
	struct tui *t;

	if (in == NULL || out == NULL ||
	    (t = tui_open(in, out, "xterm-256color")) == NULL) {
		printf("stations screen: no terminal type to render with\n");
		return;
	}
	bench_render(ctx, t, 200, 50, "stations screen, grid 200x50");
	bench_render(ctx, t, 80, 24, "stations screen, table 80x24");
	tui_close(t);
	fclose(in);
	fclose(out);
}

static void
bench(struct mctx *ctx)
{
	struct seat_view *v;
	double ms[ROUNDS], t;
	size_t n;
	int i, ended;

	for (i = 0; i < ROUNDS; i++) {
		t = now_ms();
		check(seat_list(ctx, clock_now(), &v, &n), "seat_list");
		ms[i] = now_ms() - t;
		free(v);
	}
	report("floor view of 200 sessions (seat_list)", ms, ROUNDS);
	bench_screen(ctx);
	for (i = 0; i < ROUNDS; i++) {
		t = now_ms();
		check(seat_expire_due(ctx, clock_now(), 10, &ended), "expire");
		ms[i] = now_ms() - t;
		if (i == 0)
			printf("%-44s %d sessions ended\n", "first expiry "
			    "check (20 wallets used up):", ended);
	}
	report("expiry check, first run (20 stopped)", ms, 1);
	report("expiry check of 200 running, none due", ms + 1, ROUNDS - 1);
}

int
main(void)
{
	unsigned char raw[KEYS_LEN];
	struct setup_arg sa;
	struct mctx ctx;
	char dir[] = "/tmp/bench-floor.XXXXXX", path[64], lock[80];
	int i;

	for (i = 0; i < KEYS_LEN; i++)
		raw[i] = (unsigned char)(i * 13 + 7);
	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(path, sizeof path, "%s/cafe.db", dir);
	memset(&ctx, 0, sizeof ctx);
	ctx.keys = keys_from_bytes(raw);
	check(db_open(path, DB_OPEN_CREATE, &ctx.db), "open");
	check(db_migrate_apply(ctx.db, NULL), "migrate");
	snprintf(ctx.actor.name, sizeof ctx.actor.name, "system");
	ctx.actor.role = ROLE_ADMIN;
	check(db_write(ctx.db, init_tx, &ctx), "init");
	sa.ctx = &ctx;
	sa.due = 20;
	check(db_write(ctx.db, setup_tx, &sa), "setup");
	bench(&ctx);
	db_close(ctx.db);
	keys_free((struct keys *)ctx.keys);
	snprintf(lock, sizeof lock, "%s-wal", path);
	unlink(lock);
	snprintf(lock, sizeof lock, "%s-shm", path);
	unlink(lock);
	snprintf(lock, sizeof lock, "%s-writer", path);
	unlink(lock);
	unlink(path);
	rmdir(dir);
	return 0;
}
