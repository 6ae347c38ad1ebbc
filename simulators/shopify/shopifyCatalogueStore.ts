// The simulated shop's catalogue and stock: products with variants, each variant with its inventory item, and the
// quantities of each inventory item at each location.

export interface ShopifyVariantRecord {
  id: number;
  sku: string | null;
  /** "M / Black"; "Default Title" for the only variant of a product without options. */
  title: string;
  price: string;
  selectedOptions: { name: string; value: string }[];
  inventoryItemId: number;
}

export interface ShopifyProductRecord {
  id: number;
  title: string;
  descriptionHtml: string;
  productType: string;
  vendor: string;
  status: 'ACTIVE' | 'ARCHIVED' | 'DRAFT' | 'UNLISTED';
  createdAt: string;
  updatedAt: string;
  variants: ShopifyVariantRecord[];
}

export interface ShopifyLocationRecord {
  id: number;
  name: string;
  isActive: boolean;
}

/** Quantity names inventorySetQuantities accepts. */
export type QuantityName = 'available' | 'on_hand';

export class ShopifyCatalogueStore {
  private readonly products = new Map<number, ShopifyProductRecord>();
  private readonly quantities = new Map<string, Record<QuantityName, number>>();

  constructor(
    readonly locations: readonly ShopifyLocationRecord[],
    /** The shop's primary location: where `location` without an id points. */
    readonly primaryLocationId: number,
  ) {}

  addProduct(product: ShopifyProductRecord): void {
    this.products.set(product.id, structuredClone(product));
  }

  allProducts(): ShopifyProductRecord[] {
    return [...this.products.values()].sort((a, b) => a.id - b.id);
  }

  product(id: number): ShopifyProductRecord | undefined {
    return this.products.get(id);
  }

  allVariants(): { product: ShopifyProductRecord; variant: ShopifyVariantRecord }[] {
    return this.allProducts().flatMap((product) => product.variants.map((variant) => ({ product, variant })));
  }

  variantWithInventoryItem(inventoryItemId: number): { product: ShopifyProductRecord; variant: ShopifyVariantRecord } | undefined {
    return this.allVariants().find(({ variant }) => variant.inventoryItemId === inventoryItemId);
  }

  location(id: number): ShopifyLocationRecord | undefined {
    return this.locations.find((location) => location.id === id);
  }

  quantity(inventoryItemId: number, locationId: number, name: QuantityName): number {
    return this.quantities.get(`${inventoryItemId}@${locationId}`)?.[name] ?? 0;
  }

  /** Sets a quantity as inventorySetQuantities does: `available` moves `on_hand` by the same difference. */
  setQuantity(inventoryItemId: number, locationId: number, name: QuantityName, quantity: number): void {
    const key = `${inventoryItemId}@${locationId}`;
    const current = this.quantities.get(key) ?? { available: 0, on_hand: 0 };
    const change = quantity - current[name];
    this.quantities.set(key, name === 'available' ? { available: quantity, on_hand: current.on_hand + change } : { available: current.available + change, on_hand: quantity });
  }
}
