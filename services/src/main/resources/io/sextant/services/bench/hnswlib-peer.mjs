// hnswlib-node peer for `sextant bench ann|build`: one long-lived process driven by JSON lines on
// stdin, so the Java side can interleave its own measurements with this peer's (A B A B).
// Commands (one JSON object per line; every reply is one JSON line on stdout):
//   {"cmd":"load","base":F,"queries":F,"truth":F,"n":N,"q":Q,"dim":D}  read float32 LE files, int32 truth (10 per query)
//   {"cmd":"build","m":16,"efc":100}                                   single-thread HNSW build -> {"seconds"}
//   {"cmd":"search","ef":E[,"repeat":R]}                               every query R times (default 1) -> {"qps","recall"}
//   {"cmd":"quit"}
// Prints one greeting line first; a failed command answers "error <message>".
// Usage: node hnswlib-peer.mjs (native|npm)   -- which build of hnswlib-node to load
import fs from 'node:fs';
import readline from 'node:readline';
import { createRequire } from 'node:module';
const require = createRequire(process.cwd() + '/');
const lib = process.argv[2] === 'npm' ? require('hnswlib-node') : require(process.cwd() + '/hnswlib-native');
const K = 10;
let base, queries, truth, dim, index;
const now = () => Number(process.hrtime.bigint()) / 1e9;
function readF32(file, n, d) {
  const buf = fs.readFileSync(file);
  const f = new Float32Array(buf.buffer, buf.byteOffset, n * d);
  const out = new Array(n);
  for (let i = 0; i < n; i++) out[i] = Array.from(f.subarray(i * d, (i + 1) * d));
  return out;
}
function handle(m) {
  switch (m.cmd) {
    case 'load': {
      dim = m.dim; base = readF32(m.base, m.n, dim); queries = readF32(m.queries, m.q, dim);
      const buf = fs.readFileSync(m.truth); const g = new Int32Array(buf.buffer, buf.byteOffset, m.q * K);
      truth = []; for (let i = 0; i < m.q; i++) truth.push(new Set(g.subarray(i * K, (i + 1) * K)));
      return { ok: true, n: base.length, q: queries.length };
    }
    case 'build': {
      index = null; if (global.gc) global.gc();
      const idx = new lib.HierarchicalNSW('cosine', dim); idx.initIndex(base.length, m.m ?? 16, m.efc ?? 100, 100);
      const t0 = now(); for (let i = 0; i < base.length; i++) idx.addPoint(base[i], i);
      index = idx; return { seconds: now() - t0 };
    }
    case 'search': {
      index.setEf(m.ef); let hit = 0; const rep = m.repeat || 1; const t0 = now();
      for (let i = 0; i < queries.length; i++) { const r = index.searchKnn(queries[i], K); for (const id of r.neighbors) if (truth[i].has(id)) hit++; }
      for (let j = 1; j < rep; j++) for (let i = 0; i < queries.length; i++) index.searchKnn(queries[i], K);
      const s = now() - t0; return { qps: queries.length * rep / s, recall: hit / (queries.length * K) };
    }
    case 'quit': process.exit(0);
    default: throw new Error('unknown command ' + m.cmd);
  }
}
const version = JSON.parse(fs.readFileSync(process.cwd() + '/node_modules/hnswlib-node/package.json', 'utf8')).version;
process.stdout.write(JSON.stringify({ lib: 'hnswlib-node', version, build: process.argv[2] === 'npm' ? 'npm' : 'native' }) + '\n');
const rl = readline.createInterface({ input: process.stdin });
rl.on('line', (line) => {
  let out; try { out = JSON.stringify(handle(JSON.parse(line))); } catch (e) { out = 'error ' + String(e && e.message || e).replace(/\n/g, ' '); }
  process.stdout.write(out + '\n');
});
rl.on('close', () => process.exit(0));
