// class-transformer's @Type reads design-time metadata: loaded here, before any module that declares DTOs.
import 'reflect-metadata';
import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import type { RequestHandler, Response } from 'express';
import { hostileInput } from './inputHygiene.js';
import { queryStringOf } from './queryString.js';
import { sendProblem } from './problem.js';

export interface FieldError {
  /** Path into the input, like `statusMap[0].platform`. */
  field: string;
  reason: string;
}

/** Validates the JSON body against a class-validator DTO; the instance goes to res.locals.body. */
export function validateBody<T extends object>(dto: ClassConstructor<T>): RequestHandler {
  return async (req, res, next) => {
    const body: unknown = req.body;
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      return sendProblem(res, {
        status: 400,
        title: 'Bad Request',
        detail: 'The request body must be a JSON object sent with Content-Type: application/json',
      });
    }
    try {
      const instance = await validated(dto, body, res);
      if (instance === undefined) return;
      res.locals.body = instance;
      next();
    } catch (error) {
      next(error);
    }
  };
}

/** Query strings whose valid instance is kept, per DTO: the few a dashboard polls are validated once. */
const KEPT_QUERIES = 256;

/** Validates the query string; its values arrive as strings, so numeric fields need @Type(() => Number). */
export function validateQuery<T extends object>(dto: ClassConstructor<T>): RequestHandler {
  const valid = new Map<string, T>();
  return async (req, res, next) => {
    try {
      // The same query string makes the same instance: kept, and each request handed a copy of its own.
      const queryString = queryStringOf(req.url);
      let instance = valid.get(queryString);
      if (instance === undefined) {
        instance = await validated(dto, { ...(req.query as object) }, res);
        if (instance === undefined) return;
        if (valid.size >= KEPT_QUERIES) valid.delete(valid.keys().next().value!);
        valid.set(queryString, instance);
      }
      res.locals.query = Object.assign(Object.create(Object.getPrototypeOf(instance) as object) as T, instance);
      next();
    } catch (error) {
      next(error);
    }
  };
}

/** The valid instance, or undefined after answering 400 with every invalid field. */
async function validated<T extends object>(dto: ClassConstructor<T>, plain: object, res: Response): Promise<T | undefined> {
  // Hostile shapes are refused before class-transformer walks them (deep nesting, prototype keys) or a store gets them.
  const hostile = hostileInput(plain);
  if (hostile.length > 0) {
    sendProblem(res, { status: 400, title: 'Bad Request', detail: `${hostile.length} invalid field(s)`, errors: hostile });
    return undefined;
  }
  const instance = plainToInstance(dto, plain);
  const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true });
  const fields = errors.flatMap((error) => fieldErrors(error, ''));
  if (fields.length === 0) return instance;
  sendProblem(res, { status: 400, title: 'Bad Request', detail: `${fields.length} invalid field(s)`, errors: fields });
  return undefined;
}

function fieldErrors(error: ValidationError, parent: string): FieldError[] {
  const field = /^\d+$/.test(error.property)
    ? `${parent}[${error.property}]`
    : parent === ''
      ? error.property
      : `${parent}.${error.property}`;
  const own = error.constraints ? [{ field, reason: Object.values(error.constraints).join('; ') }] : [];
  return [...own, ...(error.children ?? []).flatMap((child) => fieldErrors(child, field))];
}
