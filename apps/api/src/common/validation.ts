import { ValidationError, ValidationPipe } from '@nestjs/common';
import { ValidateIf } from 'class-validator';
import { AppError, FieldError } from './app-error.js';

/** Flattens class-validator's nested errors into one entry per bad field, with dotted paths. */
export function fieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? (/^\d+$/.test(error.property) ? `${parent}[${error.property}]` : `${parent}.${error.property}`) : error.property;
    const constraints = Object.entries(error.constraints ?? {});
    const missing = error.value === undefined && constraints.length > 0 && !error.constraints?.whitelistValidation;
    const own = missing
      ? [{ field, message: 'is required' }]
      : constraints.map(([rule, message]) => ({
          field,
          // class-validator starts its messages with the property name, which the field already says.
          message: rule === 'whitelistValidation' ? 'is not a known field' : message.replace(new RegExp(`^${error.property} `), ''),
        }));
    return [...own, ...fieldErrors(error.children ?? [], field)];
  });
}

/**
 * The global validation pipe: unknown fields are refused (not silently dropped), values are converted to the
 * DTO's types, and every bad field is listed in the 400 answer.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    validationError: { target: false, value: true },
    exceptionFactory: (errors) => {
      const list = fieldErrors(errors);
      return AppError.fields(list);
    },
  });
}

/** A PATCH field: validated when present, and null is refused (the field cannot be cleared). */
export const IfSent = () => ValidateIf((_: object, value: unknown) => value !== undefined);
