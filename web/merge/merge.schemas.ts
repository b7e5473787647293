import { z } from 'zod';

const asList = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const list = z.preprocess(asList, z.array(z.string())).catch([]);
const one = z.preprocess((v) => (Array.isArray(v) ? v[0] : v), z.string().optional()).catch(undefined);

/**
 * The merge screen's form: the records to merge (with), the one to keep
 * (survivor), per field the record whose value is kept (field.<name>, one
 * per SINGLE_VALUE_FIELDS), and the phones and emails to keep (sent only
 * when their lists were shown). Which ids are acceptable is checked
 * against the records by parseMergeForm.
 */
export const mergeForm = z.object({
  with: list,
  survivor: one,
  phone: list,
  email: list,
  phonesShown: one,
  emailsShown: one,
  'field.firstName': one,
  'field.middleName': one,
  'field.lastName': one,
  'field.preferredName': one,
  'field.dateOfBirth': one,
  'field.address': one,
  'field.timezone': one,
  'field.preferences': one,
});

export type MergeForm = z.infer<typeof mergeForm>;
