CREATE TABLE `admin_units_loads` (
	`source` text PRIMARY KEY NOT NULL,
	`loaded_at` integer NOT NULL,
	`report` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `commune_mappings` (
	`id` integer PRIMARY KEY NOT NULL,
	`province_code` text NOT NULL,
	`old_code` text,
	`old_name` text NOT NULL,
	`old_district_name` text,
	`old_province_name` text,
	`new_code` text NOT NULL,
	`new_name` text NOT NULL,
	`reconciliation` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `commune_mappings_province_idx` ON `commune_mappings` (`province_code`);--> statement-breakpoint
CREATE TABLE `communes` (
	`code` text PRIMARY KEY NOT NULL,
	`province_code` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `communes_province_idx` ON `communes` (`province_code`);--> statement-breakpoint
CREATE TABLE `provinces` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `tenants` (
	`province_code` text PRIMARY KEY NOT NULL,
	`status` text NOT NULL,
	`provider` text NOT NULL,
	`db_name` text NOT NULL,
	`db_location` text,
	`schema_version` text,
	`commune_count` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`activated_at` integer,
	`suspended_at` integer
);
