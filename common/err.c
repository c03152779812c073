/*
 * err.c -- sentences for error codes.
 */
#include "common/err.h"

static const char *const err_msgs[] = {
	[0] = "success",
	[-ERR_INTERNAL] = "internal error",
	[-ERR_NOMEM] = "out of memory",
	[-ERR_IO] = "input/output error",
	[-ERR_DB] = "database error",
	[-ERR_BUSY] = "the database is busy, try again",
	[-ERR_NOTCAFE] = "not a cafed database",
	[-ERR_SCHEMA_NEWER] =
	    "the database was written by a newer cafed; upgrade this binary",
	[-ERR_SCHEMA_OLDER] =
	    "the database schema is older than this binary; run "
	    "'cafectl migrate'",
	[-ERR_EXISTS] = "already exists",
	[-ERR_NOTFOUND] = "not found",
	[-ERR_INVALID] = "invalid input",
	[-ERR_DENIED] = "permission denied",
	[-ERR_AMOUNT] = "invalid amount",
	[-ERR_OVERFLOW] = "number too large",
	[-ERR_PASSWORD_POLICY] = "password refused by the password policy",
	[-ERR_AUTH] = "authentication failed",
	[-ERR_REPLAY] = "that code was used already; wait for the next one",
	[-ERR_LAST_ADMIN] = "the last enabled admin must stay an enabled admin",
	[-ERR_SELF] = "that takes someone else: nobody changes their own role "
	    "or approves their own request",
	[-ERR_DISABLED] = "the account is disabled",
	[-ERR_KEY] = "the server key is missing or unusable",
	[-ERR_KEY_MODE] =
	    "the key file is readable by others; chmod 600 it",
	[-ERR_TAMPER] = "the audit chain does not verify",
	[-ERR_INTEGRITY] = "the database fails its integrity check",
	[-ERR_CONFLICT] =
	    "that idempotency key was used for a different operation",
	[-ERR_INSUFFICIENT] = "not enough to cover that",
	[-ERR_STATE] = "not possible in the current state",
	[-ERR_NOSHIFT] = "no open shift: open a shift first",
	[-ERR_NEEDS_APPROVAL] = "needs the approval of a manager",
	[-ERR_LOCKED] = "too many failed attempts; try again later",
	[-ERR_RANGE] = "value out of range",
};

const char *
err_str(int code)
{
	if (code > 0 || code <= ERR_LAST_ || err_msgs[-code] == 0)
		return "unknown error";
	return err_msgs[-code];
}
