-- 0005: the floor -- zones and their prices, time rules, stations, seat
-- sessions and their billed segments, prepaid packages, reservations.
-- Times are UTC epoch seconds, amounts minor units. Names are unique
-- case-insensitively through a lower-cased key column.

CREATE TABLE zones (
	id		INTEGER PRIMARY KEY,
	name		TEXT NOT NULL,
	name_key	TEXT NOT NULL UNIQUE,
	hourly		INTEGER NOT NULL CHECK (hourly >= 0),	-- members
	guest_hourly	INTEGER NOT NULL CHECK (guest_hourly >= 0),
	minimum		INTEGER NOT NULL DEFAULT 0 CHECK (minimum >= 0),
	retired		INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0,1)),
	created_at	INTEGER NOT NULL
);

-- A price override in a weekly window of local time. days: bit 0 is
-- Monday ... bit 6 Sunday; the window runs from from_min to to_min
-- minutes after local midnight, into the next day when to_min <=
-- from_min. zone_id NULL: every zone. Where windows overlap, a zone's
-- own rules win over the rules for every zone, and later rules (higher
-- id) over earlier ones.
CREATE TABLE price_rules (
	id		INTEGER PRIMARY KEY,
	zone_id		INTEGER REFERENCES zones(id),
	name		TEXT NOT NULL,
	days		INTEGER NOT NULL CHECK (days BETWEEN 1 AND 127),
	from_min	INTEGER NOT NULL CHECK (from_min BETWEEN 0 AND 1439),
	to_min		INTEGER NOT NULL CHECK (to_min BETWEEN 0 AND 1440),
	hourly		INTEGER NOT NULL CHECK (hourly >= 0),
	guest_hourly	INTEGER NOT NULL CHECK (guest_hourly >= 0),
	retired		INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0,1)),
	created_at	INTEGER NOT NULL,
	CHECK (from_min <> to_min)
);
CREATE INDEX price_rules_zone ON price_rules(zone_id);

-- state is what staff set; "in use" and "reserved" are derived from
-- open sessions and due bookings, so a crash cannot leave them stale.
CREATE TABLE stations (
	id		INTEGER PRIMARY KEY,
	name		TEXT NOT NULL,
	name_key	TEXT NOT NULL UNIQUE,
	zone_id		INTEGER NOT NULL REFERENCES zones(id),
	note		TEXT NOT NULL DEFAULT '',
	state		TEXT NOT NULL DEFAULT 'free'
			CHECK (state IN ('free','maintenance','offline')),
	retired		INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0,1)),
	created_at	INTEGER NOT NULL
);
CREATE INDEX stations_zone ON stations(zone_id);

-- Kinds of prepaid time: "3 hours for 10.00". zone_id NULL: any zone.
CREATE TABLE packages (
	id		INTEGER PRIMARY KEY,
	name		TEXT NOT NULL,
	name_key	TEXT NOT NULL UNIQUE,
	zone_id		INTEGER REFERENCES zones(id),
	minutes		INTEGER NOT NULL CHECK (minutes > 0),
	price		INTEGER NOT NULL CHECK (price >= 0),
	retired		INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0,1)),
	created_at	INTEGER NOT NULL
);

-- A session: the customer (NULL for a guest), its station now, and when
-- it started, was paused, ended. Billed time is in seat_segments.
CREATE TABLE seat_sessions (
	id		INTEGER PRIMARY KEY,
	station_id	INTEGER NOT NULL REFERENCES stations(id),
	customer_id	INTEGER REFERENCES customers(id),
	started_at	INTEGER NOT NULL,
	paused_at	INTEGER,
	ended_at	INTEGER,
	end_reason	TEXT CHECK (end_reason IN ('stop','expired')),
	cost		INTEGER CHECK (cost >= 0),
	paid		INTEGER CHECK (paid >= 0),	-- wallet, cash or card
	debt		INTEGER CHECK (debt >= 0),	-- booked as receivable
	paid_by		TEXT CHECK (paid_by IN ('wallet','cash','card')),
	shift_id	INTEGER REFERENCES shifts(id),
	ledger_tx	INTEGER REFERENCES ledger_tx(id),
	started_by	TEXT NOT NULL,
	ended_by	TEXT
);
-- One open session per station and per customer.
CREATE UNIQUE INDEX seat_sessions_open_station ON seat_sessions(station_id)
	WHERE ended_at IS NULL;
CREATE UNIQUE INDEX seat_sessions_open_customer ON seat_sessions(customer_id)
	WHERE ended_at IS NULL AND customer_id IS NOT NULL;
CREATE INDEX seat_sessions_customer ON seat_sessions(customer_id, id);
CREATE INDEX seat_sessions_ended ON seat_sessions(ended_at);

-- Billed time: [started_at, ended_at) on a station of a zone (the zone
-- as it was then). ended_at NULL: running now.
CREATE TABLE seat_segments (
	id		INTEGER PRIMARY KEY,
	session_id	INTEGER NOT NULL REFERENCES seat_sessions(id),
	station_id	INTEGER NOT NULL REFERENCES stations(id),
	zone_id		INTEGER NOT NULL REFERENCES zones(id),
	started_at	INTEGER NOT NULL,
	ended_at	INTEGER,
	CHECK (ended_at IS NULL OR ended_at >= started_at)
);
CREATE INDEX seat_segments_session ON seat_segments(session_id, id);

-- Packages bought by members, with the minutes they have left.
CREATE TABLE package_purchases (
	id		INTEGER PRIMARY KEY,
	package_id	INTEGER NOT NULL REFERENCES packages(id),
	customer_id	INTEGER NOT NULL REFERENCES customers(id),
	zone_id		INTEGER REFERENCES zones(id),
	minutes		INTEGER NOT NULL CHECK (minutes > 0),
	minutes_left	INTEGER NOT NULL CHECK (minutes_left >= 0),
	price		INTEGER NOT NULL CHECK (price >= 0),
	session_id	INTEGER REFERENCES seat_sessions(id),
	bought_at	INTEGER NOT NULL,
	ledger_tx	INTEGER REFERENCES ledger_tx(id),
	idem_key	TEXT NOT NULL UNIQUE
);
CREATE INDEX package_purchases_customer ON package_purchases(customer_id,
	minutes_left);

-- Package minutes a session used (written when it ends).
CREATE TABLE seat_package_uses (
	session_id	INTEGER NOT NULL REFERENCES seat_sessions(id),
	purchase_id	INTEGER NOT NULL REFERENCES package_purchases(id),
	minutes		INTEGER NOT NULL CHECK (minutes > 0),
	PRIMARY KEY (session_id, purchase_id)
);

-- A booking of a station (any_station: the customer asked for any
-- station of the zone, and this one was assigned) for [starts_at,
-- ends_at). Bookings on one station never overlap while 'booked'.
CREATE TABLE reservations (
	id		INTEGER PRIMARY KEY,
	station_id	INTEGER NOT NULL REFERENCES stations(id),
	zone_id		INTEGER NOT NULL REFERENCES zones(id),
	any_station	INTEGER NOT NULL DEFAULT 0 CHECK (any_station IN (0,1)),
	customer_id	INTEGER NOT NULL REFERENCES customers(id),
	starts_at	INTEGER NOT NULL,
	ends_at		INTEGER NOT NULL,
	state		TEXT NOT NULL DEFAULT 'booked'
			CHECK (state IN ('booked','seated','cancelled',
			    'released')),
	session_id	INTEGER REFERENCES seat_sessions(id),
	note		TEXT NOT NULL DEFAULT '',
	created_at	INTEGER NOT NULL,
	created_by	TEXT NOT NULL,
	CHECK (ends_at > starts_at)
);
CREATE INDEX reservations_station ON reservations(station_id, starts_at);
CREATE INDEX reservations_state ON reservations(state, starts_at);
CREATE INDEX reservations_customer ON reservations(customer_id, starts_at);
