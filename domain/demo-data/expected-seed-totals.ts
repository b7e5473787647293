import { CONTACTS_PER_CASE } from './generate-demo-activity';

/** What seeding N contacts writes, computed without a database: the test oracle and the progress total. */
export function expectedSeedTotals(contacts: number, messagesPerContact: number) {
  let messages = 0;
  for (let i = 0; i < contacts; i++) messages += i % (messagesPerContact + 1);
  return { contacts, cases: Math.ceil(contacts / CONTACTS_PER_CASE), messages, notes: Math.ceil(contacts / 3) };
}
