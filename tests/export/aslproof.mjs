// Proof by execution of `tutti export --to asl` (docs/export.md): runs one flow with `tutti run`
// and its exported state machine on aws-local-stepfunctions, both against the same loopback mocks
// (`tutti mock`, fresh and with the same seed for each side) behind a recording proxy per
// service, and compares the final status, the output and the HTTP calls. The definition is
// checked with asl-validator first. Exit 0: same results; 1: they differ; 2: bad usage/setup.
//
// Usage: node aslproof.mjs --tutti BIN --tools DIR --flow FILE [--input JSON] [--seed S]
//        [--expect STATUS]
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

// aws-local-stepfunctions 3 uses Promise.withResolvers (Node 22); Node 20 lacks it.
if (typeof Promise.withResolvers !== 'function') {
  Promise.withResolvers = function () {
    let resolve, reject;
    const promise = new Promise((res, rej) => { resolve = res; reject = rej; });
    return { promise, resolve, reject };
  };
}

function args() {
  const out = { input: '{}', seed: '7' };
  const a = process.argv.slice(2);
  for (let i = 0; i < a.length; i += 2) out[a[i].replace(/^--/, '')] = a[i + 1];
  for (const k of ['tutti', 'tools', 'flow'])
    if (!out[k]) { console.error(`aslproof: --${k} is required`); process.exit(2); }
  return out;
}
const opt = args();
const require = createRequire(path.join(path.resolve(opt.tools), 'package.json'));
const aslValidator = require('asl-validator');
const { StateMachine } = await import(
  path.join(path.resolve(opt.tools), 'node_modules/aws-local-stepfunctions/build/main.node.esm.js'));

// ---- a copy of the flow's folder with a `proof` environment pointing at the proxies ----------
const source = path.dirname(path.resolve(opt.flow));
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tutti-aslproof-'));
fs.cpSync(source, work, { recursive: true, filter: (p) => !p.includes(`${path.sep}.tutti`) });
const flow = path.join(work, path.basename(opt.flow));
const mockFiles = fs.existsSync(path.join(work, 'mocks'))
  ? fs.readdirSync(path.join(work, 'mocks')).filter((f) => f.endsWith('.mock.yaml')).sort()
      .map((f) => path.join(work, 'mocks', f))
  : [];

// `tutti mock` prints "SERVICE  http://127.0.0.1:PORT" per mock, then serves until SIGTERM.
function startMocks() {
  return new Promise((resolve, reject) => {
    const child = spawn(opt.tutti, ['mock', ...mockFiles, '--seed', opt.seed], { stdio: ['ignore', 'pipe', 'inherit'] });
    const urls = {};
    let buffer = '';
    child.stdout.on('data', (d) => {
      buffer += d;
      for (const line of buffer.split('\n').slice(0, -1)) {
        const m = line.trim().match(/^(\S+)\s+(http:\/\/\S+)$/);
        if (m) urls[m[1]] = m[2];
      }
      if (Object.keys(urls).length === mockFiles.length) resolve({ child, urls });
    });
    child.on('exit', (code) => reject(new Error(`tutti mock exited with ${code}`)));
  });
}
function stopMocks(mocks) {
  return new Promise((resolve) => {
    mocks.child.removeAllListeners('exit');
    mocks.child.on('exit', resolve);
    mocks.child.kill('SIGTERM');
  });
}

// One recording proxy per service; `targets` says where it forwards to at the moment.
let calls = [];
const targets = {};
async function startProxy(service) {
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      const raw = Buffer.concat(chunks).toString();
      let body = raw;
      try { body = raw ? JSON.parse(raw) : null; } catch { /* kept as text */ }
      calls.push({ service, method: req.method, url: req.url, body });
      const headers = { ...req.headers };
      delete headers.host; delete headers.connection; delete headers['content-length'];
      delete headers['transfer-encoding'];
      try {
        const upstream = await fetch(targets[service] + req.url, {
          method: req.method, headers, body: raw && req.method !== 'GET' ? raw : undefined });
        const text = Buffer.from(await upstream.arrayBuffer());
        const out = {};
        upstream.headers.forEach((v, k) => { if (!['content-length', 'connection', 'keep-alive', 'transfer-encoding'].includes(k)) out[k] = v; });
        res.writeHead(upstream.status, out);
        res.end(text);
      } catch {
        res.socket?.destroy(); // the mock reset or went away: so does the proxy
      }
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { server, url: `http://127.0.0.1:${server.address().port}` };
}

// ---- the HTTP Task, as Step Functions' http:invoke does it -----------------------------------
async function httpInvoke(p) {
  const url = new URL(p.ApiEndpoint);
  for (const [k, v] of Object.entries(p.QueryParameters ?? {}))
    url.searchParams.append(k, typeof v === 'string' ? v : JSON.stringify(v));
  const headers = { ...(p.Headers ?? {}) };
  let body;
  if (p.RequestBody !== undefined) {
    if (p.Transform?.RequestBodyEncoding === 'URL_ENCODED') {
      body = new URLSearchParams(p.RequestBody).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    } else if (typeof p.RequestBody === 'string') {
      body = p.RequestBody;
    } else {
      body = JSON.stringify(p.RequestBody);
      headers['content-type'] ??= 'application/json';
    }
  }
  let res;
  try {
    res = await fetch(url, { method: p.Method, headers, body });
  } catch (e) {
    const err = new Error(String(e.cause ?? e)); err.name = 'States.Http.Socket'; throw err;
  }
  const text = await res.text();
  let parsed = text;
  if ((res.headers.get('content-type') ?? '').includes('json')) {
    try { parsed = JSON.parse(text); } catch { /* as text */ }
  }
  if (res.status < 200 || res.status > 299) {
    const err = new Error(text); err.name = `States.Http.StatusCode.${res.status}`; throw err;
  }
  const h = {};
  res.headers.forEach((v, k) => { h[k] = v; });
  return { StatusCode: res.status, StatusText: res.statusText, Headers: h, ResponseBody: parsed };
}

// Every Task, retrying state and Wait of a definition, nested ones included.
function walk(states, found) {
  for (const [name, s] of Object.entries(states)) {
    if (s.Type === 'Task' && s.Resource === 'arn:aws:states:::http:invoke') found.tasks[name] = httpInvoke;
    if (s.Retry) found.retries[name] = 0;
    if (s.Type === 'Wait') found.waits[name] = 0;
    for (const b of s.Branches ?? []) walk(b.States, found);
    if (s.ItemProcessor) walk(s.ItemProcessor.States, found);
  }
  return found;
}

function tuttiToAsl(name) {
  if (name === 'timeout') return 'States.Timeout';
  if (name === 'connection') return 'States.Http.Socket';
  const m = /^http\.(\d{3})$/.exec(name ?? '');
  return m ? `States.Http.StatusCode.${m[1]}` : name;
}

function canonical(v) {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical(v[k])]));
  return v;
}
const same = (a, b) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

// Runs a command without blocking this process: the proxies answer from its event loop.
function exec(cmd, argv) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '', stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

// ---- run both sides ----------------------------------------------------------------------------
let failed = false;
const problems = [];
const proxies = {};
let mocks;
try {
  mocks = await startMocks();
  for (const service of Object.keys(mocks.urls).sort()) proxies[service] = await startProxy(service);
  let yaml = 'tutti-workspace: 1\nenvironments:\n  proof:\n    services:\n';
  for (const [s, p] of Object.entries(proxies)) yaml += `      ${s}: "${p.url}"\n`;
  fs.writeFileSync(path.join(work, 'tutti.yaml'), yaml);

  // 1. tutti run
  Object.assign(targets, mocks.urls);
  calls = [];
  const ran = await exec(opt.tutti, ['run', flow, '--env', 'proof', '--input', opt.input, '--seed', opt.seed, '--json', '--no-trace']);
  if (ran.code !== 0 && ran.code !== 3) throw new Error(`tutti run exited ${ran.code}: ${ran.stderr}`);
  const run = JSON.parse(ran.stdout);
  const tuttiCalls = calls;
  await stopMocks(mocks);
  mocks = null;

  // 2. export, validate
  const exported = await exec(opt.tutti, ['export', flow, '--to', 'asl', '--env', 'proof']);
  if (exported.code !== 0) throw new Error(`tutti export exited ${exported.code}: ${exported.stderr}`);
  const definition = JSON.parse(exported.stdout);
  const { isValid, errorsText } = aslValidator(definition);
  if (!isValid) { problems.push(`asl-validator: ${errorsText('\n')}`); failed = true; }
  if (definition.QueryLanguage === 'JSONata') {
    console.log(`aslproof: ${path.basename(opt.flow)}: JSONata, valid=${isValid}; not run (aws-local-stepfunctions runs JSONPath only)`);
    process.exitCode = failed ? 1 : 0;
  } else {
    // 3. the same flow on aws-local-stepfunctions, against fresh mocks with the same seed
    mocks = await startMocks();
    Object.assign(targets, mocks.urls);
    calls = [];
    const found = walk(definition.States, { tasks: {}, retries: {}, waits: {} });
    const machine = new StateMachine(definition, { validationOptions: { checkArn: false } });
    const execution = machine.run(structuredClone(JSON.parse(opt.input)), {
      context: { Execution: { Name: run.run, Id: run.run } },
      overrides: { taskResourceLocalHandlers: found.tasks, retryIntervalOverrides: found.retries, waitTimeOverrides: found.waits },
    });
    let asl;
    try {
      asl = { status: 'SUCCEEDED', output: await execution.result };
    } catch (e) {
      const cause = e.cause ?? e;
      asl = { status: 'FAILED', error: cause.name, cause: cause.message };
    }
    const aslCalls = calls;
    await stopMocks(mocks);
    mocks = null;

    // 4. compare
    const expected = run.status === 'succeeded' ? 'SUCCEEDED' : 'FAILED';
    if (opt.expect && run.status !== opt.expect) problems.push(`tutti run ended ${run.status}, the case expects ${opt.expect}`);
    if (asl.status !== expected) problems.push(`status: tutti ${run.status}, ASL ${asl.status} (${asl.error ?? ''} ${asl.cause ?? ''})`);
    if (expected === 'SUCCEEDED' && !same(run.output, asl.output))
      problems.push(`output: tutti ${JSON.stringify(run.output)}, ASL ${JSON.stringify(asl.output)}`);
    if (expected === 'FAILED' && run.error && tuttiToAsl(run.error.type) !== asl.error && asl.error !== 'Tutti.CompensationFailed')
      problems.push(`error: tutti ${run.error.type}, ASL ${asl.error}`);
    // Concurrent branches and map items may call in any order: compare those as multisets.
    const concurrent = /type:\s*(parallel|map)\b/.test(fs.readFileSync(flow, 'utf8'));
    const key = (c) => JSON.stringify(canonical(c));
    const a = tuttiCalls.map(key), b = aslCalls.map(key);
    if (concurrent) { a.sort(); b.sort(); }
    if (JSON.stringify(a) !== JSON.stringify(b))
      problems.push(`HTTP calls differ:\n  tutti: ${a.join('\n         ')}\n  ASL:   ${b.join('\n         ')}`);
    failed = failed || problems.length > 0;
    console.log(`aslproof: ${path.basename(opt.flow)}: tutti ${run.status}, ASL ${asl.status}${asl.error ? ' ' + asl.error : ''}, ${tuttiCalls.length} HTTP call(s)${failed ? '' : ', same results'}`);
    process.exitCode = failed ? 1 : 0;
  }
} catch (e) {
  problems.push(String(e.stack ?? e));
  process.exitCode = 2;
} finally {
  if (mocks) await stopMocks(mocks);
  for (const p of Object.values(proxies)) p.server.close();
  fs.rmSync(work, { recursive: true, force: true });
}
for (const p of problems) console.error(`aslproof: ${p}`);
setImmediate(() => process.exit(process.exitCode ?? 0));
