CREATE TABLE `community_activities` (
	`id` text PRIMARY KEY NOT NULL,
	`commune_code` text NOT NULL,
	`kind` text NOT NULL,
	`held_on` text NOT NULL,
	`organiser` text NOT NULL,
	`topic` text,
	`count` integer NOT NULL,
	`participants` integer,
	`trainee_group` text,
	`cases_opened` integer,
	`value_vnd` integer,
	`version` integer NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text,
	`updated_at` integer NOT NULL,
	`updated_by` text
);
--> statement-breakpoint
CREATE INDEX `community_activities_commune_held_idx` ON `community_activities` (`commune_code`,`held_on`,`id`);--> statement-breakpoint
CREATE INDEX `community_activities_held_idx` ON `community_activities` (`held_on`,`id`);--> statement-breakpoint
CREATE TABLE `community_activity_versions` (
	`activity_id` text NOT NULL,
	`version` integer NOT NULL,
	`record` text NOT NULL,
	`replaced_at` integer NOT NULL,
	`replaced_by` text,
	PRIMARY KEY(`activity_id`, `version`)
);
--> statement-breakpoint
CREATE TABLE `community_model_members` (
	`id` text PRIMARY KEY NOT NULL,
	`model_id` text NOT NULL,
	`person_id` text NOT NULL,
	`commune_code` text NOT NULL,
	`joined_on` text NOT NULL,
	`left_on` text,
	`version` integer NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text,
	`updated_at` integer NOT NULL,
	`updated_by` text
);
--> statement-breakpoint
CREATE INDEX `community_model_members_model_idx` ON `community_model_members` (`model_id`,`id`);--> statement-breakpoint
CREATE INDEX `community_model_members_person_idx` ON `community_model_members` (`person_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `community_model_members_current_uq` ON `community_model_members` (`model_id`,`person_id`) WHERE "community_model_members"."left_on" is null;--> statement-breakpoint
CREATE TABLE `community_model_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`model_id` text NOT NULL,
	`commune_code` text NOT NULL,
	`held_on` text NOT NULL,
	`attendance` integer NOT NULL,
	`topic` text,
	`clients_new` integer,
	`clients_returning` integer,
	`counselled` integer,
	`allowances_vnd` integer,
	`version` integer NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text,
	`updated_at` integer NOT NULL,
	`updated_by` text
);
--> statement-breakpoint
CREATE INDEX `community_model_sessions_model_idx` ON `community_model_sessions` (`model_id`,`held_on`,`id`);--> statement-breakpoint
CREATE INDEX `community_model_sessions_commune_idx` ON `community_model_sessions` (`commune_code`,`held_on`);--> statement-breakpoint
CREATE TABLE `community_models` (
	`id` text PRIMARY KEY NOT NULL,
	`commune_code` text NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`decision` text NOT NULL,
	`helpers` text NOT NULL,
	`status` text NOT NULL,
	`dissolved_on` text,
	`version` integer NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text,
	`updated_at` integer NOT NULL,
	`updated_by` text
);
--> statement-breakpoint
CREATE INDEX `community_models_commune_idx` ON `community_models` (`commune_code`,`kind`,`id`);--> statement-breakpoint
CREATE INDEX `community_models_kind_idx` ON `community_models` (`kind`,`id`);--> statement-breakpoint
-- Hand-written below (drizzle-kit does not generate triggers), as in 0007_sync: the activity log and the community
-- models reach the commune officers' phones through change_log like the case records (decision 0033).
CREATE TRIGGER `community_activities_change_log_insert` AFTER INSERT ON `community_activities` BEGIN
	INSERT INTO `change_log` (`entity`, `entity_id`, `commune_code`, `op`, `at`) VALUES ('activity', NEW.`id`, NEW.`commune_code`, 'upsert', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER `community_activities_change_log_update` AFTER UPDATE ON `community_activities` BEGIN
	INSERT INTO `change_log` (`entity`, `entity_id`, `commune_code`, `op`, `at`) SELECT 'activity', OLD.`id`, OLD.`commune_code`, 'delete', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) WHERE OLD.`commune_code` IS NOT NEW.`commune_code` OR OLD.`id` IS NOT NEW.`id`;
	INSERT INTO `change_log` (`entity`, `entity_id`, `commune_code`, `op`, `at`) VALUES ('activity', NEW.`id`, NEW.`commune_code`, 'upsert', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER `community_activities_change_log_delete` AFTER DELETE ON `community_activities` BEGIN
	INSERT INTO `change_log` (`entity`, `entity_id`, `commune_code`, `op`, `at`) VALUES ('activity', OLD.`id`, OLD.`commune_code`, 'delete', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER `community_models_change_log_insert` AFTER INSERT ON `community_models` BEGIN
	INSERT INTO `change_log` (`entity`, `entity_id`, `commune_code`, `op`, `at`) VALUES ('model', NEW.`id`, NEW.`commune_code`, 'upsert', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER `community_models_change_log_update` AFTER UPDATE ON `community_models` BEGIN
	INSERT INTO `change_log` (`entity`, `entity_id`, `commune_code`, `op`, `at`) SELECT 'model', OLD.`id`, OLD.`commune_code`, 'delete', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) WHERE OLD.`commune_code` IS NOT NEW.`commune_code` OR OLD.`id` IS NOT NEW.`id`;
	INSERT INTO `change_log` (`entity`, `entity_id`, `commune_code`, `op`, `at`) VALUES ('model', NEW.`id`, NEW.`commune_code`, 'upsert', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER `community_models_change_log_delete` AFTER DELETE ON `community_models` BEGIN
	INSERT INTO `change_log` (`entity`, `entity_id`, `commune_code`, `op`, `at`) VALUES ('model', OLD.`id`, OLD.`commune_code`, 'delete', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER `community_model_members_change_log_insert` AFTER INSERT ON `community_model_members` BEGIN
	INSERT INTO `change_log` (`entity`, `entity_id`, `commune_code`, `op`, `at`) VALUES ('model_member', NEW.`id`, NEW.`commune_code`, 'upsert', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER `community_model_members_change_log_update` AFTER UPDATE ON `community_model_members` BEGIN
	INSERT INTO `change_log` (`entity`, `entity_id`, `commune_code`, `op`, `at`) SELECT 'model_member', OLD.`id`, OLD.`commune_code`, 'delete', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) WHERE OLD.`commune_code` IS NOT NEW.`commune_code` OR OLD.`id` IS NOT NEW.`id`;
	INSERT INTO `change_log` (`entity`, `entity_id`, `commune_code`, `op`, `at`) VALUES ('model_member', NEW.`id`, NEW.`commune_code`, 'upsert', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER `community_model_members_change_log_delete` AFTER DELETE ON `community_model_members` BEGIN
	INSERT INTO `change_log` (`entity`, `entity_id`, `commune_code`, `op`, `at`) VALUES ('model_member', OLD.`id`, OLD.`commune_code`, 'delete', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER `community_model_sessions_change_log_insert` AFTER INSERT ON `community_model_sessions` BEGIN
	INSERT INTO `change_log` (`entity`, `entity_id`, `commune_code`, `op`, `at`) VALUES ('model_session', NEW.`id`, NEW.`commune_code`, 'upsert', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER `community_model_sessions_change_log_update` AFTER UPDATE ON `community_model_sessions` BEGIN
	INSERT INTO `change_log` (`entity`, `entity_id`, `commune_code`, `op`, `at`) SELECT 'model_session', OLD.`id`, OLD.`commune_code`, 'delete', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) WHERE OLD.`commune_code` IS NOT NEW.`commune_code` OR OLD.`id` IS NOT NEW.`id`;
	INSERT INTO `change_log` (`entity`, `entity_id`, `commune_code`, `op`, `at`) VALUES ('model_session', NEW.`id`, NEW.`commune_code`, 'upsert', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER `community_model_sessions_change_log_delete` AFTER DELETE ON `community_model_sessions` BEGIN
	INSERT INTO `change_log` (`entity`, `entity_id`, `commune_code`, `op`, `at`) VALUES ('model_session', OLD.`id`, OLD.`commune_code`, 'delete', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
