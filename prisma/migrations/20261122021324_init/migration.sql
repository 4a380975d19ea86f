-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Metric" AS ENUM ('deployed', 'planned_deployment', 'present', 'killed', 'wounded', 'casualties', 'captured', 'missing', 'repatriated', 'recruited', 'force_size');

-- CreateEnum
CREATE TYPE "Qualifier" AS ENUM ('exact', 'approximate', 'at_least', 'more_than', 'at_most', 'up_to', 'range', 'vague');

-- CreateEnum
CREATE TYPE "Rate" AS ENUM ('total', 'per_day', 'per_week', 'percent');

-- CreateEnum
CREATE TYPE "Precision" AS ENUM ('day', 'week', 'month', 'year', 'unknown');

-- CreateEnum
CREATE TYPE "ReviewStatus" AS ENUM ('unreviewed', 'verified', 'disputed', 'rejected');

-- CreateEnum
CREATE TYPE "Origin" AS ENUM ('machine', 'editor');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('viewer', 'editor', 'admin');

-- CreateEnum
CREATE TYPE "EntityType" AS ENUM ('person', 'organization', 'place', 'group');

-- CreateEnum
CREATE TYPE "AliasKind" AS ENUM ('written', 'titled', 'abbreviation', 'editor');

-- CreateEnum
CREATE TYPE "MergeVerdict" AS ENUM ('same', 'different', 'unsure');

-- CreateEnum
CREATE TYPE "IngestStatus" AS ENUM ('running', 'completed', 'failed');

-- CreateTable
CREATE TABLE "Article" (
    "id" SERIAL NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "rawInput" TEXT NOT NULL,
    "rawFormat" TEXT NOT NULL DEFAULT 'txt',
    "contentHash" TEXT NOT NULL,
    "url" TEXT,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "previousVersionId" INTEGER,
    "outletId" INTEGER,
    "publishedAt" DATE,
    "publishedPrecision" "Precision" NOT NULL DEFAULT 'unknown',
    "language" TEXT NOT NULL DEFAULT 'en',
    "extractorVersion" TEXT,
    "ingestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ingestRunId" INTEGER,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Article_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Claim" (
    "id" SERIAL NOT NULL,
    "metric" "Metric" NOT NULL,
    "subject" TEXT NOT NULL,
    "subjectEntityId" INTEGER,
    "valueLow" INTEGER,
    "valueHigh" INTEGER,
    "valueBest" INTEGER,
    "qualifier" "Qualifier" NOT NULL,
    "hedge" TEXT,
    "additional" BOOLEAN NOT NULL DEFAULT false,
    "rate" "Rate" NOT NULL DEFAULT 'total',
    "locationId" INTEGER,
    "statedOn" DATE,
    "statedOnPrecision" "Precision" NOT NULL DEFAULT 'unknown',
    "refersFrom" DATE,
    "refersFromPrecision" "Precision",
    "refersTo" DATE,
    "refersToPrecision" "Precision",
    "sourceId" INTEGER,
    "reviewStatus" "ReviewStatus" NOT NULL DEFAULT 'unreviewed',
    "origin" "Origin" NOT NULL DEFAULT 'machine',
    "extractorVersion" TEXT,
    "confidence" DOUBLE PRECISION,
    "editedFields" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "version" INTEGER NOT NULL DEFAULT 1,
    "deletedAt" TIMESTAMP(3),
    "deletedById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" INTEGER,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedById" INTEGER,

    CONSTRAINT "Claim_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Appearance" (
    "id" SERIAL NOT NULL,
    "claimId" INTEGER NOT NULL,
    "articleId" INTEGER NOT NULL,
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    "quote" TEXT NOT NULL,
    "prefix" TEXT NOT NULL DEFAULT '',
    "suffix" TEXT NOT NULL DEFAULT '',
    "confidence" DOUBLE PRECISION,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Appearance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AppearanceVia" (
    "appearanceId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "entityId" INTEGER NOT NULL,

    CONSTRAINT "AppearanceVia_pkey" PRIMARY KEY ("appearanceId","position")
);

-- CreateTable
CREATE TABLE "Entity" (
    "id" SERIAL NOT NULL,
    "type" "EntityType" NOT NULL,
    "name" TEXT NOT NULL,
    "normalizedName" TEXT NOT NULL,
    "role" TEXT,
    "affiliationId" INTEGER,
    "mergedIntoId" INTEGER,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Entity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EntityAlias" (
    "id" SERIAL NOT NULL,
    "entityId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "normalized" TEXT NOT NULL,
    "kind" "AliasKind" NOT NULL DEFAULT 'written',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EntityAlias_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EntityMention" (
    "id" SERIAL NOT NULL,
    "entityId" INTEGER NOT NULL,
    "articleId" INTEGER NOT NULL,
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    "text" TEXT NOT NULL,

    CONSTRAINT "EntityMention_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MergeJudgement" (
    "id" SERIAL NOT NULL,
    "keepId" INTEGER NOT NULL,
    "mergeId" INTEGER NOT NULL,
    "verdict" "MergeVerdict" NOT NULL,
    "score" DOUBLE PRECISION,
    "origin" "Origin" NOT NULL DEFAULT 'machine',
    "note" TEXT,
    "snapshot" JSONB,
    "judgedById" INTEGER,
    "judgedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "undoneAt" TIMESTAMP(3),

    CONSTRAINT "MergeJudgement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "displayName" TEXT,
    "role" "Role" NOT NULL DEFAULT 'viewer',
    "passwordHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "disabledAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" SERIAL NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "userId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "userAgent" TEXT,
    "clientIp" TEXT,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LoginAttempt" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "clientIp" TEXT,
    "succeeded" BOOLEAN NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LoginAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" INTEGER,
    "action" TEXT NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" INTEGER NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "note" TEXT,
    "requestId" TEXT,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IngestRun" (
    "id" SERIAL NOT NULL,
    "trigger" TEXT NOT NULL,
    "status" "IngestStatus" NOT NULL DEFAULT 'running',
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "extractorVersion" TEXT,
    "newCount" INTEGER NOT NULL DEFAULT 0,
    "unchangedCount" INTEGER NOT NULL DEFAULT 0,
    "revisionCount" INTEGER NOT NULL DEFAULT 0,
    "failedCount" INTEGER NOT NULL DEFAULT 0,
    "failures" JSONB NOT NULL DEFAULT '[]',

    CONSTRAINT "IngestRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Article_contentHash_key" ON "Article"("contentHash");

-- CreateIndex
CREATE UNIQUE INDEX "Article_previousVersionId_key" ON "Article"("previousVersionId");

-- CreateIndex
CREATE INDEX "Article_publishedAt_idx" ON "Article"("publishedAt");

-- CreateIndex
CREATE INDEX "Article_outletId_publishedAt_idx" ON "Article"("outletId", "publishedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Article_url_revision_key" ON "Article"("url", "revision");

-- CreateIndex
CREATE INDEX "Claim_metric_statedOn_idx" ON "Claim"("metric", "statedOn");

-- CreateIndex
CREATE INDEX "Claim_sourceId_statedOn_idx" ON "Claim"("sourceId", "statedOn");

-- CreateIndex
CREATE INDEX "Claim_locationId_idx" ON "Claim"("locationId");

-- CreateIndex
CREATE INDEX "Claim_subjectEntityId_idx" ON "Claim"("subjectEntityId");

-- CreateIndex
CREATE INDEX "Claim_reviewStatus_confidence_idx" ON "Claim"("reviewStatus", "confidence");

-- CreateIndex
CREATE INDEX "Claim_updatedAt_idx" ON "Claim"("updatedAt");

-- CreateIndex
CREATE INDEX "Appearance_claimId_idx" ON "Appearance"("claimId");

-- CreateIndex
CREATE UNIQUE INDEX "Appearance_articleId_start_end_claimId_key" ON "Appearance"("articleId", "start", "end", "claimId");

-- CreateIndex
CREATE INDEX "AppearanceVia_entityId_idx" ON "AppearanceVia"("entityId");

-- CreateIndex
CREATE INDEX "Entity_type_normalizedName_idx" ON "Entity"("type", "normalizedName");

-- CreateIndex
CREATE INDEX "Entity_mergedIntoId_idx" ON "Entity"("mergedIntoId");

-- CreateIndex
CREATE INDEX "Entity_affiliationId_idx" ON "Entity"("affiliationId");

-- CreateIndex
CREATE INDEX "EntityAlias_normalized_idx" ON "EntityAlias"("normalized");

-- CreateIndex
CREATE UNIQUE INDEX "EntityAlias_entityId_normalized_key" ON "EntityAlias"("entityId", "normalized");

-- CreateIndex
CREATE INDEX "EntityMention_entityId_idx" ON "EntityMention"("entityId");

-- CreateIndex
CREATE UNIQUE INDEX "EntityMention_articleId_start_end_key" ON "EntityMention"("articleId", "start", "end");

-- CreateIndex
CREATE INDEX "MergeJudgement_keepId_idx" ON "MergeJudgement"("keepId");

-- CreateIndex
CREATE INDEX "MergeJudgement_mergeId_idx" ON "MergeJudgement"("mergeId");

-- CreateIndex
CREATE INDEX "MergeJudgement_verdict_idx" ON "MergeJudgement"("verdict");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "Session_tokenHash_key" ON "Session"("tokenHash");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE INDEX "LoginAttempt_email_at_idx" ON "LoginAttempt"("email", "at");

-- CreateIndex
CREATE INDEX "LoginAttempt_clientIp_at_idx" ON "LoginAttempt"("clientIp", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_subjectType_subjectId_at_idx" ON "AuditEvent"("subjectType", "subjectId", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_actorId_at_idx" ON "AuditEvent"("actorId", "at");

-- AddForeignKey
ALTER TABLE "Article" ADD CONSTRAINT "Article_previousVersionId_fkey" FOREIGN KEY ("previousVersionId") REFERENCES "Article"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Article" ADD CONSTRAINT "Article_outletId_fkey" FOREIGN KEY ("outletId") REFERENCES "Entity"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Article" ADD CONSTRAINT "Article_ingestRunId_fkey" FOREIGN KEY ("ingestRunId") REFERENCES "IngestRun"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Claim" ADD CONSTRAINT "Claim_subjectEntityId_fkey" FOREIGN KEY ("subjectEntityId") REFERENCES "Entity"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Claim" ADD CONSTRAINT "Claim_locationId_fkey" FOREIGN KEY ("locationId") REFERENCES "Entity"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Claim" ADD CONSTRAINT "Claim_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Entity"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Claim" ADD CONSTRAINT "Claim_deletedById_fkey" FOREIGN KEY ("deletedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Claim" ADD CONSTRAINT "Claim_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Claim" ADD CONSTRAINT "Claim_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Appearance" ADD CONSTRAINT "Appearance_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "Claim"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Appearance" ADD CONSTRAINT "Appearance_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AppearanceVia" ADD CONSTRAINT "AppearanceVia_appearanceId_fkey" FOREIGN KEY ("appearanceId") REFERENCES "Appearance"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AppearanceVia" ADD CONSTRAINT "AppearanceVia_entityId_fkey" FOREIGN KEY ("entityId") REFERENCES "Entity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Entity" ADD CONSTRAINT "Entity_affiliationId_fkey" FOREIGN KEY ("affiliationId") REFERENCES "Entity"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Entity" ADD CONSTRAINT "Entity_mergedIntoId_fkey" FOREIGN KEY ("mergedIntoId") REFERENCES "Entity"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EntityAlias" ADD CONSTRAINT "EntityAlias_entityId_fkey" FOREIGN KEY ("entityId") REFERENCES "Entity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EntityMention" ADD CONSTRAINT "EntityMention_entityId_fkey" FOREIGN KEY ("entityId") REFERENCES "Entity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EntityMention" ADD CONSTRAINT "EntityMention_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MergeJudgement" ADD CONSTRAINT "MergeJudgement_keepId_fkey" FOREIGN KEY ("keepId") REFERENCES "Entity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MergeJudgement" ADD CONSTRAINT "MergeJudgement_mergeId_fkey" FOREIGN KEY ("mergeId") REFERENCES "Entity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MergeJudgement" ADD CONSTRAINT "MergeJudgement_judgedById_fkey" FOREIGN KEY ("judgedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
