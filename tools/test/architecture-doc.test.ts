/**
 * docs/architecture.md stays true: every file or folder it names exists, and
 * its table of who may import whom names every rule of
 * `.dependency-cruiser.cjs`, the rules CI enforces.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
const doc = readFileSync(resolve(root, 'docs/architecture.md'), 'utf8');

describe('docs/architecture.md', () => {
  it('names only paths that exist', () => {
    const paths = [...doc.matchAll(/`((?:packages|tools|docs)\/[^`\s<>]+)`/g)].map((m) => m[1]);
    expect(paths.length).toBeGreaterThan(30);
    expect(paths.filter((p) => !existsSync(resolve(root, p)))).toEqual([]);
  });
  it('names every import rule CI enforces', () => {
    const config = createRequire(__filename)(resolve(root, '.dependency-cruiser.cjs')) as { forbidden: Array<{ name: string }> };
    expect(config.forbidden.map((r) => r.name).filter((name) => !doc.includes(`\`${name}\``))).toEqual([]);
  });
  it('is linked from the README and CONTRIBUTING', () => {
    for (const file of ['README.md', 'CONTRIBUTING.md']) expect(readFileSync(resolve(root, file), 'utf8')).toContain('docs/architecture.md');
  });
});
