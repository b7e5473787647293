import { z } from 'zod';

export const composeQuery = z.object({ channel: z.enum(['email', 'sms']).optional().catch(undefined) });

export const composeForm = z.object({
  channel: z.enum(['email', 'sms'], { message: 'Choose email or text.' }),
  to: z.string().trim().max(320).default(''),
  subject: z.string().max(1000).optional(),
  body: z.string().max(100_000, 'This message is far too long.').default(''),
});
