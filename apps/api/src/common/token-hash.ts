import { createHash } from 'node:crypto';

/** What the database keeps of a secret token (staff and portal sessions, share links): its SHA-256, in hex. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
