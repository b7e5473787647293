// When PortalLinkWorkflow reminds a contact before their link expires. Pure,
// so the workflow can run it in its sandbox.

/** A day before a link of more than two days, else a quarter of its life before; none for links under six hours. */
export function reminderBeforeExpiry(createdAtMs: number, expiresAtMs: number): number | undefined {
  const life = expiresAtMs - createdAtMs;
  if (life < 6 * 3_600_000) return undefined;
  const lead = life > 2 * 86_400_000 ? 86_400_000 : life / 4;
  return expiresAtMs - lead;
}
