-- Signing keys stay append-only but for one change: a private key kept in the clear may be replaced by its sealed
-- form (CORDON_SECRET_KEY), in the same row. Nothing else about a key may change, and a key is never deleted.
CREATE FUNCTION cordon_signing_keys_seal_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.id = OLD.id AND NEW.public_key = OLD.public_key AND NEW.created_at = OLD.created_at
    AND OLD.private_key NOT LIKE 'cordon-sealed/1:%' AND NEW.private_key LIKE 'cordon-sealed/1:%' THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;
END
$$;
--> statement-breakpoint
DROP TRIGGER signing_keys_append_only ON signing_keys;
--> statement-breakpoint
CREATE TRIGGER signing_keys_append_only BEFORE UPDATE OR DELETE ON signing_keys
  FOR EACH ROW EXECUTE FUNCTION cordon_signing_keys_seal_only();
