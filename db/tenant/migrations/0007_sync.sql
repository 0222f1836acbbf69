CREATE TABLE `change_log` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`commune_code` text NOT NULL,
	`op` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `change_log_commune_seq_idx` ON `change_log` (`commune_code`,`seq`);--> statement-breakpoint
CREATE TABLE `sync_receipts` (
	`key` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`device_id` text NOT NULL,
	`type` text NOT NULL,
	`entity_id` text NOT NULL,
	`status` text NOT NULL,
	`result` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sync_receipts_user_at_idx` ON `sync_receipts` (`user_id`,`at`);--> statement-breakpoint
CREATE INDEX `follow_ups_person_idx` ON `follow_ups` (`person_id`,`id`);--> statement-breakpoint
-- Hand-written below (drizzle-kit does not generate triggers): change_log is filled by the database itself on
-- every insert, update and delete of the records offline devices hold. A record moved to another commune logs a
-- delete under the old commune before the upsert under the new one (one trigger, so the order is fixed).
CREATE TRIGGER `persons_change_log_insert` AFTER INSERT ON `persons` BEGIN
	INSERT INTO `change_log` (`entity`, `entity_id`, `commune_code`, `op`, `at`) VALUES ('person', NEW.`id`, NEW.`commune_code`, 'upsert', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER `persons_change_log_update` AFTER UPDATE ON `persons` BEGIN
	INSERT INTO `change_log` (`entity`, `entity_id`, `commune_code`, `op`, `at`) SELECT 'person', OLD.`id`, OLD.`commune_code`, 'delete', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) WHERE OLD.`commune_code` IS NOT NEW.`commune_code` OR OLD.`id` IS NOT NEW.`id`;
	INSERT INTO `change_log` (`entity`, `entity_id`, `commune_code`, `op`, `at`) VALUES ('person', NEW.`id`, NEW.`commune_code`, 'upsert', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER `persons_change_log_delete` AFTER DELETE ON `persons` BEGIN
	INSERT INTO `change_log` (`entity`, `entity_id`, `commune_code`, `op`, `at`) VALUES ('person', OLD.`id`, OLD.`commune_code`, 'delete', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER `rehab_plans_change_log_insert` AFTER INSERT ON `rehab_plans` BEGIN
	INSERT INTO `change_log` (`entity`, `entity_id`, `commune_code`, `op`, `at`) VALUES ('plan', NEW.`id`, NEW.`commune_code`, 'upsert', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER `rehab_plans_change_log_update` AFTER UPDATE ON `rehab_plans` BEGIN
	INSERT INTO `change_log` (`entity`, `entity_id`, `commune_code`, `op`, `at`) SELECT 'plan', OLD.`id`, OLD.`commune_code`, 'delete', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) WHERE OLD.`commune_code` IS NOT NEW.`commune_code` OR OLD.`id` IS NOT NEW.`id`;
	INSERT INTO `change_log` (`entity`, `entity_id`, `commune_code`, `op`, `at`) VALUES ('plan', NEW.`id`, NEW.`commune_code`, 'upsert', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER `rehab_plans_change_log_delete` AFTER DELETE ON `rehab_plans` BEGIN
	INSERT INTO `change_log` (`entity`, `entity_id`, `commune_code`, `op`, `at`) VALUES ('plan', OLD.`id`, OLD.`commune_code`, 'delete', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER `reviews_change_log_insert` AFTER INSERT ON `reviews` BEGIN
	INSERT INTO `change_log` (`entity`, `entity_id`, `commune_code`, `op`, `at`) VALUES ('review', NEW.`id`, NEW.`commune_code`, 'upsert', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER `reviews_change_log_update` AFTER UPDATE ON `reviews` BEGIN
	INSERT INTO `change_log` (`entity`, `entity_id`, `commune_code`, `op`, `at`) SELECT 'review', OLD.`id`, OLD.`commune_code`, 'delete', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) WHERE OLD.`commune_code` IS NOT NEW.`commune_code` OR OLD.`id` IS NOT NEW.`id`;
	INSERT INTO `change_log` (`entity`, `entity_id`, `commune_code`, `op`, `at`) VALUES ('review', NEW.`id`, NEW.`commune_code`, 'upsert', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER `reviews_change_log_delete` AFTER DELETE ON `reviews` BEGIN
	INSERT INTO `change_log` (`entity`, `entity_id`, `commune_code`, `op`, `at`) VALUES ('review', OLD.`id`, OLD.`commune_code`, 'delete', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER `post_rehab_records_change_log_insert` AFTER INSERT ON `post_rehab_records` BEGIN
	INSERT INTO `change_log` (`entity`, `entity_id`, `commune_code`, `op`, `at`) VALUES ('post_rehab', NEW.`id`, NEW.`commune_code`, 'upsert', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER `post_rehab_records_change_log_update` AFTER UPDATE ON `post_rehab_records` BEGIN
	INSERT INTO `change_log` (`entity`, `entity_id`, `commune_code`, `op`, `at`) SELECT 'post_rehab', OLD.`id`, OLD.`commune_code`, 'delete', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) WHERE OLD.`commune_code` IS NOT NEW.`commune_code` OR OLD.`id` IS NOT NEW.`id`;
	INSERT INTO `change_log` (`entity`, `entity_id`, `commune_code`, `op`, `at`) VALUES ('post_rehab', NEW.`id`, NEW.`commune_code`, 'upsert', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER `post_rehab_records_change_log_delete` AFTER DELETE ON `post_rehab_records` BEGIN
	INSERT INTO `change_log` (`entity`, `entity_id`, `commune_code`, `op`, `at`) VALUES ('post_rehab', OLD.`id`, OLD.`commune_code`, 'delete', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER `follow_ups_change_log_insert` AFTER INSERT ON `follow_ups` BEGIN
	INSERT INTO `change_log` (`entity`, `entity_id`, `commune_code`, `op`, `at`) VALUES ('follow_up', NEW.`id`, NEW.`commune_code`, 'upsert', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER `follow_ups_change_log_update` AFTER UPDATE ON `follow_ups` BEGIN
	INSERT INTO `change_log` (`entity`, `entity_id`, `commune_code`, `op`, `at`) SELECT 'follow_up', OLD.`id`, OLD.`commune_code`, 'delete', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) WHERE OLD.`commune_code` IS NOT NEW.`commune_code` OR OLD.`id` IS NOT NEW.`id`;
	INSERT INTO `change_log` (`entity`, `entity_id`, `commune_code`, `op`, `at`) VALUES ('follow_up', NEW.`id`, NEW.`commune_code`, 'upsert', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER `follow_ups_change_log_delete` AFTER DELETE ON `follow_ups` BEGIN
	INSERT INTO `change_log` (`entity`, `entity_id`, `commune_code`, `op`, `at`) VALUES ('follow_up', OLD.`id`, OLD.`commune_code`, 'delete', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;