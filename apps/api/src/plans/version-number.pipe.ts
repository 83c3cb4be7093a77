import { ParseIntPipe } from '@nestjs/common';
import { AppError } from '../common/app-error.js';

/** A version number in a path: anything but a positive whole number cannot exist, so it is simply not found. */
export class VersionNumberPipe extends ParseIntPipe {
  constructor() {
    super({ exceptionFactory: () => new AppError('not_found', 'This plan has no such version.') });
  }

  override async transform(value: string, metadata: Parameters<ParseIntPipe['transform']>[1]): Promise<number> {
    const number = await super.transform(value, metadata);
    if (typeof number !== 'number' || number < 1 || number > 2_147_483_647) throw new AppError('not_found', 'This plan has no such version.');
    return number;
  }
}
