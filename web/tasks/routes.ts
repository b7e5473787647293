import { Hono } from 'hono';
import { z } from 'zod';
import { findCase } from '../../db/cases/cases';
import type { CaseDoc } from '../../db/models/index';
import { overdueTasks } from '../../db/tasks/tasks';
import { daysOverdue } from '../../domain/tasks/task-due';
import type { AppEnv } from '../env';
import { isHtmx, render } from '../render';
import { validQuery } from '../validation';

/** Staff's Overdue list: open tasks past their due date across every case, longest overdue first. */
export const taskRoutes = new Hono<AppEnv>();

const PER_PAGE = 50;
const overdueQuery = z.object({
  mine: z.enum(['1']).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});

taskRoutes.get('/', validQuery(overdueQuery), async (c) => {
  const query = c.req.valid('query');
  const page = query.page ?? 1;
  const now = new Date();
  const { tasks, total } = await overdueTasks({ now, page, perPage: PER_PAGE, assigneeId: query.mine ? c.get('user')!.id : undefined });
  const cases = new Map<string, CaseDoc>();
  for (const id of new Set(tasks.map((t) => String(t.caseId)))) {
    const kase = await findCase(tasks.find((t) => String(t.caseId) === id)!.caseId);
    if (kase) cases.set(id, kase);
  }
  const data = { title: 'Overdue tasks', tasks, total, cases, query, page, pages: Math.max(1, Math.ceil(total / PER_PAGE)), daysOverdue: (d: Date) => daysOverdue(d, now) };
  return render(c, isHtmx(c) ? 'tasks/overdue-list' : 'tasks/overdue', data);
});
