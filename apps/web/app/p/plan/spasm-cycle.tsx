import type { PortalPhase } from '@/lib/api/server';
import { formatDate } from '@/lib/format';
import { PhaseBody } from './phase';

/** "No spasm for 143 days since your plan began…": the patient's spasm-free run, in the API's words (rule 9.1). */
export function SpasmCycle({ patientText }: { patientText: string }) {
  return (
    <section
      aria-labelledby="cycle-heading"
      data-testid="spasm-cycle"
      className="rounded-2xl border border-emerald-200 bg-emerald-50 p-5 print:border-slate-300 print:bg-white"
    >
      <h2 id="cycle-heading" className="text-sm font-semibold tracking-wide text-emerald-900 uppercase">
        Your back spasms
      </h2>
      <p className="mt-1 text-lg font-medium text-emerald-950">{patientText}</p>
    </section>
  );
}

/** The clinic's ask to ease off (progression advice `regress`): calm, clear, and at the top of the page. */
export function EaseOff({ patientText }: { patientText: string }) {
  return (
    <section
      aria-labelledby="ease-off-heading"
      data-testid="ease-off"
      className="portal-caution rounded-2xl border-l-4 border-amber-500 bg-amber-50 p-5 text-amber-950"
    >
      <h2 id="ease-off-heading" className="text-lg font-semibold">
        Ease off for now
      </h2>
      <p className="mt-1 leading-relaxed">{patientText}</p>
    </section>
  );
}

/** After discharge: the maintenance programme (the phase the clinician kept), in place of the plan's phases. */
export function Maintenance({ completedOn, patientText, phase }: { completedOn: string; patientText: string; phase: PortalPhase }) {
  return (
    <section aria-labelledby="maintenance-heading" data-testid="maintenance">
      <h2 id="maintenance-heading" className="text-xl font-semibold tracking-tight">
        Your maintenance programme
      </h2>
      <p className="mt-1 text-slate-700">Your plan finished on {formatDate(completedOn)}.</p>
      <p className="mt-3 rounded-2xl border border-brand-100 bg-brand-50 p-4 leading-relaxed text-slate-900">{patientText}</p>
      <div className="portal-phase mt-3 rounded-2xl border-2 border-brand-500 bg-brand-50/60 p-3 sm:p-5">
        <h3 className="text-lg font-semibold tracking-tight">{phase.title}</h3>
        <PhaseBody phase={phase} />
      </div>
    </section>
  );
}
