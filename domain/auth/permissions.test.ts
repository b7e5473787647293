import { describe, expect, it } from 'vitest';
import { can, PERMISSIONS, refusal } from './permissions';

describe('the permission table', () => {
  it('gives staff the daily work and keeps what touches everyone or access for administrators', () => {
    const staffMay = Object.keys(PERMISSIONS).filter((p) => can('staff', p as keyof typeof PERMISSIONS));
    expect(staffMay.sort()).toEqual(['contacts.export-filtered', 'duplicates.resolve', 'forms.build', 'imports.run', 'messages.send', 'portal.share', 'records.read', 'records.write', 'sweeps.run']);
    for (const p of Object.keys(PERMISSIONS)) expect(can('admin', p as keyof typeof PERMISSIONS)).toBe(true);
  });

  it('explains a refusal in words, naming who can', () => {
    expect(refusal('contacts.export-all')).toBe('Only administrators can export all contacts (no search or filter). Ask an administrator if you need this done.');
  });
});
