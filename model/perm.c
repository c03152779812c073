/*
 * perm.c -- the role/permission matrix and the checks every mutating
 * model call makes.
 */
#include "model/perm.h"

#include <stdio.h>
#include <string.h>

#include "common/err.h"
#include "db/db.h"
#include "model/audit.h"
#include "model/ctx.h"

static const char *const perm_names[PERM__COUNT] = {
	[PERM_CUSTOMER_MANAGE] = "customer.manage",
	[PERM_STATION_OPERATE] = "station.operate",
	[PERM_STATION_MANAGE] = "station.manage",
	[PERM_WALLET_TOPUP] = "wallet.topup",
	[PERM_WALLET_CHARGE] = "wallet.charge",
	[PERM_WALLET_REFUND] = "wallet.refund",
	[PERM_WALLET_ADJUST] = "wallet.adjust",
	[PERM_WALLET_APPROVE] = "wallet.approve",
	[PERM_SHOP_SELL] = "shop.sell",
	[PERM_INVENTORY_MANAGE] = "inventory.manage",
	[PERM_SHIFT_OPERATE] = "shift.operate",
	[PERM_SHIFT_MANAGE] = "shift.manage",
	[PERM_REPORT_VIEW] = "report.view",
	[PERM_AUDIT_VIEW] = "audit.view",
	[PERM_USER_MANAGE] = "user.manage",
	[PERM_SETTINGS_MANAGE] = "settings.manage",
};

static const char *const role_names[ROLE__COUNT] = {
	[ROLE_ADMIN] = "admin",
	[ROLE_MANAGER] = "manager",
	[ROLE_CASHIER] = "cashier",
	[ROLE_AUDITOR] = "auditor",
};

#define P(x)	(1u << (x))

/* The default matrix: the one place that says who may do what. */
static const unsigned int role_perms[ROLE__COUNT] = {
	[ROLE_ADMIN] = (1u << PERM__COUNT) - 1,
	[ROLE_MANAGER] = P(PERM_CUSTOMER_MANAGE) | P(PERM_STATION_OPERATE) |
	    P(PERM_STATION_MANAGE) | P(PERM_WALLET_TOPUP) |
	    P(PERM_WALLET_CHARGE) | P(PERM_WALLET_REFUND) |
	    P(PERM_WALLET_ADJUST) | P(PERM_WALLET_APPROVE) | P(PERM_SHOP_SELL) |
	    P(PERM_INVENTORY_MANAGE) | P(PERM_SHIFT_OPERATE) |
	    P(PERM_SHIFT_MANAGE) | P(PERM_REPORT_VIEW) | P(PERM_AUDIT_VIEW) |
	    P(PERM_USER_MANAGE),
	[ROLE_CASHIER] = P(PERM_CUSTOMER_MANAGE) | P(PERM_STATION_OPERATE) |
	    P(PERM_WALLET_TOPUP) | P(PERM_WALLET_CHARGE) |
	    P(PERM_WALLET_REFUND) | P(PERM_SHOP_SELL) | P(PERM_SHIFT_OPERATE),
	[ROLE_AUDITOR] = P(PERM_REPORT_VIEW) | P(PERM_AUDIT_VIEW),
};

const char *
perm_name(int perm)
{
	if (perm < 0 || perm >= PERM__COUNT)
		return NULL;
	return perm_names[perm];
}

const char *
perm_role_name(int role)
{
	if (role < 0 || role >= ROLE__COUNT)
		return NULL;
	return role_names[role];
}

int
perm_role_parse(const char *name, int *role)
{
	int i;

	for (i = 0; i < ROLE__COUNT; i++) {
		if (strcmp(name, role_names[i]) == 0) {
			*role = i;
			return 0;
		}
	}
	return ERR_INVALID;
}

int
perm_role_has(int role, int perm)
{
	if (role < 0 || role >= ROLE__COUNT || perm < 0 || perm >= PERM__COUNT)
		return 0;
	return (role_perms[role] & P(perm)) != 0;
}

int
perm_can_manage(int actor, int target)
{
	unsigned int all = (1u << PERM__COUNT) - 1;

	if (actor < 0 || actor >= ROLE__COUNT || target < 0 ||
	    target >= ROLE__COUNT)
		return 0;
	if (!perm_role_has(actor, PERM_USER_MANAGE))
		return 0;
	if ((role_perms[target] & ~role_perms[actor]) != 0)
		return 0;
	if (role_perms[actor] != all &&
	    perm_role_has(target, PERM_USER_MANAGE))
		return 0;
	return 1;
}

int
perm_has(const struct mctx *ctx, int perm)
{
	return perm_role_has(ctx->actor.role, perm);
}

struct deny_arg {
	struct mctx	*ctx;
	const char	*action, *entity, *entity_id, *why;
};

static int
deny_tx(struct db *db, void *arg)
{
	struct deny_arg *a = arg;

	(void)db;
	return audit_appendf(a->ctx, "denied", a->entity, a->entity_id,
	    "attempt=%s reason=%s", a->action, a->why);
}

int
perm_deny(struct mctx *ctx, const char *action, const char *entity,
    const char *entity_id, const char *why)
{
	struct deny_arg a = { ctx, action, entity != NULL ? entity : "",
	    entity_id != NULL ? entity_id : "", why };

	/* A failure to audit is not hidden, but the refusal stands. */
	db_write(ctx->db, deny_tx, &a);
	return ERR_DENIED;
}

int
perm_require(struct mctx *ctx, int perm, const char *action,
    const char *entity, const char *entity_id)
{
	char why[64];

	if (perm_has(ctx, perm))
		return 0;
	snprintf(why, sizeof why, "lacks %s", perm_name(perm));
	return perm_deny(ctx, action, entity, entity_id, why);
}
