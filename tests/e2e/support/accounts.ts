/** The editor the global setup creates; tests sign in with it. */
export const EDITOR = { email: "editor@example.org", password: "a long editor password" } as const;
/** The admin the global setup creates, for admin screens (feeds). */
export const ADMIN = { email: "admin@example.org", password: "a long admin password" } as const;
