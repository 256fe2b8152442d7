import { expect } from 'chai';
import { config } from '../../server/src/core/config.js';
import { resetMailTransport } from '../../server/src/core/messaging/index.js';
import { shopApi } from '../support/http.js';
import { merchant, sandboxMessages, uniqPhone } from '../factories/index.js';
import { aliyunExpectedSignature, fakeHttp, fakeSmtp, json } from './fake-servers.js';

describe('outside messages', () => {
  it('sends SMS codes through Aliyun SMS with a signature the service accepts', async () => {
    const secret = 'testAccessKeySecret';
    const fake = await fakeHttp((req, res) => {
      const q = req.url.searchParams;
      const valid = q.get('Signature') === aliyunExpectedSignature(q, secret) && q.get('Action') === 'SendSms' && q.get('AccessKeyId') === 'LTAI-test' && q.get('SignatureMethod') === 'HMAC-SHA1';
      json(res, valid ? 200 : 400, valid ? { Code: 'OK', Message: 'OK', BizId: 'biz-123', RequestId: 'r' } : { Code: 'SignatureDoesNotMatch', Message: 'bad signature' });
    });
    const saved = { ...config().sms };
    Object.assign(config().sms, { provider: 'aliyun', endpoint: fake.url, accessKeyId: 'LTAI-test', accessKeySecret: secret, signName: '演示商城', templateCode: 'SMS_0001' });
    try {
      const m = await merchant();
      const phone = uniqPhone();
      const res = await shopApi(m.slug).post('/shop/auth/sms-code').send({ phone });
      expect(res.status).to.equal(200);
      expect(fake.requests).to.have.length(1);
      const q = fake.requests[0]!.url.searchParams;
      expect(q.get('PhoneNumbers')).to.equal(phone);
      expect(q.get('SignName')).to.equal('演示商城');
      expect(q.get('TemplateCode')).to.equal('SMS_0001');
      const code = JSON.parse(q.get('TemplateParam')!).code as string;
      expect(code).to.match(/^\d{6}$/);
      const [kept] = await sandboxMessages(phone);
      expect(kept).to.deep.include({ provider: 'aliyun', status: 'sent', providerRef: 'biz-123' });
      const login = await shopApi(m.slug).post('/shop/auth/login').send({ phone, code });
      expect(login.status).to.equal(200);
    } finally {
      Object.assign(config().sms, saved);
      await fake.close();
    }
  });

  it('records a refused SMS as failed without failing the request', async () => {
    const fake = await fakeHttp((_req, res) => json(res, 400, { Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: 'limit' }));
    const saved = { ...config().sms };
    Object.assign(config().sms, { provider: 'aliyun', endpoint: fake.url, accessKeyId: 'k', accessKeySecret: 's', signName: 'x', templateCode: 'T' });
    try {
      const m = await merchant();
      const phone = uniqPhone();
      expect((await shopApi(m.slug).post('/shop/auth/sms-code').send({ phone })).status).to.equal(200);
      const [kept] = await sandboxMessages(phone);
      expect(kept).to.deep.include({ status: 'failed' });
      expect(kept!.error).to.contain('BUSINESS_LIMIT_CONTROL');
    } finally {
      Object.assign(config().sms, saved);
      await fake.close();
    }
  });

  it('delivers email over SMTP', async () => {
    const smtp = await fakeSmtp();
    const saved = { ...config().email };
    Object.assign(config().email, { provider: 'smtp', smtpUrl: `smtp://127.0.0.1:${smtp.port}`, from: 'shop@platform.test' });
    resetMailTransport();
    try {
      const m = await merchant();
      const res = await shopApi(m.slug).post('/admin/auth/password-reset').send({ email: m.email });
      expect(res.status).to.equal(200);
      expect(smtp.messages).to.have.length(1);
      expect(smtp.messages[0]!.to).to.deep.equal([m.email]);
      expect(smtp.messages[0]!.from).to.equal('shop@platform.test');
      const body = smtp.messages[0]!.data.replace(/=\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
      expect(body).to.contain('reset-password?token=');
      const [kept] = await sandboxMessages(m.email);
      expect(kept).to.deep.include({ provider: 'smtp', status: 'sent' });
    } finally {
      Object.assign(config().email, saved);
      resetMailTransport();
      await smtp.close();
    }
  });
});
