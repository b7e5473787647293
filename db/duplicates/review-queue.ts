import { findLiveContacts } from '../contacts/contacts';
import type { ContactDoc, DuplicateGroupDoc } from '../models/index';
import { findDuplicateGroup } from './duplicate-groups';
import { openQueueEntries } from './review-queue-index';

export type QueueFilter = { band: 'all' | 'high'; kind?: string; page: number };
export type QueueGroup = DuplicateGroupDoc & { contacts: ContactDoc[] };
export const GROUPS_PER_PAGE = 20;
const HIGH_CONFIDENCE = 0.999;

/** Open duplicate groups, most confident first (from the packed queue order), with their (still live) contacts. */
export async function reviewQueue(f: QueueFilter): Promise<{ groups: QueueGroup[]; total: number }> {
  const filtered = (await openQueueEntries()).filter(([, score, kinds]) => (f.band === 'high' ? score >= HIGH_CONFIDENCE : true) && (!f.kind || kinds.split(',').includes(f.kind)));
  const page = filtered.slice((f.page - 1) * GROUPS_PER_PAGE, f.page * GROUPS_PER_PAGE);
  const docs = await Promise.all(page.map(([id]) => findDuplicateGroup(id)));
  const groups = await Promise.all(
    docs
      // A group resolved a moment ago, or emptied by ops, is left out.
      .filter((g): g is DuplicateGroupDoc => g !== null && g.status === 'open')
      .map(async (g) => ({ ...g, contacts: await findLiveContacts(g.members) })),
  );
  return { groups: groups.filter((g) => g.contacts.length > 1), total: filtered.length };
}
