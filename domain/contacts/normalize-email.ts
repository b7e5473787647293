export type EmailNormalization = { ok: true; canonical: string } | { ok: false; reason: string };

// Deliberately simple: one @, a dotted domain, no spaces. Deliverability is
// the mail server's business; this only catches typing mistakes.
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

export type EmailRules = { gmailDotsAndPlus?: boolean };

/**
 * Canonical form used for matching: lower-cased, and for Gmail addresses dots
 * and +tags in the local part dropped (they reach the same mailbox).
 */
export function normalizeEmail(raw: string, rules: EmailRules = { gmailDotsAndPlus: true }): EmailNormalization {
  const address = raw.trim().toLowerCase();
  if (!address) return { ok: false, reason: 'Email is empty' };
  if (!EMAIL_SHAPE.test(address)) return { ok: false, reason: `"${raw.trim()}" is not an email address` };
  const at = address.lastIndexOf('@');
  let local = address.slice(0, at);
  let domain = address.slice(at + 1);
  if (domain === 'googlemail.com') domain = 'gmail.com';
  if (rules.gmailDotsAndPlus && domain === 'gmail.com') {
    local = local.split('+')[0]!.replace(/\./g, '');
  }
  return { ok: true, canonical: `${local}@${domain}` };
}
