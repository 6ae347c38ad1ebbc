// The node flags `npm start` runs synchub with (package.json's start script, which the Dockerfile's CMD repeats), so
// a benchmark's importer runs under the same heap settings as the service.
import { readFileSync } from 'node:fs';

const PACKAGE_JSON = new URL('../../../package.json', import.meta.url);

export function serviceNodeFlags(): string[] {
  const { scripts } = JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as { scripts: { start: string } };
  const [, ...words] = scripts.start.split(/\s+/);
  return words.slice(0, words.findIndex((word) => !word.startsWith('--')));
}
