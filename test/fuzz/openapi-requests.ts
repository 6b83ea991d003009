import fc from 'fast-check';

/**
 * fast-check arbitraries of HTTP requests derived from an OpenAPI 3 document: for every operation, path and
 * query parameters and JSON bodies generated from the schemas and examples the document states, then — with
 * about even odds — broken in one of the ways a hostile or buggy client breaks them (wrong types, missing or
 * unknown fields, NUL, lone surrogates, huge or non-finite numbers, deep nesting, repeated query parameters,
 * malformed JSON, invalid UTF-8, odd charsets and encodings, bad Idempotency-Key / If-Match headers).
 */

export interface FuzzRequest {
  method: string;
  /** The document's route, e.g. `PUT /cycles/{cycleId}/units/{unitId}/submission/draft` (for the report). */
  route: string;
  /** The path with parameters filled in and query appended, already percent-encoded. */
  path: string;
  headers: Record<string, string>;
  /** JSON text or raw bytes; undefined: no body. */
  body?: string | Buffer;
  /** Which session sends it: an index into the caller's sessions, or -1 for none. */
  session: number;
}

export interface FuzzContext {
  /** Known-good values for path and query parameters by name (a real cycle id, a unit the reporter reports for …). */
  known: Record<string, string[]>;
  sessions: number;
  /** Operations left out (e.g. logout, which would end the fuzzing session). */
  skip: (method: string, route: string) => boolean;
}

const HOSTILE_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfff',
  '%00',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  "'; DROP TABLE events; --",
  '=HYPERLINK("http://x")',
  'ｆｕｌｌｗｉｄｔｈ',
  'Hội LHPN'.normalize('NFD'),
  '😀'.repeat(50),
  'x'.repeat(5000),
  '\u202e',
  '\r\n',
  '${jndi:ldap://x}',
  '__proto__',
  'constructor',
  '0',
  '-1',
  '1e309',
  'NaN',
  'null',
  'true',
  '[]',
  '{}',
];
const HOSTILE_NUMBERS = [0, -1, -0.5, 1.5, 2 ** 31, 2 ** 53 + 1, -(2 ** 53), 1e308, Number.MAX_SAFE_INTEGER, 1e-320];

const hostileString = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
);
const hostileLeaf: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.constantFrom(...HOSTILE_NUMBERS),
  fc.constant(null),
  fc.boolean(),
  fc.constant([]),
  fc.constant({}),
  fc.jsonValue({ maxDepth: 3 }),
  fc.constant({ __proto__: { admin: true } }),
  fc.constant({ constructor: { prototype: { admin: true } } }),
);

type Schema = any;

/** Percent-encoding of every UTF-16 unit, lone surrogates as their WTF-8 bytes (what a hostile client sends; encodeURIComponent throws). */
export function percentEncode(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (/^[A-Za-z0-9\-_.~]$/.test(ch)) out += ch;
    else if (cp >= 0xd800 && cp <= 0xdfff)
      out += [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    else out += encodeURIComponent(ch);
  }
  return out;
}

export class OpenApiFuzzer {
  constructor(
    private readonly doc: any,
    private readonly ctx: FuzzContext,
  ) {}

  private resolve(schema: Schema): Schema {
    let s = schema;
    for (let i = 0; s?.$ref && i < 20; i++) s = this.doc.components?.schemas?.[String(s.$ref).split('/').pop()!];
    if (s?.allOf?.length === 1) return this.resolve(s.allOf[0]);
    return s ?? {};
  }

  /** Values that fit `schema` (approximately: formats and patterns are honoured only where they matter here). */
  valueOf(schema: Schema, depth = 0): fc.Arbitrary<unknown> {
    const s = this.resolve(schema);
    const withExample = (arb: fc.Arbitrary<unknown>) => (s.example !== undefined ? fc.oneof(fc.constant(s.example), arb) : arb);
    if (s.enum) return fc.constantFrom(...s.enum);
    if (s.oneOf || s.anyOf) return fc.oneof(...(s.oneOf ?? s.anyOf).map((x: Schema) => this.valueOf(x, depth + 1)));
    switch (s.type) {
      case 'string':
        if (s.format === 'uuid') return fc.uuid();
        if (s.format === 'date-time') return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
        if (s.format === 'date')
          return fc
            .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
            .map((d) => d.toISOString().slice(0, 10));
        return withExample(fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 60, 60) }));
      case 'integer':
        return withExample(fc.integer({ min: s.minimum ?? -10, max: s.maximum ?? 5000 }));
      case 'number':
        return withExample(fc.double({ min: s.minimum ?? -1e6, max: s.maximum ?? 1e6, noNaN: true }));
      case 'boolean':
        return fc.boolean();
      case 'array':
        if (depth > 6) return fc.constant([]);
        return withExample(
          fc.array(this.valueOf(s.items ?? {}, depth + 1), { minLength: s.minItems ?? 0, maxLength: Math.min(s.maxItems ?? 4, 4) }),
        );
      default: {
        if (!s.properties)
          return withExample(
            depth > 6 ? fc.constant({}) : fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
          );
        if (depth > 6) return fc.constant({});
        const props = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, this.valueOf(v, depth + 1)]));
        return withExample(fc.record(props, { requiredKeys: (s.required ?? []).filter((k: string) => k in props) }));
      }
    }
  }

  /** `value` broken in one place: a leaf replaced by something hostile, a key dropped, an unknown key added, or nested deep. */
  private mutate(value: unknown): fc.Arbitrary<unknown> {
    const paths: (string | number)[][] = [];
    const walk = (v: unknown, p: (string | number)[]) => {
      paths.push(p);
      if (p.length > 8) return;
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...p, i]));
      else if (v && typeof v === 'object') Object.entries(v).forEach(([k, x]) => walk(x, [...p, k]));
    };
    walk(value, []);
    const setAt = (root: unknown, p: (string | number)[], to: unknown, op: 'set' | 'delete' | 'add') => {
      const copy = structuredClone(root);
      if (p.length === 0) return op === 'set' ? to : copy;
      let cur: any = copy;
      for (const k of p.slice(0, -1)) cur = cur[k];
      const last = p[p.length - 1];
      if (op === 'delete') Array.isArray(cur) ? cur.splice(Number(last), 1) : delete cur[last];
      else if (op === 'add' && cur[last] && typeof cur[last] === 'object' && !Array.isArray(cur[last]))
        cur[last][`unknown_${String(last)}`] = to;
      else cur[last] = to;
      return copy;
    };
    return fc
      .tuple(
        fc.constantFrom(...paths),
        fc.constantFrom('set', 'set', 'delete', 'add', 'deep') as fc.Arbitrary<'set' | 'delete' | 'add' | 'deep'>,
        hostileLeaf,
        fc.integer({ min: 30, max: 3000 }),
      )
      .map(([p, op, leaf, depth]) =>
        op === 'deep' ? setAt(value, p, JSON.parse('['.repeat(depth) + ']'.repeat(depth)), 'set') : setAt(value, p, leaf, op),
      );
  }

  private paramValue(param: any): fc.Arbitrary<string> {
    const known = this.ctx.known[param.name] ?? [];
    const fromSchema = this.valueOf(param.schema ?? { type: 'string' }).map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
    const options: fc.Arbitrary<string>[] = [fromSchema, hostileString, fc.uuid()];
    if (known.length) options.unshift(fc.constantFrom(...known), fc.constantFrom(...known));
    return fc.oneof(...options);
  }

  private bodyText(op: any): fc.Arbitrary<{ body?: string | Buffer; headers: Record<string, string> }> {
    const media = op.requestBody?.content?.['application/json'];
    const json = { 'content-type': 'application/json' };
    if (!media) {
      return fc.oneof(
        fc.constant({ headers: {} }),
        fc.jsonValue({ maxDepth: 2 }).map((v) => ({ body: JSON.stringify(v) ?? 'null', headers: json })),
      );
    }
    const examples = [media.example, ...Object.values(media.examples ?? {}).map((e: any) => e?.value)].filter((e) => e !== undefined);
    const valid = examples.length ? fc.oneof(fc.constantFrom(...examples), this.valueOf(media.schema)) : this.valueOf(media.schema);
    const broken = valid.chain((v) => this.mutate(v));
    const asJson = fc
      .oneof({ weight: 2, arbitrary: valid }, { weight: 3, arbitrary: broken })
      .map((v) => ({ body: JSON.stringify(v) ?? 'null', headers: json as Record<string, string> }));
    const rawBroken = valid.chain((v) => {
      const text = JSON.stringify(v) ?? 'null';
      return fc.constantFrom(
        { body: text.slice(0, Math.max(1, text.length - 3)), headers: json },
        {
          body: Buffer.concat([Buffer.from(text.slice(0, 5)), Buffer.from([0xff, 0xc3, 0x28]), Buffer.from(text.slice(5))]),
          headers: json,
        },
        { body: text, headers: { 'content-type': 'application/json; charset=latin1' } },
        { body: text, headers: { 'content-type': 'application/json; charset=utf-16' } },
        { body: text, headers: { ...json, 'content-encoding': 'gzip' } },
        { body: text, headers: { ...json, 'content-encoding': 'compress' } },
        { body: text, headers: { 'content-type': 'text/plain' } },
        { body: text, headers: { 'content-type': 'application/x-www-form-urlencoded' } },
        { body: `{"a":${'['.repeat(5000)}${']'.repeat(5000)}}`, headers: json },
        { body: text.replace(/^\{/, '{"__proto__":{"isAdmin":true},'), headers: json },
        { body: '1e309', headers: json },
        { body: '"\\ud800"', headers: json },
      );
    });
    return fc.oneof({ weight: 5, arbitrary: asJson }, { weight: 1, arbitrary: rawBroken });
  }

  /** One arbitrary per operation of the document, each producing a FuzzRequest. */
  requests(): fc.Arbitrary<FuzzRequest> {
    const ops: fc.Arbitrary<FuzzRequest>[] = [];
    for (const [route, item] of Object.entries<any>(this.doc.paths)) {
      for (const method of ['get', 'put', 'post', 'patch', 'delete']) {
        const op = item[method];
        if (!op || this.ctx.skip(method.toUpperCase(), route)) continue;
        const params: any[] = [...(item.parameters ?? []), ...(op.parameters ?? [])];
        const pathParams = params.filter((p) => p.in === 'path');
        const queryParams = params.filter((p) => p.in === 'query');
        const headerParams = params.filter((p) => p.in === 'header');
        const pathArb = fc.record(Object.fromEntries(pathParams.map((p) => [p.name, this.paramValue(p)])));
        const queryArb = fc
          .array(
            fc
              .tuple(
                fc.constantFrom(...(queryParams.length ? queryParams : [{ name: 'unexpected', schema: { type: 'string' } }])),
                fc.boolean(),
              )
              .chain(([p, repeat]) =>
                fc
                  .array(this.paramValue(p), { minLength: 1, maxLength: repeat ? 2 : 1 })
                  .map((values) => values.map((v) => [p.name, v] as const)),
              ),
            { maxLength: Math.max(1, queryParams.length) },
          )
          .map((pairs) => pairs.flat());
        const headerArb = fc.record({
          idempotency: fc.option(fc.oneof(fc.uuid(), hostileString), { freq: 3 }),
          ifMatch: fc.option(
            fc.oneof(
              fc.integer({ min: 0, max: 5 }).map((n) => `"${n}"`),
              hostileString.filter((s) => !/[\r\n\u0000-\u001f\u007f-\uffff]/.test(s)),
            ),
            { freq: 3 },
          ),
          extra: fc.array(
            fc.tuple(
              fc.constantFrom(...headerParams.map((p) => p.name), 'x-correlation-id', 'accept', 'accept-encoding'),
              hostileString.filter((s) => /^[\x20-\x7e]*$/.test(s)),
            ),
            { maxLength: 2 },
          ),
        });
        ops.push(
          fc
            .record({
              pathValues: pathArb,
              query: queryArb,
              headers: headerArb,
              body: this.bodyText(op),
              session: fc.integer({ min: -1, max: this.ctx.sessions - 1 }),
            })
            .map(({ pathValues, query, headers, body, session }) => {
              const filled = route.replace(
                /\{(\w+)\}/g,
                (_, name) => percentEncode(String((pathValues as Record<string, string>)[name])) || '%20',
              );
              const qs = query.map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`).join('&');
              const h: Record<string, string> = { ...body.headers };
              if (headers.idempotency !== null && /^[\x20-\x7e]*$/.test(headers.idempotency)) h['idempotency-key'] = headers.idempotency;
              if (headers.ifMatch !== null) h['if-match'] = headers.ifMatch;
              for (const [k, v] of headers.extra) h[k] = v;
              return {
                method: method.toUpperCase(),
                route: `${method.toUpperCase()} ${route}`,
                path: filled + (qs ? `?${qs}` : ''),
                headers: h,
                body: body.body,
                session,
              };
            }),
        );
      }
    }
    return fc.oneof(...ops);
  }
}
