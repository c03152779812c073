-- 0002: free-text search over the audit trail (FTS5, external content).
-- The audit table is append-only, so an insert trigger keeps it in step.

CREATE VIRTUAL TABLE audit_fts USING fts5(
	actor, action, entity, entity_id, detail,
	content='audit', content_rowid='id'
);

INSERT INTO audit_fts (rowid, actor, action, entity, entity_id, detail)
	SELECT id, actor, action, entity, entity_id, detail FROM audit;

CREATE TRIGGER audit_fts_insert AFTER INSERT ON audit
BEGIN
	INSERT INTO audit_fts (rowid, actor, action, entity, entity_id, detail)
	VALUES (new.id, new.actor, new.action, new.entity, new.entity_id,
	    new.detail);
END;

-- Newest-first pages of one entity type.
CREATE INDEX audit_entity_type ON audit(entity, id);
