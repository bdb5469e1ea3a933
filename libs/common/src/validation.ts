import { applyDecorators, BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { ArrayMaxSize, ArrayUnique, IsArray, IsString, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { AppError, ErrorCode, ErrorDetail } from './errors';

export function flattenValidationErrors(errors: ValidationError[], parent = ''): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  for (const e of errors) {
    const field = parent ? `${parent}.${e.property}` : e.property;
    for (const message of Object.values(e.constraints ?? {})) out.push({ field, message });
    if (e.children?.length) out.push(...flattenValidationErrors(e.children, field));
  }
  return out;
}

export function validationError(errors: ValidationError[]): AppError {
  const details = flattenValidationErrors(errors);
  const summary = details.map((d) => d.message).join('; ');
  return new AppError(ErrorCode.VALIDATION_FAILED, summary || 'Validation failed', details);
}

/** Shared by HTTP (global) and the socket gateway: whitelist, refuse unknown fields, transform. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    forbidUnknownValues: true,
    stopAtFirstError: false,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => validationError(errors),
  });
}

export { BadRequestException };

/**
 * Optional means "may be left out", not "may be null": class-validator's
 * @IsOptional() also lets null through, which services and NOT NULL columns
 * do not expect. Fields that really accept null keep @IsOptional().
 */
export const IsOmittable = () => ValidateIf((_object: object, value: unknown) => value !== undefined);

/** A BCP 47 language tag as people write them: en, fr, pt-BR, zh-Hant-TW. */
export const LANGUAGE_TAG = /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/;

/** A list of distinct language tags (at most `max`). Pair with `@IsOmittable()` where the field is optional. */
export const IsLanguageTags = (max = 10) =>
  // Listed bottom-up, as stacked decorators would register them, so error messages keep their order.
  applyDecorators(Matches(LANGUAGE_TAG, { each: true, message: 'each language must be a language tag such as en or pt-BR' }), ArrayUnique(), ArrayMaxSize(max), IsArray());

/** One language tag (e.g. a filter). */
export const IsLanguageTag = () => Matches(LANGUAGE_TAG, { message: '$property must be a language tag such as en or pt-BR' });

/** A short name people give something (a group, a community): `min`..`max` characters, not only spaces. */
export const IsName = (min = 2, max = 100) =>
  applyDecorators(Matches(/\S/, { message: '$property must not be blank' }), MaxLength(max), MinLength(min), IsString());
