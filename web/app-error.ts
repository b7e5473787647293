// Errors the product expects (not found, forbidden, bad input) carry a code
// that one handler maps to a status and a friendly page or fragment.
export type AppErrorCode = 'NOT_FOUND' | 'FORBIDDEN' | 'BAD_REQUEST' | 'CONFLICT' | 'RATE_LIMITED' | 'UNAVAILABLE';

const STATUS: Record<AppErrorCode, number> = { NOT_FOUND: 404, FORBIDDEN: 403, BAD_REQUEST: 400, CONFLICT: 409, RATE_LIMITED: 429, UNAVAILABLE: 503 };

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
  ) {
    super(message);
  }
  get status(): number {
    return STATUS[this.code];
  }
}
