/** The platform's own small pages on the way to and from WeChat (Chinese; WeChat's green). */
export const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function shell(title: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)}</title><style>
body{margin:0;background:#f2f2f2;font:15px/1.6 -apple-system,"PingFang SC","Microsoft YaHei",sans-serif;color:#191919}
.card{max-width:420px;margin:48px auto;background:#fff;border-radius:12px;padding:32px 28px;box-shadow:0 2px 12px rgba(0,0,0,.06)}
.badge{display:inline-block;font-size:12px;color:#fa9d3b;border:1px solid #fa9d3b;border-radius:4px;padding:0 6px;margin-bottom:12px}
h1{font-size:20px;margin:0 0 8px}p{color:#555;margin:8px 0}label{display:block;margin:20px 0 6px;color:#333}
input{width:100%;box-sizing:border-box;font-size:15px;padding:10px 12px;border:1px solid #ddd;border-radius:6px}
ul{padding-left:20px;color:#555}button,a.button{display:block;box-sizing:border-box;width:100%;margin-top:24px;background:#07c160;color:#fff;border:0;border-radius:6px;font-size:16px;padding:12px;cursor:pointer;text-align:center;text-decoration:none}
.muted{font-size:12px;color:#999;margin-top:16px}.err{color:#fa5151}
</style></head><body><main class="card">${body}</main></body></html>`;
}
