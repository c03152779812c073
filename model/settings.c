/*
 * settings.c -- the table of known business settings, their defaults,
 * validation and audited changes.
 */
#include "model/settings.h"

#include <sys/stat.h>

#include <limits.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/err.h"
#include "common/str.h"
#include "db/db.h"
#include "db/rows.h"
#include "model/audit.h"
#include "model/ctx.h"
#include "model/money.h"
#include "model/perm.h"

enum stype {
	S_FIXED,	/* set once by settings_init */
	S_TEXT,		/* 1..64 printable characters */
	S_TZ,		/* an IANA zone */
	S_INT,		/* an integer within [min, max] */
	S_AMOUNT	/* money in minor units, within [min, max] */
};

struct sdef {
	const char	*key;
	enum stype	 type;
	const char	*def;
	int64_t		 min, max;
	const char	*help;
};

/* Every business setting cafed knows. Later modules add theirs here. */
static const struct sdef sdefs[] = {
	{ "cafe.id", S_FIXED, "", 0, 0, "global id of this café (UUID)" },
	{ "cafe.currency", S_FIXED, "EUR", 0, 0,
	    "ISO 4217 currency, fixed when the database is created" },
	{ "cafe.name", S_TEXT, "Café", 0, 0, "the café's name" },
	{ "cafe.timezone", S_TZ, "UTC", 0, 0,
	    "IANA time zone for business days and price rules" },
	{ "approval.threshold", S_AMOUNT, "5000", 0, INT64_C(100000000),
	    "refunds, voids and adjustments above this need approval" },
	{ "reservation.lead_minutes", S_INT, "15", 0, 240,
	    "minutes before a booking that its station shows as reserved" },
	{ "reservation.grace_minutes", S_INT, "15", 1, 240,
	    "minutes after its start that a no-show booking is released" },
	{ "seat.warn_minutes", S_INT, "10", 0, 120,
	    "members are warned when fewer minutes than this are left" },
	{ "loyalty.points_per_unit", S_INT, "1", 0, 1000,
	    "loyalty points earned per currency unit spent" },
	{ "loyalty.points_per_unit_credit", S_INT, "100", 1, 1000000,
	    "points redeemed for one currency unit of wallet credit" },
	{ "loyalty.expiry_days", S_INT, "0", 0, 3650,
	    "days after which points expire (0: never)" },
	{ "shop.default_tax_rate", S_INT, "0", 0, 10000,
	    "tax rate of new product categories, in basis points (1900: 19%)" },
	{ "shop.receipt_footer", S_TEXT, "Thank you!", 0, 0,
	    "last line of every shop receipt" },
};

#define NSDEFS	(sizeof sdefs / sizeof sdefs[0])

static const struct sdef *
sdef_find(const char *key)
{
	size_t i;

	for (i = 0; i < NSDEFS; i++)
		if (strcmp(sdefs[i].key, key) == 0)
			return &sdefs[i];
	return NULL;
}

const char *
settings_key(int i, const char **help)
{
	if (i < 0 || (size_t)i >= NSDEFS)
		return NULL;
	if (help != NULL)
		*help = sdefs[i].help;
	return sdefs[i].key;
}

int
settings_valid_timezone(const char *zone)
{
	char path[PATH_MAX];
	struct stat sb;
	const char *p;

	if (*zone == '\0' || *zone == '/' || strstr(zone, "..") != NULL ||
	    strlen(zone) > 60)
		return 0;
	for (p = zone; *p != '\0'; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || strchr("/_+-", *p) != NULL))
			return 0;
	snprintf(path, sizeof path, "/usr/share/zoneinfo/%s", zone);
	return stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

void
settings_system_timezone(char *buf, size_t size)
{
	char link[PATH_MAX];
	const char *tz = getenv("TZ"), *p;
	ssize_t n;
	FILE *f;

	if (tz != NULL && *tz == ':')
		tz++;
	if (tz != NULL && settings_valid_timezone(tz)) {
		str_lcpy(buf, tz, size);
		return;
	}
	if ((f = fopen("/etc/timezone", "r")) != NULL) {
		if (fgets(link, sizeof link, f) != NULL &&
		    settings_valid_timezone(str_trim(link))) {
			fclose(f);
			str_lcpy(buf, link, size);
			return;
		}
		fclose(f);
	}
	n = readlink("/etc/localtime", link, sizeof link - 1);
	if (n > 0) {
		link[n] = '\0';
		if ((p = strstr(link, "zoneinfo/")) != NULL &&
		    settings_valid_timezone(p + 9)) {
			str_lcpy(buf, p + 9, size);
			return;
		}
	}
	str_lcpy(buf, "UTC", size);
}

/* The stored value of key, or ERR_NOTFOUND when never set. */
static int
settings_stored(struct db *db, const char *key, char *buf, size_t size)
{
	char *v;
	int r;

	if ((r = db_row_text(db, &v, "SELECT value FROM settings WHERE "
	    "key = ?", "t", key)) != 0)
		return r;
	r = str_lcpy(buf, v, size) < size ? 0 : ERR_RANGE;
	free(v);
	return r;
}

int
settings_get(struct db *db, const char *key, char *buf, size_t size)
{
	const struct sdef *d = sdef_find(key);
	int r;

	if (d == NULL)
		return ERR_NOTFOUND;
	r = settings_stored(db, key, buf, size);
	if (r == ERR_NOTFOUND)
		r = str_lcpy(buf, d->def, size) < size ? 0 : ERR_RANGE;
	return r;
}

int
settings_get_display(struct db *db, const char *key, char *buf, size_t size)
{
	const struct sdef *d = sdef_find(key);
	struct cafe_info ci;
	int64_t v;
	int r;

	if (d == NULL || d->type != S_AMOUNT)
		return settings_get(db, key, buf, size);
	if ((r = settings_get_int(db, key, &v)) != 0 ||
	    (r = settings_cafe(db, &ci)) != 0)
		return r;
	return money_format(buf, size, v, ci.decimals) != NULL ? 0 :
	    ERR_RANGE;
}

int
settings_get_int(struct db *db, const char *key, int64_t *out)
{
	char buf[SETTINGS_VALUE_MAX], *end;
	long long v;
	int r;

	if ((r = settings_get(db, key, buf, sizeof buf)) != 0)
		return r;
	v = strtoll(buf, &end, 10);
	if (end == buf || *end != '\0')
		return ERR_INVALID;
	*out = v;
	return 0;
}

int
settings_cafe(struct db *db, struct cafe_info *ci)
{
	int r;

	memset(ci, 0, sizeof *ci);
	if ((r = settings_get(db, "cafe.name", ci->name,
	    sizeof ci->name)) != 0 ||
	    (r = settings_get(db, "cafe.currency", ci->currency,
	    sizeof ci->currency)) != 0 ||
	    (r = settings_get(db, "cafe.timezone", ci->timezone,
	    sizeof ci->timezone)) != 0 ||
	    (r = settings_get(db, "cafe.id", ci->id, sizeof ci->id)) != 0)
		return r;
	return money_currency_decimals(ci->currency, &ci->decimals);
}

static int
settings_store(struct db *db, const char *key, const char *value)
{
	int r;

	r = db_row_none(db, "INSERT INTO settings (key, value) VALUES (?, ?) "
	    "ON CONFLICT (key) DO UPDATE SET value = excluded.value", "tt", key,
	    value);
	return r < 0 ? r : 0;
}

/* A random RFC 4122 version 4 UUID. */
static void
settings_uuid(char out[37])
{
	unsigned char b[16];

	randombytes_buf(b, sizeof b);
	b[6] = (unsigned char)((b[6] & 0x0f) | 0x40);
	b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
	snprintf(out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
	    "%02x%02x%02x%02x%02x%02x", b[0], b[1], b[2], b[3], b[4], b[5],
	    b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
}

int
settings_init(struct mctx *ctx, const char *name, const char *currency,
    const char *timezone)
{
	char uuid[37];
	int decimals, r;

	if ((r = money_currency_decimals(currency, &decimals)) != 0)
		return r;
	if (!settings_valid_timezone(timezone))
		return ERR_INVALID;
	if (name == NULL || *name == '\0' || strlen(name) > 64 ||
	    str_has_control(name))
		return ERR_INVALID;
	settings_uuid(uuid);
	if ((r = settings_store(ctx->db, "cafe.id", uuid)) != 0 ||
	    (r = settings_store(ctx->db, "cafe.currency", currency)) != 0 ||
	    (r = settings_store(ctx->db, "cafe.timezone", timezone)) != 0 ||
	    (r = settings_store(ctx->db, "cafe.name", name)) != 0)
		return r;
	return audit_appendf(ctx, "cafe.init", "cafe", uuid,
	    "currency=%s timezone=%s name=%s", currency, timezone, name);
}

/* Validate value for d; canonical text into out. */
static int
settings_validate(struct db *db, const struct sdef *d, const char *value,
    char *out, size_t size, const char **why)
{
	struct cafe_info ci;
	int64_t v;
	char *end;
	int r;

	switch (d->type) {
	case S_FIXED:
		*why = "fixed when the database was created";
		return ERR_STATE;
	case S_TEXT:
		if (*value == '\0' || strlen(value) > 64 ||
		    str_has_control(value)) {
			*why = "1 to 64 printable characters";
			return ERR_INVALID;
		}
		str_lcpy(out, value, size);
		return 0;
	case S_TZ:
		if (!settings_valid_timezone(value)) {
			*why = "not a known time zone (e.g. Europe/Berlin)";
			return ERR_INVALID;
		}
		str_lcpy(out, value, size);
		return 0;
	case S_INT:
		v = strtoll(value, &end, 10);
		if (end == value || *end != '\0' || *value == '+' ||
		    *value == ' ' || v < d->min || v > d->max) {
			*why = "not a whole number in the allowed range";
			return ERR_INVALID;
		}
		snprintf(out, size, "%lld", (long long)v);
		return 0;
	case S_AMOUNT:
		if ((r = settings_cafe(db, &ci)) != 0)
			return r;
		if (money_parse(value, ci.decimals, &v, why) != 0)
			return ERR_INVALID;
		if (v < d->min || v > d->max) {
			*why = "amount out of the allowed range";
			return ERR_INVALID;
		}
		snprintf(out, size, "%lld", (long long)v);
		return 0;
	}
	return ERR_INTERNAL;
}

struct set_arg {
	struct mctx	*ctx;
	const char	*key;
	const char	*value;
};

static int
settings_set_tx(struct db *db, void *argp)
{
	struct set_arg *a = argp;
	char old[SETTINGS_VALUE_MAX];
	int r;

	if ((r = settings_get(db, a->key, old, sizeof old)) != 0)
		return r;
	if (strcmp(old, a->value) == 0)
		return 0;
	if ((r = settings_store(db, a->key, a->value)) != 0)
		return r;
	return audit_appendf(a->ctx, "settings.set", "setting", a->key,
	    "old=%s new=%s", old, a->value);
}

int
settings_set(struct mctx *ctx, const char *key, const char *value,
    const char **why)
{
	const struct sdef *d = sdef_find(key);
	char canon[SETTINGS_VALUE_MAX];
	const char *dummy;
	struct set_arg a;
	int r;

	if (why == NULL)
		why = &dummy;
	*why = NULL;
	if ((r = perm_require(ctx, PERM_SETTINGS_MANAGE, "settings.set",
	    "setting", key)) != 0)
		return r;
	if (d == NULL) {
		*why = "unknown setting";
		return ERR_NOTFOUND;
	}
	if ((r = settings_validate(ctx->db, d, value, canon, sizeof canon,
	    why)) != 0)
		return r;
	a.ctx = ctx;
	a.key = key;
	a.value = canon;
	return db_write(ctx->db, settings_set_tx, &a);
}
