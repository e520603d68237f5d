// Journey: a shopper with JavaScript adds to the cart from a product page after a full page
// load; the add form is an island, so the page stays where it is and the header's count (another
// island) follows in place.
import { test, expect } from '@playwright/test';
import { ready } from './support';

test('adding to the cart from a product page updates the header count in place', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') problems.push(msg.text());
  });
  page.on('pageerror', (err) => problems.push(err.message));

  await page.goto('/products?in_stock=1&min_price=30&sort=price_asc');
  await page.getByTestId('product-tile').nth(8).getByRole('link').first().click();
  await expect(page).toHaveURL(/\/products\/[a-z0-9-]+$/);
  await ready(page, true);
  await expect(page.getByTestId('cart-count')).toHaveText('0');
  // A page load would forget this mark and change the address (`?added=`).
  await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
  const address = page.url();

  await page.getByLabel('Quantity').fill('2');
  await page.getByTestId('add-to-cart').getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.getByTestId('added')).toBeVisible();
  await expect(page.getByTestId('cart-count')).toHaveText('2');
  expect(page.url()).toBe(address);
  expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);

  // The server agrees: a fresh load of the cart shows the two units.
  await page.goto('/cart');
  await expect(page.getByTestId('cart-count')).toHaveText('2');
  expect(problems, 'no console errors or hydration warnings').toEqual([]);
  await context.close();
});
