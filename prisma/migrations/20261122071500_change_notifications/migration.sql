-- Change notifications, written by hand (Prisma cannot declare triggers): every statement that writes
-- data a reader can see sends one NOTIFY on the `headcount_changes` channel, delivered when its
-- transaction commits (several in one transaction are folded into one per table). The API listens and
-- drops its cache of public read responses, so a write from any process (the ingest CLI, a worker, an
-- editor on another API instance) is visible to the next read. Not watched: sessions, sign-in attempts,
-- users and ingest runs (nothing an anonymous reader sees), and audit events (every edit they record also
-- writes a watched table in the same transaction, and sign-ins, which write only audit events, would
-- otherwise empty the cache).

-- The body is an escaped string with its semicolons written as \073: the migration runner splits scripts
-- at every semicolon, dollar quotes included.
CREATE FUNCTION "headcount_notify_change"() RETURNS trigger LANGUAGE plpgsql
  AS E'BEGIN PERFORM pg_notify(''headcount_changes'', TG_TABLE_NAME)\073 RETURN NULL\073 END'
;

CREATE TRIGGER "article_changes" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Article"
  FOR EACH STATEMENT EXECUTE FUNCTION "headcount_notify_change"();
CREATE TRIGGER "claim_changes" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Claim"
  FOR EACH STATEMENT EXECUTE FUNCTION "headcount_notify_change"();
CREATE TRIGGER "appearance_changes" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Appearance"
  FOR EACH STATEMENT EXECUTE FUNCTION "headcount_notify_change"();
CREATE TRIGGER "appearance_via_changes" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "AppearanceVia"
  FOR EACH STATEMENT EXECUTE FUNCTION "headcount_notify_change"();
CREATE TRIGGER "entity_changes" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Entity"
  FOR EACH STATEMENT EXECUTE FUNCTION "headcount_notify_change"();
CREATE TRIGGER "entity_alias_changes" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "EntityAlias"
  FOR EACH STATEMENT EXECUTE FUNCTION "headcount_notify_change"();
CREATE TRIGGER "entity_mention_changes" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "EntityMention"
  FOR EACH STATEMENT EXECUTE FUNCTION "headcount_notify_change"();
CREATE TRIGGER "merge_judgement_changes" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "MergeJudgement"
  FOR EACH STATEMENT EXECUTE FUNCTION "headcount_notify_change"();
