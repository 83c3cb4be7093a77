'use client';
import { usePathname } from 'next/navigation';
import { useEffect, useRef, useState, type ReactNode } from 'react';

/**
 * The header's navigation and account controls: in a row from the `md` width up; on a phone, folded behind a Menu
 * button (aria-expanded) that opens them as a panel under the header bar. Escape or a tap outside closes the panel
 * (Escape returns the focus to the button), and so does going to another page.
 */
export function PhoneMenu({ id, children }: { id: string; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const pathname = usePathname();
  const [shownFor, setShownFor] = useState(pathname);
  if (shownFor !== pathname) {
    // Another page: the menu has done its job.
    setShownFor(pathname);
    setOpen(false);
  }

  useEffect(() => {
    if (!open) return;
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    const onPointerDown = (e: PointerEvent) => {
      const target = e.target as Node;
      if (!panel.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('keydown', onKeyDown);
    document.addEventListener('pointerdown', onPointerDown);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('pointerdown', onPointerDown);
    };
  }, [open]);

  return (
    <>
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((o) => !o)}
        className="inline-flex min-h-11 items-center gap-2 rounded-lg border border-slate-300 px-3 text-sm font-medium text-slate-700 hover:bg-slate-50 md:hidden"
      >
        <svg aria-hidden="true" viewBox="0 0 20 20" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
          {open ? <path d="M5 5l10 10M15 5L5 15" /> : <path d="M3 5.5h14M3 10h14M3 14.5h14" />}
        </svg>
        Menu
      </button>
      <div
        ref={panel}
        id={id}
        className={`${open ? 'flex' : 'hidden'} absolute inset-x-0 top-full z-30 max-h-[calc(100dvh-4rem)] flex-col gap-4 overflow-y-auto border-b border-slate-200 bg-white px-4 py-4 shadow-lg md:static md:z-auto md:flex md:max-h-none md:flex-1 md:flex-row md:flex-wrap md:items-center md:justify-between md:gap-3 md:overflow-visible md:border-0 md:p-0 md:shadow-none`}
      >
        {children}
      </div>
    </>
  );
}
