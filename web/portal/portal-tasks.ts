// The visitor's tasks: client tasks given to their contact on the cases of
// their link. A task id in a portal URL is only looked up among these, so a
// staff task, another contact's task or a task on another case is "not found".
import { Types } from 'mongoose';
import type { TaskDoc } from '../../db/models/index';
import { clientTasksOnCases, findTask } from '../../db/tasks/tasks';
import { AppError } from '../../domain/app-error';
import type { PortalScope } from './portal-scope';

export async function portalTasks(scope: PortalScope): Promise<{ open: TaskDoc[]; done: TaskDoc[] }> {
  const tasks = await clientTasksOnCases(scope.contact._id, scope.cases.map((k) => k._id));
  return { open: tasks.filter((t) => !t.doneAt), done: tasks.filter((t) => t.doneAt).slice(0, 10) };
}

export async function portalTask(scope: PortalScope, id: string): Promise<TaskDoc> {
  const task = Types.ObjectId.isValid(id) ? await findTask(new Types.ObjectId(id)) : null;
  const inScope = task && task.assignee.kind === 'client' && task.assignee.id.equals(scope.contact._id) && scope.cases.some((k) => k._id.equals(task.caseId));
  if (!inScope) throw new AppError('NOT_FOUND', 'error.notFound');
  return task;
}
