import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EXERCISES, isExerciseCode, type Exercise, type TargetCode } from '@upright/domain';
import { AuditService } from '../audit/audit.service.js';
import { AppError } from '../common/app-error.js';
import type { StaffActor } from '../common/request-context.js';
import type { PracticeExercise } from '../generated/prisma/client.js';
import type { CreateExerciseDto, ExerciseListDto, LibraryDoseDto, LibraryExerciseDto } from './dto/exercise.dto.js';
import { ExercisesRepository } from './exercises.repository.js';
import { Transactions } from '../database/transactions.js';

function fromLibrary(e: Exercise): LibraryExerciseDto {
  return {
    code: e.code,
    name: e.name,
    targets: [...e.targets],
    defaultDose: { ...e.defaultDose },
    steps: [...e.steps],
    regression: e.regression,
    progression: e.progression,
    safety: e.safety,
    builtIn: true,
  };
}

export function toLibraryExercise(e: PracticeExercise): LibraryExerciseDto {
  return {
    code: e.code,
    name: e.name,
    targets: e.targets as TargetCode[],
    defaultDose: e.defaultDose as unknown as LibraryDoseDto,
    steps: e.steps,
    regression: e.regression,
    progression: e.progression,
    safety: e.safety,
    builtIn: false,
  };
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { name?: string; code?: string })?.name === 'PrismaClientKnownRequestError' && (error as { code?: string }).code === 'P2002';
}

@Injectable()
export class ExercisesService {
  constructor(
    private readonly transactions: Transactions,
    private readonly exercises: ExercisesRepository,
    private readonly audit: AuditService,
  ) {}

  /** The built-in library first (in its own order), then the practice's exercises in the order they were added. */
  async list(actor: StaffActor): Promise<ExerciseListDto> {
    const own = await this.exercises.list(actor.practiceId);
    return { items: [...EXERCISES.map(fromLibrary), ...own.map(toLibraryExercise)] };
  }

  /** Library data, not patient data: only the creation is audited. */
  async create(actor: StaffActor, body: CreateExerciseDto): Promise<LibraryExerciseDto> {
    const { holdSeconds, ...dose } = body.defaultDose;
    try {
      const row = await this.transactions.run(async (tx) => {
        const created = await this.exercises.create(tx, actor.practiceId, {
          id: randomUUID(),
          code: body.code,
          name: body.name.trim(),
          targets: body.targets,
          steps: body.steps.map((s) => s.trim()),
          regression: body.regression.trim(),
          progression: body.progression.trim(),
          safety: body.safety.trim(),
          defaultDose: { ...dose, ...(holdSeconds !== undefined ? { holdSeconds } : {}) },
          createdBy: actor.userId,
        });
        await this.audit.record({ action: 'create', resourceType: 'exercise', resourceId: created.code }, tx);
        return created;
      });
      return toLibraryExercise(row);
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('already_exists', `Your practice already has an exercise with the code "${body.code}".`);
      throw error;
    }
  }

  /**
   * Which of these exercise codes neither the built-in library nor the practice has. Plans call this before
   * storing phases, so a plan never names an exercise the patient page cannot show.
   */
  async unknownCodes(practiceId: string, codes: string[]): Promise<Set<string>> {
    const candidates = [...new Set(codes.filter((c) => !isExerciseCode(c)))];
    const own = await this.exercises.existingCodes(practiceId, candidates);
    return new Set(candidates.filter((c) => !own.has(c)));
  }
}
