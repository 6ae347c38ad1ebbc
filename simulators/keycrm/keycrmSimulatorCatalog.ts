// The account-level lists a KeyCRM account has: statuses, sources, delivery services, managers.

export interface KeycrmStatusRecord {
  id: number;
  name: string;
  alias: string;
  is_active: boolean;
  group_id: number;
  is_closing_order: boolean;
  is_reserved: boolean;
  created_at: string;
  updated_at: string;
}

export interface KeycrmSourceRecord {
  id: number;
  name: string;
  alias: string;
  driver: string;
  source_uuid: string | null;
  source_name: string | null;
  currency_code: string;
  created_at: string;
  updated_at: string;
}

export interface KeycrmDeliveryServiceRecord {
  id: number;
  name: string;
  alias: string;
}

/** A product category (Category schema): parent_id only on a subcategory (the spec types it without null). */
export interface KeycrmCategoryRecord {
  id: number;
  name: string;
  parent_id?: number;
}

export interface KeycrmManagerRecord {
  id: number;
  first_name: string;
  last_name: string;
  full_name: string;
  username: string;
  email: string;
  phone: string | null;
  status: 'active' | 'blocked';
}

const SINCE = '2023-01-10 09:00:00';

const status = (id: number, name: string, alias: string, groupId: number, closing = false): KeycrmStatusRecord => ({
  id,
  name,
  alias,
  is_active: true,
  group_id: groupId,
  is_closing_order: closing,
  is_reserved: id === 1,
  created_at: SINCE,
  updated_at: SINCE,
});

export const defaultKeycrmStatuses = (): KeycrmStatusRecord[] => [
  status(1, 'Новий', 'new', 1),
  status(2, 'Погоджено', 'approved', 2),
  status(3, 'Комплектується', 'packing', 2),
  status(4, 'Відправлено', 'shipped', 3),
  status(5, 'Виконано', 'completed', 4, true),
  status(6, 'Скасовано', 'canceled', 5, true),
];

export const defaultKeycrmSources = (currency: string): KeycrmSourceRecord[] => [
  {
    id: 1,
    name: 'Інтернет-магазин',
    alias: 'web_shop',
    driver: 'opencart',
    source_uuid: 'shop-1',
    source_name: 'Web shop',
    currency_code: currency,
    created_at: SINCE,
    updated_at: SINCE,
  },
];

export const defaultKeycrmDeliveryServices = (): KeycrmDeliveryServiceRecord[] => [
  { id: 1, name: 'Нова Пошта', alias: 'novaposhta' },
  { id: 2, name: 'Укрпошта', alias: 'ukrposhta' },
  { id: 3, name: 'Самовивіз', alias: 'pickup' },
];

export const defaultKeycrmManagers = (): KeycrmManagerRecord[] => [
  { id: 1, first_name: 'Ірина', last_name: 'Мельник', full_name: 'Ірина Мельник', username: 'iryna', email: 'iryna@example.com', phone: null, status: 'active' },
  { id: 2, first_name: 'Тарас', last_name: 'Бойко', full_name: 'Тарас Бойко', username: 'taras', email: 'taras@example.com', phone: null, status: 'active' },
];

export const defaultKeycrmCategories = (): KeycrmCategoryRecord[] => [
  { id: 1, name: 'Одяг та аксесуари' },
  { id: 2, name: 'Футболки', parent_id: 1 },
  { id: 3, name: 'Дім та побут' },
];
