import AjvCompiler from '@fastify/ajv-compiler';
import type { FastifyServerOptions } from 'fastify';

const AJV_OPTIONS = { removeAdditional: false, useDefaults: true, allErrors: false } as const;

/**
 * Request validation with type coercion only where the wire has no types. A query string, path
 * parameter or header is text, so `?limit=20` must become a number (and `?ids=a` a one-item
 * array). A JSON body already says what it means: coercing it turned an explicit `null` into `''`,
 * `0` or `false`, or `0` into `null`, depending on the order of a union's branches (a brand-wide
 * team with `siteId: null` failed on an empty site id). Bodies are therefore checked as sent.
 */
export const validationOptions: Pick<FastifyServerOptions, 'schemaController'> = {
  schemaController: {
    compilersFactory: {
      buildValidator: (externalSchemas: Parameters<AjvCompiler.BuildCompilerFromPool>[0]) => {
        const build = AjvCompiler();
        const forBody = build(externalSchemas, { customOptions: { ...AJV_OPTIONS, coerceTypes: false } });
        const forText = build(externalSchemas, { customOptions: { ...AJV_OPTIONS, coerceTypes: 'array' } });
        // The compilers are called with the route definition (schema, method, url, httpPart), which
        // their published type calls a schema; each is passed on unchanged.
        type Compile = (route: AjvCompiler.RouteDefinition) => ReturnType<typeof forBody>;
        const [body, text] = [forBody, forText] as unknown as [Compile, Compile];
        return ((route: AjvCompiler.RouteDefinition) =>
          (route.httpPart as string) === 'body' ? body(route) : text(route)) as unknown as typeof forBody;
      },
    },
  },
};
