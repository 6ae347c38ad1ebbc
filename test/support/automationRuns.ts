// Runs an automation through the API the way an operator does, for end-to-end tests.
import { expect } from 'chai';
import { eventually } from './eventually.js';
import type { SynchubApi } from './synchubApi.js';

/** Starts an automation and answers the first run that this start caused, once it has finished. */
export async function startAndFinish(api: SynchubApi, integrationId: string, name: string, timeoutMs = 20_000): Promise<any> {
  const calledAt = new Date(Date.now() - 5).toISOString();
  const started = await api.call('POST', `/v1/integrations/${integrationId}/automations/${name}/start`);
  expect(started.status, JSON.stringify(started.body)).to.equal(202);
  return eventually(async () => {
    const { body } = await api.call('GET', `/v1/integrations/${integrationId}/automations/${name}/runs?limit=10`);
    const ours = body.items.filter((r: any) => r.startedAt >= calledAt).reverse();
    if (!ours[0] || ours[0].status === 'running') throw new Error(`no finished run of ${name} yet`);
    return ours[0];
  }, timeoutMs);
}
