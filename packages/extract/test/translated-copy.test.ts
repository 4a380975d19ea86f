import { describe, expect, it } from "vitest";
import { extractArticle } from "../src/index.ts";
import { type ClaimCase, claims, expectClaims } from "./helpers.ts";

// Constructions of wire and translated copy on the war in Ukraine and elsewhere, in invented sentences.
describe("translated and wire copy: numbers, nouns and speakers named after the figures", () => {
  const rows: ClaimCase[] = [
    {
      name: "'Five of the injured were kids'",
      text: "The strike injured 22 people. Five of the injured were kids, officials said.",
      counted: [
        { valueLow: 22, metric: "wounded" },
        { valueLow: 5, metric: "wounded" },
      ],
    },
    {
      name: "'of whom two were in critical condition'",
      text: "Twelve people were hurt, of whom two were in critical condition, the ministry said.",
      counted: [
        { valueLow: 12, metric: "wounded" },
        { valueLow: 2, metric: "wounded" },
      ],
    },
    {
      name: "patients with gunshot wounds are wounded; patients alone are no toll",
      text: "The hospital received 211 patients with gunshot wounds, the charity said. The clinic saw 40 patients a day.",
      counted: [{ valueLow: 211, metric: "wounded" }],
    },
    {
      name: "'raised it to about 100': the toll just named, raised",
      text: "Initial reports put the death toll at around 50, but later tallies raised it to about 100.",
      counted: [
        { valueLow: 50, metric: "killed" },
        { valueLow: 100, metric: "killed" },
      ],
    },
    {
      name: "'raised it to 20 percent' counts no one",
      text: "The minister raised it to 20 percent.",
      counted: [],
    },
    {
      name: "a space groups thousands, before a comma too",
      text: "The enemy's losses amounted to 25 200, the army said.",
      claim: { valueLow: 25200, valueHigh: 25200 },
    },
    {
      name: "a quarter of a million",
      text: "Up to a quarter of a million soldiers had been killed, officials said.",
      claim: { valueLow: null, valueHigh: 250000, metric: "killed" },
    },
    {
      name: "a third of a million",
      text: "About a third of a million troops were deployed, the ministry said.",
      claim: { valueLow: 333333, valueHigh: 333333 },
    },
    {
      name: "trillions and suffixed scales keep their scale",
      text: "About 4.2 trillion troops and 2.5bn soldiers were deployed, he said.",
      counted: [{ valueLow: 4_200_000_000_000 }, { valueLow: 2_500_000_000 }],
    },
    {
      name: "a larger scale after 'and' starts another figure",
      text: "Between 2 billion and 5 trillion soldiers were sent, he said.",
      claim: { valueLow: 2_000_000_000, valueHigh: 5_000_000_000_000 },
    },
    {
      name: "servicepeople are people",
      text: "Ukraine has lost over 3,355 servicepeople, the ministry said.",
      claim: { valueLow: 3355, metric: "casualties", source: "ministry" },
    },
    {
      name: "medical losses are the wounded",
      text: "Medical losses amounted to 36,200 soldiers, the General Staff said.",
      claim: { valueLow: 36200, metric: "wounded" },
    },
    {
      name: "vehicles named for who they carry are not people",
      text: "Russia said Ukraine lost 12 armoured personnel carriers and 660 servicemen.",
      counted: [{ valueLow: 660, metric: "casualties" }],
    },
    {
      name: "infantry fighting vehicles are machines too",
      text: "The army said six infantry fighting vehicles were destroyed.",
      counted: [],
    },
    {
      name: "settlements are not people",
      text: "Ukrainian troops attacked positions near two border settlements, Russia said.",
      counted: [],
    },
    {
      name: "'This was reported by X' names the speaker of the sentence before",
      text: "Moscow has lost more than 62,000 soldiers in this direction. This was reported by the General Staff of the Armed Forces of Ukraine.",
      claim: { valueLow: 62000, source: "General Staff of the Armed Forces of Ukraine" },
    },
    {
      name: "'This was stated by' a person, with the place of the interview after",
      text: "Russians have lost up to 35,000 troops in the Kursk direction. This was stated by President Volodymyr Zelensky in an interview with Polish media.",
      claim: { valueHigh: 35000, source: "Volodymyr Zelensky" },
    },
    {
      name: "a speaker after the next sentence's figures speaks for the sentence before",
      text: "The enemy's losses amounted to 25,200 soldiers. Another 983 Russians were taken prisoner, the General Staff of Ukraine reported.",
      counted: [
        { valueLow: 25200, source: "General Staff of Ukraine" },
        { valueLow: 983, source: "General Staff of Ukraine" },
      ],
    },
    {
      name: "but not for dated background",
      text: "In September 2019, an attack claimed the lives of around 50 soldiers. Around 100 attackers were killed in January, the French military said.",
      counted: [
        { valueLow: 50, source: null },
        { valueLow: 100, source: "French military" },
      ],
    },
    {
      name: "'estimated by X' names the speaker",
      text: "The toll may exceed the 2,000 casualties initially estimated by the Joint Forces for the Protection of Darfur.",
      claim: { valueLow: 2000, source: "Joint Forces for the Protection of Darfur" },
    },
    {
      name: "'the statement' is the statement a body issued paragraphs before",
      text: "A statement by the Russian Defense Ministry said fighting continued.\n\nBoth districts lie near the border.\n\nThe statement further claimed that Ukraine lost 660 servicemen.",
      claim: { valueLow: 660, source: "Russian Ministry of Defense" },
    },
    {
      name: "an aside between dashes does not end the clause: 'N people – eight of them children – were killed'",
      text: "At least 18 people – eight of them children – have been killed in air strikes, officials have said.",
      counted: [
        { valueLow: 18, valueHigh: null, metric: "killed", source: "officials" },
        { valueLow: 8, valueHigh: 8, metric: "killed", subject: "children" },
      ],
    },
    {
      name: "'Among the victims were four women and ten children' takes the toll of the sentence before",
      text: "Over 32 civilians have died, the army said. Among the victims were four women and ten children.",
      counted: [
        { valueLow: 32, metric: "killed" },
        { valueLow: 4, metric: "killed" },
        { valueLow: 10, metric: "killed" },
      ],
    },
    {
      name: "'were among the wounded', after an aside between commas",
      text: "A doctor said that five children, all from the same family, were among the wounded.",
      claim: { valueLow: 5, metric: "wounded", source: "doctor" },
    },
    {
      name: "'killed and wounded' after the figure is both",
      text: "The army's losses amounted to over 4 500 killed and wounded, officials said.",
      claim: { valueLow: 4500, metric: "casualties" },
    },
    {
      name: "the fallen returned home are repatriated",
      text: "Ukraine said 62 fallen heroes were returned home.",
      claim: { valueLow: 62, metric: "repatriated" },
    },
    {
      name: "prisoners who return home in an exchange",
      text: "The exchange saw 270 Ukrainian soldiers and 120 civilians return home.",
      counted: [
        { valueLow: 270, metric: "repatriated" },
        { valueLow: 120, metric: "repatriated" },
      ],
    },
    {
      name: "'the return home of' displaced people is no exchange",
      text: "It aims to secure the return home of tens of thousands of Israelis forced to evacuate.",
      counted: [],
    },
    {
      name: "'including a woman and four children': the counted part after a single one",
      text: "24 civilians, including a woman and four children, were killed in the attacks.",
      counted: [
        { valueLow: 24, metric: "killed" },
        { valueLow: 4, metric: "killed", subject: "children" },
      ],
    },
    {
      name: "'killed one person and wounded 20'",
      text: "Israeli strikes killed one person and wounded 20 others, the ministry said.",
      counted: [
        { valueLow: 1, metric: "killed" },
        { valueLow: 20, metric: "wounded" },
      ],
    },
    {
      name: "'killed 12 people and abducted one in …'",
      text: "Gunmen killed 12 people and abducted one in Chibok, officials said.",
      counted: [
        { valueLow: 12, metric: "killed" },
        { valueLow: 1, metric: "captured" },
      ],
    },
    {
      name: "'left one soldier dead'",
      text: "The attack left one soldier dead, the army said.",
      claim: { valueLow: 1 },
    },
    { name: "'left one day later' is no toll", text: "He left one day later.", counted: [] },
    {
      name: "a paragraph all quotation continues the speaker of the paragraph before",
      text: "Vadym Filashkin told television that forces shelled the town. He was quoted as saying: As a result of this attack, 11 people died.\n\n“Ten people were injured. Rescue operations are continuing.”",
      counted: [
        { valueLow: 11, source: "Vadym Filashkin" },
        { valueLow: 10, metric: "wounded", source: "Vadym Filashkin" },
      ],
    },
    {
      name: "'gave a slightly higher toll, telling AFP that …'",
      text: "A border police commander gave a slightly higher toll, telling AFP that 14 security personnel had been killed.",
      claim: { valueLow: 14, source: "border police commander" },
    },
    {
      name: "'N losses among its personnel' counts people",
      text: "Russia has suffered approximately one million losses among its military personnel, the ministry said.",
      claim: { valueLow: 1000000, metric: "casualties" },
    },
    {
      name: "a toll 'likely to exceed' a figure",
      text: "In 2025 alone, the total number of casualties is likely to exceed 200,000, the ministry said.",
      claim: { valueLow: 200000, metric: "casualties" },
    },
    {
      name: "a count set off by a dash, given by whoever 'provided an estimate'",
      text: "Moore also provided an estimate on the number of Russians killed in the war thus far -- 15,000.",
      claim: { valueLow: 15000, metric: "killed", source: "Moore" },
    },
    {
      name: "'the number of the wounded 19' with no verb",
      text: "The mission put the number of the dead at 28 and the number of the wounded 19, it said.",
      counted: [
        { valueLow: 28, metric: "killed" },
        { valueLow: 19, metric: "wounded" },
      ],
    },
    {
      name: "every item of a list after 'included', the longest noun first ('police officers', not 'police')",
      text: "The injured included 19 police officers, five rescuers and a child, he said.",
      counted: [
        { valueLow: 19, metric: "wounded", subject: "police officers" },
        { valueLow: 5, metric: "wounded", subject: "rescuers" },
      ],
    },
    {
      name: "'According to an outlet, this was reported by X'",
      text: "Russia has lost 250,000 soldiers.\nAccording to Censor.NET, this was reported by the General Staff of Ukraine.",
      claim: { valueLow: 250000, source: "General Staff of the Armed Forces of Ukraine" },
    },
    {
      name: "a page that lost the space after a full stop still ends the sentence there",
      text: "The army said 40 soldiers were killed in the raid.Senior officials said 12 more were wounded.",
      counted: [
        { valueLow: 40, metric: "killed", source: "army" },
        { valueLow: 12, metric: "wounded", source: "Senior officials" },
      ],
    },
    {
      name: "an abbreviation glued to the name it repeats, and 'the nation's spy agency' pointing back to it",
      text: "The National Intelligence Service(NIS) has estimated that some 3,000 North Korean troops have been killed or wounded. Lee quoted the nation's spy agency as saying that some 300 soldiers have been killed.",
      counted: [
        { valueLow: 3000, source: "National Intelligence Service" },
        { valueLow: 300, source: "National Intelligence Service", via: ["Lee"] },
      ],
    },
  ];
  it.each(rows)("$name", expectClaims);

  it("a bare ministry is its country's when the story names one country around it, else stays as written", () => {
    expect(
      claims(
        "Israeli strikes in southern Lebanon killed 10 people. The Health Ministry said five others were wounded.",
      )[1]?.source,
    ).toBe("Lebanese Health Ministry");
    expect(
      claims(
        "Strikes in Lebanon and Syria killed 10 people. The Health Ministry said five others were wounded.",
      )[1]?.source,
    ).toBe("Health Ministry");
  });

  it("a body's name may hold 'and' when only its last word says it is a body", () => {
    expect(
      claims(
        "According to the Kerem Valley Research and Monitoring Institute, at least six people were beheaded.",
      )[0]?.source,
    ).toBe("Kerem Valley Research and Monitoring Institute");
    expect(
      claims(
        "According to the non-profit Armed Conflict Location and Event Data Project, six people were beheaded.",
      )[0]?.source,
    ).toBe("Armed Conflict Location and Event Data Project");
    expect(claims("The Army and Navy said 12 soldiers were killed.")[0]?.source).toBe("Army");
  });

  it("one figure confirmed by a second speaker of the same side is one claim printed twice", () => {
    const found = claims(
      "United States officials say three crew members were killed in the missile strike. The U.S. Central Command said three crew members were killed and four wounded.",
    );
    expect(found.map((c) => [c.valueLow, c.metric, c.duplicateOf])).toEqual([
      [3, "killed", null],
      [3, "killed", 0],
      [4, "wounded", null],
    ]);
  });

  it("'at least 14' and a later '14' are one claim printed twice, named by the later speaker", () => {
    const found = claims(
      "At least 14 civilians were killed in the town, a rights group said on Monday.\n\nAccording to Emergency Lawyers, the attack left 14 civilians dead.",
    );
    expect(found.map((c) => [c.valueLow, c.valueHigh, c.duplicateOf])).toEqual([
      [14, null, null],
      [14, 14, 0],
    ]);
    expect(found[0]?.source).toBe("Emergency Lawyers");
  });
});

describe("translated and wire copy: the first line", () => {
  it("a headline names its speaker before a colon, or after a dash before a media tag", () => {
    const first = extractArticle("NIS: some 3,000 North Korean troops killed or wounded\n\nNothing more.");
    expect(first.claims[0]).toMatchObject({
      valueLow: 3000,
      inTitle: true,
      source: "National Intelligence Service",
    });
    const tagged = extractArticle(
      "Russia's losses are the largest since 1945: 250,000 servicemen killed - UK intelligence. INFOGRAPHICS\n\nNothing more.",
    );
    expect(tagged.title.endsWith("UK intelligence")).toBe(true);
    expect(tagged.claims[0]?.source).toBe("UK intelligence");
    const topic = extractArticle("Kursk operation: 3,000 North Korean troops killed\n\nNothing more.");
    const body = extractArticle(
      "100 North Koreans dead in Ukraine war\n\nSouth Korea's spy agency said 100 North Korean soldiers died.",
    );
    expect(body.claims.find((c) => c.inTitle)).toMatchObject({
      duplicateOf: 0,
      source: "National Intelligence Service",
    });
    const harms = extractArticle(
      "Five killed in strikes\n\nDoctors said five children were among the wounded.",
    );
    expect(harms.claims.find((c) => c.inTitle)?.duplicateOf).toBeNull();
    expect(topic.claims[0]?.source).toBeNull();
  });

  it("a long first sentence closed by a full stop is the lead, not a headline", () => {
    const lead =
      "At least 12 soldiers have been killed in the east of the country by suspected militants, security sources told reporters on Sunday, the sixth attack of its kind in ten days.";
    const read = extractArticle(`${lead}\n\nThe provisional toll is 12 soldiers, a source said.`);
    expect(read.title).toBe("");
    expect(read.claims[0]).toMatchObject({ valueLow: 12, valueHigh: null, inTitle: false });
  });

  it("a dateline before a photo credit leaves the credit out of the headline", () => {
    const read = extractArticle(
      "date 2025-01-13 Photo : YONHAP News\n\n40 soldiers killed\n\nThe army said 40 soldiers were killed.",
    );
    expect(read.title).toBe("40 soldiers killed");
    expect(read.claims[0]?.valueLow).toBe(40);
  });

  it("a dateline printed before the first paragraph is the date, not text", () => {
    const read = extractArticle(
      "date 2025-08-04 At least 14 civilians were killed and dozens injured in the city, the capital of the state, a rights group said on Monday.",
    );
    expect(read.claims[0]?.quote.startsWith("At least 14")).toBe(true);
    expect(read.claims[0]?.statedOn?.date).toBe("2025-08-04");
  });
});
