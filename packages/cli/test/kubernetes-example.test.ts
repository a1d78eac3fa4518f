/**
 * examples/kubernetes/indexed-job.yaml is valid YAML holding Indexed Jobs
 * whose shard count agrees with their completions, and its commands are
 * real: each Job's container arguments are run as its pods would run them
 * (the volume a temporary folder, JOB_COMPLETION_INDEX and the declared
 * environment set per index, the cpu backend), and the parts, merged, are
 * the one-process output.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { hourglass, tempDir } from './in-process.js';

const MANIFEST = resolve(__dirname, '../../../examples/kubernetes/indexed-job.yaml');

interface Container {
  args: string[];
  env: { name: string; value?: string; valueFrom?: { fieldRef?: { fieldPath: string } } }[];
  volumeMounts: { name: string; mountPath: string }[];
}
interface Job {
  kind: string;
  metadata: { name: string };
  spec: { completionMode: string; completions: number; parallelism: number; template: { spec: { restartPolicy: string; containers: Container[]; volumes: { name: string; persistentVolumeClaim?: object }[] } } };
}

let jobs: Job[];
const work = tempDir();

beforeAll(async () => {
  const docs = parseAllDocuments(await readFile(MANIFEST, 'utf8'));
  if (!Array.isArray(docs)) throw new Error('no documents');
  for (const d of docs) expect(d.errors, `${MANIFEST}`).toEqual([]);
  jobs = docs.map((d) => d.toJS() as Job);
  await Promise.all(['data', 'out'].map((d) => mkdir(join(work, d))));
  const rows = Array.from({ length: 45 }, (_, i) => [i % 7, (i * 3) % 11, i % 5].map((v) => (v / 10).toFixed(2)).join(','));
  await writeFile(join(work, 'data/table.csv'), ['a,b,c', ...rows].join('\n') + '\n');
  const r = await hourglass('train', '--data', join(work, 'data/table.csv'), '--epochs', '1', '--hidden', '4', '--latent', '2', '--contamination', '0.1', '--backend', 'cpu', '--quiet', '--out', join(work, 'run'));
  expect(r.code, r.stderr).toBe(0);
}, 60_000);

afterEach(() => vi.unstubAllEnvs());

/** A pod's arguments for `index`: the volume's path replaced by `work`, the index expanded, the cpu backend. */
function podArgs(c: Container, mount: string, index: number): string[] {
  const args = c.args.map((a) => a.replaceAll('$(JOB_COMPLETION_INDEX)', String(index)).replace(mount, work));
  const b = args.indexOf('--backend');
  if (b >= 0) args[b + 1] = 'cpu';
  return args;
}

describe('examples/kubernetes/indexed-job.yaml', () => {
  it('holds Indexed Jobs whose shard count is their completions', () => {
    expect(jobs.map((j) => j.metadata.name)).toEqual(['hourglass-encode', 'hourglass-detect']);
    for (const job of jobs) {
      expect(job).toMatchObject({ kind: 'Job', spec: { completionMode: 'Indexed', template: { spec: { restartPolicy: 'Never' } } } });
      const [c] = job.spec.template.spec.containers;
      const index = c.env.find((e) => e.name === 'JOB_COMPLETION_INDEX');
      expect(index?.valueFrom?.fieldRef?.fieldPath).toBe("metadata.annotations['batch.kubernetes.io/job-completion-index']");
      const shards = c.env.find((e) => e.name === 'HOURGLASS_SHARDS')?.value;
      const flag = c.args[c.args.indexOf('--shard') + 1];
      const count = Number(shards ?? flag?.split('/')[1]);
      expect(count, job.metadata.name).toBe(job.spec.completions);
      expect(job.spec.parallelism).toBeLessThanOrEqual(job.spec.completions);
      expect(c.args.join(' ')).toMatch(/--out \S*\$\(JOB_COMPLETION_INDEX\)/); // one file per shard
      const volumes = job.spec.template.spec.volumes.map((v) => v.name);
      for (const m of c.volumeMounts) expect(volumes).toContain(m.name);
    }
  });
  it('runs: the pods\' parts, merged in index order, are the one-process output', async () => {
    for (const job of jobs) {
      const [c] = job.spec.template.spec.containers;
      const mount = c.volumeMounts[0].mountPath;
      const parts: string[] = [];
      for (let i = 0; i < job.spec.completions; i++) {
        vi.stubEnv('JOB_COMPLETION_INDEX', String(i));
        for (const e of c.env) if (e.value !== undefined) vi.stubEnv(e.name, e.value);
        const args = podArgs(c, mount, i);
        const r = await hourglass(...args);
        expect(r.code, `${job.metadata.name} ${i}: ${r.stderr}`).toBe(0);
        parts.push(args[args.indexOf('--out') + 1]);
      }
      vi.unstubAllEnvs();
      const single = podArgs(c, mount, 0).filter((a, k, all) => a !== '--shard' && all[k - 1] !== '--shard');
      const whole = join(work, `whole-${job.metadata.name}${parts[0].slice(parts[0].lastIndexOf('.'))}`);
      single[single.indexOf('--out') + 1] = whole;
      expect((await hourglass(...single)).code).toBe(0);
      const merged = `${whole}.merged${whole.slice(whole.lastIndexOf('.'))}`;
      const m = await hourglass('merge', '--out', merged, ...parts);
      expect(m.code, m.stderr).toBe(0);
      expect((await readFile(merged)).equals(await readFile(whole)), job.metadata.name).toBe(true);
    }
  });
});
