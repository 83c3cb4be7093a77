import type { AuditEventView } from '@/lib/api/client';

/** Entries per page of the audit log ("Load more" fetches the next ones). */
export const AUDIT_PAGE = 50;

type Action = AuditEventView['action'];

/** Every audit action in words; `Record<Action, string>` makes the type checker insist on a label for a new one. */
export const ACTION_LABELS: Record<Action, string> = {
  read: 'Viewed',
  create: 'Created',
  update: 'Changed',
  archive: 'Archived',
  login: 'Signed in',
  login_failed: 'Sign-in failed',
  logout: 'Signed out',
  denied: 'Refused',
  share: 'Shared',
  revoke: 'Revoked',
  export: 'Exported',
};

export const ACTIONS = Object.keys(ACTION_LABELS) as Action[];

const RESOURCE_LABELS: Record<string, string> = {
  patient: 'Patient',
  patient_list: 'Patient list',
  episode: 'Episode',
  assessment: 'Assessment',
  plan: 'Plan',
  plan_suggestion: 'Plan suggestion',
  outcome: 'Outcome score',
  timeline: 'Timeline',
  today: 'Today list',
  audit_log: 'Audit log',
  user: 'Staff account',
  session: 'Session',
  share_link: 'Share link',
  exercise: 'Exercise',
  practice: 'Practice',
  patient_log: 'Exercise log',
  pain_alert: 'Pain alert',
  adherence: 'Adherence',
  access_log: 'Access log',
  portal_session: 'Plan page session',
};

/** "plan_version" -> "Plan version"; known resources get their own wording. */
export function resourceLabel(resourceType: string): string {
  const known = RESOURCE_LABELS[resourceType];
  if (known) return known;
  const words = resourceType.replace(/[_-]+/g, ' ').trim();
  return words ? words[0].toUpperCase() + words.slice(1) : resourceType;
}

export { ROLE_LABELS } from '@/lib/roles';

const timestamp = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  timeZone: 'UTC',
});

/** "25 Nov 2026, 14:03:22" in UTC: the same on the server and in every browser, and the zone the date filters use. */
export function formatTimestamp(iso: string): string {
  return timestamp.format(new Date(iso));
}

export function outcomeTone(outcome: string): 'success' | 'warning' | 'danger' | 'neutral' {
  return outcome === 'success' ? 'success' : outcome === 'denied' ? 'warning' : outcome === 'failure' ? 'danger' : 'neutral';
}
