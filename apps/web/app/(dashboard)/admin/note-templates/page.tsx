import type { Metadata } from 'next';
import { PageHeader } from '@/components/ui';
import { ok, requireMe, serverApi } from '@/lib/api/server';
import { AdminOnly } from '../_components/admin-only';
import { NoteTemplates } from './note-templates';

export const metadata: Metadata = { title: 'Note templates' };

export default async function NoteTemplatesPage() {
  const me = await requireMe();
  if (me.role !== 'admin') return <AdminOnly role={me.role} what="change the practice’s note templates" />;
  const templates = await ok((await serverApi()).GET('/api/note-templates'));
  return (
    <div className="max-w-4xl space-y-6">
      <PageHeader
        title="Note templates"
        subtitle="The headings and prompts a clinician starts a visit note from. A template that is deactivated is no longer offered for new notes; notes already written keep their text."
      />
      <NoteTemplates initial={templates.items} />
    </div>
  );
}
