/*
 * err.h -- the error codes of cafed.
 *
 * Every function in db/ and model/ returns 0 on success or one of these
 * negative codes. err_str() turns a code into a sentence a user can read.
 * Refusals a user can cause (a balance too low, a permission missing) are
 * codes like any other, never crashes.
 */
#ifndef CAFED_ERR_H
#define CAFED_ERR_H

enum {
	ERR_OK = 0,
	ERR_INTERNAL = -1,	/* a bug or an unexpected library failure */
	ERR_NOMEM = -2,
	ERR_IO = -3,		/* a file could not be read or written */
	ERR_DB = -4,		/* the database engine failed */
	ERR_BUSY = -5,		/* the database stayed locked too long */
	ERR_NOTCAFE = -6,	/* the file is not a cafed database */
	ERR_SCHEMA_NEWER = -7,	/* the database is newer than this binary */
	ERR_SCHEMA_OLDER = -8,	/* the database needs `cafectl migrate` */
	ERR_EXISTS = -9,	/* the thing to create exists already */
	ERR_NOTFOUND = -10,	/* no such thing */
	ERR_INVALID = -11,	/* malformed input */
	ERR_DENIED = -12,	/* the actor lacks the permission */
	ERR_AMOUNT = -13,	/* an amount that does not parse */
	ERR_OVERFLOW = -14,	/* a number too large */
	ERR_PASSWORD_POLICY = -15,
	ERR_AUTH = -16,		/* login refused (never says which factor) */
	ERR_REPLAY = -17,	/* a TOTP code used before */
	ERR_LAST_ADMIN = -18,	/* the last enabled admin must stay */
	ERR_SELF = -19,		/* one's own role or approval request */
	ERR_DISABLED = -20,	/* the account is disabled */
	ERR_KEY = -21,		/* the server key is missing or unusable */
	ERR_KEY_MODE = -22,	/* the key file is readable by others */
	ERR_TAMPER = -23,	/* the audit chain does not verify */
	ERR_INTEGRITY = -24,	/* integrity_check failed */
	ERR_CONFLICT = -25,	/* idempotency key reused with other content */
	ERR_INSUFFICIENT = -26,	/* a wallet or stock would go below zero */
	ERR_STATE = -27,	/* the thing is in the wrong state for that */
	ERR_NOSHIFT = -28,	/* a cash operation with no open shift */
	ERR_NEEDS_APPROVAL = -29, /* two-person rule: waiting for approval */
	ERR_LOCKED = -30,	/* too many failures: try later */
	ERR_RANGE = -31,	/* a value outside its allowed range */
	ERR_LAST_ = -32
};

/* A sentence describing code, for users; never NULL. */
const char	*err_str(int code);

#endif
