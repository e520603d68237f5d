// Journey: a visitor opens the home page, with and without JavaScript, and follows a dead link.
import { test, expect, type Page } from '@playwright/test';

/** Opens `/` once the studio's examples exist (drawn by a job in the server's first seconds). */
async function homeWithExamples(page: Page) {
  await expect(async () => {
    await page.goto('/');
    await expect(page.getByTestId('style-picker').getByRole('button', { name: 'Pop art' })).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 60_000 });
}

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the home page content is in the server-rendered HTML', async ({ page }) => {
    const response = await page.goto('/');
    expect(response?.status()).toBe(200);
    await expect(page).toHaveTitle('Daydream');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'Turn your photos into art you can hang.',
    );
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Studio' })).toBeVisible();
    await homeWithExamples(page);
    // Real examples: the before and after pictures load, the style's name links to it.
    await expect(page.getByTestId('style-name')).toHaveText('Watercolour');
    await expect(page.getByTestId('style-name')).toHaveAttribute('href', '/studio/styles/watercolour');
    expect(await page.getByTestId('style-after').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    // Without the WASM the picker cannot react: the click changes nothing.
    await page.getByRole('button', { name: 'Pop art' }).click();
    await expect(page.getByTestId('style-name')).toHaveText('Watercolour');
  });
});

test.describe('with JavaScript', () => {
  test('the style picker reacts once the page has hydrated', async ({ page }) => {
    const problems: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error' || msg.type() === 'warning') problems.push(msg.text());
    });
    page.on('pageerror', (err) => problems.push(err.message));

    await homeWithExamples(page);
    const popArt = page.getByRole('button', { name: 'Pop art' });
    // Hydration finishes shortly after load; keep clicking until the WASM answers.
    await expect(async () => {
      await popArt.click();
      await expect(page.getByTestId('style-name')).toHaveText('Pop art', { timeout: 250 });
    }).toPass({ timeout: 15_000 });
    await expect(popArt).toHaveAttribute('aria-pressed', 'true');

    await page.getByRole('button', { name: 'Vintage' }).click();
    await expect(page.getByTestId('style-name')).toHaveText('Vintage');
    await expect(popArt).toHaveAttribute('aria-pressed', 'false');
    expect(problems, 'no console errors or hydration warnings').toEqual([]);
  });
});

test('an unknown URL answers 404 with a real page', async ({ page }) => {
  const response = await page.goto('/this/page/does/not/exist');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("We couldn't find that page");
  await page.getByRole('link', { name: 'Back to the home page' }).click();
  await expect(page).toHaveURL(/\/$/);
});
