import 'reflect-metadata';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ApiStack, request, startStack, STARTUP_TIMEOUT_MS } from './support/api-stack';
import { registeredRoutes } from './support/routes';
import { requestBodySchemaNames, unstatedRules, validatedClassNames, validatorRules } from './support/validator-constraints';

/**
 * The OpenAPI document the running API serves at /docs/openapi.json: valid OpenAPI, listing exactly the
 * routes the Nest application registers (read from the controllers' metadata, module by module, from
 * AppModule), each operation with a tag and at least one documented response, every JSON request body and
 * every 2xx JSON response with an example, and every example valid against its schema.
 */

/** The routes of issue #5, in OpenAPI syntax: each must be both registered and documented. */
const EXPECTED_ROUTES = [
  'GET /health',
  'POST /auth/login',
  'POST /auth/logout',
  'POST /auth/password',
  'GET /auth/me',
  'POST /users',
  'GET /users',
  'GET /users/{id}',
  'PATCH /users/{id}',
  'POST /users/{id}/disable',
  'POST /users/{id}/enable',
  'POST /users/{id}/reset-password',
  'POST /users/{id}/unlock',
  'GET /users/{id}/audit',
  'POST /org-units',
  'GET /org-units',
  'POST /org-units/import',
  'POST /cycles',
  'GET /cycles/{cycleId}',
  'GET /cycles/{cycleId}/units',
  'POST /cycles/{cycleId}/close-submissions',
  'POST /cycles/{cycleId}/advance',
  'GET /cycles/{cycleId}/units/{unitId}/submission',
  'PUT /cycles/{cycleId}/units/{unitId}/submission/draft',
  'POST /cycles/{cycleId}/units/{unitId}/submission/submit',
  'POST /cycles/{cycleId}/units/{unitId}/submission/return',
  'POST /cycles/{cycleId}/units/{unitId}/submission/approve',
  'GET /cycles/{cycleId}/audit',
  'GET /audit/verify',
  'GET /templates',
  'GET /templates/{templateId}',
  'POST /cycles/{cycleId}/units',
  'POST /org-units/{unitId}/close',
  'GET /cycles/{cycleId}/units/{unitId}/submission/versions/{version}/diff',
  'POST /cycles/{cycleId}/units/{unitId}/submission/from-cycle',
  'GET /cycles/{cycleId}/report',
  'GET /cycles/{cycleId}/report/checks',
  'POST /cycles/{cycleId}/report/draft',
  'GET /cycles/{cycleId}/report/versions/{version}',
  'GET /cycles/{cycleId}/report/versions/{version}/diff',
  'POST /cycles/{cycleId}/report/revisions',
  'POST /cycles/{cycleId}/report/comments',
  'POST /cycles/{cycleId}/report/comments/{commentId}/resolve',
  'POST /cycles/{cycleId}/report/sign',
  'POST /cycles/{cycleId}/report/number',
  'PUT /cycles/{cycleId}/report/recipients',
  'POST /cycles/{cycleId}/report/distribute',
  'POST /cycles/{cycleId}/report/receipts',
  'POST /cycles/{cycleId}/report/recall',
  'GET /cycles/{cycleId}/report/document.docx',
  'GET /cycles/{cycleId}/report/document.pdf',
  'GET /registers',
  'GET /cycles/{cycleId}/board/hierarchy',
  'GET /me/notifications',
  'POST /me/notifications/{notificationId}/read',
  'GET /me/preferences',
  'PUT /me/preferences',
  // The web app's work lists (issue #13).
  'GET /me/assignments',
  'GET /reviews',
  // Opening a cycle in the web app (issue #15).
  'GET /periods/suggestion',
  'GET /me/capabilities',
  'POST /cycles/{cycleId}/reminders',
  // National scale (issue #16).
  'POST /users/import',
  // The report's figure sources and the receiving units' page (issue #15).
  'GET /cycles/{cycleId}/report/versions/{version}/figure-sources',
  'GET /me/reports',
  // The office's paged read pages (issue #15).
  'GET /cycle-list',
  'GET /cycles/{cycleId}/audit/timeline',
  'GET /cycles/{cycleId}/audit/board',
  'GET /accounts',
  'GET /org-units/children',
  'GET /org-units/search',
  'POST /org-units/{unitId}/aliases',
];
/** Routes reachable without a session. */
const PUBLIC_ROUTES = ['GET /health', 'GET /health/read-models', 'POST /auth/login'];
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
  const run = spawnSync(process.execPath, ['-e', script], {
    cwd: path.resolve(__dirname, '..'),
    input: JSON.stringify(document),
    encoding: 'utf8',
    timeout: 60000,
  });
  if (run.status !== 0 || !run.stdout) throw new Error(`swagger-parser did not run: ${run.status} ${run.stderr}`);
  return JSON.parse(run.stdout);
}

type Operation = { route: string; op: any };
const JSON_TYPE = 'application/json';

const operationsOf = (document: any): Operation[] =>
  Object.entries(document.paths as Record<string, Record<string, any>>).flatMap(([path, item]) =>
    HTTP_METHODS.filter((m) => item[m]).map((m) => ({ route: `${m.toUpperCase()} ${path}`, op: item[m] })),
  );

/** Every JSON media object that must carry an example: request bodies, and 2xx responses. */
function jsonMedia(document: any): { where: string; media: any }[] {
  return operationsOf(document).flatMap(({ route, op }) => [
    ...(op.requestBody?.content?.[JSON_TYPE] ? [{ where: `${route} request body`, media: op.requestBody.content[JSON_TYPE] }] : []),
    ...Object.entries(op.responses ?? {})
      .filter(([status, r]: [string, any]) => /^2\d\d$/.test(status) && r.content?.[JSON_TYPE])
      .map(([status, r]: [string, any]) => ({ where: `${route} ${status} response`, media: r.content[JSON_TYPE] })),
  ]);
}

/** The examples of a media object: its `example`, its `examples`' values, or the example of the schema it points to (or of its items). */
function examplesOf(document: any, media: any): unknown[] {
  const resolve = (schema: any) => (schema?.$ref ? document.components?.schemas?.[String(schema.$ref).split('/').pop()!] : schema);
  const schema = resolve(media.schema);
  return [
    ...(media.example !== undefined ? [media.example] : []),
    ...Object.values(media.examples ?? {})
      .map((e: any) => e?.value)
      .filter((v) => v !== undefined),
    ...(schema?.example !== undefined ? [schema.example] : []),
    ...(schema?.type === 'array' && resolve(schema.items)?.example !== undefined ? [[resolve(schema.items).example]] : []),
  ];
}

/** Where an example is missing: "<METHOD> <path> request body" or "<METHOD> <path> <status> response". */
const missingExamples = (document: any): string[] =>
  jsonMedia(document)
    .filter(({ media }) => examplesOf(document, media).length === 0)
    .map((m) => m.where);

/**
 * OpenAPI 3.0's `nullable: true` as JSON Schema: `anyOf: [null, the schema]` (Ajv's own `nullable` does not reach
 * into the `allOf: [{ $ref }]` that @nestjs/swagger writes for a nullable nested DTO).
 */
function nullableAsAnyOf(schema: any): any {
  if (Array.isArray(schema)) return schema.map(nullableAsAnyOf);
  if (!schema || typeof schema !== 'object') return schema;
  const { nullable, ...rest } = schema;
  const mapped = Object.fromEntries(
    Object.entries(rest).map(([k, v]) => [k, k === 'example' || k === 'examples' ? v : nullableAsAnyOf(v)]),
  );
  return nullable === true ? { anyOf: [{ type: 'null' }, mapped] } : mapped;
}

/** Examples that their own schema rejects (OpenAPI 3.0 schemas, `$ref`s into the document's components, checked with Ajv). */
function examplesAgainstSchemas(document: any): string[] {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: 'openapi.json', components: nullableAsAnyOf(document.components ?? {}) });
  const rebase = (schema: any) =>
    JSON.parse(JSON.stringify(nullableAsAnyOf(schema ?? {})).replace(/"#\/components\//g, '"openapi.json#/components/'));
  return jsonMedia(document).flatMap(({ where, media }) => {
    const validate = ajv.compile(rebase(media.schema));
    return examplesOf(document, media).flatMap((example, i) =>
      validate(example) ? [] : [`${where} example ${i + 1}: ${ajv.errorsText(validate.errors)}`],
    );
  });
}

describe('OpenAPI document', () => {
  let stack: ApiStack;
  let doc: any;
  const operations = () => operationsOf(doc);

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
    const documented = operations()
      .map((o) => o.route)
      .sort();
    expect(documented).toEqual(
      registeredRoutes()
        .filter((r) => !r.excluded)
        .map((r) => r.route)
        .sort(),
    );
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
    const noSuccess = operations()
      .filter(({ op }) => !Object.keys(op.responses).some((s) => /^2\d\d$/.test(s)))
      .map((o) => o.route);
    expect(noSuccess).toEqual([]);
  });

  it('marks exactly the public routes as needing no session, every other one as needing the bearer token', () => {
    const routes = registeredRoutes().filter((r) => !r.excluded);
    expect(
      routes
        .filter((r) => r.isPublic)
        .map((r) => r.route)
        .sort(),
    ).toEqual([...PUBLIC_ROUTES].sort());
    expect(Object.keys(doc.components?.securitySchemes ?? {})).toEqual(expect.arrayContaining(['bearer']));
    const unsecured = operations()
      .filter(
        ({ route, op }) =>
          !PUBLIC_ROUTES.includes(route) && !(op.security ?? doc.security ?? []).some((s: Record<string, unknown>) => 'bearer' in s),
      )
      .map((o) => o.route);
    expect(unsecured).toEqual([]);
    const publicButSecured = operations()
      .filter(({ route, op }) => PUBLIC_ROUTES.includes(route) && (op.security ?? []).length > 0)
      .map((o) => o.route);
    expect(publicButSecured).toEqual([]);
  });
  it('states the error answers each operation gives (#17): 400 with input, 401 and 403 with a session, 404 for a resource in the path, each with the ApiError body', () => {
    expect(doc.components.schemas.ApiError).toMatchObject({ required: ['statusCode', 'error', 'message', 'messageVi'] });
    expect(doc.components.securitySchemes.kybaocao_session).toEqual({ type: 'apiKey', in: 'cookie', name: 'kybaocao_session' });
    const lookedUp = /\{(cycleId|id|templateId|notificationId|version|commentId)\}/;
    const missing: string[] = [];
    for (const { route, op } of operations()) {
      const expected = [
        ...((op.parameters ?? []).length > 0 || op.requestBody ? ['400'] : []),
        ...(PUBLIC_ROUTES.includes(route) ? [] : ['401', '403']),
        ...(lookedUp.test(route) ? ['404'] : []),
      ];
      for (const status of expected) if (!op.responses[status]) missing.push(`${route} ${status}`);
      for (const [status, response] of Object.entries<any>(op.responses)) {
        if (/^[45]\d\d$/.test(status) && !response.content?.[JSON_TYPE]?.schema) missing.push(`${route} ${status} body`);
      }
      if (!PUBLIC_ROUTES.includes(route) && !(op.security ?? []).some((sec: Record<string, unknown>) => 'kybaocao_session' in sec))
        missing.push(`${route} cookie`);
    }
    expect(missing).toEqual([]);
    // The login's answers as the server gives them: one 401 for every bad login, 429 rate limit, 503 busy.
    expect(Object.keys(doc.paths['/auth/login'].post.responses).sort()).toEqual(['200', '400', '401', '403', '429', '503']);
  });

  it("declares on every write (POST, PUT, PATCH, DELETE; not the session routes under /auth/) the write admission's 503 SERVER_BUSY with Retry-After, and on no read", () => {
    const writes = operations().filter(({ route }) => /^(POST|PUT|PATCH|DELETE) /.test(route) && !/^\w+ \/auth\//.test(route));
    expect(writes.length).toBeGreaterThan(30);
    const lacking = writes
      .filter(({ op }) => {
        const busy = op.responses['503'];
        return !(
          /SERVER_BUSY/.test(busy?.description ?? '') &&
          busy.headers?.['Retry-After']?.schema?.type === 'integer' &&
          busy.content?.[JSON_TYPE]?.schema?.$ref === '#/components/schemas/ApiError' &&
          busy.content[JSON_TYPE].example?.error === 'SERVER_BUSY'
        );
      })
      .map((o) => o.route);
    expect(lacking).toEqual([]);
    const readsSaid = operations()
      .filter(({ route, op }) => /^GET /.test(route) && /SERVER_BUSY/.test(op.responses['503']?.description ?? ''))
      .map((o) => o.route);
    expect(readsSaid).toEqual([]);
    // Its example is the body the admission answers, valid against ApiError.
    const ajv = new Ajv({ strict: false });
    expect(ajv.validate(doc.components.schemas.ApiError, writes[0].op.responses['503'].content[JSON_TYPE].example)).toBe(true);
  });

  it('gives every JSON request body and every 2xx JSON response an example (listing the operations without one)', () => {
    expect(jsonMedia(doc).length).toBeGreaterThan(EXPECTED_ROUTES.length);
    expect(missingExamples(doc)).toEqual([]);
  });

  it('(the example check does find a request body and a response without an example)', () => {
    const broken = structuredClone(doc);
    const patch = broken.paths['/users/{id}'].patch;
    delete patch.requestBody.content[JSON_TYPE].examples;
    delete patch.requestBody.content[JSON_TYPE].example;
    delete broken.paths['/users/{id}'].get.responses['200'].content[JSON_TYPE].example;
    expect(missingExamples(broken)).toEqual(expect.arrayContaining(['PATCH /users/{id} request body', 'GET /users/{id} 200 response']));
  });

  it('gives examples that their schemas accept', () => {
    expect(examplesAgainstSchemas(doc)).toEqual([]);
  });

  it('(the schema check does reject an example that contradicts its schema)', () => {
    const broken = structuredClone(doc);
    broken.paths['/users/{id}'].get.responses['200'].content[JSON_TYPE].example = { id: 42, roles: ['superuser'] };
    const problems = examplesAgainstSchemas(broken).filter((p) => p.startsWith('GET /users/{id} 200 response'));
    expect(problems).toEqual([
      expect.stringMatching(/must be string|must be equal to one of the allowed values|must have required property/),
    ]);
  });

  it("states the validation constraints the server enforces (#17), as the DTOs' class-validator decorators state them", () => {
    const property = (schema: string, name: string) => doc.components.schemas[schema].properties[name];
    expect(property('CreateUserDto', 'username')).toMatchObject({ type: 'string', pattern: '^[a-z0-9][a-z0-9._-]{2,49}$' });
    expect(property('ChangePasswordDto', 'newPassword')).toMatchObject({ minLength: 10, maxLength: 200 });
    expect(property('LoginDto', 'username')).toMatchObject({ maxLength: 100 });
    expect(property('ReturnSubmissionDto', 'reasons')).toMatchObject({ type: 'array', minItems: 1, maxItems: 50 });
    expect(property('ReturnReasonDto', 'reason')).toMatchObject({ maxLength: 4000 });
    expect(property('PeriodDto', 'year')).toMatchObject({ type: 'integer', minimum: 2000, maximum: 2100 });
    expect(property('PeriodDto', 'dataFrom')).toMatchObject({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
    expect(property('OpenCycleDto', 'units')).toMatchObject({ minItems: 1, maxItems: 25000 });
    expect(property('ReminderPolicyDto', 'before')).toMatchObject({ maxItems: 10, items: { type: 'integer', minimum: 1 } });
    expect(property('CreateUserDto', 'roles')).toMatchObject({
      minItems: 1,
      items: { enum: expect.arrayContaining(['reporter', 'reviewer', 'coordinator']) },
    });
    expect(property('CreateUserDto', 'email')).toMatchObject({ format: 'email' });
    expect(property('FromCycleDto', 'sourceCycleId')).toMatchObject({ format: 'uuid' });
    expect(property('AdvancePhaseDto', 'to')).toMatchObject({ enum: ['collecting', 'commenting', 'signing', 'distributing', 'closed'] });
    // A query DTO's rules, on the query parameters it becomes.
    const query = (path: string, name: string) =>
      doc.paths[path].get.parameters.find((p: any) => p.in === 'query' && p.name === name).schema;
    expect(query('/me/assignments', 'limit')).toMatchObject({ type: 'integer', minimum: 1, maximum: 100 });
    expect(query('/periods/suggestion', 'year')).toMatchObject({ minimum: 2000, maximum: 2100 });
    expect(query('/org-units/search', 'q')).toMatchObject({ minLength: 1, maxLength: 100 });
  });

  it('states, for every property of every request-body schema, each length, size, range and pattern rule its validator enforces', () => {
    const bodies = requestBodySchemaNames(doc);
    // Every request-body schema with properties is a class-validator DTO: none escapes the check below.
    const validated = validatedClassNames();
    const unchecked = [...bodies].filter((name) => doc.components.schemas[name]?.properties && !validated.has(name));
    expect(unchecked).toEqual([]);
    const rules = validatorRules().filter((r) => bodies.has(r.className));
    expect(rules.length).toBeGreaterThan(100);
    expect(unstatedRules(doc)).toEqual([]);
  });

  it('(the constraint check does find a rule the document leaves out or states otherwise)', () => {
    const broken = structuredClone(doc);
    delete broken.components.schemas.CreateUserDto.properties.username.pattern;
    broken.components.schemas.PeriodDto.properties.year.maximum = 2200;
    delete broken.components.schemas.ReminderPolicyDto.properties.before.items.minimum;
    expect(unstatedRules(broken).sort()).toEqual([
      'CreateUserDto.username pattern',
      'PeriodDto.year maximum',
      'ReminderPolicyDto.before[] minimum',
    ]);
  });
});
