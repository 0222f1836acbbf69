ALTER TABLE `tenants` ADD `onboarding_job` text;--> statement-breakpoint
ALTER TABLE `tenants` ADD `onboarding_error` text;--> statement-breakpoint
ALTER TABLE `tenants` ADD `onboarding_error_at` integer;