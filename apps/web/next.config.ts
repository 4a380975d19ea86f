import type { NextConfig } from "next";

const config: NextConfig = {
  // Internal workspace packages ship TypeScript source; Next compiles them.
  transpilePackages: ["@headcount/shared"],
  poweredByHeader: false,
  reactStrictMode: true,
  // Every response, assets included: no framing, no type sniffing, no address leaked to other sites.
  // The Content Security Policy with its per-request nonce is set in proxy.ts.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Frame-Options", value: "DENY" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
        ],
      },
    ];
  },
};

export default config;
