export type AddressParts = { street?: string | null; city?: string | null; region?: string | null; postcode?: string | null; country?: string | null };

export const ADDRESS_PARTS = ['street', 'city', 'region', 'postcode', 'country'] as const;

/** "72291 E Grand Avenue, Denver, CO, 80202": the parts a contact has, in the order people write them. */
export function formatAddress(address: AddressParts | null | undefined): string {
  if (!address) return '';
  return ADDRESS_PARTS.map((p) => address[p]?.trim()).filter(Boolean).join(', ');
}
