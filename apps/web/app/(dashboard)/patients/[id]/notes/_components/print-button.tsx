'use client';
import { Button } from '@/components/ui';

/** The browser's own print of the page (the print stylesheet leaves navigation and buttons out). */
export function PrintButton({ label = 'Print' }: { label?: string }) {
  return (
    <Button variant="secondary" className="print:hidden" onClick={() => window.print()}>
      {label}
    </Button>
  );
}
