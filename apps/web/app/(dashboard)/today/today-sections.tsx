import Link from 'next/link';
import type { ReactNode } from 'react';
import type {
  TodayFollowUpSpasm,
  TodayLowAdherence,
  TodayPainAlert,
  TodayPatient,
  TodayProgression,
  TodayReferral,
  TodayReviewDue,
  TodayUnsignedNote,
} from '@/lib/api/client';
import { daysBetween } from '@upright/domain';
import { Badge, ButtonLink } from '@/components/ui';
import {
  CATEGORY_LABELS,
  PAIN_ALERT_LABELS,
  PROGRESSION_ADVICE_LABELS,
  RED_FLAG_SHORT_LABELS,
  URGENCY_LABELS,
  categoryTone,
  progressionAdviceTone,
  urgencyTone,
  type BadgeTone,
} from '@/lib/clinical-labels';
import { ageOn, formatDate } from '@/lib/format';
import { MarkFollowUpReviewed } from './mark-follow-up-reviewed';

/**
 * One list of the Today page: a labelled region with its count, and "Nothing needs attention" when empty.
 * The count sits outside the heading so the heading reads the same whatever the number.
 */
export function TodaySection({
  id,
  title,
  description,
  count,
  tone,
  truncatedAt,
  empty,
  emptyTitle = 'Nothing needs attention',
  countNoun = ['patient', 'patients'],
  children,
}: {
  id: string;
  title: string;
  description: string;
  count: number;
  tone: BadgeTone;
  truncatedAt: number | null;
  empty: string;
  emptyTitle?: string;
  /** What the count counts, singular and plural. */
  countNoun?: [string, string];
  children: ReactNode;
}) {
  const headingId = `${id}-heading`;
  return (
    <section aria-labelledby={headingId} data-testid={`today-${id}`} className="flex flex-col rounded-2xl border border-slate-200 bg-white shadow-sm">
      <div className="flex items-start justify-between gap-3 border-b border-slate-100 px-5 pt-4 pb-3">
        <div>
          <h2 id={headingId} className="text-lg font-semibold tracking-tight">
            {title}
          </h2>
          <p className="mt-0.5 text-sm text-slate-600">{description}</p>
        </div>
        <span
          data-testid="today-count"
          className={`mt-0.5 inline-flex min-w-8 shrink-0 items-center justify-center rounded-full px-2.5 py-1 text-sm font-semibold ${count === 0 ? 'bg-slate-100 text-slate-500' : COUNT_TONES[tone]}`}
        >
          <span aria-hidden="true">
            {count}
            {truncatedAt ? '+' : ''}
          </span>
          <span className="sr-only">{`${truncatedAt ? 'More than ' : ''}${count} ${count === 1 ? countNoun[0] : countNoun[1]}`}</span>
        </span>
      </div>
      {count === 0 ? (
        <div className="px-5 py-6 text-center">
          <p className="font-medium text-slate-800">{emptyTitle}</p>
          <p className="mt-1 text-sm text-slate-600">{empty}</p>
        </div>
      ) : (
        <>
          {children}
          {truncatedAt && (
            <p className="border-t border-slate-100 px-5 py-2 text-xs text-slate-500">
              Showing the first {truncatedAt}. More {countNoun[1]} need attention; deal with these first.
            </p>
          )}
        </>
      )}
    </section>
  );
}

const COUNT_TONES: Record<BadgeTone, string> = {
  neutral: 'bg-slate-100 text-slate-700',
  info: 'bg-sky-100 text-sky-800',
  success: 'bg-emerald-100 text-emerald-800',
  warning: 'bg-amber-100 text-amber-900',
  danger: 'bg-red-100 text-red-800',
  brand: 'bg-brand-100 text-brand-700',
};

/** A row linking to the patient: name and age on the first line, the reason below, badges on the right. */
function PatientRow({ patient, badges, action, children }: { patient: TodayPatient; badges: ReactNode; action?: ReactNode; children: ReactNode }) {
  const row = (
    <Link
      href={`/patients/${patient.id}`}
      className={`group flex items-start justify-between gap-3 px-5 py-3 hover:bg-slate-50 focus-visible:bg-slate-50 ${action ? 'min-w-0 flex-1 pr-2' : ''}`}
    >
      <span className="min-w-0">
        <span className="block font-medium text-slate-900 group-hover:text-brand-700 group-hover:underline">
          {patient.firstName} {patient.lastName}
        </span>
        <span className="mt-0.5 block text-sm text-slate-600">
          {ageOn(patient.dateOfBirth)} years · {children}
        </span>
      </span>
      <span className="flex shrink-0 flex-wrap justify-end gap-1.5">{badges}</span>
    </Link>
  );
  if (!action) return <li>{row}</li>;
  // The action sits beside the row's link, never inside it (a link holds no other control).
  return (
    <li className="flex flex-col sm:flex-row sm:items-center">
      {row}
      <div className="shrink-0 px-5 pb-3 sm:py-3 sm:pr-5 sm:pl-0">{action}</div>
    </li>
  );
}

const listClass = 'divide-y divide-slate-100';

export function ReferralList({ items }: { items: TodayReferral[] }) {
  return (
    <ul className={listClass}>
      {items.map((r) => (
        <PatientRow key={r.patient.id} patient={r.patient} badges={<Badge tone={urgencyTone(r.urgency)}>{URGENCY_LABELS[r.urgency]}</Badge>}>
          {r.redFlags.length > 0 ? r.redFlags.map((code) => RED_FLAG_SHORT_LABELS[code]).join(', ') : 'Red flag'} · recorded {formatDate(r.recordedOn)}
        </PatientRow>
      ))}
    </ul>
  );
}

/**
 * Reviews due, each with "Book review" (the next free slot of the clinician who recorded the episode), or the
 * booking already made. Reception gets no category (the API leaves it out).
 */
export function ReviewList({
  items,
  timeZone,
  clinicianName,
  showCategory,
}: {
  items: TodayReviewDue[];
  timeZone: string;
  clinicianName: (id: string) => string | null;
  showCategory: boolean;
}) {
  const when = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone });
  return (
    <ul className={listClass}>
      {items.map((r) => {
        const clinician = clinicianName(r.clinicianId);
        return (
          <PatientRow
            key={r.patient.id}
            patient={r.patient}
            action={
              r.nextAppointmentAt ? (
                <span className="text-sm text-slate-700" data-testid="review-booked">
                  Booked {when.format(new Date(r.nextAppointmentAt))}
                </span>
              ) : (
                <ButtonLink
                  href={`/calendar/book?${new URLSearchParams({ review: '1', patient: r.patient.id, clinician: r.clinicianId }).toString()}`}
                  className="w-full sm:w-auto"
                >
                  Book review
                  <span className="sr-only">
                    {' '}
                    for {r.patient.firstName} {r.patient.lastName}
                  </span>
                </ButtonLink>
              )
            }
            badges={
              <>
                {showCategory && r.category && <Badge tone={categoryTone(r.category)}>{CATEGORY_LABELS[r.category]}</Badge>}
                <Badge tone={r.overdueDays > 0 ? 'warning' : 'info'}>
                  {r.overdueDays === 0 ? 'Due today' : `Overdue ${r.overdueDays} ${r.overdueDays === 1 ? 'day' : 'days'}`}
                </Badge>
              </>
            }
          >
            review due {formatDate(r.dueOn)}
            {clinician ? ` · with ${clinician}` : ''} · episode recorded {formatDate(r.recordedOn)}
          </PatientRow>
        );
      })}
    </ul>
  );
}

export function PainAlertList({ items }: { items: TodayPainAlert[] }) {
  return (
    <ul className={listClass}>
      {items.map(({ patient, alerts }) => {
        const latest = alerts[0];
        const reasons = [...new Set(alerts.flatMap((a) => a.reasons))];
        return (
          <PatientRow
            key={patient.id}
            patient={patient}
            badges={reasons.map((reason) => (
              <Badge key={reason} tone="danger">
                {PAIN_ALERT_LABELS[reason]}
              </Badge>
            ))}
          >
            {latest ? `pain ${latest.pain}/10 on ${formatDate(latest.date)}` : 'pain alert'}
            {alerts.length > 1 ? ` · ${alerts.length} open alerts` : ''}
          </PatientRow>
        );
      })}
    </ul>
  );
}

export function LowAdherenceList({ items }: { items: TodayLowAdherence[] }) {
  return (
    <ul className={listClass}>
      {items.map(({ patient, adherence }) => (
        <PatientRow
          key={patient.id}
          patient={patient}
          badges={<Badge tone="warning">{adherence.percent === null ? 'No plan' : `${adherence.percent}%`}</Badge>}
        >
          {adherence.loggedSessions} of {adherence.prescribedSessions} sessions in the last {daysBetween(adherence.from, adherence.to) + 1} days
          {adherence.daysSinceLastLog === null
            ? ' · never logged'
            : ` · last log ${adherence.daysSinceLastLog} ${adherence.daysSinceLastLog === 1 ? 'day' : 'days'} ago`}
        </PatientRow>
      ))}
    </ul>
  );
}

/** How long a draft has waited since it was started: "3 hours", "2 days" (hours until two days, whole days after). */
function waitingFor(createdAt: string, now: Date): string {
  const hours = Math.max(0, Math.floor((now.getTime() - new Date(createdAt).getTime()) / 3_600_000));
  if (hours < 48) return `${hours} ${hours === 1 ? 'hour' : 'hours'}`;
  const days = Math.floor(hours / 24);
  return `${days} days`;
}

/** The signed-in clinician's own drafts left unsigned too long, oldest first, each opening the note to sign it. */
export function UnsignedNoteList({ items, now }: { items: TodayUnsignedNote[]; now: Date }) {
  return (
    <ul className={listClass}>
      {items.map((note) => {
        const waiting = waitingFor(note.createdAt, now);
        return (
          <li key={note.id}>
            <Link
              href={`/patients/${note.patientId}/notes/${note.id}`}
              className="group flex items-start justify-between gap-3 px-5 py-3 hover:bg-slate-50 focus-visible:bg-slate-50"
            >
              <span className="min-w-0">
                <span className="block font-medium text-slate-900 group-hover:text-brand-700 group-hover:underline">{note.patientName}</span>
                <span className="mt-0.5 block text-sm text-slate-600">
                  Visit note of <time dateTime={note.visitDate}>{formatDate(note.visitDate)}</time>
                </span>
              </span>
              <span className="shrink-0">
                <Badge tone="warning">Unsigned for {waiting}</Badge>
              </span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}

/** Active plans whose progression advice (rule 9.2) asks for something, most urgent first, each opening its plan. */
export function ProgressionList({ items }: { items: TodayProgression[] }) {
  return (
    <ul className={listClass}>
      {items.map((item) => (
        <li key={item.planId}>
          <Link href={`/plans/${item.planId}`} className="group flex items-start justify-between gap-3 px-5 py-3 hover:bg-slate-50 focus-visible:bg-slate-50">
            <span className="min-w-0">
              <span className="block font-medium text-slate-900 group-hover:text-brand-700 group-hover:underline">{item.patientName}</span>
              <span className="mt-0.5 block text-sm text-slate-600">{item.reasons[0]?.text ?? item.actionText}</span>
            </span>
            <span className="shrink-0">
              <Badge tone={progressionAdviceTone(item.advice)}>{PROGRESSION_ADVICE_LABELS[item.advice]}</Badge>
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}

/**
 * Spasms patients reported at their 3, 6 or 12-month follow-up after discharge: record the episode (the form opens
 * with the onset date filled in, and marks the follow-up reviewed once saved), or mark it reviewed as it is.
 */
export function FollowUpSpasmList({ items }: { items: TodayFollowUpSpasm[] }) {
  return (
    <ul className={listClass}>
      {items.map((item) => (
        <li key={item.followUpId} className="flex flex-col gap-2 px-5 py-3 sm:flex-row sm:items-center sm:justify-between">
          <span className="min-w-0">
            <Link href={`/patients/${item.patientId}`} className="block font-medium text-slate-900 hover:text-brand-700 hover:underline">
              {item.patientName}
            </Link>
            <span className="mt-0.5 block text-sm text-slate-600">
              Spasm on {formatDate(item.spasmOn)}, reported at the {item.months}-month follow-up
            </span>
          </span>
          <span className="flex shrink-0 flex-wrap items-start gap-2">
            <ButtonLink
              href={`/patients/${item.patientId}/episodes/new?${new URLSearchParams({ onsetDate: item.spasmOn, followUpId: item.followUpId }).toString()}`}
            >
              Record episode<span className="sr-only"> for {item.patientName}</span>
            </ButtonLink>
            <MarkFollowUpReviewed followUpId={item.followUpId} patientName={item.patientName} />
          </span>
        </li>
      ))}
    </ul>
  );
}
