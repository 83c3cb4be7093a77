'use client';
import { useState } from 'react';
import { Button, ErrorMessage } from '@/components/ui';
import { api, ok } from '@/lib/api/browser';

/**
 * "Subscribe from your phone": creates the signed-in clinician's calendar feed (its secret URL is shown once, with a
 * copy button) or revokes it. A new link stops the old one.
 */
export function CalendarFeed() {
  const [url, setUrl] = useState<string | null>(null);
  const [pending, setPending] = useState<'create' | 'revoke' | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  async function create() {
    setPending('create');
    setFailure(null);
    setNotice(null);
    try {
      const created = await ok(api.POST('/api/users/me/calendar-feed'));
      setUrl(created.url);
    } catch (e) {
      setFailure(e instanceof Error ? e.message : 'The link could not be created. Please try again.');
    } finally {
      setPending(null);
    }
  }

  async function revoke() {
    setPending('revoke');
    setFailure(null);
    setNotice(null);
    try {
      await ok(api.DELETE('/api/users/me/calendar-feed'));
      setUrl(null);
      setNotice('Your calendar link is stopped. Calendars subscribed to it no longer receive your appointments.');
    } catch (e) {
      setFailure(e instanceof Error ? e.message : 'The link could not be stopped. Please try again.');
    } finally {
      setPending(null);
    }
  }

  async function copy() {
    if (!url) return;
    try {
      await navigator.clipboard.writeText(url);
      setNotice('Link copied.');
    } catch {
      setNotice('Copying is not available here: select the link and copy it.');
    }
  }

  return (
    <div className="space-y-4 text-sm">
      <p className="text-slate-700">
        Add your appointments (the last 30 and next 90 days) to the calendar on your phone or computer. Patients appear as initials only, with no clinical
        details. Anyone with the link can see these appointments, so keep it to yourself.
      </p>
      {url && (
        <div className="space-y-2">
          <label htmlFor="calendar-feed-url" className="block font-medium text-slate-800">
            Your calendar link (shown only now)
          </label>
          <div className="flex flex-col gap-2 sm:flex-row">
            <input
              id="calendar-feed-url"
              readOnly
              value={url}
              onFocus={(event) => event.currentTarget.select()}
              className="min-h-11 w-full rounded-lg border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-xs"
            />
            <Button variant="secondary" className="min-h-11 shrink-0 whitespace-nowrap" onClick={copy}>
              Copy link
            </Button>
          </div>
          <p className="text-slate-600">In your calendar app, choose “Add subscription” or “From URL” and paste it.</p>
        </div>
      )}
      {failure && <ErrorMessage>{failure}</ErrorMessage>}
      {notice && (
        <p role="status" className="rounded-lg bg-emerald-50 px-3 py-2 text-emerald-900">
          {notice}
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        <Button onClick={create} pending={pending === 'create'} disabled={pending !== null}>
          {url ? 'Make a new link' : 'Create a calendar link'}
        </Button>
        <Button variant="secondary" onClick={revoke} pending={pending === 'revoke'} disabled={pending !== null}>
          Stop my calendar link
        </Button>
      </div>
      <p className="text-xs text-slate-500">A new link stops the previous one.</p>
    </div>
  );
}
