import 'reflect-metadata';
import { PageQuery } from './pageQuery.js';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsPositive,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

const MONEY = { maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false };

export class OrderCustomerBody {
  @IsOptional() @IsString() @MaxLength(100) contactId?: string;
  @IsString() @MaxLength(200) firstName: string = '';
  @IsString() @MaxLength(200) lastName: string = '';
  @IsString() @MaxLength(40) phone: string = '';
  @IsString() @MaxLength(200) email: string = '';
}

export class OrderItemBody {
  @IsOptional() @IsString() @MaxLength(100) productId?: string;
  @IsString() @MaxLength(200) sku: string = '';
  @IsString() @IsNotEmpty() @MaxLength(1000) name!: string;
  @IsNumber(MONEY) @IsPositive() @Max(1_000_000) quantity!: number;
  @IsNumber(MONEY) @Min(0) @Max(1_000_000_000) price!: number;
}

export class OrderDiscountBody {
  @IsString() @MaxLength(200) name: string = '';
  @IsNumber(MONEY) @Min(0) @Max(1_000_000_000) amount!: number;
}

export class OrderDeliveryBody {
  @IsString() @IsNotEmpty() @MaxLength(200) method!: string;
  @IsNumber(MONEY) @Min(0) @Max(1_000_000_000) cost: number = 0;
  @IsString() @MaxLength(1000) recipient: string = '';
  @IsString() @MaxLength(1000) address: string = '';
}

export class CreateOrderBody {
  @IsString() @IsNotEmpty() @MaxLength(100) number!: string;
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(100) status: string = 'new';
  @IsObject() @ValidateNested() @Type(() => OrderCustomerBody) customer!: OrderCustomerBody;
  @IsArray() @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => OrderItemBody) items!: OrderItemBody[];
  @IsOptional() @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => OrderDiscountBody) discounts: OrderDiscountBody[] = [];
  @IsOptional() @ValidateNested() @Type(() => OrderDeliveryBody) delivery?: OrderDeliveryBody;
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be a three-letter ISO 4217 code such as UAH' }) currency!: string;
  @IsOptional() @IsString() @MaxLength(5000) comment: string = '';
}

export class ChangeStatusBody {
  @IsString() @IsNotEmpty() @MaxLength(100) status!: string;
}

export class ShipmentBody {
  @IsString() @IsNotEmpty() @MaxLength(100) trackingCode!: string;
  /** Day of dispatch; the domain checks it is a real calendar day. */
  @IsString() @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a day like 2026-11-26' }) shippedOn!: string;
}

export class AbandonPushBody {
  @IsString() @IsNotEmpty() @MaxLength(500) reason!: string;
}

export class OrdersQuery extends PageQuery {
  @IsOptional() @IsIn(['local', 'integrations', 'all']) store: 'local' | 'integrations' | 'all' = 'all';
  @IsOptional() @IsString() @MaxLength(100) integrationId?: string;
  @IsOptional() @IsString() @MaxLength(100) status?: string;
  /** Part of the order's number, its number on the platform or its store's name, in any case. */
  @IsOptional() @IsString() @MaxLength(100) q?: string;
  /** true: only orders whose local status waits to be written back to the platform; false: only the others. */
  @IsOptional() @IsIn(['true', 'false']) pendingPush?: 'true' | 'false';
}

export class ProductsQuery extends PageQuery {
  @IsOptional() @IsString() @MaxLength(200) sku?: string;
  @IsOptional() @IsString() @MaxLength(200) q?: string;
}

export class ContactsQuery extends PageQuery {
  @IsOptional() @IsString() @MaxLength(40) phone?: string;
  /** Reads a nationally written `phone` in this country too (the connected stores' countries are always tried). */
  @IsOptional() @Matches(/^[A-Z]{2}$/, { message: 'country must be a two-letter ISO 3166-1 code such as UA' }) country?: string;
  @IsOptional() @IsString() @MaxLength(200) q?: string;
}
