/**
 * The task queue the import activities run on: the workflows' queue plus
 * "-imports". Imports get a worker of their own (WORKER_ROLE=imports): a
 * million-row import holds a match index of every contact, and that worker
 * loads nothing but the import code, so it can be sized (and scaled) for
 * imports alone. Pure, so workflows derive it from their own queue.
 */
export const importTaskQueue = (workflowTaskQueue: string): string => `${workflowTaskQueue}-imports`;

/** The queue a bundle's zip is made on: the workflows' queue plus "-bundles", served by WORKER_ROLE=bundles (or all). */
export const bundleTaskQueue = (workflowTaskQueue: string): string => `${workflowTaskQueue}-bundles`;
