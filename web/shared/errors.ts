/**
 * Chinese words for the API errors a shopper or an operator can meet on the after-sales and money
 * screens. The API's own `message` is English for developers; a screen shows these instead (the
 * console puts the API's message beside them).
 */
import { ApiError } from './api';
import type { AccountType, Bucket } from './types';

export const accountTypeText: Record<AccountType, string> = {
  platform: '平台',
  tenant: '店铺',
  supplier: '供应商',
  shopper: '顾客余额',
  clearing: '退款在途',
};

export const bucketText: Record<Bucket, string> = {
  available: '可用',
  frozen: '冻结',
  held: '提现中',
};

const codeText: Record<string, string> = {
  aftersale_open: '该商品已有进行中的售后',
  aftersale_window_closed: '该订单已超过售后期',
  aftersale_nothing_left: '该订单已没有可申请售后的商品',
  escalation_closed: '已超过申请平台介入的期限',
  refund_exceeds_payment: '退款金额超过可退金额',
  invalid_state: '状态已变化，请刷新后再试',
  network_error: '网络异常，请稍后再试',
  rate_limited: '操作太频繁，请稍后再试',
  forbidden: '没有权限执行此操作',
  not_found: '记录不存在或已被删除',
  supplier_suspended: '供应商账号已暂停：只能查看、为已付款订单发货并处理其售后',
  cannot_grant: '不能授予自己没有的权限',
  cannot_manage: '对方拥有你没有的权限，不能修改',
  cannot_change_own_role: '不能修改自己的角色',
  role_builtin: '内置角色不可修改，请新建自定义角色',
  role_in_use: '仍有账号使用该角色，请先为他们换角色',
  role_name_taken: '角色名称已存在',
  email_taken: '该邮箱已被使用',
  last_administrator: '平台至少保留一名启用的管理员',
  plan_expired: '店铺套餐已到期：店铺暂停营业，后台只能查看、修改设置和处理已付款订单，续费后恢复',
  plan_feature_unavailable: '当前套餐不包含此功能，请升级套餐',
};

interface BalanceShort {
  account?: { type?: string; id?: number };
  bucket?: string;
  available?: number;
  required?: number;
}

const yuan = (fen: number | undefined) => `¥${((fen ?? 0) / 100).toFixed(2)}`;

/**
 * `insufficient_balance` names the account that cannot cover a debit: the shopper's own balance
 * (paying), or a party whose share of a refund is not there (e.g. a supplier's settled money held for
 * a withdrawal until the platform rejects it).
 */
function balanceShortText(details: BalanceShort | undefined): string {
  const type = details?.account?.type as AccountType | undefined;
  if (!type || type === 'shopper') return '余额不足';
  const who = type === 'tenant' || type === 'supplier' ? `${accountTypeText[type]} #${details?.account?.id} ` : (accountTypeText[type] ?? '账户');
  const bucket = bucketText[details?.bucket as Bucket] ?? '';
  return `${who}的${bucket}余额不足以承担这笔退款（需 ${yuan(details?.required)}，现有 ${yuan(details?.available)}）；若其资金正在提现中，需先驳回该提现`;
}

/** The Chinese words for an API error, or null when the screen has none for it. */
export function errorText(err: unknown): string | null {
  if (!(err instanceof ApiError)) return null;
  if (err.code === 'insufficient_balance') return balanceShortText(err.raw as BalanceShort | undefined);
  return codeText[err.code] ?? null;
}
