import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ApiStack, request, startStack, STARTUP_TIMEOUT_MS } from './support/api-stack';
import { registeredRoutes } from './support/routes';

/**
 * The OpenAPI document the running API serves at /docs/openapi.json: valid OpenAPI, listing exactly the
 * routes the Nest application registers (read from the controllers' metadata, module by module, from
 * AppModule), each operation with a tag and at least one documented response.
 */

/** The routes of issue #5, in OpenAPI syntax: each must be both registered and documented. */
const EXPECTED_ROUTES = [
  'GET /health',
  'POST /auth/login', 'POST /auth/logout', 'POST /auth/password', 'GET /auth/me',
  'POST /users', 'GET /users',
  'POST /org-units', 'GET /org-units',
  'POST /cycles', 'GET /cycles/{cycleId}', 'POST /cycles/{cycleId}/close-submissions', 'POST /cycles/{cycleId}/advance',
  'GET /cycles/{cycleId}/units/{unitId}/submission', 'PUT /cycles/{cycleId}/units/{unitId}/submission/draft',
  'POST /cycles/{cycleId}/units/{unitId}/submission/submit', 'POST /cycles/{cycleId}/units/{unitId}/submission/return',
  'POST /cycles/{cycleId}/units/{unitId}/submission/approve',
  'GET /cycles/{cycleId}/audit', 'GET /audit/verify',
];
/** Routes reachable without a session. */
const PUBLIC_ROUTES = ['GET /health', 'POST /auth/login'];
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/**
 * SwaggerParser.validate(structuredClone(doc)) in a child Node process: @apidevtools/swagger-parser 13 loads
 * an ES module (json-schema-ref-parser) that Jest's CommonJS runtime cannot require. The document crosses
 * as JSON, i.e. as a structured clone.
 */
function validateOpenApi(document: unknown): { ok: true; paths: string[] } | { ok: false; error: string } {
  const script = `let s = ''; process.stdin.on('data', (d) => { s += d; }).on('end', async () => {
    try {
      const api = await require('@apidevtools/swagger-parser').validate(structuredClone(JSON.parse(s)));
      process.stdout.write(JSON.stringify({ ok: true, paths: Object.keys(api.paths) }));
    } catch (e) { process.stdout.write(JSON.stringify({ ok: false, error: String((e && e.message) || e) })); }
  });`;
  const run = spawnSync(process.execPath, ['-e', script], { cwd: path.resolve(__dirname, '..'), input: JSON.stringify(document), encoding: 'utf8', timeout: 60000 });
  if (run.status !== 0 || !run.stdout) throw new Error(`swagger-parser did not run: ${run.status} ${run.stderr}`);
  return JSON.parse(run.stdout);
}

describe('OpenAPI document', () => {
  let stack: ApiStack;
  let doc: any;
  const operations = () => Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(([path, item]) =>
    HTTP_METHODS.filter((m) => item[m]).map((m) => ({ route: `${m.toUpperCase()} ${path}`, op: item[m] })));

  beforeAll(async () => {
    stack = await startStack({ seed: false }); // the document does not depend on data
    const res = await request(stack.api.url, 'GET', '/docs/openapi.json');
    if (res.status !== 200) throw new Error(`GET /docs/openapi.json: ${res.status} ${res.text}`);
    doc = res.body;
  }, STARTUP_TIMEOUT_MS);
  afterAll(async () => {
    await stack?.stop();
  });

  it('is served without a session as JSON, and the Swagger UI at /docs', async () => {
    const json = await request(stack.api.url, 'GET', '/docs/openapi.json');
    expect(json.status).toBe(200);
    expect(json.headers.get('content-type')).toMatch(/^application\/json/);
    const ui = await request(stack.api.url, 'GET', '/docs');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger-ui');
  });

  it('is a valid OpenAPI 3 document (swagger-parser)', async () => {
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info).toMatchObject({ title: 'kybaocao API', version: expect.any(String) });
    const result = validateOpenApi(doc);
    expect(result).toEqual({ ok: true, paths: expect.any(Array) });
    expect(result.ok && result.paths.sort()).toEqual(Object.keys(doc.paths).sort());
  });

  it('(the validator does reject a broken document)', () => {
    const broken = structuredClone(doc);
    const [first] = Object.keys(broken.paths);
    broken.paths[first].get = { responses: { 200: {} } }; // a response without its required description
    delete broken.info;
    expect(validateOpenApi(broken)).toEqual({ ok: false, error: expect.any(String) });
  });

  it('the application registers every route of the API (read from the controllers)', () => {
    const registered = registeredRoutes().map((r) => r.route);
    expect(registered).toEqual(expect.arrayContaining(EXPECTED_ROUTES));
    expect(new Set(registered).size).toBe(registered.length);
  });

  it('documents exactly the routes the application registers (less those excluded on purpose)', () => {
    const documented = operations().map((o) => o.route).sort();
    expect(documented).toEqual(registeredRoutes().filter((r) => !r.excluded).map((r) => r.route).sort());
    expect(documented).toEqual(expect.arrayContaining(EXPECTED_ROUTES));
  });

  it('gives every operation a tag and at least one documented response', () => {
    const lacking = operations().filter(({ op }) => !(op.tags?.length >= 1) || Object.keys(op.responses ?? {}).length === 0);
    expect(lacking.map((o) => o.route)).toEqual([]);
    for (const { op } of operations()) {
      expect(op.tags.length).toBeGreaterThanOrEqual(1);
      expect(Object.keys(op.responses).every((status) => /^[1-5]\d\d$|^default$/.test(status))).toBe(true);
    }
  });

  it('documents a success response for every operation', () => {
    const noSuccess = operations().filter(({ op }) => !Object.keys(op.responses).some((s) => /^2\d\d$/.test(s))).map((o) => o.route);
    expect(noSuccess).toEqual([]);
  });

  it('marks exactly the public routes as needing no session, every other one as needing the bearer token', () => {
    const routes = registeredRoutes().filter((r) => !r.excluded);
    expect(routes.filter((r) => r.isPublic).map((r) => r.route).sort()).toEqual([...PUBLIC_ROUTES].sort());
    expect(Object.keys(doc.components?.securitySchemes ?? {})).toEqual(expect.arrayContaining(['bearer']));
    const unsecured = operations().filter(({ route, op }) => !PUBLIC_ROUTES.includes(route)
      && !(op.security ?? doc.security ?? []).some((s: Record<string, unknown>) => 'bearer' in s)).map((o) => o.route);
    expect(unsecured).toEqual([]);
    const publicButSecured = operations().filter(({ route, op }) => PUBLIC_ROUTES.includes(route) && (op.security ?? []).length > 0).map((o) => o.route);
    expect(publicButSecured).toEqual([]);
  });
});
