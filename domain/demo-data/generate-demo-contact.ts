import { Faker, en, en_US } from '@faker-js/faker';
import { demoRandomizer } from './demo-randomizer';
import type { ContactInput } from '../contacts/build-contact-record';

// One Faker, re-seeded per entity: contact N is the same on every run and on
// every worker, which makes seeding batches idempotent and resumable.
const faker = new Faker({ locale: [en_US, en], randomizer: demoRandomizer() });

// zip: the city's ZIP prefix, so a demo address reads as one place (a Denver street with a California ZIP did not).
const AREAS: { code: string; tz: string; city: string; state: string; zip: string }[] = [
  { code: '212', tz: 'America/New_York', city: 'New York', zip: '100', state: 'NY' },
  { code: '617', tz: 'America/New_York', city: 'Boston', zip: '021', state: 'MA' },
  { code: '305', tz: 'America/New_York', city: 'Miami', zip: '331', state: 'FL' },
  { code: '404', tz: 'America/New_York', city: 'Atlanta', zip: '303', state: 'GA' },
  { code: '312', tz: 'America/Chicago', city: 'Chicago', zip: '606', state: 'IL' },
  { code: '214', tz: 'America/Chicago', city: 'Dallas', zip: '752', state: 'TX' },
  { code: '303', tz: 'America/Denver', city: 'Denver', zip: '802', state: 'CO' },
  { code: '602', tz: 'America/Phoenix', city: 'Phoenix', zip: '850', state: 'AZ' },
  { code: '415', tz: 'America/Los_Angeles', city: 'San Francisco', zip: '941', state: 'CA' },
  { code: '206', tz: 'America/Los_Angeles', city: 'Seattle', zip: '981', state: 'WA' },
];

const NICKNAMES: Record<string, string> = {
  Robert: 'Bob', William: 'Bill', Margaret: 'Peggy', Elizabeth: 'Liz', James: 'Jim', Richard: 'Dick',
  Katherine: 'Kate', Michael: 'Mike', Jennifer: 'Jen', Thomas: 'Tom', Joseph: 'Joe', Patricia: 'Pat',
  Christopher: 'Chris', Daniel: 'Dan', Matthew: 'Matt', Anthony: 'Tony', Susan: 'Sue', Charles: 'Charlie',
};
const FIRST_NAMES_WITH_NICKNAMES = Object.keys(NICKNAMES);
const TAGS = ['vip', 'referral', 'spanish-speaking', 'minor', 'estate', 'lien', 'medical-records-pending'];
const SOURCES = ['website', 'referral', 'phone intake', 'walk-in', 'import'];

/** Every DUPLICATE_EVERY-th contact is a realistic duplicate of the one before its group. */
export const DUPLICATE_EVERY = 12;

export function generateDemoContact(seed: number, index: number): ContactInput {
  const isDuplicate = index % DUPLICATE_EVERY === DUPLICATE_EVERY - 1;
  const base = generatePerson(seed, isDuplicate ? index - (DUPLICATE_EVERY - 1) : index);
  if (!isDuplicate) return base;
  return disguiseDuplicate(base, seed * 7919 + index);
}

function generatePerson(seed: number, index: number): ContactInput {
  faker.seed(seed * 1_000_003 + index);
  const area = faker.helpers.arrayElement(AREAS);
  const sex = faker.helpers.arrayElement(['female', 'male'] as const);
  const firstName = faker.number.int(9) === 0 ? faker.helpers.arrayElement(FIRST_NAMES_WITH_NICKNAMES) : faker.person.firstName(sex);
  const lastName = faker.person.lastName();
  const line = () => `${faker.number.int({ min: 200, max: 989 })}-${String(faker.number.int(9999)).padStart(4, '0')}`;
  const phones: NonNullable<ContactInput['phones']> = [{ type: 'mobile', raw: `(${area.code}) ${line()}`, primary: true }];
  if (faker.number.int(3) === 0) phones.push({ type: 'home', raw: `${area.code}.${line().replace('-', '.')}`, primary: false });
  const domain = faker.helpers.arrayElement(['gmail.com', 'yahoo.com', 'outlook.com', 'icloud.com', 'proton.me']);
  const emails: NonNullable<ContactInput['emails']> = [{ type: 'personal', address: `${firstName}.${lastName}${faker.number.int(99)}@${domain}`.toLowerCase().replace(/[^a-z0-9.@]/g, ''), primary: true }];
  const installed = faker.number.int(99) < 38;
  return {
    firstName,
    middleName: faker.number.int(3) === 0 ? faker.person.middleName(sex) : '',
    lastName,
    phones,
    emails,
    address: { street: faker.location.streetAddress(), city: area.city, region: area.state, postcode: `${area.zip}${String(faker.number.int({ min: 1, max: 99 })).padStart(2, '0')}`, country: 'US' },
    dateOfBirth: faker.date.birthdate({ min: 18, max: 90, mode: 'age', refDate: new Date('2026-01-01T00:00:00Z') }).toISOString().slice(0, 10),
    timezone: area.tz,
    preferences: {
      channel: faker.helpers.arrayElement(['sms', 'email', 'phone']),
      doNotContact: { sms: faker.number.int(20) === 0, email: false, phone: false, mail: false },
      bestHours: faker.helpers.arrayElement([{ start: '09:00', end: '17:00' }, { start: '12:00', end: '19:00' }, { start: '08:00', end: '12:00' }]),
    },
    appStatus: installed
      ? { installed: true, at: faker.date.between({ from: '2024-01-01T00:00:00Z', to: '2026-10-01T00:00:00Z' }), platform: faker.helpers.arrayElement(['ios', 'android']) }
      : { installed: false },
    tags: faker.helpers.arrayElements(TAGS, faker.number.int(2)),
    source: faker.helpers.arrayElement(SOURCES),
  };
}

/** The kinds of difference real duplicates show: nickname, reformatted phone, email case, missing fields. */
function disguiseDuplicate(person: ContactInput, subSeed: number): ContactInput {
  faker.seed(subSeed);
  const copy: ContactInput = structuredClone(person);
  const nickname = NICKNAMES[copy.firstName ?? ''];
  if (nickname && faker.datatype.boolean()) copy.firstName = nickname;
  const phone = copy.phones?.[0];
  if (phone) phone.raw = `+1 ${phone.raw.replace(/[()]/g, '').replace(/[ .-]+/g, ' ')}`;
  const email = copy.emails?.[0];
  if (email && faker.datatype.boolean()) email.address = email.address.toUpperCase();
  if (faker.datatype.boolean()) copy.address = undefined;
  copy.middleName = '';
  copy.appStatus = { installed: false };
  copy.source = 'import';
  return copy;
}
