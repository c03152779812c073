/*
 * config.c -- the keywords of cafed.conf, their defaults and checks,
 * read with inih.
 */
#include "sshd/config.h"

#include <sys/socket.h>
#include <arpa/inet.h>

#include <errno.h>
#include <ini.h>
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/err.h"
#include "common/log.h"
#include "common/str.h"
#include "common/xmalloc.h"
#include "sshd/cidr.h"

enum ctype {
	C_PATH,		/* a file name */
	C_ADDR,		/* a numeric IPv4 or IPv6 address */
	C_INT,		/* an integer within [min, max] */
	C_SEC,		/* a duration in whole seconds: 90, 90s, 5m, 1h, 1d */
	C_MSEC,		/* a duration in milliseconds: 500ms, 2s */
	C_LEVEL,	/* a log level */
	C_CIDR		/* a list of networks */
};

#define OFF(f)	offsetof(struct sshd_config, f)
#define NOFF	((size_t)-1)

struct ckey {
	const char	*name;
	enum ctype	 type;
	size_t		 off[3];	/* int fields set; NOFF unused */
	int64_t		 min, max;
};

#define DAY	86400
#define MS_DAY	(DAY * INT64_C(1000))

static const struct ckey ckeys[] = {
	{ "db", C_PATH, { OFF(db_path), NOFF, NOFF }, 0, 0 },
	{ "key", C_PATH, { OFF(key_path), NOFF, NOFF }, 0, 0 },
	{ "host_key", C_PATH, { OFF(host_key_path), NOFF, NOFF }, 0, 0 },
	{ "listen", C_ADDR, { OFF(listen), NOFF, NOFF }, 0, 0 },
	{ "port", C_INT, { OFF(port), NOFF, NOFF }, 1, 65535 },
	{ "max_startups", C_INT, { OFF(max_startups), NOFF, NOFF }, 1, 1000 },
	{ "max_pending", C_INT, { OFF(max_pending), NOFF, NOFF }, 0, 10000 },
	{ "max_pending_per_source", C_INT,
	    { OFF(max_pending_per_source), NOFF, NOFF }, 1, 10000 },
	{ "login_grace_time", C_SEC, { OFF(login_grace_time), NOFF, NOFF },
	    5, 3600 },
	{ "idle_timeout", C_SEC, { OFF(idle_timeout), NOFF, NOFF }, 0, DAY },
	{ "auth_fail_delay", C_MSEC, { OFF(auth_fail_delay_ms), NOFF, NOFF },
	    0, 60000 },
	{ "auth_max_tries", C_INT, { OFF(auth_max_tries), NOFF, NOFF }, 1, 10 },
	{ "argon2_slots", C_INT, { OFF(argon2_slots), NOFF, NOFF }, 0, 256 },
	{ "shutdown_grace", C_SEC, { OFF(shutdown_grace), NOFF, NOFF }, 1, 60 },
	{ "log_level", C_LEVEL, { OFF(log_level), NOFF, NOFF }, 0, 0 },
	{ "admin_allow", C_CIDR, { OFF(admin_allow_text), NOFF, NOFF }, 0, 0 },
	{ "slowdown_after", C_INT, { OFF(throttle.pair.free), NOFF, NOFF },
	    0, 1000 },
	{ "slowdown_delay", C_MSEC, { OFF(throttle.pair.delay_ms),
	    OFF(throttle.account.delay_ms), OFF(throttle.addr.delay_ms) },
	    0, 60000 },
	{ "slowdown_delay_max", C_MSEC, { OFF(throttle.pair.delay_max_ms),
	    OFF(throttle.addr.delay_max_ms), NOFF }, 0, 60000 },
	{ "lockout_failures", C_INT, { OFF(throttle.pair.lock_after), NOFF,
	    NOFF }, 0, 1000 },
	{ "lockout_time", C_SEC, { OFF(throttle.pair.lock_s), NOFF, NOFF },
	    1, 30 * DAY },
	{ "lockout_time_max", C_SEC, { OFF(throttle.pair.lock_max_s),
	    OFF(throttle.addr.lock_max_s), NOFF }, 1, 30 * DAY },
	{ "account_slowdown_after", C_INT, { OFF(throttle.account.free),
	    NOFF, NOFF }, 0, 10000 },
	{ "account_delay_max", C_MSEC, { OFF(throttle.account.delay_max_ms),
	    NOFF, NOFF }, 0, 60000 },
	{ "address_slowdown_after", C_INT, { OFF(throttle.addr.free), NOFF,
	    NOFF }, 0, 10000 },
	{ "address_lockout_failures", C_INT, { OFF(throttle.addr.lock_after),
	    NOFF, NOFF }, 0, 10000 },
	{ "address_lockout_time", C_SEC, { OFF(throttle.addr.lock_s), NOFF,
	    NOFF }, 1, 30 * DAY },
	{ "failure_window", C_SEC, { OFF(throttle.pair.window_s),
	    OFF(throttle.account.window_s), OFF(throttle.addr.window_s) },
	    1, 30 * DAY },
	{ "lockout_forget", C_SEC, { OFF(throttle.pair.forget_s),
	    OFF(throttle.account.forget_s), OFF(throttle.addr.forget_s) },
	    1, 365 * DAY },
};
#define NCKEYS	(sizeof ckeys / sizeof ckeys[0])

static const char *const levels[] = {
	"error", "warning", "notice", "info", "debug"
};

struct sshd_config *
sshd_config_new(void)
{
	struct sshd_config *c = xcalloc(1, sizeof *c);

	c->listen = xstrdup("127.0.0.1");
	c->port = 2222;
	c->max_startups = 10;
	c->max_pending = 100;
	c->max_pending_per_source = 10;
	c->login_grace_time = 60;
	c->idle_timeout = 15 * 60;
	c->auth_fail_delay_ms = 2000;
	c->auth_max_tries = 3;
	c->shutdown_grace = 5;
	c->log_level = LOG_LVL_INFO;
	throttle_policy_default(&c->throttle);
	return c;
}

void
sshd_config_free(struct sshd_config *c)
{
	if (c == NULL)
		return;
	free(c->db_path);
	free(c->key_path);
	free(c->host_key_path);
	free(c->listen);
	free(c->admin_allow_text);
	free(c->admin_allow);
	free(c);
}

static const struct ckey *
ckey_find(const char *name)
{
	size_t i;

	for (i = 0; i < NCKEYS; i++)
		if (strcmp(ckeys[i].name, name) == 0)
			return &ckeys[i];
	return NULL;
}

/* Parse a non-negative number with an optional unit into ms. */
static int
parse_duration_ms(const char *v, int64_t *ms)
{
	static const struct {
		const char	*unit;
		int64_t		 mult;
	} units[] = {
		{ "", 1000 }, { "ms", 1 }, { "s", 1000 }, { "m", 60000 },
		{ "h", 3600000 }, { "d", MS_DAY }
	};
	char *end;
	long long n;
	size_t i;

	if (*v < '0' || *v > '9')
		return ERR_INVALID;
	errno = 0;
	n = strtoll(v, &end, 10);
	if (errno != 0 || n > INT64_C(1) << 40)
		return ERR_INVALID;
	for (i = 0; i < sizeof units / sizeof units[0]; i++) {
		if (strcmp(end, units[i].unit) == 0) {
			*ms = n * units[i].mult;
			return 0;
		}
	}
	return ERR_INVALID;
}

/* Parse v for key k into *out (an int value). */
static int
parse_number(const struct ckey *k, const char *v, int64_t *out, char *why,
    size_t whysize)
{
	char *end;
	long long n;
	int64_t ms;

	if (k->type == C_INT) {
		errno = 0;
		n = strtoll(v, &end, 10);
		if (*v == '\0' || *end != '\0' || errno != 0) {
			snprintf(why, whysize, "'%s' is not a number", v);
			return ERR_INVALID;
		}
		*out = n;
	} else {
		if (parse_duration_ms(v, &ms) != 0) {
			snprintf(why, whysize, "'%s' is not a duration (such "
			    "as 30s, 5m, 1h%s)", v, k->type == C_MSEC ?
			    ", 500ms" : "");
			return ERR_INVALID;
		}
		if (k->type == C_SEC && ms % 1000 != 0) {
			snprintf(why, whysize, "'%s' is not whole seconds", v);
			return ERR_INVALID;
		}
		*out = k->type == C_SEC ? ms / 1000 : ms;
	}
	if (*out < k->min || *out > k->max) {
		snprintf(why, whysize, "'%s' is out of range (%lld to %lld%s)",
		    v, (long long)k->min, (long long)k->max,
		    k->type == C_SEC ? " seconds" : k->type == C_MSEC ?
		    " milliseconds" : "");
		return ERR_INVALID;
	}
	return 0;
}

/* Store a string value into the char * field of k. */
static void
set_string(struct sshd_config *c, const struct ckey *k, const char *v)
{
	char **field = (char **)(void *)((char *)c + k->off[0]);

	free(*field);
	*field = xstrdup(v);
}

static int
set_special(struct sshd_config *c, const struct ckey *k, const char *v,
    char *why, size_t whysize)
{
	unsigned char buf[16];
	struct sshd_cidr *list;
	size_t i, n;

	switch (k->type) {
	case C_ADDR:
		if (inet_pton(AF_INET, v, buf) != 1 &&
		    inet_pton(AF_INET6, v, buf) != 1) {
			snprintf(why, whysize, "'%s' is not a numeric IPv4 "
			    "or IPv6 address", v);
			return ERR_INVALID;
		}
		break;
	case C_LEVEL:
		for (i = 0; i < 5; i++)
			if (strcmp(v, levels[i]) == 0)
				break;
		if (i == 5) {
			snprintf(why, whysize, "'%s' is not one of error, "
			    "warning, notice, info, debug", v);
			return ERR_INVALID;
		}
		c->log_level = LOG_LVL_ERR + (int)i;
		return 0;
	case C_CIDR:
		if (sshd_cidr_parse_list(v, &list, &n, why, whysize) != 0)
			return ERR_INVALID;
		free(c->admin_allow);
		c->admin_allow = list;
		c->nadmin_allow = n;
		break;
	default:
		if (*v == '\0') {
			snprintf(why, whysize, "an empty file name");
			return ERR_INVALID;
		}
		break;
	}
	set_string(c, k, v);
	return 0;
}

int
sshd_config_set(struct sshd_config *c, const char *key, const char *value,
    char *why, size_t whysize)
{
	const struct ckey *k;
	int64_t n;
	int i, r;

	if ((k = ckey_find(key)) == NULL) {
		snprintf(why, whysize, "unknown keyword '%s'", key);
		return ERR_NOTFOUND;
	}
	if (str_has_control(value)) {
		snprintf(why, whysize, "%s: control characters in the value",
		    key);
		return ERR_INVALID;
	}
	if (k->type != C_INT && k->type != C_SEC && k->type != C_MSEC) {
		r = set_special(c, k, value, why, whysize);
	} else if ((r = parse_number(k, value, &n, why, whysize)) == 0) {
		for (i = 0; i < 3 && k->off[i] != NOFF; i++)
			*(int *)(void *)((char *)c + k->off[i]) = (int)n;
	}
	if (r != 0) {
		char tmp[256];

		snprintf(tmp, sizeof tmp, "%s: %s", key, why);
		str_lcpy(why, tmp, whysize);
	}
	return r;
}

struct load_state {
	struct sshd_config	*c;
	char			 why[256];
	unsigned char		 seen[NCKEYS];
};

static int
load_handler(void *user, const char *section, const char *name,
    const char *value)
{
	struct load_state *ls = user;
	const struct ckey *k;

	if (ls->why[0] != '\0')
		return 0;
	if (*section != '\0') {
		snprintf(ls->why, sizeof ls->why, "sections such as [%s] are "
		    "not used", section);
		return 0;
	}
	if ((k = ckey_find(name)) != NULL) {
		if (ls->seen[k - ckeys]) {
			snprintf(ls->why, sizeof ls->why, "%s: given twice",
			    name);
			return 0;
		}
		ls->seen[k - ckeys] = 1;
	}
	return sshd_config_set(ls->c, name, value, ls->why,
	    sizeof ls->why) == 0;
}

int
sshd_config_load(struct sshd_config *c, const char *path, char *err,
    size_t errsize)
{
	static char comment_chars[] = ";#";
	struct load_state ls;
	FILE *f;
	int line;

	memset(&ls, 0, sizeof ls);
	ls.c = c;
	if ((f = fopen(path, "r")) == NULL) {
		snprintf(err, errsize, "%s: %s", path, strerror(errno));
		return ERR_IO;
	}
	ini_allow_multiline = 0;
	ini_stop_on_first_error = 1;
	ini_use_stack = 0;
	ini_max_line = 4096;
	ini_allow_inline_comments = 1;
	ini_inline_comment_prefixes = comment_chars;
	line = ini_parse_file(f, load_handler, &ls);
	fclose(f);
	if (line == 0)
		return 0;
	if (line < 0) {
		snprintf(err, errsize, "%s: cannot read it", path);
		return ERR_IO;
	}
	snprintf(err, errsize, "%s:%d: %s", path, line, ls.why[0] != '\0' ?
	    ls.why : "not a 'keyword = value' line");
	return ERR_INVALID;
}

/* Set *field to base + suffix when unset. */
static void
default_path(char **field, const char *base, const char *suffix)
{
	if (*field == NULL)
		xasprintf(field, "%s%s", base, suffix);
}

int
sshd_config_finish(struct sshd_config *c, char *err, size_t errsize)
{
	const struct throttle_rule *p = &c->throttle.pair;
	const char *env;

	if (c->db_path == NULL) {
		env = getenv("CAFED_DB");
		c->db_path = xstrdup(env != NULL && *env != '\0' ? env :
		    "cafe.db");
	}
	default_path(&c->key_path, c->db_path, ".key");
	default_path(&c->host_key_path, c->db_path, ".hostkey");
	if (c->max_pending_per_source > c->max_pending && c->max_pending > 0) {
		snprintf(err, errsize, "max_pending_per_source (%d) is more "
		    "than max_pending (%d)", c->max_pending_per_source,
		    c->max_pending);
		return ERR_INVALID;
	}
	if (p->delay_ms > p->delay_max_ms ||
	    c->throttle.addr.delay_ms > c->throttle.addr.delay_max_ms) {
		snprintf(err, errsize, "slowdown_delay is more than "
		    "slowdown_delay_max");
		return ERR_INVALID;
	}
	if (p->lock_s > p->lock_max_s ||
	    c->throttle.addr.lock_s > c->throttle.addr.lock_max_s) {
		snprintf(err, errsize, "lockout_time or address_lockout_time "
		    "is more than lockout_time_max");
		return ERR_INVALID;
	}
	if (c->argon2_slots == 0) {
		c->argon2_slots = (int)sysconf(_SC_NPROCESSORS_ONLN);
		if (c->argon2_slots < 1)
			c->argon2_slots = 1;
	}
	return 0;
}

/* The value of k in c, as cafed.conf would write it. */
static void
format_value(const struct sshd_config *c, const struct ckey *k, char *buf,
    size_t size)
{
	const char *s;
	int v;

	switch (k->type) {
	case C_PATH:
	case C_ADDR:
	case C_CIDR:
		s = *(char *const *)(const void *)((const char *)c +
		    k->off[0]);
		str_lcpy(buf, s != NULL ? s : "", size);
		return;
	case C_LEVEL:
		str_lcpy(buf, levels[c->log_level - LOG_LVL_ERR], size);
		return;
	default:
		break;
	}
	v = *(const int *)(const void *)((const char *)c + k->off[0]);
	if (k->type == C_SEC)
		snprintf(buf, size, "%ds", v);
	else if (k->type == C_MSEC)
		snprintf(buf, size, "%dms", v);
	else
		snprintf(buf, size, "%d", v);
}

void
sshd_config_print(const struct sshd_config *c, FILE *f)
{
	char buf[1024];
	size_t i;

	for (i = 0; i < NCKEYS; i++) {
		format_value(c, &ckeys[i], buf, sizeof buf);
		if (ckeys[i].type == C_CIDR && buf[0] == '\0')
			fprintf(f, "# %s (anywhere)\n", ckeys[i].name);
		else
			fprintf(f, "%s = %s\n", ckeys[i].name, buf);
	}
}
