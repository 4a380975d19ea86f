import { fetchApi } from "./queries";

export type Role = "VIEWER" | "EDITOR" | "ADMIN";

export interface Viewer {
  email: string;
  role: Role;
}

const ME_QUERY = /* GraphQL */ `
  query Me {
    me {
      email
      role
    }
  }
`;

/** Who the visitor is (their session cookie is forwarded); null when signed out or the API is down. */
export async function fetchViewer(): Promise<Viewer | null> {
  try {
    return (await fetchApi<{ me: Viewer | null }>(ME_QUERY)).me;
  } catch {
    return null;
  }
}

/** Editor-only screens (review queue, ingest, merge verdicts) follow the role `me` reports. */
export const isEditor = (viewer: Viewer | null): boolean =>
  viewer?.role === "EDITOR" || viewer?.role === "ADMIN";
