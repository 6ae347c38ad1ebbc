// /docs: a self-contained page that renders /openapi.json; nothing loaded from a CDN, so it works offline.

const STYLE = `
body{font:15px/1.45 system-ui,sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
header{background:#1d2330;color:#fff;padding:18px 28px}header h1{margin:0;font-size:22px}header p{margin:6px 0 0;opacity:.8;max-width:70em}
main{padding:8px 28px 40px;max-width:1100px}h2{margin:28px 0 8px;text-transform:capitalize}
details{background:#fff;border:1px solid #dde1e8;border-radius:6px;margin:6px 0}summary{cursor:pointer;padding:8px 12px;list-style:none}
.m{display:inline-block;min-width:62px;font:600 12px monospace;text-transform:uppercase;color:#fff;border-radius:4px;padding:3px 6px;text-align:center;margin-right:8px}
.get{background:#2f7dd1}.post{background:#2c9a5a}.put{background:#b5801c}.patch{background:#8a5cc2}.delete{background:#c94040}
.p{font-family:monospace;font-weight:600}.s{color:#5b6474;margin-left:10px}.body{padding:4px 14px 12px;border-top:1px solid #eef0f3}
table{border-collapse:collapse;margin:6px 0}td,th{border-bottom:1px solid #eef0f3;padding:3px 10px 3px 0;text-align:left;vertical-align:top;font-size:13px}
pre{background:#f2f4f7;padding:8px;border-radius:4px;overflow:auto;font-size:12px;max-height:420px}code{font-size:13px}
`;

const SCRIPT = `
const esc = (s) => String(s ?? '').replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
function resolve(doc, schema, depth = 0) {
  if (!schema || typeof schema !== 'object' || depth > 6) return schema;
  if (schema.$ref) return resolve(doc, doc.components.schemas[schema.$ref.split('/').pop()], depth + 1);
  if (Array.isArray(schema)) return schema.map((s) => resolve(doc, s, depth + 1));
  return Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, typeof v === 'object' ? resolve(doc, v, depth + 1) : v]));
}
function render(doc) {
  document.title = doc.info.title + ' API';
  document.querySelector('header').innerHTML = '<h1>' + esc(doc.info.title) + ' ' + esc(doc.info.version) + '</h1><p>' + esc(doc.info.description) + '</p><p><a style="color:#9cc7ff" href="/openapi.json">openapi.json</a></p>';
  const byTag = {};
  for (const [path, ops] of Object.entries(doc.paths)) for (const [method, op] of Object.entries(ops)) (byTag[op.tags[0]] ??= []).push({ path, method, op });
  let html = '';
  for (const [tag, list] of Object.entries(byTag)) {
    html += '<h2>' + esc(tag) + '</h2>';
    for (const { path, method, op } of list) {
      let body = '<p>' + esc(op.description).replace(/\\n\\n/g, '<br>') + '</p>';
      if (op.parameters.length) body += '<table><tr><th>parameter</th><th>in</th><th>schema</th></tr>' + op.parameters.map((p) => '<tr><td><code>' + esc(p.name) + (p.required ? '*' : '') + '</code></td><td>' + esc(p.in) + '</td><td><code>' + esc(JSON.stringify(p.schema)) + '</code></td></tr>').join('') + '</table>';
      if (op.requestBody) for (const [type, c] of Object.entries(op.requestBody.content)) body += '<p><b>Request body</b> ' + esc(type) + (op.requestBody.required ? '' : ' (optional)') + '</p><pre>' + esc(JSON.stringify(resolve(doc, c.schema), null, 2)) + '</pre>';
      body += '<p><b>Responses</b></p><table>' + Object.entries(op.responses).map(([code, r]) => '<tr><td>' + esc(code) + '</td><td>' + esc(r.description) + '</td><td>' + esc(Object.keys(r.content ?? {}).join(', ')) + '</td></tr>').join('') + '</table>';
      const ok = Object.entries(op.responses).find(([code]) => code.startsWith('2'));
      const okSchema = ok && ok[1].content && Object.values(ok[1].content)[0].schema;
      if (okSchema && okSchema.$ref) body += '<details><summary>' + esc(okSchema.$ref.split('/').pop()) + '</summary><pre>' + esc(JSON.stringify(resolve(doc, okSchema), null, 2)) + '</pre></details>';
      html += '<details><summary><span class="m ' + method + '">' + method + '</span><span class="p">' + esc(path) + '</span><span class="s">' + esc(op.summary) + '</span></summary><div class="body">' + body + '</div></details>';
    }
  }
  document.querySelector('main').innerHTML = html;
}
fetch('/openapi.json').then((r) => r.json()).then(render, (e) => { document.querySelector('main').textContent = 'Could not load /openapi.json: ' + e; });
`;

export const DOCS_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>synchub API</title><style>${STYLE}</style></head>
<body><header><h1>synchub API</h1></header><main>Loading /openapi.json…</main><script>${SCRIPT}</script></body></html>`;
