import { Module } from '@nestjs/common';
import { ThrottleRepository } from './throttle.repository.js';

/** Failure counters shared by the sign-in and portal throttles. */
@Module({ providers: [ThrottleRepository], exports: [ThrottleRepository] })
export class ThrottleModule {}
