CREATE TABLE `commune_mappings` (
	`id` integer PRIMARY KEY NOT NULL,
	`old_code` text,
	`old_name` text NOT NULL,
	`old_district_name` text,
	`old_province_name` text,
	`new_code` text NOT NULL,
	`new_name` text NOT NULL,
	`reconciliation` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `commune_mappings_old_code_idx` ON `commune_mappings` (`old_code`);--> statement-breakpoint
CREATE INDEX `commune_mappings_new_code_idx` ON `commune_mappings` (`new_code`);--> statement-breakpoint
CREATE TABLE `communes` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `tenant_meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
