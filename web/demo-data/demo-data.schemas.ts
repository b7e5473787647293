import { z } from 'zod';

/** Admin → Demo data: how many demo contacts to load, and optionally the seed (the same seed gives the same people). */
export const seedForm = z.object({
  contacts: z.coerce.number({ message: 'Enter a number' }).int('Enter a whole number').min(1, 'At least 1').max(100_000, 'At most 100,000 from the dashboard; use npm run seed for more'),
  seed: z.coerce.number().int().min(1).max(65_535).optional(),
});
