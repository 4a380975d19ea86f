import { describe, expect, it } from "vitest";
import { cleanArticleText, extractArticle } from "../src/index.ts";

describe("page furniture", () => {
  const raw = [
    "Get $50 off - Subscribe today",
    "",
    "Border troops reinforced as talks stall",
    "Source: Example Wire",
    "Date: 2024-06-03",
    "",
    "Advertisement",
    "Officials said 2,000 soldiers were sent to the border on Sunday.",
    "Share this article",
    "Facebook | Twitter | Email",
    "A soldier stands guard at a checkpoint near the border. Photo by Jana Ruiz / Reuters",
    "(Photo: AFP)",
    "The ministry said more troops would follow.",
    "Read more: Ten things to know about the border dispute",
    "ALL Headlines",
    "© 2024 Example Daily Herald. All rights reserved.",
  ].join("\n");
  const cleaned = cleanArticleText(raw);

  it("takes the headline and the header lines off the top", () => {
    expect(cleaned.title).toBe("Border troops reinforced as talks stall");
    expect(cleaned.headers).toEqual({ source: "Example Wire", date: "2024-06-03" });
  });

  it("removes promotions, widgets, captions, credits and copyright lines", () => {
    expect(cleaned.body).toBe(
      "Officials said 2,000 soldiers were sent to the border on Sunday.\nThe ministry said more troops would follow.",
    );
  });

  it("recognises the outlet from a copyright line", () => {
    expect(cleaned.outlet).toBe("Example Daily Herald");
    const a = extractArticle("Headline\n\nSome text about 500 troops.\nCopyright © Northern Ledger 2023");
    expect(a.outlet).toBe("Northern Ledger");
  });

  it("prefers the outlet given by the caller", () => {
    expect(extractArticle(raw, { outlet: "Given Outlet" }).outlet).toBe("Given Outlet");
  });

  it("has no headline when the first line is already prose", () => {
    const prose =
      "Officials said on Monday that 2,000 soldiers had been sent to the border region. The ministry said more would follow. Talks are stalled.\nMore text follows here.";
    const a = extractArticle(prose);
    expect(a.title).toBe("");
    expect(a.body.startsWith("Officials said")).toBe(true);
  });
});
