import path from 'node:path';
import type { NextConfig } from 'next';

const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Lets parallel local builds use separate output folders (NEXT_DIST_DIR=.next-mine); the default is .next.
  distDir: process.env.NEXT_DIST_DIR ?? '.next',
  // The monorepo root, so Turbopack resolves the workspace packages from one lockfile.
  turbopack: { root: path.join(__dirname, '../..') },
  // The Docker image ships the self-contained server; local runs use next start.
  output: process.env.NEXT_OUTPUT === 'standalone' ? 'standalone' : undefined,
  outputFileTracingRoot: path.join(__dirname, '../..'),
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Referrer-Policy', value: 'same-origin' },
        ],
      },
    ];
  },
};

export default config;
