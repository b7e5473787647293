// A case's tasks are listed under _id "case-task:<caseId>" (as its
// appointments are), so a case page and a portal page read them by _id
// look-ups, which every engine serves from an index.
import { Types } from 'mongoose';
import { findByIds, idOfLinkKey, linkKey } from '../contacts/contact-links';
import { linkListCollection, Task, taskCollection, type TaskActor, type TaskDoc } from '../models/index';

const listId = (caseId: Types.ObjectId) => `case-task:${caseId.toHexString()}`;

export async function insertTasks(tasks: TaskDoc[]): Promise<void> {
  if (!tasks.length) return;
  await taskCollection.insertMany(tasks);
  for (const caseId of new Set(tasks.map((t) => String(t.caseId)))) {
    const keys = tasks.filter((t) => String(t.caseId) === caseId).map((t) => linkKey({ id: t._id, at: t.createdAt }));
    await linkListCollection.updateOne({ _id: listId(new Types.ObjectId(caseId)) }, { $addToSet: { keys: { $each: keys } } }, { upsert: true });
  }
}

export async function findTask(id: Types.ObjectId): Promise<TaskDoc | null> {
  return taskCollection.findOne({ _id: id });
}

/** A case's tasks: open ones by due time first, then done ones, newest done first. */
export async function tasksOfCase(caseId: Types.ObjectId, limit = 500): Promise<TaskDoc[]> {
  const list = await linkListCollection.findOne({ _id: listId(caseId) });
  const keys = (list?.keys ?? []).slice().sort().reverse().slice(0, limit);
  const rows = (await findByIds<TaskDoc>(Task, keys.map((k) => new Types.ObjectId(idOfLinkKey(k))))).filter((t) => t.caseId.equals(caseId));
  const open = rows.filter((t) => !t.doneAt).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.createdAt.getTime() - b.createdAt.getTime());
  const done = rows.filter((t) => t.doneAt).sort((a, b) => b.doneAt!.getTime() - a.doneAt!.getTime());
  return [...open, ...done];
}

/** A client's tasks on some cases (the portal's "What we need from you"). */
export async function clientTasksOnCases(contactId: Types.ObjectId, caseIds: Types.ObjectId[]): Promise<TaskDoc[]> {
  const lists = await Promise.all(caseIds.map((id) => tasksOfCase(id)));
  return lists.flat().filter((t) => t.assignee.kind === 'client' && t.assignee.id.equals(contactId));
}

/** Open tasks past their due time, across cases, longest overdue first; `assigneeId` narrows to one person's. */
export async function overdueTasks(o: { now: Date; page: number; perPage: number; assigneeId?: Types.ObjectId }): Promise<{ tasks: TaskDoc[]; total: number }> {
  const filter = { doneAt: null, dueAt: { $lt: o.now }, ...(o.assigneeId ? { 'assignee.id': o.assigneeId } : {}) };
  const [tasks, total] = await Promise.all([
    taskCollection.find(filter).sort({ dueAt: 1, _id: 1 }).skip((o.page - 1) * o.perPage).limit(o.perPage).toArray(),
    taskCollection.countDocuments(filter),
  ]);
  return { tasks, total };
}

type HistoryEntry = { at: Date; by: TaskActor; what: string };

/** Marks an open task done; null when it was done already (a double tap, a second device). */
export async function markTaskDone(id: Types.ObjectId, by: TaskActor, at: Date, what: string, documentId?: Types.ObjectId): Promise<TaskDoc | null> {
  return taskCollection.findOneAndUpdate(
    { _id: id, doneAt: null },
    { $set: { doneAt: at, doneBy: by, updatedAt: at }, $push: { history: { at, by, what } as HistoryEntry }, ...(documentId ? { $addToSet: { documentIds: documentId } } : {}) },
    { returnDocument: 'after' },
  );
}

export async function markTaskOpen(id: Types.ObjectId, by: TaskActor, at: Date): Promise<TaskDoc | null> {
  return taskCollection.findOneAndUpdate({ _id: id, doneAt: { $ne: null } }, { $set: { doneAt: null, doneBy: null, updatedAt: at }, $push: { history: { at, by, what: 'reopened it' } } }, { returnDocument: 'after' });
}

/** Ticks or unticks a checklist item. The checklist is rewritten whole: FerretDB has no positional `$` update. */
export async function setChecklistItem(task: TaskDoc, itemId: string, done: boolean, by: TaskActor, at: Date): Promise<TaskDoc | null> {
  const item = task.checklist.find((i) => i.id === itemId);
  if (!item || Boolean(item.doneAt) === done) return task;
  const checklist = task.checklist.map((i) => (i.id === itemId ? { ...i, doneAt: done ? at : null, doneBy: done ? by : null } : i));
  return taskCollection.findOneAndUpdate(
    { _id: task._id, updatedAt: task.updatedAt },
    { $set: { checklist, updatedAt: at }, $push: { history: { at, by, what: `${done ? 'ticked' : 'unticked'} “${item.label}”` } } },
    { returnDocument: 'after' },
  );
}

export async function setTaskDue(id: Types.ObjectId, dueOn: string, dueAt: Date, by: TaskActor, at: Date): Promise<TaskDoc | null> {
  return taskCollection.findOneAndUpdate({ _id: id }, { $set: { dueOn, dueAt, updatedAt: at }, $push: { history: { at, by, what: `moved the due date to ${dueOn}` } } }, { returnDocument: 'after' });
}

export async function noteTaskHistory(id: Types.ObjectId, entry: HistoryEntry, documentId?: Types.ObjectId): Promise<void> {
  await taskCollection.updateOne({ _id: id }, { $push: { history: entry }, $set: { updatedAt: entry.at }, ...(documentId ? { $addToSet: { documentIds: documentId } } : {}) });
}
