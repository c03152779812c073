-- 0007: the audit trail's filter keys move to a side table.
--
-- Every audit row used to update five indexes besides the table itself
-- (actor, action, entity, date, entity type): six B-trees, six pages in
-- the WAL, for each money operation. The keys a search filters on now
-- live in audit_keys, one row per audit row with the same id, indexed
-- there; it is brought up to date in batches, like audit_fts
-- (audit_fts_sync: before a search and by the listener every few
-- seconds), so appending an audit row writes one B-tree. The audit
-- table, its hash chain and its append-only triggers are unchanged.

CREATE TABLE audit_keys (
	id		INTEGER PRIMARY KEY,	-- = audit.id
	at		INTEGER NOT NULL,
	actor		TEXT NOT NULL,
	action		TEXT NOT NULL,
	entity		TEXT NOT NULL,
	entity_id	TEXT NOT NULL
);

INSERT INTO audit_keys (id, at, actor, action, entity, entity_id)
	SELECT id, at, actor, action, entity, entity_id FROM audit;

DROP INDEX audit_actor;
DROP INDEX audit_action;
DROP INDEX audit_entity;
DROP INDEX audit_at;
DROP INDEX audit_entity_type;

CREATE INDEX audit_keys_actor ON audit_keys(actor, id);
CREATE INDEX audit_keys_action ON audit_keys(action, id);
CREATE INDEX audit_keys_entity ON audit_keys(entity, entity_id, id);
CREATE INDEX audit_keys_at ON audit_keys(at, id);
CREATE INDEX audit_keys_entity_type ON audit_keys(entity, id);
