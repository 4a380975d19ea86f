/** The editor the global setup creates; tests sign in with it. */
export const EDITOR = { email: "editor@example.org", password: "a long editor password" } as const;
