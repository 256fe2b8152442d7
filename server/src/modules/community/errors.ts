import { AppError, conflict, notFound } from '../../core/errors.js';

/** The community module's error codes. */
export const communityErrors = {
  notStarted: () => conflict('community_not_started', 'This community group buy has not started yet'),
  cutOff: () => conflict('community_cut_off', 'This community group buy is cut off: no more orders'),
  notRunning: () => conflict('community_not_running', 'No community group buy takes these goods now'),
  notInActivity: (title: string, skuId: number) => conflict('not_in_activity', `${title} is not in this community group buy`, { skuId }),
  alreadyApplied: () => conflict('already_applied', 'You have applied already'),
  decided: (status: string) => conflict('leader_decided', `This application is ${status} already`, { status }),
  notLeader: () => notFound('Community leader'),
  notCutOff: () => conflict('not_cut_off', 'Pick lists and batches wait for the cut-off'),
  notArrived: () => conflict('not_arrived', 'The goods of this order have not arrived at the pickup point yet'),
  arrivedAlready: () => conflict('batch_arrived', 'This batch has arrived already'),
  nothingToShip: () => conflict('nothing_to_ship', 'No paid order is waiting for this batch'),
  unknownCode: () => new AppError(404, 'pickup_code_unknown', 'No pickup order has this code'),
};
