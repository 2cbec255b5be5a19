CREATE TABLE "audit_chain" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"event_id" bigint NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "audit_chain_event_id_unique" UNIQUE("event_id")
);
--> statement-breakpoint
CREATE TABLE "signing_keys" (
	"id" text PRIMARY KEY NOT NULL,
	"public_key" text NOT NULL,
	"private_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
-- One event as the text its link hashes: every column, in a form that does not depend on the session's time zone.
CREATE FUNCTION cordon_audit_canonical(e audit_events) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT concat_ws(E'\n', e.id::text, to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    to_json(e.actor)::text, to_json(e.action)::text, coalesce(to_json(e.subject)::text, 'null'), e.detail::text)
$$;
--> statement-breakpoint
CREATE FUNCTION cordon_audit_link(prev_hash text, e audit_events) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to(prev_hash || E'\n' || cordon_audit_canonical(e), 'UTF8')), 'hex')
$$;
--> statement-breakpoint
-- Runs as the inserting transaction commits (a deferred constraint trigger), under a lock held only from there to
-- the commit's end: links follow commit order, so a long transaction never holds up the others' audit writes.
CREATE FUNCTION cordon_chain_audit_event() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  head audit_chain;
  prev text;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('cordon.audit_chain.' || current_schema()));
  SELECT * INTO head FROM audit_chain ORDER BY seq DESC LIMIT 1;
  prev := coalesce(head.hash, repeat('0', 64));
  INSERT INTO audit_chain (seq, event_id, prev_hash, hash)
    VALUES (coalesce(head.seq, 0) + 1, NEW.id, prev, cordon_audit_link(prev, NEW));
  RETURN NULL;
END
$$;
--> statement-breakpoint
DO $$
DECLARE
  e audit_events;
  n bigint := 0;
  prev text := repeat('0', 64);
  next_hash text;
BEGIN
  FOR e IN SELECT * FROM audit_events ORDER BY id LOOP
    n := n + 1;
    next_hash := cordon_audit_link(prev, e);
    INSERT INTO audit_chain (seq, event_id, prev_hash, hash) VALUES (n, e.id, prev, next_hash);
    prev := next_hash;
  END LOOP;
END
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER audit_events_chain AFTER INSERT ON audit_events DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION cordon_chain_audit_event();
--> statement-breakpoint
CREATE TRIGGER audit_chain_append_only BEFORE UPDATE OR DELETE ON audit_chain
  FOR EACH ROW EXECUTE FUNCTION cordon_refuse_change();
--> statement-breakpoint
CREATE TRIGGER signing_keys_append_only BEFORE UPDATE OR DELETE ON signing_keys
  FOR EACH ROW EXECUTE FUNCTION cordon_refuse_change();
