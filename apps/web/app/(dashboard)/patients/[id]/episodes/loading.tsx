import { PageSkeleton } from '../_components/page-skeleton';

export default function EpisodeLoading() {
  return <PageSkeleton label="Loading…" />;
}
