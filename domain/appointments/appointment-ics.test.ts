import { describe, expect, it } from 'vitest';
import { appointmentIcs } from './appointment-ics';

describe('appointmentIcs', () => {
  it('writes one event in UTC with its sequence and status', () => {
    const ics = appointmentIcs(
      { id: 'a1', title: 'Deposition prep', startsAt: new Date('2026-12-10T15:00:00Z'), endsAt: new Date('2026-12-10T16:00:00Z'), place: '12 Main St', cancelled: false, sequence: 2, updatedAt: new Date('2026-12-01T00:00:00Z') },
      { firmName: 'Doe & Roe', host: 'casebook.test' },
    );
    expect(ics).toContain('BEGIN:VEVENT');
    expect(ics).toContain('DTSTART:20261210T150000Z');
    expect(ics).toContain('SUMMARY:Deposition prep');
    expect(ics).toContain('SEQUENCE:2');
    expect(ics).toContain('STATUS:CONFIRMED');
    expect(ics).toContain('UID:appointment-a1@casebook.test');
  });
  it('marks a cancelled appointment cancelled', () => {
    const ics = appointmentIcs({ id: 'a2', title: 'Call', startsAt: new Date(0), endsAt: new Date(3_600_000), cancelled: true, sequence: 3, updatedAt: new Date(0) }, { firmName: 'F', host: 'h' });
    expect(ics).toContain('STATUS:CANCELLED');
  });
});
