import Link from 'next/link';

/** In place of a "record" action for an archived patient: records stay readable, new ones wait for a restore. */
export function ArchivedNotice({ patientId }: { patientId: string }) {
  return (
    <p className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="archived-notice">
      This patient is archived, so nothing new can be recorded.{' '}
      <Link href={`/patients/${patientId}`} className="font-medium underline">
        Restore them from their page
      </Link>{' '}
      to continue their care.
    </p>
  );
}
