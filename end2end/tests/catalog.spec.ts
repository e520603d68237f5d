// Journey: a shopper browses the demo store, filters by brand and price, searches with a typo,
// opens a product and picks a variant — with JavaScript on and off.
import { test, expect } from '@playwright/test';
import { newConfirmedCustomer, ready } from './support';

for (const javaScriptEnabled of [true, false]) {
  const mode = javaScriptEnabled ? 'with JavaScript' : 'without JavaScript';

  test.describe(mode, () => {
    test.use({ javaScriptEnabled });

    test('browse, filter, search with a typo, open a product, pick a variant', async ({ page }) => {
      await page.goto('/products');
      await ready(page, javaScriptEnabled);
      await expect(page.getByTestId('product-tile')).toHaveCount(24);
      const all = Number((await page.getByTestId('result-count').innerText()).split(' ')[0]);
      expect(all).toBeGreaterThanOrEqual(200);

      // Filter by one brand and a price ceiling through the form.
      const brandBox = page.getByTestId('brand-facet').getByRole('checkbox').first();
      await brandBox.click();
      if (javaScriptEnabled) {
        // With JavaScript a ticked box applies at once (the filters' island).
        await expect(page).toHaveURL(/brand=/);
        await ready(page, javaScriptEnabled);
      }
      await page.getByLabel('Highest price').fill('80');
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await expect(page).toHaveURL(/brand=.*max_price=80/);
      const filtered = Number((await page.getByTestId('result-count').innerText()).split(' ')[0]);
      expect(filtered).toBeGreaterThan(0);
      expect(filtered).toBeLessThan(all);
      await expect(page.getByTestId('brand-facet').getByRole('checkbox').first()).toBeChecked();

      // A typo still finds sneakers.
      await page.goto('/products?q=snekaers');
      await ready(page, javaScriptEnabled);
      await expect(page.getByTestId('corrected-query')).toContainText('sneakers');
      const first = page.getByTestId('product-tile').first();
      await expect(first).toContainText('Sneakers');

      // Open it and pick a size.
      await first.getByRole('link').first().click();
      await expect(page).toHaveURL(/\/products\/[a-z0-9-]+$/);
      await ready(page, javaScriptEnabled);
      await expect(page.getByTestId('product-name')).toContainText('Sneakers');
      await expect(page.getByTestId('breadcrumbs')).toContainText('Shoes');
      await page.getByTestId('option-size').getByRole('link', { name: '42' }).click();
      await expect(page).toHaveURL(/size=42/);
      await expect(page.getByTestId('sku')).toContainText('-42-');
      await expect(page.getByTestId('option-size').getByRole('link', { name: '42' })).toHaveAttribute('aria-current', 'true');
    });
  });
}

test('a crawler gets complete HTML: title, description, canonical, JSON-LD', async ({ request }) => {
  const listing = await request.get('/products');
  expect(listing.status()).toBe(200);
  const html = await listing.text();
  expect(html).toMatch(/<title>All products · Daydream<\/title>/);
  expect(html).toContain('rel="canonical"');
  const link = html.match(/href="(\/products\/[a-z0-9-]+)"/)![1];
  const product = await request.get(link);
  expect(product.status()).toBe(200);
  const page = await product.text();
  const ld = page.match(/<script type="application\/ld\+json">([^<]+)<\/script>/)![1];
  const [item, crumbs] = JSON.parse(ld);
  expect(item['@type']).toBe('Product');
  expect(item.offers[0].priceCurrency).toBe('EUR');
  expect(item.offers[0].availability).toMatch(/schema.org\/(InStock|OutOfStock)/);
  expect(crumbs['@type']).toBe('BreadcrumbList');
  expect((await request.get('/products/no-such-product')).status()).toBe(404);
});

for (const javaScriptEnabled of [true, false]) {
  test(`save a product to the wishlist and remove it (${javaScriptEnabled ? 'with' : 'without'} JavaScript)`, async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    await newConfirmedCustomer(page, browser, javaScriptEnabled, 'a perfectly long passphrase', 'wishlist');
    await page.goto('/products?sort=rating');
    await ready(page, javaScriptEnabled);
    await page.getByTestId('product-tile').first().getByRole('link').first().click();
    await ready(page, javaScriptEnabled);
    const name = await page.getByTestId('product-name').innerText();
    await page.getByTestId('wishlist-add').click();
    await expect(page.getByTestId('wishlist-remove')).toBeVisible();
    await page.goto('/account/wishlist');
    await expect(page.getByTestId('wishlist')).toContainText(name);
    await ready(page, javaScriptEnabled);
    await page.getByTestId('wishlist-remove').click();
    // Wait for the answer: the button flips in place (JS) or the page reloads empty (no JS).
    await expect(page.getByTestId('wishlist-add').or(page.getByTestId('wishlist-empty'))).toBeVisible();
    await page.goto('/account/wishlist');
    await expect(page.getByTestId('wishlist-empty')).toBeVisible();
    await context.close();
  });
}
