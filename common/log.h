/*
 * log.h -- one line per event, in the form journald understands.
 *
 * "<N>2026-11-22T18:00:00Z level event key=value ..." where <N> is the
 * syslog priority. Values are sanitized of control characters. Never log
 * a password, a code, a secret or a key.
 */
#ifndef CAFED_LOG_H
#define CAFED_LOG_H

enum log_level {
	LOG_LVL_ERR = 3,
	LOG_LVL_WARN = 4,
	LOG_LVL_NOTICE = 5,
	LOG_LVL_INFO = 6,
	LOG_LVL_DEBUG = 7
};

/* Write to fd from now on (default 2); -1 silences the log. */
void	log_set_fd(int fd);

/* Lowest priority written (default LOG_LVL_INFO). */
void	log_set_level(enum log_level);

/*
 * Log an event. fmt formats the rest of the line, usually "key=value"
 * pairs; the result is sanitized before it is written.
 */
void	log_event(enum log_level, const char *event, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));

#endif
