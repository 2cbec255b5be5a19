DROP INDEX "request_mail_due_idx";--> statement-breakpoint
CREATE INDEX "request_mail_due_idx" ON "request_mail" USING btree ("next_attempt_at") WHERE status in ('pending', 'sending');