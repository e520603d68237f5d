// Journey: a visitor joins the waitlist and confirms the place from the mailed link, with
// JavaScript on and off; staff find them in /admin/waitlist, export the list as CSV and (once,
// since runs go one at a time) invite the next people, watching the run's progress.
import { test, expect } from '@playwright/test';
import { ADMIN, linkMailedTo, ready, signIn } from './support';

for (const javaScriptEnabled of [true, false]) {
  const mode = javaScriptEnabled ? 'with JavaScript' : 'without JavaScript';

  test(`a visitor joins the waitlist and confirms the place (${mode})`, async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    const email = `e2e-waitlist-${javaScriptEnabled ? 'js' : 'nojs'}-${Date.now()}@example.com`;

    await page.goto('/waitlist');
    await ready(page, javaScriptEnabled);
    await page.getByLabel('Email').fill('not an address');
    await page.getByLabel('First name').fill('Robin');
    await page.getByLabel('Last name').fill('Example');
    await page.getByLabel('Company (optional)').fill('Acme');
    await page.locator('select[name=interest]').selectOption('studio');
    await page.waitForTimeout(1_200);
    await page.getByRole('button', { name: 'Join the waitlist' }).click();
    await expect(page.getByTestId('email-error')).toContainText('email address like');
    await expect(page.getByLabel('First name')).toHaveValue('Robin');

    await page.getByLabel('Email').fill(email);
    await page.waitForTimeout(1_200);
    await page.getByRole('button', { name: 'Join the waitlist' }).click();
    await expect(page).toHaveURL(/\/waitlist\?joined=1$/);
    await expect(page.getByTestId('waitlist-joined')).toContainText('Check your inbox');

    const link = await linkMailedTo(browser, email, 'Confirm your place on the Daydream waitlist', '/waitlist/confirm/');
    await page.goto(link);
    await ready(page, javaScriptEnabled);
    await page.getByRole('button', { name: 'Confirm my place' }).click();
    await expect(page).toHaveURL(/\/waitlist\?confirmed=1$/);
    await expect(page.getByTestId('waitlist-confirmed')).toContainText('confirmed');
    // The link works once.
    await page.goto(link);
    await ready(page, javaScriptEnabled);
    await page.getByRole('button', { name: 'Confirm my place' }).click();
    await expect(page.getByText('This link is not valid')).toBeVisible();
    await context.close();

    // Staff find the person, waiting.
    const staff = await (await browser.newContext({ javaScriptEnabled })).newPage();
    await signIn(staff, javaScriptEnabled, ADMIN.email, ADMIN.password, '/admin/waitlist');
    await staff.getByLabel('Search', { exact: true }).fill(email);
    await staff.getByRole('button', { name: 'Search' }).click();
    const row = staff.getByTestId('waitlist-row').filter({ hasText: email });
    // (Waiting, or already invited by the other journey's run of "invite the next person".)
    await expect(row.getByTestId('waitlist-state')).toHaveText(/^(waiting|notified)$/);

    if (javaScriptEnabled) {
      // The export of the same selection.
      const href = (await staff.getByTestId('waitlist-export').getAttribute('href'))!;
      const csv = await staff.request.get(href);
      expect(csv.status()).toBe(200);
      expect(csv.headers()['content-type']).toContain('text/csv');
      const lines = (await csv.text()).trim().split('\n');
      expect(lines[0]).toContain('email,first_name,last_name');
      expect(lines).toHaveLength(2);
      expect(lines[1]).toContain(email);
    } else {
      // Invite the next person: the run's progress reaches "finished" (the page refreshes itself).
      await staff.goto('/admin/waitlist');
      await staff.getByLabel('How many').fill('1');
      await staff.getByTestId('invite-next').click();
      await expect(staff.getByTestId('invite-run').first()).toHaveAttribute('data-status', 'finished', { timeout: 20_000 });
      await expect(staff.getByTestId('invite-run-progress').first()).toContainText('1 of 1 sent');
    }
    await staff.context().close();
  });
}
