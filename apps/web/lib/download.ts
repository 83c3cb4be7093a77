import { ApiError, fallbackProblem, type Problem } from '@/lib/api/client';

/** How a download is going: bytes received so far, and the total when the answer said it (exports are streamed: no). */
export interface DownloadProgress {
  received: number;
  total: number | null;
}

export interface Downloaded {
  filename: string;
  bytes: number;
}

/** The file name the answer suggests (Content-Disposition: attachment; filename="…"), else `fallback`. */
export function filenameOf(disposition: string | null, fallback: string): string {
  const match = /filename="([^"]+)"/.exec(disposition ?? '');
  return match?.[1] ?? fallback;
}

/** "12.3 MB", "840 KB", "512 bytes". */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

/**
 * Downloads `path` (same-origin /api, with the visitor's cookie) through a stream reader, reporting the bytes as they
 * arrive, then hands the whole file to the browser to save. An error answer throws an ApiError with its problem; a
 * download that breaks off midway throws too, and nothing is saved (a cut-off export is never passed off as whole).
 */
export async function downloadFile(path: string, fallbackName: string, onProgress: (progress: DownloadProgress) => void): Promise<Downloaded> {
  let response: Response;
  try {
    response = await fetch(path, { credentials: 'same-origin', cache: 'no-store' });
  } catch {
    throw new ApiError(fallbackProblem(0, path, 'Could not reach Upright. Check your connection and try again.'));
  }
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => null);
    const problem =
      body && typeof body === 'object' && typeof (body as Problem).status === 'number' ? (body as Problem) : fallbackProblem(response.status, path);
    throw new ApiError(problem);
  }
  const total = Number(response.headers.get('content-length')) || null;
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let received = 0;
  onProgress({ received, total });
  if (response.body) {
    const reader = response.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        received += value.byteLength;
        onProgress({ received, total });
      }
    } catch {
      throw new ApiError(fallbackProblem(0, path, 'The download broke off before the end, so nothing was saved. Please try again.'));
    }
  }
  const filename = filenameOf(response.headers.get('content-disposition'), fallbackName);
  const url = URL.createObjectURL(new Blob(chunks, { type: response.headers.get('content-type') ?? 'application/octet-stream' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the file once the click is handled; give it a moment before the memory goes.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return { filename, bytes: received };
}
