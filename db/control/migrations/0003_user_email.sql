ALTER TABLE `users` ADD `email` text;--> statement-breakpoint
ALTER TABLE `one_time_tokens` ADD `created_client_hash` text;