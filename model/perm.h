/*
 * perm.h -- roles and permissions.
 *
 * Code asks for permissions, never for role names. The matrix of which
 * role holds which permission is one table in perm.c.
 */
#ifndef CAFED_PERM_H
#define CAFED_PERM_H

struct mctx;

enum role {
	ROLE_ADMIN,
	ROLE_MANAGER,
	ROLE_CASHIER,
	ROLE_AUDITOR,
	ROLE__COUNT
};

enum perm {
	PERM_CUSTOMER_MANAGE,
	PERM_STATION_OPERATE,
	PERM_STATION_MANAGE,
	PERM_WALLET_TOPUP,
	PERM_WALLET_CHARGE,
	PERM_WALLET_REFUND,
	PERM_WALLET_ADJUST,
	PERM_WALLET_APPROVE,
	PERM_SHOP_SELL,
	PERM_INVENTORY_MANAGE,
	PERM_SHIFT_OPERATE,
	PERM_SHIFT_MANAGE,
	PERM_REPORT_VIEW,
	PERM_AUDIT_VIEW,
	PERM_USER_MANAGE,
	PERM_SETTINGS_MANAGE,
	PERM__COUNT
};

/* "wallet.refund" and the like; NULL for an unknown value. */
const char	*perm_name(int perm);
const char	*perm_role_name(int role);

/* Parse a role name ("cashier"). Returns 0 or ERR_INVALID. */
int		 perm_role_parse(const char *name, int *role);

/* 1 when role holds perm, else 0 (unknown roles hold nothing). */
int		 perm_role_has(int role, int perm);

/*
 * 1 when an actor of role `actor` may create or change an account of
 * role `target`: they hold user.manage and every permission of target,
 * and unless they hold every permission, target lacks user.manage.
 */
int		 perm_can_manage(int actor, int target);

/* 1 when the acting user holds perm (no audit, for offering keys). */
int		 perm_has(const struct mctx *, int perm);

/*
 * Check that the actor holds perm before doing `action` on entity. On
 * refusal a "denied" audit row is written in its own transaction and
 * ERR_DENIED returned; else 0.
 */
int		 perm_require(struct mctx *, int perm, const char *action,
		    const char *entity, const char *entity_id);

/* Audit a refused attempt (own transaction); returns ERR_DENIED. */
int		 perm_deny(struct mctx *, const char *action,
		    const char *entity, const char *entity_id,
		    const char *why);

#endif
