// Sextant's embed peer: a raw onnxruntime-node session (what ../shared/peers/embed-bench.mjs calls
// "raw ORT": inference + mean pooling + L2 in JS over batches the transformers.js tokenizer made
// before the clock starts), driven line by line so that Sextant's bench can interleave it A B A B
// with its own pipeline in one run.
// Usage: node embed-peer.mjs MODEL_NAME ONNX_FILE TEXTS_JSON THREADS BATCH [SPIN]
// SPIN '0' turns off the intra-op threads' spinning (session.intra_op.allow_spinning), as Sextant's
// own sessions run; by default the session keeps onnxruntime's default (spinning on).
// Lines in: "run" -> {"ms": wall ms of one pass over all texts}; "one I" -> {"ms": ...} for batch I
// alone (with BATCH 1: text I, a batch-1 query embedding); "check" -> {"first": [8 dims of text 0]}.
import fs from 'node:fs';
import readline from 'node:readline';
import { env, AutoTokenizer } from '@huggingface/transformers';
import * as ort from 'onnxruntime-node';

const [MODEL, FILE, DATA, THREADS, BATCH, SPIN] = process.argv.slice(2);
env.allowRemoteModels = false;
env.allowLocalModels = true;
env.localModelPath = new URL('./models/', import.meta.url).pathname;
const texts = JSON.parse(fs.readFileSync(DATA, 'utf8'));
const tok = await AutoTokenizer.from_pretrained(MODEL);
const enc = [];
for (let i = 0; i < texts.length; i += +BATCH) {
  enc.push(tok(texts.slice(i, i + +BATCH), { padding: true, truncation: true, max_length: 256 }));
}
const sess = await ort.InferenceSession.create(`${env.localModelPath}${MODEL}/onnx/${FILE}`, {
  intraOpNumThreads: +THREADS, interOpNumThreads: 1, graphOptimizationLevel: 'all', executionMode: 'sequential',
  ...(SPIN === '0' ? { extra: { session: { intra_op: { allow_spinning: '0' } } } } : {}) });
const toT = (t) => new ort.Tensor('int64', t.data, t.dims);
async function runRaw(e) {
  const feeds = { input_ids: toT(e.input_ids), attention_mask: toT(e.attention_mask) };
  if (sess.inputNames.includes('token_type_ids')) feeds.token_type_ids = toT(e.token_type_ids);
  const out = await sess.run(feeds);
  const h = out[sess.outputNames[0]]; const [B, L, D] = h.dims; const am = e.attention_mask.data;
  const embs = [];
  for (let b = 0; b < B; b++) { const v = new Float32Array(D); let c = 0;
    for (let l = 0; l < L; l++) if (Number(am[b * L + l])) { c++; const o = (b * L + l) * D; for (let d = 0; d < D; d++) v[d] += h.data[o + d]; }
    let n = 0; for (let d = 0; d < D; d++) { v[d] /= c; n += v[d] * v[d]; } n = Math.sqrt(n); for (let d = 0; d < D; d++) v[d] /= n; embs.push(v); }
  return embs;
}
let last = [];
const rl = readline.createInterface({ input: process.stdin });
console.log(JSON.stringify({ ready: true, ort: ort.env?.versions?.common ?? 'n/a', node: process.version }));
for await (const line of rl) {
  try {
    if (line === 'run') {
      const t0 = performance.now(); const all = [];
      for (const e of enc) all.push(...await runRaw(e));
      const ms = performance.now() - t0; last = all;
      console.log(JSON.stringify({ ms }));
    } else if (line.startsWith('one ')) {
      const e = enc[+line.slice(4)];
      const t0 = performance.now(); await runRaw(e); const ms = performance.now() - t0;
      console.log(JSON.stringify({ ms }));
    } else if (line === 'check') {
      console.log(JSON.stringify({ first: Array.from(last[0] ?? []).slice(0, 8) }));
    } else {
      console.log('error unknown request ' + line);
    }
  } catch (e) {
    console.log('error ' + String(e).replace(/\n/g, ' '));
  }
}
