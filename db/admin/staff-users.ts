import type { Types } from 'mongoose';
import { StaffUser, type StaffUserDoc } from '../models/index';

export type { StaffRole } from '../../domain/auth/staff-role';
import type { StaffRole } from '../../domain/auth/staff-role';

export async function findStaffUserByEmail(email: string): Promise<StaffUserDoc | null> {
  return StaffUser.findOne({ email }).lean<StaffUserDoc>();
}

export async function findStaffUser(id: Types.ObjectId): Promise<StaffUserDoc | null> {
  return StaffUser.findOne({ _id: id }).lean<StaffUserDoc>();
}

/** Some administrator (the author demo data is written as), or null when there is none. */
export async function findAnyAdmin(): Promise<StaffUserDoc | null> {
  return StaffUser.findOne({ role: 'admin' }).lean<StaffUserDoc>();
}

/** Every staff user, by name (the Admin page; firms have tens of them). */
export async function listStaffUsers(): Promise<StaffUserDoc[]> {
  return StaffUser.find().sort({ name: 1 }).lean<StaffUserDoc[]>();
}

export async function staffEmailTaken(email: string): Promise<boolean> {
  return (await StaffUser.exists({ email })) !== null;
}

/** Sets or clears disabledAt; returns the user as it was, or null when there is no such user. */
export async function setStaffUserDisabled(id: Types.ObjectId, disabledAt: Date | null): Promise<StaffUserDoc | null> {
  return StaffUser.findOneAndUpdate({ _id: id }, disabledAt ? { $set: { disabledAt } } : { $unset: { disabledAt: 1 } }).lean<StaffUserDoc>();
}

/** How many administrators can still sign in. */
/** Sets the timezone a staff user reads times in (null: the firm's). */
export async function setStaffUserTimezone(id: Types.ObjectId, timezone: string | null): Promise<void> {
  await StaffUser.updateOne({ _id: id }, timezone ? { $set: { timezone } } : { $unset: { timezone: 1 } });
}

/** Replaces a staff user's password hash. */
export async function setStaffUserPasswordHash(id: Types.ObjectId, passwordHash: string): Promise<StaffUserDoc | null> {
  return StaffUser.findOneAndUpdate({ _id: id }, { $set: { passwordHash } }, { new: true }).lean<StaffUserDoc>();
}

export async function countActiveAdmins(): Promise<number> {
  return StaffUser.countDocuments({ role: 'admin', disabledAt: null });
}

/** Stores a staff user; the email must be lower-cased and the password already hashed. */
export async function insertStaffUser(user: { name: string; email: string; role: StaffRole; passwordHash: string }): Promise<StaffUserDoc> {
  return (await StaffUser.create(user)).toObject() as StaffUserDoc;
}
