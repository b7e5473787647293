import { z } from 'zod';

/** The contacts page's filters, as they appear in the URL. Unknown values fall back to defaults. */
export const contactListQuery = z.object({
  appStatus: z.enum(['installed', 'not_installed']).optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
  tag: z.string().trim().max(50).optional().catch(undefined),
  caseStatus: z.enum(['open', 'pending', 'closed']).optional().catch(undefined),
  sort: z.enum(['name_desc']).optional().catch(undefined), // absent: name A–Z
  after: z.string().max(500).optional().catch(undefined),
});

export type ContactListQuery = z.infer<typeof contactListQuery>;

/** The query string for a filter state, without empty values, so URLs stay short and shareable. */
export function toQueryString(q: Partial<ContactListQuery>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(q)) if (value) params.set(key, value);
  const s = params.toString();
  return s ? `?${s}` : '';
}
