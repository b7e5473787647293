let cached: string[] | undefined;

/** IANA zone names for the timezone pickers, UTC first (schedules default to it; Intl lists it under no region). */
export function timezoneNames(): string[] {
  cached ??= ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z.includes('/'))];
  return cached;
}
