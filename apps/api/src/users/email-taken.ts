import { AppError } from '../common/app-error.js';

/** Prisma's unique-constraint violation (P2002), e.g. a second account with the same email. */
export function isUniqueViolation(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { name?: unknown }).name === 'PrismaClientKnownRequestError' &&
    (error as { code?: unknown }).code === 'P2002'
  );
}

/**
 * Emails are unique across the server (sign-in happens before the practice is known), so a taken email is a 409
 * naming the field; the unique index decides, not a check-then-insert.
 */
export function emailTaken(): AppError {
  return new AppError('already_exists', 'An account with this email already exists.', [{ field: 'email', message: 'is already in use' }]);
}
