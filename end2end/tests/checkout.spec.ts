// Journey: a guest fills a cart from a listing tile and a product page, signs in (the cart
// merges into the account's), applies a coupon, enters the delivery details, reviews the
// exact total, is declined once, pays, sees the order and its confirmation in the dev
// mailbox — with JavaScript on and off.
import { test, expect } from '@playwright/test';
import { addSomethingToCart, fillDetails, linkMailedTo, newConfirmedCustomer, payWith, ready, signIn } from './support';

const PASSWORD = 'a perfectly long passphrase';

/** Cents as the shop writes euros: `€1,234.50`. */
function euros(cents: number): string {
  const whole = Math.floor(cents / 100).toLocaleString('en-US');
  return `€${whole}.${String(cents % 100).padStart(2, '0')}`;
}

for (const javaScriptEnabled of [true, false]) {
  const mode = javaScriptEnabled ? 'with JavaScript' : 'without JavaScript';

  test(`guest cart, sign in, coupon, checkout, confirmation (${mode})`, async ({ browser }) => {
    // An account made earlier, elsewhere.
    const signup = await browser.newContext({ javaScriptEnabled });
    const email = await newConfirmedCustomer(await signup.newPage(), browser, javaScriptEnabled, PASSWORD, 'checkout');
    await signup.close();

    const context = await browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    await addSomethingToCart(page, javaScriptEnabled, javaScriptEnabled ? 0 : 1);
    await expect(page.getByTestId('cart-count')).toHaveText('1');

    // Too many: the reason next to the quantity.
    await ready(page, javaScriptEnabled);
    await page.getByLabel('Quantity').fill('99');
    await page.getByTestId('add-to-cart').getByRole('button', { name: 'Add to cart' }).click();
    await expect(page.getByTestId('quantity-error')).toContainText(/available|out of stock|At most/);

    // Signing in keeps the guest's cart.
    await signIn(page, javaScriptEnabled, email, PASSWORD, '/cart');
    await ready(page, javaScriptEnabled);
    await expect(page.getByTestId('cart-line')).toHaveCount(1);
    await expect(page.getByTestId('cart-count')).toHaveText('1');

    // One more from a listing tile (a product with one variant), without leaving the listing.
    await page.goto('/products?in_stock=1&sort=price_asc');
    await ready(page, javaScriptEnabled);
    const tile = page.getByTestId('product-tile').filter({ has: page.getByTestId('quick-add') }).nth(javaScriptEnabled ? 0 : 1);
    await tile.getByRole('button', { name: /Add .* to cart/ }).click();
    await expect(tile.getByTestId('added')).toBeVisible();
    // With JavaScript the tile's island adds in place (the address stays); without, the post
    // comes back to the listing marked with what was added.
    if (javaScriptEnabled) await expect(page).toHaveURL(/\/products\?in_stock=1&sort=price_asc$/);
    else await expect(page).toHaveURL(/\/products\?.*added=/);
    await expect(page.getByTestId('cart-count')).toHaveText('2');
    await page.goto('/cart');
    await ready(page, javaScriptEnabled);
    await expect(page.getByTestId('cart-line')).toHaveCount(2);
    await expect(page.getByTestId('line-picture')).toHaveCount(2);

    // A wrong code, then the demo coupon.
    await page.getByLabel('Coupon code').fill('NOPE');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page.getByTestId('code-error')).toContainText('do not know this code');
    await ready(page, javaScriptEnabled);
    await page.getByLabel('Coupon code').fill('welcome10');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page.getByTestId('applied-coupon')).toContainText('WELCOME10');
    await expect(page.getByTestId('discount')).toBeVisible();

    await page.getByTestId('to-checkout').click();
    await expect(page).toHaveURL(/\/checkout$/);
    await ready(page, javaScriptEnabled);
    await expect(page.getByTestId('signed-in-as')).toContainText(email);
    // Looking at the checkout holds no stock; "Continue to review" does.
    await expect(page.getByTestId('held-until')).toHaveCount(0);

    // The details, then the review: address, method and the exact total before paying.
    await fillDetails(page, javaScriptEnabled);
    await expect(page.getByTestId('checkout-steps')).toContainText('Review and pay');
    await expect(page.getByTestId('held-until')).toBeVisible();
    await expect(page.getByTestId('review-lines').locator('li')).toHaveCount(2);
    await expect(page.getByTestId('review-method')).toContainText('delivery');
    await expect(page.getByTestId('discount')).toBeVisible();
    // The sums, redone here from the line amounts: 10% off (rounded half up), shipping, 21% Dutch
    // tax on the discounted goods plus shipping; the total is what the pay button says.
    const cents = (text: string | null) => Math.round(Number(text!.replace(/[^0-9.]/g, '')) * 100);
    const lineAmounts = await page.getByTestId('review-lines').locator('li > span:last-child').allTextContents();
    expect(lineAmounts).toHaveLength(2);
    const subtotal = lineAmounts.map(cents).reduce((a, b) => a + b, 0);
    await expect(page.getByTestId('subtotal')).toHaveText(euros(subtotal));
    const discount = Math.floor((subtotal * 10 + 50) / 100);
    await expect(page.getByTestId('discount')).toHaveText(`−${euros(discount)}`);
    const shippingText = await page.getByTestId('shipping').textContent();
    const shipping = shippingText === 'Free' ? 0 : cents(shippingText);
    await expect(page.getByTestId('totals')).toContainText('Tax (21%)');
    const tax = Math.floor(((subtotal - discount + shipping) * 2100 + 5000) / 10000);
    await expect(page.getByTestId('tax')).toHaveText(euros(tax));
    const total = subtotal - discount + shipping + tax;
    await expect(page.getByTestId('total')).toHaveText(euros(total));
    await expect(page.getByTestId('place-order')).toHaveText(`Place order — pay ${euros(total)}`);

    // Declined: said next to the card, nothing ordered.
    await payWith(page, '4000 0000 0000 0002');
    await expect(page.getByTestId('card_number-error')).toContainText('declined');
    await ready(page, javaScriptEnabled);

    await payWith(page, '4242 4242 4242 4242');
    await expect(page).toHaveURL(/\/orders\/DD-[0-9A-Z]{10}\?placed=1$/);
    await expect(page.getByTestId('notice')).toContainText('Thank you');
    await expect(page.getByTestId('order-status')).toHaveText('Paid');
    await expect(page.getByTestId('discount')).toBeVisible();
    await expect(page.getByTestId('payment')).toContainText('Visa ending 4242');
    await expect(page.getByTestId('total')).toHaveText(euros(total));
    const number = (await page.getByTestId('order-number').textContent())!.trim();
    await expect(page.getByTestId('cart-count')).toHaveText('0');

    // In the order list, and in the mailbox.
    await page.goto('/orders');
    await expect(page.getByTestId('orders')).toContainText(number);
    const link = await linkMailedTo(browser, email, `Order ${number} confirmed`, `/orders/${number}`);
    expect(link).toContain(number);

    // Someone else cannot see it.
    const stranger = await browser.newContext({ javaScriptEnabled });
    const peek = await (await stranger.newPage()).goto(`/orders/${number}`);
    expect(peek!.status()).toBe(404);
    await stranger.close();
    await context.close();
  });
}
