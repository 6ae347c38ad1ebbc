import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { seedKeycrmOrders, startKeycrmSimulator, type KeycrmSimulator } from '../../simulators/keycrm/index.js';
import { consoleContext, launchChromium, PHONE, screenshot, signIn } from '../support/consoleBrowser.js';
import { eventually } from '../support/eventually.js';
import { ADMIN_TOKEN, startSynchubApi, type SynchubApi } from '../support/synchubApi.js';

const API_KEY = 'console-test-keycrm-key';
const SLOW_KEY = 'console-test-slow-keycrm-key';
/** Texts of the controls that change something: a viewer must find none of them. */
const MUTATING = /^(Connect a store|Connect|Edit|Save|Sync now|Start|Run once|Stop|Enable|Disable|Delete|Schedule|Change status)$/;

describe('operations console in a real browser (Chromium via playwright-core)', function () {
  this.timeout(120_000);
  let api: SynchubApi;
  let simulator: KeycrmSimulator;
  let slow: KeycrmSimulator;
  let browser: Browser;
  let admin: BrowserContext;
  let page: Page;
  let viewerToken: string;
  let integrationId: string;

  before(async () => {
    const startAt = new Date(Date.now() - 2 * 86_400_000);
    simulator = await startKeycrmSimulator({ apiKey: API_KEY, seedOrders: seedKeycrmOrders({ count: 40, products: 8, buyers: 15, startAt, seed: 22 }), requestsPerMinute: 0 });
    // One request every few seconds: an import here runs long enough to be stopped.
    slow = await startKeycrmSimulator({ apiKey: SLOW_KEY, seedOrders: seedKeycrmOrders({ count: 60, products: 8, buyers: 15, startAt, seed: 23 }), requestsPerMinute: 1, windowMs: 1_500 });
    api = await startSynchubApi({ automations: true });
    viewerToken = (await api.call('POST', '/v1/tokens', { name: 'console viewer', role: 'viewer' })).body.token;
    browser = await launchChromium();
    admin = await consoleContext(browser);
    page = await admin.newPage();
  });

  after(async () => {
    await browser?.close();
    await api?.close();
    await simulator?.close();
    await slow?.close();
  });

  it('given the admin token, when signed in through the form, then the integrations screen shows with the admin controls', async () => {
    await signIn(page, api.base, ADMIN_TOKEN);
    expect(await page.getByText('Signed in: admin').isVisible()).to.equal(true);
    expect(await page.getByRole('button', { name: 'Connect a store' }).isVisible()).to.equal(true);
    // The token went into an HttpOnly cookie: the page's script cannot read it.
    expect(await page.evaluate(() => document.cookie)).to.equal('');
    const cookie = (await admin.cookies()).find((c) => c.name === 'synchub_session');
    expect(cookie).to.include({ httpOnly: true, sameSite: 'Strict' });
    await screenshot(page, 'sign-in-done-integrations-empty');
  });

  it('given the connect form, when a KeyCRM simulator store is connected and synced, then the run finishes and a rejected order shows its reason', async () => {
    await page.getByRole('button', { name: 'Connect a store' }).click();
    const form = page.locator('form.form');
    await form.getByLabel('Name', { exact: true }).fill('KeyCRM Kharkiv');
    await form.locator('select[name=platform]').selectOption('keycrm');
    await form.getByLabel('Store name').fill('Kharkiv shop');
    await form.getByLabel('Store base URL').fill(simulator.baseUrl);
    await form.getByLabel('apiKey').fill(API_KEY);
    await form.getByLabel(/Status map/).fill('1=new\n4=shipped');
    await screenshot(page, 'integration-connect-form');
    await form.getByRole('button', { name: 'Connect' }).click();
    const card = page.locator('article.card', { has: page.getByRole('heading', { name: 'KeyCRM Kharkiv' }) });
    await card.waitFor();
    const listed = (await api.call('GET', '/v1/integrations')).body.items;
    integrationId = listed.find((i: any) => i.name === 'KeyCRM Kharkiv').id;
    expect(JSON.stringify(listed)).not.to.contain(API_KEY);

    await card.getByRole('button', { name: 'Sync now' }).click();
    await card.locator('[data-run-status="succeeded"]').waitFor({ timeout: 60_000 });
    const reasons = await card.locator('.reasons li').allInnerTexts();
    expect(reasons.length, 'the seed has orders without a buyer').to.be.greaterThan(0);
    expect(reasons.join('\n')).to.match(/no buyer/);
    await screenshot(page, 'integrations-sync-finished');
  });

  it('given the synced integration, when its report is opened, then the run with its counts and each rejected order with its reason are listed, and both exports download', async () => {
    await page.locator('article.card').getByRole('link', { name: 'Report', exact: true }).click();
    await page.getByRole('heading', { name: 'Report: KeyCRM Kharkiv' }).waitFor();
    const run = page.locator('article.run').first();
    await run.getByText('succeeded').waitFor();
    expect(await run.locator('.counts').innerText()).to.match(/imported \d+/);
    const rows = await run.locator('tbody tr').allInnerTexts();
    expect(rows.join('\n')).to.match(/no buyer/);
    await screenshot(page, 'integration-report');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'csv' }).click()]);
    const csv = await streamText(await download.createReadStream());
    expect(csv.split('\n')[0]).to.match(/^runId,integrationId,status/);
    expect(csv).to.match(/no buyer/);
  });

  it('given a long import running, when stopped from the automations screen, then its last result says stopped and its log is shown', async () => {
    const connected = await api.call('POST', '/v1/integrations', {
      name: 'KeyCRM slow', platform: 'keycrm', storeName: 'Slow shop', baseUrl: slow.baseUrl, credentials: { apiKey: SLOW_KEY }, currency: 'UAH',
    });
    expect(connected.status).to.equal(201);
    await api.call('PUT', `/v1/integrations/${connected.body.id}/automations/import-orders`, { intervalMs: 3_600_000 });
    await page.goto(`${api.base}/console/integrations/${connected.body.id}/automations`);
    const row = page.locator('tr[data-automation="import-orders"]');
    await row.getByRole('button', { name: 'Start' }).click();
    await row.locator('.state-running').waitFor({ timeout: 30_000 });
    await screenshot(page, 'automations-running');
    await row.getByRole('button', { name: 'Stop' }).click();
    await row.locator('.status-stopped').waitFor({ timeout: 90_000 });
    await row.getByRole('button', { name: 'Runs' }).click();
    await page.locator('.run-list button').first().click();
    await page.locator('ol.log li').first().waitFor();
    expect(await page.locator('.run-list li').first().innerText()).to.match(/^stopped/);
    expect(await page.locator('ol.log').innerText()).to.match(/sync run .* started/);
    await screenshot(page, 'automations-stopped-with-log');
  });

  it('given an imported order, when its status is changed and pushed, then the timeline shows the push and the as-of view shows the order before the change', async () => {
    await page.goto(`${api.base}/console/orders`);
    await page.locator('select[name=store]').selectOption('integrations');
    await page.getByLabel('Number or store').fill('kharkiv');
    await page.getByRole('button', { name: 'Search' }).click();
    const first = page.locator('table.orders tbody tr').first().getByRole('link').first();
    await page.locator('table.orders tbody tr', { hasText: 'Slow shop' }).first().waitFor({ state: 'detached' });
    await first.waitFor();
    expect(await page.locator('table.orders tbody').innerText()).not.to.contain('Slow shop');
    expect(await page.locator('table.orders tbody tr').first().getByRole('link', { name: /open on the platform/ }).count()).to.equal(1);
    await screenshot(page, 'orders');
    await first.click();
    await page.getByRole('heading', { name: /^Order / }).waitFor();
    const before = await page.locator('.heading .tag').innerText();
    const target = before === 'shipped' ? 'new' : 'shipped';
    await page.getByLabel('New status').fill(target);
    await page.getByRole('button', { name: 'Change status' }).click();
    await page.locator('.heading .tag', { hasText: target }).waitFor();
    await page.locator('[data-event-type="StatusChanged"]').waitFor();

    const orderId = page.url().split('/').pop()!;
    // An automation never configured is disabled and refuses a start: enabled first, as an operator would.
    expect((await api.call('POST', `/v1/integrations/${integrationId}/automations/sync-statuses/enable`)).status).to.equal(200);
    await eventually(async () => {
      const pushed = await api.call('POST', `/v1/integrations/${integrationId}/automations/sync-statuses/start`);
      expect(pushed.status).to.be.oneOf([202, 409]);
      const history = (await api.call('GET', `/v1/orders/${orderId}/history?limit=100`)).body.items.map((e: any) => e.type);
      expect(history).to.include('StatusPushed');
    }, 30_000, 500);
    await page.reload();
    await page.locator('[data-event-type="StatusPushed"]').waitFor();
    await screenshot(page, 'order-pushed-timeline');

    await page.locator('[data-event-type="OrderImported"]').getByRole('button', { name: 'View as of this event' }).click();
    await page.locator('.as-of').waitFor();
    expect(await page.locator('.heading .tag').innerText()).to.equal(before);
    await screenshot(page, 'order-as-of-before-change');
    await page.getByRole('button', { name: 'Back to now' }).click();
    await page.locator('.heading .tag', { hasText: target }).waitFor();
  });

  it('given an event of the status change, when its correlation is opened, then the audit shows every event of that request across streams with its metadata', async () => {
    await page.locator('[data-event-type="StatusChanged"] a').first().click();
    await page.locator('#events-title', { hasText: 'Every event of one request or run' }).waitFor();
    const events = page.locator('ol.timeline > li');
    await events.first().waitFor();
    expect(await events.first().getAttribute('data-event-type')).to.equal('StatusChanged');
    await events.first().getByText('Details').click();
    expect(await events.first().locator('pre').last().innerText()).to.match(/"actor": "token:/);
    await screenshot(page, 'audit-correlation');
    await page.getByLabel('Kind').selectOption('integrations');
    await page.getByLabel('Id', { exact: true }).fill(integrationId);
    await page.getByRole('button', { name: 'Show events' }).first().click();
    await page.locator('[data-event-type="IntegrationConnected"]').waitFor();
    expect(await page.locator('ol.timeline').innerText()).not.to.contain(API_KEY);
    await screenshot(page, 'audit-stream');
  });

  it('given a session cookie, when a change is sent without the CSRF token, then it is refused with 403; with it, it goes through', async () => {
    const path = `/v1/integrations/${integrationId}/automations/import-products/enable`;
    const forged = await page.evaluate((url) => fetch(url, { method: 'POST' }).then(async (r) => ({ status: r.status, body: await r.json() })), path);
    expect(forged.status).to.equal(403);
    expect(forged.body.detail).to.match(/CSRF/);
    const csrf = await page.evaluate(() => fetch('/console/session').then((r) => r.json()).then((s) => s.csrfToken as string));
    const real = await page.evaluate(([url, token]) => fetch(url, { method: 'PUT', headers: { 'x-csrf-token': token, 'content-type': 'application/json' }, body: '{}' }).then((r) => r.status), [
      path.replace('/enable', ''),
      csrf,
    ] as const);
    expect(real).to.equal(200);
  });

  it('given a viewer, when signed in with the keyboard alone, then no screen offers a control that changes anything', async () => {
    const context = await consoleContext(browser);
    const viewer = await context.newPage();
    // With the keyboard alone: the token field has the focus, Enter signs in, Tab reaches the navigation.
    await viewer.goto(`${api.base}/console/`);
    await viewer.getByLabel('Access token').waitFor();
    expect(await viewer.evaluate(() => document.activeElement?.getAttribute('name'))).to.equal('token');
    await viewer.keyboard.type(viewerToken);
    await viewer.keyboard.press('Enter');
    await viewer.getByRole('heading', { name: 'Integrations', level: 1 }).waitFor();
    await viewer.keyboard.press('Tab');
    expect(await viewer.evaluate(() => document.activeElement?.textContent)).to.equal('Skip to content');
    await viewer.keyboard.press('Tab');
    await viewer.keyboard.press('Tab');
    await viewer.keyboard.press('Enter');
    await viewer.getByRole('heading', { name: 'Orders', level: 1 }).waitFor();
    await viewer.goto(`${api.base}/console/`);
    // The page asks for its session first: the role shows once that answer is in (waitFor fails if it never does).
    await viewer.getByText('Signed in: viewer').waitFor({ state: 'visible' });
    await viewer.locator('article.card').first().waitFor();
    const screens = ['/console/', `/console/integrations/${integrationId}`, `/console/integrations/${integrationId}/automations`, '/console/orders'];
    for (const screen of screens) {
      await viewer.goto(`${api.base}${screen}`);
      await viewer.locator('main h1').waitFor();
      await viewer.waitForLoadState('networkidle');
      const buttons = await viewer.locator('main button').allInnerTexts();
      expect(buttons.filter((text) => MUTATING.test(text.trim())), `mutating controls on ${screen}`).to.deep.equal([]);
    }
    await screenshot(viewer, 'viewer-automations-no-controls');
    await viewer.goto(`${api.base}/console/orders`);
    await viewer.locator('table.orders tbody tr a').first().click();
    await viewer.locator('[data-event-type]').first().waitFor();
    expect(await viewer.getByRole('button', { name: 'Change status' }).count()).to.equal(0);
    expect(await viewer.getByLabel('New status').count()).to.equal(0);
    await screenshot(viewer, 'viewer-order');
    await context.close();
  });

  it('given a phone-sized screen, when the integrations and an order are shown, then they fit its width', async () => {
    const context = await consoleContext(browser, PHONE);
    const phone = await context.newPage();
    await signIn(phone, api.base, ADMIN_TOKEN);
    await phone.locator('article.card').first().waitFor();
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, 'horizontal scrolling of the whole page').to.be.at.most(0);
    await screenshot(phone, 'phone-integrations');
    await phone.goto(`${api.base}/console/orders`);
    await phone.locator('table.orders tbody tr a').first().click();
    await phone.locator('[data-event-type]').first().waitFor();
    await screenshot(phone, 'phone-order');
    await context.close();
  });
});

async function streamText(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
