import { expect } from 'chai';
import { platformFailureKind, retriedAtOnce } from '../../../src/domain/platform/platformFailure.js';

describe('Platform failures: permanent ones end the work with their reason, transient ones are tried again later', () => {
  it('given a request synchub found impossible before sending it (status 0: unsupported transition, unmapped status), then it is permanent', () => {
    expect(platformFailureKind(0)).to.equal('permanent');
  });

  it('given a refusal about the request itself (400, 403, 404, 405, 410, 422), then it is permanent', () => {
    for (const status of [400, 403, 404, 405, 410, 422]) expect(platformFailureKind(status), String(status)).to.equal('permanent');
  });

  it('given a platform that is busy, slow, conflicting or down (408, 409, 425, 429, 500, 502, 503, 504), then it is transient', () => {
    for (const status of [408, 409, 425, 429, 500, 502, 503, 504]) expect(platformFailureKind(status), String(status)).to.equal('transient');
  });

  it('given no answer at all (network error, timeout), then it is transient', () => {
    expect(platformFailureKind(undefined)).to.equal('transient');
  });

  it('given 401 (the credentials were refused, not the change), then it is transient: the change waits until an admin fixes the key', () => {
    expect(platformFailureKind(401)).to.equal('transient');
  });

  it('given 401, then it is not repeated within the request (the same key is refused again); 408, 409, 429 and 5xx are', () => {
    expect(retriedAtOnce(401)).to.equal(false);
    expect(retriedAtOnce(422)).to.equal(false);
    for (const status of [408, 409, 429, 500, 503]) expect(retriedAtOnce(status), String(status)).to.equal(true);
  });
});
