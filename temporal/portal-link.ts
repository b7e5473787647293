// Starting PortalLinkWorkflow for a shared link, and telling it of a revoke or an extension.
import { WorkflowIdReusePolicy, type Client } from '@temporalio/client';
import type { PortalLinkInput } from '../workflows/index';
import { extendPortalLinkSignal, portalLinkTimeLeftQuery, portalLinkWorkflowId, revokePortalLinkSignal } from '../workflows/messages/portal-link';
import { CasebookActor, CasebookKind } from './search-attributes';
import { startWorkflowOnce } from './start-once';

/** Starts link `linkId`'s workflow, once. No personal data in id, summary or attributes. */
export async function startPortalLinkWorkflow(client: Client, o: { linkId: string; createdAt: Date; expiresAt: Date; taskQueue: string; actorId: string; channel: 'sms' | 'email' }): Promise<string> {
  const input: PortalLinkInput = { linkId: o.linkId, createdAt: o.createdAt.toISOString(), expiresAt: o.expiresAt.toISOString() };
  return startWorkflowOnce(client, 'PortalLinkWorkflow', {
    taskQueue: o.taskQueue,
    workflowId: portalLinkWorkflowId(o.linkId),
    workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    args: [input],
    staticSummary: `Portal link sent by ${o.channel === 'sms' ? 'SMS' : 'email'}`,
    typedSearchAttributes: [
      { key: CasebookKind, value: 'portal-link' },
      { key: CasebookActor, value: o.actorId },
    ],
  });
}

const ignoreEnded = (err: Error) => {
  if (err.name !== 'WorkflowNotFoundError') throw err; // ended already: the stored link is what requests check
};

export async function revokePortalLinkWorkflow(client: Client, linkId: string): Promise<void> {
  await client.workflow.getHandle(portalLinkWorkflowId(linkId)).signal(revokePortalLinkSignal).catch(ignoreEnded);
}

export async function extendPortalLinkWorkflow(client: Client, linkId: string, expiresAt: Date): Promise<void> {
  await client.workflow.getHandle(portalLinkWorkflowId(linkId)).signal(extendPortalLinkSignal, expiresAt.toISOString()).catch(ignoreEnded);
}

export async function portalLinkTimeLeft(client: Client, linkId: string): Promise<{ msLeft: number; revoked: boolean } | undefined> {
  return client.workflow.getHandle(portalLinkWorkflowId(linkId)).query(portalLinkTimeLeftQuery).catch(() => undefined);
}

export async function portalLinkResult(client: Client, linkId: string): Promise<{ status: string }> {
  return client.workflow.getHandle(portalLinkWorkflowId(linkId)).result();
}
