-- 0002: free-text search over the audit trail (FTS5, external content),
-- and an index for newest-first pages of one entity type.
--
-- The index is brought up to date in batches (audit_fts_sync: before a
-- search, and by the listener every few seconds), not by a trigger: an
-- FTS5 insert per audit row would double the pages each change writes.

CREATE VIRTUAL TABLE audit_fts USING fts5(
	actor, action, entity, entity_id, detail,
	content='audit', content_rowid='id'
);

CREATE INDEX audit_entity_type ON audit(entity, id);

-- How far audit_fts has indexed the audit trail.
CREATE TABLE audit_fts_done (
	last_id		INTEGER NOT NULL
);
INSERT INTO audit_fts_done (last_id) VALUES (0);
