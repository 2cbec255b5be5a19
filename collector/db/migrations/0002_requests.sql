CREATE TABLE "request_codes" (
	"request_id" uuid PRIMARY KEY NOT NULL,
	"code_hash" text,
	"expires_at" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"issued" integer NOT NULL,
	"issued_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "request_mail" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"site" text NOT NULL,
	"request_id" uuid NOT NULL,
	"template" text NOT NULL,
	"recipient" text,
	"subject" text NOT NULL,
	"body" text,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone,
	"last_error" text
);
--> statement-breakpoint
CREATE TABLE "rights_requests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"site" text NOT NULL,
	"type" text NOT NULL,
	"claimed_jurisdiction" text,
	"jurisdiction" text,
	"review" text,
	"channel" text NOT NULL,
	"status" text NOT NULL,
	"priority" integer NOT NULL,
	"email_hash" text NOT NULL,
	"contact" text,
	"evidence" jsonb NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"acknowledge_by" timestamp with time zone,
	"acknowledged_at" timestamp with time zone,
	"due_at" timestamp with time zone NOT NULL,
	"extended_due_at" timestamp with time zone,
	"extension_reason" text,
	"current_due_at" timestamp with time zone NOT NULL,
	"verified_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"outcome" text,
	"denial_basis" text,
	"denial_explanation" text,
	"result_summary" text,
	"result_data" text,
	"fulfilment" text,
	"escalated_days" integer,
	"overdue_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "request_codes" ADD CONSTRAINT "request_codes_request_id_rights_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."rights_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_mail" ADD CONSTRAINT "request_mail_request_id_rights_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."rights_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "request_mail_due_idx" ON "request_mail" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "request_mail_request_idx" ON "request_mail" USING btree ("request_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "rights_requests_open_identity_idx" ON "rights_requests" USING btree ("site","email_hash","type") WHERE status in ('received', 'verifying', 'in_progress');--> statement-breakpoint
CREATE INDEX "rights_requests_queue_idx" ON "rights_requests" USING btree ("current_due_at","priority","id") WHERE status in ('received', 'verifying', 'in_progress');--> statement-breakpoint
CREATE INDEX "rights_requests_all_idx" ON "rights_requests" USING btree ("current_due_at","priority","id");--> statement-breakpoint
CREATE INDEX "rights_requests_received_idx" ON "rights_requests" USING btree ("received_at");--> statement-breakpoint
-- §7101: request records are kept at least 24 months; the database refuses to delete a younger one.
CREATE FUNCTION cordon_keep_request_records() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.received_at > now() - interval '24 months' THEN
    RAISE EXCEPTION 'rights_requests are kept 24 months: request % was received %', OLD.id, OLD.received_at;
  END IF;
  RETURN OLD;
END
$$;
--> statement-breakpoint
CREATE TRIGGER rights_requests_retention BEFORE DELETE ON rights_requests
  FOR EACH ROW EXECUTE FUNCTION cordon_keep_request_records();
