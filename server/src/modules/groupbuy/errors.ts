import { conflict } from '../../core/errors.js';

/** The group-buy module's error codes (API.md's Marketing section). */
export const groupbuyErrors = {
  notStarted: () => conflict('not_started', 'This group buy has not started yet'),
  ended: () => conflict('group_buy_ended', 'This group buy has ended'),
  groupFull: () => conflict('group_full', 'This group is full'),
  groupNotOpen: () => conflict('group_not_open', 'This group opens when its leader has paid'),
  groupClosed: () => conflict('group_closed', 'This group has succeeded or failed already'),
  groupExpired: () => conflict('group_expired', 'This group ran out of time'),
  alreadyInGroup: () => conflict('already_in_group', 'You are in this group already'),
};
