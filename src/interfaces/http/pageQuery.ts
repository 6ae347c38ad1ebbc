import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** No list holds more than this many items, so no page lies past MAX_ITEMS / limit (and an offset always fits the stores). */
export const MAX_ITEMS = 1_000_000_000;
/** The last page a list can have at the smallest limit; past it a page is a 400, not a database overflow. */
export const MAX_PAGE = MAX_ITEMS;

/** `?page=&limit=` of every list route: page from 1, at most 100 items a page. */
export class PageQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE, { message: `page must not be past the last page a list can have (${MAX_PAGE})` })
  page: number = 1;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 20;
}
