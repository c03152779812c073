/*
 * log.c -- the log sink: journald-style priority prefixes on stderr.
 */
#include "common/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "common/clock.h"
#include "common/str.h"

static int		log_fd = 2;
static enum log_level	log_min = LOG_LVL_INFO;

void
log_set_fd(int fd)
{
	log_fd = fd;
}

void
log_set_level(enum log_level lvl)
{
	log_min = lvl;
}

static const char *
log_level_name(enum log_level lvl)
{
	switch (lvl) {
	case LOG_LVL_ERR:
		return "error";
	case LOG_LVL_WARN:
		return "warning";
	case LOG_LVL_NOTICE:
		return "notice";
	case LOG_LVL_INFO:
		return "info";
	default:
		return "debug";
	}
}

void
log_event(enum log_level lvl, const char *event, const char *fmt, ...)
{
	char raw[1024], clean[1024], line[1200], ts[32];
	va_list ap;
	ssize_t w;
	size_t off, len;
	int n;

	if (log_fd < 0 || lvl > log_min)
		return;
	va_start(ap, fmt);
	vsnprintf(raw, sizeof raw, fmt, ap);
	va_end(ap);
	str_sanitize(clean, sizeof clean, raw);
	clock_fmt_utc(ts, sizeof ts, clock_real());
	n = snprintf(line, sizeof line, "<%d>%s %s %s%s%s\n", (int)lvl, ts,
	    log_level_name(lvl), event, clean[0] != '\0' ? " " : "", clean);
	if (n < 0)
		return;
	len = (size_t)n < sizeof line ? (size_t)n : sizeof line - 1;
	if (line[len - 1] != '\n')
		line[len - 1] = '\n';
	for (off = 0; off < len; off += (size_t)w)
		if ((w = write(log_fd, line + off, len - off)) <= 0)
			return;
}
