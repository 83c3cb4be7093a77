/** The diary form's id: each exercise card's "Done today" box belongs to it through the `form` attribute. */
export const LOG_FORM_ID = 'exercise-diary';
