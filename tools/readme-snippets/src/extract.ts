/**
 * Code blocks of a README, as the snippet test runs them.
 *
 * Every fenced block tagged `ts`, `js`, `sh` or `python` is runnable unless
 * the line just above its fence (blank lines aside) is a marker comment:
 *
 * - `<!-- not-run: reason -->` keeps it out, with the reason shown in the
 *   test's skip list (a fragment that needs the reader's own files, an install
 *   line the test replaces with the packed tarballs, a run that takes minutes);
 * - `<!-- continues -->` runs it after the previous runnable block of the same
 *   language in the same README (one program in several pieces of prose).
 *
 * An `sh` block of nothing but `npm install` lines (and comments) is not run
 * either: the test installs the packed packages instead of the registry's.
 *
 * Inside a block, a comment `// prints: text` (`# prints: text` in sh and
 * python) says
 * that the run's standard output contains `text`.
 */

/** One fenced block of a README. */
export interface Snippet {
  /** The README it comes from, as given. */
  file: string;
  /** 1-based line of the opening fence. */
  line: number;
  lang: 'ts' | 'js' | 'sh' | 'python';
  /** The block's own code. */
  code: string;
  /** The code to run: earlier pieces first when the block continues one. */
  program: string;
  /** Why it is not run, when it carries a `not-run` marker. */
  skip?: string;
  /** Texts that standard output must contain. */
  prints: string[];
}

const RUNNABLE = new Set(['ts', 'js', 'sh', 'python']);
const MARKER = /^<!--\s*(not-run|continues)\s*(?::\s*(.*?))?\s*-->$/;

/**
 * The `ts`, `js`, `sh` and `python` blocks of a README, with their markers applied.
 *
 * @example
 * const [s] = extractSnippets('## Use\n\n```ts\nconsole.log(1); // prints: 1\n```\n', 'README.md');
 * s.prints; // ['1']
 */
export function extractSnippets(markdown: string, file: string): Snippet[] {
  const lines = markdown.split(/\r?\n/);
  const out: Snippet[] = [];
  const last: Partial<Record<Snippet['lang'], Snippet>> = {};
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w*)\s*$/.exec(lines[i]);
    if (!open) continue;
    const end = lines.findIndex((l, j) => j > i && /^```\s*$/.test(l));
    if (end < 0) throw new Error(`${file}:${i + 1}: code block is never closed (expected a line with \`\`\`)`);
    const code = lines.slice(i + 1, end).join('\n') + '\n';
    const lang = open[1];
    const marker = markerAbove(lines, i);
    const fence = i;
    i = end;
    if (!RUNNABLE.has(lang)) continue;
    const l = lang as Snippet['lang'];
    if (marker?.kind === 'not-run' && !marker.text) {
      throw new Error(`${file}:${fence + 1}: <!-- not-run --> needs a reason: <!-- not-run: why -->`);
    }
    const previous = marker?.kind === 'continues' ? last[l] : undefined;
    if (marker?.kind === 'continues' && !previous) {
      throw new Error(`${file}:${fence + 1}: <!-- continues --> but no earlier runnable ${l} block in this file`);
    }
    const snippet: Snippet = {
      file,
      line: fence + 1,
      lang: l,
      code,
      program: previous ? previous.program + code : code,
      skip: marker?.kind === 'not-run' ? marker.text : l === 'sh' && onlyInstalls(code) ? INSTALL_ONLY : undefined,
      prints: [...(previous?.prints ?? []), ...printsOf(code, l)],
    };
    out.push(snippet);
    if (!snippet.skip) last[l] = snippet;
  }
  return out;
}

/**
 * Why a block of install lines is not run.
 *
 * @example
 * extractSnippets('```sh\nnpm install @hourglass/core\n```\n', 'README.md')[0].skip === INSTALL_ONLY; // true
 */
export const INSTALL_ONLY = 'npm install lines: the test installs the packed packages instead';

function onlyInstalls(code: string): boolean {
  const lines = code.split('\n').map((l) => l.replace(/#.*/, '').trim()).filter(Boolean);
  return lines.length > 0 && lines.every((l) => /^npm\s+(install|i)\s/.test(l));
}

function markerAbove(lines: string[], fence: number): { kind: string; text?: string } | undefined {
  for (let j = fence - 1; j >= 0; j--) {
    const t = lines[j].trim();
    if (t === '') continue;
    const m = MARKER.exec(t);
    return m ? { kind: m[1], text: m[2] } : undefined;
  }
  return undefined;
}

function printsOf(code: string, lang: Snippet['lang']): string[] {
  const re = lang === 'sh' || lang === 'python' ? /#\s*prints:\s*(.+?)\s*$/gm : /\/\/\s*prints:\s*(.+?)\s*$/gm;
  return [...code.matchAll(re)].map((m) => m[1]);
}
