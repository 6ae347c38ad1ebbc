import { createContext, useContext } from 'react';
import { roleAllows, type Role, type Schemas } from '../api/client';

export const SessionContext = createContext<Schemas['ConsoleSession'] | undefined>(undefined);

/** Whether the signed-in role may do what needs `role`: controls it may not use are not shown at all. */
export function useAllowed(role: Role): boolean {
  return roleAllows(useContext(SessionContext)?.role, role);
}
