import { PageSkeleton } from '../_components/page-skeleton';

export default function OutcomesLoading() {
  return <PageSkeleton label="Loading outcome measures…" />;
}
