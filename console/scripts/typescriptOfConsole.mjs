// Module resolve hook: `typescript` resolves as it does from the console workspace (TypeScript 5), wherever it is imported.
const CONSOLE = new URL('../package.json', import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  return nextResolve(specifier, specifier === 'typescript' ? { ...context, parentURL: CONSOLE } : context);
}
