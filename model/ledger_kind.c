/*
 * ledger_kind.c -- the kinds of ledger accounts: names, sides, which may
 * never go below zero, and what their ref names.
 */
#include "model/ledger.h"

#include <string.h>

#include "common/err.h"

struct kdef {
	const char	*name;
	int		 side;
	int		 nonneg;
	int		 ref;
};

static const struct kdef kdefs[LEDGER__COUNT] = {
	[LEDGER_WALLET] = { "wallet", LEDGER_SIDE_L, 1, LEDGER_REF_CUSTOMER },
	[LEDGER_RECEIVABLE] = { "receivable", LEDGER_SIDE_A, 1,
	    LEDGER_REF_CUSTOMER },
	[LEDGER_LOYALTY] = { "loyalty", LEDGER_SIDE_L, 1,
	    LEDGER_REF_CUSTOMER_OPT },
	[LEDGER_DRAWER] = { "drawer", LEDGER_SIDE_A, 1, LEDGER_REF_SHIFT },
	[LEDGER_CARD] = { "card", LEDGER_SIDE_A, 0, LEDGER_REF_NONE },
	[LEDGER_SAFE] = { "safe", LEDGER_SIDE_A, 0, LEDGER_REF_NONE },
	[LEDGER_REV_SEATS] = { "revenue.seats", LEDGER_SIDE_L, 0,
	    LEDGER_REF_NONE },
	[LEDGER_REV_SHOP] = { "revenue.shop", LEDGER_SIDE_L, 0,
	    LEDGER_REF_NONE },
	[LEDGER_REV_OTHER] = { "revenue.other", LEDGER_SIDE_L, 0,
	    LEDGER_REF_NONE },
	[LEDGER_DISCOUNTS] = { "discounts", LEDGER_SIDE_A, 0,
	    LEDGER_REF_NONE },
	[LEDGER_REFUNDS] = { "refunds", LEDGER_SIDE_A, 0, LEDGER_REF_NONE },
	[LEDGER_ADJUST] = { "adjustments", LEDGER_SIDE_A, 0,
	    LEDGER_REF_NONE },
	[LEDGER_OVERSHORT] = { "cash.overshort", LEDGER_SIDE_A, 0,
	    LEDGER_REF_NONE },
	[LEDGER_PAIDINOUT] = { "cash.paid", LEDGER_SIDE_A, 0,
	    LEDGER_REF_NONE },
	[LEDGER_LOYALTY_COST] = { "loyalty.cost", LEDGER_SIDE_A, 0,
	    LEDGER_REF_NONE },
};

const char *
ledger_kind_name(int kind)
{
	if (kind < 0 || kind >= LEDGER__COUNT)
		return NULL;
	return kdefs[kind].name;
}

int
ledger_kind_parse(const char *s, int *kind)
{
	int i;

	for (i = 0; i < LEDGER__COUNT; i++) {
		if (strcmp(kdefs[i].name, s) == 0) {
			*kind = i;
			return 0;
		}
	}
	return ERR_NOTFOUND;
}

int
ledger_kind_side(int kind)
{
	return ledger_kind_name(kind) != NULL ? kdefs[kind].side : 0;
}

int
ledger_kind_nonneg(int kind)
{
	return ledger_kind_name(kind) != NULL ? kdefs[kind].nonneg : 0;
}

int
ledger_kind_ref(int kind)
{
	return ledger_kind_name(kind) != NULL ? kdefs[kind].ref : -1;
}
