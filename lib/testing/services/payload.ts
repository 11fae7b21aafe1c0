// The few payload checks the sandbox makes in place of full schema validation: required and
// optional fields and their JSON types, answered with the real services' 400 InputValidationError.
import type { OperationContext } from '../api-handlers.js';
import type { Json } from '../responses.js';

/** What each field type reads as once checked. */
interface FieldTypes {
  string: string;
  number: number;
  object: Json;
  array: unknown[];
  strings: string[];
}

type FieldType = keyof FieldTypes;
type FieldSpec = Readonly<Record<string, FieldType>>;

/** A payload whose fields `F` are known to have their types. */
export type Fields<F extends FieldSpec> = Json & { [K in keyof F]: FieldTypes[F[K]] };

function isType<T extends FieldType>(value: unknown, type: T): value is FieldTypes[T] {
  switch (type) {
    case 'array':
      return Array.isArray(value);
    case 'strings':
      return Array.isArray(value) && value.every((v) => typeof v === 'string');
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    default:
      return typeof value === type;
  }
}

const wrongField = (payload: Json, fields: FieldSpec) =>
  Object.entries(fields).find(([field, type]) => !isType(payload[field], type));

function hasFields<F extends FieldSpec>(payload: Json, fields: F): payload is Fields<F> {
  return wrongField(payload, fields) === undefined;
}

const typeName = (type: FieldType) =>
  type === 'strings'
    ? 'an array of strings'
    : `${type === 'array' || type === 'object' ? 'an' : 'a'} ${type}`;

/** The payload, once each field of `fields` is present with its type; throws a 400 response otherwise. */
export function requireFields<const F extends FieldSpec>(
  ctx: OperationContext,
  fields: F,
): Fields<F> {
  const payload = ctx.payload ?? {};
  if (hasFields(payload, fields)) return payload;
  const [field, type] = wrongField(payload, fields) ?? ['', 'object'];
  throw ctx.fail(400, 'InputValidationError', `payload.${field} must be ${typeName(type)}`);
}

/** The optional field `field` of `payload` if it has type `type`; throws a 400 response if it has another. */
export function optionalField<T extends FieldType>(
  ctx: OperationContext,
  payload: Json,
  field: string,
  type: T,
): FieldTypes[T] | undefined {
  const value = payload[field];
  if (value === undefined || isType(value, type)) return value;
  throw ctx.fail(400, 'InputValidationError', `payload.${field} must be ${typeName(type)}`);
}

/** Whether an ISO date string lies in the past. */
export function isPast(date: string): boolean {
  return Date.parse(date) < Date.now();
}
