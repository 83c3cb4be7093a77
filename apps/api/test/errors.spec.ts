import { Controller, Get, Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { expectProblem, startApp } from './harness.js';

/** A route that forgot its access rule: the guard must refuse it. */
@Controller('probe')
class UndeclaredController {
  @Get('undeclared')
  undeclared() {
    return { leaked: true };
  }
}

@Module({ controllers: [UndeclaredController] })
class ProbeModule {}

describe('errors and validation', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await startApp({}, [ProbeModule]);
  });
  afterAll(() => app.close());

  it('refuses a route that declares no access rule (deny by default)', async () => {
    const response = await request(app.getHttpServer()).get('/api/probe/undeclared').expect(403);
    expectProblem(response.body, 403, 'forbidden');
    expect(response.body.leaked).toBeUndefined();
  });

  it('answers an unknown route with a problem document', async () => {
    const response = await request(app.getHttpServer()).get('/api/no-such-thing').expect(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.headers['cache-control']).toBe('no-store');
    expectProblem(response.body, 404, 'not_found');
  });

  it('lists every bad field, including unknown ones', async () => {
    const response = await request(app.getHttpServer()).post('/api/auth/login').send({ email: 'not-an-email', role: 'admin' }).expect(400);
    expectProblem(response.body, 400, 'validation_failed');
    expect(response.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'email', message: 'must be an email address' },
        { field: 'password', message: 'is required' },
        { field: 'role', message: 'is not a known field' },
      ]),
    );
    expect(response.body.errors).toHaveLength(3);
  });

  it('answers malformed JSON with a 400 problem, not a 500', async () => {
    const response = await request(app.getHttpServer()).post('/api/auth/login').set('content-type', 'application/json').send('{"email": ').expect(400);
    expectProblem(response.body, 400, 'bad_request');
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('answers a body that is too large with 413', async () => {
    const response = await request(app.getHttpServer())
      .post('/api/auth/login')
      .send({ email: 'a@b.example', password: 'x'.repeat(1_100_000) })
      .expect(413);
    expectProblem(response.body, 413, 'payload_too_large');
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('keeps the caller’s request id and returns it', async () => {
    const response = await request(app.getHttpServer()).get('/api/health').set('x-request-id', 'trace-abc-12345').expect(200);
    expect(response.headers['x-request-id']).toBe('trace-abc-12345');
  });

  it('serves the OpenAPI document', async () => {
    const response = await request(app.getHttpServer()).get('/api/docs-json').expect(200);
    expect(Object.keys(response.body.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/auth/me', '/api/patients', '/api/health']));
  });
});
