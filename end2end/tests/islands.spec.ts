// Journey: a shopper with JavaScript uses the islands after a full page load: adds to the cart
// from a product page (the header's count, another island, follows in place), picks a variant,
// saves to the wishlist, and ticks a listing filter that applies at once. Each island acts
// without loading the page: a mark left on `window` survives.
import { test, expect } from '@playwright/test';
import { type Page } from '@playwright/test';
import { newConfirmedCustomer, ready } from './support';

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

/** Collects console errors, warnings (hydration mismatches are warnings) and page errors. */
function problemsOf(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') problems.push(msg.text());
  });
  page.on('pageerror', (err) => problems.push(err.message));
  return problems;
}

/** Leaves a mark on `window` that a page load would forget. */
async function mark(page: Page) {
  await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
}

async function stayed(page: Page): Promise<boolean> {
  return (await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)) === true;
}

test('a variant is picked in place and the address keeps the choice', async ({ page }) => {
  const problems = problemsOf(page);
  await page.goto('/products?q=sneakers');
  await page.getByTestId('product-tile').first().getByRole('link').first().click();
  await expect(page).toHaveURL(/\/products\/[a-z0-9-]+$/);
  await ready(page, true);
  await mark(page);
  const size42 = page.getByTestId('option-size').getByRole('link', { name: '42' });
  await size42.click();
  await expect(page).toHaveURL(/size=42/);
  await expect(page.getByTestId('sku')).toContainText('-42-');
  await expect(size42).toHaveAttribute('aria-current', 'true');
  await expect(page.getByTestId('option-size').locator('[aria-current="true"]')).toHaveCount(1);
  expect(await stayed(page)).toBe(true);
  const sku = (await page.getByTestId('sku').innerText()).replace('SKU ', '').trim();
  if (await page.getByTestId('add-to-cart').count()) {
    // The add form follows the choice.
    await expect(page.getByTestId('add-to-cart').locator('input[name="sku"]')).toHaveValue(sku);
  }
  // A reload (or a shared link) shows the same choice, rendered by the server.
  await page.reload();
  await ready(page, true);
  await expect(page.getByTestId('sku')).toContainText(sku);
  expect(problems, 'no console errors or hydration warnings').toEqual([]);
});

test('the wishlist heart flips in place', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await newConfirmedCustomer(page, browser, true, 'a perfectly long passphrase', 'heart');
  const problems = problemsOf(page);
  await page.goto('/products?sort=rating');
  await page.getByTestId('product-tile').first().getByRole('link').first().click();
  await ready(page, true);
  await mark(page);
  const address = page.url();
  await page.getByTestId('wishlist-add').click();
  await expect(page.getByTestId('wishlist-remove')).toBeVisible();
  expect(page.url()).toBe(address);
  expect(await stayed(page)).toBe(true);
  await page.getByTestId('wishlist-remove').click();
  await expect(page.getByTestId('wishlist-add')).toBeVisible();
  await page.getByTestId('wishlist-add').click();
  await expect(page.getByTestId('wishlist-remove')).toBeVisible();
  expect(await stayed(page)).toBe(true);
  // The server agrees.
  await page.goto('/account/wishlist');
  await expect(page.getByTestId('wishlist').getByTestId('product-tile')).toHaveCount(1);
  expect(problems, 'no console errors or hydration warnings').toEqual([]);
  await context.close();
});

test('a ticked filter or a chosen sort applies without pressing the button', async ({ page }) => {
  const problems = problemsOf(page);
  await page.goto('/products');
  await ready(page, true);
  const all = Number((await page.getByTestId('result-count').innerText()).split(' ')[0]);
  await page.getByTestId('brand-facet').getByRole('checkbox').first().click();
  await expect(page).toHaveURL(/brand=/);
  await ready(page, true);
  await expect(page.getByTestId('brand-facet').getByRole('checkbox').first()).toBeChecked();
  const some = Number((await page.getByTestId('result-count').innerText()).split(' ')[0]);
  expect(some).toBeLessThan(all);
  await page.getByLabel('Sort by').selectOption('price_asc');
  await expect(page).toHaveURL(/brand=.*sort=price_asc/);
  await ready(page, true);
  // A typed price waits for Enter: the page does not load while typing.
  await mark(page);
  await page.getByLabel('Highest price').fill('80');
  await page.getByLabel('Lowest price').click();
  expect(await stayed(page)).toBe(true);
  await page.getByLabel('Highest price').press('Enter');
  await expect(page).toHaveURL(/max_price=80/);
  expect(problems, 'no console errors or hydration warnings').toEqual([]);
});

test('a refused plain form is answered in place, keeping what was typed', async ({ page }) => {
  const problems = problemsOf(page);
  await page.goto('/signup');
  await ready(page, true);
  await mark(page);
  await page.getByLabel('Your name').fill('Robin');
  await page.getByLabel('Email').fill('not-an-email');
  await page.getByLabel('Password').fill('short');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByTestId('email-error')).not.toBeEmpty();
  await expect(page.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Your name')).toHaveAttribute('aria-invalid', 'false');
  expect(await stayed(page)).toBe(true);
  expect(page.url()).toMatch(/\/signup$/);
  await expect(page.getByLabel('Password')).toHaveValue('short');
  // Corrected, the next answer clears the old message and sends the browser on.
  await page.getByLabel('Email').fill(`robin-${Date.now()}@example.com`);
  await page.getByLabel('Password').fill('a perfectly long passphrase');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/login\?check_email=1$/);
  // The refusal's 422 is logged by the browser as a failed load; nothing else may be.
  expect(problems.filter((p) => !p.startsWith('Failed to load resource'))).toEqual([]);
});
