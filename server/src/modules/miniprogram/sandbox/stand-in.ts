/**
 * The sandbox's WeChat: the third-party platform's API answered in process, with WeChat's
 * paths, parameters, error numbers and answers, so the module's client (wechat-api.ts) runs the
 * very code it runs live. Audits are decided by a job that pushes the result, encrypted and
 * signed, to our receiver a few seconds later (pushes.ts); a version whose description asks for
 * it ("驳回" or "reject") is rejected, any other approved. Mini-program codes are real PNG QR codes
 * of the page and scene, which a phone's camera can read.
 */
import QRCode from 'qrcode';
import { randomInt } from 'node:crypto';
import type { Transport, WireAnswer, WireRequest } from '../wechat-api.js';
import { platformKeys } from '../platform.js';
import { check, issue, type CredentialKind } from './credentials.js';
import { cancelSandboxAudit, scheduleSandboxAudit } from './pushes.js';

type Json = Record<string, unknown>;

const TOKEN_TTL = 7200;
export const SANDBOX_TEMPLATE = { templateId: '1', version: '1.0.0', description: '商城小程序模板（沙箱）' };

const json = (body: Json): WireAnswer => ({ contentType: 'application/json; charset=utf-8', body: Buffer.from(JSON.stringify({ errcode: 0, errmsg: 'ok', ...body })) });
const fail = (errcode: number, errmsg: string): WireAnswer => ({ contentType: 'application/json; charset=utf-8', body: Buffer.from(JSON.stringify({ errcode, errmsg })) });
const png = async (text: string): Promise<WireAnswer> => ({ contentType: 'image/png', body: await QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 430 }) });

class Refusal extends Error {
  constructor(readonly errcode: number, readonly errmsg: string) {
    super(errmsg);
  }
}

/** The claims of a token, or WeChat's refusal: 42001 when it ran out, 40001 when it is not one. */
function claimsOf(kind: CredentialKind, token: string | undefined): Record<string, string> {
  const checked = check(kind, token);
  if (checked.ok) return checked.claims;
  throw checked.expired ? new Refusal(42001, 'access_token expired') : new Refusal(40001, 'invalid credential, access_token is invalid or not latest');
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** The sandbox's mini-program for an appid: a name and a principal WeChat would hold. */
export const sandboxNickname = (appid: string) => `沙箱小程序 ${appid.slice(-4).toUpperCase()}`;

async function answer(req: WireRequest): Promise<WireAnswer> {
  const keys = platformKeys();
  const body = (req.json ?? {}) as Json;
  const q = req.query;
  const component = () => claimsOf('component', q.component_access_token ?? q.access_token);
  const authorizer = () => claimsOf('authorizer', q.access_token).appid!;
  if (req.path.startsWith('/cgi-bin/component/') && req.path !== '/cgi-bin/component/api_component_token' && str(body.component_appid) !== keys.appid) {
    return fail(61004, 'access clientip is not registered / component_appid mismatch');
  }
  switch (req.path) {
    case '/cgi-bin/component/api_component_token': {
      if (str(body.component_appid) !== keys.appid || str(body.component_appsecret) !== keys.secret) return fail(40013, 'invalid appid or secret');
      if (!check('ticket', str(body.component_verify_ticket)).ok) return fail(61006, 'component ticket is invalid');
      return json({ component_access_token: issue('component', {}, TOKEN_TTL), expires_in: TOKEN_TTL });
    }
    case '/cgi-bin/component/api_create_preauthcode':
      component();
      return json({ pre_auth_code: issue('preauth', {}, 1800), expires_in: 1800 });
    case '/cgi-bin/component/api_query_auth': {
      component();
      const code = check('auth', str(body.authorization_code));
      if (!code.ok) return fail(61010, 'code is expired or invalid');
      const appid = code.claims.appid!;
      return json({
        authorization_info: {
          authorizer_appid: appid,
          authorizer_access_token: issue('authorizer', { appid }, TOKEN_TTL),
          expires_in: TOKEN_TTL,
          authorizer_refresh_token: issue('refresh', { appid }, 365 * 86_400),
          func_info: [{ funcscope_category: { id: 17 } }, { funcscope_category: { id: 18 } }],
        },
      });
    }
    case '/cgi-bin/component/api_authorizer_token': {
      component();
      const refresh = check('refresh', str(body.authorizer_refresh_token));
      if (!refresh.ok || refresh.claims.appid !== str(body.authorizer_appid)) return fail(61023, 'refresh_token is invalid');
      const appid = refresh.claims.appid;
      return json({ authorizer_access_token: issue('authorizer', { appid }, TOKEN_TTL), expires_in: TOKEN_TTL, authorizer_refresh_token: issue('refresh', { appid }, 365 * 86_400) });
    }
    case '/cgi-bin/component/api_get_authorizer_info': {
      component();
      const appid = str(body.authorizer_appid);
      return json({
        authorizer_info: { nick_name: sandboxNickname(appid), head_img: '', principal_name: '沙箱主体（模拟）', MiniProgramInfo: { network: {} } },
        authorization_info: { authorizer_appid: appid },
      });
    }
    case '/wxa/gettemplatelist':
      component();
      return json({ template_list: [{ template_id: Number(SANDBOX_TEMPLATE.templateId), user_version: SANDBOX_TEMPLATE.version, user_desc: SANDBOX_TEMPLATE.description, create_time: 1_764_979_200 }] });
    case '/wxa/modify_domain':
      authorizer();
      return json({ requestdomain: body.requestdomain ?? [], wsrequestdomain: body.wsrequestdomain ?? [], uploaddomain: body.uploaddomain ?? [], downloaddomain: body.downloaddomain ?? [] });
    case '/wxa/commit': {
      authorizer();
      if (str(body.template_id) !== SANDBOX_TEMPLATE.templateId) return fail(85064, 'template not found');
      try {
        JSON.parse(str(body.ext_json));
      } catch {
        return fail(85044, 'ext_json is not valid JSON');
      }
      return json({});
    }
    case '/wxa/submit_audit': {
      const appid = authorizer();
      const auditid = String(randomInt(100_000_000, 999_999_999));
      const desc = str(body.version_desc);
      await scheduleSandboxAudit(appid, /驳回|reject/i.test(desc) ? { result: 'fail', reason: '小程序服务类目与实际内容不符（沙箱模拟的驳回）' } : { result: 'success' });
      return json({ auditid: Number(auditid) });
    }
    case '/wxa/get_auditstatus':
      authorizer();
      return json({ status: 2, reason: '' });
    case '/wxa/undocodeaudit':
      await cancelSandboxAudit(authorizer());
      return json({});
    case '/wxa/release':
      authorizer();
      return json({});
    case '/wxa/get_qrcode':
      return png(`https://sandbox.weixin.local/experience/${authorizer()}`);
    case '/wxa/getwxacodeunlimit': {
      authorizer();
      const scene = str(body.scene);
      if (!scene || scene.length > 32) return fail(40169, 'invalid length for scene, or the data is not json string');
      return png(`${str(body.page) || 'pages/index/index'}?scene=${encodeURIComponent(scene)}`);
    }
    default:
      return fail(40066, 'invalid url');
  }
}

export function sandboxTransport(): Transport {
  return {
    async send(req) {
      try {
        return await answer(req);
      } catch (err) {
        if (err instanceof Refusal) return fail(err.errcode, err.errmsg);
        throw err;
      }
    },
  };
}
