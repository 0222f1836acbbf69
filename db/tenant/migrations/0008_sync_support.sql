DROP INDEX `support_person_idx`;--> statement-breakpoint
CREATE INDEX `support_person_idx` ON `support_records` (`person_id`,`id`);--> statement-breakpoint
-- Hand-written below (drizzle-kit does not generate triggers), as in 0007_sync: support records given offline
-- (POST /sync/push support.create) reach the officer's other devices through change_log like the other records.
CREATE TRIGGER `support_records_change_log_insert` AFTER INSERT ON `support_records` BEGIN
	INSERT INTO `change_log` (`entity`, `entity_id`, `commune_code`, `op`, `at`) VALUES ('support', NEW.`id`, NEW.`commune_code`, 'upsert', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER `support_records_change_log_update` AFTER UPDATE ON `support_records` BEGIN
	INSERT INTO `change_log` (`entity`, `entity_id`, `commune_code`, `op`, `at`) SELECT 'support', OLD.`id`, OLD.`commune_code`, 'delete', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) WHERE OLD.`commune_code` IS NOT NEW.`commune_code` OR OLD.`id` IS NOT NEW.`id`;
	INSERT INTO `change_log` (`entity`, `entity_id`, `commune_code`, `op`, `at`) VALUES ('support', NEW.`id`, NEW.`commune_code`, 'upsert', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER `support_records_change_log_delete` AFTER DELETE ON `support_records` BEGIN
	INSERT INTO `change_log` (`entity`, `entity_id`, `commune_code`, `op`, `at`) VALUES ('support', OLD.`id`, OLD.`commune_code`, 'delete', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;