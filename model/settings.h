/*
 * settings.h -- business settings, kept in the database.
 *
 * The café's name, currency, time zone, and later prices, thresholds and
 * rates. Every process reads them from the database, so cafectl and
 * cafed always agree; they change only through settings_set(), audited.
 * How the server runs (addresses, limits) is cafed.conf's business.
 */
#ifndef CAFED_SETTINGS_H
#define CAFED_SETTINGS_H

#include <stddef.h>
#include <stdint.h>

struct db;
struct mctx;

#define SETTINGS_VALUE_MAX	256

/* What every screen and report needs, read in one go. */
struct cafe_info {
	char	name[65];
	char	currency[4];	/* ISO 4217 */
	int	decimals;	/* minor-unit digits of the currency */
	char	timezone[64];	/* IANA zone name */
	char	id[40];		/* this café's global id (a UUID) */
};

/*
 * Record the settings fixed at creation (currency, time zone, name and
 * the café id). Runs inside the caller's write transaction and audits.
 * Returns 0, ERR_NOTFOUND (unknown currency) or ERR_INVALID (zone).
 */
int	settings_init(struct mctx *, const char *name, const char *currency,
	    const char *timezone);

/* Load the café's identity and money format. */
int	settings_cafe(struct db *, struct cafe_info *);

/*
 * The value of key (its default when never set) into buf. Returns 0,
 * ERR_NOTFOUND for an unknown key, ERR_RANGE when buf is too small.
 */
int	settings_get(struct db *, const char *key, char *buf, size_t size);

/*
 * The value of key as a person reads and types it: amounts as decimals
 * in the café's currency ("50.00"), everything else as stored.
 */
int	settings_get_display(struct db *, const char *key, char *buf,
	    size_t size);

/* An integer or amount setting (amounts in minor units). */
int	settings_get_int(struct db *, const char *key, int64_t *out);

/*
 * Change key to value (text as a user typed it; amounts as decimals in
 * the café's currency). Needs settings.manage; validated; audited with
 * the old and new values. *why (may be NULL) explains ERR_INVALID.
 * Returns 0, ERR_DENIED, ERR_NOTFOUND (unknown key), ERR_INVALID,
 * ERR_STATE (fixed at creation).
 */
int	settings_set(struct mctx *, const char *key, const char *value,
	    const char **why);

/* The i-th known key, NULL past the end; with its one-line help. */
const char *settings_key(int i, const char **help);

/* The system's time zone name ("UTC" when it cannot be told). */
void	settings_system_timezone(char *buf, size_t size);

/* 1 when zone names an installed IANA time zone. */
int	settings_valid_timezone(const char *zone);

#endif
