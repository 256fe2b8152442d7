import { conflict } from '../../core/errors.js';

/** The membership module's error codes (API.md, Marketing and membership). */
export const membershipErrors = {
  insufficientPoints: (available: number) => conflict('insufficient_points', 'Not enough points', { available }),
  alreadyCheckedIn: () => conflict('already_checked_in', 'Checked in today already'),
  membershipOff: () => conflict('membership_off', 'This shop has no points or member levels'),
};
