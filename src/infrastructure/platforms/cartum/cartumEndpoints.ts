// A connection names the shop's domain (https://shop.example.ua); Horoshop's API and admin pages hang off its origin.

export interface CartumEndpoints {
  /** e.g. https://shop.example.ua/api (each function is `<apiBaseUrl>/<function>/`) */
  apiBaseUrl: string;
  /** The admin's order list searched by number (the admin addresses orders by a record id the API does not return). */
  orderUrlBase: string;
}

export function cartumEndpoints(baseUrl: string): CartumEndpoints {
  // Whatever path was pasted, the shop's origin is what counts.
  const origin = new URL(baseUrl).origin;
  return { apiBaseUrl: `${origin}/api`, orderUrlBase: `${origin}/edit/orders/?search=` };
}
