import { Module } from '@nestjs/common';
import { CycleRepository } from './cycle.repository.js';

/**
 * The spasm cycle's shared facts (issue 19): CycleRepository loads a patient's or a plan's facts in one statement;
 * the pure functions of cycle-facts.ts turn them into the domain's inputs and results. Imported by the clinician's
 * routes (CycleController), Today and the patient's page.
 */
@Module({ providers: [CycleRepository], exports: [CycleRepository] })
export class CycleModule {}
