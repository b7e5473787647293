// A portal link's token is never stored, not even in the message that
// carries it: the message keeps this slot in its link, and the send step
// (activities/outbox/send-message.ts) mints a token and fills it in only
// for the provider call. Each attempt mints its own; all open the same link.
export const PORTAL_TOKEN_SLOT = '(secure-token)';

export const fillTokenSlot = (text: string, token: string) => text.split(PORTAL_TOKEN_SLOT).join(token);

// A portal link's token, or an intake form's (/portal/intake/<token>).
const TOKEN_IN_LINK = /\/portal\/(link|intake)\/(?:[A-Za-z0-9_-]{43}|\(secure-token\))/g;

/** Two texts that differ only in the portal token they carry (a retry's provider check compares bodies). */
export const sameTextBesidesToken = (a: string, b: string) => a.replace(TOKEN_IN_LINK, '/portal/$1/*') === b.replace(TOKEN_IN_LINK, '/portal/$1/*');
