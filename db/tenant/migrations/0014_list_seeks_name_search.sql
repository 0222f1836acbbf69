CREATE TABLE `person_name_words` (
	`suffix` text NOT NULL,
	`name_key` text NOT NULL,
	`person_id` text NOT NULL,
	`commune_code` text NOT NULL,
	`status` text NOT NULL,
	`category` text NOT NULL,
	PRIMARY KEY(`suffix`, `name_key`, `person_id`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `person_name_words_person_idx` ON `person_name_words` (`person_id`);--> statement-breakpoint
DROP INDEX `persons_status_idx`;--> statement-breakpoint
CREATE INDEX `persons_status_category_name_idx` ON `persons` (`status`,`category`,`name_key`,`id`);--> statement-breakpoint
CREATE INDEX `persons_commune_status_category_name_idx` ON `persons` (`commune_code`,`status`,`category`,`name_key`,`id`);--> statement-breakpoint
DROP INDEX `imports_created_idx`;--> statement-breakpoint
CREATE INDEX `imports_creator_created_idx` ON `imports` (`created_by`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `imports_created_idx` ON `imports` (`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `import_rows_outcome_idx` ON `import_rows` (`import_id`,`outcome`,`row_number`);
--> statement-breakpoint
-- Name search (decision 0030): the later-word suffixes of the people already registered, then triggers that keep
-- them. A space at character n (1..160; a name is at most 100 characters) starts a suffix.
INSERT INTO `person_name_words` (`suffix`, `name_key`, `person_id`, `commune_code`, `status`, `category`)
  SELECT substr(p.name_key, n.value + 1), p.name_key, p.id, p.commune_code, p.status, p.category FROM persons AS p, json_each('[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63,64,65,66,67,68,69,70,71,72,73,74,75,76,77,78,79,80,81,82,83,84,85,86,87,88,89,90,91,92,93,94,95,96,97,98,99,100,101,102,103,104,105,106,107,108,109,110,111,112,113,114,115,116,117,118,119,120,121,122,123,124,125,126,127,128,129,130,131,132,133,134,135,136,137,138,139,140,141,142,143,144,145,146,147,148,149,150,151,152,153,154,155,156,157,158,159,160]') AS n WHERE substr(p.name_key, n.value, 1) = ' ';--> statement-breakpoint
CREATE TRIGGER `person_name_words_insert` AFTER INSERT ON `persons` BEGIN
  INSERT INTO `person_name_words` (`suffix`, `name_key`, `person_id`, `commune_code`, `status`, `category`)
    SELECT substr(new.name_key, n.value + 1), new.name_key, new.id, new.commune_code, new.status, new.category FROM json_each('[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63,64,65,66,67,68,69,70,71,72,73,74,75,76,77,78,79,80,81,82,83,84,85,86,87,88,89,90,91,92,93,94,95,96,97,98,99,100,101,102,103,104,105,106,107,108,109,110,111,112,113,114,115,116,117,118,119,120,121,122,123,124,125,126,127,128,129,130,131,132,133,134,135,136,137,138,139,140,141,142,143,144,145,146,147,148,149,150,151,152,153,154,155,156,157,158,159,160]') AS n WHERE substr(new.name_key, n.value, 1) = ' ';
END;--> statement-breakpoint
CREATE TRIGGER `person_name_words_delete` AFTER DELETE ON `persons` BEGIN
  DELETE FROM `person_name_words` WHERE `person_id` = old.id;
END;--> statement-breakpoint
CREATE TRIGGER `person_name_words_update` AFTER UPDATE OF `name_key`, `id`, `commune_code`, `status`, `category` ON `persons` BEGIN
  DELETE FROM `person_name_words` WHERE `person_id` = old.id;
  INSERT INTO `person_name_words` (`suffix`, `name_key`, `person_id`, `commune_code`, `status`, `category`)
    SELECT substr(new.name_key, n.value + 1), new.name_key, new.id, new.commune_code, new.status, new.category FROM json_each('[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63,64,65,66,67,68,69,70,71,72,73,74,75,76,77,78,79,80,81,82,83,84,85,86,87,88,89,90,91,92,93,94,95,96,97,98,99,100,101,102,103,104,105,106,107,108,109,110,111,112,113,114,115,116,117,118,119,120,121,122,123,124,125,126,127,128,129,130,131,132,133,134,135,136,137,138,139,140,141,142,143,144,145,146,147,148,149,150,151,152,153,154,155,156,157,158,159,160]') AS n WHERE substr(new.name_key, n.value, 1) = ' ';
END;
