// The few payload checks the sandbox makes in place of full schema validation: required
// fields and their JSON types, answered with the real services' 400 InputValidationError.
import type { OperationContext } from '../api-handlers.js';
import type { Json } from '../responses.js';

type FieldType = 'string' | 'number' | 'object' | 'array';

const isType = (value: unknown, type: FieldType) =>
  type === 'array'
    ? Array.isArray(value)
    : typeof value === type && value !== null && !(type === 'object' && Array.isArray(value));

/** The payload, once each field of `fields` is present with its type; throws a 400 response otherwise. */
export function requireFields(
  ctx: OperationContext,
  fields: Readonly<Record<string, FieldType>>,
): Json {
  const payload = ctx.payload ?? {};
  for (const [field, type] of Object.entries(fields)) {
    if (!isType(payload[field], type)) {
      throw ctx.fail(
        400,
        'InputValidationError',
        `payload.${field} must be ${type === 'array' || type === 'object' ? 'an' : 'a'} ${type}`,
      );
    }
  }
  return payload;
}

/** Whether an ISO date string lies in the past. */
export function isPast(date: string): boolean {
  return Date.parse(date) < Date.now();
}
