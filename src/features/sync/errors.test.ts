import { describe, expect, it } from 'vitest';
import { classifySyncError, problemOfStatus, rejectionKind } from './errors';

describe('problemOfStatus', () => {
  it.each([
    [0, 'network'],
    [401, 'session-expired'],
    [403, 'forbidden'],
    [413, 'too-large'],
    [422, 'rejected'],
    [426, 'outdated'],
    [500, 'server'],
    [503, 'server'],
    [404, 'unknown'],
    [400, 'unknown'],
  ] as const)('%i → %s', (status, problem) => {
    expect(problemOfStatus(status)).toBe(problem);
  });
});

// RxDB wraps a failed handler's error; its message keeps the inner error as JSON.
const wrapped = (inner: string) =>
  `\nReplication push handler threw an error - see .errors for more details\n--------------------\nParameters:\npushRows: [{"newDocumentState":{"status":"rejected","note":"HTTP 404"}}]\nerrors: {"name":"ApiError","message":"${inner}"}\ndirection: "push"\n`;

describe('classifySyncError', () => {
  it.each([
    { label: 'no error', input: { message: null }, problem: null },
    { label: 'a known status wins over the text', input: { status: 503, message: 'Network unreachable' }, problem: 'server' },
    { label: 'the API client offline', input: { message: 'Network unreachable' }, problem: 'network' },
    { label: 'the browser offline', input: { message: 'TypeError: Failed to fetch' }, problem: 'network' },
    { label: 'a bare HTTP status', input: { message: 'HTTP 502' }, problem: 'server' },
    { label: 'a wrapped HTTP status', input: { message: wrapped('HTTP 413') }, problem: 'too-large' },
    { label: 'expired token', input: { message: 'The session token is invalid or has expired; sign in again.' }, problem: 'session-expired' },
    { label: 'no token', input: { message: wrapped('Sign in first: send the session token') }, problem: 'session-expired' },
    { label: 'the app’s own session message', input: { message: '登录已失效，请重新登录后继续同步。' }, problem: 'session-expired' },
    { label: 'scope', input: { message: 'Site site-hotline-1 is outside your scope.' }, problem: 'forbidden' },
    { label: 'batch too big', input: { message: 'A push may carry at most 500 documents; split it.' }, problem: 'too-large' },
    { label: 'validation', input: { message: '2 of 5 documents failed validation or permission checks' }, problem: 'rejected' },
    { label: 'server crash', input: { message: 'Something went wrong on the server; the error has been logged.' }, problem: 'server' },
    { label: 'a wrapped server detail, whatever the rows say', input: { message: wrapped('The server is shutting down.') }, problem: 'server' },
    { label: 'anything else', input: { message: 'Quota exceeded' }, problem: 'unknown' },
  ])('$label → $problem', ({ input, problem }) => {
    expect(classifySyncError(input)).toBe(problem);
  });
});

describe('rejectionKind', () => {
  it.each([
    ['Site site-hotline-1 is outside your scope.', 'forbidden'],
    ['The role guide may not change staff.', 'forbidden'],
    ['The field "idNumber" holds a masked value; only a role that sees it may set it.', 'forbidden'],
    ['Invalid attendance document "e1": field "kind": Invalid option.', 'invalid'],
    ['Leave of more than 3 days needs the superior.', 'other'],
  ] as const)('%s → %s', (reason, kind) => {
    expect(rejectionKind(reason)).toBe(kind);
  });
});
