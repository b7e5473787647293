import type { Client } from '@temporalio/client';
import type { Types } from 'mongoose';
import type { Storage } from '../storage/storage';
import type { ContactListIndexService } from '../activities/contacts/contact-list-index';

export type CurrentUser = { id: Types.ObjectId; name: string; email: string; role: 'admin' | 'staff' };

/** What every request handler can reach: per-request values set by middleware. */
export type AppEnv = {
  Variables: {
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
  /** Present when the contacts list is served from memory (see db/contact-list-index). */
  contactIndex?: ContactListIndexService;
};
