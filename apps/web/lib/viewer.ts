import { graphql, type ResultOf } from "./graphql";
import { fetchApi } from "./queries";

const ME_QUERY = graphql(`
  query Me {
    me {
      email
      role
    }
  }
`);

export type Viewer = NonNullable<ResultOf<typeof ME_QUERY>["me"]>;
export type Role = Viewer["role"];

/** Who the visitor is (their session cookie is forwarded); null when signed out or the API is down. */
export async function fetchViewer(): Promise<Viewer | null> {
  try {
    return (await fetchApi(ME_QUERY, {})).me;
  } catch {
    return null;
  }
}

/** Editor-only screens (review queue, ingest, merge verdicts) follow the role `me` reports. */
export const isEditor = (viewer: Viewer | null): boolean =>
  viewer?.role === "EDITOR" || viewer?.role === "ADMIN";
