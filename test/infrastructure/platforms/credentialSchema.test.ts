import { expect } from 'chai';
import { InvalidValueError } from '../../../src/domain/shared/errors.js';
import { credentialSchema, validCredentials } from '../../../src/infrastructure/platforms/credentialSchema.js';

// A schema of the shape issue 17 gives Shopify: an app's client id and secret, or an access token; a webhook secret with either.
const eitherAppOrToken = credentialSchema({ oneOf: [{ clientId: {}, clientSecret: {} }, { accessToken: {} }], optional: { webhookSecret: {} } });
const longKeys = credentialSchema({ oneOf: [{ apiKey: { minLength: 32 } }], optional: { webhookSecret: { minLength: 16 } } });

const refusal = (schema: Parameters<typeof validCredentials>[1], credentials: Record<string, unknown>) => {
  try {
    validCredentials('demo', schema, credentials);
  } catch (error) {
    expect(error).to.be.instanceOf(InvalidValueError);
    return { field: (error as InvalidValueError).field, message: (error as Error).message };
  }
  throw new Error(`expected ${JSON.stringify(credentials)} to be refused`);
};

describe('Credential schema', () => {
  describe('alternatives', () => {
    it('given either set of fields, with or without the optional one, then the credentials are accepted as given', () => {
      for (const credentials of [
        { clientId: 'app-1', clientSecret: 'secret-1' },
        { clientId: 'app-1', clientSecret: 'secret-1', webhookSecret: 'wh-1' },
        { accessToken: 'token-1' },
        { accessToken: 'token-1', webhookSecret: 'wh-1' },
      ]) {
        expect(validCredentials('demo', eitherAppOrToken, credentials)).to.deep.equal(credentials);
      }
    });

    it('given half of a set, then the missing field is named, and the other set is offered instead', () => {
      expect(refusal(eitherAppOrToken, { clientId: 'app-1' })).to.deep.equal({
        field: 'credentials.clientSecret',
        message: 'credentials.clientSecret: is required for demo, unless accessToken is given',
      });
    });

    it('given nothing, then the first field of the first set is named', () => {
      expect(refusal(eitherAppOrToken, {}).message).to.equal('credentials.clientId: is required for demo, unless accessToken is given');
      expect(refusal(eitherAppOrToken, { webhookSecret: 'wh-1' }).field).to.equal('credentials.clientId');
    });

    it('given a blank field of the set that was chosen, then it counts as missing', () => {
      expect(refusal(eitherAppOrToken, { accessToken: '   ' }).message).to.equal('credentials.accessToken: is required for demo, unless clientId and clientSecret are given');
    });

    it('given fields of both sets, then the one outside the chosen set is refused: which one is meant stays unambiguous', () => {
      expect(refusal(eitherAppOrToken, { clientId: 'app-1', clientSecret: 'secret-1', accessToken: 'token-1' })).to.deep.equal({
        field: 'credentials.accessToken',
        message: 'credentials.accessToken: cannot be given with clientId and clientSecret: demo takes one of clientId and clientSecret, or accessToken',
      });
    });

    it('given a field no set knows, then it is refused with the fields there are', () => {
      expect(refusal(eitherAppOrToken, { accessToken: 'token-1', password: 'x' }).message).to.equal(
        'credentials.password: is not a demo credential (expected clientId, clientSecret, accessToken, webhookSecret)',
      );
    });

    it('given a value that is not text or longer than 2000 characters, then it is refused as not text', () => {
      expect(refusal(eitherAppOrToken, { accessToken: 'token-1', webhookSecret: 42 }).message).to.equal('credentials.webhookSecret: must be text');
      expect(refusal(eitherAppOrToken, { accessToken: 'x'.repeat(2001) }).message).to.equal('credentials.accessToken: must be text');
    });

    it('given a schema without any set, then it is refused when declared', () => {
      expect(() => credentialSchema({ oneOf: [] })).to.throw(/at least one set/);
    });
  });

  describe('minimum length per field', () => {
    it('given a required field shorter than its minimum, then it is refused naming the field and the length', () => {
      expect(refusal(longKeys, { apiKey: 'k'.repeat(31) })).to.deep.equal({
        field: 'credentials.apiKey',
        message: 'credentials.apiKey: must be at least 32 characters for demo, got 31',
      });
      expect(validCredentials('demo', longKeys, { apiKey: 'k'.repeat(32) })).to.deep.equal({ apiKey: 'k'.repeat(32) });
    });

    it('given an optional field shorter than its minimum, then it is refused; left empty, it counts as not given', () => {
      expect(refusal(longKeys, { apiKey: 'k'.repeat(32), webhookSecret: 'short' }).message).to.equal(
        'credentials.webhookSecret: must be at least 16 characters for demo, got 5',
      );
      expect(validCredentials('demo', longKeys, { apiKey: 'k'.repeat(32), webhookSecret: '' })).to.deep.equal({ apiKey: 'k'.repeat(32), webhookSecret: '' });
    });

    it('given no minimum, then one character is enough and only a blank value is refused', () => {
      expect(validCredentials('demo', eitherAppOrToken, { accessToken: 't' })).to.deep.equal({ accessToken: 't' });
      expect(refusal(eitherAppOrToken, { accessToken: '' }).field).to.equal('credentials.accessToken');
    });
  });
});
