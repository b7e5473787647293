import { Faker, en, en_US } from '@faker-js/faker';

/**
 * A labelled test set the matching engine was not trained on: people with
 * phones and emails (or without, to see names and addresses carry it alone),
 * duplicates corrupted the way contact lists corrupt them (nicknames, typos,
 * swapped names, reformatted phones, Gmail dots, day/month swaps, missing
 * fields), and households: different people sharing a surname, an address
 * and a landline, which must not be merged.
 */
export type SyntheticRow = { row: Record<string, string>; entity: string };

const NICKNAMES: Record<string, string[]> = {
  Robert: ['Bob', 'Rob', 'Bobby'], William: ['Bill', 'Will', 'Billy'], Margaret: ['Peggy', 'Maggie', 'Meg'], Elizabeth: ['Liz', 'Beth', 'Betty'],
  James: ['Jim', 'Jimmy'], Richard: ['Rick', 'Dick'], Katherine: ['Kate', 'Kathy'], Michael: ['Mike'], Jennifer: ['Jen', 'Jenny'],
  Thomas: ['Tom', 'Tommy'], Joseph: ['Joe', 'Joey'], Patricia: ['Pat', 'Patty'], Christopher: ['Chris'], Daniel: ['Dan', 'Danny'],
  Anthony: ['Tony'], Susan: ['Sue', 'Susie'], Charles: ['Charlie', 'Chuck'], Edward: ['Ed', 'Ted'], Alexander: ['Alex'], Victoria: ['Vicky'],
};

export function generateSyntheticPeople(count: number, o: { withContactDetails: boolean; seed: number }): SyntheticRow[] {
  const faker = new Faker({ locale: [en_US, en] });
  faker.seed(o.seed);
  const out: SyntheticRow[] = [];
  let entity = 0;
  while (out.length < count) {
    const person = newPerson(faker, String(entity++), o.withContactDetails);
    out.push({ entity: person.entity, row: { ...person.row, id: `p${out.length}` } });
    const roll = faker.number.float();
    if (roll < 0.25) {
      for (let d = faker.number.int({ min: 1, max: 3 }); d > 0; d--) out.push({ entity: person.entity, row: { ...corrupt(faker, person.row), id: `p${out.length}` } });
    } else if (roll < 0.35) {
      // A household member: same surname, address and landline, a different person.
      const member = newPerson(faker, String(entity++), o.withContactDetails);
      const shared: Record<string, string> = { ...member.row, last_name: person.row.last_name!, street: person.row.street!, city: person.row.city!, postcode: person.row.postcode!, state: person.row.state! };
      if (o.withContactDetails && faker.datatype.boolean()) shared.phone = person.row.phone!;
      out.push({ entity: member.entity, row: { ...shared, id: `p${out.length}` } });
    }
  }
  return out.slice(0, count);
}

function newPerson(faker: Faker, entity: string, withContactDetails: boolean): SyntheticRow {
  const sex = faker.helpers.arrayElement(['female', 'male'] as const);
  const first = faker.number.int(4) === 0 ? faker.helpers.arrayElement(Object.keys(NICKNAMES)) : faker.person.firstName(sex);
  const last = faker.person.lastName();
  const row: Record<string, string> = {
    first_name: first,
    middle_name: faker.number.int(3) === 0 ? faker.person.middleName(sex) : '',
    last_name: last,
    dob: faker.date.birthdate({ min: 18, max: 90, mode: 'age', refDate: new Date('2026-01-01T00:00:00Z') }).toISOString().slice(0, 10),
    street: faker.location.streetAddress(),
    city: faker.location.city(),
    postcode: faker.location.zipCode('#####'),
    state: faker.location.state({ abbreviated: true }),
  };
  if (withContactDetails) {
    row.phone = faker.phone.number({ style: 'national' });
    row.email = `${first}.${last}${faker.number.int(99)}@${faker.helpers.arrayElement(['gmail.com', 'yahoo.com', 'outlook.com'])}`.toLowerCase().replace(/[^a-z0-9.@]/g, '');
  }
  return { row, entity };
}

function corrupt(faker: Faker, original: Record<string, string>): Record<string, string> {
  const row = { ...original };
  const edits = faker.number.int({ min: 1, max: 3 });
  for (let i = 0; i < edits; i++) {
    switch (faker.number.int(9)) {
      case 0: row.first_name = NICKNAMES[row.first_name!] ? faker.helpers.arrayElement(NICKNAMES[row.first_name!]!) : typo(faker, row.first_name!); break;
      case 1: row.last_name = typo(faker, row.last_name!); break;
      case 2: [row.first_name, row.last_name] = [row.last_name!, row.first_name!]; break;
      case 3: {
        const [y, m, d] = row.dob!.split('-');
        row.dob = Number(d) <= 12 && faker.datatype.boolean() ? `${y}-${d}-${m}` : typo(faker, row.dob!.replace(/-/g, ''), '0123456789');
        break;
      }
      case 4: row.street = faker.datatype.boolean() ? typo(faker, row.street!) : row.street!.replace(/\bStreet\b/, 'St').replace(/\bAvenue\b/, 'Ave'); break;
      case 5: if (row.phone) row.phone = faker.datatype.boolean() ? row.phone.replace(/\D/g, '') : typo(faker, row.phone, '0123456789'); break;
      case 6: if (row.email) row.email = faker.datatype.boolean() ? row.email.toUpperCase() : typo(faker, row.email); break;
      case 7: row[faker.helpers.arrayElement(['dob', 'street', 'phone', 'email', 'middle_name', 'postcode'])] = ''; break;
      case 8: row.first_name = row.first_name!.toUpperCase(); row.last_name = ` ${row.last_name} `; break;
      default: row.postcode = typo(faker, row.postcode!, '0123456789');
    }
  }
  return row;
}

function typo(faker: Faker, text: string, alphabet = 'abcdefghijklmnopqrstuvwxyz'): string {
  if (text.length < 2) return text;
  const i = faker.number.int(text.length - 2);
  switch (faker.number.int(3)) {
    case 0: return text.slice(0, i) + text.slice(i + 1); // deletion
    case 1: return text.slice(0, i) + faker.helpers.arrayElement([...alphabet]) + text.slice(i); // insertion
    case 2: return text.slice(0, i) + text[i + 1] + text[i] + text.slice(i + 2); // transposition
    default: return text.slice(0, i) + faker.helpers.arrayElement([...alphabet]) + text.slice(i + 1); // substitution
  }
}
