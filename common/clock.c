/*
 * clock.c -- wall clock with the CAFED_NOW override, time zones, ISO 8601.
 */
#include "common/clock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "common/xmalloc.h"

static int	clock_loaded;
static int	clock_frozen;
static int64_t	clock_frozen_at;

static void
clock_load(void)
{
	const char *s;

	if (clock_loaded)
		return;
	clock_loaded = 1;
	s = getenv("CAFED_NOW");
	if (s == NULL || *s == '\0')
		return;
	if (clock_parse_iso(s, "UTC", &clock_frozen_at) != 0)
		fatal("CAFED_NOW: not an ISO 8601 time: %s", s);
	clock_frozen = 1;
}

int64_t
clock_real(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec;
}

int64_t
clock_now(void)
{
	clock_load();
	return clock_frozen ? clock_frozen_at : clock_real();
}

int
clock_overridden(void)
{
	clock_load();
	return clock_frozen;
}

int64_t
clock_mono_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

int64_t
clock_mono_ms(void)
{
	return clock_mono_us() / 1000;
}

/* Run with TZ set to tz (NULL: unchanged), restoring it afterwards. */
struct tzsave {
	char	*old;
	int	 had;
	int	 changed;
};

static void
tz_push(struct tzsave *sv, const char *tz)
{
	const char *old;

	sv->changed = 0;
	if (tz == NULL)
		return;
	old = getenv("TZ");
	sv->had = old != NULL;
	sv->old = old != NULL ? xstrdup(old) : NULL;
	setenv("TZ", tz, 1);
	tzset();
	sv->changed = 1;
}

static void
tz_pop(struct tzsave *sv)
{
	if (!sv->changed)
		return;
	if (sv->had)
		setenv("TZ", sv->old, 1);
	else
		unsetenv("TZ");
	tzset();
	free(sv->old);
}

void
clock_local_tm(int64_t t, const char *tz, struct tm *tm)
{
	struct tzsave sv;
	time_t tt = (time_t)t;

	tz_push(&sv, tz);
	localtime_r(&tt, tm);
	tz_pop(&sv);
}

int64_t
clock_mktime_tz(struct tm *tm, const char *tz)
{
	struct tzsave sv;
	time_t t;

	tz_push(&sv, tz);
	t = mktime(tm);
	tz_pop(&sv);
	return (int64_t)t;
}

char *
clock_fmt_utc(char *buf, size_t size, int64_t t)
{
	struct tm tm;
	time_t tt = (time_t)t;

	gmtime_r(&tt, &tm);
	strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return buf;
}

char *
clock_fmt_local(char *buf, size_t size, int64_t t, const char *tz,
    const char *fmt)
{
	struct tm tm;

	clock_local_tm(t, tz, &tm);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	if (strftime(buf, size, fmt, &tm) == 0 && size > 0)
		buf[0] = '\0';
#pragma GCC diagnostic pop
	return buf;
}

/* Read exactly n digits from *sp into *out. */
static int
digits(const char **sp, int n, int *out)
{
	const char *s = *sp;
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*sp = s + n;
	*out = v;
	return 0;
}

int
clock_parse_iso(const char *s, const char *tz, int64_t *out)
{
	struct tm tm;
	int y, mo, d, h, mi, sec = 0, oh, om, sign = 0, zoned = 0;
	int64_t t;
	time_t tt;

	memset(&tm, 0, sizeof tm);
	if (digits(&s, 4, &y) || *s++ != '-' || digits(&s, 2, &mo) ||
	    *s++ != '-' || digits(&s, 2, &d))
		return ERR_INVALID;
	if (*s == '\0') {
		h = mi = 0;
	} else {
		if (*s != 'T' && *s != ' ')
			return ERR_INVALID;
		s++;
		if (digits(&s, 2, &h) || *s++ != ':' || digits(&s, 2, &mi))
			return ERR_INVALID;
		if (*s == ':' && (s++, digits(&s, 2, &sec)))
			return ERR_INVALID;
	}
	if (*s == 'Z') {
		zoned = 1;
		oh = om = 0;
		s++;
	} else if (*s == '+' || *s == '-') {
		sign = *s++ == '-' ? -1 : 1;
		if (digits(&s, 2, &oh))
			return ERR_INVALID;
		if (*s == ':')
			s++;
		if (digits(&s, 2, &om))
			return ERR_INVALID;
		zoned = 1;
	}
	if (*s != '\0' || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 ||
	    mi > 59 || sec > 60)
		return ERR_INVALID;
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	if (zoned) {
		tt = timegm(&tm);
		if (tm.tm_mday != d)
			return ERR_INVALID;	/* 31 February and the like */
		t = (int64_t)tt;
		if (sign != 0)
			t -= (int64_t)sign * (oh * 3600 + om * 60);
	} else {
		tm.tm_isdst = -1;
		t = clock_mktime_tz(&tm, tz);
		if (tm.tm_mday != d && tm.tm_hour == h)
			return ERR_INVALID;
	}
	*out = t;
	return 0;
}
