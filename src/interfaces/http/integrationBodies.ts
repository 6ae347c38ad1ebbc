import 'reflect-metadata';
import { PageQuery } from './pageQuery.js';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import type { Platform, ProductMatchKey } from '../../domain/integration/integrationSettings.js';
import { PLATFORM_NAMES } from '../../infrastructure/platforms/platformRegistry.js';

export class StatusCorrespondenceBody {
  @IsString() @IsNotEmpty() @MaxLength(100) platform!: string;
  @IsString() @IsNotEmpty() @MaxLength(100) local!: string;
}

export class ManagerUserBody {
  @IsString() @IsNotEmpty() @MaxLength(100) platform!: string;
  @IsString() @IsNotEmpty() @MaxLength(100) local!: string;
}

export class DeliveryItemBody {
  @IsString() @IsNotEmpty() @MaxLength(200) sku!: string;
  @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
}

export class RegressionGuardBody {
  @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(100, { each: true }) invoiced!: string[];
  @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(100, { each: true }) cannotReturnTo!: string[];
}

export class PendingPaymentBody {
  @IsString() @IsNotEmpty() @MaxLength(100) status!: string;
  @IsString() @IsNotEmpty() @MaxLength(100) openStatus!: string;
  @IsInt() @Min(1) @Max(365) giveUpAfterDays!: number;
}

const BASE_URL = { require_tld: false, require_protocol: true, protocols: ['http', 'https'], disallow_auth: true };
const CURRENCY = { message: 'currency must be a three-letter ISO 4217 code such as UAH' };

/** The settings a connection may leave out, on creation and on change alike. */
class IntegrationOptionsBody {
  @IsOptional() @IsString() @Matches(/^[a-z]{2}(-[A-Z]{2})?$/, { message: 'language must be a language code such as uk or en' })
  language?: string;
  /** Buyers' phones written without a country code are read in it; left out on creation, it follows from the currency. */
  @IsOptional() @IsString() @Matches(/^[A-Z]{2}$/, { message: 'country must be a two-letter ISO 3166-1 code such as UA' })
  country?: string | null;
  @IsOptional() @IsArray() @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => StatusCorrespondenceBody)
  statusMap?: StatusCorrespondenceBody[];
  @IsOptional() @IsArray() @ArrayMaxSize(500) @IsString({ each: true }) @MaxLength(100, { each: true }) captureStatuses?: string[] | null;
  @IsOptional() @IsString() @MaxLength(100) returnStatus?: string | null;
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(2) @IsIn(['sku', 'name'], { each: true }) productMatch?: ProductMatchKey[];
  @IsOptional() @IsString() @MaxLength(100) defaultContactId?: string | null;
  @IsOptional() @ValidateNested() @Type(() => DeliveryItemBody) deliveryItem?: DeliveryItemBody;
  @IsOptional() @IsBoolean() sourceNumberInComment?: boolean;
  @IsOptional() @IsString() @MaxLength(200) servicesCategory?: string | null;
  @IsOptional() @IsString() @MaxLength(100) responsibleUser?: string | null;
  @IsOptional() @IsArray() @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => ManagerUserBody) managerUsers?: ManagerUserBody[];
  @IsOptional() @IsString() @MaxLength(200) paymentAccount?: string | null;
  @IsOptional() @IsArray() @ArrayMaxSize(1000) @IsString({ each: true }) @MaxLength(100, { each: true }) testAllowList?: string[] | null;
  @IsOptional() @IsInt() @Min(1) @Max(3650) firstImportDays?: number;
  @IsOptional() @ValidateNested() @Type(() => RegressionGuardBody) regressionGuard?: RegressionGuardBody;
  @IsOptional() @IsString() @MaxLength(100) stockLocation?: string | null;
  @IsOptional() @ValidateNested() @Type(() => PendingPaymentBody) pendingPayment?: PendingPaymentBody;
  /** Options the platform declares, e.g. Shopify's {"apiVersion": "2026-10"} or WooCommerce's {"queryStringAuth": true}; each is checked by the platform's adapter. */
  @IsOptional() @IsObject() platformOptions?: Record<string, string | boolean>;
}

/** A change of a connection profile: every field optional (class-validator's @IsOptional cannot be undone in a subclass). */
export class IntegrationSettingsBody extends IntegrationOptionsBody {
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200) name?: string;
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200) storeName?: string;
  @IsOptional() @IsUrl(BASE_URL) @MaxLength(500) baseUrl?: string;
  @IsOptional() @Matches(/^[A-Z]{3}$/, CURRENCY) currency?: string;
  /** Write-only: replaced when sent, never returned. */
  @IsOptional() @IsObject() credentials?: Record<string, unknown>;
}

export class ConnectIntegrationBody extends IntegrationOptionsBody {
  /** One of the registry's platforms: validated here and listed in the OpenAPI document from the same decorator. */
  @IsIn(PLATFORM_NAMES) platform!: Platform;
  @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
  @IsString() @IsNotEmpty() @MaxLength(200) storeName!: string;
  @IsUrl(BASE_URL) @MaxLength(500) baseUrl!: string;
  @Matches(/^[A-Z]{3}$/, CURRENCY) currency!: string;
  /** Write-only: sealed when stored, never returned. */
  @IsObject() credentials!: Record<string, unknown>;
}

export class StartSyncBody {
  /** Re-read platform orders updated since this time instead of continuing from the cursor. */
  @IsOptional() @IsISO8601({ strict: true }) from?: string;
}

export class SyncRunsQuery extends PageQuery {
  @IsOptional() @IsString() @MaxLength(100) integrationId?: string;
}
