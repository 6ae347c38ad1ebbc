import { ROLES, type Role } from '../../domain/accessToken/role.js';

/** True when `role` is `required` or ranks above it (viewer < operator < admin). */
export function roleAllows(role: Role, required: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(required);
}
