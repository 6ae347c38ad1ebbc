import { expect } from 'chai';
import { rekeyContacts } from '../../src/application/contacts/contactRekey.js';
import { buyerContact, registerBuyer } from '../../src/application/import/buyerRegistration.js';
import { contactsProjection, CONTACTS_COLLECTION, type ContactDocument } from '../../src/application/projections/contactsProjection.js';
import { ProjectionRunner } from '../../src/application/projections/projectionRunner.js';
import { MemoryEventStore } from '../../src/infrastructure/memory/memoryEventStore.js';
import { MemoryReadModels } from '../../src/infrastructure/memory/memoryReadModels.js';

const at = '2025-03-01T10:00:00.000Z';
const later = '2026-11-01T10:00:00.000Z';
/** Contacts as versions before E.164 stored them: national spellings as digits, under keys made of those digits. */
const legacy = (contactId: string, firstName: string, phone: string) => ({
  type: 'ContactRegistered',
  data: { contactId, firstName, lastName: 'Legacy', phone, email: '', registeredAt: at },
});

describe('Contacts re-keyed: phones stored before E.164 find their contact again (synchub contacts rekey)', () => {
  it('given contacts stored with national phones, when re-keyed for UA, then their phones are E.164 and a buyer of that number lands on them', async () => {
    const store = new MemoryEventStore();
    const readModels = new MemoryReadModels();
    await store.appendToStream('contact-c-olena', [legacy('c-olena', 'Олена', '0509192229')]);
    await store.appendToStream('contact-c-ivan', [legacy('c-ivan', 'Іван', '0671234567')]);
    await store.appendToStream('contact-c-nobody', [legacy('c-nobody', 'Ніхто', '1234567')]);
    // Ivan's number was imported again after the upgrade, before re-keying: a second contact exists under the new key.
    const second = await registerBuyer(store, { firstName: 'Іван', lastName: 'Другий', phone: '+380671234567', email: '' }, later, 'UA');
    const international = await registerBuyer(store, { firstName: 'Анна', lastName: 'Нова', phone: '+380631112233', email: '' }, later, 'UA');
    const project = () => new ProjectionRunner(store, readModels, contactsProjection).catchUp();
    await project();

    const report = await rekeyContacts({ store, readModels }, 'UA', new Date(later));
    expect(report).to.deep.equal({
      rekeyed: 1,
      unchanged: 2,
      unreadable: [{ contactId: 'c-nobody', phone: '1234567' }],
      duplicates: [{ contactId: 'c-ivan', sameNumberAs: second.contactId, phone: '+380671234567' }],
    });
    await project();
    expect(await readModels.get<ContactDocument>(CONTACTS_COLLECTION, 'c-olena')).to.include({ firstName: 'Олена', phone: '+380509192229' });
    expect(await readModels.get<ContactDocument>(CONTACTS_COLLECTION, international.contactId)).to.include({ phone: '+380631112233' });

    for (const phone of ['+380 50 919 22 29', '0509192229']) {
      const customer = await registerBuyer(store, { firstName: 'Olena', lastName: 'K', phone, email: 'o@example.com' }, later, 'UA');
      expect(customer.contactId, phone).to.equal('c-olena');
    }
    expect(await store.readStream(`contact-${buyerContact({ firstName: '', lastName: '', phone: '+380509192229', email: '' }).contactId}`)).to.have.length(1);
    await project();
    expect(await readModels.get<ContactDocument>(CONTACTS_COLLECTION, 'c-olena'), 'kept her name, e-mail filled').to.include({ firstName: 'Олена', email: 'o@example.com' });

    const again = await rekeyContacts({ store, readModels }, 'UA', new Date(later));
    expect(again, 'a second run changes nothing').to.include({ rekeyed: 0, unchanged: 3 });
  });
});
