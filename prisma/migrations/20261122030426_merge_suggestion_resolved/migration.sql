-- AlterTable
ALTER TABLE "MergeJudgement" ADD COLUMN     "resolvedAt" TIMESTAMP(3);
