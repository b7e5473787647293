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

const COMMON_NAMES = [['James', 'Smith'], ['Maria', 'Garcia'], ['John', 'Johnson'], ['Mary', 'Williams'], ['Michael', 'Brown'], ['Jennifer', 'Jones'], ['David', 'Miller'], ['Linda', 'Davis']];

/**
 * `count` records with known truth (`entity`). Each entity is generated from
 * its own sub-seed, so entity N is the same whatever the count and however
 * the work is split. About 15% of people get 1-3 duplicates; hard negatives
 * (different people who look alike) are households sharing surname, address
 * and landline, twins (same birth date too), fathers and sons with the same
 * name at one address, and very common names.
 */
export function generateSyntheticPeople(count: number, o: { withContactDetails: boolean; seed: number }): SyntheticRow[] {
  const faker = new Faker({ locale: [en_US, en] });
  const out: SyntheticRow[] = [];
  for (let entity = 0; out.length < count; entity++) {
    faker.seed(o.seed * 10_000_019 + entity);
    const person = newPerson(faker, `${entity}`, o.withContactDetails);
    if (faker.number.int(19) === 0) [person.row.first_name, person.row.last_name] = faker.helpers.arrayElement(COMMON_NAMES) as [string, string];
    const add = (row: Record<string, string>, who: string) => out.push({ entity: who, row: { ...row, id: `p${out.length}` } });
    add(person.row, person.entity);
    const roll = faker.number.float();
    if (roll < 0.15) {
      for (let d = faker.number.int({ min: 1, max: 3 }); d > 0; d--) add(corrupt(faker, person.row), person.entity);
    } else if (roll < 0.2) {
      // A household member: same surname, address and (often) landline; a different person.
      const member = newPerson(faker, `${entity}h`, o.withContactDetails).row;
      const shared: Record<string, string> = { ...member, last_name: person.row.last_name!, street: person.row.street!, city: person.row.city!, postcode: person.row.postcode!, state: person.row.state! };
      if (o.withContactDetails && faker.datatype.boolean()) shared.phone = person.row.phone!;
      add(shared, `${entity}h`);
    } else if (roll < 0.21) {
      // Twins: also the same birth date.
      const twin = newPerson(faker, `${entity}t`, o.withContactDetails).row;
      add({ ...twin, last_name: person.row.last_name!, dob: person.row.dob!, street: person.row.street!, city: person.row.city!, postcode: person.row.postcode!, state: person.row.state! }, `${entity}t`);
    } else if (roll < 0.22) {
      // Father and son: same name and address, a generation apart.
      const year = Number(person.row.dob!.slice(0, 4)) + faker.number.int({ min: 22, max: 38 });
      const son: Record<string, string> = { ...person.row, dob: `${Math.min(year, 2007)}${person.row.dob!.slice(4)}`, middle_name: faker.person.middleName('male') };
      if (o.withContactDetails) {
        son.phone = faker.phone.number({ style: 'national' });
        son.email = `${son.first_name}.${son.last_name}${faker.number.int(99)}@${faker.helpers.arrayElement(['gmail.com', 'outlook.com'])}`.toLowerCase().replace(/[^a-z0-9.@]/g, '');
      }
      add(son, `${entity}s`);
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
