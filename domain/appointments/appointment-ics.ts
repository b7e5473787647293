// An appointment as an iCalendar file (ical-generator), for "Add to
// calendar". Times are written in UTC, which every calendar converts to its
// reader's zone; SEQUENCE makes a calendar replace an older copy of the
// event when it moves or is cancelled.
import ical, { ICalEventStatus } from 'ical-generator';

export type IcsAppointment = { id: string; title: string; startsAt: Date; endsAt: Date; place?: string | null; videoUrl?: string | null; cancelled: boolean; sequence: number; updatedAt: Date };

export function appointmentIcs(a: IcsAppointment, o: { firmName: string; host: string }): string {
  const calendar = ical({ name: `${o.firmName} appointments`, prodId: { company: o.firmName, product: 'Casebook' } });
  calendar.createEvent({
    id: `appointment-${a.id}@${o.host}`,
    start: a.startsAt,
    end: a.endsAt,
    summary: a.title,
    location: a.place ?? undefined,
    url: a.videoUrl ?? undefined,
    description: a.videoUrl ? `Join by video: ${a.videoUrl}` : undefined,
    sequence: a.sequence,
    stamp: a.updatedAt,
    status: a.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: { name: o.firmName, email: `no-reply@${o.host}` },
  });
  return calendar.toString();
}
