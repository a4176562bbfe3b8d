/**
 * Child process of bench/responsiveness.ts: calls one API method of a running `serve` every `intervalMs` until
 * stdin closes (or `maxMs` passes), one call at a time, and prints the latencies (ms) as one JSON line.
 * Its own process, so a blocked server event loop cannot delay the probe's clock.
 */
import http from 'node:http';

const [base, token, method, paramsJson, intervalMs, maxMs] = process.argv.slice(2) as [string, string, string, string, string, string];
const latencies: number[] = [];
let stopped = false;
process.stdin.on('end', () => (stopped = true));
process.stdin.on('data', () => undefined);
process.stdin.resume();

function call(): Promise<number> {
  const u = new URL(`/api/${method}`, base);
  const body = paramsJson;
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const req = http.request(
      u,
      { method: 'POST', headers: { 'content-type': 'application/json', 'x-sc-token': token, 'content-length': Buffer.byteLength(body), host: u.host }, agent: false },
      (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 200 ? resolve(performance.now() - t) : reject(new Error(`HTTP ${res.statusCode}`))));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function main(): Promise<void> {
  const end = Date.now() + Number(maxMs);
  while (!stopped && Date.now() < end) {
    latencies.push(await call());
    await new Promise((r) => setTimeout(r, Number(intervalMs)));
  }
  process.stdout.write(`${JSON.stringify(latencies)}\n`);
}

void main();
