import { describe, expect, it } from "vitest";
import type { ExtractedClaim } from "../src/index.ts";
import { type ClaimCase, claims, expectClaims, only } from "./helpers.ts";

const metric = (text: string, metric: ExtractedClaim["metric"]): ClaimCase => ({
  name: `${text} → ${metric}`,
  text,
  claim: { metric },
});
const rate = (text: string, rate: ExtractedClaim["rate"]): ClaimCase => ({
  name: `rate: ${text} → ${rate}`,
  text,
  claim: { rate },
});

describe("what is counted and what happened", () => {
  it.each<ClaimCase>([
    metric("Officials said 3,000 soldiers had been deployed to the border region.", "deployed"),
    metric("The country sent 3,000 troops to the island last month.", "deployed"),
    metric("Some 3,000 marines arrived in the port city on Sunday.", "deployed"),
    metric("About 3,000 sappers have been dispatched to clear the fields.", "deployed"),
    metric("The government will send 3,000 troops to the border.", "planned_deployment"),
    metric("About 3,000 engineers are expected to arrive in the capital next week.", "planned_deployment"),
    metric("A further 3,000 builders were earmarked for reconstruction work.", "planned_deployment"),
    metric("The ministry plans to deploy 3,000 soldiers along the coast.", "planned_deployment"),
    metric("Roughly 3,000 soldiers are stationed in the enclave.", "present"),
    metric("At least 3,000 civilians were killed in the fighting.", "killed"),
    metric("The shelling killed 3,000 people, the health ministry said.", "killed"),
    metric("An estimated 3,000 soldiers have died since the offensive began.", "killed"),
    metric("Some 3,000 soldiers were wounded in the assault.", "wounded"),
    metric("The army suffered 3,000 casualties in the assault.", "casualties"),
    metric("About 3,000 troops were killed or wounded in the battle.", "casualties"),
    metric("The brigade lost 3,000 men during the retreat.", "casualties"),
    metric("Ukraine said it had captured 3,000 soldiers during the counter-offensive.", "captured"),
    metric("More than 3,000 prisoners of war remain in custody.", "captured"),
    metric("Nearly 3,000 soldiers are listed as missing after the battle.", "missing"),
    metric("About 3,000 prisoners were repatriated in the exchange.", "repatriated"),
    metric("The army has recruited 3,000 mercenaries from abroad.", "recruited"),
    metric("Some 3,000 conscripts were mobilised in the first wave.", "recruited"),
    metric("The country has an army of 300,000 active-duty soldiers.", "force_size"),
    rate("Russia is losing 1,200 soldiers a day on the front.", "per_day"),
    rate("The army suffered about 1,200 casualties daily during the offensive.", "per_day"),
    rate("Officials estimate 1,200 troops are killed per day.", "per_day"),
    rate("About 1,200 soldiers are wounded every week.", "per_week"),
    rate("The force lost 1,200 soldiers in a single week.", "per_week"),
    rate("Roughly 1,200 recruits join the army per week.", "per_week"),
    rate("The force lost 1,200 soldiers over the campaign.", "total"),
  ])("$name", expectClaims);

  it.each([
    ["The brigade suffered nearly 40% casualties in the assault.", 40],
    ["About 30 percent of the troops were killed or wounded.", 30],
    ["Officials said 25 per cent of the soldiers were captured.", 25],
  ])("percentage of a force: %s", (text, value) => {
    const c = only(text);
    expect(c.rate).toBe("percent");
    expect(c.valueBest).toBe(value);
  });

  it.each([
    ["Roughly 4,200 Belarusian railway troops were sent to Russia.", "Belarusian railway troops", "Belarus"],
    ["About 2,000 Russian paratroopers landed near the airport.", "Russian paratroopers", "Russia"],
    ["Some 800 Chinese military advisers are in the country.", "Chinese military advisers", "China"],
    ["More than 1,000 Wagner fighters left the town.", "Wagner fighters", null],
  ])("subject of %s", (text, subject, entity) => {
    const c = only(text);
    expect(c.subject).toBe(subject);
    expect(c.subjectEntity).toBe(entity);
  });

  it("the subject of 'N of them' is the earlier subject", () => {
    const all = claims(
      "Over 12,000 Syrian fighters were recruited for the war. About 3,000 of them have been killed.",
    );
    expect(all[1]?.subject).toBe("Syrian fighters");
    expect(all[1]?.subjectEntity).toBe("Syria");
    expect(all[1]?.metric).toBe("killed");
  });

  it.each([
    ["About 10,000 soldiers were sent to the Kharkiv region.", "Kharkiv Oblast"],
    ["About 10,000 soldiers were deployed to train in eastern Russia.", "eastern Russia"],
    ["About 10,000 soldiers were deployed to Belarus last week.", "Belarus"],
    ["Over 1,200 casualties are reported daily on the southern front.", "southern front"],
    ["In the Donetsk region, 4,000 troops were wounded in a month.", "Donetsk Oblast"],
    ["Forces moved into Zaporizhzhia. About 10,000 troops have arrived in the area.", "Zaporizhzhia Oblast"],
  ])("location of %s", (text, location) => {
    const all = claims(text);
    expect(all[all.length - 1]?.location).toBe(location);
  });

  it("the location may come from the neighbouring sentence", () => {
    const all = claims(
      "Moscow moved a large contingent to the Belgorod region in spring. More than 9,000 troops were dispatched.",
    );
    expect(all[0]?.location).toBe("Belgorod Oblast");
  });
});

describe("civilians are counted only as victims", () => {
  it("ignores people who fled or gathered", () => {
    expect(claims("Thousands of civilians have fled the area, the Red Cross said.")).toEqual([]);
    expect(claims("About 2,000 people attended the rally in the capital.")).toEqual([]);
  });
  it("keeps civilians killed or wounded", () => {
    expect(only("At least 40 civilians were killed in the strike.").metric).toBe("killed");
    expect(only("Some 120 people were wounded when the shell hit.").metric).toBe("wounded");
  });
});
