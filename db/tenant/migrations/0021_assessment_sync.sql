-- The commune's drug-free self-assessments on the phone (issue #17, decision 0044): change_log follows them like
-- every other record a device holds, under the assessment's commune. Only triggers: no table changes.
CREATE TRIGGER `commune_assessments_change_log_insert` AFTER INSERT ON `commune_assessments` BEGIN
	INSERT INTO `change_log` (`entity`, `entity_id`, `commune_code`, `op`, `at`) VALUES ('assessment', NEW.`id`, NEW.`commune_code`, 'upsert', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER `commune_assessments_change_log_update` AFTER UPDATE ON `commune_assessments` BEGIN
	INSERT INTO `change_log` (`entity`, `entity_id`, `commune_code`, `op`, `at`) SELECT 'assessment', OLD.`id`, OLD.`commune_code`, 'delete', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) WHERE OLD.`commune_code` IS NOT NEW.`commune_code` OR OLD.`id` IS NOT NEW.`id`;
	INSERT INTO `change_log` (`entity`, `entity_id`, `commune_code`, `op`, `at`) VALUES ('assessment', NEW.`id`, NEW.`commune_code`, 'upsert', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER `commune_assessments_change_log_delete` AFTER DELETE ON `commune_assessments` BEGIN
	INSERT INTO `change_log` (`entity`, `entity_id`, `commune_code`, `op`, `at`) VALUES ('assessment', OLD.`id`, OLD.`commune_code`, 'delete', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
