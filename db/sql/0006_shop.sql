-- 0006: the snack bar: product categories with tax rates, products,
-- stock movements, sales with gapless receipt numbers, refunds of sale
-- lines, loyalty points.
--
-- Amounts are integer minor units; prices are gross (tax included).
-- Tax rates are in basis points (1900 = 19 %). `day` columns hold the
-- business day (YYYY-MM-DD in the café's time zone at the time of the
-- sale), so reports group by plain text.

CREATE TABLE product_categories (
	id		INTEGER PRIMARY KEY,
	name		TEXT NOT NULL,
	name_key	TEXT NOT NULL UNIQUE,	-- lower case
	tax_rate	INTEGER NOT NULL CHECK (tax_rate BETWEEN 0 AND 10000),
	created_at	INTEGER NOT NULL
);

CREATE TABLE products (
	id		INTEGER PRIMARY KEY,
	sku		TEXT NOT NULL,
	sku_key		TEXT NOT NULL UNIQUE,	-- lower case
	name		TEXT NOT NULL,
	category_id	INTEGER NOT NULL REFERENCES product_categories(id),
	price		INTEGER NOT NULL CHECK (price >= 0),
	cost		INTEGER NOT NULL DEFAULT 0 CHECK (cost >= 0),
	reorder_level	INTEGER NOT NULL DEFAULT 0 CHECK (reorder_level >= 0),
	active		INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
	on_hand		INTEGER NOT NULL DEFAULT 0 CHECK (on_hand >= 0),
	created_at	INTEGER NOT NULL
);
CREATE INDEX products_category ON products(category_id);

-- Stock changes only through movements; products.on_hand caches their
-- sum (stock_verify checks it).
CREATE TABLE stock_movements (
	id		INTEGER PRIMARY KEY,
	product_id	INTEGER NOT NULL REFERENCES products(id),
	kind		TEXT NOT NULL CHECK (kind IN
			    ('receive','sale','return','waste','count')),
	qty		INTEGER NOT NULL,	-- signed change of on_hand
	on_hand_after	INTEGER NOT NULL CHECK (on_hand_after >= 0),
	unit_cost	INTEGER,		-- receive: cost per unit
	reason		TEXT NOT NULL DEFAULT '',
	sale_line_id	INTEGER,		-- sale and return
	at		INTEGER NOT NULL,
	actor		TEXT NOT NULL
);
CREATE INDEX stock_movements_product ON stock_movements(product_id, id);

CREATE TRIGGER stock_movements_no_update BEFORE UPDATE ON stock_movements
BEGIN
	SELECT RAISE(ABORT, 'stock movements are append-only');
END;
CREATE TRIGGER stock_movements_no_delete BEFORE DELETE ON stock_movements
BEGIN
	SELECT RAISE(ABORT, 'stock movements are append-only');
END;

-- A sale: one basket paid at once. receipt_no is gapless: it is taken
-- as max + 1 inside the sale's write transaction.
CREATE TABLE sales (
	id		INTEGER PRIMARY KEY,
	receipt_no	INTEGER NOT NULL UNIQUE CHECK (receipt_no > 0),
	at		INTEGER NOT NULL,
	day		TEXT NOT NULL,
	actor		TEXT NOT NULL,
	user_id		INTEGER,		-- staff user; NULL: cli
	method		TEXT NOT NULL
			CHECK (method IN ('wallet','cash','card')),
	customer_id	INTEGER,		-- paying or collecting member
	shift_id	INTEGER,		-- drawer of cash and card sales
	gross		INTEGER NOT NULL CHECK (gross >= 0),
	net		INTEGER NOT NULL,
	tax		INTEGER NOT NULL,
	discount	INTEGER NOT NULL DEFAULT 0 CHECK (discount >= 0),
	tendered	INTEGER,		-- cash handed over
	points		INTEGER NOT NULL DEFAULT 0,	-- loyalty points earned
	ledger_tx	INTEGER,
	idem_key	TEXT UNIQUE,
	idem_hash	TEXT
);
CREATE INDEX sales_day ON sales(day);
CREATE INDEX sales_customer ON sales(customer_id);

CREATE TABLE sale_lines (
	id		INTEGER PRIMARY KEY,
	sale_id		INTEGER NOT NULL REFERENCES sales(id),
	line_no		INTEGER NOT NULL,
	day		TEXT NOT NULL,
	product_id	INTEGER NOT NULL REFERENCES products(id),
	category_id	INTEGER NOT NULL REFERENCES product_categories(id),
	sku		TEXT NOT NULL,		-- as sold
	name		TEXT NOT NULL,		-- as sold
	qty		INTEGER NOT NULL CHECK (qty > 0),
	unit_price	INTEGER NOT NULL CHECK (unit_price >= 0),
	discount	INTEGER NOT NULL DEFAULT 0 CHECK (discount >= 0),
	gross		INTEGER NOT NULL CHECK (gross >= 0),
	tax_rate	INTEGER NOT NULL,
	net		INTEGER NOT NULL,
	tax		INTEGER NOT NULL,
	refunded_qty	INTEGER NOT NULL DEFAULT 0
			CHECK (refunded_qty BETWEEN 0 AND qty),
	UNIQUE (sale_id, line_no)
);
CREATE INDEX sale_lines_day ON sale_lines(day);
CREATE INDEX sale_lines_product ON sale_lines(product_id);

-- A refund of (part of) one sale line; refund_no is gapless too.
CREATE TABLE sale_refunds (
	id		INTEGER PRIMARY KEY,
	refund_no	INTEGER NOT NULL UNIQUE CHECK (refund_no > 0),
	line_id		INTEGER NOT NULL REFERENCES sale_lines(id),
	sale_id		INTEGER NOT NULL REFERENCES sales(id),
	product_id	INTEGER NOT NULL REFERENCES products(id),
	category_id	INTEGER NOT NULL REFERENCES product_categories(id),
	at		INTEGER NOT NULL,
	day		TEXT NOT NULL,
	actor		TEXT NOT NULL,
	qty		INTEGER NOT NULL CHECK (qty > 0),
	gross		INTEGER NOT NULL CHECK (gross >= 0),
	net		INTEGER NOT NULL,
	tax		INTEGER NOT NULL,
	waste		INTEGER NOT NULL DEFAULT 0 CHECK (waste IN (0,1)),
	reason		TEXT NOT NULL,
	shift_id	INTEGER,		-- drawer the cash came out of
	ledger_tx	INTEGER,
	idem_key	TEXT UNIQUE
);
CREATE INDEX sale_refunds_day ON sale_refunds(day);
CREATE INDEX sale_refunds_line ON sale_refunds(line_id);

-- A refund waiting for a second person's approval (the cash desk's
-- approvals table holds the request; this row what to refund), by the
-- request's idempotency key.
CREATE TABLE sale_refund_requests (
	idem_key	TEXT PRIMARY KEY,
	receipt_no	INTEGER NOT NULL,
	line_no		INTEGER NOT NULL,
	qty		INTEGER NOT NULL CHECK (qty > 0),
	waste		INTEGER NOT NULL CHECK (waste IN (0,1)),
	reason		TEXT NOT NULL,
	shift_id	INTEGER
);

-- Loyalty points: one row per earning, redemption or expiry. An earning
-- (a lot) keeps how many of its points are still unspent and the part
-- of its liability value they carry; redemptions and expiry take the
-- oldest lots first, so the ledger's loyalty liability always equals
-- the sum of value_left.
CREATE TABLE loyalty_points (
	id		INTEGER PRIMARY KEY,
	customer_id	INTEGER NOT NULL,
	kind		TEXT NOT NULL CHECK (kind IN
			    ('earn','redeem','refund','expire')),
	points		INTEGER NOT NULL,	-- signed
	value		INTEGER NOT NULL,	-- signed, minor units
	points_left	INTEGER NOT NULL DEFAULT 0 CHECK (points_left >= 0),
	value_left	INTEGER NOT NULL DEFAULT 0 CHECK (value_left >= 0),
	expires_at	INTEGER,		-- earn: NULL never
	source		TEXT NOT NULL DEFAULT '', -- shop, seat, ...
	ref_id		INTEGER,
	at		INTEGER NOT NULL,
	actor		TEXT NOT NULL,
	ledger_tx	INTEGER
);
CREATE INDEX loyalty_points_customer ON loyalty_points(customer_id, id);
CREATE INDEX loyalty_points_open ON loyalty_points(customer_id, id)
	WHERE points_left > 0;
CREATE INDEX loyalty_points_expiry ON loyalty_points(expires_at)
	WHERE points_left > 0;
