// Journey: a customer writes a review (a bad one first), sees it waiting; staff approve it in
// the moderation queue; it shows on the product page — with JavaScript on and off.
import { test, expect } from '@playwright/test';
import { newConfirmedCustomer, ready } from './support';

const STAFF = { email: 'staff@daydream.localhost', password: 'demo-staff-pass' };

for (const javaScriptEnabled of [true, false]) {
  const mode = javaScriptEnabled ? 'with JavaScript' : 'without JavaScript';

  test(`write a review, staff approve it, it shows (${mode})`, async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    await newConfirmedCustomer(page, browser, javaScriptEnabled, 'a perfectly long passphrase', 'review');
    await page.goto('/products?sort=newest');
    await ready(page, javaScriptEnabled);
    await page.getByTestId('product-tile').nth(javaScriptEnabled ? 1 : 2).getByRole('link').first().click();
    await expect(page).toHaveURL(/\/products\/[a-z0-9-]+$/);
    const productUrl = page.url();
    await ready(page, javaScriptEnabled);

    // Too short: the message is next to the field, nothing is stored.
    const form = page.getByTestId('review-form');
    await form.getByRole('radio', { name: '4 ★' }).check();
    await form.getByLabel('Title').fill('Hm');
    await form.getByLabel('Your review').fill('Short');
    await page.getByTestId('submit-review').click();
    await expect(page.getByTestId('review-title-error')).toContainText('at least 3');
    await expect(page.getByTestId('body-error')).toContainText('at least 10');

    const title = `Lovely colour ${javaScriptEnabled ? 'js' : 'nojs'} ${Date.now()}`;
    await ready(page, javaScriptEnabled);
    await form.getByRole('radio', { name: '4 ★' }).check();
    await form.getByLabel('Title').fill(title);
    await form.getByLabel('Your review').fill('The colour is even better in person and it washes well.');
    await page.getByTestId('submit-review').click();
    await expect(page).toHaveURL(/review=sent/);
    await expect(page.getByTestId('notice')).toContainText('once our team has read it');
    await expect(page.getByTestId('own-review-status')).toContainText('waiting for approval');
    // The reviews section is there (a list, or the "no reviews yet" line) and lacks this one.
    const published = page.getByTestId('reviews').or(page.getByTestId('no-reviews'));
    await expect(published).toBeVisible();
    await expect(published).not.toContainText(title);

    // Staff approve it from the queue.
    const staffContext = await browser.newContext({ javaScriptEnabled });
    const staff = await staffContext.newPage();
    await staff.goto('/login?next=/admin/reviews');
    await ready(staff, javaScriptEnabled);
    await staff.getByLabel('Email').fill(STAFF.email);
    await staff.getByLabel('Password').fill(STAFF.password);
    await staff.getByRole('button', { name: 'Sign in' }).click();
    await expect(staff).toHaveURL(/\/admin\/reviews$/);
    await ready(staff, javaScriptEnabled);
    await staff.getByLabel('Product, author or title').fill(title);
    await staff.getByRole('button', { name: 'Show' }).click();
    await expect(staff).toHaveURL(/q=Lovely/);
    await ready(staff, javaScriptEnabled);
    await staff.getByRole('row', { name: new RegExp(title) }).getByRole('checkbox').check();
    await staff.getByTestId('approve-selected').click();
    await expect(staff.getByTestId('moderated')).toContainText('1 review(s) moderated');
    const queue = staff.getByTestId('review-queue').or(staff.getByTestId('queue-empty'));
    await expect(queue).toBeVisible();
    await expect(queue).not.toContainText(title);
    await staffContext.close();

    // Published: on the page for everyone, and its author is told.
    await page.goto(productUrl);
    await ready(page, javaScriptEnabled);
    await expect(page.getByTestId('reviews')).toContainText(title);
    await expect(page.getByTestId('own-review-status')).toContainText('published');
    await context.close();
  });
}
