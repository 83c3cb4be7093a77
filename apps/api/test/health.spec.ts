import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import pg from 'pg';
import request from 'supertest';
import { databaseUrl, expectProblem, ownerDatabaseUrl, startApp } from './harness.js';

describe('GET /api/health', () => {
  it('answers 200 with the database up', async () => {
    const app = await startApp();
    try {
      const response = await request(app.getHttpServer()).get('/api/health').expect(200);
      expect(response.body).toEqual({ status: 'ok', db: 'up' });
      expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      await app.close();
    }
  });

  it('refuses a query string that breaks the input limits with 400 (its documented 4xx), like every route', async () => {
    const app = await startApp();
    try {
      const response = await request(app.getHttpServer()).get('/api/health?probe=%00').expect(400);
      expectProblem(response.body, 400, 'validation_failed');
    } finally {
      await app.close();
    }
  });

  it('answers 503 once the database is gone', async () => {
    // An app on its own database, which is then dropped under it. The owner creates and drops it; the app connects
    // as the runtime role, like every app in these tests (PostgreSQL lets every role connect to a new database).
    const admin = new pg.Client({ connectionString: ownerDatabaseUrl() });
    await admin.connect();
    const name = `upright_health_${Date.now().toString(36)}`;
    await admin.query(`create database ${name}`);
    const url = new URL(databaseUrl());
    url.pathname = `/${name}`;
    let app: NestFastifyApplication | undefined;
    try {
      app = await startApp({ DATABASE_URL: url.toString() });
      await request(app.getHttpServer()).get('/api/health').expect(200);
      await admin.query(`drop database ${name} with (force)`);
      const response = await request(app.getHttpServer()).get('/api/health').expect(503);
      expect(response.body).toEqual({ status: 'error', db: 'down' });
    } finally {
      await app?.close().catch(() => undefined);
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });

  it('refuses to start when the database cannot be reached', async () => {
    await expect(startApp({ DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/nowhere' })).rejects.toThrow();
  });
});
