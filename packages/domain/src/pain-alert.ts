/**
 * Rule 7 (second part), the pain alert: a patient log that the clinician should look at soon.
 */
import type { PainAlertReason } from './codes.js';
import { Problems, checkInteger, checkRecord } from './validation.js';

/** What a pain alert needs of a patient log: pain 0-10 (integer). Other fields are ignored. */
export interface PainLog {
  pain: number;
}

export interface PainAlert {
  code: 'pain_alert';
  reasons: PainAlertReason[];
  /** Clinician text saying why. */
  text: string;
}

/** Pain at or above `highFrom`, or at least `jumpFrom` points above the previous log, raises an alert. */
export const PAIN_ALERT_THRESHOLDS = { highFrom: 7, jumpFrom: 3 } as const;

/**
 * A pain alert for the clinician, or `null`.
 * `pain_high`: pain >= 7; `pain_jump`: pain 3 or more points above the previous log (when one is given).
 * Both can fire together, `pain_high` first.
 *
 * @throws DomainValidationError when `log.pain` or `previousLog.pain` is not an integer 0-10.
 */
export function painAlert(log: PainLog, previousLog?: PainLog | null): PainAlert | null {
  const p = new Problems();
  if (checkRecord(p, 'log', log)) checkInteger(p, 'log.pain', log.pain, 0, 10);
  const hasPrevious = previousLog !== undefined && previousLog !== null;
  if (hasPrevious && checkRecord(p, 'previousLog', previousLog)) {
    checkInteger(p, 'previousLog.pain', previousLog.pain, 0, 10);
  }
  p.throwIfAny();

  const reasons: PainAlertReason[] = [];
  const texts: string[] = [];
  if (log.pain >= PAIN_ALERT_THRESHOLDS.highFrom) {
    reasons.push('pain_high');
    texts.push(`Pain logged at ${log.pain}/10 (${PAIN_ALERT_THRESHOLDS.highFrom} or more).`);
  }
  if (hasPrevious && log.pain - previousLog.pain >= PAIN_ALERT_THRESHOLDS.jumpFrom) {
    reasons.push('pain_jump');
    texts.push(`Pain up ${log.pain - previousLog.pain} points, from ${previousLog.pain}/10 at the previous log to ${log.pain}/10.`);
  }
  if (reasons.length === 0) return null;
  return { code: 'pain_alert', reasons, text: `${texts.join(' ')} Contact the patient and review the plan.` };
}
