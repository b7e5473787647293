import { z } from 'zod';

export const staffUserForm = z.object({
  name: z.string().trim().min(1, 'Enter a name').max(100),
  email: z.string().trim().toLowerCase().email('Enter a valid email address'),
  role: z.enum(['admin', 'staff']),
  password: z.string().min(12, 'Use at least 12 characters').max(200),
});

export const passwordResetForm = z.object({ password: z.string().min(12, 'Use at least 12 characters').max(200) });
