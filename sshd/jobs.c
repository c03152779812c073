/*
 * jobs.c -- the listener's periodic jobs.
 */
#include "sshd/jobs.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "common/clock.h"
#include "common/err.h"
#include "common/log.h"
#include "common/str.h"
#include "db/db.h"
#include "model/audit.h"
#include "model/ctx.h"
#include "model/login.h"
#include "model/loyalty.h"
#include "model/reservation.h"
#include "model/seat.h"
#include "model/throttle.h"
#include "sshd/config.h"

/* End live logins whose session process is gone (a crash, a kill -9). */
static void
jobs_lost_logins(struct mctx *ctx)
{
	struct login_info *v = NULL;
	size_t i, n = 0;
	int r;

	if ((r = login_list(ctx->db, &v, &n)) != 0) {
		log_event(LOG_LVL_ERR, "job.error", "job=lost-logins "
		    "error=\"%s\"", err_str(r));
		return;
	}
	for (i = 0; i < n; i++) {
		if (v[i].pid <= 0 || kill((pid_t)v[i].pid, 0) == 0 ||
		    errno != ESRCH)
			continue;
		if (login_end(ctx, v[i].id, "lost") == 0)
			log_event(LOG_LVL_NOTICE, "login.end", "user=%s "
			    "addr=%s login=%lld reason=lost", v[i].user,
			    v[i].source, (long long)v[i].id);
	}
	free(v);
}

static void
jobs_disabled(struct mctx *ctx)
{
	int n = 0, r;

	if ((r = login_end_disabled(ctx, &n)) != 0)
		log_event(LOG_LVL_ERR, "job.error", "job=disabled "
		    "error=\"%s\"", err_str(r));
	else if (n > 0)
		log_event(LOG_LVL_NOTICE, "login.end-disabled", "logins=%d",
		    n);
}

static void
jobs_unlocks(struct mctx *ctx)
{
	int n = 0, r;

	if ((r = throttle_unlock_due(ctx, clock_now(), &n)) != 0)
		log_event(LOG_LVL_ERR, "job.error", "job=unlock "
		    "error=\"%s\"", err_str(r));
	else if (n > 0)
		log_event(LOG_LVL_NOTICE, "auth.unlock", "locks=%d", n);
}

/*
 * The floor and the loyalty scheme: member sessions whose wallet runs
 * out before the next run (every 5 s, so 10 s ahead), bookings past
 * their grace, points past their expiry.
 */
static void
jobs_floor(struct mctx *ctx)
{
	int64_t points = 0, value = 0;
	int n = 0, r;

	if ((r = seat_expire_due(ctx, clock_now(), 10, &n)) != 0)
		log_event(LOG_LVL_ERR, "job.error", "job=seat-expire "
		    "error=\"%s\"", err_str(r));
	if (n > 0)
		log_event(LOG_LVL_NOTICE, "seat.expire", "sessions=%d", n);
	n = 0;
	if ((r = reservation_release_due(ctx, clock_now(), &n)) != 0)
		log_event(LOG_LVL_ERR, "job.error", "job=noshow "
		    "error=\"%s\"", err_str(r));
	else if (n > 0)
		log_event(LOG_LVL_NOTICE, "reservation.noshow", "bookings=%d",
		    n);
	if ((r = loyalty_expire(ctx, &points, &value)) != 0)
		log_event(LOG_LVL_ERR, "job.error", "job=loyalty-expire "
		    "error=\"%s\"", err_str(r));
	else if (points > 0)
		log_event(LOG_LVL_NOTICE, "loyalty.expire", "points=%lld "
		    "value=%lld", (long long)points, (long long)value);
}

void
sshd_jobs_run(const struct sshd_config *cfg, const struct keys *keys,
    int prune)
{
	struct mctx ctx;
	int r;

	memset(&ctx, 0, sizeof ctx);
	if ((r = db_open(cfg->db_path, 0, &ctx.db)) != 0) {
		log_event(LOG_LVL_ERR, "job.error", "job=open error=\"%s\"",
		    err_str(r));
		return;
	}
	ctx.keys = keys;
	str_lcpy(ctx.actor.name, "system", sizeof ctx.actor.name);
	jobs_disabled(&ctx);
	jobs_lost_logins(&ctx);
	jobs_unlocks(&ctx);
	jobs_floor(&ctx);
	if ((r = audit_fts_sync(ctx.db)) != 0)
		log_event(LOG_LVL_ERR, "job.error", "job=audit-index "
		    "error=\"%s\"", err_str(r));
	if (prune && (r = throttle_prune(&ctx, &cfg->throttle,
	    clock_now())) != 0)
		log_event(LOG_LVL_ERR, "job.error", "job=prune error=\"%s\"",
		    err_str(r));
	db_close(ctx.db);
}
