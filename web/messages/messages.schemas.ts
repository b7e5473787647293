import { z } from 'zod';

// Switching channel re-renders the form from its own fields (htmx sends them), so what was typed stays.
export const composeQuery = z.object({
  channel: z.enum(['email', 'sms']).optional().catch(undefined),
  subject: z.string().max(1000).optional().catch(undefined),
  body: z.string().max(100_000).optional().catch(undefined),
});

export const composeForm = z.object({
  channel: z.enum(['email', 'sms'], { message: 'Choose email or text.' }),
  to: z.string().trim().max(320).default(''),
  subject: z.string().max(1000).optional(),
  body: z.string().max(100_000, 'This message is far too long.').default(''),
});
