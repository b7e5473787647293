/** A merge that cannot go ahead (a contact is taken by another merge, gone, or already merged): final, with the reason staff see. */
export class MergeConflictError extends Error {
  override name = 'MergeConflictError';
}
