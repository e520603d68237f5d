// Journey: staff add a category under Home (or Accessories), rename it (the old address keeps working), move it
// up the tree, and add a brand — each seen in the shop — with JavaScript on and off.
import { test, expect } from '@playwright/test';
import { ready } from './support';

const STAFF = { email: 'staff@daydream.localhost', password: 'demo-staff-pass' };

for (const javaScriptEnabled of [true, false]) {
  const mode = javaScriptEnabled ? 'with JavaScript' : 'without JavaScript';

  test(`edit the category tree and the brands (${mode})`, async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    await page.goto('/login?next=/admin/categories');
    await ready(page, javaScriptEnabled);
    await page.getByLabel('Email').fill(STAFF.email);
    await page.getByLabel('Password').fill(STAFF.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/admin\/categories$/);
    await ready(page, javaScriptEnabled);

    const tag = `${javaScriptEnabled ? 'js' : 'nojs'}${Date.now()}`;
    // Each mode under its own parent: the two run side by side, and "last among its siblings"
    // must not depend on which one added its category first.
    const parent = javaScriptEnabled ? { slug: 'home', name: /Home/ } : { slug: 'accessories', name: /Accessories/ };
    const form = page.getByTestId('new-category');
    // A bad slug first: the message is next to the field.
    await form.getByLabel('Name').fill(`Candles ${tag}`);
    await form.getByLabel('Slug').fill('Not a slug!');
    await form.getByLabel('Parent').selectOption(parent.slug);
    await page.getByTestId('add-category').click();
    await expect(page.getByTestId('slug-error')).toContainText('lowercase letters and digits');
    await ready(page, javaScriptEnabled);
    // What was typed is kept, with JavaScript off too.
    await expect(form.getByLabel('Name')).toHaveValue(`Candles ${tag}`);
    await expect(form.getByLabel('Slug')).toHaveValue('Not a slug!');
    await expect(form.getByLabel('Parent').locator('option:checked')).toHaveText(parent.name);
    await form.getByLabel('Slug').fill(`candles-${tag}`);
    await page.getByTestId('add-category').click();
    await expect(page.getByTestId('notice')).toContainText('added');
    const row = page.getByTestId(`category-candles-${tag}`);
    await expect(row).toContainText(`Candles ${tag}`);
    await ready(page, javaScriptEnabled);

    // Move it up among its parent's children: it was last, now it is not.
    await expect(row.getByRole('button', { name: /down$/ })).toBeDisabled();
    await row.getByRole('button', { name: /up$/ }).click();
    await expect(page.getByTestId(`category-candles-${tag}`).getByRole('button', { name: /down$/ })).toBeEnabled();
    await ready(page, javaScriptEnabled);

    // Rename it: the shop answers at the new slug, the old one redirects there.
    await page.getByTestId(`category-candles-${tag}`).getByRole('link').click();
    await expect(page.getByTestId('editor-heading')).toContainText(`Candles ${tag}`);
    await ready(page, javaScriptEnabled);
    await page.getByLabel('Name').fill(`Lanterns ${tag}`);
    await page.getByLabel('Slug').fill(`lanterns-${tag}`);
    await page.getByTestId('save-named').click();
    await expect(page).toHaveURL(/\/admin\/categories\/\d+\?saved=1$/);
    await expect(page.getByTestId('editor-heading')).toContainText(`Lanterns ${tag}`);
    await page.goto(`/categories/candles-${tag}`);
    await expect(page).toHaveURL(new RegExp(`/categories/lanterns-${tag}$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Lanterns ${tag}`);

    // A brand: added in the admin, its page in the shop.
    await page.goto('/admin/brands');
    await ready(page, javaScriptEnabled);
    const brand = page.getByTestId('new-brand');
    await brand.getByLabel('Name').fill(`Wick ${tag}`);
    await brand.getByLabel('Description').fill('Hand-poured in small batches.');
    await page.getByTestId('add-brand').click();
    await expect(page.getByTestId(`brand-wick-${tag}`)).toContainText(`Wick ${tag}`);
    await page.goto(`/brands/wick-${tag}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Wick ${tag}`);
    await context.close();
  });
}
