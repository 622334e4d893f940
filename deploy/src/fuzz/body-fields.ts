/** The part of an OpenAPI document read here. */
export type OpenApiDocument = {
  paths: Record<string, Record<string, { requestBody?: unknown }>>;
};

export type BodyField = { field: string; type: 'string' | 'integer' };

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
};

/**
 * Every string and integer field of the document's JSON request bodies, as Schemathesis names
 * them (`body.schedule.storyDelaySeconds`, `body.niches[*]`): dictionaries reach body fields only
 * by name.
 */
export function bodyFields(document: OpenApiDocument): BodyField[] {
  const found = new Map<string, 'string' | 'integer'>();
  const walk = (schema: Schema | undefined, field: string) => {
    if (!schema) return;
    for (const branch of [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]) walk(branch, field);
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      walk(property, `${field}.${name}`);
    }
    walk(schema.items, `${field}[*]`);
    const types = [schema.type ?? []].flat();
    if (types.includes('string')) found.set(field, 'string');
    if (types.includes('integer')) found.set(field, 'integer');
  };
  for (const operations of Object.values(document.paths)) {
    for (const { requestBody } of Object.values(operations)) {
      const body = requestBody as { content?: Record<string, { schema?: Schema }> } | undefined;
      walk(body?.content?.['application/json']?.schema, 'body');
    }
  }
  return [...found]
    .map(([field, type]) => ({ field, type }))
    .sort((a, b) => a.field.localeCompare(b.field));
}
