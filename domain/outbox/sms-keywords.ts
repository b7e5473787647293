// The words carriers and Twilio treat as opt-out, opt-in and help requests
// (Twilio's default Advanced Opt-Out keywords). Matched on the whole trimmed
// message, case-insensitively, as Twilio does: "stop calling me at work" is
// a reply, not an opt-out.
const STOP = ['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'REVOKE', 'OPTOUT'];
const START = ['START', 'UNSTOP', 'YES'];
const HELP = ['HELP', 'INFO'];

export type SmsKeyword = 'stop' | 'start' | 'help';

export function smsKeyword(body: string): SmsKeyword | undefined {
  const word = body.trim().replace(/[.!]+$/, '').toUpperCase();
  if (STOP.includes(word)) return 'stop';
  if (START.includes(word)) return 'start';
  if (HELP.includes(word)) return 'help';
  return undefined;
}
