'use client';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { Button } from '@/components/ui';
import { ok, portalApi } from '@/lib/api/browser';

/**
 * Print and Sign out. While this is on the page, printing (the button or the browser's own Print) opens every
 * collapsed phase for the paper copy and closes them again afterwards; the print stylesheet does the same where
 * the browser supports ::details-content.
 */
export function PlanActions() {
  const router = useRouter();
  const [signingOut, setSigningOut] = useState(false);

  useEffect(() => {
    let opened: HTMLDetailsElement[] = [];
    const before = () => {
      opened = [...document.querySelectorAll<HTMLDetailsElement>('details[data-phase]:not([open])')];
      for (const details of opened) details.open = true;
    };
    const after = () => {
      for (const details of opened) details.open = false;
      opened = [];
    };
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    return () => {
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
    };
  }, []);

  return (
    <div className="flex gap-2 print:hidden">
      <Button variant="secondary" className="min-h-11 px-4 text-base!" onClick={() => window.print()}>
        Print
      </Button>
      <Button
        variant="secondary"
        className="min-h-11 px-4 text-base!"
        pending={signingOut}
        onClick={async () => {
          setSigningOut(true);
          await ok(portalApi.POST('/api/portal/logout')).catch(() => undefined);
          router.replace('/p/signed-out');
        }}
      >
        {signingOut ? 'Signing out…' : 'Sign out'}
      </Button>
    </div>
  );
}
