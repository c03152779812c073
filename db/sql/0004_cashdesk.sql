-- 0004: the cash desk: customers, shifts and their drawers, the
-- double-entry ledger, and two-person approval requests.

CREATE TABLE customers (
	id		INTEGER PRIMARY KEY,
	name		TEXT NOT NULL,
	name_fold	TEXT NOT NULL,		-- lower case, for prefix search
	card		TEXT UNIQUE,		-- member card number
	phone_sealed	BLOB,			-- keys_seal(normalized phone)
	phone_blind	TEXT,			-- keys_blind("phone", ...)
	email_sealed	BLOB,
	email_blind	TEXT,
	key_id		TEXT,			-- the key that sealed them
	disabled	INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0,1)),
	created_at	INTEGER NOT NULL
);
CREATE INDEX customers_name ON customers(name_fold);
CREATE INDEX customers_phone ON customers(phone_blind);
CREATE INDEX customers_email ON customers(email_blind);

CREATE TABLE shifts (
	id		INTEGER PRIMARY KEY,
	user_id		INTEGER NOT NULL REFERENCES users(id),
	opened_at	INTEGER NOT NULL,
	opened_by	TEXT NOT NULL,
	float_amount	INTEGER NOT NULL CHECK (float_amount >= 0),
	float_detail	TEXT NOT NULL DEFAULT '',	-- "50x2 20x3" or ""
	closed_at	INTEGER,
	closed_by	TEXT,
	forced		INTEGER NOT NULL DEFAULT 0 CHECK (forced IN (0,1)),
	expected	INTEGER,
	counted		INTEGER,
	counted_detail	TEXT,
	variance	INTEGER,
	liability	INTEGER,		-- all wallets at close
	audit_head	TEXT			-- "N:HASH" at close
);
-- One open shift per cashier.
CREATE UNIQUE INDEX shifts_one_open ON shifts(user_id) WHERE closed_at IS NULL;

CREATE TABLE ledger_accounts (
	id		INTEGER PRIMARY KEY,
	kind		TEXT NOT NULL,
	ref		INTEGER NOT NULL DEFAULT 0,
	balance		INTEGER NOT NULL DEFAULT 0,
	nonneg		INTEGER NOT NULL DEFAULT 0 CHECK (nonneg IN (0,1)),
	CHECK (nonneg = 0 OR balance >= 0),
	UNIQUE (kind, ref)
);

CREATE TABLE ledger_tx (
	id		INTEGER PRIMARY KEY,
	at		INTEGER NOT NULL,
	op		TEXT NOT NULL,
	memo		TEXT NOT NULL DEFAULT '',
	actor		TEXT NOT NULL,
	user_id		INTEGER,		-- staff; NULL: cli:, system
	approved_by	TEXT,
	shift_id	INTEGER REFERENCES shifts(id),
	customer_id	INTEGER REFERENCES customers(id),
	reverses	INTEGER REFERENCES ledger_tx(id),
	idem_key	TEXT NOT NULL UNIQUE,
	digest		TEXT NOT NULL
);
-- Partial indexes: most transactions name no shift and reverse nothing,
-- and every index written costs a page per transaction. A customer's
-- movements are found through their accounts' entries.
CREATE INDEX ledger_tx_shift ON ledger_tx(shift_id)
	WHERE shift_id IS NOT NULL;
CREATE INDEX ledger_tx_reverses ON ledger_tx(reverses)
	WHERE reverses IS NOT NULL;

CREATE TABLE ledger_entries (
	id		INTEGER PRIMARY KEY,
	tx_id		INTEGER NOT NULL REFERENCES ledger_tx(id),
	account_id	INTEGER NOT NULL REFERENCES ledger_accounts(id),
	amount		INTEGER NOT NULL,
	balance_after	INTEGER NOT NULL
);
CREATE INDEX ledger_entries_account ON ledger_entries(account_id, id);
CREATE INDEX ledger_entries_tx ON ledger_entries(tx_id);

CREATE TRIGGER ledger_tx_no_update BEFORE UPDATE ON ledger_tx
BEGIN
	SELECT RAISE(ABORT, 'ledger transactions are never changed');
END;
CREATE TRIGGER ledger_tx_no_delete BEFORE DELETE ON ledger_tx
BEGIN
	SELECT RAISE(ABORT, 'ledger transactions are never deleted');
END;
CREATE TRIGGER ledger_entries_no_update BEFORE UPDATE ON ledger_entries
BEGIN
	SELECT RAISE(ABORT, 'ledger entries are never changed');
END;
CREATE TRIGGER ledger_entries_no_delete BEFORE DELETE ON ledger_entries
BEGIN
	SELECT RAISE(ABORT, 'ledger entries are never deleted');
END;

-- Two-person rule: a pending request is a row; a holder of
-- wallet.approve other than the requester approves (which executes the
-- operation under idem_key) or rejects it.
CREATE TABLE approvals (
	id		INTEGER PRIMARY KEY,
	op		TEXT NOT NULL,		-- "wallet.refund" ...
	idem_key	TEXT NOT NULL UNIQUE,
	digest		TEXT NOT NULL,
	customer_id	INTEGER REFERENCES customers(id),
	shift_id	INTEGER REFERENCES shifts(id),
	ref_id		INTEGER,		-- op-defined: a method, a tx
	amount		INTEGER NOT NULL,
	reason		TEXT NOT NULL,
	requested_by	TEXT NOT NULL,
	requested_uid	INTEGER,
	requested_at	INTEGER NOT NULL,
	state		TEXT NOT NULL DEFAULT 'pending'
			CHECK (state IN ('pending','approved','rejected',
			    'cancelled')),
	decided_by	TEXT,
	decided_uid	INTEGER,
	decided_at	INTEGER,
	tx_id		INTEGER REFERENCES ledger_tx(id)
);
CREATE INDEX approvals_state ON approvals(state, id);
