// Journey: a visitor writes to the team through the contact form, with JavaScript on and off;
// a mistake is answered next to the field with what was typed kept; staff find the message in
// /admin/messages, see its delivery state and the mails it caused, and reply by email.
import { test, expect } from '@playwright/test';
import { ADMIN, ready, signIn } from './support';

for (const javaScriptEnabled of [true, false]) {
  const mode = javaScriptEnabled ? 'with JavaScript' : 'without JavaScript';

  test(`a visitor writes to the team and staff reply (${mode})`, async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    const subject = `Framed prints ${javaScriptEnabled ? 'js' : 'nojs'} ${Date.now()}`;
    const email = `e2e-contact-${javaScriptEnabled ? 'js' : 'nojs'}-${Date.now()}@example.com`;

    await page.goto('/contact');
    await ready(page, javaScriptEnabled);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Contact us');
    await page.getByLabel('Your name').fill('Robin Example');
    await page.getByLabel('Your email').fill(email);
    await page.getByLabel('Subject').fill(subject);
    await page.getByLabel('Message').fill('Short');
    // The server refuses a form sent sooner than a person types (a second in these runs).
    await page.waitForTimeout(1_200);
    await page.getByRole('button', { name: 'Send the message' }).click();
    await expect(page.getByTestId('message-error')).toContainText('at least 10 characters');
    await expect(page.getByLabel('Subject')).toHaveValue(subject);

    await page.getByLabel('Message').fill('Do you ship framed prints to Norway, and how long does it take?');
    await page.waitForTimeout(1_200);
    await page.getByRole('button', { name: 'Send the message' }).click();
    await expect(page).toHaveURL(/\/contact\?sent=1$/);
    await expect(page.getByTestId('contact-sent')).toContainText('your message is with us');
    await context.close();

    // Staff read it and answer.
    const staff = await (await browser.newContext({ javaScriptEnabled })).newPage();
    await signIn(staff, javaScriptEnabled, ADMIN.email, ADMIN.password, '/admin/messages');
    await staff.getByLabel('Search', { exact: true }).fill(subject);
    await staff.getByRole('button', { name: 'Filter' }).click();
    const row = staff.getByTestId('message-row').filter({ hasText: subject });
    await expect(row).toHaveCount(1);
    // Without SMTP in these runs the notice waits in the outbox.
    await expect(row.getByTestId('message-status')).toHaveText('pending');
    await row.getByRole('link', { name: subject }).click();
    await ready(staff, javaScriptEnabled);
    await expect(staff.getByTestId('message-body')).toContainText('Norway');
    await expect(staff.getByTestId('delivery')).toHaveCount(2);
    await staff.getByLabel('Your answer').fill('Yes: framed prints reach Norway in about five working days.');
    await staff.getByTestId('send-reply').click();
    await expect(staff.getByText('The answer is on its way')).toBeVisible();
    await expect(staff.getByTestId('message-handled')).toHaveText('handled');
    await expect(staff.getByTestId('delivery').filter({ hasText: 'reply' })).toHaveCount(1);
    await staff.context().close();
  });
}
