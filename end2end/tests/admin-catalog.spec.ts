// Journey: staff create a product with a variant and a picture in the admin, publish it, and
// find it in the shop — with JavaScript on and off.
import { test, expect } from '@playwright/test';
import { ready } from './support';

const STAFF = { email: 'staff@daydream.localhost', password: 'demo-staff-pass' };
// A 1 × 1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

for (const javaScriptEnabled of [true, false]) {
  const mode = javaScriptEnabled ? 'with JavaScript' : 'without JavaScript';

  test(`create a product with a picture and see it in the shop (${mode})`, async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    await page.goto('/login?next=/admin/products/new');
    await ready(page, javaScriptEnabled);
    await page.getByLabel('Email').fill(STAFF.email);
    await page.getByLabel('Password').fill(STAFF.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/admin\/products\/new$/);
    await ready(page, javaScriptEnabled);

    const tag = `${javaScriptEnabled ? 'js' : 'nojs'}${Date.now()}`;
    const name = `Glazed Mug ${tag}`;
    await page.getByLabel('Name').fill(name);
    await page.getByLabel('Description').fill('A glazed stoneware mug for slow mornings.');
    await page.getByLabel('Status').selectOption('active');
    await page.getByLabel('Brand').selectOption('fjord');
    await page.getByLabel('Category').selectOption('mugs');
    await page.getByLabel('Colour, row 1').fill('Sand');
    await page.getByLabel('SKU, row 1').fill(`MUG-${tag}`);
    // A bad price first: the message is next to the cell, and everything typed is still there
    // (with JavaScript off too: the server sends the form back as it was posted).
    await page.getByLabel('Price, row 1', { exact: true }).fill('twelve');
    await page.getByLabel('Stock, row 1').fill('9');
    const fields = ['Name', 'Description', 'Status', 'Brand', 'Category', 'Colour, row 1', 'SKU, row 1', 'Stock, row 1'];
    const typed = await Promise.all(fields.map((label) => page.getByLabel(label, { exact: true }).inputValue()));
    await page.getByTestId('save-product').click();
    await expect(page.getByTestId('product-form')).toContainText('Enter a price of at most two decimals');
    await ready(page, javaScriptEnabled);
    for (const [i, label] of fields.entries()) {
      await expect(page.getByLabel(label, { exact: true }), label).toHaveValue(typed[i]);
    }
    expect(typed[0]).toBe(name);
    await expect(page.getByLabel('Price, row 1', { exact: true })).toHaveValue('twelve');
    await page.getByLabel('Price, row 1', { exact: true }).fill('18.50');
    await page.getByTestId('save-product').click();
    await expect(page).toHaveURL(/\/admin\/products\/\d+\?saved=1$/);
    await expect(page.getByTestId('notice')).toContainText('saved');
    await ready(page, javaScriptEnabled);

    // A picture: a wrong file is refused with its reason, a real one is added.
    await page.locator('input[name="file"]').setInputFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('just text') });
    await page.getByTestId('upload-image').click();
    await expect(page.getByTestId('file-error')).toContainText('not a JPEG, PNG, WebP or GIF');
    await page.locator('input[name="file"]').setInputFiles({ name: 'mug.png', mimeType: 'image/png', buffer: PNG });
    await page.locator('input[name="alt"]').fill('The glazed mug');
    await page.getByTestId('upload-image').click();
    await expect(page).toHaveURL(/uploaded=1/);
    await expect(page.getByTestId('images').getByTestId('image')).toHaveCount(1);
    await page.locator('input[name="file"]').setInputFiles({ name: 'mug-top.png', mimeType: 'image/png', buffer: PNG });
    await page.locator('input[name="alt"]').fill('The mug from above');
    await page.getByTestId('upload-image').click();
    await expect(page.getByTestId('images').getByTestId('image')).toHaveCount(2);

    // In the shop.
    await page.getByTestId('view-in-shop').click();
    await expect(page).toHaveURL(/\/products\/glazed-mug-/);
    await expect(page.getByTestId('product-name')).toHaveText(name);
    await expect(page.getByTestId('price')).toContainText('€18.50');
    await expect(page.getByTestId('gallery').getByRole('img', { name: 'The glazed mug' })).toBeVisible();
    // The gallery's second thumbnail shows its picture in place, with or without JavaScript
    // (radio buttons and the stylesheet, no WASM).
    await ready(page, javaScriptEnabled);
    const address = page.url();
    const gallery = page.getByTestId('gallery');
    await expect(gallery.getByRole('img', { name: 'The mug from above' })).toBeHidden();
    await gallery.getByTestId('thumbnail').nth(1).click();
    await expect(gallery.getByRole('img', { name: 'The mug from above' })).toBeVisible();
    await expect(gallery.getByRole('img', { name: 'The glazed mug' })).toBeHidden();
    await expect(gallery.getByRole('radio', { name: 'Show picture 2 of 2: The mug from above' })).toBeChecked();
    expect(page.url()).toBe(address);
    // And by keyboard: the arrow key moves back to the first.
    await gallery.getByRole('radio', { name: 'Show picture 2 of 2: The mug from above' }).press('ArrowLeft');
    await expect(gallery.getByRole('img', { name: 'The glazed mug' })).toBeVisible();
    await page.goto(`/products?q=${encodeURIComponent(name)}`);
    await expect(page.getByTestId('product-tile').first()).toContainText(name);
    await context.close();
  });
}
