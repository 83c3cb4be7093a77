/** The Upright mark: a spine standing straight. */
export function Logo({ className = '' }: { className?: string }) {
  return (
    <span className={`inline-flex items-center gap-2 font-semibold tracking-tight text-brand-700 ${className}`}>
      <svg aria-hidden="true" viewBox="0 0 24 24" className="h-6 w-6" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
        <circle cx="12" cy="4" r="2" />
        <path d="M12 8v13M8.5 11h7M9 14.5h6M9.5 18h5" />
      </svg>
      Upright
    </span>
  );
}
