import * as client from 'openid-client'
import type { OidcConfig } from '../../config.ts'
import { roles as allRoles, type Role } from '../../domain/roles.ts'

// Single sign-on with the council's identity provider over OpenID Connect (issue 14): the authorization code flow
// with PKCE, through openid-client. This file speaks to the provider; oidc-sign-in.ts decides who gets in.

/** What a sign-in keeps between sending the browser to the provider and its coming back: never sent to the provider
 * except as the state, the nonce and the PKCE challenge. Kept in a signed, httpOnly cookie that lasts ten minutes. */
export interface PendingSignIn {
  state: string
  nonce: string
  codeVerifier: string
  returnTo: string
  /** Milliseconds since the epoch, on the service's clock; the cookie's own expiry is only the browser's word. */
  expiresAt: number
}

export const PENDING_SIGN_IN_MINUTES = 10

/** The provider's account, as its ID token (and userinfo) tell it. */
export interface ProviderAccount {
  issuer: string
  subject: string
  email: string | undefined
  name: string | undefined
  /** The values of the roles claim (app roles or group ids), as the provider sent them. */
  providerRoles: string[]
}

export class OidcClient {
  #server: client.ServerMetadata | undefined
  readonly redirectUri: string

  constructor(
    readonly settings: OidcConfig,
    baseUrl: string,
  ) {
    this.redirectUri = `${baseUrl}/sign-in/oidc/callback`
  }

  /**
   * The provider's configuration, discovered the first time it is needed (not at start: a provider that is down
   * for a moment must not stop the service starting), then kept. Each use gets its own Configuration, on the
   * service's clock, so the ID token's expiry is judged by the same clock as everything else here.
   */
  private async configuration(now: Date): Promise<client.Configuration> {
    const insecure = this.settings.issuer.startsWith('http://') // only outside production (loadConfig)
    if (!this.#server) {
      const discovered = await client.discovery(
        new URL(this.settings.issuer),
        this.settings.clientId,
        undefined,
        client.ClientSecretPost(this.settings.clientSecret),
        insecure ? { execute: [client.allowInsecureRequests] } : undefined,
      )
      this.#server = discovered.serverMetadata()
    }
    const configuration = new client.Configuration(
      this.#server,
      this.settings.clientId,
      { [client.clockSkew]: Math.round((now.getTime() - Date.now()) / 1000) },
      client.ClientSecretPost(this.settings.clientSecret),
    )
    if (insecure) client.allowInsecureRequests(configuration)
    return configuration
  }

  /** Where to send the browser, and what to keep until it comes back. */
  async begin(returnTo: string, now: Date): Promise<{ url: URL; pending: PendingSignIn }> {
    const configuration = await this.configuration(now)
    const pending: PendingSignIn = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      codeVerifier: client.randomPKCECodeVerifier(),
      returnTo,
      expiresAt: now.getTime() + PENDING_SIGN_IN_MINUTES * 60_000,
    }
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: this.redirectUri,
      scope: 'openid email profile',
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
    })
    return { url, pending }
  }

  /**
   * The browser is back with a code: checks the state, exchanges the code (with the PKCE verifier) for tokens, and
   * checks the ID token (signature, issuer, audience, nonce, expiry). Anything wrong throws: a wrong state, a code
   * already used (the provider refuses it), an expired ID token.
   */
  async finish(callbackUrl: URL, pending: PendingSignIn, now: Date): Promise<ProviderAccount> {
    const configuration = await this.configuration(now)
    const tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    })
    const idToken = tokens.claims()
    if (!idToken) throw new Error('The provider sent no ID token')
    let claims: Record<string, unknown> = idToken
    // Some providers put only the standard claims in the ID token and the rest behind the userinfo endpoint.
    if (!(this.settings.rolesClaim in idToken) && configuration.serverMetadata().userinfo_endpoint) {
      const userInfo = await client.fetchUserInfo(configuration, tokens.access_token, idToken.sub)
      claims = { ...userInfo, ...idToken }
    }
    const email = [claims.email, claims.preferred_username].find(
      (value): value is string => typeof value === 'string' && /^[^@\s]+@[^@\s]+$/.test(value),
    )
    return {
      issuer: idToken.iss,
      subject: idToken.sub,
      email: email?.toLowerCase(),
      name: typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim().slice(0, 200) : undefined,
      providerRoles: [claims[this.settings.rolesClaim]].flat().filter((value) => typeof value === 'string'),
    }
  }
}

/** The roles here that the provider's roles give, in the usual order; none when nothing maps. */
export function mappedRoles(providerRoles: readonly string[], roleMap: Record<string, Role[]>): Role[] {
  const given = new Set(providerRoles.flatMap((providerRole) => roleMap[providerRole] ?? []))
  return allRoles.filter((role) => given.has(role))
}
