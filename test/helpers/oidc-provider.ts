import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import Provider, { type KoaContextWithOIDC } from 'oidc-provider'

// Issue 14: a real OpenID Connect provider (oidc-provider) for the single sign-on tests, on a free localhost port,
// with one client for the app and accounts whose claims the test sets. Its login page is replaced by one that signs
// in the account the test chose (`signingIn`) at once, and consent is taken as given (the council's own client).

export const OIDC_CLIENT = {
  client_id: 'fair-contact',
  client_secret: 'a test client secret, long enough for HS256 keys',
}

export interface ProviderAccount {
  email?: string
  name?: string
  /** The `roles` claim: the provider's app roles. */
  roles: string[]
}

export interface TestProvider {
  issuer: string
  accounts: Map<string, ProviderAccount>
  /** The account the provider signs in next. */
  signingIn: string
  /** Starts answering, for a client whose redirect URI is the app's callback. */
  start: (redirectUri: string) => void
  close: () => Promise<void>
}

/** Listens first (so the app can be configured with the issuer), answers once started with the app's address. */
export async function testProvider(): Promise<TestProvider> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const result: TestProvider = {
    issuer,
    accounts: new Map(),
    signingIn: '',
    start: (redirectUri) => {
      const provider = new Provider(issuer, {
        clients: [{ ...OIDC_CLIENT, redirect_uris: [redirectUri], token_endpoint_auth_method: 'client_secret_post' }],
        pkce: { required: () => true },
        claims: { openid: ['sub'], email: ['email'], profile: ['name', 'roles'] },
        features: { devInteractions: { enabled: false } },
        findAccount: (_ctx: KoaContextWithOIDC, id: string) => {
          const account = result.accounts.get(id)
          return account && { accountId: id, claims: () => ({ sub: id, ...account }) }
        },
        loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
          const accountId = ctx.oidc.session?.accountId
          if (!accountId || !ctx.oidc.client) return undefined
          const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId })
          grant.addOIDCScope('openid email profile')
          await grant.save()
          return grant
        },
      })
      const callback = provider.callback()
      server.on('request', (request, response) => {
        if (request.url?.startsWith('/interaction/')) {
          void provider.interactionFinished(request, response, { login: { accountId: result.signingIn } })
        } else {
          void callback(request, response)
        }
      })
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
  return result
}
