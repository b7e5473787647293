import type { Client } from '@temporalio/client';
import type { TimingVariables } from 'hono/timing';
import type { CaseListIndexService } from '../activities/cases/case-list-index';
import type { ContactListIndexService } from '../activities/contacts/contact-list-index';
import type { SignedInStaff } from '../activities/auth/sessions';
import type { Storage } from '../storage/storage';
import type { OutboxWebSettings } from './outbox/outbox-web-settings';

export type CurrentUser = SignedInStaff;

/** What every request handler can reach: per-request values set by middleware. */
export type AppEnv = {
  Variables: TimingVariables & {
    user?: CurrentUser;
    sessionId?: string;
    csrfToken?: string;
    services: AppServices;
  };
};

export type AppServices = {
  temporal: Client;
  taskQueue: string;
  temporalUiUrl?: string;
  storage: Storage;
  /** Present when the contacts list is served from memory (see activities/contacts/contact-list-index.ts). */
  contactIndex?: ContactListIndexService;
  /** Present when the case list is served from memory (see activities/cases/case-list-index.ts). */
  caseIndex?: CaseListIndexService;
  /** Webhook secrets, the address providers call back, the capture server (development). */
  outbox: OutboxWebSettings;
  /** How long a Download All bundle lasts (BUNDLE_LIFETIME_SECONDS; tests shorten it to see expiry). */
  bundleLifetimeMs?: number;
  /** A portal link's lifetime in place of the one staff choose (tests shorten it to see a link expire). */
  portalLinkLifetimeMs?: number;
  /** The portal's extra check before documents (PORTAL_STEP_UP; tests turn it on for one server). */
  portalStepUp?: 'none' | 'phone-last4' | 'one-time-code';
};
