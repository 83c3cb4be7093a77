import fastifyCookie from '@fastify/cookie';
import { DynamicModule, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import { documentErrors } from './common/openapi.js';
import { createValidationPipe } from './common/validation.js';
import { requestIdOf } from './common/request-context.js';
import { AppConfig } from './config/app-config.js';

/** Builds the application exactly as it runs, for main.ts and for the API tests. */
export interface CreateAppOptions {
  logger?: boolean;
  /** Modules added beside the application's own (tests use this to mount probe routes). */
  extraModules?: (Type | DynamicModule)[];
}

export async function createApp(config: AppConfig, options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    // Trust X-Forwarded-For from this many proxies (the dashboard forwards /api/* to the API).
    trustProxy: (_address: string, hop: number) => hop < config.TRUST_PROXY_HOPS,
    bodyLimit: 1024 * 1024,
    genReqId: (req: import("node:http").IncomingMessage) => requestIdOf(req as never),
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, options.extraModules), adapter, {
    bufferLogs: true,
    abortOnError: false,
  });
  if (options.logger !== false) app.useLogger(app.get(Logger));
  else app.useLogger(false);
  // Errors Fastify raises before a route runs (malformed JSON, body too large) reach Nest's error handler, and so
  // the global ProblemFilter, like every other error.
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    // The one place that keeps answers out of caches: they carry health data or account details, so no browser or
    // proxy keeps a copy of any answer, errors included (routes need not repeat it).
    reply.header('cache-control', 'no-store');
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
    .addCookieAuth('upright_session')
    .addCookieAuth('upright_portal', { type: 'apiKey', in: 'cookie', name: 'upright_portal' }, 'portal')
    .build();
  const document = documentErrors(SwaggerModule.createDocument(app, info));
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
