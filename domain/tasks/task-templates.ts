// Task templates: one click puts a firm's usual first steps on a case, each
// due a number of days from today. A template's client tasks go to the
// contact chosen when it is applied, its staff tasks to the chosen staff member.
export type TaskTemplateItem = {
  title: string;
  description: string;
  dueInDays: number;
  assignee: 'client' | 'staff';
  /** The client answers by sending a file (it lands in their documents). */
  asksForFile?: boolean;
  checklist?: string[];
};
export type TaskTemplate = { key: string; name: string; items: TaskTemplateItem[] };

export const TASK_TEMPLATES: readonly TaskTemplate[] = [
  {
    key: 'personal-injury-intake',
    name: 'New personal-injury client',
    items: [
      { title: 'Sign the retainer', description: 'Sign the retainer agreement we sent you and send us a photo or scan of the signed pages.', dueInDays: 3, assignee: 'client', asksForFile: true },
      { title: 'Upload a photo ID', description: "A photo of your driver's licence or passport, both sides.", dueInDays: 3, assignee: 'client', asksForFile: true },
      { title: 'List your medical providers', description: 'Every doctor, hospital, clinic or therapist who treated you since the accident.', dueInDays: 7, assignee: 'client', checklist: ['Names and addresses', 'Dates of treatment', 'Health insurance card'] },
      { title: 'Request the medical records', description: 'Send records requests to each provider the client lists.', dueInDays: 14, assignee: 'staff' },
    ],
  },
  {
    key: 'family-law-intake',
    name: 'New family-law client',
    items: [
      { title: 'Send your financial disclosure', description: 'Pay stubs for the last three months, last two tax returns, and bank statements.', dueInDays: 14, assignee: 'client', asksForFile: true, checklist: ['Pay stubs', 'Tax returns', 'Bank statements'] },
      { title: "Tell us about the children's schools and schedules", description: 'Schools, doctors, and the current weekly schedule.', dueInDays: 7, assignee: 'client' },
      { title: 'Draft the parenting plan', description: 'First draft for the client to review.', dueInDays: 21, assignee: 'staff' },
    ],
  },
  {
    key: 'discovery-response',
    name: 'Answer discovery',
    items: [
      { title: 'Gather the requested documents', description: 'The documents listed in the request we sent you: photos or scans are fine.', dueInDays: 10, assignee: 'client', asksForFile: true },
      { title: 'Review the draft answers', description: 'Read the draft answers to the interrogatories and tell us what is wrong or missing.', dueInDays: 14, assignee: 'client' },
      { title: 'Serve the discovery responses', description: 'Finalise, sign and serve.', dueInDays: 21, assignee: 'staff' },
    ],
  },
];

export function taskTemplate(key: string): TaskTemplate | undefined {
  return TASK_TEMPLATES.find((t) => t.key === key);
}
