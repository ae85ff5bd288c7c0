// The renderer is served from app://gradscope/ rather than file:// because a
// standard, secure custom scheme gives the page a real origin: Monaco's module
// workers load, fetch works, and the CSP 'self' means exactly our files. This
// module maps such a URL to a file under the web root and refuses anything
// that would escape it.

import { isAbsolute, relative, resolve, sep } from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'gradscope';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_START_URL = `${APP_ORIGIN}/index.html`;

/** True for URLs of our own page (any path), false for other hosts and schemes. */
export function isAppUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === `${APP_SCHEME}:` && url.host.toLowerCase() === APP_HOST && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

/**
 * The file under `webRoot` that `requestUrl` names, or null when the URL is not
 * ours or its path (after percent-decoding) would leave `webRoot`.
 */
export function resolveAppPath(requestUrl: string, webRoot: string): string | null {
  if (!isAppUrl(requestUrl)) return null;
  const pathname = new URL(requestUrl).pathname;
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null; // malformed escapes
  }
  if (decoded.includes('\0')) return null;
  const wanted = decoded === '/' || decoded === '' ? '/index.html' : decoded;
  const root = resolve(webRoot);
  const target = resolve(root, `.${wanted.startsWith('/') ? wanted : `/${wanted}`}`);
  return isInside(root, target) ? target : null;
}

function isInside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}
