CREATE TABLE `central_refreshes` (
	`province_code` text PRIMARY KEY NOT NULL,
	`last_attempt_at` integer NOT NULL,
	`last_success_at` integer,
	`last_error` text,
	`failures` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `central_snapshots` (
	`province_code` text NOT NULL,
	`period` text NOT NULL,
	`total` text NOT NULL,
	`communes` text NOT NULL,
	`targets` text,
	`drug_free` text,
	`computed_at` integer NOT NULL,
	PRIMARY KEY(`province_code`, `period`)
);
