import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * The documentation's links stay inside the repository: every relative link in the READMEs,
 * BENCHMARKS.md and docs/ names a file or folder of this repository that exists, and every #anchor into a Markdown
 * page names one of its headings. A clone has nothing outside its own folder.
 */
const root = path.resolve(__dirname, '../..');

const documents = [
  'README.md',
  'deploy/README.md',
  'BENCHMARKS.md',
  ...readdirSync(path.join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];

/** Markdown without its fenced code blocks. */
function withoutFences(markdown: string): string {
  let fenced = false;
  return markdown
    .split('\n')
    .filter((line) => {
      if (/^\s*(```|~~~)/.test(line)) {
        fenced = !fenced;
        return false;
      }
      return !fenced;
    })
    .join('\n');
}

/** Markdown without code, where brackets are not links. */
function prose(markdown: string): string {
  return withoutFences(markdown).replace(/`[^`\n]*`/g, '');
}

/** Link targets: `[text](target)` and `![alt](target)`, an optional title left out. */
function linkTargets(markdown: string): string[] {
  return [...prose(markdown).matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map(
    (match) => match[1]!,
  );
}

/** The anchors a Markdown page's headings get, as GitHub makes them. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  for (const line of withoutFences(markdown).split('\n')) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const slug = heading[1]!
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    result.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return result;
}

function brokenLinks(document: string): string[] {
  const source = path.join(root, document);
  const broken: string[] = [];
  for (const target of linkTargets(readFileSync(source, 'utf8'))) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // http:, https:, mailto:
    const [file = '', anchor] = target.split('#') as [string, string | undefined];
    // A page below the root names files from the root (`/packages/…`), never by climbing with
    // `../`: a reader cannot tell such a link from one that leaves the repository.
    if (file.split('/').includes('..')) {
      broken.push(`${target}: climbs with ../; link from the repository root (/…)`);
      continue;
    }
    const resolved = !file
      ? source
      : file.startsWith('/')
        ? path.join(root, decodeURI(file))
        : path.resolve(path.dirname(source), decodeURI(file));
    const inside = path.relative(root, resolved);
    if (inside.startsWith('..') || path.isAbsolute(inside)) {
      broken.push(`${target}: outside the repository`);
    } else if (!existsSync(resolved)) {
      broken.push(`${target}: no such file`);
    } else if (
      anchor !== undefined &&
      statSync(resolved).isFile() &&
      resolved.endsWith('.md') &&
      !anchors(readFileSync(resolved, 'utf8')).has(anchor)
    ) {
      broken.push(`${target}: no heading with this anchor`);
    }
  }
  return broken;
}

describe('links in the documentation', () => {
  it('reads the product rules page among the documents', () => {
    expect(documents).toContain('docs/product-rules.md');
  });

  it.each(documents)('%s links only to files and headings of this repository', (document) => {
    expect(brokenLinks(document)).toEqual([]);
  });

  it('reads link targets outside code, and headings’ anchors as GitHub makes them', () => {
    expect(linkTargets('see [rules](../shared/PRODUCT.md) and `[not](a-link)`')).toEqual([
      '../shared/PRODUCT.md',
    ]);
    expect([
      ...anchors('# Product rules\n## Days 2-3: pre-selection\n## `Idempotency-Key`'),
    ]).toEqual(['product-rules', 'days-2-3-pre-selection', 'idempotency-key']);
  });
});
