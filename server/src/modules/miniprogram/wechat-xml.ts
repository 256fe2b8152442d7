/**
 * WeChat's pushes are flat XML: `<xml><Tag><![CDATA[value]]></Tag><Num>123</Num></xml>`, one
 * level. The parser is strict rather than forgiving: anything else (a nested element, attributes,
 * a doctype, a mismatched tag, an entity other than the five XML ones) is refused, so nothing
 * clever rides in on a push, whose outer envelope is read before its signature can be checked.
 */
export class XmlRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlRefused';
  }
}

const ELEMENT = /<([A-Za-z_][\w.-]*)>(?:<!\[CDATA\[([\s\S]*?)\]\]>|((?:[^<&]|&(?:lt|gt|amp|quot|apos);)*))<\/\1>/y;
const ESCAPED: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"', '&apos;': "'" };

export function parseWechatXml(xml: string): Record<string, string> {
  const body = /^\s*(?:<\?xml[^>]*\?>\s*)?<xml>([\s\S]*)<\/xml>\s*$/.exec(xml);
  if (!body) throw new XmlRefused('not a <xml> document');
  const inner = body[1]!;
  const out: Record<string, string> = {};
  let pos = 0;
  while (pos < inner.length) {
    const ws = /\s*/y;
    ws.lastIndex = pos;
    ws.exec(inner);
    pos = ws.lastIndex;
    if (pos >= inner.length) break;
    ELEMENT.lastIndex = pos;
    const m = ELEMENT.exec(inner);
    if (!m) throw new XmlRefused(`unexpected content at ${pos}`);
    if (m[1]! in out) throw new XmlRefused(`<${m[1]}> twice`);
    out[m[1]!] = m[2] ?? unescapeXml(m[3]!.trim());
    pos = ELEMENT.lastIndex;
  }
  return out;
}

/** `<xml>` of the fields in order, text in CDATA (numbers bare, as WeChat writes them). */
export function wechatXml(fields: Record<string, string | number>): string {
  const parts = Object.entries(fields).map(([k, v]) => {
    if (!/^[A-Za-z_][\w.-]*$/.test(k)) throw new Error(`bad tag ${k}`);
    if (typeof v === 'number') return `<${k}>${v}</${k}>`;
    if (v.includes(']]>')) throw new Error(`${k} cannot hold "]]>"`);
    return `<${k}><![CDATA[${v}]]></${k}>`;
  });
  return `<xml>${parts.join('')}</xml>`;
}

const unescapeXml = (s: string) => s.replace(/&(lt|gt|amp|quot|apos);/g, (e) => ESCAPED[e]!);
