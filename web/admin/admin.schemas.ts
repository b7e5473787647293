import { z } from 'zod';

export const seedForm = z.object({
  contacts: z.coerce.number({ message: 'Enter a number' }).int('Enter a whole number').min(1, 'At least 1').max(100_000, 'At most 100,000 from the dashboard; use npm run seed for more'),
  seed: z.coerce.number().int().min(1).max(65_535).optional(),
});

export const staffUserForm = z.object({
  name: z.string().trim().min(1, 'Enter a name').max(100),
  email: z.string().trim().toLowerCase().email('Enter a valid email address'),
  role: z.enum(['admin', 'staff']),
  password: z.string().min(12, 'Use at least 12 characters').max(200),
});
