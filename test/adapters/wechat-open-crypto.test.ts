import { expect } from 'chai';
import { decryptMessage, encryptMessage, MessageRefused, messageSignature, openMessage } from '../../server/src/modules/miniprogram/message-crypto.js';
import { parseWechatXml, wechatXml, XmlRefused } from '../../server/src/modules/miniprogram/wechat-xml.js';
import { wechatEncrypt, wechatSign } from './fake-wechat-open.js';

/** The sample of WeChat's own WXBizMsgCrypt documentation (its Python and Node samples carry it). */
const SAMPLE = {
  keys: { token: 'spamtest', aesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', appid: 'wx2c2769f8efd9abc2' },
  timestamp: '1409735669',
  nonce: '1320562132',
  msgSignature: '5d197aaffba7e9b25a30732f161a50dee96bd5fa',
  encrypt:
    'hyzAe4OzmOMbd6TvGdIOO6uBmdJoD0Fk53REIHvxYtJlE2B655HuD0m8KUePWB3+LrPXo87wzQ1QLvbeUgmBM4x6F8PGHQHFVAFmOD2LdJF9FrXpbUAh0B5GIItb52sn896wVsMSHGuPE328HnRGBcrS7C41IzDWyWNlZkyyXwon8T332jisa+h6tEDYsVticbSnyU8dKOIbgU6ux5VTjg3yt+WGzjlpKn6NPhRjpA912xMezR4kw6KWwMrCVKSVCZciVGCgavjIQ6X8tCOp3yZbGpy0VxpAe+77TszTfRd5RJSVO/HTnifJpXgCSUdUue1v6h0EIBYYI1BD1DlD+C0CR8e6OewpusjZ4uBl9FyJvnhvQl+q5rv1ixrcpCumEPo5MJSgM9ehVsNPfUM669WuMyVWQLCzpu9GhglF2PE=',
};

const refusal = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    if (err instanceof MessageRefused) return err.reason;
    if (err instanceof XmlRefused) return 'xml';
    throw err;
  }
  return 'accepted';
};

describe('WeChat message encryption (消息加解密)', () => {
  it('checks the signature of and decrypts WeChat\'s published sample message', () => {
    const xml = openMessage(SAMPLE.keys, { timestamp: SAMPLE.timestamp, nonce: SAMPLE.nonce, msgSignature: SAMPLE.msgSignature }, SAMPLE.encrypt);
    expect(parseWechatXml(xml)).to.deep.equal({
      ToUserName: 'gh_10f6c3c3ac5a',
      FromUserName: 'oyORnuP8q7ou2gfYjqLzSIWZf0rs',
      CreateTime: '1409735668',
      MsgType: 'text',
      Content: 'abcdteT',
      MsgId: '6054768590064713728',
    });
  });

  it('encrypts to the ciphertext of WeChat\'s published sample (fixed random prefix)', () => {
    const keys = { token: 'pamtest', aesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', appid: 'wxb11529c136998cb6' };
    expect(encryptMessage(keys, '我是中文abcd123', Buffer.from('aaaabbbbccccdddd'))).to.equal('jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==');
  });

  it('opens what the fake WeChat (its own implementation) seals, and the fake\'s signature is ours', () => {
    const keys = { token: 'tok3n', aesKey: 'Z'.repeat(20) + 'a1'.repeat(11) + 'q', appid: 'wx0123456789abcdef' };
    const encrypt = wechatEncrypt(keys.aesKey, keys.appid, '<xml><A><![CDATA[中文 & <b>]]></A></xml>');
    expect(messageSignature(keys.token, '1', '2', encrypt)).to.equal(wechatSign(keys.token, '1', '2', encrypt));
    expect(decryptMessage(keys, encrypt)).to.equal('<xml><A><![CDATA[中文 & <b>]]></A></xml>');
  });

  it('refuses a bad signature, a message for another appid, bad padding and a truncated ciphertext', () => {
    const { keys, timestamp, nonce } = SAMPLE;
    expect(refusal(() => openMessage(keys, { timestamp, nonce, msgSignature: SAMPLE.msgSignature.replace(/^5/, '6') }, SAMPLE.encrypt))).to.equal('bad_signature');
    expect(refusal(() => openMessage(keys, { timestamp: '1409735670', nonce, msgSignature: SAMPLE.msgSignature }, SAMPLE.encrypt))).to.equal('bad_signature');
    expect(refusal(() => openMessage(keys, { timestamp, nonce, msgSignature: 'short' }, SAMPLE.encrypt))).to.equal('bad_signature');
    expect(refusal(() => decryptMessage({ ...keys, appid: 'wx0000000000000000' }, SAMPLE.encrypt))).to.equal('wrong_appid');
    const bytes = Buffer.from(SAMPLE.encrypt, 'base64');
    bytes[bytes.length - 1] ^= 0x55; // the last block decrypts to garbage: its padding no longer checks
    expect(refusal(() => decryptMessage(keys, bytes.toString('base64')))).to.equal('bad_padding');
    expect(refusal(() => decryptMessage(keys, SAMPLE.encrypt.slice(0, 20)))).to.equal('malformed');
  });

  it('parses WeChat\'s flat XML strictly', () => {
    expect(parseWechatXml('<xml><ToUserName><![CDATA[gh_1]]></ToUserName><CreateTime>1</CreateTime><Text>a &amp; b</Text></xml>')).to.deep.equal({ ToUserName: 'gh_1', CreateTime: '1', Text: 'a & b' });
    expect(parseWechatXml(wechatXml({ Reason: '名称<不符>', Time: 5 }))).to.deep.equal({ Reason: '名称<不符>', Time: '5' });
    for (const bad of [
      '<!DOCTYPE x [<!ENTITY e "x">]><xml><A>&e;</A></xml>',
      '<xml><A x="1">v</A></xml>',
      '<xml><A>v</B></xml>',
      '<xml><A><B>v</B></A></xml>',
      '<xml><A>1</A><A>2</A></xml>',
      '<notxml><A>1</A></notxml>',
      '',
    ]) expect(refusal(() => parseWechatXml(bad)), bad).to.equal('xml');
  });
});
