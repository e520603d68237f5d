// Journey: a customer orders; staff find the order, pack and ship it, then refund it; the
// customer sees each step in the order's history and in their notifications — JS on and off.
import { test, expect } from '@playwright/test';
import { addSomethingToCart, fillCheckout, newConfirmedCustomer, ready, signIn } from './support';

const STAFF = { email: 'staff@daydream.localhost', password: 'demo-staff-pass' };

for (const javaScriptEnabled of [true, false]) {
  const mode = javaScriptEnabled ? 'with JavaScript' : 'without JavaScript';

  test(`staff ship and refund an order (${mode})`, async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    const email = await newConfirmedCustomer(page, browser, javaScriptEnabled, 'a perfectly long passphrase', 'orders');
    await addSomethingToCart(page, javaScriptEnabled, javaScriptEnabled ? 2 : 3);
    await page.goto('/checkout');
    await ready(page, javaScriptEnabled);
    await fillCheckout(page, javaScriptEnabled, '4242424242424242');
    await expect(page).toHaveURL(/\/orders\/DD-/);
    const number = (await page.getByTestId('order-number').textContent())!.trim();

    const staffContext = await browser.newContext({ javaScriptEnabled });
    const staff = await staffContext.newPage();
    await signIn(staff, javaScriptEnabled, STAFF.email, STAFF.password, '/admin/orders');
    await ready(staff, javaScriptEnabled);
    await staff.getByLabel('Customer or number').fill(email);
    await staff.getByRole('button', { name: 'Filter' }).click();
    await expect(staff.getByTestId('admin-order-row')).toHaveCount(1);
    await staff.getByRole('link', { name: number }).click();
    await expect(staff).toHaveURL(new RegExp(`/admin/orders/${number}$`));

    for (const [to, label] of [['fulfilled', 'Packed'], ['shipped', 'Shipped']]) {
      await ready(staff, javaScriptEnabled);
      await staff.getByTestId('next-status').selectOption(to);
      if (to === 'shipped') await staff.getByLabel('Note').fill('Tracking 3S123456789');
      await staff.getByRole('button', { name: 'Apply' }).click();
      await expect(staff.getByTestId('order-status')).toHaveText(label);
    }
    // A shipped order can no longer be cancelled: the choice is not offered.
    await expect(staff.getByTestId('next-status').locator('option[value="cancelled"]')).toHaveCount(0);
    await ready(staff, javaScriptEnabled);
    await staff.getByTestId('next-status').selectOption('refunded');
    await staff.getByLabel('Note').fill('Arrived damaged');
    await staff.getByRole('button', { name: 'Apply' }).click();
    await expect(staff.getByTestId('order-status')).toHaveText('Refunded');
    await expect(staff.getByTestId('order-history')).toContainText('Tracking 3S123456789');
    await expect(staff.getByTestId('order-history')).toContainText('Arrived damaged');
    await staffContext.close();

    // The customer sees it all.
    await page.goto(`/orders/${number}`);
    await expect(page.getByTestId('order-status')).toHaveText('Refunded');
    await expect(page.getByTestId('order-history')).toContainText('Shipped');
    await page.goto('/account/notifications');
    await expect(page.getByTestId('notification').first()).toContainText('Refunded');
    await expect(page.getByTestId('unread-count')).toHaveText('4');
    await context.close();
  });
}
