/** The aggregate id in a stream name like `order-<id>`: everything after the first dash. */
export const streamId = (streamName: string) => streamName.slice(streamName.indexOf('-') + 1);
