// Access tokens: ES256 JWTs signed with the server's key, at most 15 minutes, algorithm, issuer
// and audience pinned on verify. They carry only the account id (sub) and session id (sid).
import { importJWK, jwtVerify, SignJWT } from 'jose';
import type { Config } from '../../config';
import { type ServerKeys, TOKEN_SIGNING_ALG } from '../keys/server-keys';

const AUDIENCE = 'portal-api';

export interface AccessClaims {
  accountId: string;
  sessionId: string;
}

export interface AccessTokens {
  sign(claims: AccessClaims): Promise<{ token: string; expiresIn: number }>;
  /** The claims of a valid token, or null for anything else (expired, forged, other algorithm). */
  verify(token: string): Promise<AccessClaims | null>;
}

export function createAccessTokens(keys: ServerKeys, config: Config, now: () => Date): AccessTokens {
  const issuer = config.publicUrl.origin;
  const lifetime = config.auth.accessTokenMinutes * 60;
  const signing = keys.tokenSigning;
  const publicKey = importJWK(signing.publicJwk, TOKEN_SIGNING_ALG);
  return {
    async sign({ accountId, sessionId }) {
      const issuedAt = Math.floor(now().getTime() / 1000);
      const token = await new SignJWT({ sid: sessionId })
        .setProtectedHeader({ alg: TOKEN_SIGNING_ALG, kid: signing.kid, typ: 'at+jwt' })
        .setSubject(accountId)
        .setIssuer(issuer)
        .setAudience(AUDIENCE)
        .setIssuedAt(issuedAt)
        .setExpirationTime(issuedAt + lifetime)
        .sign(signing.privateKey);
      return { token, expiresIn: lifetime };
    },
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, await publicKey, {
          algorithms: [TOKEN_SIGNING_ALG],
          issuer,
          audience: AUDIENCE,
          typ: 'at+jwt',
          currentDate: now(),
          requiredClaims: ['sub', 'exp', 'iat'],
        });
        if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string') return null;
        return { accountId: payload.sub, sessionId: payload.sid };
      } catch {
        return null;
      }
    },
  };
}
