/** `@hourglass/core/testing` is ESM only; `require()` of it fails with an error that says how to import it. */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';

it('a CommonJS require of @hourglass/core/testing says it is ESM only and how to import it', () => {
  const out = execFileSync(process.execPath, [join(__dirname, 'fixtures/require-testing.cjs')], { encoding: 'utf8' });
  const result = JSON.parse(out.trim());
  expect(result).toMatchObject({ loaded: false, hourglass: true, code: 'ESM_ONLY' });
  expect(result.message).toMatch(/^@hourglass\/core\/testing is ESM only/);
  expect(result.message).toContain("import { variantContractSuite } from '@hourglass/core/testing'");
  expect(result.message).toContain("await import('@hourglass/core/testing')");
});
