-- Preference records and the audit trail are evidence: the database itself refuses to change or remove them.
CREATE FUNCTION cordon_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION cordon_refuse_change();
--> statement-breakpoint
CREATE TRIGGER preference_records_append_only BEFORE UPDATE OR DELETE ON preference_records
  FOR EACH ROW EXECUTE FUNCTION cordon_refuse_change();
