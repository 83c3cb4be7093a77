// @ts-check
/**
 * Generates the Prisma client (TypeScript source, git-ignored) into apps/api/src/generated/prisma.
 * The Prisma CLI insists that a schema-engine binary exists even for `generate`, which never runs it;
 * the native binary cannot be downloaded offline, so point it at a stub that refuses to run.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const stubDir = mkdtempSync(path.join(os.tmpdir(), 'upright-prisma-'));
const stub = path.join(stubDir, 'schema-engine');
writeFileSync(stub, '#!/bin/sh\necho "Use npm run db:migrate / db:migration (WebAssembly schema engine)" >&2\nexit 1\n');
chmodSync(stub, 0o755);

const prismaCli = createRequire(import.meta.url).resolve('prisma/build/index.js');
const result = spawnSync(process.execPath, [prismaCli, 'generate'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: stub, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' },
});
rmSync(stubDir, { recursive: true, force: true });
process.exit(result.status ?? 1);
