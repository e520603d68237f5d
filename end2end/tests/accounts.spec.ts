// Journey: a new customer signs up, confirms the address through the link in the dev mailbox
// (read by the demo admin), lands signed in, and signs out — with JavaScript on and off.
import { test, expect } from '@playwright/test';
import { ADMIN, linkMailedTo, ready } from './support';

for (const javaScriptEnabled of [true, false]) {
  const mode = javaScriptEnabled ? 'with JavaScript' : 'without JavaScript';

  test.describe(mode, () => {
    test.use({ javaScriptEnabled });

    test('sign up, confirm through the dev mailbox, land signed in, sign out', async ({ page, browser }) => {
      const email = `e2e-${javaScriptEnabled ? 'js' : 'nojs'}-${Date.now()}@example.com`;
      await page.goto('/signup');
      await ready(page, javaScriptEnabled);
      await page.getByLabel('Your name').fill('Robin Example');
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill('a perfectly long passphrase');
      await page.getByRole('button', { name: 'Create account' }).click();
      await expect(page).toHaveURL(/\/login\?check_email=1$/);
      await expect(page.getByRole('status')).toContainText('We sent you an email');

      const link = await linkMailedTo(browser, email);
      await page.goto(link);
      await page.getByRole('button', { name: 'Confirm my email address' }).click();
      await expect(page).toHaveURL(/\/account\?verified=1$/);
      await expect(page.getByTestId('account-name')).toHaveText('Robin Example');
      await expect(page.getByTestId('account-email')).toHaveText(email);

      await page.getByRole('button', { name: 'Sign out' }).click();
      await expect(page).toHaveURL(/\/$/);
      await page.goto('/account');
      await expect(page).toHaveURL(/\/login\?next=%2Faccount$/);
    });

    test('bad input is answered next to the field', async ({ page }) => {
      await page.goto('/signup');
      await ready(page, javaScriptEnabled);
      await page.getByLabel('Your name').fill('Robin');
      await page.getByLabel('Email').fill('not-an-email');
      await page.getByLabel('Password').fill('short');
      await page.getByRole('button', { name: 'Create account' }).click();
      await expect(page.getByTestId('email-error')).toHaveText('Enter an email address like name@example.com.');
      if (javaScriptEnabled) {
        // Updated in place by the WASM: no page load, the URL is untouched.
        expect(page.url()).not.toContain('__err');
      } else {
        // A real form post, answered by a redirect back to the form carrying the error.
        expect(page.url()).toContain('__err');
      }
    });

    test('a wrong password gets one generic message', async ({ page }) => {
      await page.goto('/login');
      await ready(page, javaScriptEnabled);
      await page.getByLabel('Email').fill(ADMIN.email);
      await page.getByLabel('Password').fill('not the password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByTestId('form-error')).toHaveText('Wrong email or password.');
    });
  });
}

test('forgot password: a reset link by email, a new password, signed in with it', async ({ page, browser }) => {
  const customer = 'customer@daydream.localhost';
  await page.goto('/forgot-password');
  await ready(page, true);
  await page.getByLabel('Email').fill(customer);
  await page.getByRole('button', { name: 'Send me a link' }).click();
  await expect(page).toHaveURL(/\/forgot-password\?sent=1$/);
  await expect(page.getByRole('status')).toContainText('we sent it a link');

  const link = await linkMailedTo(browser, customer, 'Reset your password', '/reset-password?token=');
  await page.goto(link);
  await ready(page, true);
  await page.getByLabel('New password').fill('my fresh passphrase');
  await page.getByRole('button', { name: 'Save the new password' }).click();
  await expect(page).toHaveURL(/\/login\?reset=1$/);

  await page.getByLabel('Email').fill(customer);
  await page.getByLabel('Password').fill('my fresh passphrase');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByTestId('account-email')).toHaveText(customer);

  // The link was single-use.
  await page.goto(link);
  await expect(page.getByTestId('token-error')).toHaveText('This link has already been used.');
});
