//! The data file of one article view: `report/articles/<first two hex digits>/<id>.js`, a call
//! `concordArticle({...})` that `article.js` loads on demand (a script file, because browsers
//! refuse `fetch()` on `file://`). Spans are byte offsets into the clean text, as everywhere.

use concord_model::DocFacts;
use serde::Serialize;

use super::escape::script_json;
use crate::pair;

#[derive(Serialize)]
struct Source<'a> {
    path: &'a str,
    line: Option<u64>,
    offset: Option<u64>,
    url: Option<&'a str>,
}

#[derive(Serialize)]
struct ArticleData<'a> {
    id: String,
    title: Option<&'a str>,
    lang: &'a str,
    site: Option<&'a str>,
    published: Option<&'a str>,
    published_from: Option<&'static str>,
    format: &'static str,
    source: Source<'a>,
    text: &'a str,
    paragraphs: Vec<[u32; 2]>,
    sentences: Vec<[u32; 2]>,
    /// `[start, end, type]` per entity mention.
    mentions: Vec<(u32, u32, &'static str)>,
    /// `[start, end]` per figure.
    figures: Vec<[u32; 2]>,
    /// `[start, end]` per quotation.
    quotes: Vec<[u32; 2]>,
}

/// The data script of `facts`' article view.
pub(crate) fn script(facts: &DocFacts) -> Result<String, serde_json::Error> {
    let doc = &facts.doc;
    let data = ArticleData {
        id: doc.id.to_string(),
        title: doc.title.as_deref(),
        lang: &doc.lang.code,
        site: doc.site.as_deref(),
        published: doc.published.as_ref().map(|date| date.value.as_str()),
        published_from: doc.published.as_ref().map(|date| date.from.as_str()),
        format: doc.format.as_str(),
        source: Source {
            path: &doc.source.path,
            line: doc.source.line,
            offset: doc.source.offset,
            url: doc.source.url.as_deref(),
        },
        text: &doc.text,
        paragraphs: doc.paragraphs.iter().map(|p| pair(p.span)).collect(),
        sentences: doc.sentences.iter().copied().map(pair).collect(),
        mentions: facts
            .entities
            .iter()
            .map(|m| (m.span.start, m.span.end, m.kind.as_str()))
            .collect(),
        figures: facts.figures.iter().map(|f| pair(f.span)).collect(),
        quotes: facts.quotes.iter().map(|q| pair(q.span)).collect(),
    };
    Ok(format!("concordArticle({});\n", script_json(&data)?))
}
