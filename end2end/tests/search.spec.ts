// Journey: a shopper searches from the header — with JavaScript the box suggests categories,
// brands and products as they type and is driven by the keyboard (combobox roles); without it
// the same box is a plain search form.
import { test, expect } from '@playwright/test';
import { ready } from './support';

test.describe('with JavaScript', () => {
  test('suggestions follow the typing and the keyboard picks one', async ({ page }) => {
    await page.goto('/');
    await ready(page, true);
    const box = page.getByRole('combobox', { name: 'Search the shop' });
    await box.click();
    await box.pressSequentially('sneak', { delay: 40 });
    const list = page.getByRole('listbox', { name: 'Suggestions' });
    await expect(list).toBeVisible();
    await expect(box).toHaveAttribute('aria-expanded', 'true');
    const options = list.getByRole('option');
    await expect(options.first()).toContainText(/Sneakers/i);

    // ↓ twice then ↑: the second, then the first option is active.
    await box.press('ArrowDown');
    await box.press('ArrowDown');
    await expect(box).toHaveAttribute('aria-activedescendant', 'site-search-option-1');
    await box.press('ArrowUp');
    await expect(box).toHaveAttribute('aria-activedescendant', 'site-search-option-0');
    await expect(options.first()).toHaveAttribute('aria-selected', 'true');

    // Escape closes the list (and, in a search box, clears it); typing opens it again; Enter
    // follows the active suggestion.
    await box.press('Escape');
    await expect(list).toBeHidden();
    await box.pressSequentially('sneak', { delay: 40 });
    await expect(list).toBeVisible();
    await box.press('ArrowDown');
    const href = await options.first().getByRole('link').getAttribute('href');
    await box.press('Enter');
    await expect(page).toHaveURL(new RegExp(`${href!.replace(/[?]/g, '\\?')}$`));
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the header box is a plain search form', async ({ page }) => {
    await page.goto('/');
    const box = page.getByRole('combobox', { name: 'Search the shop' });
    await box.fill('linen');
    await box.press('Enter');
    await expect(page).toHaveURL(/\/products\?q=linen$/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('linen');
  });
});
