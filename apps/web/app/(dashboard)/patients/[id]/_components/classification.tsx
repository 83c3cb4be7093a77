import { ACTIONS, type EpisodeClassification, type RedFlagScreen } from '@upright/domain';
import { Badge } from '@/components/ui';
import { formatDate } from '@/lib/format';
import { CATEGORY_EXPLANATIONS, CATEGORY_LABELS, RED_FLAG_SHORT_LABELS, URGENCY_LABELS, categoryTone, urgencyTone } from '@/lib/clinical-labels';

/** A classification: the domain's own (a form's preview) or the API's stored one, whose rules version is a string. */
type ShownClassification = Omit<EpisodeClassification, 'rulesetVersion'> & { rulesetVersion: string };

/**
 * The red-flag banner of a referral: red for an emergency, amber for an urgent review. Nothing below those
 * levels (a `review`-level screen is listed among the reasons; it is not a referral on its own).
 */
export function RedFlagBanner({ screen, compact = false }: { screen: RedFlagScreen; compact?: boolean }) {
  if (screen.level !== 'emergency' && screen.level !== 'urgent') return null;
  const emergency = screen.level === 'emergency';
  const flags = screen.reasons.filter((r) => r.level === screen.level);
  return (
    <div
      role="alert"
      data-testid="red-flag-banner"
      className={`rounded-xl border-l-4 p-4 ${emergency ? 'border-red-600 bg-red-50 text-red-950' : 'border-amber-500 bg-amber-50 text-amber-950'}`}
    >
      <p className="font-semibold">Referral: {emergency ? 'emergency, same day to the emergency department' : 'urgent, medical review today'}</p>
      {!compact && <p className="mt-1 text-sm">{ACTIONS[emergency ? 'refer_emergency' : 'refer_urgent'].text}</p>}
      {flags.length > 0 && (
        <p className="mt-1 text-sm">
          <span className="font-medium">Red flags: </span>
          {flags.map((f) => (f.code === 'age_review' ? 'Age' : RED_FLAG_SHORT_LABELS[f.code])).join(', ')}
        </p>
      )}
    </div>
  );
}

/** Category and urgency badges with the review interval (or its date, for a stored episode). */
export function ClassificationBadges({ classification, reviewOn }: { classification: ShownClassification; reviewOn?: string }) {
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Badge tone={categoryTone(classification.category)}>{CATEGORY_LABELS[classification.category]}</Badge>
      <Badge tone={urgencyTone(classification.urgency)}>{URGENCY_LABELS[classification.urgency]}</Badge>
      <span className="text-xs text-slate-600">
        {classification.reviewInDays === 0 ? 'Act today' : reviewOn ? `Review on ${formatDate(reviewOn)}` : `Review in ${classification.reviewInDays} days`}
      </span>
    </div>
  );
}

/**
 * A classification in full: category with what it means, the banner, why (reasons), what to do (clinician
 * text) and, optionally, the advice to give the patient (patient text).
 */
export function ClassificationDetails({
  classification,
  patientAdvice = false,
  headingLevel = 3,
}: {
  classification: ShownClassification;
  patientAdvice?: boolean;
  headingLevel?: 2 | 3;
}) {
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const headingClass = 'text-sm font-semibold tracking-wide text-slate-500 uppercase';
  return (
    <div className="space-y-5">
      <div>
        <p className="text-2xl font-semibold tracking-tight" data-testid="category">
          {CATEGORY_LABELS[classification.category]}
        </p>
        <div className="mt-2">
          <ClassificationBadges classification={classification} />
        </div>
        <p className="mt-2 text-sm text-slate-700">{CATEGORY_EXPLANATIONS[classification.category]}</p>
      </div>
      <RedFlagBanner screen={classification.redFlags} />
      <section>
        <H className={headingClass}>Why</H>
        <ul className="mt-2 space-y-1.5 text-sm text-slate-800">
          {classification.reasons.map((r, i) => (
            <li key={`${r.code}-${i}`} className="flex gap-2">
              <span aria-hidden="true" className="mt-2 h-1.5 w-1.5 shrink-0 rounded-full bg-slate-400" />
              <span>{r.text}</span>
            </li>
          ))}
        </ul>
      </section>
      <section>
        <H className={headingClass}>What to do</H>
        <ol className="mt-2 list-decimal space-y-1.5 pl-5 text-sm text-slate-800">
          {classification.actions.map((a) => (
            <li key={a.code}>{a.text}</li>
          ))}
        </ol>
      </section>
      {patientAdvice && (
        <section className="rounded-xl bg-brand-50 p-4">
          <H className="text-sm font-semibold text-brand-700">Advice for the patient</H>
          <ul className="mt-2 space-y-1.5 text-sm text-slate-800">
            {classification.actions.map((a) => (
              <li key={a.code}>{a.patientText}</li>
            ))}
          </ul>
        </section>
      )}
      <p className="text-xs text-slate-500">Rules version {classification.rulesetVersion}</p>
    </div>
  );
}
