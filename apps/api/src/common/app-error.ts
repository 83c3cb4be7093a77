/**
 * The API's error codes, each with its HTTP status. Services throw AppError with one of these codes; the
 * global ProblemFilter turns it into an RFC 9457 problem+json answer. This table is the one place that maps
 * codes to statuses.
 */
export const ERROR_STATUS = {
  validation_failed: 400,
  bad_request: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  /** A visit note may be changed (saved, signed, marked entered in error) only by the clinician who wrote it. */
  not_author: 403,
  not_found: 404,
  method_not_allowed: 405,
  request_timeout: 408,
  conflict: 409,
  already_exists: 409,
  red_flag_open: 409,
  /** The clinician already has an active appointment overlapping that time (the database's exclusion constraint). */
  slot_taken: 409,
  /** The time is outside the clinician's working hours; an admin may book it anyway with `override: { reason }`. */
  outside_hours: 409,
  /** The appointment already has a visit note (not entered in error): the problem's `noteId` names it. */
  note_exists: 409,
  /** The visit note is signed: it cannot change (add an addendum instead). */
  note_signed: 409,
  /** The visit note is marked entered in error: it never changes again and takes no addendum. */
  note_entered_in_error: 409,
  /** Only a signed note takes an addendum; a draft is edited instead. */
  note_not_signed: 409,
  /** A note with four blank sections cannot be signed. */
  note_empty: 409,
  /** Spasm cycle: progression and discharge act on an active plan only. */
  plan_not_active: 409,
  /** Spasm cycle: the discharge letter exists for a completed (discharged) plan only. */
  plan_not_completed: 409,
  /** Spasm cycle: the advice recomputed on apply differs from the one the client saw; the problem's `advice` is the current one. */
  advice_changed: 409,
  /** An episode marked entered in error cannot be marked resolved. */
  episode_entered_in_error: 409,
  /** A discharge follow-up is answered once. */
  already_answered: 409,
  link_expired: 410,
  version_stale: 412,
  payload_too_large: 413,
  uri_too_long: 414,
  unsupported_media_type: 415,
  idempotency_key_reused: 422,
  /** Not yet: the next-morning question about a session logged today, or a follow-up question before its due day. */
  too_soon: 422,
  /** The body is well-formed but does not fit the record it is about (the fields are listed in `errors`). */
  unprocessable: 422,
  locked: 423,
  version_required: 428,
  too_many_requests: 429,
  headers_too_large: 431,
  internal_error: 500,
  service_unavailable: 503,
  /** Answered by the dashboard's forwarding when the API is silent too long; listed so both speak one vocabulary. */
  gateway_timeout: 504,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export const ERROR_TITLES: Record<ErrorCode, string> = {
  validation_failed: 'Some fields are not valid',
  bad_request: 'The request could not be understood',
  unauthenticated: 'Sign in required',
  invalid_credentials: 'The details entered are not correct',
  forbidden: 'Not allowed for your role',
  not_author: 'Only the note’s author may change it',
  not_found: 'Not found',
  method_not_allowed: 'Method not allowed',
  request_timeout: 'The request took too long to arrive',
  conflict: 'Conflict with the current state',
  already_exists: 'Already exists',
  red_flag_open: 'A red flag is open',
  slot_taken: 'That time is already booked',
  outside_hours: 'Outside the clinician’s working hours',
  note_exists: 'This appointment already has a visit note',
  note_signed: 'This note is signed and cannot be changed',
  note_entered_in_error: 'This note is marked entered in error',
  note_not_signed: 'This note is not signed yet',
  note_empty: 'This note is empty',
  plan_not_active: 'This plan is not active',
  plan_not_completed: 'This plan has not been discharged',
  advice_changed: 'The advice has changed',
  episode_entered_in_error: 'This episode is marked entered in error',
  already_answered: 'Already answered',
  link_expired: 'This link is no longer active',
  version_stale: 'Someone else changed this record',
  payload_too_large: 'Request body too large',
  uri_too_long: 'Address too long',
  unsupported_media_type: 'Unsupported content type',
  idempotency_key_reused: 'Idempotency-Key already used for another request',
  too_soon: 'Too soon to answer',
  unprocessable: 'The request does not fit this record',
  locked: 'Locked',
  version_required: 'If-Match header required',
  too_many_requests: 'Too many attempts',
  headers_too_large: 'Request headers too large',
  internal_error: 'Something went wrong on our side',
  service_unavailable: 'Service unavailable',
  gateway_timeout: 'The API did not answer in time',
};

export interface FieldError {
  field: string;
  message: string;
}

/** The problem document's extension members (RFC 9457 §3.2), beside type, title, status, detail and errors. */
export interface ProblemExtensions {
  /** note_exists: the note the appointment already has, for the client to open. */
  noteId?: string;
  /** advice_changed: the progression advice as it is now. */
  advice?: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail?: string,
    readonly errors?: FieldError[],
    /** Extra headers for the answer, e.g. Retry-After. */
    readonly headers?: Record<string, string>,
    /** RFC 9457 extension members added to the problem document (each documented in the Problem schema). */
    readonly extensions?: ProblemExtensions,
  ) {
    super(detail ?? ERROR_TITLES[code]);
    this.name = 'AppError';
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  /** A refusal naming each bad field: `errors` listed, and the detail says them all ("field: message; …"). */
  static fields(errors: FieldError[], code: 'validation_failed' | 'unprocessable' = 'validation_failed'): AppError {
    return new AppError(code, fieldsDetail(errors), errors);
  }

  /** `AppError.fields` for one field. */
  static field(field: string, message: string): AppError {
    return AppError.fields([{ field, message }]);
  }
}

/** The problem detail of a list of field errors: "field: message; field: message". */
export function fieldsDetail(errors: FieldError[]): string {
  return errors.map((e) => `${e.field}: ${e.message}`).join('; ');
}
