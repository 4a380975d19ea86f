import type { NextConfig } from "next";

const config: NextConfig = {
  // Internal workspace packages ship TypeScript source; Next compiles them.
  transpilePackages: ["@headcount/shared"],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default config;
