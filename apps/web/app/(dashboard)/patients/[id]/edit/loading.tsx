import { PageSkeleton } from '../_components/page-skeleton';

export default function EditLoading() {
  return <PageSkeleton label="Loading the patient…" />;
}
