let cached: string[] | undefined;

/** IANA zone names for the timezone picker (a datalist, so typing filters it). */
export function timezoneNames(): string[] {
  cached ??= Intl.supportedValuesOf('timeZone').filter((z) => z.includes('/'));
  return cached;
}
