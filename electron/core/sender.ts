// IPC handlers answer only our own page. A frame that navigated elsewhere (we
// deny navigation, but defence in depth) or an iframe from another origin must
// not reach file access, so the sender frame's URL is checked on every call.

import { isAppUrl } from './app-url.js';

/** True when `frameUrl` is a page served by our app:// protocol. */
export function isTrustedSenderUrl(frameUrl: string | null | undefined): boolean {
  return typeof frameUrl === 'string' && isAppUrl(frameUrl);
}
