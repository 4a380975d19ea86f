import type { EntityType } from "@headcount/shared";

/**
 * General world knowledge the extractor may rely on: countries, capitals and regions, agencies, armed
 * forces, news agencies and titles. Nothing here is specific to one article or one story; people are
 * never listed (they are recognised from capitalisation, titles and context instead).
 */

export type GazetteerKind = "country" | "region" | "city" | "agency" | "military" | "news" | "intl" | "party";

export interface GazetteerEntry {
  name: string;
  type: EntityType;
  kind: GazetteerKind;
  aliases: string[];
  /** The country or side the entity speaks for (Pentagon → United States). */
  affiliation?: string;
  demonyms?: string[];
}

// [name, aliases, demonyms, capital]
const COUNTRIES: [string, string[], string[], string | null][] = [
  ["Russia", ["Russian Federation"], ["Russian", "Russians"], "Moscow"],
  ["Ukraine", [], ["Ukrainian", "Ukrainians"], "Kyiv"],
  [
    "North Korea",
    ["DPRK", "Democratic People's Republic of Korea", "N. Korea"],
    ["North Korean", "North Koreans"],
    "Pyongyang",
  ],
  ["South Korea", ["Republic of Korea", "ROK", "S. Korea"], ["South Korean", "South Koreans"], "Seoul"],
  [
    "United States",
    ["U.S.", "US", "USA", "U.S.A.", "United States of America", "America"],
    ["American", "Americans", "U.S.", "US"],
    "Washington",
  ],
  ["United Kingdom", ["UK", "U.K.", "Britain", "Great Britain"], ["British", "Briton", "Britons"], "London"],
  ["China", ["People's Republic of China", "PRC"], ["Chinese"], "Beijing"],
  ["Japan", [], ["Japanese"], "Tokyo"],
  ["Belarus", [], ["Belarusian", "Belarusians"], "Minsk"],
  ["Iran", [], ["Iranian", "Iranians"], "Tehran"],
  ["Israel", [], ["Israeli", "Israelis"], "Jerusalem"],
  ["Syria", [], ["Syrian", "Syrians"], "Damascus"],
  ["Iraq", [], ["Iraqi", "Iraqis"], "Baghdad"],
  ["Afghanistan", [], ["Afghan", "Afghans"], "Kabul"],
  ["Pakistan", [], ["Pakistani", "Pakistanis"], "Islamabad"],
  ["India", [], ["Indian", "Indians"], "New Delhi"],
  ["Turkey", ["Türkiye"], ["Turkish", "Turks"], "Ankara"],
  ["Germany", [], ["German", "Germans"], "Berlin"],
  ["France", [], ["French"], "Paris"],
  ["Italy", [], ["Italian", "Italians"], "Rome"],
  ["Spain", [], ["Spanish"], "Madrid"],
  ["Poland", [], ["Polish", "Poles"], "Warsaw"],
  ["Romania", [], ["Romanian", "Romanians"], "Bucharest"],
  ["Moldova", [], ["Moldovan", "Moldovans"], "Chisinau"],
  ["Georgia", [], ["Georgian", "Georgians"], "Tbilisi"],
  ["Armenia", [], ["Armenian", "Armenians"], "Yerevan"],
  ["Azerbaijan", [], ["Azerbaijani", "Azerbaijanis"], "Baku"],
  ["Kazakhstan", [], ["Kazakh", "Kazakhs"], "Astana"],
  ["Finland", [], ["Finnish", "Finns"], "Helsinki"],
  ["Sweden", [], ["Swedish", "Swedes"], "Stockholm"],
  ["Norway", [], ["Norwegian", "Norwegians"], "Oslo"],
  ["Denmark", [], ["Danish", "Danes"], "Copenhagen"],
  ["Estonia", [], ["Estonian", "Estonians"], "Tallinn"],
  ["Latvia", [], ["Latvian", "Latvians"], "Riga"],
  ["Lithuania", [], ["Lithuanian", "Lithuanians"], "Vilnius"],
  ["Hungary", [], ["Hungarian", "Hungarians"], "Budapest"],
  ["Slovakia", [], ["Slovak", "Slovaks"], "Bratislava"],
  ["Czech Republic", ["Czechia"], ["Czech", "Czechs"], "Prague"],
  ["Austria", [], ["Austrian", "Austrians"], "Vienna"],
  ["Switzerland", [], ["Swiss"], "Bern"],
  ["Netherlands", ["Holland"], ["Dutch"], "Amsterdam"],
  ["Belgium", [], ["Belgian", "Belgians"], "Brussels"],
  ["Greece", [], ["Greek", "Greeks"], "Athens"],
  ["Serbia", [], ["Serbian", "Serbs"], "Belgrade"],
  ["Bulgaria", [], ["Bulgarian", "Bulgarians"], "Sofia"],
  ["Canada", [], ["Canadian", "Canadians"], "Ottawa"],
  ["Mexico", [], ["Mexican", "Mexicans"], "Mexico City"],
  ["Brazil", [], ["Brazilian", "Brazilians"], "Brasilia"],
  ["Australia", [], ["Australian", "Australians"], "Canberra"],
  ["Vietnam", [], ["Vietnamese"], "Hanoi"],
  ["Laos", [], ["Laotian", "Lao"], "Vientiane"],
  ["Mongolia", [], ["Mongolian", "Mongolians"], "Ulaanbaatar"],
  ["Taiwan", [], ["Taiwanese"], "Taipei"],
  ["Philippines", [], ["Filipino", "Filipinos", "Philippine"], "Manila"],
  ["Indonesia", [], ["Indonesian", "Indonesians"], "Jakarta"],
  ["Saudi Arabia", [], ["Saudi", "Saudis"], "Riyadh"],
  ["Yemen", [], ["Yemeni", "Yemenis"], "Sanaa"],
  ["Lebanon", [], ["Lebanese"], "Beirut"],
  ["Jordan", [], ["Jordanian", "Jordanians"], "Amman"],
  ["Egypt", [], ["Egyptian", "Egyptians"], "Cairo"],
  ["Libya", [], ["Libyan", "Libyans"], "Tripoli"],
  ["Sudan", [], ["Sudanese"], "Khartoum"],
  ["South Sudan", [], ["South Sudanese"], "Juba"],
  ["Ethiopia", [], ["Ethiopian", "Ethiopians"], "Addis Ababa"],
  ["Eritrea", [], ["Eritrean", "Eritreans"], "Asmara"],
  ["Somalia", [], ["Somali", "Somalis"], "Mogadishu"],
  ["Mali", [], ["Malian", "Malians"], "Bamako"],
  ["Niger", [], ["Nigerien"], "Niamey"],
  ["Nigeria", [], ["Nigerian", "Nigerians"], "Abuja"],
  ["Burkina Faso", [], ["Burkinabe"], "Ouagadougou"],
  ["Chad", [], ["Chadian", "Chadians"], "N'Djamena"],
  ["Central African Republic", ["CAR"], ["Central African"], "Bangui"],
  ["Democratic Republic of the Congo", ["DRC", "DR Congo", "Congo"], ["Congolese"], "Kinshasa"],
  ["Rwanda", [], ["Rwandan", "Rwandans"], "Kigali"],
  ["Kenya", [], ["Kenyan", "Kenyans"], "Nairobi"],
  ["South Africa", [], ["South African", "South Africans"], "Pretoria"],
  ["Venezuela", [], ["Venezuelan", "Venezuelans"], "Caracas"],
  ["Cuba", [], ["Cuban", "Cubans"], "Havana"],
  ["Colombia", [], ["Colombian", "Colombians"], "Bogota"],
  ["Myanmar", ["Burma"], ["Burmese"], "Naypyidaw"],
  ["Nepal", [], ["Nepalese", "Nepali"], "Kathmandu"],
  ["Sri Lanka", [], ["Sri Lankan", "Sri Lankans"], "Colombo"],
  ["Bangladesh", [], ["Bangladeshi", "Bangladeshis"], "Dhaka"],
  ["Tajikistan", [], ["Tajik", "Tajiks"], "Dushanbe"],
  ["Uzbekistan", [], ["Uzbek", "Uzbeks"], "Tashkent"],
  ["Kyrgyzstan", [], ["Kyrgyz"], "Bishkek"],
  ["Turkmenistan", [], ["Turkmen"], "Ashgabat"],
  ["Qatar", [], ["Qatari", "Qataris"], "Doha"],
  ["United Arab Emirates", ["UAE"], ["Emirati", "Emiratis"], "Abu Dhabi"],
  ["Palestine", ["Palestinian territories"], ["Palestinian", "Palestinians"], null],
];

// Sub-national regions often named in conflict reporting: the canonical name is the administrative unit.
const OBLASTS: [string, string][] = [
  ["Kursk", "Russia"],
  ["Belgorod", "Russia"],
  ["Bryansk", "Russia"],
  ["Voronezh", "Russia"],
  ["Rostov", "Russia"],
  ["Donetsk", "Ukraine"],
  ["Luhansk", "Ukraine"],
  ["Zaporizhzhia", "Ukraine"],
  ["Kherson", "Ukraine"],
  ["Kharkiv", "Ukraine"],
  ["Sumy", "Ukraine"],
  ["Chernihiv", "Ukraine"],
  ["Dnipropetrovsk", "Ukraine"],
  ["Mykolaiv", "Ukraine"],
  ["Odesa", "Ukraine"],
  ["Poltava", "Ukraine"],
];

const REGIONS: [string, string[], string][] = [
  ["Donbas", ["Donbass"], "Ukraine"],
  ["Crimea", ["Crimean Peninsula"], "Ukraine"],
  ["Korean Peninsula", [], "Korea"],
  ["Gaza Strip", ["Gaza"], "Palestine"],
  ["West Bank", [], "Palestine"],
  ["Golan Heights", [], "Syria"],
  ["Siberia", [], "Russia"],
  ["Russian Far East", ["Far East"], "Russia"],
  ["Primorsky Krai", ["Primorye"], "Russia"],
  ["Kaliningrad", [], "Russia"],
  ["Transnistria", [], "Moldova"],
  ["Darfur", [], "Sudan"],
  ["North Darfur", [], "Sudan"],
  ["South Darfur", [], "Sudan"],
  ["West Darfur", [], "Sudan"],
  ["Kordofan", [], "Sudan"],
  ["Amhara", [], "Ethiopia"],
  ["Oromia", [], "Ethiopia"],
  ["Afar", [], "Ethiopia"],
  ["North Kivu", [], "Democratic Republic of the Congo"],
  ["South Kivu", [], "Democratic Republic of the Congo"],
  ["Ituri", [], "Democratic Republic of the Congo"],
  ["Shan State", [], "Myanmar"],
  ["Rakhine State", ["Rakhine"], "Myanmar"],
  ["Kachin State", ["Kachin"], "Myanmar"],
  ["Sagaing Region", ["Sagaing"], "Myanmar"],
  ["Sahel", [], "Africa"],
  ["Tigray", ["Tigray region"], "Ethiopia"],
  ["Kashmir", [], "India"],
  ["Nagorno-Karabakh", ["Karabakh"], "Azerbaijan"],
  ["Demilitarized Zone", ["DMZ"], "Korea"],
];

const CITIES: [string, string[], string][] = [
  ["Kaesong", [], "North Korea"],
  ["Wonsan", [], "North Korea"],
  ["Sinuiju", [], "North Korea"],
  ["Chongjin", [], "North Korea"],
  ["Hamhung", [], "North Korea"],
  ["Nampo", [], "North Korea"],
  ["Rason", [], "North Korea"],
  ["Vladivostok", [], "Russia"],
  ["Khabarovsk", [], "Russia"],
  ["St. Petersburg", ["Saint Petersburg", "St Petersburg"], "Russia"],
  ["Sudzha", [], "Russia"],
  ["Bakhmut", [], "Ukraine"],
  ["Avdiivka", [], "Ukraine"],
  ["Pokrovsk", [], "Ukraine"],
  ["Mariupol", [], "Ukraine"],
  ["Lviv", [], "Ukraine"],
  ["Dnipro", [], "Ukraine"],
  ["Busan", [], "South Korea"],
  ["Omdurman", [], "Sudan"],
  ["Port Sudan", [], "Sudan"],
  ["Mekelle", [], "Ethiopia"],
  ["Goma", [], "Democratic Republic of the Congo"],
  ["Mandalay", [], "Myanmar"],
  ["Yangon", ["Rangoon"], "Myanmar"],
  ["Gaza City", [], "Palestine"],
  ["Rafah", [], "Palestine"],
  ["Khan Younis", ["Khan Yunis"], "Palestine"],
  ["Incheon", [], "South Korea"],
];

// [name, aliases, affiliation, kind]
const ORGANIZATIONS: [string, string[], string | null, GazetteerKind][] = [
  [
    "National Intelligence Service",
    [
      "NIS",
      "National Intelligence Service of South Korea",
      "South Korea's National Intelligence Service",
      "South Korean National Intelligence Service",
      "South Korean intelligence",
      "South Korean intelligence service",
      "South Korean intelligence agency",
      "South Korea's intelligence agency",
      "South Korea's spy agency",
      "South Korean spy agency",
      "Seoul's spy agency",
      "South Korean intelligence officials",
    ],
    "South Korea",
    "agency",
  ],
  [
    "Pentagon",
    [
      "U.S. Defense Department",
      "US Defense Department",
      "U.S. Department of Defense",
      "US Department of Defense",
      "Department of Defense",
      "Defense Department",
      "DoD",
    ],
    "United States",
    "agency",
  ],
  [
    "State Department",
    ["U.S. State Department", "US State Department", "Department of State"],
    "United States",
    "agency",
  ],
  ["White House", [], "United States", "agency"],
  ["Central Intelligence Agency", ["CIA"], "United States", "agency"],
  ["Defense Intelligence Agency", ["DIA"], "United States", "agency"],
  ["National Security Council", ["NSC"], "United States", "agency"],
  ["Institute for the Study of War", ["ISW"], "United States", "agency"],
  ["Kremlin", [], "Russia", "agency"],
  [
    "Russian Ministry of Defense",
    [
      "Russian Defense Ministry",
      "Russian Defence Ministry",
      "Russia's Defense Ministry",
      "Russia's Defence Ministry",
      "Russian Ministry of Defence",
      "Russia's Ministry of Defense",
      "Russia's Ministry of Defence",
      "Ministry of Defense of Russia",
      "Ministry of Defence of the Russian Federation",
    ],
    "Russia",
    "agency",
  ],
  [
    "Ukrainian Ministry of Defense",
    [
      "Ukrainian Defense Ministry",
      "Ukrainian Defence Ministry",
      "Ukraine's Defense Ministry",
      "Ukraine's Defence Ministry",
      "Ukraine's Ministry of Defense",
      "Ukraine's Ministry of Defence",
    ],
    "Ukraine",
    "agency",
  ],
  [
    "British Ministry of Defence",
    [
      "UK Ministry of Defence",
      "U.K. Ministry of Defence",
      "Britain's Ministry of Defence",
      "British Defence Ministry",
      "British defence intelligence",
      "British military intelligence",
      "UK Defence Intelligence",
      "Britain's defence intelligence",
      "British defence ministry",
      "Britain's defence ministry",
    ],
    "United Kingdom",
    "agency",
  ],
  [
    "South Korean Ministry of National Defense",
    ["South Korea's Defense Ministry", "South Korean Defense Ministry", "Ministry of National Defense"],
    "South Korea",
    "agency",
  ],
  ["Joint Chiefs of Staff", ["JCS", "South Korea's Joint Chiefs of Staff"], "South Korea", "military"],
  [
    "Main Intelligence Directorate of Ukraine",
    [
      "HUR",
      "GUR",
      "Ukraine's military intelligence",
      "Ukrainian military intelligence",
      "Ukraine's Defence Intelligence",
      "Defence Intelligence of Ukraine",
    ],
    "Ukraine",
    "agency",
  ],
  ["Security Service of Ukraine", ["SBU"], "Ukraine", "agency"],
  ["Federal Security Service", ["FSB"], "Russia", "agency"],
  [
    "Rosgvardia",
    ["Rosgvardiya", "Rosguard", "National Guard of Russia", "Russian National Guard"],
    "Russia",
    "military",
  ],
  [
    "MChS",
    [
      "EMERCOM",
      "Russian Emergency Situations Ministry",
      "Ministry of Emergency Situations",
      "Russian Emergencies Ministry",
    ],
    "Russia",
    "agency",
  ],
  ["Security Council of Russia", ["Russian Security Council"], "Russia", "agency"],
  [
    "Russian Armed Forces",
    [
      "Armed Forces of the Russian Federation",
      "Russian Army",
      "Russian military",
      "Russia's military",
      "Russia's army",
    ],
    "Russia",
    "military",
  ],
  [
    "Armed Forces of Ukraine",
    ["Ukrainian Armed Forces", "Ukrainian Army", "Ukrainian military", "Ukraine's armed forces"],
    "Ukraine",
    "military",
  ],
  [
    "General Staff of the Armed Forces of Ukraine",
    ["Ukrainian General Staff", "Ukraine's General Staff", "General Staff of Ukraine"],
    "Ukraine",
    "military",
  ],
  ["Korean People's Army", ["KPA", "North Korean army", "North Korean military"], "North Korea", "military"],
  ["Workers' Party of Korea", ["WPK", "Korean Workers' Party"], "North Korea", "party"],
  ["United Russia", [], "Russia", "party"],
  ["Wagner Group", ["Wagner"], "Russia", "military"],
  [
    "Israel Defense Forces",
    ["IDF", "Israeli military", "Israel's military", "Israeli army", "Israel's army"],
    "Israel",
    "military",
  ],
  ["Hamas", [], "Palestine", "military"],
  ["Hezbollah", [], "Lebanon", "military"],
  ["NATO", ["North Atlantic Treaty Organization"], null, "intl"],
  ["United Nations", ["UN", "U.N."], null, "intl"],
  [
    "U.N. Security Council",
    ["UN Security Council", "United Nations Security Council", "UNSC", "Security Council"],
    null,
    "intl",
  ],
  ["European Union", ["EU", "E.U."], null, "intl"],
  ["International Committee of the Red Cross", ["ICRC", "Red Cross"], null, "intl"],
  ["Doctors Without Borders", ["Medecins Sans Frontieres", "Médecins Sans Frontières", "MSF"], null, "intl"],
  [
    "World Health Organization",
    [
      "WHO",
      "World Health Organisation",
      "U.N. health agency",
      "UN health agency",
      "United Nations health agency",
      "U.N. health body",
      "UN health body",
    ],
    null,
    "intl",
  ],
  [
    "UNICEF",
    [
      "United Nations Children's Fund",
      "UN Children's Fund",
      "U.N. Children's Fund",
      "UN children's agency",
      "U.N. children's agency",
    ],
    null,
    "intl",
  ],
  [
    "UNHCR",
    [
      "U.N. refugee agency",
      "UN refugee agency",
      "United Nations refugee agency",
      "United Nations High Commissioner for Refugees",
    ],
    null,
    "intl",
  ],
  [
    "OCHA",
    [
      "U.N. humanitarian office",
      "UN humanitarian office",
      "United Nations Office for the Coordination of Humanitarian Affairs",
    ],
    null,
    "intl",
  ],
  ["International Organization for Migration", ["IOM"], null, "intl"],
  ["World Food Programme", ["WFP", "World Food Program"], null, "intl"],
  ["Human Rights Watch", ["HRW"], null, "intl"],
  ["Amnesty International", ["Amnesty"], null, "intl"],
  [
    "Armed Conflict Location and Event Data Project",
    ["ACLED", "Armed Conflict Location & Event Data Project"],
    null,
    "intl",
  ],
  ["Save the Children", [], null, "intl"],
  [
    "Palestinian Red Crescent",
    ["Palestine Red Crescent Society", "Palestinian Red Crescent Society"],
    "Palestine",
    "intl",
  ],
  ["African Union", ["AU"], null, "intl"],
  ["ECOWAS", ["Economic Community of West African States"], null, "intl"],
  ["MONUSCO", [], null, "intl"],
  ["Rapid Support Forces", ["RSF"], "Sudan", "military"],
  [
    "Sudanese Armed Forces",
    ["SAF", "Sudanese army", "Sudan's army", "Sudanese military", "Sudan's military"],
    "Sudan",
    "military",
  ],
  ["Islamic State", ["ISIS", "ISIL", "Daesh"], null, "military"],
  ["al-Shabaab", ["al-Shabab", "Al-Shabaab", "Al Shabaab"], "Somalia", "military"],
  ["M23", ["March 23 Movement"], "Democratic Republic of the Congo", "military"],
  ["Tigray People's Liberation Front", ["TPLF"], "Ethiopia", "party"],
  [
    "Ethiopian National Defense Force",
    ["ENDF", "Ethiopian army", "Ethiopian military", "Ethiopia's military"],
    "Ethiopia",
    "military",
  ],
  [
    "Tatmadaw",
    ["Myanmar military", "Myanmar's military", "Myanmar army", "Myanmar's army"],
    "Myanmar",
    "military",
  ],
  ["Houthis", ["Houthi", "Ansar Allah"], "Yemen", "military"],
  ["Yonhap News Agency", ["Yonhap"], "South Korea", "news"],
  ["Korean Central News Agency", ["KCNA"], "North Korea", "news"],
  ["TASS", ["Tass"], "Russia", "news"],
  ["RIA Novosti", ["RIA"], "Russia", "news"],
  ["Interfax", [], "Russia", "news"],
  ["Sputnik", [], "Russia", "news"],
  ["Krasnaya Zvezda", ["Red Star"], "Russia", "news"],
  ["Izvestia", [], "Russia", "news"],
  ["Kommersant", [], "Russia", "news"],
  ["Reuters", [], null, "news"],
  ["Associated Press", ["AP"], null, "news"],
  ["Agence France-Presse", ["AFP"], null, "news"],
  ["Bloomberg", [], null, "news"],
  ["CNN", [], null, "news"],
  ["BBC", [], null, "news"],
  ["Kyodo News", ["Kyodo"], "Japan", "news"],
  ["Xinhua", [], "China", "news"],
  ["Ukrinform", [], "Ukraine", "news"],
  ["Kyiv Independent", ["The Kyiv Independent"], "Ukraine", "news"],
  ["Ukrainska Pravda", [], "Ukraine", "news"],
  ["NK News", [], null, "news"],
  ["Daily NK", [], null, "news"],
  ["Radio Free Asia", ["RFA"], null, "news"],
  ["Voice of America", ["VOA"], null, "news"],
  ["Al Jazeera", [], null, "news"],
  ["The New York Times", ["New York Times", "NYT"], null, "news"],
  ["The Washington Post", ["Washington Post"], null, "news"],
  ["The Wall Street Journal", ["Wall Street Journal", "WSJ"], null, "news"],
  ["Financial Times", ["FT"], null, "news"],
  ["The Guardian", [], null, "news"],
  ["Korea Herald", ["The Korea Herald"], "South Korea", "news"],
  ["Korea JoongAng Daily", ["JoongAng Ilbo", "JoongAng"], "South Korea", "news"],
  ["Chosun Ilbo", ["The Chosun Ilbo"], "South Korea", "news"],
  ["Meduza", [], null, "news"],
  ["Mediazona", [], null, "news"],
];

export const GAZETTEER: GazetteerEntry[] = buildGazetteer();

function buildGazetteer(): GazetteerEntry[] {
  const entries: GazetteerEntry[] = [];
  for (const [name, aliases, demonyms, capital] of COUNTRIES) {
    entries.push({ name, type: "place", kind: "country", aliases, demonyms });
    if (capital) entries.push({ name: capital, type: "place", kind: "city", aliases: [], affiliation: name });
  }
  for (const [base, country] of OBLASTS) {
    entries.push({
      name: `${base} Oblast`,
      type: "place",
      kind: "region",
      affiliation: country,
      aliases: [
        base,
        `${base} oblast`,
        `${base} region`,
        `${base} Region`,
        `${base} province`,
        `${base} Province`,
      ],
    });
  }
  for (const [name, aliases, country] of REGIONS) {
    entries.push({ name, type: "place", kind: "region", aliases, affiliation: country });
  }
  for (const [name, aliases, country] of CITIES) {
    entries.push({ name, type: "place", kind: "city", aliases, affiliation: country });
  }
  for (const [name, aliases, affiliation, kind] of ORGANIZATIONS) {
    const entry: GazetteerEntry = { name, type: "organization", kind, aliases };
    if (affiliation) entry.affiliation = affiliation;
    entries.push(entry);
  }
  return entries;
}

/** Normalises a surface form for lookups: curly apostrophes straightened, spaces collapsed. */
const ODD_SURFACE = /[’‘`]|\s\s|[^\S ]|^\s|\s$/;

export function surfaceKey(text: string): string {
  // Most names are already in key form: skip the rewrites then.
  if (!ODD_SURFACE.test(text)) return text;
  return text.replace(/[’‘`]/g, "'").replace(/\s+/g, " ").trim();
}

const BY_SURFACE = new Map<string, GazetteerEntry>();
const BY_SURFACE_LOWER = new Map<string, GazetteerEntry>();
const BY_NAME = new Map<string, GazetteerEntry>();
const DEMONYMS = new Map<string, string>();
/** Every leading run of words of every name, in lower case: a longer name cannot start where none does. */
const SURFACE_PREFIXES = new Set<string>();
let maxAliasTokens = 1;
for (const entry of GAZETTEER) {
  BY_NAME.set(entry.name.toLowerCase(), entry);
  for (const surface of [entry.name, ...entry.aliases]) {
    const key = surfaceKey(surface);
    if (!BY_SURFACE.has(key)) BY_SURFACE.set(key, entry);
    if (!BY_SURFACE_LOWER.has(key.toLowerCase())) BY_SURFACE_LOWER.set(key.toLowerCase(), entry);
    // Articles write "The Pentagon", "the Kremlin": the determiner is not part of the name.
    const words = key.toLowerCase().split(" ");
    maxAliasTokens = Math.max(maxAliasTokens, words.length);
    for (let n = 1; n <= words.length; n++) SURFACE_PREFIXES.add(words.slice(0, n).join(" "));
  }
  for (const demonym of entry.demonyms ?? []) DEMONYMS.set(demonym, entry.name);
}

export const MAX_ALIAS_TOKENS = maxAliasTokens;

/**
 * The gazetteer entry written this way, if any. Case matters for one word ("US" is not "us"); names of
 * several words also match in any case ("Russia's defence ministry").
 */
export function lookupSurface(text: string): GazetteerEntry | undefined {
  const key = surfaceKey(text);
  const exact = BY_SURFACE.get(key);
  if (exact || !key.includes(" ") || !/^\p{Lu}/u.test(key)) return exact;
  return BY_SURFACE_LOWER.get(key.toLowerCase());
}

/** Whether some gazetteer name begins with these words (any case), so that reading on may still match. */
export function startsSurface(words: string): boolean {
  return SURFACE_PREFIXES.has(surfaceKey(words).toLowerCase());
}

/** The gazetteer entry with this canonical name (case-insensitive). */
export function lookupName(name: string): GazetteerEntry | undefined {
  return BY_NAME.get(name.toLowerCase());
}

const CAPITALS = new Set(COUNTRIES.flatMap(([, , , capital]) => (capital ? [capital.toLowerCase()] : [])));

/**
 * A place that can speak: a country, or the capital that stands for its government ("Kyiv said",
 * "Washington says"). A town, region or province reports nothing itself.
 */
export function speaksForGovernment(name: string): boolean {
  const entry = lookupName(name);
  if (entry?.type !== "place") return false;
  return entry.kind === "country" || (entry.kind === "city" && CAPITALS.has(entry.name.toLowerCase()));
}

/** "North Korean" → "North Korea". */
export function countryOfDemonym(word: string): string | undefined {
  return DEMONYMS.get(word);
}

export const DEMONYM_LIST: string[] = [...DEMONYMS.keys()].sort((a, b) => b.length - a.length);

/**
 * Titles and ranks that precede or follow a person's name. Multi-word titles are matched token by token,
 * so "Deputy Minister of Defense" and "Defense Minister" are both recognised.
 */
export const TITLE_WORDS = new Set(
  [
    "president",
    "vice",
    "prime",
    "minister",
    "ministers",
    "secretary",
    "secretary-general",
    "general",
    "gen.",
    "lt.",
    "lieutenant",
    "col.",
    "colonel",
    "maj.",
    "major",
    "capt.",
    "captain",
    "admiral",
    "adm.",
    "sergeant",
    "sgt.",
    "commander",
    "cmdr.",
    "chief",
    "chairman",
    "chairwoman",
    "chair",
    "director",
    "deputy",
    "leader",
    "governor",
    "gov.",
    "ambassador",
    "envoy",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "press",
    "senator",
    "sen.",
    "rep.",
    "representative",
    "lawmaker",
    "mayor",
    "chancellor",
    "premier",
    "marshal",
    "field",
    "brigadier",
    "head",
    "king",
    "queen",
    "prince",
    "dr.",
    "mr.",
    "mrs.",
    "ms.",
    "prof.",
    "commissioner",
    "attaché",
    "attache",
    "officer",
    "official",
    "analyst",
    "adviser",
    "advisor",
    "foreign",
    "defense",
    "defence",
    "interior",
    "state",
    "national",
    "security",
    "army",
    "intelligence",
    "former",
    "acting",
    "senior",
    "top",
    "first",
    "assistant",
    "undersecretary",
    "under",
    "affairs",
    "retired",
  ].map((w) => w.toLowerCase()),
);

/** Title words that on their own make a role (the rest only qualify one: "Defense", "Foreign"…). */
export const HEAD_TITLE_WORDS = new Set([
  "president",
  "minister",
  "secretary",
  "secretary-general",
  "general",
  "gen.",
  "col.",
  "colonel",
  "maj.",
  "major",
  "capt.",
  "captain",
  "admiral",
  "adm.",
  "sergeant",
  "sgt.",
  "commander",
  "cmdr.",
  "chief",
  "chairman",
  "chairwoman",
  "director",
  "leader",
  "governor",
  "gov.",
  "ambassador",
  "envoy",
  "spokesman",
  "spokeswoman",
  "spokesperson",
  "senator",
  "sen.",
  "rep.",
  "representative",
  "lawmaker",
  "mayor",
  "chancellor",
  "premier",
  "marshal",
  "brigadier",
  "head",
  "king",
  "queen",
  "prince",
  "dr.",
  "mr.",
  "mrs.",
  "ms.",
  "prof.",
  "commissioner",
  "attaché",
  "attache",
  "officer",
  "official",
  "analyst",
  "adviser",
  "advisor",
  "undersecretary",
]);

/** Last words that make a capitalised name an organisation. */
export const ORG_KEYWORDS = new Set([
  "Agency",
  "Ministry",
  "Council",
  "Party",
  "Army",
  "Brigade",
  "Battalion",
  "Regiment",
  "Division",
  "Corps",
  "Service",
  "Services",
  "Conference",
  "Directorate",
  "Department",
  "Committee",
  "Command",
  "Forces",
  "Force",
  "Guard",
  "Guards",
  "Office",
  "Institute",
  "University",
  "Union",
  "Organization",
  "Organisation",
  "Administration",
  "Commission",
  "Bureau",
  "Staff",
  "Navy",
  "Fleet",
  "Group",
  "Assembly",
  "Parliament",
  "Congress",
  "Senate",
  "Government",
  "Cabinet",
  "Center",
  "Centre",
  "Foundation",
  "Association",
  "Federation",
  "Company",
  "News",
  "Times",
  "Post",
  "Daily",
  "Herald",
  "Journal",
  "Press",
  "Television",
  "Radio",
  "Network",
]);

/** Last words that make a capitalised name a place. */
export const PLACE_KEYWORDS = new Set([
  "River",
  "Region",
  "Oblast",
  "Province",
  "Peninsula",
  "Sea",
  "Mountains",
  "Island",
  "Islands",
  "Strait",
  "Bay",
  "City",
  "District",
  "Valley",
  "Lake",
  "Krai",
  "Ocean",
  "Airport",
  "Square",
  "Border",
]);
