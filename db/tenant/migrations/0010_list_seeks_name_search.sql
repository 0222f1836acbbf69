DROP INDEX `persons_status_idx`;--> statement-breakpoint
CREATE INDEX `persons_status_category_name_idx` ON `persons` (`status`,`category`,`name_key`,`id`);--> statement-breakpoint
CREATE INDEX `persons_commune_status_category_name_idx` ON `persons` (`commune_code`,`status`,`category`,`name_key`,`id`);--> statement-breakpoint
DROP INDEX `imports_created_idx`;--> statement-breakpoint
CREATE INDEX `imports_creator_created_idx` ON `imports` (`created_by`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `imports_created_idx` ON `imports` (`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `import_rows_outcome_idx` ON `import_rows` (`import_id`,`outcome`,`row_number`);--> statement-breakpoint
-- Name search (decision 0030): trigram full-text index over the diacritic-folded name, so `q=ngoc anh` finds
-- "Nguyễn Thị Ngọc Ánh" without reading every name. External content: the names stay in persons only; the
-- triggers keep the index in step (FTS rowid = persons' rowid, which no code path rewrites: no REPLACE, no VACUUM).
CREATE VIRTUAL TABLE `persons_fts` USING fts5(name_key, content='persons', content_rowid='rowid', tokenize='trigram');--> statement-breakpoint
INSERT INTO `persons_fts`(`persons_fts`) VALUES ('rebuild');--> statement-breakpoint
CREATE TRIGGER `persons_fts_insert` AFTER INSERT ON `persons` BEGIN
  INSERT INTO `persons_fts`(rowid, name_key) VALUES (new.rowid, new.name_key);
END;--> statement-breakpoint
CREATE TRIGGER `persons_fts_delete` AFTER DELETE ON `persons` BEGIN
  INSERT INTO `persons_fts`(`persons_fts`, rowid, name_key) VALUES ('delete', old.rowid, old.name_key);
END;--> statement-breakpoint
CREATE TRIGGER `persons_fts_update` AFTER UPDATE OF `name_key` ON `persons` BEGIN
  INSERT INTO `persons_fts`(`persons_fts`, rowid, name_key) VALUES ('delete', old.rowid, old.name_key);
  INSERT INTO `persons_fts`(rowid, name_key) VALUES (new.rowid, new.name_key);
END;
