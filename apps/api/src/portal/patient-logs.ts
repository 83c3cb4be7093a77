import type { PainAlertReason } from '@upright/domain';
import { toIsoDate } from '../common/dates.js';
import type { PatientLog } from '../generated/prisma/client.js';
import type { ClinicianPatientLogDto, PainAlertItemDto } from './clinician/dto/patient-logs.dto.js';
import type { PatientLogEntryDto } from './dto/portal.dto.js';

/** A log as the patient sees it (no alert bookkeeping). */
export function toPatientLogEntry(log: PatientLog): PatientLogEntryDto {
  return {
    id: log.id,
    date: toIsoDate(log.date),
    planId: log.planId,
    planVersion: log.planVersion,
    completedExercises: log.completedExercises,
    pain: log.pain,
    difficulty: log.difficulty,
    note: log.note,
    createdAt: log.createdAt.toISOString(),
  };
}

export function toClinicianLog(log: PatientLog): ClinicianPatientLogDto {
  return {
    ...toPatientLogEntry(log),
    patientId: log.patientId,
    alertReasons: log.alertReasons as PainAlertReason[],
    alertAcknowledgedAt: log.alertAcknowledgedAt?.toISOString() ?? null,
    alertAcknowledgedBy: log.alertAcknowledgedBy,
  };
}

export function toPainAlertItem(log: PatientLog): PainAlertItemDto {
  return {
    logId: log.id,
    patientId: log.patientId,
    planId: log.planId,
    date: toIsoDate(log.date),
    pain: log.pain,
    difficulty: log.difficulty,
    note: log.note,
    reasons: log.alertReasons as PainAlertReason[],
    createdAt: log.createdAt.toISOString(),
    acknowledgedAt: log.alertAcknowledgedAt?.toISOString() ?? null,
    acknowledgedBy: log.alertAcknowledgedBy,
  };
}
