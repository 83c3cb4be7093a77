'use client';
import { Button } from '@/components/ui';

/** Prints the summary (the browser's own Print does the same). */
export function PrintButton() {
  return (
    <Button variant="secondary" className="min-h-11 px-4 text-base!" onClick={() => window.print()}>
      Print
    </Button>
  );
}
