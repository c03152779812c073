-- 0003: the front door: live logins and the login throttles.

-- One row per login (SSH or local console). A row is live while ended_at
-- is NULL; ending it (logout, kill, disabled account, lost connection)
-- keeps the row as history.
CREATE TABLE logins (
	id		INTEGER PRIMARY KEY,
	user_id		INTEGER NOT NULL REFERENCES users(id),
	source		TEXT NOT NULL DEFAULT '',	-- address, or 'local'
	method		TEXT NOT NULL DEFAULT '',	-- password, publickey, ...
	pid		INTEGER NOT NULL DEFAULT 0,	-- the session process
	started_at	INTEGER NOT NULL,
	last_active	INTEGER NOT NULL,		-- at most a minute old
	ended_at	INTEGER,
	end_reason	TEXT NOT NULL DEFAULT ''
);
CREATE INDEX logins_live ON logins(ended_at, id);
CREATE INDEX logins_user ON logins(user_id, id);

-- Failed-login counters. kind 'pair' is one account from one source
-- address (slowed, then locked); 'account' the account from anywhere
-- (only slowed); 'addr' one source address across accounts (slowed,
-- then locked). Unused fields are ''.
CREATE TABLE login_throttle (
	kind		TEXT NOT NULL CHECK (kind IN ('pair','account','addr')),
	account		TEXT NOT NULL DEFAULT '',
	addr		TEXT NOT NULL DEFAULT '',
	failures	INTEGER NOT NULL DEFAULT 0,	-- since the last lock
	last_fail	INTEGER NOT NULL DEFAULT 0,
	locks		INTEGER NOT NULL DEFAULT 0,	-- for the doubling
	locked_until	INTEGER NOT NULL DEFAULT 0,
	unlock_pending	INTEGER NOT NULL DEFAULT 0,	-- unlock not yet audited
	PRIMARY KEY (kind, account, addr)
);
CREATE INDEX login_throttle_unlock ON login_throttle(unlock_pending,
    locked_until);
