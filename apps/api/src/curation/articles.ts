import { isWebAddress, type Precision } from "@headcount/shared";
import type { PrismaClient } from "../db/prisma.ts";
import type { Article, Prisma } from "../generated/prisma/client.ts";
import type { Actor } from "./actor.ts";
import { audit } from "./audit.ts";
import { ConflictError, type FieldError, NotFoundError, ValidationError } from "./errors.ts";
import { recordedValue } from "./fields.ts";

export interface ArticleMetadataPatch {
  title?: string;
  url?: string | null;
  outletId?: number | null;
  publishedAt?: Date | null;
  publishedPrecision?: Precision;
}

/** Corrects an article's metadata. The body is an immutable snapshot: offsets everywhere refer to it. */
export async function correctArticle(
  prisma: PrismaClient,
  actor: Actor,
  input: { articleId: number; expectedVersion: number; patch: ArticleMetadataPatch; note?: string | null },
): Promise<Article> {
  return prisma.$transaction(async (tx) => {
    const article = await tx.article.findUnique({ where: { id: input.articleId } });
    if (!article) throw new NotFoundError(`No article ${input.articleId}.`);
    if (article.version !== input.expectedVersion) {
      throw new ConflictError(
        `The article was changed by someone else (now version ${article.version}); reload it and apply your change again.`,
        article.version,
      );
    }
    const { patch } = input;
    const errors: FieldError[] = [];
    if (patch.title !== undefined && patch.title.trim() === "")
      errors.push({ path: ["patch", "title"], message: "must not be empty" });
    if (patch.url && !isWebAddress(patch.url)) {
      errors.push({ path: ["patch", "url"], message: "must be an http(s) address" });
    }
    if (patch.outletId) {
      const outlet = await tx.entity.findUnique({ where: { id: patch.outletId }, select: { id: true } });
      if (!outlet) errors.push({ path: ["patch", "outletId"], message: "no such entity" });
    }
    const publishedAt = patch.publishedAt === undefined ? article.publishedAt : patch.publishedAt;
    const precision = patch.publishedPrecision ?? article.publishedPrecision;
    if (publishedAt === null && precision !== "unknown") {
      errors.push({
        path: ["patch", "publishedPrecision"],
        message: "must be UNKNOWN when publishedAt is empty",
      });
    }
    if (errors.length > 0)
      throw new ValidationError("The article was not changed: some fields are invalid.", errors);

    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    const data: Prisma.ArticleUncheckedUpdateManyInput = {};
    for (const [field, value] of Object.entries(patch) as [keyof ArticleMetadataPatch, unknown][]) {
      if (value === undefined) continue;
      const current = article[field];
      if (recordedValue(current) === recordedValue(value)) continue;
      before[field] = recordedValue(current);
      after[field] = recordedValue(value);
      (data as Record<string, unknown>)[field] = field === "title" ? String(value).trim() : value;
    }
    if (Object.keys(after).length === 0) return article;
    const { count } = await tx.article.updateMany({
      where: { id: article.id, version: article.version },
      data: { ...data, version: { increment: 1 } },
    });
    if (count === 0) {
      const now = await tx.article.findUniqueOrThrow({
        where: { id: article.id },
        select: { version: true },
      });
      throw new ConflictError(
        "The article was changed by someone else; reload it and apply your change again.",
        now.version,
      );
    }
    await audit(tx, actor, "article.correct", { type: "Article", id: article.id }, before, after, input.note);
    return tx.article.findUniqueOrThrow({ where: { id: article.id } });
  });
}
