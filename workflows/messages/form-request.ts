// FormRequestWorkflow's signals: the client submitted the form (its submission id), or staff withdrew it.
import { defineSignal } from '@temporalio/workflow';

export const formSubmittedSignal = defineSignal<[string]>('formSubmitted');
export const formCancelledSignal = defineSignal('formCancelled');
export const formRequestWorkflowId = (requestId: string) => `form-request-${requestId}`;
