import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import type { DynamicModule, Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { PrismaPg } from '@prisma/adapter-pg';
import request from 'supertest';
import { createApp, type CreateAppOptions } from '../src/app.factory.js';
import { hashPassword } from '../src/auth/passwords.js';
import { identityColumns } from '../src/patients/patient-identity.js';
import { loadConfig, type AppConfig } from '../src/config/app-config.js';
import { PrismaClient } from '../src/generated/prisma/client.js';
import { checkAnswersAgainstDocument } from './contract.js';

export const PASSWORD = 'test-password-1';
let passwordHash: Promise<string> | undefined;

/** What the API connects with: the runtime role (`npm test` creates one per run; see scripts/lib/roles.mjs). */
export function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: run the API tests through `npm test` at the repository root, which creates a test database.');
  return url;
}

/**
 * The owner of the test database (it ran the migrations and owns the tables), for fixtures and checks that go
 * around the API. DATABASE_URL when `npm test` did not set MIGRATION_DATABASE_URL (one login for both).
 */
export function ownerDatabaseUrl(): string {
  return process.env.MIGRATION_DATABASE_URL || databaseUrl();
}

/**
 * createApp (not yet initialised), with every answer checked against the application's OpenAPI document
 * (contract.ts): the one way the API tests build the application.
 */
export async function createTestApp(config: AppConfig, options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const app = await createApp(config, options);
  checkAnswersAgainstDocument(app);
  return app;
}

/**
 * The API exactly as main.ts builds it, on the test database, without request logs. Its outbox worker is off unless
 * a test turns it on (OUTBOX_WORKER: 'on'): test files run side by side on one database, and one file's worker
 * must not send another's messages.
 */
export async function startApp(overrides: Record<string, string> = {}, extraModules: (Type | DynamicModule)[] = []): Promise<NestFastifyApplication> {
  const config = loadConfig({ DATABASE_URL: databaseUrl(), NODE_ENV: 'test', LOG_LEVEL: 'silent', OUTBOX_WORKER: 'off', ...overrides });
  const app = await createTestApp(config, { logger: process.env.DEBUG_API_LOG === '1', extraModules });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

/** A Prisma client for fixtures, as the owner by default (not what the API runs as: use startApp for that). */
export function prismaClient(url = ownerDatabaseUrl()): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
}

export const uniqueEmail = (label: string) => `${label}-${randomBytes(5).toString('hex')}@test.upright.example`;

export interface TestPractice {
  id: string;
  name: string;
  users: Record<'admin' | 'clinician' | 'reception', { id: string; email: string }>;
}

/** A new practice with one user per role (random emails, so tests never collide). */
export async function createPractice(prisma: PrismaClient, name = `Practice ${randomBytes(3).toString('hex')}`): Promise<TestPractice> {
  const id = randomUUID();
  await prisma.practice.create({ data: { id, name } });
  const hash = await (passwordHash ??= hashPassword(PASSWORD));
  const users = {} as TestPractice['users'];
  for (const role of ['admin', 'clinician', 'reception'] as const) {
    const user = { id: randomUUID(), email: uniqueEmail(role) };
    await prisma.user.create({ data: { ...user, practiceId: id, name: `Test ${role}`, role, passwordHash: hash } });
    users[role] = user;
  }
  return { id, name, users };
}

export async function createPatient(
  prisma: PrismaClient,
  practice: TestPractice,
  data: Partial<{ firstName: string; lastName: string; dateOfBirth: string; email: string; phone: string; createdAt: Date; archivedAt: Date }> = {},
) {
  const firstName = data.firstName ?? 'Alex';
  const lastName = data.lastName ?? `Tester${randomBytes(2).toString('hex')}`;
  const dateOfBirth = data.dateOfBirth ?? '1980-05-17';
  return prisma.patient.create({
    data: {
      id: randomUUID(),
      practiceId: practice.id,
      firstName,
      lastName,
      ...identityColumns({ firstName, lastName, dateOfBirth, email: data.email ?? null, phone: data.phone ?? null }),
      dateOfBirth: new Date(`${dateOfBirth}T00:00:00Z`),
      email: data.email ?? null,
      phone: data.phone ?? null,
      sex: 'unspecified',
      createdBy: practice.users.clinician.id,
      ...(data.createdAt ? { createdAt: data.createdAt } : {}),
      ...(data.archivedAt ? { archivedAt: data.archivedAt } : {}),
    },
  });
}

/** Signs in and returns the Cookie header value for later requests. */
export async function signIn(app: NestFastifyApplication, email: string, password = PASSWORD): Promise<string> {
  const response = await request(app.getHttpServer()).post('/api/auth/login').send({ email, password }).expect(200);
  const cookie = ([] as string[]).concat(response.headers['set-cookie'] ?? []).find((c) => c.startsWith('upright_session='));
  if (!cookie) throw new Error('No session cookie set');
  return cookie.split(';')[0];
}

/** Checks the RFC 9457 shape every error must have. */
export function expectProblem(body: unknown, status: number, code: string) {
  const problem = body as Record<string, unknown>;
  expect(problem).toMatchObject({ status, code });
  for (const field of ['type', 'title', 'detail', 'instance']) expect(typeof problem[field]).toBe('string');
  expect(JSON.stringify(body)).not.toMatch(/at .*\.(js|ts):\d+/); // never a stack trace
}
