/**
 * What must be in place before Next.js is loaded (main.ts imports this module first): Next reads NODE_ENV and the
 * standalone configuration as its modules load.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The app folder: dist/server/*.js lives two levels below it, here and in the Docker image's standalone copy. */
export const appDir = path.resolve(__dirname, '..', '..');

process.chdir(appDir);
Object.assign(process.env, { NODE_ENV: 'production' });
if (!existsSync(path.join(appDir, 'next.config.ts'))) {
  // The standalone build (Docker) carries no next.config.ts: it runs on the configuration resolved at build time,
  // which Next's own standalone server.js hands over the same way.
  const distDir = process.env.NEXT_DIST_DIR ?? '.next';
  const { config } = JSON.parse(readFileSync(path.join(appDir, distDir, 'required-server-files.json'), 'utf8')) as { config: unknown };
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(config);
}
