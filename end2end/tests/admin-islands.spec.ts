// Journey: staff edit a product with the search-result preview, an admin island that comes from
// the admin's own WASM package — never downloaded by shoppers — and the editor still saves when
// that package fails to load or JavaScript is off.
import { test, expect, type Page } from '@playwright/test';
import { ready, signIn } from './support';

const STAFF = { email: 'staff@daydream.localhost', password: 'demo-staff-pass' };
const ADMIN_PACKAGE = /\/pkg\/admin\.[0-9a-f]+\.(js|wasm)$/;

async function signInToNewProduct(page: Page, javaScriptEnabled: boolean) {
  await signIn(page, javaScriptEnabled, STAFF.email, STAFF.password, '/admin/products/new');
  await ready(page, javaScriptEnabled);
}

test('shoppers never download the admin package; the editor preview follows the fields', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const fetched: string[] = [];
  page.on('request', (request) => fetched.push(new URL(request.url()).pathname));
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));

  for (const path of ['/', '/products', '/cart']) {
    await page.goto(path);
    await ready(page, true);
  }
  expect(fetched.filter((p) => ADMIN_PACKAGE.test(p)), 'no admin package on shop pages').toEqual([]);

  await signInToNewProduct(page, true);
  await expect(page.locator('body')).toHaveAttribute('data-admin-hydrated', 'true', { timeout: 15_000 });
  expect(fetched.filter((p) => ADMIN_PACKAGE.test(p)).length, 'the editor loads the admin package').toBe(2);

  const preview = page.getByTestId('search-preview');
  await page.getByLabel('Name').fill('Linen Shirt — Navy');
  await expect(preview.getByTestId('search-preview-title')).toHaveText('Linen Shirt — Navy · Daydream');
  await expect(preview.getByTestId('search-preview-url')).toHaveText(/\/products\/linen-shirt-navy$/);
  await page.getByLabel('Slug').fill('summer-linen');
  await expect(preview.getByTestId('search-preview-url')).toHaveText(/\/products\/summer-linen$/);
  await page.getByLabel('Description').fill('Breathable linen. '.repeat(12));
  await expect(preview.getByTestId('search-preview-description')).toHaveText(/…$/);
  await page.getByLabel('Name').fill('A very long product name that no search engine shows in full at all');
  await expect(preview.getByTestId('search-preview-title-length')).toContainText('cut off in results');
  expect(errors).toEqual([]);
  await context.close();
});

for (const how of ['the admin package fails to load', 'JavaScript is off'] as const) {
  test(`the editor saves and shows the saved preview when ${how}`, async ({ browser }) => {
    const javaScriptEnabled = how !== 'JavaScript is off';
    const context = await browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    if (javaScriptEnabled) await page.route(ADMIN_PACKAGE, (route) => route.abort());

    await signInToNewProduct(page, javaScriptEnabled);
    const tag = `${javaScriptEnabled ? 'blocked' : 'nojs'}${Date.now()}`;
    const name = `Preview Mug ${tag}`;
    await page.getByLabel('Name').fill(name);
    // Nothing follows the typing without the admin's WASM: the preview is the server's HTML.
    await expect(page.getByTestId('search-preview-title')).toHaveText(' · Daydream');
    await page.getByLabel('Description').fill('A mug kept as a draft by the preview journey.');
    await page.getByLabel('Status').selectOption('draft');
    await page.getByLabel('Category').selectOption('mugs');
    await page.getByLabel('Colour, row 1').fill('Sand');
    await page.getByLabel('SKU, row 1').fill(`PRV-${tag}`);
    await page.getByLabel('Price, row 1', { exact: true }).fill('12');
    await page.getByLabel('Stock, row 1').fill('3');
    await page.getByTestId('save-product').click();
    await expect(page).toHaveURL(/\/admin\/products\/\d+\?saved=1$/);
    await expect(page.getByTestId('search-preview-title')).toHaveText(`${name} · Daydream`);
    await expect(page.getByTestId('search-preview-url')).toHaveText(new RegExp(`/products/preview-mug-${tag}$`));
    if (javaScriptEnabled) {
      await ready(page, true);
      await expect(page.locator('body')).not.toHaveAttribute('data-admin-hydrated', 'true');
    }
    expect(errors, 'a failed load is not an error on the page').toEqual([]);
    await context.close();
  });
}
