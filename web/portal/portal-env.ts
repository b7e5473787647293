import type { SecureHeadersVariables } from 'hono/secure-headers';
import type { PortalVisitor } from '../../activities/portal/resolve-portal-session';
import type { AppServices } from '../env';

/** What a portal request handler can reach: the visitor (set once their session is checked) and the services. */
export type PortalEnv = {
  Variables: SecureHeadersVariables & {
    services: AppServices;
    visitor?: PortalVisitor;
  };
};
