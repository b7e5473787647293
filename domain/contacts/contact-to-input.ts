import type { ContactInput } from './build-contact-record';
import type { StoredContact } from './stored-contact';

/** Input shape of a stored contact, for edit forms that start from what is saved. */
export function contactToInput(c: StoredContact): ContactInput {
  return {
    firstName: c.firstName ?? '',
    middleName: c.middleName ?? '',
    lastName: c.lastName ?? '',
    preferredName: c.preferredName ?? '',
    phones: c.phones.map((p) => ({ type: p.type ?? 'mobile', raw: p.raw, primary: Boolean(p.primary) })),
    emails: c.emails.map((e) => ({ type: e.type ?? 'personal', address: e.address, primary: Boolean(e.primary) })),
    address: c.address ? { street: c.address.street ?? '', city: c.address.city ?? '', region: c.address.region ?? '', postcode: c.address.postcode ?? '', country: c.address.country ?? '' } : undefined,
    dateOfBirth: c.dateOfBirth ?? '',
    timezone: c.timezone ?? '',
    preferences: {
      channel: c.preferences?.channel ?? undefined,
      doNotContact: { sms: Boolean(c.preferences?.doNotContact?.sms), email: Boolean(c.preferences?.doNotContact?.email), phone: Boolean(c.preferences?.doNotContact?.phone), mail: Boolean(c.preferences?.doNotContact?.mail) },
      bestHours: { start: c.preferences?.bestHours?.start ?? '', end: c.preferences?.bestHours?.end ?? '' },
    },
    appStatus: { installed: Boolean(c.appStatus?.installed), at: c.appStatus?.at ?? undefined, platform: c.appStatus?.platform ?? undefined },
    tags: c.tags,
  };
}
