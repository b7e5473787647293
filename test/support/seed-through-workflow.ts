import { startSeedWorkflow } from '../../temporal/seed-demo-data';
import type { TestEnv } from './test-env';

/** Loads demo contacts the way the product does: through the seeding workflow on the test worker. */
export async function seedThroughWorkflow(env: TestEnv, contacts: number, seed = 5) {
  const handle = await startSeedWorkflow(env.temporal, { seed, contacts, taskQueue: env.taskQueue, authorId: '65a000000000000000000001', authorName: 'Seeder' });
  return handle.result();
}
