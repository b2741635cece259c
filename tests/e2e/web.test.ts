import fs from 'node:fs';
import path from 'node:path';
import { type Browser, type Page, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from '../helpers/axe';
import { startTestHub } from '../helpers/hub';

/**
 * The page for people without GraphQL, driven in Debian's Chromium through playwright-core (no browser download).
 * The page is served by the real gateway of a test hub, at `/`, beside `/graphql`.
 */

const CHROMIUM = '/usr/bin/chromium';
const HAS_CHROMIUM = fs.existsSync(CHROMIUM);
if (!HAS_CHROMIUM) {
  console.warn(`tests/e2e/web.test.ts: skipped, ${CHROMIUM} is absent (install it with: apt-get install -y chromium).`);
}
const SCREENSHOTS = process.env.KETENKAART_SCREENSHOTS === '1' ? path.resolve(__dirname, '../../docs/screenshots') : null;

/** Waits for the page: the hub's first answers can take a few seconds on a busy machine. */
const eventually = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000, interval: 100 });

let hub: Awaited<ReturnType<typeof startTestHub>>;
let baseUrl: string;
let browser: Browser;
let page: Page;

async function screenshot(name: string) {
  if (!SCREENSHOTS) return;
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, name), fullPage: true });
}

describe.skipIf(!HAS_CHROMIUM)('the web page (Chromium)', () => {
  const pageErrors: string[] = [];

  beforeAll(async () => {
    hub = await startTestHub();
    baseUrl = new URL(hub.url).origin;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: 'nl-BE' });
    page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    // Nothing outside this machine's test server may be asked for (no CDN, no fonts, no analytics).
    await page.route('**/*', (route) => (route.request().url().startsWith(baseUrl) ? route.continue() : route.abort()));
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
  });

  async function open() {
    await page.goto(`${baseUrl}/`);
    await page.locator('html[data-ready="true"]').waitFor();
  }

  it('serves a Dutch page whose every input has a label, and reaches nothing outside the hub', async () => {
    const response = await page.goto(`${baseUrl}/`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toContain("default-src 'none'");
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    await page.locator('html[data-ready="true"]').waitFor();
    const unlabelled = await page.$$eval('input, select', (els) =>
      els.filter((el) => !(el as unknown as { labels?: { length: number } }).labels?.length && !el.getAttribute('aria-label')).map((el) => el.id),
    );
    expect(unlabelled).toEqual([]);
    expect(await page.locator('[aria-live="polite"]').count()).toBe(2);
    expect(pageErrors).toEqual([]);
  });

  it('shows the contact card of Hasselt, typed and submitted with the keyboard only', async () => {
    await open();
    await page.keyboard.press('Tab'); // the skip link
    await page.keyboard.press('Tab'); // the place field
    expect(await page.evaluate<string | undefined>('document.activeElement?.id')).toBe('wie-plaats');
    await page.keyboard.type('Hasselt');
    await page.keyboard.press('Enter');
    const card = page.locator('#wie-resultaat article.card');
    await eventually(() => card.count()).toBe(1);
    await eventually(() => page.evaluate<string | undefined>('document.activeElement?.id')).toBe('kaart-71072');
    const text = await card.innerText();
    expect(text).toContain('Hasselt');
    expect(text).toContain('PZ Limburg Regio Hoofdstad');
    expect(text).toContain('Veilig Huis Limburg');
    expect(text).toContain('ARIEC Limburg');
    expect(text).toContain('Herkenrode');
    // The judicial division of merged Hasselt is unsettled: shown as unknown with the reason.
    expect(text).toMatch(/onbekend — .*Kortessem/);
    expect(text).toMatch(/Casusregisseur/);
    expect(await card.locator('details.sources').count()).toBeGreaterThan(5);
    await screenshot('who-is-who.png');
    expect(pageErrors).toEqual([]);
  });

  it('offers the municipalities of a shared postcode (1050) as buttons, and shows the chosen card', async () => {
    await open();
    await page.getByLabel('Gemeente of postcode').fill('1050');
    await page.getByRole('button', { name: 'Toon de contactkaart' }).click();
    const choices = page.locator('#wie-resultaat ul.choices button');
    await eventually(() => choices.allInnerTexts()).toEqual(['Brussel', 'Elsene']);
    await page.getByRole('button', { name: 'Elsene', exact: true }).click();
    const card = page.locator('#wie-resultaat article.card');
    await eventually(() => card.getAttribute('data-nis')).toBe('21009');
    expect(await card.locator('h3').innerText()).toContain('Elsene');
    expect(await page.getByRole('button', { name: 'Elsene', exact: true }).getAttribute('aria-pressed')).toBe('true');
    await screenshot('postcode-ambiguous.png');
    await page.getByRole('button', { name: 'Brussel', exact: true }).click();
    await eventually(() => card.getAttribute('data-nis')).toBe('21004');
  });

  it('answers an unknown name (Haselt) with the NOT_FOUND message and suggestions that work', async () => {
    await open();
    await page.getByLabel('Gemeente of postcode').fill('Haselt');
    await page.keyboard.press('Enter');
    const alert = page.locator('#wie-resultaat [role="alert"]');
    await eventually(() => alert.count()).toBe(1);
    expect(await alert.innerText()).toMatch(/Geen gemeente "Haselt"/);
    await page.getByRole('button', { name: 'Hasselt', exact: true }).click();
    await eventually(() => page.locator('#wie-resultaat article.card').getAttribute('data-nis')).toBe('71072');
    expect(await page.getByLabel('Gemeente of postcode').inputValue()).toBe('Hasselt');
  });

  it('finds the 458ter protocol for a CAW and the police in Hasselt on intrafamiliaal geweld', async () => {
    await open();
    await page.getByLabel('Fenomeen').selectOption({ label: 'Intrafamiliaal geweld' });
    await page.getByLabel('CAW (Centrum Algemeen Welzijnswerk)', { exact: true }).check();
    await page.getByLabel('Politie', { exact: true }).check();
    await page.getByLabel('Gemeente', { exact: true }).fill('Hasselt');
    await page.getByRole('button', { name: 'Zoek het protocol' }).click();
    const protocol = page.locator('#protocol-resultaat article.agreement', { hasText: 'Protocol casusoverleg (art. 458ter Sw.)' });
    await eventually(() => protocol.count()).toBe(1);
    const text = await protocol.innerText();
    expect(text).toContain('casusoverleg');
    expect(text).toContain('Artikel 458ter van het Strafwetboek');
    expect(text).toMatch(/proportioneel/);
    expect(text).toContain('past bij uw vraag');
    await screenshot('protocol.png');
  });

  it('says what is missing when no partner is chosen, and moves the focus there', async () => {
    await open();
    await page.getByLabel('Gemeente', { exact: true }).fill('Hasselt');
    await page.getByRole('button', { name: 'Zoek het protocol' }).click();
    await eventually(() => page.locator('#protocol-resultaat [role="alert"]').innerText()).toContain('Kies minstens één partner');
    expect(await page.evaluate<string | null | undefined>("document.activeElement?.getAttribute('name')")).toBe('partner');
  });

  it('sends the token stored in sessionStorage as the Authorization header', async () => {
    await open();
    await page.evaluate("sessionStorage.setItem('ketenkaart.token', 'test-token')");
    const request = page.waitForRequest((r) => r.url() === `${baseUrl}/graphql` && r.method() === 'POST');
    await page.getByLabel('Gemeente of postcode').fill('3500');
    await page.keyboard.press('Enter');
    expect((await request).headers().authorization).toBe('Bearer test-token');
    await page.evaluate("sessionStorage.removeItem('ketenkaart.token')");
  });

  it('offers the phenomena and partner kinds the hub serves, not a list of its own', async () => {
    await open();
    const vocabulary = await hub.graphql('{ phenomena { id label } partnerTerms { id label } }');
    const options = await page.$$eval('#protocol-fenomeen option', (els) => els.map((el) => [(el as unknown as { value: string }).value, el.textContent]));
    expect(options).toEqual(vocabulary.data.phenomena.map((p: { id: string; label: string }) => [p.id, p.label]));
    const boxes = await page.$$eval('input[name="partner"]', (els) => els.map((el) => [(el as unknown as { value: string }).value, el.parentElement?.textContent?.trim()]));
    expect(boxes).toEqual(vocabulary.data.partnerTerms.map((t: { id: string; label: string }) => [t.id, t.label]));
  });

  it("shows, on a 375 px phone, Ieper's Veilig Huis and ARIEC with how to reach them above the fold, and the open region with its candidates, in Dutch", async () => {
    const phone = await browser.newContext({ viewport: { width: 375, height: 667 }, locale: 'nl-BE', isMobile: true, hasTouch: true });
    const small = await phone.newPage();
    try {
      for (const place of ['Gent', 'Ieper']) {
        await small.goto(`${baseUrl}/`);
        await small.locator('html[data-ready="true"]').waitFor();
        await small.getByLabel('Gemeente of postcode').fill(place);
        await small.getByRole('button', { name: 'Toon de contactkaart' }).click();
        const card = small.locator('#wie-resultaat article.card');
        await expect.poll(() => card.count(), { timeout: 15_000 }).toBe(1);
        // The card's heading has the focus (and so is scrolled to); what follows it must fit in one screen.
        const fold = await small.evaluate<number>('window.scrollY + window.innerHeight');
        const services = card.locator('section.service');
        expect(await services.count()).toBeGreaterThanOrEqual(2);
        for (const i of [0, 1]) {
          const service = services.nth(i);
          // How to reach it (the channels and why they are or are not its own), or why the service is unknown.
          const what = service.locator('.reach, p.why, p:has(.unknown)').first();
          const box = await what.boundingBox();
          const top = await small.evaluate<number>('window.scrollY');
          expect(box, `${place}: service ${i}`).not.toBeNull();
          expect(box!.y + top + box!.height, `${place}: ${await service.locator('h4').innerText()} below the fold`).toBeLessThanOrEqual(fold);
        }
        expect(await services.nth(0).locator('h4').innerText()).toBe('Veilig Huis');
        expect(await services.nth(1).locator('h4').innerText()).toBe('ARIEC');
        const text = await card.innerText();
        if (place === 'Ieper') expect(text).toMatch(/Mogelijk: Veilig Huis Noord-West-Vlaanderen of Veilig Huis Zuid-West-Vlaanderen/);
        // No English reaches the reader: words the old API and notes used.
        expect(text).not.toMatch(/\b(the|not covered|source[s]?|unknown|municipality|nothing|found)\b/i);
        const scrollWidth = await small.evaluate<number>('document.documentElement.scrollWidth');
        expect(scrollWidth).toBeLessThanOrEqual(375);
      }
    } finally {
      await phone.close();
    }
  });

  it("answers Ieper's protocol question as undetermined, with the Dutch reason naming both Veilige Huizen", async () => {
    await open();
    await page.getByLabel('Fenomeen').selectOption({ label: 'Intrafamiliaal geweld' });
    await page.getByLabel('CAW (Centrum Algemeen Welzijnswerk)', { exact: true }).check();
    await page.getByLabel('Gemeente', { exact: true }).fill('Ieper');
    await page.getByRole('button', { name: 'Zoek het protocol' }).click();
    const match = page.locator('#protocol-resultaat article.agreement', { hasText: 'Kaderovereenkomst van elk Veilig Huis' });
    await eventually(() => match.count()).toBe(1);
    const text = await match.innerText();
    expect(text).toContain('Onbekend of dit hier op de gevraagde datum van toepassing is');
    expect(text).toContain('De bronnen zeggen niet welk Veilig Huis deze gemeente bedient: Veilig Huis Noord-West-Vlaanderen of Veilig Huis Zuid-West-Vlaanderen.');
    expect(await page.locator('#protocol-resultaat').innerText()).not.toMatch(/\b(the|not covered|unknown|agreement)\b/i);
  });

  it('passes axe with a card and a protocol answer on the page (Gent, Ieper)', async () => {
    const checked = await browser.newContext({ viewport: { width: 375, height: 800 }, locale: 'nl-BE', bypassCSP: true });
    const axePage = await checked.newPage();
    try {
      await axePage.goto(`${baseUrl}/`);
      await axePage.locator('html[data-ready="true"]').waitFor();
      expect(await axeViolations(axePage)).toEqual([]);
      await axePage.getByLabel('Gemeente of postcode').fill('Gent');
      await axePage.getByRole('button', { name: 'Toon de contactkaart' }).click();
      await expect.poll(() => axePage.locator('#wie-resultaat article.card').count(), { timeout: 15_000 }).toBe(1);
      await axePage.getByLabel('CAW (Centrum Algemeen Welzijnswerk)', { exact: true }).check();
      await axePage.getByLabel('Gemeente', { exact: true }).fill('Ieper');
      await axePage.getByRole('button', { name: 'Zoek het protocol' }).click();
      await expect.poll(() => axePage.locator('#protocol-resultaat article.agreement').count(), { timeout: 15_000 }).toBeGreaterThan(0);
      expect(await axeViolations(axePage)).toEqual([]);
    } finally {
      await checked.close();
    }
  });
});
