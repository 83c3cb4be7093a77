import { hash, verify, Algorithm } from '@node-rs/argon2';

/** OWASP's minimum argon2id configuration: m=19456 KiB, t=2, p=1. */
const OPTIONS = { algorithm: Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

// Verified against when the email is unknown, so both failures take the same time.
let dummyHash: Promise<string> | undefined;

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  const target = passwordHash ?? (await (dummyHash ??= hash('not-a-real-password', OPTIONS)));
  const ok = await verify(target, password).catch(() => false);
  return passwordHash !== null && ok;
}
