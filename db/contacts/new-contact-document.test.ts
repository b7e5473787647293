import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { buildContactRecord, type ContactInput } from '../../domain/contacts/build-contact-record';
import { Contact } from '../models/index';
import { newContactDocument } from './new-contact-document';

describe('newContactDocument', () => {
  it.each<ContactInput>([
    { firstName: 'Ada', lastName: 'Lovelace' },
    { firstName: 'Ada', lastName: 'Lovelace', phones: [{ raw: '(415) 555-0134' }, { raw: 'not a phone', type: 'home' }], emails: [{ address: 'Ada@Example.com' }], address: { street: '1 Main St', city: 'London' }, dateOfBirth: '1985-12-10', timezone: 'Europe/London', tags: ['VIP'], source: 'import' },
    { firstName: 'Alan', preferences: { channel: 'sms', doNotContact: { email: true }, bestHours: { start: '09:00', end: '17:00' } }, appStatus: { installed: true, platform: 'ios' } },
  ])('stores what Mongoose would store for %j', (input) => {
    const { record } = buildContactRecord(input, 'US');
    const _id = new Types.ObjectId();
    const actorId = new Types.ObjectId();
    const now = new Date('2026-01-01T00:00:00Z');
    const viaMongoose = new Contact({ ...record, _id, createdBy: actorId, updatedBy: actorId, createdAt: now, updatedAt: now }).toObject({ versionKey: false });
    expect(newContactDocument(record, { _id, actorId, now })).toEqual(JSON.parse(JSON.stringify(viaMongoose), (k, v) => (k === '_id' ? _id : ['createdBy', 'updatedBy'].includes(k) ? actorId : ['createdAt', 'updatedAt'].includes(k) ? now : v)));
  });
});
