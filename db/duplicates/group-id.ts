import { createHash } from 'node:crypto';

/** A duplicate group's id from its members: the same people give the same group, whichever sweep finds them. */
export const groupId = (members: string[]) => createHash('sha256').update([...members].sort().join(',')).digest('hex').slice(0, 24);
