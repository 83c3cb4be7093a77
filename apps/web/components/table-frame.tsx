'use client';
import { useEffect, useRef, useState, type ReactNode } from 'react';

/**
 * The frame of a table that may be wider than a phone: it scrolls sideways inside itself, never the page (it is
 * `relative`, so even the visually hidden header texts stay inside it). While it does scroll, it is a region named
 * `label` that the keyboard can reach (Tab) and scroll with the arrow keys; while everything fits, it is a plain box
 * and no extra Tab stop.
 */
export function TableFrame({ label, className = '', children }: { label: string; className?: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(false);

  useEffect(() => {
    const frame = ref.current;
    if (!frame) return;
    const measure = () => setScrolls(frame.scrollWidth > frame.clientWidth + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(frame);
    for (const child of Array.from(frame.children)) observer.observe(child);
    return () => observer.disconnect();
  }, []);

  return (
    <div
      ref={ref}
      className={`relative overflow-x-auto ${className}`}
      {...(scrolls ? { role: 'region', 'aria-label': label, tabIndex: 0 } : {})}
      data-scrolls={scrolls || undefined}
    >
      {children}
    </div>
  );
}
