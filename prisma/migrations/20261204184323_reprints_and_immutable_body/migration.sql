-- DropIndex
DROP INDEX "Article_contentHash_key";

-- CreateIndex
CREATE INDEX "Article_contentHash_idx" ON "Article"("contentHash");

-- Written by hand (Prisma cannot declare triggers). Every offset of an appearance or mention refers to the
-- stored body, so the body, and the hash it is found by, never change once stored: a changed text is a new
-- revision. The body is an escaped string with its semicolons written as \073: the migration runner
-- splits scripts at every semicolon, dollar quotes included.
CREATE FUNCTION "headcount_refuse_body_change"() RETURNS trigger LANGUAGE plpgsql
  AS E'BEGIN RAISE EXCEPTION ''the body of article % is immutable: every appearance and mention points into it'', OLD.id USING ERRCODE = ''55000'', HINT = ''Ingest the changed text as a new revision of the article (the same URL).''\073 END'
;

CREATE TRIGGER "article_body_immutable" BEFORE UPDATE OF body, "contentHash" ON "Article"
  FOR EACH ROW WHEN (OLD.body IS DISTINCT FROM NEW.body OR OLD."contentHash" IS DISTINCT FROM NEW."contentHash")
  EXECUTE FUNCTION "headcount_refuse_body_change"();
