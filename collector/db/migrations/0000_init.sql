CREATE TABLE "api_keys" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"key_hash" text NOT NULL,
	"admin" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_keys_key_hash_unique" UNIQUE("key_hash")
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"subject" text,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "device_links" (
	"site" text NOT NULL,
	"device_id" text NOT NULL,
	"account_id" text NOT NULL,
	"linked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "device_links_site_device_id_pk" PRIMARY KEY("site","device_id")
);
--> statement-breakpoint
CREATE TABLE "email_links" (
	"site" text NOT NULL,
	"email_hash" text NOT NULL,
	"account_id" text NOT NULL,
	"linked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "email_links_site_email_hash_pk" PRIMARY KEY("site","email_hash")
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"topic" text NOT NULL,
	"destination" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"payload" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"due_at" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"delivered_at" timestamp with time zone,
	"acknowledgement" jsonb,
	CONSTRAINT "outbox_idempotency_key_unique" UNIQUE("idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "preference_records" (
	"id" uuid PRIMARY KEY NOT NULL,
	"site" text NOT NULL,
	"device_id" text NOT NULL,
	"sale_opt_out" boolean NOT NULL,
	"sharing_opt_out" boolean NOT NULL,
	"limit_sensitive" boolean NOT NULL,
	"gpc" boolean NOT NULL,
	"source" text NOT NULL,
	"regime" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"url" text NOT NULL,
	"notice_version" text
);
--> statement-breakpoint
CREATE TABLE "subject_states" (
	"site" text NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"sale_opt_out" boolean NOT NULL,
	"sharing_opt_out" boolean NOT NULL,
	"limit_sensitive" boolean NOT NULL,
	"gpc" boolean NOT NULL,
	"source" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "subject_states_site_kind_key_pk" PRIMARY KEY("site","kind","key")
);
--> statement-breakpoint
CREATE INDEX "audit_events_subject_idx" ON "audit_events" USING btree ("subject","at");--> statement-breakpoint
CREATE INDEX "device_links_account_idx" ON "device_links" USING btree ("site","account_id");--> statement-breakpoint
CREATE INDEX "outbox_due_idx" ON "outbox" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "preference_records_device_idx" ON "preference_records" USING btree ("site","device_id","occurred_at");