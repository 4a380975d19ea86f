-- AlterTable
ALTER TABLE "IngestRun" ADD COLUMN     "countedJobs" BIGINT[] DEFAULT ARRAY[]::BIGINT[],
ADD COLUMN     "owner" TEXT,
ADD COLUMN     "recoveredAt" TIMESTAMP(3);
