// Journey: a customer keeps their account up to date — renames themself, changes the password,
// fills the address book (add, edit, default, delete), saves style and sizes, and moves to a
// new email address confirmed from the dev mailbox — with JavaScript on and off.
import { test, expect } from '@playwright/test';
import { linkMailedTo, newConfirmedCustomer, ready } from './support';

const PASSWORD = 'a perfectly long passphrase';

for (const javaScriptEnabled of [true, false]) {
  const mode = javaScriptEnabled ? 'with JavaScript' : 'without JavaScript';

  test.describe(mode, () => {
    test.use({ javaScriptEnabled });

    test('name, password and email address', async ({ page, browser }) => {
      await newConfirmedCustomer(page, browser, javaScriptEnabled, PASSWORD, 'profile');
      await ready(page, javaScriptEnabled);

      await page.getByLabel('Name', { exact: true }).fill('Robin Renamed');
      await page.getByRole('button', { name: 'Save name' }).click();
      await expect(page.getByText('Your name is saved.')).toBeVisible();
      await expect(page.getByTestId('account-name')).toHaveText('Robin Renamed');
      await ready(page, javaScriptEnabled);

      const passwordPanel = page.getByRole('region', { name: 'Password' });
      await passwordPanel.getByLabel('Current password').fill('not my password');
      await passwordPanel.getByLabel('New password').fill('an even longer passphrase');
      await passwordPanel.getByRole('button', { name: 'Change password' }).click();
      await expect(page.getByTestId('current_password-error')).toHaveText('That is not your current password.');
      await ready(page, javaScriptEnabled);
      const again = page.getByRole('region', { name: 'Password' });
      await again.getByLabel('Current password').fill(PASSWORD);
      await again.getByLabel('New password').fill('an even longer passphrase');
      await again.getByRole('button', { name: 'Change password' }).click();
      await expect(page.getByText('Every other device was signed out.')).toBeVisible();
      await ready(page, javaScriptEnabled);

      const newEmail = `e2e-moved-${javaScriptEnabled ? 'js' : 'nojs'}-${Date.now()}@example.com`;
      const emailPanel = page.getByRole('region', { name: 'Email address' });
      await emailPanel.getByLabel('New email address').fill(newEmail);
      await emailPanel.getByLabel('Current password').fill('an even longer passphrase');
      await emailPanel.getByRole('button', { name: 'Change email address' }).click();
      await expect(page.getByTestId('pending-email')).toContainText(newEmail);

      const link = await linkMailedTo(browser, newEmail, 'Confirm your new email address');
      await page.goto(link);
      await ready(page, javaScriptEnabled);
      await page.getByRole('button', { name: 'Confirm my email address' }).click();
      await expect(page).toHaveURL(/\/account\?verified=1$/);
      await expect(page.getByTestId('account-email')).toHaveText(newEmail);
    });

    test('address book and style & sizes', async ({ page, browser }) => {
      await newConfirmedCustomer(page, browser, javaScriptEnabled, PASSWORD, 'addresses');
      await page.getByRole('link', { name: 'Addresses' }).click();
      await expect(page.getByTestId('no-addresses')).toBeVisible();

      const add = async (name: string, street: string, makeDefault: boolean) => {
        await page.getByRole('link', { name: 'Add an address' }).click();
        await expect(page).toHaveURL(/\/account\/addresses\/new$/);
        await ready(page, javaScriptEnabled);
        await page.getByLabel('Full name').fill(name);
        await page.getByLabel('Street and number').fill(street);
        await page.getByLabel('Postal code').fill('1100-053');
        await page.getByLabel('Town or city').fill('Lisboa');
        await page.getByLabel('Country').selectOption('PT');
        if (makeDefault) await page.getByLabel('Use as my default address').check();
        await page.getByRole('button', { name: 'Save address' }).click();
        await expect(page).toHaveURL(/\/account\/addresses\?saved=1$/);
      };

      // A bad postal code is answered next to the field.
      await page.getByRole('link', { name: 'Add an address' }).click();
      await ready(page, javaScriptEnabled);
      await page.getByLabel('Full name').fill('Robin');
      await page.getByLabel('Street and number').fill('1 Rua');
      await page.getByLabel('Postal code').fill('<nope>');
      await page.getByLabel('Town or city').fill('Lisboa');
      await page.getByLabel('Country').selectOption('PT');
      await page.getByRole('button', { name: 'Save address' }).click();
      await expect(page.getByTestId('postal_code-error')).toContainText('Enter a postal code');
      // What was typed stays: in place with JavaScript, sent back by the server without.
      await expect(page.getByLabel('Full name')).toHaveValue('Robin');
      await expect(page.getByLabel('Postal code')).toHaveValue('<nope>');
      await expect(page.getByLabel('Country')).toHaveValue('PT');
      await page.goto('/account/addresses');

      await add('Robin Home', '1 Rua Augusta', false);
      await add('Robin Work', '2 Avenida da Liberdade', true);
      const cards = page.getByTestId('address');
      await expect(cards).toHaveCount(2);
      await expect(cards.first()).toContainText('Robin Work');
      await expect(cards.first().getByTestId('default-address')).toBeVisible();

      // Edit the home address, then make it the default and delete the other.
      await ready(page, javaScriptEnabled);
      await cards.nth(1).getByRole('link', { name: 'Edit' }).click();
      await ready(page, javaScriptEnabled);
      await expect(page.getByLabel('Street and number')).toHaveValue('1 Rua Augusta');
      await page.getByLabel('Town or city').fill('Porto');
      await page.getByRole('button', { name: 'Save address' }).click();
      await expect(page).toHaveURL(/\/account\/addresses\?saved=1$/);
      await ready(page, javaScriptEnabled);
      await page.getByTestId('address').nth(1).getByRole('button', { name: 'Make default' }).click();
      await expect(page.getByTestId('address').first()).toContainText('Porto');
      await ready(page, javaScriptEnabled);
      await page.getByTestId('address').nth(1).getByRole('button', { name: 'Delete' }).click();
      await expect(page.getByTestId('address')).toHaveCount(1);
      await expect(page.getByTestId('address').first().getByTestId('default-address')).toBeVisible();

      // Style and sizes.
      await page.getByRole('link', { name: 'Style & sizes' }).click();
      await ready(page, javaScriptEnabled);
      await page.getByLabel('Vintage').check();
      await page.getByLabel('Navy').check();
      await page.getByLabel('Fit').selectOption('Relaxed');
      await page.getByLabel('Waist (inches)').fill('5');
      await page.getByRole('button', { name: 'Save style & sizes' }).click();
      await expect(page.getByTestId('waist_in-error')).toHaveText('Enter a waist from 22 to 56 inches.');
      await page.goto('/account/preferences');
      await ready(page, javaScriptEnabled);
      await page.getByLabel('Vintage').check();
      await page.getByLabel('Fit').selectOption('Relaxed');
      await page.getByLabel('Waist (inches)').fill('32');
      await page.getByLabel('Shoes (EU)').fill('42');
      await page.getByRole('button', { name: 'Save style & sizes' }).click();
      await expect(page.getByText('Your style and sizes are saved.')).toBeVisible();
      await page.reload();
      await expect(page.getByLabel('Vintage')).toBeChecked();
      await expect(page.getByLabel('Fit')).toHaveValue('Relaxed');
      await expect(page.getByLabel('Waist (inches)')).toHaveValue('32');
    });
  });
}
