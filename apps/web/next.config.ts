import path from 'node:path';
import type { NextConfig } from 'next';
import { SECURITY_HEADERS } from './lib/security-headers';

const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Lets parallel local builds use separate output folders (NEXT_DIST_DIR=.next-mine); the default is .next.
  distDir: process.env.NEXT_DIST_DIR ?? '.next',
  // The monorepo root, so Turbopack resolves the workspace packages from one lockfile.
  turbopack: { root: path.join(__dirname, '../..') },
  // The Docker image ships the self-contained build; both run under server/main.ts (see there).
  output: process.env.NEXT_OUTPUT === 'standalone' ? 'standalone' : undefined,
  outputFileTracingRoot: path.join(__dirname, '../..'),
  headers() {
    return Promise.resolve([
      // Pages and assets. The API answers forwarded under /api get the same headers from server/forward-api.ts.
      {
        source: '/:path*',
        headers: [...SECURITY_HEADERS],
      },
      // The patient's pages: a /p/<token> address must never leak through Referer, and no copy of the plan may be
      // kept by a shared computer's or a proxy's cache. Listed after the rule above: for the same key, the last
      // matching rule wins.
      {
        source: '/p/:path*',
        headers: [
          { key: 'Referrer-Policy', value: 'no-referrer' },
          { key: 'Cache-Control', value: 'no-store' },
        ],
      },
    ]);
  },
};

export default config;
