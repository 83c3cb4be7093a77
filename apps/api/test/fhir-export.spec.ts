import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Bundle, CarePlan, Condition, DocumentReference, Encounter, Observation, Patient, Resource } from '@medplum/fhirtypes';
import request from 'supertest';
import type { PrismaClient } from '../src/generated/prisma/client.js';
import { insertAppointment, insertAppointmentType } from './factories/appointments.js';
import { insertAssessment, insertDiary, insertEpisode, insertNote, insertOdi, insertPlan } from './factories/clinical.js';
import { asText } from './downloads.js';
import { bundleProblems, loadFhirDefinitions } from './fhir-validation.js';
import { createPatient, createPractice, expectProblem, prismaClient, signIn, startApp, type TestPractice } from './harness.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe('FHIR export of one patient (GET /api/patients/:id/fhir) and the patient’s own copy (GET /api/portal/my-data)', () => {
  let app: NestFastifyApplication;
  let prisma: PrismaClient;
  let practice: TestPractice;
  let other: TestPractice;
  let clinician: string;
  /** A patient with every kind of record, some of them entered in error. */
  let full: {
    patientId: string;
    episodeId: string;
    wrongEpisodeId: string;
    assessmentId: string;
    wrongAssessmentId: string;
    planId: string;
    signedNoteId: string;
    draftNoteId: string;
    wrongNoteId: string;
    completedAppointmentId: string;
    nprsId: string;
    rmdqId: string;
    shareLinkId: string;
  };

  beforeAll(async () => {
    loadFhirDefinitions();
    app = await startApp();
    prisma = prismaClient();
    practice = await createPractice(prisma);
    other = await createPractice(prisma);
    clinician = await signIn(app, practice.users.clinician.email);

    const patient = await createPatient(prisma, practice, { firstName: 'Zoë', lastName: 'Ångström', dateOfBirth: '1984-06-15' });
    await prisma.patient.update({
      where: { practiceId_id: { practiceId: practice.id, id: patient.id } },
      data: { email: 'zoe@example.org', phone: '+44 7700 900123', sex: 'female' },
    });
    const episode = await insertEpisode(prisma, practice, patient, { onsetDate: '2026-11-20', redFlags: ['osteoporosis'], age: 55 });
    const wrongEpisode = await insertEpisode(prisma, practice, patient, { onsetDate: '2026-11-01' });
    await prisma.episode.update({
      where: { practiceId_id: { practiceId: practice.id, id: wrongEpisode.id } },
      data: { status: 'entered_in_error', statusReason: 'Wrong patient' },
    });
    const assessment = await insertAssessment(
      prisma,
      practice,
      { id: patient.id, sex: 'female' },
      {
        sideBridgeS: { left: 60, right: 80 },
        hipAbduction: { left: 20, right: 24 },
        trendelenburg: { left: true, right: false },
        trunkFlexorS: 90,
        trunkExtensorS: 120,
        aslr: { left: 2, right: 0 },
        legLengthDifferenceCm: { value: 1.2, longer: 'right' },
        trunkRotationDeg: 5,
        shoulderHeightDifferenceCm: { value: 1, higher: 'left' },
        pelvicHeightDifferenceCm: { value: 0.5, higher: 'right' },
        craniovertebralAngleDeg: 48,
        lateralShift: 'left',
      },
    );
    const wrongAssessment = await insertAssessment(prisma, practice, { id: patient.id, sex: 'female' }, { trunkExtensorS: 100 }, '2026-11-22');
    await prisma.assessment.update({
      where: { practiceId_id: { practiceId: practice.id, id: wrongAssessment.id } },
      data: { status: 'entered_in_error', statusReason: 'Typed into the wrong record' },
    });
    await insertOdi(prisma, practice, patient, [2, 2, 2, null, 2, 2, 2, 2, 2, 2], '2026-11-21');
    const nprsId = randomUUID();
    const rmdqId = randomUUID();
    const common = { practiceId: practice.id, patientId: patient.id, rulesetVersion: '2026.12', createdBy: practice.users.clinician.id };
    await prisma.outcomeScore.createMany({
      data: [
        { ...common, id: nprsId, instrument: 'nprs', recordedOn: day('2026-11-21'), answers: 6, score: 6 },
        { ...common, id: rmdqId, instrument: 'rmdq', recordedOn: day('2026-11-21'), answers: Array.from({ length: 24 }, (_, i) => i < 7), score: 7 },
        { ...common, id: randomUUID(), instrument: 'psfs', recordedOn: day('2026-11-21'), answers: [4, 5, 7], score: 5.3 },
      ],
    });
    const planId = await insertPlan(prisma, practice, patient, 'Settle and strengthen', 'active', '2026-11-22');
    await prisma.plan.update({
      where: { practiceId_id: { practiceId: practice.id, id: planId } },
      data: { episodeId: episode.id, assessmentId: assessment.id, currentVersion: 2 },
    });
    await prisma.planVersion.create({
      data: {
        practiceId: practice.id,
        planId,
        number: 2,
        title: 'Settle and strengthen',
        startDate: day('2026-11-22'),
        changeNote: 'Added the side bridge.',
        phases: [
          {
            key: 'settle',
            title: 'Settle',
            startWeek: 0,
            endWeek: 2,
            goals: ['Walk daily'],
            exercises: [
              { exerciseCode: 'walking', sets: 1, reps: 1, perSide: false, timesPerWeek: 7 },
              { exerciseCode: 'side_bridge', sets: 3, reps: 5, holdSeconds: 10, perSide: true, timesPerWeek: 7 },
            ],
          },
        ] as never,
        reviewDates: ['2026-11-29'],
        notes: ['Heat before exercise.'],
        createdBy: practice.users.clinician.id,
      },
    });
    const shareLinkId = await insertDiary(prisma, practice, patient, planId, [
      { date: '2026-11-23', pain: 4, note: 'Stiff in the morning' },
      { date: '2026-11-24', pain: 3, completedExercises: ['walking'] },
    ]);
    const typeId = await insertAppointmentType(prisma, practice, 'Review');
    const completed = await insertAppointment(prisma, practice, { patientId: patient.id, typeId, hoursFromNow: -48, status: 'completed' });
    await insertAppointment(prisma, practice, { patientId: patient.id, typeId, hoursFromNow: 72 });
    await insertAppointment(prisma, practice, { patientId: patient.id, typeId, hoursFromNow: 24, status: 'cancelled' });
    const signed = await insertNote(prisma, practice, patient, {
      status: 'signed',
      appointmentId: completed.id,
      episodeId: episode.id,
      sections: { subjective: 'Better after walking.' },
    });
    await prisma.visitNoteAddendum.create({
      data: { id: randomUUID(), practiceId: practice.id, noteId: signed.id, authorId: practice.users.clinician.id, text: 'Addendum: X-ray report normal.' },
    });
    const draft = await insertNote(prisma, practice, patient, { visitDate: '2026-11-26' });
    const wrong = await insertNote(prisma, practice, patient, { status: 'signed', visitDate: '2026-11-27' });
    await prisma.$executeRaw`UPDATE visit_notes SET status = 'entered_in_error', status_reason = 'Wrong patient' WHERE practice_id = ${practice.id}::uuid AND id = ${wrong.id}::uuid`;

    full = {
      patientId: patient.id,
      episodeId: episode.id,
      wrongEpisodeId: wrongEpisode.id,
      assessmentId: assessment.id,
      wrongAssessmentId: wrongAssessment.id,
      planId,
      signedNoteId: signed.id,
      draftNoteId: draft.id,
      wrongNoteId: wrong.id,
      completedAppointmentId: completed.id,
      nprsId,
      rmdqId,
      shareLinkId,
    };
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await prisma.$disconnect();
  });

  const http = () => request(app.getHttpServer());
  const fetchBundle = async (patientId: string, session = clinician) => {
    const res = await http().get(`/api/patients/${patientId}/fhir`).set('cookie', session).buffer(true).parse(asText);
    return { res, bundle: res.status === 200 ? (JSON.parse(res.body as string) as Bundle) : undefined };
  };
  const resources = (bundle: Bundle) => (bundle.entry ?? []).map((e) => e.resource!);
  const ofType = <T extends Resource>(bundle: Bundle, type: T['resourceType']) => resources(bundle).filter((r): r is T => r.resourceType === type);
  const byId = (bundle: Bundle, id: string) => resources(bundle).find((r) => r.id === id);

  it('answers a Bundle of type collection that the FHIR validator accepts, every reference a urn:uuid of an entry', async () => {
    const { res, bundle } = await fetchBundle(full.patientId);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/fhir+json; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="patient-${full.patientId}.fhir.json"`);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(bundleProblems(bundle!)).toEqual([]);
    const counts = Object.fromEntries(
      ['Patient', 'Condition', 'CarePlan', 'Appointment', 'Encounter', 'DocumentReference'].map((t) => [
        t,
        ofType(bundle!, t as Resource['resourceType']).length,
      ]),
    );
    // 2 episodes, 2 plan versions, 3 appointments, 3 notes (one on the completed appointment: one Encounter for both).
    expect(counts).toEqual({ Patient: 1, Condition: 2, CarePlan: 2, Appointment: 3, Encounter: 3, DocumentReference: 3 });
    expect(resources(bundle!)[0].resourceType).toBe('Patient');
  });

  it('maps the patient, the episode with its red flags, the measurements with body site and laterality, and the outcome codes', async () => {
    const { bundle } = await fetchBundle(full.patientId);
    const patient = ofType<Patient>(bundle!, 'Patient')[0];
    expect(patient).toMatchObject({
      id: full.patientId,
      active: true,
      gender: 'female',
      birthDate: '1984-06-15',
      name: [{ family: 'Ångström', given: ['Zoë'] }],
      identifier: [{ system: 'urn:ietf:rfc:3986', value: `urn:uuid:${full.patientId}`, assigner: { display: practice.name } }],
    });
    expect(patient.telecom).toEqual([
      { system: 'email', value: 'zoe@example.org' },
      { system: 'phone', value: '+44 7700 900123' },
    ]);

    const condition = byId(bundle!, full.episodeId) as Condition;
    expect(condition.code?.coding).toEqual([{ system: 'http://snomed.info/sct', code: '279039007', display: 'Low back pain' }]);
    expect(condition.code?.text).toMatch(/Upright category support_deficit/);
    expect(condition.clinicalStatus?.coding?.[0].code).toBe('active');
    expect(condition.onsetDateTime).toBe('2026-11-20');
    expect(condition.evidence?.[0].code?.[0].text).toMatch(/osteoporosis/i);
    expect(condition.note?.[0].text).toMatch(/^Red-flag screen: review; red flags: /);

    const measurements = ofType<Observation>(bundle!, 'Observation').filter((o) => o.effectiveDateTime === '2026-11-21' && o.bodySite);
    const leftBridge = measurements.find((o) => o.code.text?.startsWith('Side-bridge') && o.bodySite?.text === 'Left flank');
    expect(leftBridge).toMatchObject({
      status: 'final',
      valueQuantity: { value: 60, unit: 's', system: 'http://unitsofmeasure.org', code: 's' },
      bodySite: { coding: [{ system: 'http://snomed.info/sct', code: '58602004:272741003=7771000' }] },
    });
    const rightTrendelenburg = measurements.find((o) => o.code.text?.startsWith('Trendelenburg') && o.bodySite?.text === 'Right hip region');
    expect(rightTrendelenburg?.valueBoolean).toBe(false);
    expect(rightTrendelenburg?.bodySite?.coding?.[0].code).toBe('29836001:272741003=24028007');
    const legLength = measurements.find((o) => o.code.text === 'Leg length difference');
    expect(legLength?.component?.[0]).toMatchObject({ code: { text: 'Longer side' }, valueCodeableConcept: { coding: [{ code: '24028007' }] } });
    // One Observation per side of the 4 bilateral measurements, and one each for the 8 others.
    expect(measurements).toHaveLength(4 * 2 + 8);

    const panel = byId(bundle!, full.assessmentId) as Observation;
    const index = ofType<Observation>(bundle!, 'Observation').find((o) => o.code.text?.startsWith('Side-bridge symmetry index'));
    expect(index?.valueQuantity).toMatchObject({ value: 28.6, code: '%' });
    expect(index?.derivedFrom).toHaveLength(2);
    expect(panel.hasMember).toHaveLength(measurements.length + 4);
    expect(panel.note?.map((n) => n.text).join('\n')).toMatch(/side bridge/i);

    const odi = ofType<Observation>(bundle!, 'Observation').find((o) => o.code.coding?.[0]?.code === '97909-6');
    expect(odi).toMatchObject({ code: { coding: [{ system: 'http://loinc.org', code: '97909-6' }] }, valueQuantity: { value: 40, code: '%' } });
    expect(odi?.component?.[3]).toMatchObject({ code: { text: 'ODI section 4, 0-5' }, dataAbsentReason: { coding: [{ code: 'unknown' }] } });
    expect(byId(bundle!, full.nprsId)).toMatchObject({ code: { coding: [{ system: 'http://loinc.org', code: '72514-3' }] }, valueInteger: 6 });
    // No LOINC code for the RMDQ: text only, never an invented code.
    expect((byId(bundle!, full.rmdqId) as Observation).code).toEqual({ text: 'Roland-Morris Disability Questionnaire (RMDQ) score, 0-24' });
  });

  it('gives a CarePlan per plan version, the newer replacing the older, an activity per exercise with its dose', async () => {
    const { bundle } = await fetchBundle(full.patientId);
    const plans = ofType<CarePlan>(bundle!, 'CarePlan');
    const [v1, v2] = [plans.find((p) => p.description?.startsWith('Version 1'))!, plans.find((p) => p.description?.startsWith('Version 2'))!];
    expect(v1.status).toBe('revoked');
    expect(v2.status).toBe('active');
    expect(v2.replaces).toEqual([{ reference: `urn:uuid:${v1.id}`, type: 'CarePlan' }]);
    expect(v2.addresses).toEqual([{ reference: `urn:uuid:${full.episodeId}`, type: 'Condition' }]);
    expect(v2.period).toEqual({ start: '2026-11-22', end: '2026-12-06' });
    expect(v2.activity?.map((a) => [a.detail?.code?.text, a.detail?.status, a.detail?.description])).toEqual([
      ['Walking', 'in-progress', 'Settle (weeks 0-2): 1 set of 1, every day'],
      ['Side bridge', 'in-progress', 'Settle (weeks 0-2): 3 sets of 5 with 10-second holds, on each side, every day'],
    ]);
    // The diary entries point at the version they were made under.
    const diary = ofType<Observation>(bundle!, 'Observation').filter((o) => o.code.text === 'Exercise diary entry (patient-reported)');
    expect(diary).toHaveLength(2);
    expect(diary[0].basedOn).toEqual([{ reference: `urn:uuid:${v1.id}`, type: 'CarePlan' }]);
    expect(diary[0].component?.[0]).toMatchObject({ code: { coding: [{ code: '72514-3' }] }, valueInteger: 4 });
    expect(diary[0].note).toEqual([{ text: 'Stiff in the morning' }]);
  });

  it('marks entered-in-error records, and maps note and appointment statuses', async () => {
    const { bundle } = await fetchBundle(full.patientId);
    const wrongEpisode = byId(bundle!, full.wrongEpisodeId) as Condition;
    expect(wrongEpisode.verificationStatus?.coding?.[0].code).toBe('entered-in-error');
    expect(wrongEpisode.clinicalStatus).toBeUndefined();
    expect(wrongEpisode.note?.at(-1)?.text).toBe('Entered in error: Wrong patient.');
    const wrongAssessment = byId(bundle!, full.wrongAssessmentId) as Observation;
    expect(wrongAssessment.status).toBe('entered-in-error');
    for (const member of wrongAssessment.hasMember ?? []) expect((byId(bundle!, member.reference!.slice(9)) as Observation).status).toBe('entered-in-error');

    const notes = Object.fromEntries(ofType<DocumentReference>(bundle!, 'DocumentReference').map((d) => [d.id, d]));
    expect([notes[full.signedNoteId].status, notes[full.signedNoteId].docStatus]).toEqual(['current', 'final']);
    expect([notes[full.draftNoteId].status, notes[full.draftNoteId].docStatus]).toEqual(['current', 'preliminary']);
    expect(notes[full.wrongNoteId].status).toBe('entered-in-error');
    const text = Buffer.from(notes[full.signedNoteId].content[0].attachment.data ?? '', 'base64').toString('utf8');
    expect(text).toMatch(/Subjective\nBetter after walking\./);
    expect(text).toMatch(/Addendum, .* by Test clinician\nAddendum: X-ray report normal\./);

    // The signed note's Encounter is the completed appointment's.
    const encounterRef = notes[full.signedNoteId].context?.encounter?.[0].reference;
    const encounter = resources(bundle!).find((r) => `urn:uuid:${r.id}` === encounterRef) as Encounter;
    expect(encounter).toMatchObject({ status: 'finished', appointment: [{ reference: `urn:uuid:${full.completedAppointmentId}` }] });
    expect(
      ofType(bundle!, 'Appointment')
        .map((a) => (a as { status: string }).status)
        .sort(),
    ).toEqual(['booked', 'cancelled', 'fulfilled']);
  });

  it('audits the export (export of fhir_bundle, by the user, naming the patient)', async () => {
    const before = new Date();
    await fetchBundle(full.patientId);
    const rows = await prisma.auditEvent.findMany({ where: { practiceId: practice.id, action: 'export', at: { gte: before } } });
    expect(rows).toMatchObject([
      {
        actorType: 'user',
        actorId: practice.users.clinician.id,
        role: 'clinician',
        resourceType: 'fhir_bundle',
        resourceId: full.patientId,
        patientId: full.patientId,
      },
    ]);
  });

  it('answers 404 for another practice’s patient (and an unknown id), audits nothing; 403 for reception', async () => {
    const otherAdmin = await signIn(app, other.users.admin.email);
    const before = await prisma.auditEvent.count({ where: { action: 'export' } });
    for (const id of [full.patientId, randomUUID()]) {
      const res = await http().get(`/api/patients/${id}/fhir`).set('cookie', otherAdmin);
      expect(res.status).toBe(404);
      expectProblem(res.body, 404, 'not_found');
    }
    expect(await http().get('/api/patients/not-a-uuid/fhir').set('cookie', otherAdmin).expect(404)).toBeTruthy();
    expect(await prisma.auditEvent.count({ where: { action: 'export' } })).toBe(before);
    const reception = await signIn(app, practice.users.reception.email);
    const res = await http().get(`/api/patients/${full.patientId}/fhir`).set('cookie', reception);
    expectProblem(res.body, 403, 'forbidden');
  });

  it('exports an archived patient with no records as an inactive Patient alone', async () => {
    const patient = await createPatient(prisma, practice, { archivedAt: new Date('2026-11-30T00:00:00Z') });
    const { bundle } = await fetchBundle(patient.id);
    expect(bundleProblems(bundle!)).toEqual([]);
    expect(resources(bundle!)).toEqual([expect.objectContaining({ resourceType: 'Patient', active: false })]);
  });

  describe('the patient’s own copy', () => {
    async function portalCookie(): Promise<string> {
      const token = randomBytes(32).toString('base64url');
      await prisma.portalSession.create({
        data: {
          tokenHash: sha256(token),
          practiceId: practice.id,
          patientId: full.patientId,
          planId: full.planId,
          shareLinkId: full.shareLinkId,
          expiresAt: new Date(Date.now() + 3_600_000),
        },
      });
      return `upright_portal=${token}`;
    }

    it('answers the same Bundle (valid, notes, plans and diary included), audited as an export by the patient', async () => {
      const cookie = await portalCookie();
      const before = new Date();
      const res = await http().get('/api/portal/my-data').set('cookie', cookie).buffer(true).parse(asText);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/fhir+json; charset=utf-8');
      expect(res.headers['content-disposition']).toBe('attachment; filename="my-health-record.fhir.json"');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      const bundle = JSON.parse(res.body as string) as Bundle;
      expect(bundleProblems(bundle)).toEqual([]);
      const { bundle: clinicians } = await fetchBundle(full.patientId);
      expect(resources(bundle).map((r) => `${r.resourceType}/${r.id}`)).toEqual(resources(clinicians!).map((r) => `${r.resourceType}/${r.id}`));
      const rows = await prisma.auditEvent.findMany({ where: { practiceId: practice.id, action: 'export', actorType: 'patient', at: { gte: before } } });
      expect(rows).toMatchObject([{ actorId: full.patientId, role: null, resourceType: 'fhir_bundle', resourceId: full.patientId, patientId: full.patientId }]);
    });

    it('refuses a staff session and no session (401)', async () => {
      expectProblem((await http().get('/api/portal/my-data').set('cookie', clinician)).body, 401, 'unauthenticated');
      expectProblem((await http().get('/api/portal/my-data')).body, 401, 'unauthenticated');
    });
  });
});
