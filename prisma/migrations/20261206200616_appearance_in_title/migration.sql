-- DropIndex
DROP INDEX "Appearance_articleId_start_end_claimId_key";

-- AlterTable
ALTER TABLE "Appearance" ADD COLUMN     "inTitle" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE UNIQUE INDEX "Appearance_articleId_inTitle_start_end_claimId_key" ON "Appearance"("articleId", "inTitle", "start", "end", "claimId");
