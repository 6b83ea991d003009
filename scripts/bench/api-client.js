'use strict';
// The bench's HTTP client: every figure goes through the public API.
const { sleep } = require('./stats');

class Api {
  constructor(baseUrl, token) {
    this.baseUrl = baseUrl;
    this.token = token;
  }
  static async login(baseUrl, username, password) {
    const res = await fetch(`${baseUrl}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
    return new Api(baseUrl, (await res.json()).accessToken);
  }
  async call(method, p, body, headers = {}) {
    const res = await fetch(`${this.baseUrl}${p}`, {
      method,
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${this.token}`,
        // Read-your-own-writes, as a client does: the highest X-Written-Position it was answered goes back with each request.
        ...(this.written === undefined ? {} : { 'x-written-position': this.written.toString() }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const written = res.headers.get('x-written-position');
    if (written && /^\d+$/.test(written) && (this.written === undefined || BigInt(written) > this.written)) this.written = BigInt(written);
    const text = await res.text();
    return {
      status: res.status,
      bytes: Buffer.byteLength(text),
      body: text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text,
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

module.exports = { Api };
