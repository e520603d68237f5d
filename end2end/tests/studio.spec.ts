// Journey: a person uploads a photo to the studio, picks a style, watches the job finish (live
// with JavaScript; without it the page refreshes itself), compares before and after, downloads
// the result in the format chosen, favourites and rates it, finds it in the gallery, offers it
// to the showcase and orders it as a print through the shop's checkout — with JavaScript on and
// off. Bad uploads are refused next to the field.
import { test, expect } from '@playwright/test';
import { deflateSync } from 'node:zlib';
import { fillCheckout, newConfirmedCustomer, ready } from './support';

/** CRC-32 of `bytes` (PNG chunk checksums). */
function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** A real `width`×`height` RGB PNG: a colour gradient with a dark disc, so styles show. */
function gradientPng(width: number, height: number): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) {
      const inDisc = (x - width / 2) ** 2 + (y - height / 2) ** 2 < (height / 4) ** 2;
      row[1 + x * 3] = inDisc ? 30 : Math.round((255 * x) / width);
      row[2 + x * 3] = inDisc ? 40 : Math.round((255 * y) / height);
      row[3 + x * 3] = inDisc ? 60 : 160;
    }
    rows.push(row);
  }
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

for (const javaScriptEnabled of [true, false]) {
  const mode = javaScriptEnabled ? 'with JavaScript' : 'without JavaScript';

  test(`upload a photo, style it, watch it finish, download it (${mode})`, async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    await newConfirmedCustomer(page, browser, javaScriptEnabled, 'a perfectly long passphrase', 'studio');

    await page.goto('/studio');
    await ready(page, javaScriptEnabled);
    await expect(page.getByTestId('styles-left')).toContainText('5 of 5 styles left today');
    await expect(page.getByTestId('no-photos')).toBeVisible();

    // Not a picture: refused next to the field, nothing stored.
    await page.getByLabel(/^Photo/).setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('just some words') });
    await page.getByTestId('upload').click();
    await expect(page.getByTestId('file-error')).toContainText('JPEG, PNG, WebP or GIF');
    await expect(page.getByTestId('no-photos')).toBeVisible();

    // A real photo: on to its page.
    await page.getByLabel(/^Photo/).setInputFiles({ name: 'garden.png', mimeType: 'image/png', buffer: gradientPng(360, 240) });
    if (javaScriptEnabled) {
      // The studio's own package shows the chosen photo before it is sent.
      await expect(page.locator('body')).toHaveAttribute('data-studio-hydrated', 'true', { timeout: 15_000 });
      await page.getByLabel(/^Photo/).setInputFiles({ name: 'garden.png', mimeType: 'image/png', buffer: gradientPng(360, 240) });
      await expect(page.getByTestId('upload-preview')).toBeVisible();
    }
    await page.getByLabel('Title (optional)').fill(`Garden ${mode}`);
    await page.getByLabel(/^Tags/).fill('garden, summer');
    await page.getByTestId('upload').click();
    await expect(page).toHaveURL(/\/studio\/images\/[0-9a-f-]+\?uploaded=1$/);
    await expect(page.getByTestId('photo-title')).toHaveText(`Garden ${mode}`);
    await expect(page.getByTestId('photo-tags')).toContainText('#summer');
    const photo = page.getByTestId('photo-picture');
    await expect(photo).toBeVisible();
    expect(await photo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(360);

    // Pick a style and start it.
    await ready(page, javaScriptEnabled);
    await page.getByLabel(/Pencil sketch/).check();
    await page.getByTestId('style-it').click();
    await expect(page).toHaveURL(/\/studio\/jobs\/[0-9a-f-]+$/);
    const jobPage = page.getByTestId('job-page');

    // The page follows the job to its end by itself.
    await expect(jobPage).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
    await expect(page.getByTestId('job-state')).toContainText('Done');
    await expect(page.getByTestId('before')).toBeVisible();
    const after = page.getByTestId('after');
    await expect(after).toBeVisible();
    expect(await after.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(360);

    // Before and after in one frame: the slider (once the studio's package is live) or the
    // corner handle (without JavaScript) moves the line between them.
    const line = page.getByTestId('compare-before');
    if (javaScriptEnabled) {
      await expect(page.locator('body')).toHaveAttribute('data-studio-hydrated', 'true', { timeout: 15_000 });
      const slider = page.getByTestId('compare-range');
      await expect(slider).toBeVisible();
      await slider.fill('80');
      await expect(line).toHaveAttribute('style', /width:\s*80%/);
    } else {
      await expect(page.getByTestId('compare-range')).toBeHidden();
      expect(await line.evaluate((el) => getComputedStyle(el).resize)).toBe('horizontal');
    }

    // Download as WebP at full size: a real file, named for the style.
    await page.getByLabel('Format').selectOption('webp');
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download').click()]);
    expect(file.suggestedFilename()).toBe('daydream-pencil-sketch-360.webp');
    const saved = await file.path();
    expect(saved).toBeTruthy();

    // Favourite and rate it; both stick.
    await page.reload();
    await expect(page.getByTestId('downloads')).toHaveText('Downloaded once');
    await page.getByTestId('result-favorite').click();
    await expect(page.getByTestId('result-favorite')).toHaveAttribute('aria-pressed', 'true');
    await page.getByText('5★').click();
    await page.getByTestId('result-rate').click();
    await expect(page.getByRole('radio', { name: '5★' })).toBeChecked();

    // It is in the gallery, among the favourites, and can be offered to the showcase.
    await page.goto('/studio');
    await page.getByTestId('gallery-link').click();
    await expect(page).toHaveURL(/\/studio\/gallery$/);
    await page.getByLabel('Favourites only').check();
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await expect(page).toHaveURL(/favorites=1/);
    const result = page.getByTestId('result');
    await expect(result).toHaveCount(1);
    await expect(result).toContainText('Pencil sketch');
    await result.getByLabel('Title in the showcase').fill(`My garden ${mode}`);
    await result.getByTestId('publish').click();
    await expect(page.getByTestId('showcase-state')).toHaveAttribute('data-state', 'submitted');

    // Order it as a print: the photo is small for 30 × 40 cm at 150 dpi, and the form says so;
    // the print goes through the shop's own cart and checkout, the cart line shows the picture.
    await expect(result.getByTestId('print-too-small').first()).toBeVisible();
    await result.getByLabel(/30 × 40 cm/).check();
    await result.getByLabel('Paper').selectOption('glossy');
    await result.getByTestId('order-print').click();
    await expect(page).toHaveURL(/\/cart$/);
    await ready(page, javaScriptEnabled);
    const cartLine = page.getByTestId('cart-line');
    await expect(cartLine).toHaveCount(1);
    await expect(cartLine).toContainText('Your photo as a print');
    await expect(cartLine).toContainText('30 × 40 cm');
    await expect(cartLine).toContainText('Glossy');
    await expect(cartLine.locator('img')).toHaveAttribute('src', /^\/private\/media\//);
    await page.getByTestId('to-checkout').click();
    await expect(page).toHaveURL(/\/checkout$/);
    await ready(page, javaScriptEnabled);
    await fillCheckout(page, javaScriptEnabled, '4242 4242 4242 4242');
    await expect(page).toHaveURL(/\/orders\/DD-[0-9A-Z]{10}\?placed=1$/);
    await expect(page.getByTestId('order-status')).toHaveText('Paid');
    await expect(page.getByTestId('print-picture')).toBeVisible();

    // A result in an order stays.
    await page.goto('/studio/gallery');
    await page.getByTestId('delete-result').click();
    await expect(page.getByTestId('form-error')).toContainText('printed in one of your orders');
    await expect(page.getByTestId('result')).toHaveCount(1);

    // The studio counts it and lists it.
    await page.goto('/studio');
    await expect(page.getByTestId('styles-left')).toContainText('4 of 5 styles left today');
    await expect(page.getByTestId('job').first()).toContainText('Pencil sketch');
    await expect(page.getByTestId('job').first()).toContainText('Done');
    await context.close();
  });
}

test('the style catalog is browsable and filtered by plain links', async ({ page }) => {
  await page.goto('/studio/styles');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Photo styles');
  expect(await page.getByTestId('style').count()).toBeGreaterThanOrEqual(12);
  await page.getByTestId('style-categories').getByRole('link', { name: /Drawing/ }).click();
  await expect(page).toHaveURL(/category=drawing/);
  await expect(page.getByTestId('style')).toHaveCount(4);
  await page.getByRole('link', { name: 'Pencil sketch' }).click();
  await expect(page.getByTestId('style-name')).toHaveText('Pencil sketch');
  await expect(page.getByTestId('use-style')).toHaveAttribute('href', '/studio');
});
