import type { RecordedEvent } from '../ports/eventStore.js';
import type { ReadModelDocument, ReadModelTransaction } from '../ports/readModels.js';
import type { Projection } from '../projections/projection.js';

/** Read-model documents held in memory for one fold; copied in and out, as a store would. */
class FoldedDocuments implements ReadModelTransaction {
  checkpoint: number | undefined;
  private readonly docs = new Map<string, ReadModelDocument>();

  async get<T extends ReadModelDocument>(collection: string, id: string): Promise<T | undefined> {
    const doc = this.docs.get(`${collection}/${id}`);
    return doc === undefined ? undefined : (structuredClone(doc) as T);
  }

  async put(collection: string, id: string, doc: ReadModelDocument): Promise<void> {
    this.docs.set(`${collection}/${id}`, structuredClone(doc));
  }

  async delete(collection: string, id: string): Promise<void> {
    this.docs.delete(`${collection}/${id}`);
  }
}

/**
 * The documents a projection builds from these events alone, through its own apply: a read model as it stood
 * at any point of the log, without a second copy of the projection's rules.
 */
export async function projectInMemory(projection: Projection, events: readonly RecordedEvent[]): Promise<ReadModelTransaction> {
  const documents = new FoldedDocuments();
  for (const event of events) {
    if (projection.handles.has(event.type)) await projection.apply(event, documents);
    documents.checkpoint = event.position;
  }
  return documents;
}
