import { DynamicModule, Module, Type } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { APP_FILTER } from '@nestjs/core';
import { ClsModule } from 'nestjs-cls';
import { LoggerModule } from 'nestjs-pino';
import { AccessModule } from './access/access.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { ProblemFilter } from './common/problem.filter.js';
import { requestIdOf } from './common/request-context.js';
import { AppConfig } from './config/app-config.js';
import { DatabaseModule } from './database/database.module.js';
import { HealthModule } from './health/health.module.js';
import { PatientsModule } from './patients/patients.module.js';
import { PracticeModule } from './practice/practice.module.js';
import { UsersModule } from './users/users.module.js';
import { EpisodesModule } from './episodes/episodes.module.js';
import { AssessmentsModule } from './assessments/assessments.module.js';
import { OutcomesModule } from './outcomes/outcomes.module.js';
import { PlansModule } from './plans/plans.module.js';
import { ExercisesModule } from './exercises/exercises.module.js';
import { TimelineModule } from './timeline/timeline.module.js';
import { SignupModule } from './signup/signup.module.js';
import { TodayModule } from './today/today.module.js';
import { PortalModule } from './portal/portal.module.js';
import { IdempotencyModule } from './idempotency/idempotency.module.js';
import { AppointmentsModule } from './appointments/appointments.module.js';
import { CalendarFeedModule } from './calendar-feed/calendar-feed.module.js';
import { OutboxModule } from './outbox/outbox.module.js';
import { NotesModule } from './notes/notes.module.js';
import { ImportsModule } from './imports/imports.module.js';
import { ExportModule } from './export/export.module.js';
import { CycleModule } from './cycle/cycle.module.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, extraModules: (Type | DynamicModule)[] = []): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.LOG_LEVEL,
            genReqId: (req) => requestIdOf(req as never),
            base: { service: 'upright-api' },
            // One line per request with only what operations need: no headers at all, so cookies and credentials
            // can never reach the logs (and nothing has to be redacted on every request).
            serializers: {
              req: (req: { id: unknown; method: string; url: string; remoteAddress?: string }) => ({
                id: req.id,
                method: req.method,
                url: req.url,
                remoteAddress: req.remoteAddress,
              }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            },
            autoLogging: { ignore: (req) => req.url === '/api/health' },
          },
        }),
        ClsModule.forRoot({ global: true, middleware: { mount: true, generateId: true, idGenerator: (req: IncomingMessage) => requestIdOf(req) } }),
        DatabaseModule,
        AuditModule,
        AuthModule,
        SignupModule,
        HealthModule,
        PatientsModule,
        UsersModule,
        PracticeModule,
        EpisodesModule,
        AssessmentsModule,
        OutcomesModule,
        PlansModule,
        ExercisesModule,
        TimelineModule,
        TodayModule,
        PortalModule,
        IdempotencyModule,
        AppointmentsModule,
        CalendarFeedModule,
        OutboxModule,
        NotesModule,
        ImportsModule,
        ExportModule,
        CycleModule,
        AccessModule,
        ...extraModules,
      ],
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: APP_FILTER, useClass: ProblemFilter },
      ],
      exports: [AppConfig],
    };
  }
}
