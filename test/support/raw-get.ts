import http from 'node:http';

/**
 * GET over node:http, the answer's body as sent: neither fetch nor supertest would leave a compressed body compressed.
 * `acceptEncoding` is sent as Accept-Encoding (none when absent).
 */
export function rawGet(
  url: string,
  acceptEncoding?: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { ...headers, ...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}) } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}
