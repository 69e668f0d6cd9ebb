//! The fixed files of the HTML report: the style sheet, the two scripts and the article view's
//! page. They carry no data; data comes as script files that call the functions defined here.
//!
//! The scripts build every element with `textContent` and `setAttribute` on values they check
//! (ids against their pattern, links against `http(s)`), never with `innerHTML`.

use std::fs;
use std::path::Path;

use super::html::{Depth, page_head};
use crate::ReportError;

/// `report/report.css`.
const CSS: &str = r#"/* concord report */
:root { --ink: #1a1a1a; --muted: #555; --line: #c8c8c8; --bg: #fff; --soft: #f3f4f6;
  --conflict: #a4000f; --conflict-bg: #fde8ea; --agree: #185c2e; --agree-bg: #e3f3e8;
  --changed: #6a3d00; --changed-bg: #fff1d6; --link: #0b4fa3; --mark: #ffe27a; }
* { box-sizing: border-box; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
  color: var(--ink); background: var(--bg); margin: 0; }
main, header, footer { max-width: 72rem; margin: 0 auto; padding: 0 1rem; }
header { border-bottom: 1px solid var(--line); padding-top: .5rem; padding-bottom: .5rem; }
header nav a { margin-right: 1rem; }
h1 { font-size: 1.7rem; margin: 1rem 0 .5rem; }
h2 { font-size: 1.35rem; margin: 2rem 0 .5rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.1rem; margin: 1.25rem 0 .4rem; }
a { color: var(--link); }
a:focus, button:focus, input:focus, [tabindex]:focus { outline: 3px solid #1f6feb; outline-offset: 2px; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: .5rem; background: #fff; padding: .25rem .5rem; z-index: 2; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .95rem; }
table.compact { width: auto; min-width: 18rem; }
.columns { display: flex; flex-wrap: wrap; gap: 0 2rem; align-items: flex-start; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
th, td { border: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: var(--soft); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.muted { color: var(--muted); }
.badge { display: inline-block; padding: 0 .4rem; border-radius: .3rem; border: 1px solid currentColor;
  font-size: .85rem; font-weight: 600; }
.verdict-conflict { color: var(--conflict); background: var(--conflict-bg); }
.verdict-agree { color: var(--agree); background: var(--agree-bg); }
.verdict-changed, .verdict-mt_damage { color: var(--changed); background: var(--changed-bg); }
.verdict-single { color: var(--muted); }
section.claim.conflict { border-left: 6px solid var(--conflict); padding-left: .75rem; }
.original { font-weight: 600; }
.lang { font-family: ui-monospace, monospace; font-size: .9rem; }
.swatch { display: inline-block; width: .8rem; height: .8rem; border-radius: 50%; margin-right: .25rem;
  vertical-align: -.05rem; border: 1px solid #0003; }
.quotes { display: grid; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); gap: .75rem; }
.quotes blockquote { margin: 0; padding: .5rem .75rem; border: 1px solid var(--line); background: var(--soft); }
.quotes figcaption { font-size: .85rem; color: var(--muted); margin-top: .25rem; }
.timeline, .chart { max-width: 100%; height: auto; }
.unsafe-url { font-family: ui-monospace, monospace; word-break: break-all; }
.search { margin: .5rem 0; }
.search input { font-size: 1rem; padding: .3rem .5rem; width: min(30rem, 100%); }
.pager button { font-size: 1rem; margin-right: .5rem; }
mark { background: var(--mark); color: inherit; padding: 0 .1rem; }
.mention { border-bottom: 1px dotted #0072b2; }
.figure { border-bottom: 2px solid #d55e00; }
.quote { font-style: italic; }
.sentence.hit { background: #fff6d1; outline: 1px solid #e0c45c; }
#text p { max-width: 46rem; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
dl.meta dt { font-weight: 600; }
dl.meta dd { margin: 0; word-break: break-word; }
@media print {
  header nav, .search, .pager, .skip { display: none; }
  a { color: inherit; text-decoration: none; }
  section.story, section.claim { break-inside: avoid-page; }
  body { font-size: 11pt; }
}
"#;

/// `report/report.js`: load timing, table filters and the paged, searchable indexes.
const REPORT_JS: &str = r#"'use strict';
(function () {
  window.addEventListener('load', function () {
    document.documentElement.setAttribute('data-load-ms', String(Math.round(performance.now())));
  });
  var ID = /^[a-z]-[0-9a-f]{16}$/;
  var boxes = {};
  var parts = {};
  window.concordIndex = function (name, part, rows) {
    (parts[name] = parts[name] || {})[part] = rows;
    if (boxes[name]) { boxes[name].arrived(); }
  };
  function text(tag, value, cls) {
    var el = document.createElement(tag);
    el.textContent = value;
    if (cls) { el.className = cls; }
    return el;
  }
  function link(href, value) {
    var a = document.createElement('a');
    a.setAttribute('href', href);
    a.textContent = value;
    return a;
  }
  function storyCells(row, prefix) {
    var label = document.createElement('td');
    if (ID.test(row[0])) { label.appendChild(link(prefix + 'stories/' + row[0] + '.html', row[1])); }
    else { label.textContent = row[1]; }
    return [label, text('td', String(row[2]), 'num'), text('td', row[3], 'lang'),
      text('td', row[4] || '—'), text('td', row[5] || '—')];
  }
  function entityCells(row, prefix) {
    var stories = document.createElement('td');
    (row[4] || []).forEach(function (story, idx) {
      if (!ID.test(story[0])) { return; }
      if (idx > 0) { stories.appendChild(document.createTextNode('; ')); }
      stories.appendChild(link(prefix + 'stories/' + story[0] + '.html', story[1]));
    });
    var name = text('td', row[1]);
    if (ID.test(row[0])) { name.setAttribute('id', row[0]); }
    return [name, text('td', row[2]), text('td', row[3]), stories];
  }
  function setupIndex(box) {
    var name = box.getAttribute('data-index');
    var total = Number(box.getAttribute('data-parts')) || 0;
    var base = box.getAttribute('data-base') || '';
    var size = Number(box.getAttribute('data-page-size')) || 25;
    var input = box.querySelector('input');
    var tbody = box.querySelector('tbody');
    var status = box.querySelector('[role=status]');
    var prev = box.querySelector('button[data-go=prev]');
    var next = box.querySelector('button[data-go=next]');
    var rows = null, shown = [], page = 0, loaded = 0;
    var cells = name === 'entities' ? entityCells : storyCells;
    function render() {
      var pages = Math.max(1, Math.ceil(shown.length / size));
      page = Math.min(Math.max(page, 0), pages - 1);
      while (tbody.firstChild) { tbody.removeChild(tbody.firstChild); }
      shown.slice(page * size, page * size + size).forEach(function (row) {
        var tr = document.createElement('tr');
        cells(row, base).forEach(function (td) { tr.appendChild(td); });
        tbody.appendChild(tr);
      });
      status.textContent = 'Page ' + (page + 1) + ' of ' + pages + ' (' + shown.length + ' ' + name + ')';
      prev.disabled = page === 0;
      next.disabled = page >= pages - 1;
    }
    function filter() {
      var q = input.value.trim().toLowerCase();
      shown = q === '' ? rows : rows.filter(function (row) { return row[row.length - 1].indexOf(q) >= 0; });
      page = 0;
      render();
    }
    boxes[name] = { arrived: function () {
      loaded += 1;
      if (loaded < total) { return; }
      rows = [];
      for (var i = 0; i < total; i++) { rows = rows.concat((parts[name] || {})[i] || []); }
      input.disabled = false;
      var hash = decodeURIComponent(location.hash.slice(1));
      if (ID.test(hash)) { input.value = hash; }
      filter();
    } };
    input.addEventListener('input', filter);
    prev.addEventListener('click', function () { page -= 1; render(); });
    next.addEventListener('click', function () { page += 1; render(); });
    for (var i = 0; i < total; i++) {
      var script = document.createElement('script');
      script.src = base + 'data/' + name + '-' + i + '.js';
      document.head.appendChild(script);
    }
  }
  function setupFilter(input) {
    var table = document.getElementById(input.getAttribute('data-filter'));
    if (!table) { return; }
    input.disabled = false;
    input.addEventListener('input', function () {
      var q = input.value.trim().toLowerCase();
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        row.hidden = q !== '' && row.textContent.toLowerCase().indexOf(q) < 0;
      });
    });
  }
  document.addEventListener('DOMContentLoaded', function () {
    Array.prototype.forEach.call(document.querySelectorAll('[data-index]'), setupIndex);
    Array.prototype.forEach.call(document.querySelectorAll('input[data-filter]'), setupFilter);
  });
})();
"#;

/// `report/article.js`: the article view, loaded for `article.html#d=ID&s=START&e=END`.
const ARTICLE_JS: &str = r#"'use strict';
(function () {
  var params = {};
  location.hash.slice(1).split('&').forEach(function (pair) {
    var at = pair.indexOf('=');
    if (at > 0) { params[pair.slice(0, at)] = decodeURIComponent(pair.slice(at + 1)); }
  });
  window.addEventListener('hashchange', function () { location.reload(); });
  var id = params.d || '';
  var hit = /^[0-9]+$/.test(params.s || '') && /^[0-9]+$/.test(params.e || '')
    ? [Number(params.s), Number(params.e)] : null;
  function status(message) { document.getElementById('status').textContent = message; }
  if (!/^[0-9a-f]{16}$/.test(id)) {
    document.addEventListener('DOMContentLoaded', function () {
      status('No article is named in the address: open an article from a story page.');
    });
    return;
  }
  var links = null, rendered = false;
  window.concordLinks = function (all) {
    links = Object.prototype.hasOwnProperty.call(all, id) ? all[id] : null;
    if (rendered) { showLinks(); }
  };
  window.concordArticle = function (doc) { render(doc); rendered = true; showLinks(); };
  var linkScript = document.createElement('script');
  linkScript.src = 'data/links-' + id.slice(0, 2) + '.js';
  document.head.appendChild(linkScript);
  var script = document.createElement('script');
  script.src = 'articles/' + id.slice(0, 2) + '/' + id + '.js';
  script.onerror = function () { status('The data file of article ' + id + ' is missing from report/articles/.'); };
  document.head.appendChild(script);
  var ID = /^[a-z]-[0-9a-f]{16}$/;
  function showLinks() {
    if (!links) { return; }
    var dl = document.getElementById('meta');
    if (links.inferred) { field(dl, 'Published (inferred)', links.inferred); }
    if (links.story && ID.test(links.story[0])) {
      var a = document.createElement('a');
      a.setAttribute('href', 'stories/' + links.story[0] + '.html');
      a.textContent = links.story[1];
      field(dl, 'Story', a);
    }
    if (links.groups.length) {
      var span = document.createElement('span');
      links.groups.forEach(function (group, idx) {
        if (idx > 0) { span.appendChild(document.createTextNode('; ')); }
        var label = group[1] + (group[2] ? ' (this is the original)' : '');
        if (ID.test(group[0]) && group[3] && ID.test(group[3])) {
          var a = document.createElement('a');
          a.setAttribute('href', 'stories/' + group[3] + '.html#' + group[0]);
          a.textContent = label;
          span.appendChild(a);
        } else {
          span.appendChild(document.createTextNode(label));
        }
      });
      field(dl, 'Copy groups', span);
    }
  }

  function field(dl, name, value) {
    if (value === null || value === undefined || value === '') { return null; }
    var dt = document.createElement('dt');
    dt.textContent = name;
    var dd = document.createElement('dd');
    if (value instanceof Node) { dd.appendChild(value); } else { dd.textContent = String(value); }
    dl.appendChild(dt);
    dl.appendChild(dd);
    return dd;
  }
  /* Wraps `node` in a span of class `cls` when [a, b) lies inside one of `spans`; `titleAt`
     names the entry of a span that holds its tooltip (the entity type). */
  function wrap(node, spans, a, b, cls, titleAt) {
    for (var i = 0; i < spans.length; i++) {
      if (spans[i][0] <= a && b <= spans[i][1]) {
        var span = document.createElement('span');
        span.className = cls;
        if (titleAt !== null) { span.setAttribute('title', String(spans[i][titleAt])); }
        span.appendChild(node);
        return span;
      }
    }
    return node;
  }
  function render(doc) {
    var bytes = new TextEncoder().encode(doc.text);
    var decoder = new TextDecoder();
    function slice(a, b) { return decoder.decode(bytes.subarray(a, b)); }
    var title = doc.title || ('Article ' + doc.id);
    document.title = title + ' (concord article)';
    document.getElementById('title').textContent = title;
    var dl = document.getElementById('meta');
    field(dl, 'Document id', doc.id);
    field(dl, 'Language', doc.lang);
    field(dl, 'Site', doc.site);
    field(dl, 'Published', doc.published ? doc.published + (doc.published_from ? ' (from ' + doc.published_from + ')' : '') : null);
    field(dl, 'Source file', doc.source.path);
    field(dl, 'Line', doc.source.line);
    field(dl, 'WARC record offset', doc.source.offset);
    if (doc.source.url) {
      var url = doc.source.url;
      var node;
      if (/^https?:\/\/[^\s"'<>]+$/i.test(url)) {
        node = document.createElement('a');
        node.setAttribute('href', url);
        node.setAttribute('rel', 'noreferrer noopener');
        node.textContent = url;
      } else {
        node = document.createElement('span');
        node.className = 'unsafe-url';
        node.textContent = url;
      }
      field(dl, 'URL', node);
    }
    field(dl, 'Format', doc.format);
    var box = document.getElementById('text');
    if (/^[a-z]{2,3}$/.test(doc.lang)) { box.setAttribute('lang', doc.lang); }
    var paragraphs = doc.paragraphs.length ? doc.paragraphs : [[0, bytes.length]];
    var sentences = doc.sentences;
    var marked = null;
    var hitSentence = -1;
    paragraphs.forEach(function (par) {
      var cuts = [par[0], par[1]];
      sentences.forEach(function (s) {
        if (s[0] > par[0] && s[0] < par[1]) { cuts.push(s[0]); }
        if (s[1] > par[0] && s[1] < par[1]) { cuts.push(s[1]); }
      });
      var spans = hit ? [hit] : [];
      spans.concat(doc.mentions, doc.figures, doc.quotes).forEach(function (s) {
        if (s[0] > par[0] && s[0] < par[1]) { cuts.push(s[0]); }
        if (s[1] > par[0] && s[1] < par[1]) { cuts.push(s[1]); }
      });
      cuts.sort(function (a, b) { return a - b; });
      var p = document.createElement('p');
      var current = -1, holder = p;
      for (var i = 0; i + 1 < cuts.length; i++) {
        var a = cuts[i], b = cuts[i + 1];
        if (b <= a) { continue; }
        var idx = -1;
        for (var k = 0; k < sentences.length; k++) {
          if (sentences[k][0] <= a && a < sentences[k][1]) { idx = k; break; }
        }
        if (idx !== current) {
          current = idx;
          if (idx < 0) { holder = p; } else {
            holder = document.createElement('span');
            holder.className = 'sentence';
            holder.setAttribute('id', 'sentence-' + idx);
            p.appendChild(holder);
          }
        }
        var piece = document.createTextNode(slice(a, b));
        piece = wrap(piece, doc.quotes, a, b, 'quote', null);
        piece = wrap(piece, doc.figures, a, b, 'figure', null);
        piece = wrap(piece, doc.mentions, a, b, 'mention', 2);
        if (hit && a >= hit[0] && b <= hit[1]) {
          var mark = document.createElement('mark');
          mark.appendChild(piece);
          holder.appendChild(mark);
          if (!marked) { marked = mark; hitSentence = idx; }
          if (idx >= 0) { holder.classList.add('hit'); }
        } else {
          holder.appendChild(piece);
        }
      }
      box.appendChild(p);
    });
    if (marked) {
      status('Highlighted: bytes ' + hit[0] + '–' + hit[1] + ' of the clean text' +
        (hitSentence >= 0 ? ', in sentence ' + (hitSentence + 1) + ' of ' + sentences.length : '') + '.');
      marked.setAttribute('tabindex', '-1');
      marked.focus();
      marked.scrollIntoView({ block: 'center' });
    } else {
      status(hit ? 'The span ' + hit[0] + '–' + hit[1] + ' is not in this text.' : 'The whole article.');
    }
  }
})();
"#;

/// Writes the fixed files into `assets` (the report's folder).
pub(crate) fn write(assets: &Path) -> Result<(), ReportError> {
    let article_page = format!(
        "{head}<body>\n<a class=\"skip\" href=\"#text\">Skip to the text</a>\n<header><nav aria-label=\"Report\">\
         <a href=\"../report.html\">Overview</a><a href=\"entities.html\">Entities</a></nav></header>\n\
         <main id=\"main\">\n<h1 id=\"title\">Article</h1>\n<p id=\"status\" role=\"status\">Loading the article…</p>\n\
         <noscript><p>The article view needs JavaScript; the text is also in concord.sqlite (table documents).</p></noscript>\n\
         <dl id=\"meta\" class=\"meta\"></dl>\n<h2>Text</h2>\n<p class=\"muted key\">Dotted underline: a name; solid underline: a figure; italics: a quotation; yellow: the span the link pointed at.</p>\n<div id=\"text\"></div>\n</main>\n</body>\n</html>\n",
        head = page_head("Article", Depth::Assets, "article.js"),
    );
    for (name, body) in [
        ("report.css", CSS),
        ("report.js", REPORT_JS),
        ("article.js", ARTICLE_JS),
        ("article.html", article_page.as_str()),
    ] {
        let path = assets.join(name);
        fs::write(&path, body).map_err(|source| ReportError::io(&path, source))?;
    }
    Ok(())
}
