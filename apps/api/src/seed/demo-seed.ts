import { readFileSync } from 'node:fs';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { hashPassword } from '../auth/passwords.js';
import { searchable } from '../common/names.js';
import type { PrismaClient } from '../generated/prisma/client.js';

interface DemoPractice {
  practice: { id: string; name: string };
  password: string;
  users: { name: string; email: string; role: 'admin' | 'clinician' | 'reception' }[];
  patients: { firstName: string; lastName: string; dateOfBirth: string; sex: 'female' | 'male' | 'unspecified'; email: string | null; phone: string | null; notes: string | null }[];
}

/** The repository's prisma/ folder, found from wherever the compiled code runs. */
export function prismaDir(start = __dirname): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'prisma', 'schema.prisma'))) return path.join(dir, 'prisma');
    if (dir === path.dirname(dir)) throw new Error('prisma/schema.prisma not found above ' + start);
  }
}

export function loadDemoPractice(): DemoPractice {
  return JSON.parse(readFileSync(path.join(prismaDir(), 'seed', 'demo-practice.json'), 'utf8')) as DemoPractice;
}

/** Stable ids derived from the practice id, so the demo data is the same on every machine. */
function demoId(practiceId: string, kind: string, index: number): string {
  const hex = createHash('sha256').update(`${practiceId}:${kind}:${index}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export interface SeedResult {
  created: boolean;
  practiceName: string;
  logins: { role: string; email: string; password: string }[];
}

/**
 * Seeds the demo practice once: if it already exists nothing is written, so restarting never duplicates it.
 * `now` anchors the demo's dates (patients registered over the past months).
 */
export async function seedDemoPractice(prisma: PrismaClient, now = new Date()): Promise<SeedResult> {
  const demo = loadDemoPractice();
  const logins = demo.users.map((u) => ({ role: u.role, email: u.email, password: demo.password }));
  const passwordHash = await hashPassword(demo.password);
  const created = await prisma.$transaction(async (tx) => {
    const { count } = await tx.practice.createMany({ data: [demo.practice], skipDuplicates: true });
    if (count === 0) return false;
    const users = demo.users.map((u, i) => ({ id: demoId(demo.practice.id, 'user', i), practiceId: demo.practice.id, passwordHash, ...u }));
    await tx.user.createMany({ data: users });
    const clinician = users.find((u) => u.role === 'clinician') ?? users[0];
    await tx.patient.createMany({
      data: demo.patients.map((p, i) => ({
        id: demoId(demo.practice.id, 'patient', i),
        practiceId: demo.practice.id,
        ...p,
        dateOfBirth: new Date(`${p.dateOfBirth}T00:00:00Z`),
        searchName: searchable(`${p.firstName} ${p.lastName}`),
        createdBy: clinician.id,
        // Registered one every few days over the past months, the first patient the most recent.
        createdAt: new Date(now.getTime() - i * 4.5 * 86_400_000),
      })),
    });
    return true;
  });
  return { created, practiceName: demo.practice.name, logins };
}
