ALTER TABLE `tenants` ADD `database_id` text;--> statement-breakpoint
ALTER TABLE `tenants` ADD `db_fault` text;--> statement-breakpoint
ALTER TABLE `tenants` ADD `db_fault_at` integer;