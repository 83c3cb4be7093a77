import path from 'node:path';
import type { NextConfig } from 'next';

/**
 * What the dashboard and the patient page may load: only their own origin (the API is reached through it), images
 * from data: URLs (the QR code), no framing, no plugins. Next's hydration writes inline scripts, hence
 * 'unsafe-inline' for scripts; nothing may be fetched from or sent to another origin.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

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
          { key: 'Content-Security-Policy', value: CONTENT_SECURITY_POLICY },
          { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()' },
          { key: 'Referrer-Policy', value: 'same-origin' },
        ],
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
    ];
  },
};

export default config;
