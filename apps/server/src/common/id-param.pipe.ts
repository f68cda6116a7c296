import { Injectable, type PipeTransform } from '@nestjs/common';
import { notFound } from './api-error.js';

/** What any id, join code or set id in a path can look like: no database holds anything else. */
const ID_IN_PATH = /^[^\s\p{Cc}]{1,128}$/u;

/**
 * Path ids are checked before they reach a query: an id that cannot exist is a plain 404 (a NUL
 * byte would make PostgreSQL fail, and a 5,000-character id would be echoed in the message).
 */
@Injectable()
export class IdParam implements PipeTransform<unknown, string> {
  transform(value: unknown): string {
    if (typeof value !== 'string' || !ID_IN_PATH.test(value)) throw notFound('no such id or code');
    return value;
  }
}
