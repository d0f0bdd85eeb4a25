-- Audit events are append-only (DOMAIN.md "Audit", OPS §2.1 "Cannot permanently delete audit logs").
-- The only changes the database accepts on an existing row are archiving it (archived false -> true) and sealing it
-- once into the hash chain (chain_seq and chain_hash, from empty to set, by the audit plugin's sealing job).
CREATE OR REPLACE FUNCTION switchboard_audit_event_guard() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF (to_jsonb(NEW) - 'archived' - 'updated_at' - 'updated_by_id' - 'chain_seq' - 'chain_hash')
       IS DISTINCT FROM (to_jsonb(OLD) - 'archived' - 'updated_at' - 'updated_by_id' - 'chain_seq' - 'chain_hash') THEN
      RAISE EXCEPTION 'audit events are append-only: only the archived flag may change'
        USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF (to_jsonb(OLD) ->> 'chain_hash') IS NOT NULL
       AND ((to_jsonb(NEW) -> 'chain_hash') IS DISTINCT FROM (to_jsonb(OLD) -> 'chain_hash')
            OR (to_jsonb(NEW) -> 'chain_seq') IS DISTINCT FROM (to_jsonb(OLD) -> 'chain_seq')) THEN
      RAISE EXCEPTION 'audit events are append-only: a sealed event keeps its seal'
        USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF COALESCE(OLD.archived, false) AND NOT COALESCE(NEW.archived, false) THEN
      RAISE EXCEPTION 'audit events are append-only: an archived event stays archived'
        USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit events are append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS audit_event_append_only_rows ON audit_event;
CREATE TRIGGER audit_event_append_only_rows
  BEFORE UPDATE OR DELETE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION switchboard_audit_event_guard();

DROP TRIGGER IF EXISTS audit_event_append_only_truncate ON audit_event;
CREATE TRIGGER audit_event_append_only_truncate
  BEFORE TRUNCATE ON audit_event
  FOR EACH STATEMENT EXECUTE FUNCTION switchboard_audit_event_guard();
