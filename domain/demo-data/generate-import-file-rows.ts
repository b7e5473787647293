/**
 * Deterministic people for import tests and benchmarks, fast enough for a
 * million rows: the contacts already in the database (person i) and an
 * import file whose rows are mostly new people, about 10% disguised copies
 * of existing contacts (other case, reformatted phone, a birth date the
 * contact lacked), 1% copies of the row before (duplicates within the
 * file), and 0.5% rows with an invalid email.
 */
export const IMPORT_FILE_HEADER = ['First Name', 'Last Name', 'E-mail', 'Mobile', 'DOB', 'Street', 'City', 'State', 'Zip'];
const STREETS = ['Main St', 'Oak Ave', 'Pine St', 'Maple Ave', 'Cedar Ln', 'Elm St', 'Washington Blvd', 'Lake Dr', 'Hill Rd', 'Park Ave', 'Sunset Blvd', 'River Rd', 'Church St', 'Mill Ln', 'Highland Ave', 'Forest Dr', 'Spring St', 'Valley Rd', 'Broadway', 'Market St'];

const FIRST = ['James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth', 'William', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Charles', 'Karen', 'Christopher', 'Lisa', 'Daniel', 'Nancy', 'Matthew', 'Betty', 'Anthony', 'Sandra', 'Mark', 'Margaret', 'Donald', 'Ashley', 'Steven', 'Kimberly', 'Andrew', 'Emily', 'Paul', 'Donna', 'Joshua', 'Michelle', 'Kenneth', 'Carol', 'Kevin', 'Amanda', 'Brian', 'Melissa', 'George', 'Deborah', 'Timothy', 'Stephanie', 'Ronald', 'Rebecca', 'Jason', 'Sharon', 'Edward', 'Laura', 'Jeffrey', 'Cynthia', 'Ryan', 'Amy', 'Jacob', 'Kathleen', 'Gary', 'Angela', 'Nicholas', 'Shirley', 'Eric', 'Brenda', 'Jonathan', 'Emma', 'Stephen', 'Anna', 'Larry', 'Pamela', 'Justin', 'Nicole', 'Scott', 'Samantha', 'Brandon', 'Katherine'];
const LAST = ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'Perez', 'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores', 'Green', 'Adams', 'Nelson', 'Baker', 'Hall', 'Rivera', 'Campbell', 'Mitchell', 'Carter', 'Roberts', 'Gomez', 'Phillips', 'Evans', 'Turner', 'Diaz', 'Parker', 'Cruz', 'Edwards', 'Collins', 'Reyes', 'Stewart', 'Morris', 'Morales', 'Murphy', 'Cook', 'Rogers', 'Gutierrez', 'Ortiz', 'Morgan', 'Cooper', 'Peterson', 'Bailey', 'Reed', 'Kelly', 'Howard', 'Ramos', 'Kim', 'Cox', 'Ward', 'Richardson', 'Watson', 'Brooks', 'Chavez', 'Wood', 'James', 'Bennett', 'Gray', 'Mendoza', 'Ruiz', 'Hughes', 'Price', 'Alvarez', 'Castillo', 'Sanders', 'Patel', 'Myers', 'Long', 'Ross', 'Foster', 'Jimenez'];
const CITIES: [string, string, string, string][] = [['Seattle', 'WA', '981', '206'], ['New York', 'NY', '100', '212'], ['Denver', 'CO', '802', '303'], ['Chicago', 'IL', '606', '312'], ['San Francisco', 'CA', '941', '415'], ['Portland', 'OR', '972', '503'], ['Austin', 'TX', '787', '512'], ['Boston', 'MA', '021', '617'], ['Las Vegas', 'NV', '891', '702'], ['Houston', 'TX', '770', '713'], ['Miami', 'FL', '331', '305'], ['Atlanta', 'GA', '303', '404'],
  ['Phoenix', 'AZ', '850', '602'], ['Philadelphia', 'PA', '191', '215'], ['San Antonio', 'TX', '782', '210'], ['San Diego', 'CA', '921', '619'], ['Dallas', 'TX', '752', '214'], ['San Jose', 'CA', '951', '408'],
  ['Jacksonville', 'FL', '322', '904'], ['Columbus', 'OH', '432', '614'], ['Charlotte', 'NC', '282', '704'], ['Indianapolis', 'IN', '462', '317'], ['Nashville', 'TN', '372', '615'], ['Detroit', 'MI', '482', '313'],
  ['Memphis', 'TN', '381', '901'], ['Baltimore', 'MD', '212', '410'], ['Milwaukee', 'WI', '532', '414'], ['Albuquerque', 'NM', '871', '505'], ['Tucson', 'AZ', '857', '520'], ['Fresno', 'CA', '937', '559'],
  ['Sacramento', 'CA', '958', '916'], ['Kansas City', 'MO', '641', '816'], ['Omaha', 'NE', '681', '402'], ['Raleigh', 'NC', '276', '919'], ['Minneapolis', 'MN', '554', '612'], ['Tulsa', 'OK', '741', '918'],
  ['Cleveland', 'OH', '441', '216'], ['Pittsburgh', 'PA', '152', '412'], ['Cincinnati', 'OH', '452', '513'], ['St. Louis', 'MO', '631', '314']];

export type ImportPerson = { firstName: string; lastName: string; email: string; phone: string; dob: string; street: string; city: string; state: string; zip: string };

/** A small fast PRNG (mulberry32), seeded per person so person i is the same in every run and split. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function importPerson(i: number, seed = 1): ImportPerson {
  const r = random(seed * 2_654_435_761 + i * 40_503);
  const pick = <T>(list: T[]) => list[Math.floor(r() * list.length)]!;
  const firstName = pick(FIRST);
  // Surnames from a hundred stems and two sets of endings, so namesakes are about as common as in a real client list.
  const lastName = pick(LAST) + pick(['', 'son', 'ley', 'ton', 'er', 'ford', 'wood', 'field', 'man', 'well']) + pick(['', '', '', 'e', 's', 'y', 'er', 'ard', 'en', 'o']);
  const [city, state, zip3, area] = pick(CITIES);
  const exchange = 200 + Math.floor(r() * 700);
  const line = String(Math.floor(r() * 10_000)).padStart(4, '0');
  const year = 1940 + Math.floor(r() * 65);
  const month = 1 + Math.floor(r() * 12);
  const day = 1 + Math.floor(r() * 28);
  return {
    firstName,
    lastName,
    email: `${firstName}.${lastName}${i}@example.com`.toLowerCase(),
    phone: `(${area}) ${exchange === 555 ? 556 : exchange}-${line}`,
    dob: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    street: `${1 + Math.floor(r() * 9000)} ${pick(STREETS)}`,
    city,
    state,
    zip: `${zip3}${String(Math.floor(r() * 100)).padStart(2, '0')}`,
  };
}

export type ImportFileRowKind = 'new' | 'existing-duplicate' | 'file-duplicate' | 'invalid';

/** Row j (0-based, after the header) of the import file, given how many contacts exist already. */
export function importFileRow(j: number, existing: number, seed = 1): { kind: ImportFileRowKind; values: string[] } {
  if (j % 200 === 11) {
    const p = importPerson(existing + j, seed);
    return { kind: 'invalid', values: [p.firstName, p.lastName, `${p.firstName}.at.example.com`, p.phone, p.dob, p.street, p.city, p.state, p.zip] };
  }
  if (j % 100 === 7 && j > 0) {
    const p = importPerson(existing + j - 1, seed);
    return { kind: 'file-duplicate', values: [p.firstName, p.lastName, p.email, '', '', p.street, p.city, p.state, p.zip] };
  }
  if (j % 10 === 3 && existing > 0) {
    const p = importPerson((j * 7919) % existing, seed);
    const digits = p.phone.replace(/\D/g, '');
    return { kind: 'existing-duplicate', values: [p.firstName.toUpperCase(), p.lastName, p.email.toUpperCase(), `+1 ${digits.slice(0, 3)}.${digits.slice(3, 6)}.${digits.slice(6)}`, p.dob, p.street, p.city, p.state, ''] };
  }
  const p = importPerson(existing + j, seed);
  return { kind: 'new', values: [p.firstName, p.lastName, p.email, p.phone, p.dob, p.street, p.city, p.state, p.zip] };
}
