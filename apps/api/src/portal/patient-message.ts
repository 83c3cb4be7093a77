import type { PainAlert } from '@upright/domain';

/**
 * Words for the patient when their log raised a pain alert: ease off rather than stop moving (staying active
 * beats rest), tell the practice, and get urgent help for the signs that must not wait (the emergency red flags:
 * possible cauda equina). Null when there is no alert.
 */
export function painAdviceForPatient(alert: PainAlert | null): string | null {
  if (!alert) return null;
  const opening = alert.reasons.includes('pain_high') ? 'Your pain sounds high today.' : 'Your pain has gone up since your last log.';
  return [
    opening,
    'Ease off for now: do only the exercises that feel comfortable, or their easier versions, and keep gently moving through the day rather than resting in bed.',
    'Your physio will see this log; please also contact the practice so they can check your plan with you.',
    'If you notice numbness around your bottom or genitals, problems passing urine or controlling your bowels, or new weakness or numbness in both legs, get urgent medical help now.',
  ].join(' ');
}
