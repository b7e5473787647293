import type { Client } from '@temporalio/client';
import type { Types } from 'mongoose';
import type { Storage } from '../lib/storage/storage';

export type CurrentUser = { id: Types.ObjectId; name: string; email: string; role: 'admin' | 'staff' };

/** What every request handler can reach: per-request values set by middleware. */
export type AppEnv = {
  Variables: {
    user?: CurrentUser;
    sessionId?: Types.ObjectId;
    csrfToken?: string;
    services: AppServices;
  };
};

export type AppServices = {
  temporal: Client;
  taskQueue: string;
  temporalUiUrl?: string;
  storage: Storage;
};
