import { ok, portalApi } from '@/lib/api/browser';

/** The patient's next-morning answer about one session (route 12). */
export const answerSettled = (logId: string, settledByNextMorning: boolean) =>
  ok(portalApi.POST('/api/portal/logs/{logId}/settled', { params: { path: { logId } }, body: { settledByNextMorning } }));

/** "My spasm settled on …" (route 13). */
export const markEpisodeResolved = (episodeId: string, resolvedOn: string) =>
  ok(portalApi.POST('/api/portal/episodes/{episodeId}/resolved', { params: { path: { episodeId } }, body: { resolvedOn } }));

/** The answer to a follow-up after discharge (route 14). */
export const answerFollowUp = (followUpId: string, body: { spasmSince: boolean; spasmOn?: string }) =>
  ok(portalApi.POST('/api/portal/follow-ups/{followUpId}', { params: { path: { followUpId } }, body }));
