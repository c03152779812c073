/*
 * station.h -- zones (which carry the prices), their time rules, and
 * the stations of the floor with their states.
 *
 * A station's stored state is what staff set: free, maintenance or
 * offline. "In use" (an open session holds it) and "reserved" (a
 * booking starts within reservation.lead_minutes) are derived when
 * read, so a crash can never leave a station marked wrongly.
 * Adding, editing and retiring zones, rules and stations, and setting a
 * station's state, need station.manage and are audited.
 */
#ifndef CAFED_STATION_H
#define CAFED_STATION_H

#include <stddef.h>
#include <stdint.h>

#include "model/pricing.h"

struct db;
struct mctx;

#define STATION_NAME_MAX	32	/* bytes of a zone, station... name */
#define STATION_NOTE_MAX	128

enum station_state {
	STATION_FREE,
	STATION_IN_USE,
	STATION_RESERVED,
	STATION_MAINTENANCE,
	STATION_OFFLINE,
	STATION__NSTATES
};

/* "free", "in-use", "reserved", "maintenance", "offline"; NULL if bad. */
const char	*station_state_name(int state);

/* Parse a state name. Returns 0 or ERR_INVALID. */
int		 station_state_parse(const char *s, int *state);

/*
 * Check a zone, station, rule or package name: 1..STATION_NAME_MAX
 * bytes, no control characters, no leading or trailing space. Returns 0
 * or ERR_INVALID with *why (may be NULL) saying why.
 */
int		 station_name_check(const char *name, const char **why);

/* Zones ----------------------------------------------------------- */

struct zone_info {
	int64_t	id;
	char	name[STATION_NAME_MAX + 1];
	int64_t	hourly;		/* member price per hour */
	int64_t	guest_hourly;
	int64_t	minimum;
	int	retired;
	int	nstations;	/* stations not retired */
};

struct zone_new {
	const char	*name;
	int64_t		 hourly;
	int64_t		 guest_hourly;	/* < 0: the same as hourly */
	int64_t		 minimum;
};

/*
 * Add a zone (station.manage). Sets *id (may be NULL). Returns 0,
 * ERR_DENIED, ERR_INVALID (name, negative amount; *why says which),
 * ERR_EXISTS (the name, in any case).
 */
int	station_zone_add(struct mctx *, const struct zone_new *, int64_t *id,
	    const char **why);

/*
 * Change zone `name` to nz (its name and prices; a guest price < 0
 * becomes the member price). Running sessions are priced by the new
 * prices from then on. Returns 0, ERR_DENIED, ERR_NOTFOUND, ERR_INVALID,
 * ERR_EXISTS (new name taken).
 */
int	station_zone_edit(struct mctx *, const char *name,
	    const struct zone_new *nz, const char **why);

/*
 * Retire a zone: it takes no new stations. Returns 0, ERR_DENIED,
 * ERR_NOTFOUND, ERR_STATE (stations still in it).
 */
int	station_zone_retire(struct mctx *, const char *name);

/* Find a zone by name (any case), retired ones too. 0 or ERR_NOTFOUND. */
int	station_zone_find(struct db *, const char *name, struct zone_info *);
int	station_zone_get(struct db *, int64_t id, struct zone_info *);

/* Zones not retired, by name. *out (free()) holds *n entries. */
int	station_zone_list(struct db *, struct zone_info **out, size_t *n);

/* Time rules ------------------------------------------------------ */

struct rule_info {
	int64_t			id;
	int64_t			zone_id;	/* 0: every zone */
	char			zone[STATION_NAME_MAX + 1];
	char			name[STATION_NAME_MAX + 1];
	struct pricing_rule	rule;
};

/*
 * Add a time rule named name for zone (NULL: every zone), with r's
 * window and prices (r->id is ignored; a guest price < 0 becomes the
 * member price). Sets *id (may be NULL). Returns 0, ERR_DENIED,
 * ERR_NOTFOUND (zone), ERR_INVALID (*why says which).
 */
int	station_rule_add(struct mctx *, const char *zone, const char *name,
	    const struct pricing_rule *r, int64_t *id, const char **why);

/* Remove a rule (kept for the record). 0, ERR_DENIED, ERR_NOTFOUND. */
int	station_rule_remove(struct mctx *, int64_t id);

/* Rules in force, every-zone ones first, then by id. free(*out). */
int	station_rule_list(struct db *, struct rule_info **out, size_t *n);

/*
 * The prices of every zone with their rules in priority order, for
 * pricing_price(). Free with station_prices_free(); NULL is a no-op.
 */
struct station_prices;
int	station_prices_load(struct db *, struct station_prices **out);
void	station_prices_free(struct station_prices *);

/* The pricing zone of zone_id, NULL when unknown. */
const struct pricing_zone *
	station_prices_zone(const struct station_prices *, int64_t zone_id);

/* Stations -------------------------------------------------------- */

struct station_info {
	int64_t	id;
	char	name[STATION_NAME_MAX + 1];
	int64_t	zone_id;
	char	zone[STATION_NAME_MAX + 1];
	char	note[STATION_NOTE_MAX + 1];
	int	set_state;	/* FREE, MAINTENANCE or OFFLINE, as staff set */
	int	state;		/* now: set_state, IN_USE or RESERVED */
	int	retired;
	int64_t	session_id;	/* the open session, 0 if none */
	int64_t	reservation_id;	/* the booking making it reserved, or 0 */
};

/*
 * Add a station in zone (not retired). note may be NULL. Sets *id (may
 * be NULL). Returns 0, ERR_DENIED, ERR_NOTFOUND (zone), ERR_INVALID,
 * ERR_EXISTS.
 */
int	station_add(struct mctx *, const char *name, const char *zone,
	    const char *note, int64_t *id, const char **why);

/*
 * Edit station `name`: new_name, zone and note each NULL to keep. A
 * running session keeps the zone it started its current segment in.
 * Returns 0, ERR_DENIED, ERR_NOTFOUND, ERR_INVALID, ERR_EXISTS.
 */
int	station_edit(struct mctx *, const char *name, const char *new_name,
	    const char *zone, const char *note, const char **why);

/*
 * Retire a station: it leaves the floor. Returns 0, ERR_DENIED,
 * ERR_NOTFOUND, ERR_STATE (a session is open or a booking pending).
 */
int	station_retire(struct mctx *, const char *name, const char **why);

/*
 * Set what staff say a station is: STATION_FREE, STATION_MAINTENANCE or
 * STATION_OFFLINE. Returns 0, ERR_DENIED, ERR_NOTFOUND, ERR_INVALID
 * (another state), ERR_STATE (a session is open on it: stop it first).
 */
int	station_set_state(struct mctx *, const char *name, int state,
	    const char **why);

/*
 * A station (retired ones too) and its state at `now`. Returns 0 or
 * ERR_NOTFOUND.
 */
int	station_find(struct db *, const char *name, int64_t now,
	    struct station_info *);
int	station_get(struct db *, int64_t id, int64_t now,
	    struct station_info *);

/* Stations not retired, by name, with their states at now. free(*out). */
int	station_list(struct db *, int64_t now, struct station_info **out,
	    size_t *n);

/* How many stations are in each state at now, for the dashboard. */
struct station_counts {
	int	by_state[STATION__NSTATES];
	int	total;
};
int	station_occupancy(struct db *, int64_t now, struct station_counts *);

#endif
