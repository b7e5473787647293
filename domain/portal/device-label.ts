// "Safari on iPhone": the device a portal link was opened on, for staff, in
// words, from the browser's User-Agent (bowser). Never the raw string: it is
// long, and staff need only to recognise a phone from a computer.
import Bowser from 'bowser';

export function deviceLabel(userAgent: string | undefined | null): string {
  if (!userAgent) return 'an unknown device';
  const parsed = Bowser.parse(userAgent.slice(0, 512));
  const browser = parsed.browser.name;
  const where = parsed.platform.model ?? parsed.os.name ?? parsed.platform.type;
  if (!browser && !where) return 'an unknown device';
  const type = parsed.platform.type && parsed.platform.type !== 'desktop' && !parsed.platform.model ? ` (${parsed.platform.type})` : '';
  return [browser, where && `on ${where}${type}`].filter(Boolean).join(' ');
}
