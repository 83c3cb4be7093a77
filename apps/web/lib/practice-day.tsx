'use client';
import { createContext, useContext, type ReactNode } from 'react';
import { calendarDateIn } from '@upright/domain';

const PracticeTimeZone = createContext('UTC');

/** Gives the dashboard's forms the signed-in practice's time zone (set once, in the dashboard layout). */
export function PracticeTimeZoneProvider({ timeZone, children }: { timeZone: string; children: ReactNode }) {
  return <PracticeTimeZone value={timeZone}>{children}</PracticeTimeZone>;
}

/**
 * Today in the practice's time zone (YYYY-MM-DD): the default and the latest allowed value of the forms' dates,
 * the same day the API checks "not in the future" against.
 */
export function usePracticeToday(): string {
  return calendarDateIn(useContext(PracticeTimeZone), new Date());
}
