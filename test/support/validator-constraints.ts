import 'reflect-metadata';
import { getMetadataStorage, ValidationTypes } from 'class-validator';
import { registeredControllers } from './routes';

/**
 * The length, size, range and pattern rules class-validator enforces on each DTO class, read from its metadata
 * storage (filled when the DTO modules are loaded, e.g. by importing AppModule), as the JSON-schema keyword and
 * value the OpenAPI document must state for them. Read independently of the code that writes the document.
 */
export interface ValidatorRule {
  className: string;
  property: string;
  keyword: string;
  value: unknown;
  each: boolean;
}

const KEYWORD_OF: Record<string, { keyword: string; value: (constraints: any[]) => unknown }> = {
  maxLength: { keyword: 'maxLength', value: (c) => c[0] },
  minLength: { keyword: 'minLength', value: (c) => c[0] },
  matches: { keyword: 'pattern', value: (c) => (c[0] instanceof RegExp ? c[0].source : String(c[0])) },
  arrayMinSize: { keyword: 'minItems', value: (c) => c[0] },
  arrayMaxSize: { keyword: 'maxItems', value: (c) => c[0] },
  min: { keyword: 'minimum', value: (c) => c[0] },
  max: { keyword: 'maximum', value: (c) => c[0] },
};

type Storage = {
  validationMetadatas: Map<Function, unknown[]>;
  getTargetValidationMetadatas(target: Function, schema: string, always: boolean, strictGroups: boolean): any[];
};
const storage = () => getMetadataStorage() as unknown as Storage;

/**
 * The DTO classes class-validator knows, with the controllers' parameter classes (a body class that only inherits
 * its rules, `class PublishTemplateDto extends TemplateBodyDto {}`, has no metadata entry of its own).
 */
function validatedClasses(): Function[] {
  const parameters = registeredControllers()
    .flatMap((controller) =>
      Object.getOwnPropertyNames(controller.prototype).flatMap(
        (name) => (Reflect.getMetadata('design:paramtypes', controller.prototype, name) ?? []) as unknown[],
      ),
    )
    .filter(
      (type): type is Function => typeof type === 'function' && storage().getTargetValidationMetadatas(type, '', true, false).length > 0,
    );
  return [...new Set([...storage().validationMetadatas.keys(), ...parameters])];
}

/** Each class's rules, its inherited ones included. */
export function validatorRules(): ValidatorRule[] {
  return validatedClasses().flatMap((target) =>
    storage()
      .getTargetValidationMetadatas(target, '', true, false)
      .flatMap((m) => {
        const kind = m.type === ValidationTypes.CUSTOM_VALIDATION ? KEYWORD_OF[m.name] : undefined;
        if (!kind || m.groups?.length) return [];
        return [
          {
            className: target.name,
            property: m.propertyName,
            keyword: kind.keyword,
            value: kind.value(m.constraints ?? []),
            each: m.each === true,
          },
        ];
      }),
  );
}

/** The names of the classes class-validator validates. */
export const validatedClassNames = (): Set<string> => new Set(validatedClasses().map((t) => t.name));

/** The component schemas a request body uses, following `$ref`s through properties, items and allOf. */
export function requestBodySchemaNames(document: any): Set<string> {
  const names = new Set<string>();
  const visit = (schema: any) => {
    if (!schema || typeof schema !== 'object') return;
    if (typeof schema.$ref === 'string') {
      const name = schema.$ref.split('/').pop();
      if (names.has(name)) return;
      names.add(name);
      return visit(document.components.schemas[name]);
    }
    for (const value of Object.values(schema)) if (value && typeof value === 'object') visit(value);
  };
  for (const item of Object.values<any>(document.paths)) {
    for (const op of Object.values<any>(item)) visit(op?.requestBody?.content);
  }
  return names;
}

/** "<Class>.<property> <keyword>" for each rule of a request-body schema the document does not state (or states otherwise). */
export function unstatedRules(document: any): string[] {
  const bodies = requestBodySchemaNames(document);
  return validatorRules()
    .filter((r) => bodies.has(r.className))
    .flatMap((rule) => {
      const property = document.components.schemas[rule.className]?.properties?.[rule.property];
      const where = rule.each ? property?.items : property;
      if (rule.each && where?.$ref) return []; // a rule on each element of an array of DTOs has no JSON-schema home
      return where?.[rule.keyword] === rule.value ? [] : [`${rule.className}.${rule.property}${rule.each ? '[]' : ''} ${rule.keyword}`];
    });
}
