'use strict';
// The bench's HTTP client: every figure goes through the public API.
//
// node:http over a keep-alive agent, not fetch: the load generator must not be what it measures. Measured on this
// machine against a trivial server, 8 clients: fetch (undici's WHATWG layer) spent 0.30–0.48 ms of the bench's
// CPU per request, node:http 0.05–0.10 ms — on 2 cores shared with the API, PostgreSQL and the worker, fetch took
// a third to a half of a core at the bare server's rate, and added its own time to every latency timed.
const http = require('node:http');
const { sleep } = require('./stats');

/** One pool of connections for the whole bench (8 clients, the board's sampler, the reminders' reads). */
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
/** A request without an answer for this long fails (the draft of 20,000 units takes about a second). */
const TIMEOUT_MS = 300_000;

/** One request; the answer's status, headers, body as text and its length as sent (a DOCX is not text). */
function request(url, { method = 'GET', headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, agent, headers, timeout: TIMEOUT_MS }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const raw = Buffer.concat(chunks);
        resolve({ status: res.statusCode, headers: res.headers, bytes: raw.length, text: raw.toString('utf8') });
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${url}: no answer in ${TIMEOUT_MS / 1000} s`)));
    req.on('error', reject);
    req.end(body);
  });
}

class Api {
  constructor(baseUrl, token) {
    this.baseUrl = baseUrl;
    this.token = token;
  }
  static async login(baseUrl, username, password) {
    const res = await request(`${baseUrl}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${res.text}`);
    return new Api(baseUrl, JSON.parse(res.text).accessToken);
  }
  async call(method, p, body, headers = {}) {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const res = await request(`${this.baseUrl}${p}`, {
      method,
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${this.token}`,
        // Read-your-own-writes, as a client does: the highest X-Written-Position it was answered goes back with each request.
        ...(this.written === undefined ? {} : { 'x-written-position': this.written.toString() }),
        ...(payload === undefined ? {} : { 'content-length': Buffer.byteLength(payload) }),
        ...headers,
      },
      body: payload,
    });
    const written = res.headers['x-written-position'];
    if (written && /^\d+$/.test(written) && (this.written === undefined || BigInt(written) > this.written)) this.written = BigInt(written);
    const text = res.text;
    return {
      status: res.status,
      bytes: res.bytes,
      body: text && res.headers['content-type']?.includes('json') ? JSON.parse(text) : text,
    };
  }
  async ok(method, p, body, expected = [200, 201]) {
    let res = await this.call(method, p, body);
    // A read whose read models are behind answers 503 with Retry-After: wait and ask again, as a client would.
    for (let i = 0; res.status === 503 && i < 20; i++) {
      await sleep(1000);
      res = await this.call(method, p, body);
    }
    if (!expected.includes(res.status))
      throw new Error(
        `${method} ${p}: ${res.status} ${typeof res.body === 'string' ? res.body.slice(0, 300) : JSON.stringify(res.body).slice(0, 300)}`,
      );
    return res;
  }
}

module.exports = { Api, request };
