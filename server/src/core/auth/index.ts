export { hashPassword, verifyPassword, PASSWORD_RULE } from './passwords.js';
export { signToken, verifyToken, type TokenClaims, type TokenKind } from './tokens.js';
export { AuthSession, issueToken, revokeSession, revokeActorSessions, sessionIdOf, sessionsRevoked, type RevocationListener, type IssuedToken } from './sessions.js';
export { actorLoader, actorLoaders, actorFromToken, type ActorLoader, type ActorLoading } from './actors.js';
export { passwordSignIn, guardedSignIn, invalidCredentials, type SignInAccount, type SignInSubject } from './sign-in.js';
