/*
 * station_int.h -- helpers shared by station.c and station_zone.c;
 * not for other modules.
 */
#ifndef CAFED_STATION_INT_H
#define CAFED_STATION_INT_H

#include <stddef.h>
#include <stdint.h>

#include "model/station.h"

struct db;

/* The lower-cased key that makes names unique in any case. */
void	station_name_key(const char *name, char key[STATION_NAME_MAX + 1]);

/* id as decimal text for an audit entity id. */
void	station_id_text(char buf[24], int64_t id);

/* An amount as a plain decimal of the café's currency, for audits. */
char	*station_amount_text(struct db *, int64_t v, char *buf, size_t size);

/* Run a statement with one integer parameter. Returns 0 or a code. */
int	station_exec_id(struct db *, const char *sql, int64_t id);

#endif
