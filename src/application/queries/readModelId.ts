/** The shape of every id the read side serves: anything else cannot name a document and is not looked up. */
export const READ_MODEL_ID = /^[A-Za-z0-9-]{1,100}$/;

export const isReadModelId = (id: string) => READ_MODEL_ID.test(id);
