CREATE TABLE `handovers` (
	`id` text PRIMARY KEY NOT NULL,
	`person_id` text,
	`commune_code` text NOT NULL,
	`to_province_code` text NOT NULL,
	`from_commune_code` text NOT NULL,
	`from_province_code` text NOT NULL,
	`moved_on` text NOT NULL,
	`notified_at` integer NOT NULL,
	`note` text,
	`decision` text,
	`subject` text NOT NULL,
	`status` text NOT NULL,
	`responded_at` integer,
	`responded_by` text,
	`decline_reason` text,
	`delivered_at` integer,
	`version` integer NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text,
	`updated_at` integer NOT NULL,
	`updated_by` text
);
--> statement-breakpoint
CREATE INDEX `handovers_person_idx` ON `handovers` (`person_id`);--> statement-breakpoint
CREATE INDEX `handovers_commune_status_idx` ON `handovers` (`commune_code`,`status`);--> statement-breakpoint
CREATE INDEX `handovers_from_commune_status_idx` ON `handovers` (`from_commune_code`,`status`);--> statement-breakpoint
CREATE TABLE `monitoring_records` (
	`id` text PRIMARY KEY NOT NULL,
	`person_id` text NOT NULL,
	`commune_code` text NOT NULL,
	`context` text NOT NULL,
	`start_on` text NOT NULL,
	`end_on` text,
	`status` text NOT NULL,
	`decision` text NOT NULL,
	`end_decision` text,
	`version` integer NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text,
	`updated_at` integer NOT NULL,
	`updated_by` text
);
--> statement-breakpoint
CREATE INDEX `monitoring_person_idx` ON `monitoring_records` (`person_id`,`id`);--> statement-breakpoint
ALTER TABLE `persons` ADD `legal_representative` text;--> statement-breakpoint
-- Hand-written below (drizzle-kit does not generate triggers), as in 0007_sync: hand-overs and monitoring reach the
-- officers' devices through change_log. A hand-over is logged under both communes, the receiving and the sending one,
-- since both see it (and its being overdue).

CREATE TRIGGER `handovers_change_log_commune_code_insert` AFTER INSERT ON `handovers` BEGIN
	INSERT INTO `change_log` (`entity`, `entity_id`, `commune_code`, `op`, `at`) VALUES ('handover', NEW.`id`, NEW.`commune_code`, 'upsert', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER `handovers_change_log_commune_code_update` AFTER UPDATE ON `handovers` BEGIN
	INSERT INTO `change_log` (`entity`, `entity_id`, `commune_code`, `op`, `at`) SELECT 'handover', OLD.`id`, OLD.`commune_code`, 'delete', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) WHERE OLD.`commune_code` IS NOT NEW.`commune_code` OR OLD.`id` IS NOT NEW.`id`;
	INSERT INTO `change_log` (`entity`, `entity_id`, `commune_code`, `op`, `at`) VALUES ('handover', NEW.`id`, NEW.`commune_code`, 'upsert', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER `handovers_change_log_commune_code_delete` AFTER DELETE ON `handovers` BEGIN
	INSERT INTO `change_log` (`entity`, `entity_id`, `commune_code`, `op`, `at`) VALUES ('handover', OLD.`id`, OLD.`commune_code`, 'delete', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER `handovers_change_log_from_commune_code_insert` AFTER INSERT ON `handovers` BEGIN
	INSERT INTO `change_log` (`entity`, `entity_id`, `commune_code`, `op`, `at`) VALUES ('handover', NEW.`id`, NEW.`from_commune_code`, 'upsert', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER `handovers_change_log_from_commune_code_update` AFTER UPDATE ON `handovers` BEGIN
	INSERT INTO `change_log` (`entity`, `entity_id`, `commune_code`, `op`, `at`) SELECT 'handover', OLD.`id`, OLD.`from_commune_code`, 'delete', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) WHERE OLD.`from_commune_code` IS NOT NEW.`from_commune_code` OR OLD.`id` IS NOT NEW.`id`;
	INSERT INTO `change_log` (`entity`, `entity_id`, `commune_code`, `op`, `at`) VALUES ('handover', NEW.`id`, NEW.`from_commune_code`, 'upsert', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER `handovers_change_log_from_commune_code_delete` AFTER DELETE ON `handovers` BEGIN
	INSERT INTO `change_log` (`entity`, `entity_id`, `commune_code`, `op`, `at`) VALUES ('handover', OLD.`id`, OLD.`from_commune_code`, 'delete', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER `monitoring_records_change_log_commune_code_insert` AFTER INSERT ON `monitoring_records` BEGIN
	INSERT INTO `change_log` (`entity`, `entity_id`, `commune_code`, `op`, `at`) VALUES ('monitoring', NEW.`id`, NEW.`commune_code`, 'upsert', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER `monitoring_records_change_log_commune_code_update` AFTER UPDATE ON `monitoring_records` BEGIN
	INSERT INTO `change_log` (`entity`, `entity_id`, `commune_code`, `op`, `at`) SELECT 'monitoring', OLD.`id`, OLD.`commune_code`, 'delete', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) WHERE OLD.`commune_code` IS NOT NEW.`commune_code` OR OLD.`id` IS NOT NEW.`id`;
	INSERT INTO `change_log` (`entity`, `entity_id`, `commune_code`, `op`, `at`) VALUES ('monitoring', NEW.`id`, NEW.`commune_code`, 'upsert', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER `monitoring_records_change_log_commune_code_delete` AFTER DELETE ON `monitoring_records` BEGIN
	INSERT INTO `change_log` (`entity`, `entity_id`, `commune_code`, `op`, `at`) VALUES ('monitoring', OLD.`id`, OLD.`commune_code`, 'delete', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
