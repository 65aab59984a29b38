// Issue 14: how a staff user signs in, as an administrator reads it on the staff pages.

export interface SignInSettings {
  /** PASSWORD_SIGN_IN: off once everyone signs in with single sign-on. */
  passwordSignIn: boolean
  /** Whether single sign-on is set up (OIDC_ISSUER). */
  singleSignOn: boolean
}

export function signsInWith(user: { hasPassword: boolean; singleSignOn: boolean }, settings: SignInSettings): string {
  const password = user.hasPassword && settings.passwordSignIn
  if (user.singleSignOn && password) return 'Single sign-on or password'
  if (user.singleSignOn) return 'Single sign-on'
  if (password) return 'Password'
  if (user.hasPassword) return 'Nothing yet: password sign-in is switched off, and they have not used single sign-on'
  return settings.singleSignOn
    ? 'Nothing yet: waiting for their first single sign-on or for them to use their set-up link'
    : 'Nothing yet: waiting for them to use their set-up link'
}
