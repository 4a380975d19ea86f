"use client";

import { UrqlProvider } from "@urql/next";
import { type ReactNode, useState } from "react";
import { createBrowserClient } from "../lib/urql-client";

/** The urql client of client components; server components fetch through lib/api.ts. */
export function DataProvider({ children }: { children: ReactNode }) {
  const [{ client, ssr }] = useState(createBrowserClient);
  return (
    <UrqlProvider client={client} ssr={ssr}>
      {children}
    </UrqlProvider>
  );
}
