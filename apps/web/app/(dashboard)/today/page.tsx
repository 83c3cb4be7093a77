import type { Metadata } from 'next';
import { ButtonLink, EmptyState, PageHeader } from '@/components/ui';
import { ok, requireMe, serverApi, type Today } from '@/lib/api/server';
import { LowAdherenceList, PainAlertList, ReferralList, ReviewList, TodaySection } from './today-sections';

export const metadata: Metadata = { title: 'Today' };

const longDate = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** What needs a clinician's attention today: red-flag referrals, reviews due, pain alerts and low adherence. */
export default async function TodayPage() {
  const me = await requireMe();
  if (me.role === 'reception') {
    return (
      <EmptyState page title="Today is for clinicians" action={<ButtonLink href="/patients">Go to patients</ButtonLink>}>
        This page lists clinical matters (red flags, reviews, pain alerts). Your role can register patients and update their details.
      </EmptyState>
    );
  }

  const today = await ok((await serverApi()).GET('/api/today'));
  const total = today.referrals.length + today.reviewsDue.length + today.painAlerts.length + today.lowAdherence.length;
  const cut = (list: keyof Today['truncated']) => (today.truncated[list] ? today.limit : null);

  return (
    <div>
      <PageHeader
        title="Today"
        subtitle={
          <>
            <time dateTime={today.date}>{longDate.format(new Date(`${today.date}T00:00:00Z`))}</time> ·{' '}
            {total === 0
              ? 'Nothing needs attention across the practice.'
              : `${total} ${total === 1 ? 'patient needs' : 'patients need'} attention across the practice.`}
          </>
        }
      />

      <div className="grid gap-6 lg:grid-cols-2">
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

        <TodaySection
          id="reviews"
          title="Reviews due"
          description="The review date of the latest episode has come."
          count={today.reviewsDue.length}
          tone="warning"
          truncatedAt={cut('reviewsDue')}
          empty="No episode has reached its review date."
        >
          <ReviewList items={today.reviewsDue} />
        </TodaySection>

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
      </div>
    </div>
  );
}
