import { AppError, conflict } from '../../core/errors.js';

/** WeChat's own error numbers that mean "the token you sent is no longer valid". */
export const TOKEN_EXPIRED_CODES = new Set([40001, 42001, 40014]);

/** WeChat's numbers for "the mini-program's authorization to the platform is gone". */
const UNAUTHORIZED_CODES = new Set([61003, 61023]);

/**
 * WeChat answered with errcode != 0: a 502 `wechat_error` (409 `miniprogram_not_authorized` when
 * the merchant withdrew the authorization), the code and message as WeChat wrote them in details.
 */
export class WechatApiError extends AppError {
  constructor(readonly api: string, readonly errcode: number, readonly errmsg: string) {
    const revoked = UNAUTHORIZED_CODES.has(errcode);
    super(revoked ? 409 : 502, revoked ? 'miniprogram_not_authorized' : 'wechat_error', `WeChat refused ${api} (${errcode}: ${errmsg})`, { errcode, errmsg });
  }

  get tokenExpired(): boolean {
    return TOKEN_EXPIRED_CODES.has(this.errcode);
  }
}

export const miniprogramErrors = {
  unavailable: (api: string) => new AppError(502, 'wechat_unavailable', `WeChat did not answer ${api}; try again`),
  notConfigured: () => new AppError(503, 'wechat_open_not_configured', 'The WeChat third-party platform is not set up (WECHAT_OPEN_* settings)'),
  noTicket: () => new AppError(503, 'wechat_ticket_missing', 'WeChat has not pushed a component_verify_ticket yet; it does every 10 minutes'),
  notAuthorized: () => conflict('miniprogram_not_authorized', 'This shop has not authorized a mini-program to the platform'),
  auditInProgress: () => conflict('audit_in_progress', 'A version of this mini-program is being audited; wait for the result or withdraw it'),
  templateMissing: () => conflict('template_missing', 'The platform has no mini-program template in its template library yet'),
  notApproved: () => conflict('not_approved', 'Only an approved version can be released'),
  notAuditing: () => conflict('not_auditing', 'Only a version under audit can be withdrawn'),
  submissionNotFound: () => new AppError(404, 'not_found', 'Submission not found'),
  stateInvalid: () => new AppError(400, 'authorization_state_invalid', 'The authorization link is invalid or has expired; start again from the console'),
};
