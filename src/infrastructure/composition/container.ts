import 'reflect-metadata';
import { Container } from 'inversify';
import type { Synchub } from './compose.js';
import { TOKENS } from './tokens.js';

/**
 * The inversify container of a composed service. compose() builds every part (most need an await to open), so the
 * container holds the finished graph for the classes that inject it.
 */
export function containerOf(synchub: Synchub): Container {
  const container = new Container({ defaultScope: 'Singleton' });
  container.bind<Synchub>(TOKENS.Synchub).toConstantValue(synchub);
  return container;
}
