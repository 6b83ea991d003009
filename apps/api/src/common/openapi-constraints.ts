import type { INestApplication } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { targetConstructorToSchema, validationMetadatasToSchemas } from 'class-validator-jsonschema';

/** The JSON-schema keywords a class-validator decorator states that the document carries for a DTO property. */
export const CONSTRAINT_KEYWORDS = [
  'maxLength',
  'minLength',
  'pattern',
  'minItems',
  'maxItems',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'enum',
  'format',
  'minProperties',
] as const;

type Schema = Record<string, any>;

/**
 * class-validator-jsonschema's converters, corrected where they would state more than the validator enforces:
 * @IsDateString / @IsISO8601 accept any ISO 8601 form (a date alone, a week, an offset) — no pattern or format
 * says exactly that, so they state only "a string" (the @ApiProperty's own format stays as documentation).
 */
const ADDITIONAL_CONVERTERS = {
  isDateString: { type: 'string' as const },
  isIso8601: { type: 'string' as const },
};

/** The keywords of a validator-derived schema this module copies (and, for `integer`, the type it narrows). */
function constraintsOf(schema: Schema | undefined): Schema {
  if (!schema) return {};
  const picked: Schema = {};
  for (const key of CONSTRAINT_KEYWORDS) if (schema[key] !== undefined) picked[key] = schema[key];
  if (schema.type === 'integer') picked.type = 'integer';
  return picked;
}

/**
 * @IsInt states `integer` over whatever scalar type @nestjs/swagger guessed (it guesses `string` for an untyped
 * array's items); never over an array or an object.
 */
function narrowed(constraints: Schema, target: Schema): Schema {
  if (constraints.type === 'integer' && ['array', 'object', 'boolean'].includes(target.type)) delete constraints.type;
  return constraints;
}

/** Merges the constraints into a property schema written by @nestjs/swagger; `$ref`/`allOf` properties are DTOs of their own. */
function mergeInto(target: Schema, derived: Schema): void {
  if (target.$ref || target.allOf) return;
  Object.assign(target, narrowed(constraintsOf(derived), target));
  // Each-element rules (`{ each: true }`) land on the array's items, unless those are a DTO of their own.
  if (target.type === 'array' && derived.items && target.items && !target.items.$ref) {
    Object.assign(target.items, narrowed(constraintsOf(derived.items), target.items));
  }
}

const OPTIONS = { refPointerPrefix: '#/components/schemas/', additionalConverters: ADDITIONAL_CONVERTERS };

/**
 * The validator's rules as JSON-schema per DTO class name, read from class-validator's metadata: every class with
 * rules of its own (and those it inherits), and the controllers' parameter classes that only inherit theirs
 * (`class PublishTemplateDto extends TemplateBodyDto {}` has no metadata entry of its own).
 */
export function validatorSchemas(app: INestApplication): Record<string, Schema> {
  const schemas = validationMetadatasToSchemas(OPTIONS) as Record<string, Schema>;
  for (const type of parameterClasses(app)) {
    if (!schemas[type.name]) schemas[type.name] = targetConstructorToSchema(type, OPTIONS) as Schema;
  }
  return schemas;
}

/** The classes each controller handler takes as parameters (bodies, queries), by @nestjs/swagger's operationId. */
function parameterClassesByOperation(app: INestApplication): Map<string, Function[]> {
  const byOperation = new Map<string, Function[]>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Function | null;
      if (!controller?.prototype) continue;
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const types: unknown[] = Reflect.getMetadata('design:paramtypes', controller.prototype, name) ?? [];
        const classes = types.filter(
          (t): t is Function =>
            typeof t === 'function' && Boolean(t.name) && ![Object, String, Number, Boolean, Array].includes(t as never),
        );
        if (classes.length > 0) byOperation.set(`${controller.name}_${name}`, classes);
      }
    }
  }
  return byOperation;
}

const parameterClasses = (app: INestApplication): Set<Function> => new Set([...parameterClassesByOperation(app).values()].flat());

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** A query DTO's rules onto the query parameters @nestjs/swagger expanded it into (matched by operation and name). */
function documentQueryConstraints(app: INestApplication, document: OpenAPIObject, derived: Record<string, Schema>): void {
  const classes = parameterClassesByOperation(app);
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      const types = op?.operationId ? classes.get(op.operationId) : undefined;
      if (!op || !types) continue;
      for (const parameter of (op.parameters ?? []) as Schema[]) {
        if (parameter.in !== 'query' || !parameter.schema || parameter.schema.$ref) continue;
        const rule = types.map((t) => derived[t.name]?.properties?.[parameter.name]).find(Boolean);
        if (rule) mergeInto(parameter.schema, rule);
      }
    }
  }
}

/**
 * States in the document the validation constraints the server enforces (#17): for every component schema that
 * is a class-validator DTO, each property gets the length, size, range, pattern, enum and format keywords its
 * decorators state, and so does each query parameter a query DTO declares. One home for each rule — the decorator on the DTO; the document repeats it, never restates it.
 */
export function documentValidationConstraints(app: INestApplication, document: OpenAPIObject): OpenAPIObject {
  const derived = validatorSchemas(app);
  for (const [name, schema] of Object.entries(document.components?.schemas ?? {}) as [string, Schema][]) {
    const fromValidator = derived[name];
    if (!fromValidator?.properties || !schema.properties) continue;
    for (const [property, target] of Object.entries<Schema>(schema.properties)) {
      const rule = fromValidator.properties[property];
      if (rule) mergeInto(target, rule);
    }
  }
  documentQueryConstraints(app, document, derived);
  return document;
}
