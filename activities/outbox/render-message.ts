// Messages from their purpose's Eta templates (views/outbox/messages): text
// and HTML for email, one short text for SMS. In HTML everything the contact
// or staff typed is escaped; text parts are not HTML and are left as typed.
// The firm's name and reply-to come from config.
import { Eta } from 'eta';
import { appFile } from '../../config/app-files';
import type { MessagePurpose } from '../../domain/outbox/message-purposes';

const html = new Eta({ views: appFile('views/outbox/messages'), cache: true, autoEscape: true, autoTrim: false });
const text = new Eta({ views: appFile('views/outbox/messages'), cache: true, autoEscape: false, autoTrim: false });

// `message` is what staff (or the contact) wrote; the email layout's `it.body` is the page Eta renders into it.
export type MessageVars = {
  firmName: string;
  replyTo?: string;
  message: string;
  subject?: string;
  firstText?: boolean;
  /** A link the message carries (a bundle's download), written out in full: no shorteners. */
  link?: string;
  /** When the link stops working, in words ("2 December 2026, 14:05 UTC"). */
  linkExpires?: string;
};

export function renderEmail(purpose: MessagePurpose, vars: MessageVars): { text: string; html: string } {
  return { text: text.render(`./${purpose}.text.eta`, vars).trim() + '\n', html: html.render(`./${purpose}.html.eta`, vars) };
}

export function renderSms(purpose: MessagePurpose, vars: MessageVars): string {
  return text.render(`./${purpose}.sms.eta`, vars).trim();
}
