import fs from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations as axe } from '../helpers/axe';
import { graphql, startTestHub } from '../helpers/hub';
import { token } from '../helpers/tokens';

/**
 * The editors' page /beheer with real sign-in, in Debian's Chromium: the test hub runs the development OpenID
 * provider (hub/dev-oidc/) exactly as `npm start` does, and the editor of a Veilig Huis signs in there with a
 * fictional account, sees the gaps of its organisation, fills one, and signs out.
 */

const CHROMIUM = '/usr/bin/chromium';
const HAS_CHROMIUM = fs.existsSync(CHROMIUM);
if (!HAS_CHROMIUM) console.warn(`tests/e2e/beheer.test.ts: skipped, ${CHROMIUM} is absent (apt-get install -y chromium).`);
const SCREENSHOTS = process.env.KETENKAART_SCREENSHOTS === '1' ? path.resolve(__dirname, '../../docs/screenshots') : null;

const ORG = 'veilig-huis-limburg';
const OTHER_ORG = 'veilig-huis-antwerpen';
/** Test values in a throw-away database: a number no one has (the 00 00 00 block) and a reserved domain. */
const PHONE = '+32 11 00 00 00';
const SOURCE_URL = 'https://example.org/testbron-veilig-huis-limburg';

/** Waits for the page: a save reloads the record and its gap report, which takes a moment on a busy machine. */
const eventually = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000, interval: 100 });

let hub: Awaited<ReturnType<typeof startTestHub>>;
let browser: Browser;
let context: BrowserContext;
let page: Page;
/** Where the page is: the gateway as the development issuer sends people back to it (localhost). */
let pageOrigin: string;

const WHO_IS_WHO = '{ whoIsWho(municipality: "Hasselt") { cards { veiligHuis { organisation { id contactPoints { kind value sources { url seen } } } } } } }';

/** The session cookie and CSRF token the browser holds, to craft requests with them outside the page. */
async function stolenSession() {
  const cookie = (await context.cookies()).find((c) => c.name === 'ketenkaart-sessie');
  const csrf = await page.inputValue('#afmelden-csrf');
  return { cookie: `ketenkaart-sessie=${cookie?.value}`, csrf };
}
const asSession = (s: { cookie: string; csrf: string }, query: string, variables?: Record<string, unknown>) =>
  graphql(hub.url, query, variables, { cookie: s.cookie, 'x-ketenkaart-csrf': s.csrf });

describe.skipIf(!HAS_CHROMIUM)('the editors\' page with sign-in (Chromium)', () => {
  const pageErrors: string[] = [];

  beforeAll(async () => {
    hub = await startTestHub({ devSignIn: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    // A phone's width; axe is injected as an inline script, which the page's own policy rightly refuses.
    context = await browser.newContext({ viewport: { width: 375, height: 800 }, locale: 'nl-BE', bypassCSP: true });
    page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
  });

  async function screenshot(name: string) {
    if (!SCREENSHOTS) return;
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, name), fullPage: true });
  }

  const axeViolations = () => axe(page);

  it('offers sign-in to someone not signed in, reachable with the keyboard, and passes axe', async () => {
    const response = await page.goto(`${new URL(hub.url).origin}/beheer`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toContain("default-src 'none'");
    await page.locator('html[data-ready="true"]').waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    expect(await page.locator('#aanmelden').isVisible()).toBe(true);
    expect(await page.locator('#werkruimte').isVisible()).toBe(false);
    expect(await axeViolations()).toEqual([]);
    // A few presses of Tab reach the sign-in link (skip link, home link, sign in).
    const focused: string[] = [];
    for (let i = 0; i < 5 && focused.at(-1) !== 'aanmelden-link'; i++) {
      await page.keyboard.press('Tab');
      focused.push(await page.evaluate('document.activeElement?.id || document.activeElement?.textContent'));
    }
    expect(focused).toContain('aanmelden-link');
  });

  it('signs the Veilig Huis editor in at the development provider and shows its organisation and gaps', async () => {
    await page.keyboard.press('Enter');
    // The development issuer's own page (another site: 127.0.0.1, the hub is localhost).
    await page.locator('input[name="login"]').waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/ketenkaart-dev-oidc\/interaction\//);
    await page.fill('input[name="login"]', 'redacteur-vh-limburg');
    await page.fill('input[name="password"]', 'verkeerd');
    await page.click('button[type="submit"]');
    await eventually(() => page.locator('[role="alert"]').textContent()).toContain('fout wachtwoord');
    await page.fill('input[name="login"]', 'redacteur-vh-limburg');
    await page.fill('input[name="password"]', 'fictief');
    await page.click('button[type="submit"]');
    await page.waitForURL(/\/beheer$/);
    await page.locator('html[data-ready="true"]').waitFor();
    pageOrigin = new URL(page.url()).origin;
    expect(await page.textContent('#wie-tekst')).toContain('Testpersoon Redacteur VH Limburg (fictief)');
    await page.locator('#organisatie .org-name').waitFor();
    expect(await page.textContent('#organisatie .org-name')).toBe('Veilig Huis Limburg');
    // The registry knows no contact point of this Veilig Huis: the gap report says so, in Dutch.
    const gap = page.locator(`#ontbreekt [data-record="ORGANISATION:${ORG}"] [data-gap="NO_CONTACT_POINT"]`);
    await gap.waitFor();
    expect(await gap.textContent()).toMatch(/contactpunt/i);
    // The session is a cookie the page's script cannot read; the tokens never reach the browser at all.
    const cookie = (await context.cookies()).find((c) => c.name === 'ketenkaart-sessie');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    expect(await page.evaluate<string>('document.cookie')).not.toContain('ketenkaart-sessie');
    const session = await (await page.request.get(`${pageOrigin}/beheer/sessie`)).json();
    expect(Object.keys(session).sort()).toEqual(['aangemeld', 'csrf', 'expiresAt', 'municipalities', 'name', 'org', 'role'].filter((k) => k in session).sort());
    expect(JSON.stringify(session)).not.toMatch(/eyJ/); // no JWT of any kind
    await screenshot('beheer-phone.png');
    // Works on a phone: nothing wider than the 375 px screen.
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    expect(await axeViolations()).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('shows validation problems in Dutch next to their fields, and writes nothing', async () => {
    await page.selectOption('#contact-soort', 'EMAIL');
    await page.fill('#contact-waarde', 'geen-adres');
    await page.click('#contact-opslaan');
    await eventually(() => page.textContent('#contact-waarde-fout')).toContain('geen e-mailadres');
    if (SCREENSHOTS) await page.locator('#contact-form').screenshot({ path: path.join(SCREENSHOTS, 'beheer-problems.png') });
    expect(await page.getAttribute('#contact-waarde', 'aria-invalid')).toBe('true');
    expect(await page.textContent('#contact-bron-document-fout')).toContain('Vermeld een bron');
    expect(await page.evaluate<string | undefined>('document.activeElement?.id')).toBe('contact-waarde');
    const card = await graphql(hub.url, WHO_IS_WHO);
    expect(card.data.whoIsWho.cards[0].veiligHuis.organisation.contactPoints).toEqual([]);
  });

  it('adds a contact point with its source, and the public who-is-who card shows it', async () => {
    await page.selectOption('#contact-soort', 'PHONE');
    await page.fill('#contact-waarde', PHONE);
    await page.fill('#contact-bron-url', SOURCE_URL);
    await page.fill('#contact-bron-gezien', '2026-11-30');
    // Saved from the keyboard: Enter in the form's last field.
    await page.focus('#contact-bron-plaats');
    await page.keyboard.press('Enter');
    await eventually(() => page.textContent('#melding')).toContain('Contactpunt opgeslagen');
    expect(await page.textContent('#contactpunten')).toContain(PHONE);
    await eventually(async () => (await page.locator(`#ontbreekt [data-record="ORGANISATION:${ORG}"] [data-gap="NO_CONTACT_POINT"]`).count())).toBe(0);
    // Anonymous, as anyone reads it: the card for Hasselt (served by Veilig Huis Limburg).
    const card = await graphql(hub.url, WHO_IS_WHO);
    expect(card.data.whoIsWho.cards[0].veiligHuis.organisation).toMatchObject({
      id: ORG,
      contactPoints: [{ kind: 'PHONE', value: PHONE, sources: [{ url: SOURCE_URL, seen: '2026-11-30' }] }],
    });
  });

  it('on a stale version shows the record as it is now and lets the editor save again', async () => {
    await page.click('#contactpunten button');
    expect(await page.inputValue('#contact-waarde')).toBe(PHONE);
    // Meanwhile a colleague changes the organisation (a new version).
    const colleague = await token(hub.dataDir, { role: 'EDITOR', org: ORG });
    const current = await graphql(hub.url, `{ organisation(id: "${ORG}") { version } }`);
    const moved = await graphql(hub.url, 'mutation($id: ID!, $v: Int!) { updateOrganisation(id: $id, version: $v, changes: { note: "Gewijzigd door een collega (test)." }) { version } }',
      { id: ORG, v: current.data.organisation.version }, { authorization: `Bearer ${colleague}` });
    expect(moved.errors).toBeUndefined();
    await page.fill('#contact-waarde', '+32 11 00 00 01');
    await page.click('#contact-opslaan');
    await eventually(() => page.textContent('#melding')).toContain('intussen gewijzigd');
    expect(await page.textContent('#organisatie')).toContain(String(moved.data.updateOrganisation.version));
    expect(await page.inputValue('#contact-waarde')).toBe('+32 11 00 00 01');
    await page.click('#contact-opslaan');
    await eventually(() => page.textContent('#melding')).toContain('Contactpunt opgeslagen');
    expect(await page.textContent('#contactpunten')).toContain('+32 11 00 00 01');
  });

  it('adds an antenne and a post, with problems in Dutch first', async () => {
    const antenne = 'Veilig Huis Limburg – antenne Hasselt (test)';
    await page.selectOption('#vestiging-soort', 'ANTENNE');
    await page.fill('#vestiging-naam', antenne);
    await page.fill('#vestiging-gemeente', '7107');
    await page.fill('#vestiging-bron-url', SOURCE_URL);
    await page.click('#vestiging-form button[type="submit"]');
    await eventually(() => page.textContent('#vestiging-gemeente-fout')).toContain('NIS-code');
    expect(await page.textContent('#vestiging-bron-gezien-fout')).toContain('datum');
    await page.fill('#vestiging-gemeente', '71072');
    await page.fill('#vestiging-bron-gezien', '2026-11-30');
    await page.click('#vestiging-form button[type="submit"]');
    await eventually(() => page.textContent('#melding')).toContain('Vestiging opgeslagen');
    expect(await page.textContent('#vestigingen')).toContain(antenne);
    const card = await graphql(hub.url, '{ whoIsWho(municipality: "Hasselt") { cards { veiligHuis { antennes { name } } } } }');
    expect(card.data.whoIsWho.cards[0].veiligHuis.antennes.map((a: { name: string }) => a.name)).toContain(antenne);

    // Changed: the antenne's name, with the record's sources kept.
    await page.locator('#vestigingen li', { hasText: antenne }).getByRole('button', { name: /Wijzigen/ }).click();
    expect(await page.inputValue('#vestiging-naam')).toBe(antenne);
    await page.fill('#vestiging-naam', antenne.replace('antenne Hasselt', 'antenne Hasselt-centrum'));
    await page.click('#vestiging-form button[type="submit"]');
    await eventually(() => page.textContent('#melding')).toContain('Vestiging gewijzigd');
    expect(await page.textContent('#vestigingen')).toContain('antenne Hasselt-centrum (test)');

    await page.selectOption('#functie-soort', 'SPOC');
    await page.fill('#functie-titel-veld', 'Aanspreekpunt lokale besturen (test)');
    await page.fill('#functie-bron-document', 'Testdocument (test)');
    await page.click('#functie-form button[type="submit"]');
    await eventually(() => page.textContent('#melding')).toContain('Functie opgeslagen');
    expect(await page.textContent('#functies')).toContain('Aanspreekpunt lokale besturen (test)');
    expect(await axeViolations()).toEqual([]);
  });

  it('confirms a record without changing it', async () => {
    const before = await graphql(hub.url, `{ organisation(id: "${ORG}") { version } }`);
    await page.click('#organisatie-bevestigen');
    await eventually(() => page.textContent('#melding')).toContain('bevestigd');
    const after = await graphql(hub.url, `{ organisation(id: "${ORG}") { version lastConfirmed } }`);
    expect(after.data.organisation.version).toBe(before.data.organisation.version);
    expect(after.data.organisation.lastConfirmed).toBe(new Date().toISOString().slice(0, 10));
  });

  it('gives no access to another organisation\'s records, from the page nor with the session cookie', async () => {
    // The page only ever shows the organisation of the session, whatever the address says.
    await page.goto(`${pageOrigin}/beheer?organisatie=${OTHER_ORG}`);
    await page.locator('#organisatie .org-name').waitFor();
    expect(await page.textContent('#organisatie .org-name')).toBe('Veilig Huis Limburg');
    const stolen = await stolenSession();
    const other = await asSession(stolen, `{ organisation(id: "${OTHER_ORG}") { version posts { holders { personName } } } }`);
    const version = other.data.organisation.version;
    for (const post of other.data.organisation.posts) expect(post.holders).toBeNull();
    const write = await asSession(stolen, 'mutation($id: ID!, $v: Int!) { updateOrganisation(id: $id, version: $v, changes: { note: "niet van mij" }) { id } }', { id: OTHER_ORG, v: version });
    expect(write.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const confirm = await asSession(stolen, `mutation { confirmOrganisation(id: "${OTHER_ORG}") { id } }`);
    expect(confirm.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const gaps = await asSession(stolen, `{ registryGaps(organisationId: "${OTHER_ORG}") { records { recordId } } }`);
    expect(gaps.data?.registryGaps ?? null).toBeNull();
    expect(gaps.errors?.[0]?.extensions?.code).toMatch(/FORBIDDEN|UNAUTHORIZED_FIELD_OR_TYPE/);
    // The cookie without the page's CSRF token is no session (what another site could make a browser send).
    const cookieOnly = await graphql(hub.url, `mutation { confirmOrganisation(id: "${ORG}") { id } }`, undefined, { cookie: stolen.cookie });
    expect(cookieOnly.errors?.[0]?.extensions?.code).toBe('UNAUTHORIZED_FIELD_OR_TYPE');
    const wrongCsrf = await asSession({ ...stolen, csrf: 'geraden' }, `mutation { confirmOrganisation(id: "${ORG}") { id } }`);
    expect(wrongCsrf.status).toBe(401);
    // And with both, the editor's own records are theirs.
    const own = await asSession(stolen, `mutation { confirmOrganisation(id: "${ORG}") { id } }`);
    expect(own.errors).toBeUndefined();
  });

  it('signing out ends the session here and at the issuer: the cookie no longer works', async () => {
    const stolen = await stolenSession();
    await page.click('#afmelden-form button');
    // The development issuer asks whether to end its own session too.
    await page.locator('button[name="logout"]').click();
    await page.waitForURL(/\/beheer/);
    await page.locator('html[data-ready="true"]').waitFor();
    await eventually(() => page.textContent('#melding')).toContain('U bent afgemeld');
    expect(await page.locator('#aanmelden').isVisible()).toBe(true);
    const after = await asSession(stolen, `mutation { confirmOrganisation(id: "${ORG}") { id } }`);
    expect(after.status).toBe(401);
    expect(after.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const session = (await (await fetch(`${pageOrigin}/beheer/sessie`, { headers: { cookie: stolen.cookie } })).json()) as { aangemeld: boolean };
    expect(session.aangemeld).toBe(false);
    // Signing in again asks for the login: the issuer's session ended too.
    await page.click('#aanmelden-link');
    await page.locator('input[name="login"]').waitFor();
    expect(pageErrors).toEqual([]);
  });
  async function signInAs(login: string): Promise<Page> {
    const fresh = await (await browser.newContext({ viewport: { width: 375, height: 800 }, locale: 'nl-BE' })).newPage();
    await fresh.goto(`${pageOrigin}/beheer/aanmelden`);
    await fresh.fill('input[name="login"]', login);
    await fresh.fill('input[name="password"]', 'fictief');
    await fresh.click('button[type="submit"]');
    await fresh.waitForURL(/\/beheer$/);
    await fresh.locator('html[data-ready="true"]').waitFor();
    return fresh;
  }

  it('lets an admin pick the organisation, and tells a partner the page is not for its role', async () => {
    const admin = await signInAs('beheerder');
    await admin.locator('#kies-organisatie').waitFor();
    await admin.fill('#kies-id', OTHER_ORG);
    await admin.press('#kies-id', 'Enter');
    await admin.locator('#organisatie .org-name').waitFor();
    expect(await admin.textContent('#organisatie .org-name')).toBe('Veilig Huis Antwerpen');
    const partner = await signInAs('partner-parket-limburg');
    expect(await partner.textContent('#melding')).toContain('kan geen gegevens wijzigen');
    expect(await partner.locator('#werkruimte').isVisible()).toBe(false);
  });
});
