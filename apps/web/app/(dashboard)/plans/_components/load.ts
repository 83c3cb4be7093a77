import { cache } from 'react';
import { ApiError, ok, type Plan, serverApi } from '@/lib/api/server';

/** The plan, or null when there is no such plan in the practice (404, or 400 for an id that is not a UUID). */
export const loadPlan = cache(async (planId: string): Promise<Plan | null> => {
  try {
    return await ok((await serverApi()).GET('/api/plans/{planId}', { params: { path: { planId } } }));
  } catch (error) {
    if (error instanceof ApiError && (error.problem.status === 404 || error.problem.status === 400)) return null;
    throw error;
  }
});

/** The practice's exercise library (built-in and its own), for names and the builder's picker. */
export const loadLibrary = cache(async () => (await ok((await serverApi()).GET('/api/exercises'))).items);
