import { Type, type TSchema } from 'typebox';

/**
 * `schema` or `null`. Request bodies are validated without type coercion (a JSON body already
 * says what it means), so an explicit `null` arrives as null whatever the order of the branches.
 */
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
