#!/usr/bin/env node
// @ts-check
/**
 * How much JavaScript the patient's pages ship, gzipped (budget: 150 KB per route).
 *
 *   cd apps/web && NEXT_DIST_DIR=.next-p npx next build
 *   node scripts/measure-portal-js.mjs apps/web/.next-p            # from the repository root
 *   node scripts/measure-portal-js.mjs .next-p /p/plan /p/[token]  # other routes; the dist dir may be relative to apps/web
 *
 * A route loads the framework's root chunks (build-manifest.json `rootMainFiles`) and the entry chunks of every
 * segment on its path (layout, error, loading, page: `entryJSFiles` of server/app/<route>/page_client-reference-manifest.js).
 * Each distinct chunk is counted once per route, gzipped like `gzip -c` (level 6). Polyfills are listed apart: they
 * are `nomodule` scripts that current browsers never download. Exits 1 when a route is over the budget.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { gzipSync } from 'node:zlib';
import { parseJson } from './lib/json.mjs';

const BUDGET_KB = 150;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [distArg, ...routeArgs] = process.argv.slice(2);
if (!distArg) {
  console.error('Usage: node scripts/measure-portal-js.mjs <dist dir, e.g. apps/web/.next-p> [route ...]');
  process.exit(2);
}
const found = [path.resolve(distArg), path.resolve(root, 'apps/web', distArg)].find((dir) => existsSync(path.join(dir, 'build-manifest.json')));
if (!found) {
  console.error(`No build-manifest.json in ${distArg} (nor in apps/web/${distArg}): build first with NEXT_DIST_DIR=<dir> npx next build.`);
  process.exit(2);
}
const dist = found;
const routes = routeArgs.length > 0 ? routeArgs : ['/p/[token]', '/p/plan'];

const buildManifest = /** @type {{ rootMainFiles: string[], polyfillFiles: string[] }} */ (
  parseJson(readFileSync(path.join(dist, 'build-manifest.json'), 'utf8'))
);

/** @param {string} route e.g. /p/plan → the RSC manifest Next wrote for that page */
function clientReferenceManifest(route) {
  const file = path.join(dist, 'server/app', route, 'page_client-reference-manifest.js');
  if (!existsSync(file)) throw new Error(`${route}: no ${path.relative(root, file)} (is it an App Router page of this build?)`);
  /** @type {{ globalThis: { __RSC_MANIFEST?: Record<string, { entryJSFiles?: Record<string, string[]> }> } }} */
  const sandbox = { globalThis: {} };
  vm.runInNewContext(readFileSync(file, 'utf8'), sandbox);
  const manifests = Object.values(sandbox.globalThis.__RSC_MANIFEST ?? {});
  if (manifests.length !== 1) throw new Error(`${route}: expected one manifest in ${file}, found ${manifests.length}`);
  return manifests[0];
}

/** @type {Map<string, { raw: number, gzip: number }>} */
const sizes = new Map();
/** @param {string} chunk e.g. static/chunks/abc.js or /_next/static/chunks/abc.js */
function sizeOf(chunk) {
  const relative = chunk.replace(/^\/?_next\//, '').replace(/^\//, '');
  let size = sizes.get(relative);
  if (!size) {
    const bytes = readFileSync(path.join(dist, relative));
    size = { raw: bytes.length, gzip: gzipSync(bytes, { level: 6 }).length };
    sizes.set(relative, size);
  }
  return { file: relative, ...size };
}

const kb = (/** @type {number} */ bytes) => (bytes / 1024).toFixed(1);
let over = false;
console.log(`JavaScript per route, gzipped (${path.relative(process.cwd(), dist) || '.'}; budget ${BUDGET_KB} KB)\n`);
for (const route of routes) {
  const manifest = clientReferenceManifest(route);
  const segments = Object.entries(manifest.entryJSFiles ?? {});
  const chunks = [...new Set([...buildManifest.rootMainFiles, ...segments.flatMap(([, files]) => files)])].map(sizeOf);
  const total = chunks.reduce((sum, c) => ({ raw: sum.raw + c.raw, gzip: sum.gzip + c.gzip }), { raw: 0, gzip: 0 });
  const ok = total.gzip <= BUDGET_KB * 1024;
  over ||= !ok;
  console.log(`${route}: ${kb(total.gzip)} KB gzip (${kb(total.raw)} KB raw) in ${chunks.length} chunks ${ok ? '✓ within budget' : '✗ OVER BUDGET'}`);
  for (const chunk of chunks.sort((a, b) => b.gzip - a.gzip)) {
    const owners = buildManifest.rootMainFiles.includes(chunk.file)
      ? 'framework (every page)'
      : segments
          .filter(([, files]) => files.some((f) => f.replace(/^\/?_next\//, '') === chunk.file))
          .map(([segment]) => segment.replace('[project]/', '').replace(/^apps\/web\//, ''))
          .join(', ');
    console.log(`  ${kb(chunk.gzip).padStart(6)} KB  ${chunk.file}  ${owners}`);
  }
  console.log('');
}
const polyfills = buildManifest.polyfillFiles.map(sizeOf);
console.log(`Not counted: polyfills for old browsers (nomodule), ${kb(polyfills.reduce((s, c) => s + c.gzip, 0))} KB gzip.`);
process.exit(over ? 1 : 0);
