import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { calendarDateIn } from '@upright/domain';
import type { PrismaClient } from '../src/generated/prisma/client.js';
import { episodeBody } from './factories/clinical.js';
import { createPatient, createPractice, expectProblem, prismaClient, signIn, startApp } from './harness.js';

const AHEAD = 'Etc/GMT-14'; // UTC+14 (Kiribati's Line Islands)
const BEHIND = 'Etc/GMT+12'; // UTC-12

/**
 * "Today" is the practice's own day: a clinic records an episode on its local date, wherever the server runs.
 * At any moment, the calendar date at UTC+14 or at UTC-12 differs from the UTC one: the test uses that zone.
 */
describe('the practice’s time zone', () => {
  let app: NestFastifyApplication;
  let prisma: PrismaClient;

  beforeAll(async () => {
    app = await startApp();
    prisma = prismaClient();
  });
  afterAll(async () => {
    await app.close();
    await prisma.$disconnect();
  });

  const http = () => request(app.getHttpServer());

  it('records an episode on the practice’s local date, and refuses an onset after it', async () => {
    const now = new Date();
    const utcDay = now.toISOString().slice(0, 10);
    const zone = calendarDateIn(AHEAD, now) !== utcDay ? AHEAD : BEHIND;
    const localDay = calendarDateIn(zone, now);
    expect(localDay).not.toBe(utcDay);

    const practice = await createPractice(prisma);
    await prisma.practice.update({ where: { id: practice.id }, data: { timeZone: zone } });
    const patient = await createPatient(prisma, practice, { dateOfBirth: '1980-05-05' });
    const clinician = await signIn(app, practice.users.clinician.email);

    const me = await http().get('/api/auth/me').set('cookie', clinician).expect(200);
    expect(me.body.practice.timeZone).toBe(zone);

    // The later of the two days is "in the future" for whoever is behind; the local day is always today.
    const later = localDay > utcDay ? localDay : utcDay;
    if (later !== localDay) {
      const refused = await http().post(`/api/patients/${patient.id}/episodes`).set('cookie', clinician).send(episodeBody(later)).expect(400);
      expect(refused.body.errors).toEqual([{ field: 'onsetDate', message: 'cannot be in the future' }]);
    }
    const saved = await http().post(`/api/patients/${patient.id}/episodes`).set('cookie', clinician).send(episodeBody(localDay)).expect(201);
    expect(saved.body.recordedOn).toBe(localDay);
  });

  it('is set at sign-up (an IANA name; anything else is a 400 naming timeZone) and defaults to UTC', async () => {
    const signup = (timeZone?: string) =>
      http()
        .post('/api/auth/signup')
        .send({
          practiceName: 'Harbour Physio',
          name: 'Aroha Ngata',
          email: `aroha-${randomBytes(4).toString('hex')}@example.com`,
          password: 'a long passphrase',
          timeZone,
        });
    const bad = await signup('Mars/Olympus_Mons').expect(400);
    expectProblem(bad.body, 400, 'validation_failed');
    expect(bad.body.errors).toEqual([{ field: 'timeZone', message: 'must be an IANA time zone such as Europe/London' }]);

    expect((await signup('Pacific/Auckland').expect(200)).body.practice.timeZone).toBe('Pacific/Auckland');
    expect((await signup().expect(200)).body.practice.timeZone).toBe('UTC');
  });
});
