import { Controller, Get, Param, Res } from '@nestjs/common';
import {
  ApiCookieAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { Bundle } from '@medplum/fhirtypes';
import type { FastifyReply } from 'fastify';
import { CLINICAL_STAFF, CurrentActor, CurrentPortal, Portal, Roles } from '../common/access.decorators.js';
import { AppError } from '../common/app-error.js';
import { todayIso } from '../common/dates.js';
import type { PortalActor, StaffActor } from '../common/request-context.js';
import { UuidParam } from '../common/uuid-param.js';
import { CSV_KINDS, isCsvKind } from './export.repository.js';
import { ExportService } from './export.service.js';

/** The media types of the exports (FHIR R4: https://hl7.org/fhir/R4/http.html#mime-type; NDJSON: FHIR Bulk Data). */
export const FHIR_JSON = 'application/fhir+json';
export const FHIR_NDJSON = 'application/fhir+ndjson';
export const CSV = 'text/csv';

type SchemaObject = Exclude<NonNullable<NonNullable<OpenAPIObject['components']>['schemas']>[string], { $ref: string }>;

/** The answer of a one-patient export, as the contract documents it (the resources themselves are FHIR R4). */
const FHIR_BUNDLE_SCHEMA: SchemaObject = {
  type: 'object',
  description:
    'A FHIR R4 Bundle of type `collection` (https://hl7.org/fhir/R4/bundle.html): the Patient, then a Condition per episode, Observations ' +
    '(assessments with their measurements and symmetry indices, outcome scores, diary entries), a CarePlan per plan version, ' +
    'Appointments, Encounters and a DocumentReference per visit note. Every entry’s fullUrl is `urn:uuid:<id>` and references ' +
    'between entries use those URNs.',
  required: ['resourceType', 'type', 'timestamp', 'entry'],
  properties: {
    resourceType: { type: 'string', enum: ['Bundle'] },
    type: { type: 'string', enum: ['collection'] },
    timestamp: { type: 'string', format: 'date-time' },
    entry: {
      type: 'array',
      items: {
        type: 'object',
        required: ['fullUrl', 'resource'],
        properties: {
          fullUrl: { type: 'string', pattern: '^urn:uuid:[0-9a-f-]{36}$', example: 'urn:uuid:6d8f1c0e-2b4a-4c7e-9a51-0f3c2d1e4b5a' },
          resource: {
            type: 'object',
            description: 'A FHIR R4 resource',
            required: ['resourceType', 'id'],
            properties: { resourceType: { type: 'string', example: 'Patient' }, id: { type: 'string', format: 'uuid' } },
            additionalProperties: true,
          },
        },
      },
    },
  },
};

const FHIR_BUNDLE_CONTENT = { [FHIR_JSON]: { schema: FHIR_BUNDLE_SCHEMA } };

function sendBundle(reply: FastifyReply, bundle: Bundle, filename: string): string {
  reply.header('content-type', `${FHIR_JSON}; charset=utf-8`).header('content-disposition', `attachment; filename="${filename}"`);
  return JSON.stringify(bundle);
}

@ApiTags('export')
@ApiCookieAuth()
@ApiUnauthorizedResponse({ description: 'Not signed in' })
@Controller()
export class ExportController {
  constructor(private readonly exports: ExportService) {}

  @Get('patients/:id/fhir')
  @Roles(...CLINICAL_STAFF)
  @ApiOperation({
    summary:
      'The patient’s whole record as a FHIR R4 Bundle (collection), archived patients and entered-in-error records included (marked); audited as an export',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ description: 'The Bundle, as a download (Content-Disposition: attachment)', content: FHIR_BUNDLE_CONTENT })
  @ApiForbiddenResponse({ description: 'Reception never sees clinical records (code forbidden)' })
  @ApiNotFoundResponse({ description: 'No such patient in your practice' })
  async patientFhir(@CurrentActor() actor: StaffActor, @Param('id', UuidParam) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    return sendBundle(reply, await this.exports.patientBundle(actor.practiceId, id), `patient-${id}.fhir.json`);
  }

  @Get('export/fhir')
  @Roles('admin')
  @ApiOperation({
    summary:
      'Every patient’s record as FHIR R4 NDJSON (FHIR Bulk Data style): one resource per line, references as Type/id, streamed patient by patient; audited as an export',
  })
  @ApiOkResponse({
    description: 'Newline-delimited FHIR resources (a download); a download cut off midway means the export failed, never a partial file passed off as whole',
    content: { [FHIR_NDJSON]: { schema: { type: 'string', example: '{"resourceType":"Patient","id":"…"}\n{"resourceType":"Condition","id":"…"}\n' } } },
  })
  @ApiForbiddenResponse({ description: 'Administrators only (code forbidden)' })
  async fhir(@CurrentActor() actor: StaffActor, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const stream = await this.exports.fhirNdjson(actor.practiceId);
    return reply
      .header('content-type', `${FHIR_NDJSON}; charset=utf-8`)
      .header('content-disposition', `attachment; filename="upright-fhir-${todayIso()}.ndjson"`)
      .send(stream);
  }

  @Get('export/:kind.csv')
  @Roles('admin')
  @ApiOperation({
    summary:
      'One kind of record of the whole practice as CSV: a header row, ISO dates, lists joined with ;, text that a spreadsheet would run as a formula prefixed with an apostrophe; streamed, audited as an export',
  })
  @ApiParam({ name: 'kind', enum: CSV_KINDS })
  @ApiOkResponse({
    description: 'A CSV file (RFC 4180, UTF-8 with a byte order mark, CRLF line ends), as a download',
    content: { [CSV]: { schema: { type: 'string', example: 'id,firstName,lastName,dateOfBirth,…\r\n' } } },
  })
  @ApiForbiddenResponse({ description: 'Administrators only (code forbidden)' })
  @ApiNotFoundResponse({ description: 'No such export (kind is not one of the five)' })
  async csv(@CurrentActor() actor: StaffActor, @Param('kind') kind: string, @Res() reply: FastifyReply): Promise<FastifyReply> {
    if (!isCsvKind(kind)) throw new AppError('not_found', `No such export: choose one of ${CSV_KINDS.join(', ')}.`);
    const stream = await this.exports.csv(actor.practiceId, kind);
    return reply
      .header('content-type', `${CSV}; charset=utf-8`)
      .header('content-disposition', `attachment; filename="upright-${kind}-${todayIso()}.csv"`)
      .send(stream);
  }
}

/** The patient's own copy of their record (GDPR articles 15 and 20), from their plan page. */
@ApiTags('portal')
@Controller('portal')
export class PortalMyDataController {
  constructor(private readonly exports: ExportService) {}

  @Get('my-data')
  @Portal()
  @ApiCookieAuth('portal')
  @ApiOperation({
    summary:
      'Your whole record as a FHIR R4 Bundle: details, episodes, assessments, scores, plans, diary, appointments and visit notes (the same export your practice makes); audited as an export by you',
  })
  @ApiOkResponse({ description: 'The Bundle, as a download', content: FHIR_BUNDLE_CONTENT })
  @ApiUnauthorizedResponse({ description: 'No portal session (staff sessions do not count), or it ended' })
  async myData(@CurrentPortal() session: PortalActor, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    return sendBundle(reply, await this.exports.patientBundle(session.practiceId, session.patientId), 'my-health-record.fhir.json');
  }
}
