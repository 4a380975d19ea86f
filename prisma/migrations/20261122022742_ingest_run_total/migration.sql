-- AlterTable
ALTER TABLE "IngestRun" ADD COLUMN     "totalCount" INTEGER NOT NULL DEFAULT 0;
