import { expect } from 'chai';
import type { Decider, DomainCommand, DomainEvent } from '../../src/domain/shared/decider.js';

type ErrorClass = abstract new (...args: never[]) => Error;

/** given(events).when(command).then(events): a domain rule read as a specification. */
export const DeciderSpecification = {
  for<State, Command extends DomainCommand, Event extends DomainEvent>(decider: Decider<State, Command, Event>) {
    return {
      given(history: Event[]) {
        return {
          when(command: Command) {
            const run = () => decider.decide(command, history.reduce(decider.evolve, decider.initialState()));
            return {
              then(expected: Event[]): void {
                expect(run()).to.deep.equal(expected);
              },
              /** For rules about the kind of events and some of their data. */
              thenEvents(check: (events: Event[]) => void): void {
                check(run());
              },
              thenNothing(): void {
                expect(run()).to.deep.equal([]);
              },
              thenThrows(errorClass: ErrorClass, message?: RegExp): void {
                expect(run).to.throw(errorClass as never, message);
              },
            };
          },
        };
      },
    };
  },
};
