/**
 * The QR code on a post (窗口, 咨询台, 坐席): scanning it starts an inspection
 * there. The payload is plain text so any printer or QR tool can make it:
 * `hallops:post:<siteId>:<postId>` (each part URI-encoded).
 */

const PREFIX = 'hallops:post:';

export function postQrPayload(siteId: string, postId: string): string {
  return `${PREFIX}${encodeURIComponent(siteId)}:${encodeURIComponent(postId)}`;
}

/** The site and post a scanned code names, or null when it is not a post code. */
export function parsePostQr(text: string): { siteId: string; postId: string } | null {
  const trimmed = text.trim();
  if (!trimmed.startsWith(PREFIX)) return null;
  const parts = trimmed.slice(PREFIX.length).split(':');
  if (parts.length !== 2 || !parts[0] || !parts[1]) return null;
  try {
    return { siteId: decodeURIComponent(parts[0]), postId: decodeURIComponent(parts[1]) };
  } catch {
    return null;
  }
}
