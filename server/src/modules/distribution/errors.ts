import { conflict, notFound, ValidationError } from '../../core/errors.js';

/** The distribution module's error codes. */
export const distributionErrors = {
  off: () => conflict('distribution_off', 'This shop has no distribution programme'),
  inviteCode: () => notFound('Invite code'),
  selfInvite: () => ValidationError.field('inviteCode', 'you cannot invite yourself', 'invalid'),
  inviterInactive: () => ValidationError.field('inviteCode', 'this invite code is not active', 'invalid'),
  alreadyBound: (inviterId: number) => conflict('already_bound', 'You are already bound to an inviter', { inviterId }),
  cycle: () => conflict('binding_cycle', 'The inviter is in this shopper\'s own team'),
  locked: (until: Date) => conflict('binding_locked', `The binding is locked until ${until.toISOString()}`, { lockedUntil: until.toISOString() }),
  notDistributor: () => conflict('not_distributor', 'Only an approved distributor can do this'),
  spendNotMet: (spent: number, threshold: number) => conflict('spend_threshold_not_met', `Spend ${threshold} fen first (${spent} so far)`, { spent, threshold }),
  belowMinimum: (min: number) => ValidationError.field('amount', `at least ${min} fen`, 'too_small'),
  rankTaken: (rank: number) => ValidationError.field('rank', `another level has rank ${rank}`, 'invalid'),
  levelInUse: (holders: number) => conflict('level_in_use', `${holders} distributors hold this level: move them first`, { holders }),
  noSuchLevel: () => ValidationError.field('levelId', 'no such level in this shop', 'invalid'),
  levelChanged: () => conflict('level_changed', 'The distributor\'s level changed meanwhile: look again'),
  wechatPayee: () => conflict('wechat_openid_required', 'A WeChat withdrawal goes to the WeChat you signed in to the shop\'s mini-program with: sign in there first', { field: 'method' }),
  wechatUnavailable: () => conflict('wechat_transfer_unavailable', 'This shop cannot pay out to WeChat yet: choose the balance', { field: 'method' }),
  depthRates: (depth: number) => ValidationError.field('rates', `give a rate for each of the ${depth} levels`, 'invalid'),
};
