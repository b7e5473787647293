import mongoose, { Schema, type Types } from 'mongoose';
import { typedCollection } from '../typed-collection';

/**
 * A task on a case, for a staff member or for a client contact (who does it
 * on the portal). A client task is reminded before it falls due and when it
 * is overdue (TaskReminderWorkflow, id `task-<id>`). `history` is who did
 * what and when, shown to staff; `dueAt` is close of business on `dueOn` in
 * the firm's timezone.
 */
const actorSchema = { kind: { type: String, enum: ['staff', 'client'] }, id: Schema.Types.ObjectId, name: String };
const taskSchema = new Schema(
  {
    caseId: { type: Schema.Types.ObjectId, ref: 'Case', required: true },
    title: { type: String, required: true },
    description: String,
    assignee: { kind: { type: String, enum: ['staff', 'client'], required: true }, id: { type: Schema.Types.ObjectId, required: true }, name: String },
    dueOn: { type: String, required: true },
    dueAt: { type: Date, required: true },
    asksForFile: Boolean,
    checklist: { type: [{ id: String, label: String, doneAt: Date, doneBy: actorSchema, _id: false }], default: [] },
    documentIds: { type: [Schema.Types.ObjectId], default: [] },
    doneAt: Date,
    doneBy: actorSchema,
    history: { type: [{ at: Date, by: actorSchema, what: String, _id: false }], default: [] },
    templateKey: String,
    createdBy: actorSchema,
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'tasks', versionKey: false },
);
// The Overdue list: open tasks by due time (MongoDB answers it from here; FerretDB scans the tasks).
taskSchema.index({ doneAt: 1, dueAt: 1 });

export type TaskActor = { kind: 'staff' | 'client'; id: Types.ObjectId; name: string };
export type TaskChecklistItem = { id: string; label: string; doneAt?: Date | null; doneBy?: TaskActor | null };
export type TaskDoc = {
  _id: Types.ObjectId;
  caseId: Types.ObjectId;
  title: string;
  description?: string;
  assignee: TaskActor;
  dueOn: string;
  dueAt: Date;
  asksForFile?: boolean;
  checklist: TaskChecklistItem[];
  documentIds: Types.ObjectId[];
  doneAt?: Date | null;
  doneBy?: TaskActor | null;
  history: { at: Date; by: TaskActor; what: string }[];
  templateKey?: string;
  createdBy: TaskActor;
  createdAt: Date;
  updatedAt: Date;
};
export const Task = mongoose.model('Task', taskSchema);
export const taskCollection = typedCollection<TaskDoc>(Task);
