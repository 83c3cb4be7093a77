/** The four sections of a visit note (SOAP), in the order they are written and shown. */
export interface NoteSections {
  subjective: string;
  objective: string;
  assessment: string;
  plan: string;
}

export const NOTE_SECTIONS = ['subjective', 'objective', 'assessment', 'plan'] as const satisfies readonly (keyof NoteSections)[];

/**
 * The note templates every practice starts with: signup creates them for a new practice, the demo seed for the demo
 * practice, and the visit-notes migration inserted the same three (its SQL copies this list; a test compares them)
 * for every practice that existed then. Admins rename, edit and deactivate them like their own.
 */
export const DEFAULT_NOTE_TEMPLATES: readonly { name: string; prompts: NoteSections }[] = [
  {
    name: 'Initial assessment',
    prompts: {
      subjective: [
        'Presenting complaint:',
        'History of this episode (onset, mechanism, progression):',
        'Aggravating and easing factors:',
        '24-hour pattern and sleep:',
        'Previous episodes and treatment:',
        'General health, medication, red-flag screen:',
        'Work, activity and the patient’s goals:',
      ].join('\n'),
      objective: [
        'Observation and posture:',
        'Lumbar range of movement:',
        'Neurological screen (dermatomes, myotomes, reflexes) where indicated:',
        'Neural tension tests:',
        'Palpation:',
        'Functional tests:',
      ].join('\n'),
      assessment: ['Clinical impression:', 'Contributing factors:', 'Yellow flags (beliefs, fear of movement, mood):'].join('\n'),
      plan: ['Treatment today:', 'Advice and education given:', 'Home exercise programme:', 'Goals agreed:', 'Next review:'].join('\n'),
    },
  },
  {
    name: 'Follow-up',
    prompts: {
      subjective: ['Since the last visit (symptoms, function, sleep):', 'Home exercises: how often, any difficulty:', 'New concerns:'].join('\n'),
      objective: ['Re-assessment (range, strength, functional tests):'].join('\n'),
      assessment: ['Progress against goals:', 'Response to treatment so far:'].join('\n'),
      plan: ['Treatment today:', 'Exercise changes:', 'Next review:'].join('\n'),
    },
  },
  {
    name: 'Discharge',
    prompts: {
      subjective: ['The patient’s report of symptoms and function now:', 'Confidence in self-management:'].join('\n'),
      objective: ['Final re-assessment and outcome measures:'].join('\n'),
      assessment: ['Goals met or not met:', 'Reason for discharge:'].join('\n'),
      plan: ['Home exercises to continue:', 'What to do in a flare-up, and when to get back in touch:', 'Letter to the GP or referrer:'].join('\n'),
    },
  },
];
