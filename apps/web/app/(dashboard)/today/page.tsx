import type { Metadata } from 'next';
import { PageHeader } from '@/components/ui';
import { ok, requireMe, serverApi, type Today } from '@/lib/api/server';
import { loadClinicians, loadTypes, toCalendarAppointment } from '../calendar/_components/load';
import { TodayAppointments } from './today-appointments';
import {
  FollowUpSpasmList,
  LowAdherenceList,
  PainAlertList,
  ProgressionList,
  ReferralList,
  ReviewList,
  TodaySection,
  UnsignedNoteList,
} from './today-sections';

export const metadata: Metadata = { title: 'Today' };

const longDate = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/**
 * What needs attention today: the day's appointments, and for clinicians red-flag referrals, reviews due, pain
 * alerts and low adherence. Reception sees the appointments and the reviews due, to book them.
 */
export default async function TodayPage() {
  const me = await requireMe();
  // Reception works the desk: today's appointments and the reviews to book; the API gives it no clinical list.
  const clinical = me.role !== 'reception';

  const api = await serverApi();
  const [today, types] = await Promise.all([ok(api.GET('/api/today')), loadTypes()]);
  // A clinician sees their own list; an administrator the practice's.
  const mine = me.role === 'clinician' ? { clinicianId: me.id } : {};
  const appointments = (await ok(api.GET('/api/appointments', { params: { query: { from: today.date, to: today.date, ...mine } } }))).items
    .map((a) => toCalendarAppointment(a, types))
    .sort((a, b) => a.start.localeCompare(b.start));
  const clinicians = await loadClinicians(appointments.map((a) => a.clinicianId));
  const clinicianName = (id: string) => (me.role === 'clinician' ? null : (clinicians.find((c) => c.id === id)?.name ?? null));
  const reviewClinician = (id: string) => clinicians.find((c) => c.id === id)?.name ?? null;
  const total = today.referrals.length + today.reviewsDue.length + today.painAlerts.length + today.lowAdherence.length;
  const cut = (list: keyof Today['truncated']) => (today.truncated[list] ? today.limit : null);

  return (
    <div>
      <PageHeader
        title="Today"
        subtitle={
          <>
            <time dateTime={today.date}>{longDate.format(new Date(`${today.date}T00:00:00Z`))}</time> ·{' '}
            {appointments.length === 0 ? 'No appointments' : `${appointments.length} ${appointments.length === 1 ? 'appointment' : 'appointments'}`} ·{' '}
            {total === 0
              ? 'Nothing needs attention across the practice.'
              : `${total} ${total === 1 ? 'patient needs' : 'patients need'} attention across the practice.`}
          </>
        }
      />

      <div className="grid gap-6 lg:grid-cols-2">
        <div className="lg:col-span-2">
          <TodaySection
            id="appointments"
            title="Today’s appointments"
            description={me.role === 'clinician' ? 'Your appointments today, in time order.' : 'The practice’s appointments today, in time order.'}
            count={appointments.length}
            countNoun={['appointment', 'appointments']}
            tone="brand"
            truncatedAt={null}
            emptyTitle="No appointments today"
            empty="Nothing is booked for today. Book from the calendar."
          >
            <TodayAppointments items={appointments} timeZone={me.practice.timeZone} clinicianName={clinicianName} />
          </TodaySection>
        </div>
        {/* The clinician's own drafts waiting to be signed (the API lists them for clinicians only); no card when none. */}
        {clinical && today.unsignedNotes.length > 0 && (
          <TodaySection
            id="unsigned-notes"
            title="Unsigned notes"
            description="Your visit notes still in draft: open each to finish and sign it."
            count={today.unsignedNotes.length}
            countNoun={['note', 'notes']}
            tone="warning"
            truncatedAt={cut('unsignedNotes')}
            empty="Every visit note of yours is signed."
          >
            <UnsignedNoteList items={today.unsignedNotes} now={new Date()} />
          </TodaySection>
        )}

        {clinical && (
          <TodaySection
            id="referrals"
            title="Red flags — referred"
            description="Latest episode is a referral: no exercise plan until a doctor has seen them."
            count={today.referrals.length}
            tone="danger"
            truncatedAt={cut('referrals')}
            empty="No patient’s latest episode is a referral."
          >
            <ReferralList items={today.referrals} />
          </TodaySection>
        )}

        <TodaySection
          id="reviews"
          title="Reviews due"
          description="The review date of the latest episode has come."
          count={today.reviewsDue.length}
          tone="warning"
          truncatedAt={cut('reviewsDue')}
          empty="No episode has reached its review date."
        >
          <ReviewList items={today.reviewsDue} timeZone={me.practice.timeZone} clinicianName={reviewClinician} showCategory={clinical} />
        </TodaySection>

        {clinical && (
          <TodaySection
            id="pain-alerts"
            title="Pain alerts"
            description="Patients who logged high pain, or a sharp rise, with their exercises."
            count={today.painAlerts.length}
            tone="danger"
            truncatedAt={cut('painAlerts')}
            empty="No open pain alerts from patients’ exercise logs."
          >
            <PainAlertList items={today.painAlerts} />
          </TodaySection>
        )}

        {clinical && (
          <TodaySection
            id="low-adherence"
            title="Low adherence"
            description="Patients on an active plan who log fewer sessions than prescribed."
            count={today.lowAdherence.length}
            tone="warning"
            truncatedAt={cut('lowAdherence')}
            empty="Every patient on an active plan is keeping up."
          >
            <LowAdherenceList items={today.lowAdherence} />
          </TodaySection>
        )}

        {clinical && (
          <TodaySection
            id="progression"
            title="Progression"
            description="Active plans whose advice asks for a step: ease off, talk about adherence, progress or keep maintaining."
            count={today.progression.length}
            tone="brand"
            truncatedAt={cut('progression')}
            empty="Every active plan’s advice is to hold for now."
          >
            <ProgressionList items={today.progression} />
          </TodaySection>
        )}

        {/* Spasms reported after discharge, until reviewed; no card when none. */}
        {clinical && today.followUpSpasms.length > 0 && (
          <TodaySection
            id="follow-up-spasms"
            title="Spasm reported at follow-up"
            description="A discharged patient says the spasm came back: record the episode, or mark it reviewed."
            count={today.followUpSpasms.length}
            tone="warning"
            truncatedAt={null}
            empty="No spasm reported at a follow-up."
          >
            <FollowUpSpasmList items={today.followUpSpasms} />
          </TodaySection>
        )}
      </div>
    </div>
  );
}
