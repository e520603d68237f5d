// Journey: a shopper changes their mind in the cart — more of one thing, then removes items one
// by one until the cart is empty — with JavaScript on (in place) and off (plain form posts).
import { test, expect } from '@playwright/test';
import { addSomethingToCart, ready } from './support';

const cents = (text: string | null) => Math.round(Number(text!.replace(/[^0-9.]/g, '')) * 100);

for (const javaScriptEnabled of [true, false]) {
  const mode = javaScriptEnabled ? 'with JavaScript' : 'without JavaScript';

  test(`update and remove cart lines (${mode})`, async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    await addSomethingToCart(page, javaScriptEnabled, javaScriptEnabled ? 2 : 3);
    await addSomethingToCart(page, javaScriptEnabled, javaScriptEnabled ? 4 : 5);
    await page.goto('/cart');
    await ready(page, javaScriptEnabled);
    const lines = page.getByTestId('cart-line');
    await expect(lines).toHaveCount(2);
    await expect(page.getByTestId('cart-count')).toHaveText('2');
    // With JavaScript the page is never reloaded: a mark left on the window survives.
    if (javaScriptEnabled) await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));

    // Two of the first: its line total doubles, and so does its share of the subtotal.
    const first = lines.first();
    const sku = await first.getAttribute('data-sku');
    const unit = cents(await first.getByTestId('line-total').textContent());
    const other = cents(await lines.nth(1).getByTestId('line-total').textContent());
    await first.getByLabel('Quantity').fill('2');
    await first.getByRole('button', { name: 'Update' }).click();
    const updated = page.locator(`[data-testid="cart-line"][data-sku="${sku}"]`);
    await expect(updated.getByTestId('line-total')).toHaveText(new RegExp(`${(2 * unit / 100).toFixed(2)}$`));
    await expect(updated.getByLabel('Quantity')).toHaveValue('2');
    await expect(page.getByTestId('cart-count')).toHaveText('3');
    await expect(page.getByTestId('subtotal')).toHaveText(new RegExp(`${((2 * unit + other) / 100).toFixed(2)}$`));
    await expect(page).toHaveURL(/\/cart$/);
    await ready(page, javaScriptEnabled);

    // Remove it: one line left, the count follows.
    await updated.getByTestId('remove-line').click();
    await expect(lines).toHaveCount(1);
    await expect(page.locator(`[data-testid="cart-line"][data-sku="${sku}"]`)).toHaveCount(0);
    await expect(page.getByTestId('cart-count')).toHaveText('1');
    await ready(page, javaScriptEnabled);

    // Remove the last one: the empty cart says so and offers the shop.
    await lines.first().getByTestId('remove-line').click();
    await expect(page.getByTestId('empty-cart')).toBeVisible();
    await expect(page.getByTestId('cart-count')).toHaveText('0');
    if (javaScriptEnabled) {
      expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
    }

    // It stays empty on a fresh load.
    await page.goto('/cart');
    await expect(page.getByTestId('empty-cart')).toBeVisible();
    await context.close();
  });
}
