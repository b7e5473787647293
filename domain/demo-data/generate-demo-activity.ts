import { Faker, en } from '@faker-js/faker';
import { demoRandomizer } from './demo-randomizer';
import { demoId } from './demo-ids';
import { generateDemoContact } from './generate-demo-contact';

const faker = new Faker({ locale: [en], randomizer: demoRandomizer() });

const PRACTICE_AREAS = ['Personal Injury', 'Family', 'Employment', 'Immigration', 'Estate Planning', 'Criminal Defense'] as const;
type PracticeArea = (typeof PRACTICE_AREAS)[number];

// Matter names as a firm writes them: the client's surname, and the other side or what the matter is about.
const OTHER_PARTIES = ['Midwest Freight Lines', 'Lakeshore Grocers', 'Allstate Insurance', 'Cook County Transit', 'Northside Property Management', 'Riverside Medical Center', 'Prairie State Logistics', 'Harborview Apartments', 'Summit Staffing', 'Great Lakes Auto Sales'];
const MATTERS: Record<PracticeArea, (client: string, other: string, first: string) => string> = {
  'Personal Injury': (c, o) => `${c} v. ${o} (${['rear-end collision', 'slip and fall', 'truck collision', 'dog bite', 'premises injury'][c.length % 5]})`,
  Family: (c) => `In re Marriage of ${c} (${['dissolution', 'custody modification', 'child support', 'parenting time'][c.length % 4]})`,
  Employment: (c, o) => `${c} v. ${o} (${['wrongful termination', 'unpaid overtime', 'workplace discrimination', 'retaliation'][c.length % 4]})`,
  Immigration: (c, _o, f) => `${f} ${c} — ${['adjustment of status', 'asylum application', 'H-1B petition', 'naturalization', 'removal defense'][c.length % 5]}`,
  'Estate Planning': (c, _o, f) => `${['Estate of', 'Trust of', 'Will and power of attorney for'][c.length % 3]} ${f} ${c}`,
  'Criminal Defense': (c) => `People v. ${c} (${['DUI', 'retail theft', 'traffic misdemeanor', 'expungement'][c.length % 4]})`,
};
const STATUSES = ['open', 'open', 'pending', 'closed'] as const;
const ROLES = ['client', 'opposing party', 'witness'] as const;

export const CONTACTS_PER_CASE = 4;

/** Case k links contacts 4k..4k+3: the first as client, the others in other roles; its title names the client (demo contact 4k). */
export function generateDemoCase(seed: number, caseIndex: number, totalContacts: number) {
  const client = generateDemoContact(seed, Math.min(caseIndex * CONTACTS_PER_CASE, Math.max(totalContacts - 1, 0)));
  faker.seed(seed * 31 + caseIndex);
  const links = [];
  for (let j = 0; j < CONTACTS_PER_CASE; j++) {
    const contactIndex = caseIndex * CONTACTS_PER_CASE + j;
    if (contactIndex >= totalContacts) break;
    if (j > 0 && faker.number.int(2) === 0) continue;
    links.push({ contactIndex, role: j === 0 ? 'client' : faker.helpers.arrayElement(ROLES) });
  }
  const area = faker.helpers.arrayElement(PRACTICE_AREAS);
  return {
    id: demoId('case', seed, caseIndex),
    number: `${2024 + (caseIndex % 3)}-${String(caseIndex + 1).padStart(6, '0')}`,
    title: MATTERS[area](client.lastName || client.firstName || 'Doe', faker.helpers.arrayElement(OTHER_PARTIES), client.firstName ?? ''),
    status: faker.helpers.arrayElement(STATUSES),
    practiceArea: area,
    links,
  };
}

const INBOUND = ['Hi, any update on my case?', 'I sent the documents you asked for.', 'Can we move our call to Thursday?', 'Thank you for your help!', 'I got a letter from the insurance company.'];
const OUTBOUND = ['Your appointment is confirmed for Monday at 10am.', 'Please upload your medical records in the portal.', 'We filed the motion today.', 'Reminder: sign the retainer agreement.', 'The hearing was rescheduled.'];

/** A few messages per contact, spread over the last two years, deterministic per contact. */
export function generateDemoMessages(seed: number, contactIndex: number, perContact: number) {
  faker.seed(seed * 17 + contactIndex);
  return Array.from({ length: perContact }, (_, k) => {
    const inbound = faker.datatype.boolean();
    return {
      id: demoId('message', seed, contactIndex * 16 + k),
      channel: faker.helpers.arrayElement(['sms', 'email', 'phone', 'portal'] as const),
      direction: inbound ? ('inbound' as const) : ('outbound' as const),
      body: faker.helpers.arrayElement(inbound ? INBOUND : OUTBOUND),
      at: faker.date.between({ from: '2024-11-01T00:00:00Z', to: '2026-11-01T00:00:00Z' }),
    };
  });
}

export function generateDemoNote(seed: number, contactIndex: number) {
  faker.seed(seed * 13 + contactIndex);
  return {
    id: demoId('note', seed, contactIndex),
    html: `<p>Intake call: <strong>${faker.helpers.arrayElement(['prefers evenings', 'needs an interpreter', 'referred by a past client', 'worried about costs'])}</strong>.</p><ul><li>Follow up in ${faker.number.int({ min: 2, max: 14 })} days</li></ul>`,
    at: faker.date.between({ from: '2025-01-01T00:00:00Z', to: '2026-11-01T00:00:00Z' }),
  };
}
