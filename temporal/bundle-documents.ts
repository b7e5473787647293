// Starting, cancelling and revoking Download All bundles (BundleDocumentsWorkflow).
import { WorkflowIdReusePolicy, type Client } from '@temporalio/client';
import type { BundleDocumentsInput, BundleDocumentsResult } from '../workflows/index';
import { bundleWorkflowId, revokeBundleSignal } from '../workflows/messages/bundle-documents';
import { CasebookActor, CasebookKind } from './search-attributes';
import { startWorkflowOnce } from './start-once';

/**
 * Starts bundle `bundleId`'s workflow, once: a second Download All that
 * reuses the bundle starts nothing new, and a finished bundle is never made
 * again under its id. No personal data in id, summary or attributes.
 */
export async function startBundleDocuments(client: Client, o: { bundleId: string; taskQueue: string; actorId: string; scope: 'contact' | 'case' }): Promise<string> {
  const input: BundleDocumentsInput = { bundleId: o.bundleId };
  return startWorkflowOnce(client, 'BundleDocumentsWorkflow', {
    taskQueue: o.taskQueue,
    workflowId: bundleWorkflowId(o.bundleId),
    workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    args: [input],
    staticSummary: `Download All of a ${o.scope}`,
    typedSearchAttributes: [
      { key: CasebookKind, value: 'bundle' },
      { key: CasebookActor, value: o.actorId },
    ],
  });
}

/** Stops a bundle being made (its partial file is deleted); a ready bundle's link is revoked. */
export async function cancelBundleWorkflow(client: Client, bundleId: string): Promise<void> {
  await client.workflow.getHandle(bundleWorkflowId(bundleId)).cancel().catch((err: Error) => {
    if (err.name !== 'WorkflowNotFoundError') throw err;
  });
}

/** Tells a ready bundle's workflow that staff revoked its link: the file is deleted now. */
export async function revokeBundleWorkflow(client: Client, bundleId: string): Promise<void> {
  await client.workflow.getHandle(bundleWorkflowId(bundleId)).signal(revokeBundleSignal).catch((err: Error) => {
    if (err.name !== 'WorkflowNotFoundError') throw err; // ended already: nothing left to delete
  });
}

export async function bundleResult(client: Client, bundleId: string): Promise<BundleDocumentsResult> {
  return client.workflow.getHandle<(i: BundleDocumentsInput) => Promise<BundleDocumentsResult>>(bundleWorkflowId(bundleId)).result();
}
