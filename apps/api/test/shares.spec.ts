import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import request from 'supertest';
import type { PrismaClient } from '../src/generated/prisma/client.js';
import { createPatient, createPractice, expectProblem, prismaClient, signIn, startApp, TestPractice } from './harness.js';

const WEB_ORIGIN = 'https://clinic.example.com';
const DAY_MS = 86_400_000;
const requestId = () => `shares-${randomBytes(6).toString('hex')}`;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const LINK = new RegExp(`^${WEB_ORIGIN.replace(/\./g, '\\.')}/p/([A-Za-z0-9_-]{43})$`);

const planBody = {
  title: 'Back support plan',
  startDate: '2026-03-02',
  phases: [
    {
      key: 'activate',
      title: 'Activate',
      startWeek: 0,
      endWeek: 3,
      goals: ['Learn each exercise in its easier version.'],
      exercises: [{ exerciseCode: 'bird_dog', sets: 3, reps: 5, holdSeconds: 10, perSide: true, timesPerWeek: 7 }],
    },
  ],
};

describe('share links', () => {
  let app: NestFastifyApplication;
  let prisma: PrismaClient;
  let practice: TestPractice;
  let clinician: string;
  let reception: string;
  let otherClinician: string;

  beforeAll(async () => {
    app = await startApp({ WEB_ORIGIN });
    prisma = prismaClient();
    practice = await createPractice(prisma);
    const other = await createPractice(prisma);
    clinician = await signIn(app, practice.users.clinician.email);
    reception = await signIn(app, practice.users.reception.email);
    otherClinician = await signIn(app, other.users.clinician.email);
  });
  afterAll(async () => {
    await app.close();
    await prisma.$disconnect();
  });

  const http = () => request(app.getHttpServer());
  const share = (planId: string, body?: object, cookie = clinician) => {
    const r = http().post(`/api/plans/${planId}/share`).set('cookie', cookie);
    return body ? r.send(body) : r;
  };
  const links = (planId: string, cookie = clinician) => http().get(`/api/plans/${planId}/share`).set('cookie', cookie);
  const revoke = (planId: string, cookie = clinician) => http().delete(`/api/plans/${planId}/share`).set('cookie', cookie);

  async function plan(activate = true) {
    const patient = await createPatient(prisma, practice);
    const created = await http().post(`/api/patients/${patient.id}/plans`).set('cookie', clinician).send(planBody).expect(201);
    if (activate) await http().post(`/api/plans/${created.body.id}/activate`).set('cookie', clinician).expect(200);
    return { patientId: patient.id, planId: created.body.id as string };
  }

  describe('POST /api/plans/:planId/share', () => {
    it('makes a link with a 256-bit token stored only as its SHA-256, valid 90 days by default, and audits it', async () => {
      const { planId, patientId } = await plan();
      const rid = requestId();
      const before = Date.now();
      const response = await share(planId).set('x-request-id', rid).expect(200);
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.body).toEqual({ linkId: expect.any(String), url: expect.stringMatching(LINK), expiresAt: expect.any(String) });
      const token = LINK.exec(response.body.url)![1];
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);

      const expiresAt = new Date(response.body.expiresAt).getTime();
      expect(expiresAt).toBeGreaterThanOrEqual(before + 90 * DAY_MS - 1000);
      expect(expiresAt).toBeLessThanOrEqual(Date.now() + 90 * DAY_MS + 1000);

      const row = await prisma.shareLink.findUniqueOrThrow({ where: { practiceId_id: { practiceId: practice.id, id: response.body.linkId } } });
      expect(row).toMatchObject({ planId, patientId, tokenHash: sha256(token), createdBy: practice.users.clinician.id, revokedAt: null, failedAttempts: 0 });
      expect(row.expiresAt.toISOString()).toBe(response.body.expiresAt);
      // The token itself is nowhere in the row.
      const [raw] = await prisma.$queryRaw<{ text: string }[]>`SELECT s::text AS text FROM share_links s WHERE id = ${row.id}::uuid`;
      expect(raw.text).not.toContain(token);
      expect(raw.text).toContain(sha256(token));

      expect(await prisma.auditEvent.findMany({ where: { requestId: rid } })).toEqual([
        expect.objectContaining({ action: 'share', resourceType: 'share_link', resourceId: row.id, patientId, actorId: practice.users.clinician.id }),
      ]);
    });

    it('honours expiresInDays and makes a different token every time', async () => {
      const { planId } = await plan();
      const before = Date.now();
      const a = await share(planId, { expiresInDays: 7 }).expect(200);
      const b = await share(planId, { expiresInDays: 365 }).expect(200);
      expect(new Date(a.body.expiresAt).getTime()).toBeGreaterThanOrEqual(before + 7 * DAY_MS - 1000);
      expect(new Date(a.body.expiresAt).getTime()).toBeLessThanOrEqual(Date.now() + 7 * DAY_MS + 1000);
      expect(new Date(b.body.expiresAt).getTime()).toBeGreaterThanOrEqual(before + 365 * DAY_MS - 1000);
      expect(a.body.url).not.toBe(b.body.url);
      expect(a.body.linkId).not.toBe(b.body.linkId);
    });

    it('shares only an active plan (409 conflict for a draft)', async () => {
      const { planId } = await plan(false);
      expectProblem((await share(planId).expect(409)).body, 409, 'conflict');
      expect(await prisma.shareLink.count({ where: { planId } })).toBe(0);
    });

    it.each([[{ expiresInDays: 0 }], [{ expiresInDays: 366 }], [{ expiresInDays: 1.5 }], [{ expiresInDays: 'ten' }]])(
      'refuses %p naming expiresInDays',
      async (body) => {
        const { planId } = await plan();
        const response = await share(planId, body).expect(400);
        expectProblem(response.body, 400, 'validation_failed');
        expect([...new Set(response.body.errors.map((e: { field: string }) => e.field))]).toEqual(['expiresInDays']);
      },
    );

    it('refuses unknown fields such as a token chosen by the client', async () => {
      const { planId } = await plan();
      const response = await share(planId, { token: 'my-own-token', expiresAt: '2030-01-01' }).expect(400);
      expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['expiresAt', 'token']);
    });

    it('answers 404 for another practice’s or an unknown plan, 403 for reception, 401 without a session', async () => {
      const { planId } = await plan();
      expectProblem((await share(planId, undefined, otherClinician).expect(404)).body, 404, 'not_found');
      expectProblem((await share(randomUUID()).expect(404)).body, 404, 'not_found');
      expectProblem((await share('not-a-plan').expect(404)).body, 404, 'not_found');
      expectProblem((await share(planId, undefined, reception).expect(403)).body, 403, 'forbidden');
      expectProblem((await http().post(`/api/plans/${planId}/share`).expect(401)).body, 401, 'unauthenticated');
      expect(await prisma.shareLink.count({ where: { planId } })).toBe(0);
    });
  });

  describe('GET /api/plans/:planId/share', () => {
    it('lists the plan’s links newest first with their state, never a token, and audits the read', async () => {
      const { planId, patientId } = await plan();
      const ids: string[] = [];
      for (let i = 0; i < 4; i++) ids.push((await share(planId).expect(200)).body.linkId);
      const where = (id: string) => ({ practiceId_id: { practiceId: practice.id, id } });
      await prisma.shareLink.update({ where: where(ids[0]), data: { expiresAt: new Date(Date.now() - 1000), createdAt: new Date(Date.now() - 4000) } });
      await prisma.shareLink.update({ where: where(ids[1]), data: { lockedAt: new Date(), failedAttempts: 5, createdAt: new Date(Date.now() - 3000) } });
      await prisma.shareLink.update({ where: where(ids[2]), data: { revokedAt: new Date(), createdAt: new Date(Date.now() - 2000) } });
      const opened = new Date();
      await prisma.shareLink.update({ where: where(ids[3]), data: { lastOpenedAt: opened } });

      const rid = requestId();
      const response = await links(planId).set('x-request-id', rid).expect(200);
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.body.items.map((l: { id: string; state: string }) => [l.id, l.state])).toEqual([
        [ids[3], 'active'],
        [ids[2], 'revoked'],
        [ids[1], 'locked'],
        [ids[0], 'expired'],
      ]);
      expect(response.body.items[0]).toEqual({
        id: ids[3],
        createdAt: expect.any(String),
        expiresAt: expect.any(String),
        revokedAt: null,
        lockedAt: null,
        failedAttempts: 0,
        lastOpenedAt: opened.toISOString(),
        state: 'active',
      });
      expect(response.body.items[2]).toMatchObject({ failedAttempts: 5, lockedAt: expect.any(String) });
      expect(JSON.stringify(response.body)).not.toMatch(/token/i);
      expect(await prisma.auditEvent.findMany({ where: { requestId: rid } })).toEqual([
        expect.objectContaining({ action: 'read', resourceType: 'share_link', resourceId: null, patientId }),
      ]);
    });

    it('answers an empty list for a plan never shared; 404, 403 and 401 as usual', async () => {
      const { planId } = await plan(false);
      expect((await links(planId).expect(200)).body).toEqual({ items: [] });
      expectProblem((await links(planId, otherClinician).expect(404)).body, 404, 'not_found');
      expectProblem((await links(randomUUID()).expect(404)).body, 404, 'not_found');
      expectProblem((await links(planId, reception).expect(403)).body, 403, 'forbidden');
      expectProblem((await http().get(`/api/plans/${planId}/share`).expect(401)).body, 401, 'unauthenticated');
    });
  });

  describe('DELETE /api/plans/:planId/share', () => {
    it('revokes every unrevoked link of the plan (204), leaves other plans’ links alone, and audits it', async () => {
      const { planId, patientId } = await plan();
      const other = await plan();
      await share(planId).expect(200);
      await share(planId).expect(200);
      await share(other.planId).expect(200);
      const rid = requestId();
      const response = await revoke(planId).set('x-request-id', rid).expect(204);
      expect(response.text).toBe('');
      const rows = await prisma.shareLink.findMany({ where: { practiceId: practice.id, planId } });
      expect(rows).toHaveLength(2);
      for (const row of rows) {
        expect(row.revokedAt).toBeInstanceOf(Date);
        expect(row.revokedBy).toBe(practice.users.clinician.id);
      }
      expect((await links(planId).expect(200)).body.items.map((l: { state: string }) => l.state)).toEqual(['revoked', 'revoked']);
      expect((await links(other.planId).expect(200)).body.items.map((l: { state: string }) => l.state)).toEqual(['active']);
      expect(await prisma.auditEvent.findMany({ where: { requestId: rid } })).toEqual([
        expect.objectContaining({ action: 'revoke', resourceType: 'share_link', resourceId: null, patientId, actorId: practice.users.clinician.id }),
      ]);

      // Revoking again keeps the first revocation time.
      const firstRevokedAt = rows[0].revokedAt!.toISOString();
      await revoke(planId).expect(204);
      const again = await prisma.shareLink.findUniqueOrThrow({ where: { practiceId_id: { practiceId: practice.id, id: rows[0].id } } });
      expect(again.revokedAt!.toISOString()).toBe(firstRevokedAt);
    });

    it('answers 404 for another practice’s or an unknown plan, 403 for reception, 401 without a session', async () => {
      const { planId } = await plan();
      await share(planId).expect(200);
      expectProblem((await revoke(planId, otherClinician).expect(404)).body, 404, 'not_found');
      expectProblem((await revoke(randomUUID()).expect(404)).body, 404, 'not_found');
      expectProblem((await revoke(planId, reception).expect(403)).body, 403, 'forbidden');
      expectProblem((await http().delete(`/api/plans/${planId}/share`).expect(401)).body, 401, 'unauthenticated');
      expect(await prisma.shareLink.count({ where: { planId, revokedAt: { not: null } } })).toBe(0);
    });
  });
});
