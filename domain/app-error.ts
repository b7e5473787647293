// Errors the product expects (not found, forbidden, bad input) carry a code;
// the web server's one error handler maps each code to a status and a
// friendly page or fragment (web/errors/handle-error.ts).
export type AppErrorCode = 'NOT_FOUND' | 'FORBIDDEN' | 'BAD_REQUEST' | 'CONFLICT' | 'RATE_LIMITED' | 'UNAVAILABLE';

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
  ) {
    super(message);
  }
}
