import Link from "next/link";

/** An entity's name linking to its page, or a muted word saying there is none. */
export function EntityLink({ entity, none }: { entity: { id: string; name: string } | null; none: string }) {
  return entity ? (
    <Link href={`/entities/${encodeURIComponent(entity.id)}`}>{entity.name}</Link>
  ) : (
    <span className="muted">{none}</span>
  );
}
