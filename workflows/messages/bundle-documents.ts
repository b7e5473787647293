// BundleDocumentsWorkflow's signal: staff revoked the bundle's link, so its file goes now, not at expiry.
import { defineSignal } from '@temporalio/workflow';

export const revokeBundleSignal = defineSignal('revokeBundle');
export const bundleWorkflowId = (bundleId: string) => `bundle-${bundleId}`;
