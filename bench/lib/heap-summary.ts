/*
 * Compares two V8 heap snapshots of one process (taken with SIGURG under
 * BENCH_HEAP_SNAPSHOT, e.g. with 0 and with N idle connections) and lists
 * what grew, by constructor / node name: count and self size, per connection.
 * Usage: node dist/bench/lib/heap-summary.js BEFORE.heapsnapshot AFTER.heapsnapshot N [TOP]
 */
import { readFileSync } from 'node:fs';

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: Array<string[] | string> } };
  nodes: number[];
  strings: string[];
}

function aggregate(file: string): Map<string, { count: number; size: number }> {
  const s = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
  const fields = s.snapshot.meta.node_fields;
  const types = s.snapshot.meta.node_types[0] as string[];
  const width = fields.length;
  const iType = fields.indexOf('type');
  const iName = fields.indexOf('name');
  const iSize = fields.indexOf('self_size');
  const out = new Map<string, { count: number; size: number }>();
  for (let i = 0; i < s.nodes.length; i += width) {
    const type = types[s.nodes[i + iType]];
    let name = s.strings[s.nodes[i + iName]];
    if (type === 'string' || type === 'concatenated string' || type === 'sliced string') name = '(string)';
    else if (type === 'code') name = '(code)';
    else if (type === 'closure') name = `closure ${name}`;
    else if (type === 'array') name = `(array) ${name}`.slice(0, 60);
    else if (type === 'hidden' || type === 'object shape' || type === 'number') name = `(${type})`;
    else name = name.slice(0, 60);
    const e = out.get(name) ?? { count: 0, size: 0 };
    e.count++;
    e.size += s.nodes[i + iSize];
    out.set(name, e);
  }
  return out;
}

export function compare(before: string, after: string, n: number, top = 30): string {
  const a = aggregate(before);
  const b = aggregate(after);
  const rows = [...b.entries()].map(([name, v]) => {
    const o = a.get(name) ?? { count: 0, size: 0 };
    return { name, count: (v.count - o.count) / n, bytes: (v.size - o.size) / n };
  });
  const total = rows.reduce((s, r) => s + r.bytes, 0);
  const lines = rows
    .sort((x, y) => y.bytes - x.bytes)
    .slice(0, top)
    .map((r) => `${r.bytes.toFixed(0).padStart(7)} B ${r.count.toFixed(2).padStart(7)}×  ${r.name}`);
  return `JS heap growth per connection: ${(total / 1024).toFixed(1)} KB (self sizes, ${n} connections)\n${lines.join('\n')}`;
}

if (require.main === module) {
  const [before, after, n, top] = process.argv.slice(2);
  if (!before || !after || !n) {
    process.stderr.write('usage: node dist/bench/lib/heap-summary.js BEFORE AFTER CONNECTIONS [TOP]\n');
    process.exit(2);
  }
  process.stdout.write(`${compare(before, after, Number(n), Number(top ?? 30))}\n`);
}
