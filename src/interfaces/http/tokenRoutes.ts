import 'reflect-metadata';
import { IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { Router, type Response } from 'express';
import { issueAccessToken } from '../../application/accessTokens/issueAccessToken.js';
import { listAccessTokens } from '../../application/accessTokens/listAccessTokens.js';
import { revokeAccessToken } from '../../application/accessTokens/revokeAccessToken.js';
import type { EventStore } from '../../application/ports/eventStore.js';
import type { Logger } from '../../application/ports/logger.js';
import type { ReadModels } from '../../application/ports/readModels.js';
import { UnknownAccessTokenError } from '../../domain/accessToken/accessTokenDecider.js';
import { ROLES, type Role } from '../../domain/accessToken/role.js';
import { requireRole } from './authentication.js';
import { sendPage } from './nextPageLink.js';
import { sendProblem } from './problem.js';
import { PageQuery } from './pageQuery.js';
import { validateBody, validateQuery } from './validation.js';

export class IssueAccessTokenBody {
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name!: string;

  @IsIn(ROLES)
  role!: Role;

  /** Optional: the token is refused from this time on (ISO 8601, in the future). */
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true }, { message: 'expiresAt must be an ISO 8601 time, like 2027-01-31T00:00:00Z' })
  expiresAt?: string;
}

export interface TokenRoutesDependencies {
  eventStore: EventStore;
  readModels: ReadModels;
  logger: Logger;
  /** Resolves once the access_tokens read model includes `position`; false on timeout. */
  accessTokensApplied(position: number): Promise<boolean>;
  /** Called once a revocation is in the read model, so no cached principal outlives it. */
  tokenRevoked(): void;
}

const TOKEN_ID = /^[A-Za-z0-9-]{1,64}$/;

/** Mounted under /v1 behind authentication. */
export function tokenRoutes({ eventStore, readModels, logger, accessTokensApplied, tokenRevoked }: TokenRoutesDependencies): Router {
  const router = Router();

  // Whoever calls, with any role: lets a client check its token.
  router.get('/me', (_req, res) => {
    const { tokenId, role } = res.locals.principal!;
    res.json({ tokenId, role });
  });

  router.post('/tokens', requireRole('admin'), validateBody(IssueAccessTokenBody), async (_req, res) => {
    const body = res.locals.body as IssueAccessTokenBody;
    const issued = await issueAccessToken(eventStore, { name: body.name, role: body.role, expiresAt: body.expiresAt === undefined ? null : new Date(body.expiresAt) });
    // Answer only once authentication can see the token, so the client can use it straight away.
    await waitForReadModel(issued.position);
    res.status(201).set('Cache-Control', 'no-store').json({ id: issued.tokenId, name: issued.name, role: issued.role, token: issued.token, expiresAt: issued.expiresAt });
  });

  router.get('/tokens', requireRole('admin'), validateQuery(PageQuery), async (req, res) => {
    const list = await listAccessTokens(readModels, res.locals.query as PageQuery);
    sendPage(req, res, list, list.items);
  });

  router.delete('/tokens/:id', requireRole('admin'), async (req, res) => {
    const id = req.params.id as string;
    if (!TOKEN_ID.test(id)) return unknownToken(res, 'that id');
    try {
      const { position } = await revokeAccessToken(eventStore, id);
      // Once answered, the revoked token must already be refused.
      await waitForReadModel(position);
      tokenRevoked();
    } catch (error) {
      if (error instanceof UnknownAccessTokenError) return unknownToken(res, `id ${id}`);
      throw error;
    }
    res.status(204).end();
  });

  async function waitForReadModel(position: number): Promise<void> {
    if (!(await accessTokensApplied(position))) {
      logger.warn({ position }, 'access_tokens read model did not catch up in time; the change may take a moment to apply');
    }
  }

  return router;
}

function unknownToken(res: Response, which: string): void {
  sendProblem(res, { status: 404, title: 'Not Found', detail: `No access token with ${which}` });
}
