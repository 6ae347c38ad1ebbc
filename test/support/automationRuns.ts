// Runs an automation through the API the way an operator does, for end-to-end tests.
import { expect } from 'chai';
import { eventually } from './eventually.js';
import type { SynchubApi } from './synchubApi.js';

/**
 * Runs an automation now as an operator does and answers the first run this caused, once it has finished: an
 * automation is enabled first (a disabled one refuses a start), and a one-off one runs by being enabled.
 */
export async function startAndFinish(api: SynchubApi, integrationId: string, name: string, timeoutMs = 20_000): Promise<any> {
  const calledAt = new Date(Date.now() - 5).toISOString();
  const automation = `/v1/integrations/${integrationId}/automations/${name}`;
  const { body: view } = await api.call('GET', automation);
  if (!view.enabled || view.intervalMs === null) {
    const enabled = await api.call('POST', `${automation}/enable`);
    expect(enabled.status, JSON.stringify(enabled.body)).to.equal(200);
  }
  if (view.intervalMs !== null) {
    const started = await api.call('POST', `${automation}/start`);
    expect(started.status, JSON.stringify(started.body)).to.equal(202);
  }
  return eventually(async () => {
    const { body } = await api.call('GET', `${automation}/runs?limit=10`);
    const ours = body.items.filter((r: any) => r.startedAt >= calledAt).reverse();
    if (!ours[0] || ours[0].status === 'running') throw new Error(`no finished run of ${name} yet`);
    return ours[0];
  }, timeoutMs);
}
