// The case page's Appointments tab: the case's appointments (staff create,
// move and cancel them; the client sees them on the portal with an .ics).
import { appointmentsOfCase } from '../../db/appointments/appointments';
import { findContacts } from '../../db/contacts/contacts';
import type { CaseDoc } from '../../db/models/index';
import { displayName } from '../../domain/contacts/contact-search-keys';
import { config } from '../../config/config';

export type AppointmentDraft = { title?: string; date?: string; start?: string; end?: string; timezone?: string; place?: string; videoUrl?: string; contactIds?: string[] };

export async function caseAppointmentsTab(kase: CaseDoc, o: { draft?: AppointmentDraft; errors?: Record<string, string> } = {}) {
  const contacts = (await findContacts(kase.contacts.map((l) => l.contactId))).filter((c) => !c.mergedInto);
  const appointments = await appointmentsOfCase(kase._id);
  const now = Date.now();
  return {
    appointments,
    upcoming: appointments.filter((a) => a.endsAt.getTime() > now),
    past: appointments.filter((a) => a.endsAt.getTime() <= now).reverse(),
    attendeeChoices: contacts.map((c) => ({ id: String(c._id), name: displayName(c) })),
    draft: { timezone: config.FIRM_TIMEZONE, contactIds: contacts.map((c) => String(c._id)), ...o.draft },
    errors: o.errors ?? {},
    wallTime,
  };
}

/** An appointment's date and times in its own zone, to prefill the Move form. */
function wallTime(a: { startsAt: Date; endsAt: Date; timezone: string }) {
  const part = (d: Date, o: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat('en-CA', { timeZone: a.timezone, ...o }).format(d);
  const time = (d: Date) => part(d, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return { date: part(a.startsAt, { year: 'numeric', month: '2-digit', day: '2-digit' }), start: time(a.startsAt), end: time(a.endsAt) };
}
