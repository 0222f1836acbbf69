CREATE TABLE `audit_log` (
	`seq` integer PRIMARY KEY NOT NULL,
	`at` integer NOT NULL,
	`actor_id` text,
	`actor_role` text,
	`action` text NOT NULL,
	`entity_type` text NOT NULL,
	`entity_id` text,
	`province_code` text,
	`outcome` text NOT NULL,
	`request_id` text,
	`client_hash` text,
	`details` text,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
