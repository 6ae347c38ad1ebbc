import { expect } from 'chai';
import { startKeycrmSimulator, type KeycrmSimulator } from '../../../simulators/keycrm/index.js';
import { startSynchubApi, type SynchubApi } from '../../support/synchubApi.js';

const body = (baseUrl: string) => ({
  name: 'KeyCRM Kyiv',
  platform: 'keycrm',
  storeName: 'Kyiv shop',
  baseUrl,
  credentials: { apiKey: 'secret-key-1' },
  currency: 'UAH',
  productMatch: ['sku', 'name'],
  statusMap: [{ platform: '1', local: 'new' }],
  captureStatuses: ['1', '2'],
});

describe('/v1/integrations', function () {
  this.timeout(30_000);
  let api: SynchubApi;
  let simulator: KeycrmSimulator;

  before(async () => {
    api = await startSynchubApi();
    simulator = await startKeycrmSimulator({ apiKey: 'secret-key-1', requestsPerMinute: 0 });
  });
  after(async () => {
    await api.close();
    await simulator.close();
  });

  it('given a valid body, when an admin creates an integration, then 201 with its settings and no credentials', async () => {
    const created = await api.call('POST', '/v1/integrations', body(simulator.baseUrl));
    expect(created.status).to.equal(201);
    expect(created.body).to.include({ platform: 'keycrm', name: 'KeyCRM Kyiv', currency: 'UAH', hasCredentials: true });
    expect(created.body.captureStatuses).to.deep.equal(['1', '2']);
    expect(created.body.firstImportDays).to.equal(30);
    expect(JSON.stringify(created.body)).not.to.contain('secret-key-1');
    const listed = await api.call('GET', '/v1/integrations');
    expect(listed.body.items.map((i: any) => i.id)).to.include(created.body.id);
    expect(JSON.stringify(listed.body)).not.to.contain('secret-key-1');
  });

  it('given the credentials are changed with PATCH, then they are kept sealed and still never returned', async () => {
    const { body: created } = await api.call('POST', '/v1/integrations', body(simulator.baseUrl));
    const patched = await api.call('PATCH', `/v1/integrations/${created.id}`, { credentials: { apiKey: 'secret-key-2' }, storeName: 'Kyiv 2' });
    expect(patched.status).to.equal(200);
    expect(patched.body.storeName).to.equal('Kyiv 2');
    expect(patched.body.credentialsChangedAt).to.be.a('string');
    expect(JSON.stringify(patched.body)).not.to.contain('secret-key-2');
    const events = await api.eventStore.readStream(`integration-${created.id}`);
    expect(JSON.stringify(events)).not.to.contain('secret-key');
  });

  it('given bad fields, then 400 names each of them, and unknown fields are refused', async () => {
    const bad = await api.call('POST', '/v1/integrations', { ...body(simulator.baseUrl), currency: 'hryvnia', statusMap: [{ platform: '' }], colour: 'red' });
    expect(bad.status).to.equal(400);
    const fields = bad.body.errors.map((e: any) => e.field);
    expect(fields).to.include.members(['currency', 'statusMap[0].platform', 'statusMap[0].local', 'colour']);
  });

  it('given settings that would have no effect (statusRoles), then 400 names them as unknown fields', async () => {
    const bad = await api.call('POST', '/v1/integrations', { ...body(simulator.baseUrl), statusRoles: { received: '2', rejected: '5', stockReserved: '3' } });
    expect(bad.status).to.equal(400);
    expect(bad.body.errors).to.deep.include({ field: 'statusRoles', reason: 'property statusRoles should not exist' });
  });

  it('given a default contact that is no contact, then 400 names defaultContactId, on creation and on change', async () => {
    const missing = '0b6c2f1e-4d5a-4c3b-9a8e-7f6d5c4b3a21';
    const bad = await api.call('POST', '/v1/integrations', { ...body(simulator.baseUrl), defaultContactId: missing });
    expect(bad.status).to.equal(400);
    expect(bad.body.errors[0]).to.deep.equal({ field: 'defaultContactId', reason: `there is no contact ${missing}; GET /v1/contacts lists them` });
    const { body: created } = await api.call('POST', '/v1/integrations', body(simulator.baseUrl));
    const patched = await api.call('PATCH', `/v1/integrations/${created.id}`, { defaultContactId: 'nope' });
    expect(patched.status).to.equal(400);
    expect(patched.body.errors[0].field).to.equal('defaultContactId');
  });

  it('given a pending-payment status no row of the status map names, then 400 names it; a payment account is kept for imported orders', async () => {
    const bad = await api.call('POST', '/v1/integrations', { ...body(simulator.baseUrl), pendingPayment: { status: 'unpaid', openStatus: 'open', giveUpAfterDays: 7 } });
    expect(bad.status).to.equal(400);
    expect(bad.body.errors[0].field).to.equal('pendingPayment.status');
    const ok = await api.call('POST', '/v1/integrations', { ...body(simulator.baseUrl), paymentAccount: 'Cash desk 1' });
    expect(ok.status, JSON.stringify(ok.body)).to.equal(201);
    expect(ok.body.paymentAccount).to.equal('Cash desk 1');
  });

  it('given only a platform, then 400 names every required field of the connection', async () => {
    const bad = await api.call('POST', '/v1/integrations', { platform: 'keycrm' });
    expect(bad.status).to.equal(400);
    expect(bad.body.errors.map((e: any) => e.field)).to.include.members(['name', 'storeName', 'baseUrl', 'currency', 'credentials']);
  });

  it('given credentials without the api key, then 400 names credentials.apiKey', async () => {
    const bad = await api.call('POST', '/v1/integrations', { ...body(simulator.baseUrl), credentials: { token: 'x' } });
    expect(bad.status).to.equal(400);
    expect(bad.body.errors.map((e: any) => e.field)).to.include('credentials.apiKey');
  });

  it('given Shopify credentials, then a client id and secret or an access token will do, and 400 names what is missing or mixed', async () => {
    const shopify = { name: 'Shopify', platform: 'shopify', storeName: 'Shop', baseUrl: 'https://acme.myshopify.com', currency: 'EUR' };
    const refusal = async (credentials: Record<string, string>) => (await api.call('POST', '/v1/integrations', { ...shopify, credentials })).body.errors;
    expect((await api.call('POST', '/v1/integrations', { ...shopify, credentials: { clientId: 'client-id-0001', clientSecret: 'client-secret-0001' } })).status).to.equal(201);
    expect((await api.call('POST', '/v1/integrations', { ...shopify, credentials: { accessToken: 'shpat_example_0001', webhookSecret: 'webhook-secret-0001' } })).status).to.equal(201);
    expect(await refusal({ clientId: 'client-id-0001' })).to.deep.equal([{ field: 'credentials.clientSecret', reason: 'is required for shopify, unless accessToken is given' }]);
    expect(await refusal({})).to.deep.equal([{ field: 'credentials.clientId', reason: 'is required for shopify, unless accessToken is given' }]);
    const mixed = await refusal({ clientId: 'client-id-0001', clientSecret: 'client-secret-0001', accessToken: 'shpat_example_0001' });
    expect(mixed).to.deep.equal([{ field: 'credentials.accessToken', reason: 'cannot be given with clientId and clientSecret: shopify takes one of clientId and clientSecret, or accessToken' }]);
  });

  it('given platform options, then the platform checks them: Shopify takes a supported apiVersion, KeyCRM has none', async () => {
    const shopify = { name: 'Shopify', platform: 'shopify', storeName: 'Shop', baseUrl: 'https://acme.myshopify.com', currency: 'EUR', credentials: { accessToken: 'shpat_example_0001' } };
    const created = await api.call('POST', '/v1/integrations', { ...shopify, platformOptions: { apiVersion: '2026-07' } });
    expect(created.status).to.equal(201);
    expect(created.body.platformOptions).to.deep.equal({ apiVersion: '2026-07' });
    const old = await api.call('PATCH', `/v1/integrations/${created.body.id}`, { platformOptions: { apiVersion: '2024-10' } });
    expect(old.status).to.equal(400);
    expect(old.body.errors).to.deep.equal([{ field: 'platformOptions.apiVersion', reason: '2024-10 is not a version synchub supports; use one of 2026-04, 2026-07, 2026-10' }]);
    const keycrm = await api.call('POST', '/v1/integrations', { ...body(simulator.baseUrl), platformOptions: { apiVersion: '2026-10' } });
    expect(keycrm.body.errors).to.deep.equal([{ field: 'platformOptions.apiVersion', reason: 'is not a keycrm option (keycrm has none)' }]);
  });

  it('given a viewer token, when it tries to create an integration, then 403', async () => {
    const { body: viewer } = await api.call('POST', '/v1/tokens', { name: 'auditor', role: 'viewer' });
    const refused = await api.call('POST', '/v1/integrations', body(simulator.baseUrl), viewer.token);
    expect(refused.status).to.equal(403);
    const allowed = await api.call('GET', '/v1/integrations', undefined, viewer.token);
    expect(allowed.status).to.equal(200);
  });

  it('given an unknown integration, then GET, PATCH and sync answer 404', async () => {
    expect((await api.call('GET', '/v1/integrations/nope')).status).to.equal(404);
    expect((await api.call('PATCH', '/v1/integrations/nope', { name: 'x' })).status).to.equal(404);
    expect((await api.call('POST', '/v1/integrations/nope/sync')).status).to.equal(404);
  });

  it('given platform statuses nobody mapped, when orders arrive in them, then they are created locally and reported as unmapped', async () => {
    simulator.orders.addOrder({
      status_id: 3,
      buyer: { id: 1, full_name: 'Olena Koval', email: 'olena@example.com', phone: '+380671234567', company_id: null, manager_id: null },
      products: [],
    } as never);
    const { body: created } = await api.call('POST', '/v1/integrations', { ...body(simulator.baseUrl), captureStatuses: undefined });
    const run = await api.call('POST', `/v1/integrations/${created.id}/sync`);
    await api.syncsDone();
    const report = (await api.call('GET', `/v1/sync-runs/${run.body.runId}`)).body;
    expect(report.status, JSON.stringify(report)).to.equal('succeeded');
    const { body: integration } = await api.call('GET', `/v1/integrations/${created.id}`);
    expect(integration.unmappedStatuses.map((s: any) => s.platform)).to.deep.equal(['3']);
    expect(integration.lastExchange).to.include({ outcome: 'succeeded', runId: run.body.runId });
    const mapped = await api.call('PATCH', `/v1/integrations/${created.id}`, { statusMap: [{ platform: '1', local: 'new' }, { platform: '3', local: 'packing' }] });
    expect(mapped.body.unmappedStatuses).to.deep.equal([]);
  });
});
