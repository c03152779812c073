/*
 * app.c -- state kept per screen, refusals in the status line, times in
 * the café's zone.
 */
#include "screens/app.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/clock.h"
#include "common/err.h"
#include "common/xmalloc.h"
#include "model/money.h"
#include "tui/theme.h"

struct scr_state {
	struct scr_state	*next;
	const void		*key;
	void			(*release)(void *);
	void			*data;
};

void *
scr_app_state(struct scr_app *app, const void *key, size_t size,
    void (*release)(void *))
{
	struct scr_state *s;

	for (s = app->states; s != NULL; s = s->next)
		if (s->key == key)
			return s->data;
	s = xcalloc(1, sizeof(*s));
	s->key = key;
	s->release = release;
	s->data = xcalloc(1, size > 0 ? size : 1);
	s->next = app->states;
	app->states = s;
	return s->data;
}

void
scr_app_free(struct scr_app *app)
{
	struct scr_state *s, *next;

	for (s = app->states; s != NULL; s = next) {
		next = s->next;
		if (s->release != NULL)
			s->release(s->data);
		free(s->data);
		free(s);
	}
	app->states = NULL;
	if (app->zone_set) {
		if (app->had_tz)
			setenv("TZ", app->old_tz, 1);
		else
			unsetenv("TZ");
		tzset();
		free(app->old_tz);
		app->old_tz = NULL;
		app->zone_set = 0;
	}
}

void
scr_app_zone(struct scr_app *app)
{
	const char *cur = getenv("TZ");

	if (!app->zone_set) {
		app->had_tz = cur != NULL;
		app->old_tz = cur != NULL ? xstrdup(cur) : NULL;
		app->zone_set = 1;
	}
	if (cur != NULL && strcmp(cur, app->cafe.timezone) == 0)
		return;
	setenv("TZ", app->cafe.timezone, 1);
	tzset();
}

void
scr_app_refused(struct tui *t, int rc, const char *why)
{
	if (why != NULL && why[0] != '\0')
		tui_status(t, TUI_ERROR, "%s: %s", err_str(rc), why);
	else
		tui_status(t, TUI_ERROR, "%s", err_str(rc));
}

const char *
scr_app_check_amount(const struct scr_app *app, const char *value, char *msg,
    size_t size)
{
	const char *why = NULL;
	int64_t v;

	if (money_parse(value, app->cafe.decimals, &v, &why) == 0)
		return NULL;
	snprintf(msg, size, "%s", why != NULL ? why : "not an amount");
	return msg;
}

int64_t
scr_app_amount(const struct scr_app *app, const char *value, int64_t dflt)
{
	int64_t v = dflt;

	if (*value != '\0')
		money_parse(value, app->cafe.decimals, &v, NULL);
	return v;
}

char *
scr_app_time(const struct scr_app *app, int64_t t, const char *fmt,
    char *buf, size_t size)
{
	const char *cur = getenv("TZ");

	/* Already the process's zone (scr_app_zone): no switch needed. */
	if (cur != NULL && strcmp(cur, app->cafe.timezone) == 0)
		return clock_fmt_local(buf, size, t, NULL, fmt);
	return clock_fmt_local(buf, size, t, app->cafe.timezone, fmt);
}

int
scr_app_date(const struct scr_app *app, const char *date, int days,
    int64_t *out)
{
	struct tm tm;
	int64_t t;

	if (strlen(date) != 10 ||
	    clock_parse_iso(date, app->cafe.timezone, &t) != 0)
		return ERR_INVALID;
	if (days == 0) {
		*out = t;
		return 0;
	}
	/* Calendar days, not 86400 s: a day may be 23 or 25 hours long. */
	clock_local_tm(t, app->cafe.timezone, &tm);
	tm.tm_mday += days;
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	*out = clock_mktime_tz(&tm, app->cafe.timezone);
	return 0;
}

char *
scr_app_ago(int64_t t, char *buf, size_t size)
{
	int64_t d = clock_now() - t;

	if (d < 60)
		snprintf(buf, size, "now");
	else if (d < 3600)
		snprintf(buf, size, "%lld min ago", (long long)(d / 60));
	else if (d < 86400 * 2)
		snprintf(buf, size, "%lld h ago", (long long)(d / 3600));
	else
		snprintf(buf, size, "%lld d ago", (long long)(d / 86400));
	return buf;
}
