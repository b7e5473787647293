import type { ContactDoc } from '../../db/models/index';
import { optedOutNumbersOf } from '../../activities/outbox/opted-out-numbers';
import { channelAvailability, type Availability } from '../../domain/outbox/channel-availability';

export type ComposeState = { channel: 'email' | 'sms'; to?: string; subject?: string; body?: string; errors?: Record<string, string>; sent?: string };

/** The compose form's data for a contact (as the request just loaded it): which channels are open, and the form (the preferred channel first). */
export async function composeView(contact: ContactDoc, state: Partial<ComposeState> = {}): Promise<{ availability: Availability; compose: ComposeState }> {
  const availability = channelAvailability(contact, { optedOutNumbers: await optedOutNumbersOf(contact) });
  const channel = state.channel ?? availability.preferred ?? 'email';
  return { availability, compose: { ...state, channel, to: state.to ?? availability[channel].recipients[0]?.value } };
}
