const CONTACT_ID = /^[0-9a-f]{24}$/;

/** Keyset cursor (sortName, id) shared by the database and in-memory list paths. */
export type ListCursor = [sortName: string, id: string];

/** The cursor as an opaque URL-safe string (base64url of its JSON, no padding). */
export function encodeListCursor(sortName: string, id: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(JSON.stringify([sortName, id]))) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function decodeListCursor(after: string | undefined): ListCursor | undefined {
  if (!after) return undefined;
  try {
    const binary = atob(after.replace(/-/g, '+').replace(/_/g, '/'));
    const value = JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (ch) => ch.charCodeAt(0))));
    if (Array.isArray(value) && typeof value[0] === 'string' && typeof value[1] === 'string' && CONTACT_ID.test(value[1])) return [value[0], value[1]];
  } catch {
    // a tampered or stale cursor just restarts at the first page
  }
  return undefined;
}
