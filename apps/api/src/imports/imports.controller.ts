import { Controller, HttpCode, Post, Query } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConsumes,
  ApiCookieAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { CurrentActor, Roles } from '../common/access.decorators.js';
import type { StaffActor } from '../common/request-context.js';
import { CSV_BODY, CsvBody } from './csv-body.js';
import { ImportQueryDto, ImportResultDto } from './dto/import.dto.js';
import { ImportsService } from './imports.service.js';
import { MAX_IMPORT_ROWS } from './patient-csv.js';

@ApiTags('imports')
@ApiCookieAuth()
@ApiUnauthorizedResponse({ description: 'Not signed in' })
@ApiForbiddenResponse({ description: 'Only admins import patients (or a cross-site request)' })
@Controller('imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Post('patients')
  @HttpCode(200)
  @Roles('admin')
  @RouteConfig({ [CSV_BODY]: true })
  @ApiOperation({
    summary: 'Import patients from a CSV file: check it first (dryRun=true), then import the good, new rows (dryRun=false)',
    description:
      'The body is the file itself, `text/csv` in UTF-8, at most 5 MiB and 10,000 rows. The header row names the columns, in any order and ' +
      'spelled as common exports do (first name / given name / forename, last name / surname, date of birth / dob, sex / gender, email / e-mail, ' +
      'phone / mobile / telephone, notes); other columns are ignored. Dates `YYYY-MM-DD` or `DD/MM/YYYY`; sex female, male, unspecified (or F, M, U). ' +
      'Each row meets the rules of POST /api/patients. A row that is the same person as an existing patient (same name and date of birth, same email ' +
      'or same phone) is listed in `duplicates`; one that repeats an earlier row of the file is an error naming that line. The good, new rows are ' +
      'added together or not at all, so importing the same file again adds none. Audited: one create row per patient and one for the import.',
  })
  @ApiConsumes('text/csv')
  @ApiBody({
    description: 'The CSV file (UTF-8; a byte-order mark is fine)',
    schema: { type: 'string', example: 'First name,Surname,DOB,Gender,Email,Mobile\r\nZoë,Hughes,15/06/1984,F,zoe@example.com,07700 900123\r\n' },
  })
  @ApiOkResponse({ type: ImportResultDto, description: 'What was imported (or, in a dry run, what would be), with every row left out and why' })
  @ApiBadRequestResponse({
    description:
      'dryRun missing or not true/false; a file that is empty, not UTF-8 or not readable as CSV (the line named); a header row without a required column',
  })
  @ApiPayloadTooLargeResponse({ description: `The file is larger than 5 MiB or has more than ${MAX_IMPORT_ROWS} rows` })
  @ApiUnsupportedMediaTypeResponse({ description: 'The body is not text/csv in UTF-8' })
  importPatients(@CurrentActor() actor: StaffActor, @Query() query: ImportQueryDto, @CsvBody() csv: string): Promise<ImportResultDto> {
    return this.imports.importPatients(actor, csv, query.dryRun);
  }
}
