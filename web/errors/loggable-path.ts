// A request path as it may be written to a log: the secret part of a link
// (a bundle's emailed token, a portal link's, an intake form's) is replaced, so tokens
// never reach logs, whatever goes wrong while serving them.
const SECRET_SEGMENTS = [/^(\/bundles\/link\/)[^/?#]+/, /^(\/portal\/link\/)[^/?#]+/, /^(\/portal\/intake\/)[^/?#]+/];

export function loggablePath(path: string): string {
  return SECRET_SEGMENTS.reduce((p, pattern) => p.replace(pattern, '$1[token]'), path);
}
