/**
 * "the war monitoring group Emergency Lawyers", "the rights group Gyeore", "independent outlet Mediazona": a
 * body described by its kind, then named. The name speaks; the description is not part of it. Where the name
 * begins in `text`, or -1.
 */
const KIND_THEN_NAME =
  /^(?:(?:the|a|an)\s+)?(?:[\p{Ll}-]+\s+){0,3}(?:group|organi[sz]ation|monitor|outlet|network|channel|agency|watchdog|charity|NGO|coalition|collective|initiative|movement)\s+(\p{Lu}[\p{L}\d’'.-]*(?:\s+(?:(?:of|for|the|and|in)\s+)?\p{Lu}[\p{L}\d’'.-]*){0,5})$/u;

export function nameAfterKind(text: string): number {
  const m = KIND_THEN_NAME.exec(text);
  return m?.[1] ? text.length - m[1].length : -1;
}
