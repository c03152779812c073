/*
 * clock.h -- the one clock of cafed.
 *
 * CAFED_NOW (ISO 8601, e.g. 2026-11-22T18:00:00Z) freezes the clock of
 * cafectl and cafed at that instant, for tests and demos. Audit rows
 * written under it also record the real time and are marked, so nothing
 * is backdated silently.
 */
#ifndef CAFED_CLOCK_H
#define CAFED_CLOCK_H

#include <stdint.h>
#include <time.h>

/* Seconds since the epoch, UTC: the frozen instant under CAFED_NOW. */
int64_t	clock_now(void);

/* The real time, whatever CAFED_NOW says. */
int64_t	clock_real(void);

/* 1 when CAFED_NOW is in force. */
int	clock_overridden(void);

/* Monotonic milliseconds, for timeouts and measurements. */
int64_t	clock_mono_ms(void);
int64_t	clock_mono_us(void);	/* the same in microseconds */

/*
 * Parse ISO 8601 "YYYY-MM-DDTHH:MM[:SS][Z|+HH:MM|-HH:MM]" (a space may
 * stand for T). Without a zone the time is local to the time zone tz
 * (an IANA name, NULL for the process's). Returns 0 or ERR_INVALID.
 */
int	clock_parse_iso(const char *s, const char *tz, int64_t *out);

/* Format t as "YYYY-MM-DDTHH:MM:SSZ" into buf (at least 21 bytes). */
char	*clock_fmt_utc(char *buf, size_t size, int64_t t);

/*
 * Format t in the time zone tz (NULL: the process's) with strftime's
 * fmt into buf. Returns buf.
 */
char	*clock_fmt_local(char *buf, size_t size, int64_t t, const char *tz,
	    const char *fmt);

/*
 * Break t down in time zone tz into tm (NULL tz: the process's zone).
 * Switches TZ temporarily; single-threaded use only.
 */
void	clock_local_tm(int64_t t, const char *tz, struct tm *tm);

/* Seconds since the epoch of the local time tm in zone tz (mktime). */
int64_t	clock_mktime_tz(struct tm *tm, const char *tz);

#endif
