-- 0001: settings, staff users, TOTP recovery codes, SSH keys, audit chain.

CREATE TABLE settings (
	key		TEXT PRIMARY KEY,
	value		TEXT NOT NULL
);

CREATE TABLE users (
	id		INTEGER PRIMARY KEY,
	name		TEXT NOT NULL UNIQUE,
	role		TEXT NOT NULL
			CHECK (role IN ('admin','manager','cashier','auditor')),
	pw_hash		TEXT NOT NULL,
	disabled	INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0,1)),
	created_at	INTEGER NOT NULL,
	totp_secret	BLOB,			-- sealed with the server key
	totp_key_id	TEXT,
	totp_last_step	INTEGER NOT NULL DEFAULT 0,
	totp_enrolled_at INTEGER
);

CREATE TABLE recovery_codes (
	id		INTEGER PRIMARY KEY,
	user_id		INTEGER NOT NULL REFERENCES users(id),
	code_hash	TEXT NOT NULL,		-- keyed BLAKE2b, hex
	used_at		INTEGER
);
CREATE INDEX recovery_codes_user ON recovery_codes(user_id);

CREATE TABLE user_keys (
	id		INTEGER PRIMARY KEY,
	user_id		INTEGER NOT NULL REFERENCES users(id),
	keytype		TEXT NOT NULL,
	pubkey		TEXT NOT NULL,		-- base64 blob, as in authorized_keys
	fingerprint	TEXT NOT NULL,		-- SHA256:...
	comment		TEXT NOT NULL DEFAULT '',
	created_at	INTEGER NOT NULL,
	UNIQUE (keytype, pubkey)
);
CREATE INDEX user_keys_user ON user_keys(user_id);

CREATE TABLE audit (
	id		INTEGER PRIMARY KEY,
	at		INTEGER NOT NULL,	-- the clock (CAFED_NOW if set)
	real_at		INTEGER NOT NULL,	-- the real time of writing
	clock_override	INTEGER NOT NULL DEFAULT 0,
	actor		TEXT NOT NULL,
	login_id	INTEGER,
	source		TEXT NOT NULL DEFAULT '',
	action		TEXT NOT NULL,
	entity		TEXT NOT NULL DEFAULT '',
	entity_id	TEXT NOT NULL DEFAULT '',
	detail		TEXT NOT NULL DEFAULT '',
	prev_hash	TEXT NOT NULL,
	hash		TEXT NOT NULL
);
CREATE INDEX audit_actor ON audit(actor, id);
CREATE INDEX audit_action ON audit(action, id);
CREATE INDEX audit_entity ON audit(entity, entity_id, id);
CREATE INDEX audit_at ON audit(at, id);

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
	SELECT RAISE(ABORT, 'audit rows are append-only');
END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
	SELECT RAISE(ABORT, 'audit rows are append-only');
END;
