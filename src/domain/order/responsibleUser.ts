// Imported orders are someone's: the local user mapped from the platform's manager, else the integration's default user.

export interface ResponsibleUserSettings {
  responsibleUser: string | null;
  managerUsers: readonly { platform: string; local: string }[];
}

/** The local user responsible for an order the platform's manager `managerId` handles there. */
export function responsibleUserFor(settings: ResponsibleUserSettings, managerId: string | undefined): string | null {
  return settings.managerUsers.find((manager) => manager.platform === managerId)?.local ?? settings.responsibleUser;
}
