import type { ActionCode } from './codes.js';

/** A recommended next step: `text` for the clinician, `patientText` in plain words for the patient page. */
export interface Action {
  code: ActionCode;
  text: string;
  patientText: string;
}

/**
 * Every action the rules can recommend, with both texts, in one table a clinician can review.
 * Advice follows the evidence where it differs from folk wisdom: relative rest from the provoking activity,
 * never bed rest (Cochrane CD007612).
 */
export const ACTIONS: { readonly [C in ActionCode]: Readonly<Action & { code: C }> } = {
  refer_emergency: {
    code: 'refer_emergency',
    text: 'Same-day emergency department assessment: possible cauda equina syndrome or another emergency. No treatment or exercise plan before it.',
    patientText: 'Please go to an emergency department today. Some of what you told us needs a doctor to check it straight away.',
  },
  refer_urgent: {
    code: 'refer_urgent',
    text: 'Medical review the same day (GP or urgent care) to rule out serious pathology before any exercise plan.',
    patientText: 'Please see a doctor today. Some of your answers need a medical check before we start any exercises.',
  },
  clinician_review: {
    code: 'clinician_review',
    text: 'Take a closer history and examination: age or a low-risk flag is a reason to look harder, not a referral on its own.',
    patientText: 'Your physio will ask a few extra questions to make sure nothing else is going on.',
  },
  stay_active: {
    code: 'stay_active',
    text: 'Advise staying active: relative rest from the provoking activity only, no bed rest (bed rest slows recovery).',
    patientText: 'Keep moving gently through your day. Take a break from whatever set it off, but avoid lying in bed: staying active helps you recover sooner.',
  },
  apply_heat: {
    code: 'apply_heat',
    text: 'Superficial heat for short-term relief of pain and muscle spasm.',
    patientText: 'A warm pack or a hot-water bottle wrapped in a towel on the sore area for 15-20 minutes can ease the spasm.',
  },
  massage_or_physio_as_pain_eases: {
    code: 'massage_or_physio_as_pain_eases',
    text: 'Massage or manual therapy once the acute pain starts to ease, alongside activity.',
    patientText: 'As the pain starts to ease, massage or a physio session can help the muscles relax and recover.',
  },
  graded_return_to_activity: {
    code: 'graded_return_to_activity',
    text: 'Graded return to the provoking activity: shorter, lighter sessions first, building load over 2-4 weeks.',
    patientText: 'Go back to the activity that set it off a bit at a time: start shorter and lighter, and build up over a few weeks.',
  },
  postural_symmetry_assessment: {
    code: 'postural_symmetry_assessment',
    text: 'Book a postural symmetry assessment: trunk endurance tests (Biering-Sorensen, flexor, side bridges), hip-abductor strength, Trendelenburg and ASLR.',
    patientText: 'Book an assessment so your physio can test how well, and how evenly, your trunk and hip muscles support your back.',
  },
  strengthening_plan: {
    code: 'strengthening_plan',
    text: 'Start a progressive trunk and hip strengthening plan aimed at the deficits found; keep it going for the benefit to last.',
    patientText: 'You will get an exercise plan to build up the muscles that support your back. Doing it regularly is what stops the spasms coming back.',
  },
  clinical_assessment: {
    code: 'clinical_assessment',
    text: 'Cause not clear from the history: full clinical assessment before suggesting a plan.',
    patientText: 'Your physio needs to examine you to work out what is behind this before suggesting exercises.',
  },
  neurological_examination: {
    code: 'neurological_examination',
    text: 'Neurological examination (dermatomes, myotomes, reflexes, straight-leg raise): possible nerve-root involvement.',
    patientText: 'Because the pain goes below your knee, your physio will check the nerves that supply your leg.',
  },
  review_persistent_pain: {
    code: 'review_persistent_pain',
    text: 'Pain beyond 6 weeks: GP or physiotherapist review of persistent pain.',
    patientText: 'Your pain has lasted more than six weeks, so it is time for a review with your GP or physio.',
  },
  reassess: {
    code: 'reassess',
    text: 'Overload episode not settling as expected after 2 weeks: reassess and reconsider the category.',
    patientText: 'This is taking longer to settle than most, so your physio will check you again.',
  },
};

/** A fresh copy of the action with that code, ready to put in a result. */
export function action(code: ActionCode): Action {
  const { text, patientText } = ACTIONS[code];
  return { code, text, patientText };
}
