// Helpers the journeys share: waiting for hydration, reading the dev mailbox as the demo
// admin, and a brand-new confirmed customer.
import { expect, type Browser, type Page } from '@playwright/test';

export const ADMIN = { email: 'admin@daydream.localhost', password: 'demo-admin-pass' };

/** With JavaScript, waits until the WASM has hydrated the page, so forms update in place. */
export async function ready(page: Page, javaScriptEnabled: boolean) {
  if (javaScriptEnabled) await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true', { timeout: 15_000 });
}

/** Signs in as the demo admin in a separate browser and returns the newest link mailed to `to`. */
export async function linkMailedTo(
  browser: Browser,
  to: string,
  subject = 'Confirm your email address',
  path = '/verify-email?token=',
): Promise<string> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/login?next=/admin/mail');
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/admin\/mail$/);
  await page.getByRole('row', { name: new RegExp(to) }).getByRole('link').first().click();
  await expect(page.getByTestId('mail-subject')).toHaveText(subject);
  const href = await page.getByTestId('mail-body').getByRole('link').first().getAttribute('href');
  await context.close();
  expect(href).toContain(path);
  return href!;
}

/** Signs a new customer up through the forms, confirms the address from the dev mailbox, and
 *  leaves `page` signed in on `/account`. Returns the address. */
export async function newConfirmedCustomer(
  page: Page,
  browser: Browser,
  javaScriptEnabled: boolean,
  password: string,
  tag: string,
): Promise<string> {
  const email = `e2e-${tag}-${javaScriptEnabled ? 'js' : 'nojs'}-${Date.now()}@example.com`;
  await page.goto('/signup');
  await ready(page, javaScriptEnabled);
  await page.getByLabel('Your name').fill('Robin Example');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/login\?check_email=1$/);
  const link = await linkMailedTo(browser, email);
  await page.goto(link);
  await ready(page, javaScriptEnabled);
  await page.getByRole('button', { name: 'Confirm my email address' }).click();
  await expect(page).toHaveURL(/\/account\?verified=1$/);
  return email;
}

/** Puts one unit of an in-stock product costing at least €30 (the `index`-th cheapest, so
 *  journeys running side by side buy different ones) in `page`'s cart from its product page;
 *  returns the product page's path. */
export async function addSomethingToCart(page: Page, javaScriptEnabled: boolean, index: number): Promise<string> {
  await page.goto('/products?in_stock=1&min_price=30&sort=price_asc');
  await ready(page, javaScriptEnabled);
  await page.getByTestId('product-tile').nth(index).getByRole('link').first().click();
  await expect(page).toHaveURL(/\/products\/[a-z0-9-]+/);
  await ready(page, javaScriptEnabled);
  const path = new URL(page.url()).pathname;
  await page.getByTestId('add-to-cart').getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.getByTestId('added')).toBeVisible();
  return path;
}

/** Fills the checkout's details step with a new Dutch address and goes on to the review. */
export async function fillDetails(page: Page, javaScriptEnabled: boolean, email?: string) {
  // One house per journey: a coupon's per-customer limit also counts the delivery place.
  const street = javaScriptEnabled ? 'Keizersgracht 1' : 'Keizersgracht 2';
  if (email) await page.getByLabel('Email').fill(email);
  await page.getByLabel('Full name').fill('Robin Example');
  await page.getByLabel('Street and number').fill(street);
  await page.getByLabel('Postal code').fill('1015 CJ');
  await page.getByLabel('Town or city').fill('Amsterdam');
  await page.getByLabel('Country').selectOption('NL');
  await page.getByTestId('to-review').click();
  await expect(page).toHaveURL(/\/checkout\/review$/);
  await ready(page, javaScriptEnabled);
  await expect(page.getByTestId('review-address')).toContainText(street);
}

/** Pays on the review step with `card` (any future expiry, any CVC). */
export async function payWith(page: Page, card: string) {
  await page.getByLabel('Card number').fill(card);
  // Five years from today, so the journey never ages into an expired card.
  const year = String((new Date().getFullYear() + 5) % 100).padStart(2, '0');
  await page.getByLabel('Expiry (MM/YY)').fill(`12/${year}`);
  await page.getByLabel('Security code').fill('123');
  await page.getByTestId('place-order').click();
}

/** Both checkout steps: the details, then the review paid with `card`. */
export async function fillCheckout(page: Page, javaScriptEnabled: boolean, card: string, email?: string) {
  await fillDetails(page, javaScriptEnabled, email);
  await payWith(page, card);
}

/** Signs `page` in with the sign-in form. */
export async function signIn(page: Page, javaScriptEnabled: boolean, email: string, password: string, next = '/account') {
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await ready(page, javaScriptEnabled);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(new RegExp(`${next.replace(/[/?]/g, (c) => `\\${c}`)}$`));
}
