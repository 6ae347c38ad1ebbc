// Aggregates are deciders: pure functions from (command, state) to events and from (state, event) to state.
export type DomainEvent<Type extends string = string, Data = unknown> = Readonly<{
  type: Type;
  data: Readonly<Data>;
}>;

export type DomainCommand<Type extends string = string, Data = unknown> = Readonly<{
  type: Type;
  data: Readonly<Data>;
}>;

export interface Decider<State, Command extends DomainCommand, Event extends DomainEvent> {
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
  /** A whole history at once, the same as evolving it event by event, where that would copy a growing state each time. */
  evolveAll?(state: State, events: readonly Event[]): State;
  initialState(): State;
}
