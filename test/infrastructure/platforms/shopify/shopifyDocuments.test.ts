import { expect } from 'chai';
import { NoDeprecatedCustomRule, parse, validate } from 'graphql';
import * as documents from '../../../../src/infrastructure/platforms/shopify/shopifyDocuments.js';
import { DEFAULT_SHOPIFY_API_VERSION } from '../../../../src/infrastructure/platforms/shopify/shopifyApiVersion.js';
import { SHOPIFY_SCHEMA_VERSION, shopifyAdminSchema } from '../../../../simulators/shopify/shopifySchema.js';

const { SHOPIFY_DOCUMENTS } = documents;

describe("Shopify's own Admin GraphQL schema as the adapter's contract", () => {
  const schema = shopifyAdminSchema();

  it('given the kept schema, then it is the version the adapter talks by default, with its 3 546 types', () => {
    expect(SHOPIFY_SCHEMA_VERSION).to.equal(DEFAULT_SHOPIFY_API_VERSION);
    expect(Object.keys(schema.getTypeMap())).to.have.length(3546);
  });

  it('given the module of documents, then every document it defines is in the list the tests check', () => {
    const defined = Object.values(documents).filter((value): value is documents.ShopifyDocument => typeof value === 'object' && value !== null && 'document' in value);
    const names = (list: readonly documents.ShopifyDocument[]) => list.map((document) => document.name).sort();
    expect(names(SHOPIFY_DOCUMENTS)).to.deep.equal(names(defined));
    expect(SHOPIFY_DOCUMENTS.length).to.be.at.least(12);
  });

  for (const document of SHOPIFY_DOCUMENTS) {
    it(`given ${document.name}, then Shopify's schema accepts every field, argument and type it uses, none of them deprecated`, () => {
      expect(validate(schema, document.document).map((error) => error.message)).to.deep.equal([]);
      expect(validate(schema, document.document, [NoDeprecatedCustomRule]).map((error) => error.message)).to.deep.equal([]);
    });
  }

  it('given a misspelt field or a wrong argument type, then the same check refuses it', () => {
    const typo = parse(documents.ORDERS.text.replace('totalPriceSet', 'totalPrice2'));
    const messages = validate(schema, typo).map((error) => error.message);
    expect(messages).to.have.length(1);
    expect(messages[0]).to.match(/Cannot query field "totalPrice2" on type "Order"/);
    const wrongType = parse(documents.ORDERS.text.replace('$first: Int!', '$first: String!'));
    expect(validate(schema, wrongType).map((error) => error.message).join('\n')).to.match(/Variable "\$first" of type "String!" used in position expecting type "Int"/);
  });
});
