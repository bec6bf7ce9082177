import { expect, test, type Page } from '@playwright/test';
import { signInToSite as signIn, staffRow } from './helpers';

/**
 * Several tabs of one browser share one local database: the elected leader
 * tab replicates (one live stream for the whole browser), the other tabs stay
 * live through the database and show the leader's sync status; when the
 * leader closes, another tab takes over.
 */

function countStreams(page: Page): () => number {
  let n = 0;
  page.on('request', (r) => {
    if (r.url().includes('/api/v1/replication/stream')) n++;
  });
  return () => n;
}

test('one tab replicates, the others stay live, and a follower takes over when the leader closes', async ({ context, browser }) => {
  const first = await context.newPage();
  const firstStreams = countStreams(first);
  await signIn(first, 'guide');
  await expect(first.getByTestId('sync-online')).toHaveText('在线');

  const second = await context.newPage();
  const secondStreams = countStreams(second);
  await second.goto(first.url());
  await expect(second.getByTestId('staff-row').first()).toBeVisible();
  // The follower shows the leader's status, without a stream of its own.
  await expect(second.getByTestId('sync-online')).toHaveText('在线');
  await second.waitForTimeout(1_500);
  expect(firstStreams()).toBeGreaterThan(0);
  expect(secondStreams()).toBe(0);

  // A check-in in the follower shows in both tabs at once and is pushed by the leader.
  const person = staffRow(second, 3);
  const name = await person.name();
  const inFirst = first.getByTestId('today-event').filter({ hasText: name });
  const before = await inFirst.count();
  await person.checkIn.click();
  await expect(inFirst).toHaveCount(before + 1);
  await expect(second.getByTestId('today-event').filter({ hasText: name })).toHaveCount(before + 1);
  await expect(first.getByTestId('sync-pending')).toHaveAttribute('data-count', '0', { timeout: 15_000 });
  await expect(second.getByTestId('sync-pending')).toHaveAttribute('data-count', '0');
  await expect(inFirst.last()).toHaveAttribute('data-synced', 'true');

  // The leader closes: the follower is elected, opens the live stream and receives another device's check-in.
  await first.close();
  await expect.poll(secondStreams, { timeout: 15_000 }).toBeGreaterThan(0);
  await expect(second.getByTestId('sync-online')).toHaveText('在线', { timeout: 15_000 });
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, 'manager');
  const someone = staffRow(otherPage, 5);
  const theirName = await someone.name();
  const inSecond = second.getByTestId('today-event').filter({ hasText: theirName });
  const had = await inSecond.count();
  await someone.checkOut.click();
  await expect(inSecond).toHaveCount(had + 1, { timeout: 10_000 });
  await other.close();
});
