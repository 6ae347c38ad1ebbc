import { readFileSync } from 'node:fs';
import { expect } from 'chai';

const root = new URL('../../../', import.meta.url);
const read = (file: string) => readFileSync(new URL(file, root), 'utf8');

/** The flags a command line gives node before the script it runs. */
const nodeFlags = (words: string[]) => words.slice(words.indexOf('node') + 1).filter((word) => word.startsWith('--'));

describe('How synchub is started', () => {
  it('given npm start and the Docker image, then both run Node.js with the same heap and thread settings', () => {
    const start = (JSON.parse(read('package.json')) as { scripts: { start: string } }).scripts.start.split(/\s+/);
    const cmd = JSON.parse(/^CMD (\[.*\])$/m.exec(read('Dockerfile'))![1]) as string[];
    expect(nodeFlags(start)).to.include.members(['--max-old-space-size=512', '--max-semi-space-size=4', '--v8-pool-size=1']);
    expect(nodeFlags(cmd)).to.deep.equal(nodeFlags(start));
  });
});
