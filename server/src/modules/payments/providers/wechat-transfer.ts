/**
 * WeChat Pay v3 商家转账 (merchant transfer to a user's WeChat change), the documented
 * `POST /v3/fund-app/mch-transfer/transfer-bills` and its query by our number
 * `GET /v3/fund-app/mch-transfer/transfer-bills/out-bill-no/{out_bill_no}`. Requests are signed
 * with the merchant API key and answers believed only when signed by a WeChat Pay platform key,
 * exactly as payments are (WechatPay's `call`). WeChat makes one bill per out_bill_no, so sending
 * the same number again after a lost answer never pays twice. Direct merchants only: a service
 * provider's sub-merchant cannot transfer through this API.
 */
import { AppError } from '../../../core/errors.js';
import { WechatPay, type Answer } from './wechat-pay.js';

export interface TransferRequest {
  /** Our number for the transfer (out_bill_no: letters and digits, 5..32). */
  outBillNo: string;
  /** The app the openid belongs to (the shop's mini-program). */
  appid: string;
  openid: string;
  /** Fen, at least 1. */
  amount: number;
  /** Shown to the payee (at most 32 characters). */
  remark: string;
  notifyUrl?: string;
}

export interface TransferResult {
  /** `processing`: WeChat has the bill and will finish it (e.g. waiting for the payee to confirm). */
  status: 'succeeded' | 'processing' | 'failed';
  billNo?: string;
  error?: string;
}

export interface TransferProvider {
  readonly name: 'wechat' | 'sandbox';
  transfer(request: TransferRequest): Promise<TransferResult>;
  transferStatus(outBillNo: string): Promise<TransferResult>;
}

export const TRANSFER_PATH = '/v3/fund-app/mch-transfer/transfer-bills';
/** 佣金报酬: the transfer scene of commissions, with the two report lines WeChat asks for it. */
const SCENE = { id: '1005', infos: [{ info_type: '岗位类型', info_content: '分销员' }, { info_type: '报酬说明', info_content: '分销佣金提现' }] };

/** A bill's state as WeChat reports it: SUCCESS paid, FAIL and CANCELLED over unpaid, the rest on its way. */
function outcome(body: Record<string, unknown>): TransferResult {
  const billNo = typeof body.transfer_bill_no === 'string' ? body.transfer_bill_no : undefined;
  const state = body.state;
  if (state === 'SUCCESS') return { status: 'succeeded', billNo };
  if (state === 'FAIL' || state === 'CANCELLED') return { status: 'failed', billNo, error: `transfer ${state}${typeof body.fail_reason === 'string' ? `: ${body.fail_reason}` : ''}` };
  return { status: 'processing', billNo };
}

export class WechatTransfer extends WechatPay implements TransferProvider {
  override readonly name = 'wechat' as const;

  async transfer(req: TransferRequest): Promise<TransferResult> {
    if (this.config.mode !== 'direct') throw new AppError(409, 'wechat_transfer_unavailable', 'WeChat transfers need the shop\'s own WeChat Pay merchant account');
    if (!Number.isInteger(req.amount) || req.amount <= 0) throw new Error(`a WeChat transfer is a positive integer of fen, not ${req.amount}`);
    const answer = await this.call('POST', TRANSFER_PATH, {
      appid: req.appid,
      out_bill_no: req.outBillNo,
      transfer_scene_id: SCENE.id,
      openid: req.openid,
      transfer_amount: req.amount,
      transfer_remark: req.remark.slice(0, 32),
      ...(req.notifyUrl ? { notify_url: req.notifyUrl } : {}),
      user_recv_perception: '劳务报酬',
      transfer_scene_report_infos: SCENE.infos,
    });
    return this.settled('transfer', answer);
  }

  async transferStatus(outBillNo: string): Promise<TransferResult> {
    const answer = await this.call('GET', `${TRANSFER_PATH}/out-bill-no/${encodeURIComponent(outBillNo)}`);
    // WeChat's signed word that it never made the bill: nothing was paid
    if (answer.status === 404 && answer.signed) return { status: 'failed', error: 'no such transfer bill' };
    return this.settled('transfer query', answer);
  }

  /** A 5xx or an unsigned refusal leaves the bill's fate unknown: thrown, so the same number is sent again. */
  private settled(what: string, answer: Answer): TransferResult {
    if (answer.status >= 500 || (answer.status >= 400 && !answer.signed)) throw this.refusal(what, answer);
    if (answer.status >= 400) return { status: 'failed', error: `${String(answer.body.code ?? answer.status)}: ${String(answer.body.message ?? 'transfer refused')}` };
    return outcome(answer.body);
  }
}
