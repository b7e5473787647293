import { zValidator, type Hook } from '@hono/zod-validator';
import type { Context } from 'hono';
import type { z } from 'zod';
import { AppError } from '../domain/app-error';
import type { AppEnv } from './env';

// Every route reads its query, params and forms through a zod schema, with
// @hono/zod-validator (convention 7). A form that does not validate is
// answered by the route's own `onInvalid` (re-rendered in place with the
// message by each field); a bad query or param is a 400 page, never a
// stack trace. Query schemas mostly `.catch()` their way back to defaults.

/** Field name -> first message, from zod issues ("phoneRaw.1" for the second phone row). */
export function fieldErrors(issues: z.core.$ZodIssue[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const i of issues) errors[i.path.map(String).join('.')] ??= i.message;
  return errors;
}

type Issues = z.core.$ZodIssue[];
/** The submitted form as the validator read it (repeated fields as arrays), for echoing it back. */
export type RawForm = Record<string, string | File | (string | File)[]>;

export function validForm<S extends z.ZodType>(schema: S, onInvalid: (c: Context<AppEnv>, issues: Issues, raw: RawForm) => Response | Promise<Response>) {
  const hook: Hook<z.infer<S>, AppEnv, string, 'form', {}, S> = async (result, c) => {
    // On failure `data` is the form as submitted, not the schema's output.
    if (!result.success) return onInvalid(c, result.error.issues, result.data as RawForm);
  };
  return zValidator<S, 'form', AppEnv, string, typeof hook>('form', schema, hook);
}

function refuse(result: { success: true } | { success: false; error: { issues: Issues } }): void {
  if (!result.success) throw new AppError('BAD_REQUEST', result.error.issues[0]?.message ?? 'This address is not one Casebook knows.');
}

export function validQuery<S extends z.ZodType>(schema: S) {
  const hook: Hook<z.infer<S>, AppEnv, string, 'query', {}, S> = (result) => refuse(result);
  return zValidator<S, 'query', AppEnv, string, typeof hook>('query', schema, hook);
}

export function validParams<S extends z.ZodType>(schema: S) {
  const hook: Hook<z.infer<S>, AppEnv, string, 'param', {}, S> = (result) => refuse(result);
  return zValidator<S, 'param', AppEnv, string, typeof hook>('param', schema, hook);
}
