import { ParseUUIDPipe } from '@nestjs/common';
import { AppError } from './app-error.js';

/** Path ids must be UUIDs; anything else is simply not found (it cannot exist). */
export const UuidParam = new ParseUUIDPipe({ exceptionFactory: () => new AppError('not_found') });
