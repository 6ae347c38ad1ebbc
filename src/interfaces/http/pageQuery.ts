import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, Validate, type ValidationArguments, ValidatorConstraint, type ValidatorConstraintInterface } from 'class-validator';
import { MAX_CURSOR_LENGTH } from '../../application/queries/listCursor.js';

/** No list holds more than this many items, so no page lies past MAX_ITEMS / limit (and an offset always fits the stores). */
export const MAX_ITEMS = 1_000_000_000;
/** The last page a list can have at the smallest limit; past it a page is a 400, not a database overflow. */
export const MAX_PAGE = MAX_ITEMS;

/** A page number names a place counted from the start, a cursor one after an item: a request gives one or the other. */
@ValidatorConstraint({ name: 'pageOrCursor' })
class PageOrCursor implements ValidatorConstraintInterface {
  validate(page: unknown, { object }: ValidationArguments): boolean {
    return (object as PageQuery).after === undefined || page === 1;
  }

  defaultMessage(): string {
    return 'page cannot be combined with after: follow nextCursor from the page before instead';
  }
}

/** A `nextCursor` handed out by a list; what it holds is checked when it is read (a damaged one is a 400 on `after`). */
export function IsListCursor(): PropertyDecorator {
  return (target, property) => {
    for (const decorator of [IsOptional(), IsString(), MaxLength(MAX_CURSOR_LENGTH), Matches(/^[A-Za-z0-9_-]+$/, { message: 'after must be a nextCursor as a list handed it out' })]) {
      decorator(target, property);
    }
  };
}

/** `?after=&limit=` of a list walked by cursor: at most 100 items a page. */
export class CursorQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 20;

  /** The `nextCursor` of the page before: the list goes on after its last item, however many were added or removed meanwhile. */
  @IsListCursor()
  after?: string;
}

/** `?page=&limit=` or `?after=&limit=` of every list route: page from 1, or a cursor. */
export class PageQuery extends CursorQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE, { message: `page must not be past the last page a list can have (${MAX_PAGE})` })
  @Validate(PageOrCursor)
  page: number = 1;
}
