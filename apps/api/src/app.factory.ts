import fastifyCookie from '@fastify/cookie';
import { DynamicModule, Logger as NestLogger, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import { documentErrors } from './common/openapi.js';
import { createValidationPipe } from './common/validation.js';
import { allowedOrigins, assertSameOrigin } from './common/cross-site.js';
import { assertInput, parseJsonBody } from './common/input-limits.js';
import { decodeCsvBody, takesCsv } from './imports/csv-body.js';
import { MAX_IMPORT_BYTES } from './imports/patient-csv.js';
import { sendProblem, sendRawProblem } from './common/problem.filter.js';
import { requestIdOf } from './common/request-context.js';
import { AppConfig } from './config/app-config.js';

/** Builds the application exactly as it runs, for main.ts and for the API tests. */
export interface CreateAppOptions {
  logger?: boolean;
  /** Modules added beside the application's own (tests use this to mount probe routes). */
  extraModules?: (Type | DynamicModule)[];
}

const frameworkLogger = new NestLogger('Problem');

export async function createApp(config: AppConfig, options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    // Trust X-Forwarded-For from this many proxies (the dashboard forwards /api/* to the API).
    trustProxy: (_address: string, hop: number) => hop < config.TRUST_PROXY_HOPS,
    bodyLimit: 1024 * 1024,
    // No HEAD twin of every GET: Fastify's would run the whole handler (an export, its audit row) and drop the body.
    // The API's GETs are reads of health data, each audited; a client asks for them with GET.
    exposeHeadRoutes: false,
    genReqId: (req: import('node:http').IncomingMessage) => requestIdOf(req),
    // A client has 10 s to send its headers and 30 s for the whole request: a body dripped byte by byte cannot hold
    // a connection (and a worker's memory) open for minutes.
    requestTimeout: 30_000,
    http: { headersTimeout: 10_000 },
    // Errors Node's HTTP parser answers before Fastify sees a request (oversized headers 431, malformed request 400,
    // timeouts 408) are problem+json too.
    clientErrorHandler: (error: NodeJS.ErrnoException & { code?: string }, socket: import('node:net').Socket) => sendRawProblem(error, socket),
    // Errors Fastify's router raises before any hook (a path with invalid percent-encoding) are problems too.
    frameworkErrors: (error: Error, request: import('fastify').FastifyRequest, reply: import('fastify').FastifyReply) =>
      sendProblem(error, request, reply, frameworkLogger),
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, options.extraModules), adapter, {
    bufferLogs: true,
    abortOnError: false,
    // The JSON body parser is ours (limits checked while parsing, JSON only): see below.
    bodyParser: false,
  });
  if (options.logger !== false) app.useLogger(app.get(Logger));
  else app.useLogger(false);
  // Errors Fastify raises before a route runs (malformed JSON, body too large) reach Nest's error handler, and so
  // the global ProblemFilter, like every other error.
  const fastify = app.getHttpAdapter().getInstance();
  const isAllowedOrigin = allowedOrigins(config.WEB_ORIGIN, config.NODE_ENV !== 'production');
  fastify.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    // The one place that keeps answers out of caches: they carry health data or account details, so no browser or
    // proxy keeps a copy of any answer, errors included (routes need not repeat it).
    reply.header('cache-control', 'no-store');
    // Answers are JSON; a browser must never sniff one into something it would run.
    reply.header('x-content-type-options', 'nosniff');
    // Forged cross-site writes are refused before any work (see cross-site.ts); text/csv only where a route takes it.
    assertSameOrigin(request, isAllowedOrigin, takesCsv(request));
  });
  // Query strings meet the same limits as bodies (no NUL, valid Unicode, bounded lists) before any pipe sees them.
  // eslint-disable-next-line @typescript-eslint/require-await -- async on purpose: Fastify answers a rejected async hook with the error, and assertInput throws
  fastify.addHook('preValidation', async (request) => {
    if (request.query && typeof request.query === 'object') assertInput(request.query);
  });
  // Bodies: JSON only (HTML forms cannot send it cross-site without a preflight), limits checked while parsing.
  fastify.removeAllContentTypeParsers(); // Fastify's defaults: application/json and text/plain
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseJsonBody(body as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  // ... except the patient import's file: text/csv (no HTML form can send that type cross-site without a preflight
  // either), read only for the route that takes it (csv-body.ts), with its own size limit (413 beyond).
  fastify.addContentTypeParser('text/csv', { parseAs: 'buffer', bodyLimit: MAX_IMPORT_BYTES }, (request, body, done) => {
    try {
      done(null, decodeCsvBody(request, body as Buffer));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  await app.register(fastifyCookie);
  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();

  const info = new DocumentBuilder()
    .setTitle('Upright API')
    .setDescription(
      'Practice management for physiotherapists treating back muscle spasm. Errors are RFC 9457 problem+json; ' +
        'lists use keyset pagination (?limit=, ?cursor=); updates need If-Match.',
    )
    .setVersion('1.0')
    // Paths carry their /api prefix: the API's own origin and the dashboard's (which forwards /api/*) both serve them.
    .addServer('/', 'The origin this document was read from (the API, or the dashboard in front of it)')
    .addCookieAuth('upright_session')
    .addCookieAuth('upright_portal', { type: 'apiKey', in: 'cookie', name: 'upright_portal' }, 'portal')
    .build();
  // Upright is proprietary software; OpenAPI 3.1 names a licence by SPDX expression (a LicenseRef- for one of its own).
  info.info.license = { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' } as typeof info.info.license;
  const document = documentErrors(SwaggerModule.createDocument(app, info));
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
