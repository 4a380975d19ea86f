/** Words that frame a figure's speaker, shared by the attribution modules. */

export const SAY =
  "said|says|say|saying|telling|reporting|noting|adding|stating|announcing|confirming|claiming|gave|gives|provided|provides|offered|offers|issued|published|released|stated|states|state|told|tells|claimed|claims|claim|estimated|estimates|estimate|confirmed|confirms|confirm|warned|warns|warn|revealed|reveals|reveal|reported|reports|report|announced|announces|announce|indicated|indicates|indicate|suggested|suggests|suggest|assessed|assesses|assess|noted|notes|added|adds|highlighted|highlights|disclosed|discloses|disclose|believes|believe|believed|wrote|writes|tweeted|posted|cautioned|commented|explained|insisted|alleged|alleges|alleging|countered|acknowledged|acknowledges|admitted|admits|asserted|asserts|argued|argues|emphasized|emphasised|emphasizes|stressed|stresses|mentioned|mentions|predicted|projected|calculated|informed|briefed|testified|concluded|showed|shows|show|echoed|declared|observed|remarked|specified|detailed|unveiled|put|puts|placed|places|counted|counts|believes|clarified|clarifies|affirmed|affirms|reiterated|reiterates|recounted|recalled|documented|recorded|registered|identified|verified|tallied|logged|listed|updated|elaborated|pointed out|points out|told reporters|cited|cites|suggesting|estimating|indicating|showing|hinted|hints";

export const LEADING_NOISE =
  /^(?:(?:a|an|one|two|three|several|a few|\d+)\s+(?:hours?|days?|weeks?|months?)\s+(?:later|earlier|after|before)|and|but|while|also|however|meanwhile|recently|separately|moreover|yet|so|then|now|still|earlier|later|just|days|weeks|interestingly|notably|nearby|the|a|an)\b[\s,]*/i;

export const SOURCE_NOUNS =
  /\b(officials?|sources?|analysts?|experts?|media|outlets?|reports?|intel(?:ligence)?|lawmakers?|legislators?|diplomats?|authorities|government|military|ministry|observers?|monitors?|researchers?|spokes(?:man|woman|person)|commanders?|officers?|agency|agencies|newspapers?|journalists?|correspondents?|(?:media|armed|military|political|press|information)\s+wing|(?:eye)?witness(?:es)?|teachers?|students?|farmers?|traders?|fisherm[ae]n|m[ae]n|wom[ae]n|drivers?|imams?|priests?|pastors?|shopkeepers?|residents?|survivors?|villagers?|elders?|relatives?|doctors?|medics?|nurses?|paramedics?|rescuers?|volunteers?|activists?|(?:aid|health|rescue|humanitarian|hospital)\s+workers?|(?:health|medical|healthcare)\s+(?:professionals|practitioners)|(?:village|local|tribal|community|traditional|district)\s+(?:chief|leader|head)s?|think[- ]tanks?|estimates?|data|assessment|figures|records|statistics|watchers|insiders|people familiar with [\w ]+|activists|investigators|group|militia|rebels?|army|navy|air force|coast guard|national guard|border guards?|gendarmerie|police|movement|coalition|command|organi[sz]ations?|statement|bloggers?|scholars|universities|teams?|forces|fighters?|soldiers?|militants?|insurgents|alliance|junta|charity|charities|agencies|workers|doctors|medics|groups|monitors|authorities|envoy|envoys|ambassador|mission|staff|general staff|headquarters|ministry of [\w ]+|rescuers|paramedics|nurses|survivors|villagers|locals|elders|relatives|leaders?|lawyers|spokespeople|teams|volunteers|committees?|unions?|networks?|councils?|services|departments?|hospitals?|morgues?|civil defen[cs]e|emergency services|first responders|security sources|tribal sources|humanitarian sources|medical sources|state media|state television|state TV|broadcasters?|governors?|mayors?|ministers?|prosecutors?|generals?|colonels?|advis[eo]rs?|aides?|negotiators?|representatives?|ombuds(?:man|woman|person)|commissioners?|press secretary)$/i;
export const SINGULAR_PERSON =
  /\b(official|source|analyst|expert|lawmaker|legislator|diplomat|spokes(?:man|woman|person)|commander|officer|fighter|soldier|militant|rebel|employee|staffer|insider|witness|teacher|student|farmer|trader|fisherman|man|woman|driver|imam|priest|pastor|shopkeeper|eyewitness|resident|survivor|villager|elder|relative|doctor|medic|nurse|paramedic|rescuer|volunteer|activist|worker|chief|head|leader|investigator|envoy|ambassador|governor|mayor|minister|prosecutor|general|colonel|advis[eo]r|aide|negotiator|representative|ombuds(?:man|woman|person)|commissioner|press secretary)$/i;
export const STRIP_HEAD = /\s+(?:reports?|data|estimates?|figures|assessment|findings|information)$/i;
export const GENERIC_ONLY =
  /^(?:(?:the|latest|most|recent|new|intelligence|data|reports?|estimates?|figures|records|statistics|assessment|information|findings)\s*)+$/i;

export const RELAY_KINDS = new Set(["news"]);
/** A described speaker's head: the people speaking, not the body they belong to. */
export const MEMBER_HEAD =
  /(?:\b(?:officials?|officers?|sources?|spokes(?:man|woman|person)|representatives?|commanders?|insiders?|experts?|investigators?|(?:expert\s+)?panel)|\bsources?\s+familiar\s+with\s+[^,;]+)$/i;
/** "Netanyahu's office", "the rebels' health ministry": a body named by its owner. */
export const OFFICE_HEAD = /[’']s?\s+(?:office|(?:[\p{L}-]+\s+)?ministry)$/iu;
export const NP_BOUNDARY =
  /(?:^|[;:“”"()—–]|\s-{1,2}\s|[.!?](?<!\b(?:[A-Z]|Gen|Lt|Col|Maj|Capt|Sgt|Mr|Mrs|Ms|Dr|Sen|Rep|Gov|St|No|Adm)[.!?])\s|,\s|\b(?:that|while|but|as|when|because|which|who(?<!WHO)|whereas|although|though|if|since|after|before|whom|where|so|yet)\s)/gi;
export const TRAILING_AUX =
  /\s+(?:has|have|had|is|are|was|were|been|be|also|previously|earlier|reportedly|recently|repeatedly|now|further|then|later|first|publicly|officially|separately|already|again|today|yesterday|initially|once|on\s+\w+(?:\s+\d+)?(?:\s+(?:morning|afternoon|evening|night))?|last\s+\w+|this\s+\w+|in\s+an?\s+(?:(?:press|written|separate|brief|short|new|televised|video|online)\s+)?(?:statement|report|briefing|interview|update|post|communiqu[eé]|press conference|news conference))$/i;

/**
 * Whether what follows "estimates", "reports" or "claims" makes the word a verb: a that-clause, a figure, or a
 * clause with its own subject ("British intelligence estimates Russia has likely suffered …").
 */
export function clauseAfterVerb(after: string): boolean {
  return (
    /^\s+(?:that\b|\d|(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens|scores|hundreds|thousands)\b|about|around|some|more|as many|up to|nearly|almost|roughly|at least|over|the (?:death |overall |total )?(?:toll|number)\b|(?:killing|wounding|injuring|capturing|losing|sending|deploying|recruiting)\s|to have\s)/i.test(
      after.slice(0, 20),
    ) ||
    /^\s+(?:the\s+)?\p{Lu}[\p{L}’'-]+(?:\s+\p{Lu}[\p{L}’'-]+)?\s+(?:has|have|had|is|are|was|were|will|would|could|may|might|lost|suffered)\b/u.test(
      after,
    ) ||
    // "The government estimates the group has some 2,500 fighters": a described subject of one or two words.
    /^\s+the\s+\p{Ll}[\p{L}-]+(?:\s+\p{Ll}[\p{L}-]+)?\s+(?:has|have|had|numbers|lost|suffered)\s/u.test(after)
  );
}

/** "officer loyal to the government": after a person described, whom they serve (see resolveNP). */
export const SERVES_AFTER =
  /(?<=\b(?:officers?|officials?|commanders?|sources?|spokes(?:man|woman|person)|aides?|advis[eo]rs?|members?|leaders?))\s+(?:loyal|close|allied|affiliated|attached)\s+(?:to|with)\s[\s\S]*$/i;
