import type { ErrorCode } from './app-error.js';

/** What an error from the database (or from reaching it) means for the client. */
export interface DatabaseFailure {
  code: ErrorCode;
  detail: string;
  /** Seconds a client should wait before trying again (503 only). */
  retryAfter?: number;
}

const UNAVAILABLE: DatabaseFailure = {
  code: 'service_unavailable',
  detail: 'The database is not answering right now. Nothing was changed by this request unless it says so; please try again shortly.',
  retryAfter: 5,
};
const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
const MESSAGES = [
  /timeout exceeded when trying to connect/i,
  /connection terminated/i,
  /Connection terminated unexpectedly/i,
  /Client has encountered a connection error/i,
  /Cannot use a pool after calling end/i,
  /Can't reach database server/i,
  /Timed out fetching a new connection/i,
  /Transaction already closed/i,
  /Unable to start a transaction in the given time/i,
];

/** Every error reachable from this one (cause chains, Prisma's driver adapter wrapping, AggregateError). */
function* chain(error: unknown, depth = 0): Generator<Record<string, unknown>> {
  if (!error || typeof error !== 'object' || depth > 6) return;
  const e = error as Record<string, unknown>;
  yield e;
  yield* chain(e.cause, depth + 1);
  const meta = e.meta as Record<string, unknown> | undefined;
  if (meta) yield* chain(meta.driverAdapterError, depth + 1);
  if (Array.isArray(e.errors)) for (const inner of e.errors) yield* chain(inner, depth + 1);
}

/**
 * Maps a failure of PostgreSQL or of the connection to it to an answer: input PostgreSQL refuses (bad text, a
 * value out of range) is the client's 400; a lost, refused, slow or overloaded database is a 503 with Retry-After,
 * never a 500. Returns null for anything else.
 */
export function databaseFailure(error: unknown): DatabaseFailure | null {
  for (const e of chain(error)) {
    const sqlState = [e.code, e.originalCode].find((c): c is string => typeof c === 'string' && /^[0-9A-Z]{5}$/.test(c));
    if (sqlState) {
      const cls = sqlState.slice(0, 2);
      if (cls === '08' || cls === '53' || cls === '57' || cls === '58' || sqlState === '40001' || sqlState === '40P01' || sqlState === '55P03')
        return UNAVAILABLE;
      if (cls === '22' || cls === '54')
        return { code: 'validation_failed', detail: 'A value in the request is out of range or is not text the database can store.' };
      // The visit-notes triggers (visit_notes_guard, visit_note_addenda_on_signed_note): the message is the problem code.
      if (sqlState === 'UP409') return noteRefusal(typeof e.message === 'string' ? e.message : '');
      // The only exclusion constraint: appointments_no_overlap (one clinician, two active appointments at once).
      if (sqlState === '23P01') return { code: 'slot_taken', detail: 'The clinician already has an appointment at that time.' };
      if (sqlState === '23505') return { code: 'already_exists', detail: 'A record with the same unique value already exists.' };
      if (cls === '23') return { code: 'conflict', detail: 'The request conflicts with the records as they are now.' };
    }
    if (typeof e.code === 'string' && NETWORK.has(e.code)) return UNAVAILABLE;
    // Prisma's codes for an unreachable or timed-out database and for a value out of range.
    if (e.code === 'P1001' || e.code === 'P1002' || e.code === 'P1008' || e.code === 'P1017' || e.code === 'P2024' || e.code === 'P2028') return UNAVAILABLE;
    if (e.code === 'P2000' || e.code === 'P2007' || e.code === 'P2020' || e.code === 'P2023')
      return { code: 'validation_failed', detail: 'A value in the request is out of range or not valid.' };
    if (typeof e.message === 'string' && MESSAGES.some((m) => m.test(e.message as string))) return UNAVAILABLE;
  }
  return null;
}

const NOTE_REFUSALS: Record<string, DatabaseFailure> = {
  note_signed: { code: 'note_signed', detail: 'This note is signed and cannot be changed. Add an addendum instead.' },
  note_entered_in_error: { code: 'note_entered_in_error', detail: 'This note is marked entered in error: it does not change any more.' },
  note_not_signed: { code: 'note_not_signed', detail: 'Only a signed note takes an addendum. Edit the draft instead.' },
};

/** A refusal of the visit-notes triggers (SQLSTATE UP409), by the code its message carries. */
function noteRefusal(message: string): DatabaseFailure {
  const code = Object.keys(NOTE_REFUSALS).find((c) => new RegExp(`\\b${c}\\b`).test(message));
  return code ? NOTE_REFUSALS[code] : { code: 'conflict', detail: 'The request conflicts with the note as it is now.' };
}
