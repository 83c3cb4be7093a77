import { fallbackProblem, type ImportResult, type Problem } from '@/lib/api/client';

/** How far the upload of the file has got, in bytes. */
export interface UploadProgress {
  loaded: number;
  total: number;
}

export type ImportAnswer = { ok: true; result: ImportResult } | { ok: false; problem: Problem };

/**
 * Sends a CSV file to POST /api/imports/patients (through the dashboard's own /api), reporting the upload's progress:
 * fetch() says nothing about a request body on its way out, XMLHttpRequest does. The file goes as it is, text/csv;
 * the API reads it as UTF-8 and answers what it would import (dry run) or what it imported.
 */
export function sendImport(file: Blob, dryRun: boolean, onProgress: (progress: UploadProgress) => void): Promise<ImportAnswer> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    const path = `/api/imports/patients?dryRun=${dryRun}`;
    xhr.open('POST', path);
    xhr.setRequestHeader('content-type', 'text/csv; charset=utf-8');
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('idempotency-key', crypto.randomUUID());
    xhr.responseType = 'text';
    xhr.upload.onprogress = (event) => onProgress({ loaded: event.loaded, total: event.lengthComputable ? event.total : file.size });
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = undefined;
      }
      if (xhr.status === 200 && body) return resolve({ ok: true, result: body as ImportResult });
      if (xhr.status === 401) {
        // The session is over: sign in again, as every other dashboard call does (lib/api/browser.ts), with a full
        // page load so no state of the old session survives.
        // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- see the line above
        window.location.assign(`/sign-in?next=${encodeURIComponent(window.location.pathname)}`);
      }
      const problem = body as Problem | undefined;
      resolve({
        ok: false,
        problem: problem && typeof problem.status === 'number' ? problem : fallbackProblem(xhr.status, path, 'The file could not be sent. Please try again.'),
      });
    };
    xhr.onerror = () => resolve({ ok: false, problem: fallbackProblem(0, path, 'Could not reach Upright. Check your connection and try again.') });
    xhr.send(file);
  });
}
