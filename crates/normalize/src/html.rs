//! Main-content extraction from HTML news pages: title, publish date, site name, the article's
//! paragraphs in reading order, and everything else as removed pieces with a reason.
//!
//! The page is parsed once by a small forgiving tokenizer/tree builder (`dom` module, no
//! recursion, depth-capped), metadata is read from `<meta>`, JSON-LD, `<time>` and the URL
//! (`meta`), and the body is found by text density, link density and tag/class hints
//! (`content`). It does not run scripts, fetch anything, detect encodings (the caller decodes)
//! or follow pagination. Nothing is silently dropped: scripts and styles appear in `removed` as
//! bounded summaries, every other piece of text as itself.

mod content;
mod dom;
mod hints;
mod lexicon;
mod meta;
mod text;

use concord_model::{DateSource, OffsetMap, Removed};

/// What kind of block a piece of article text was in the page.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum BlockKind {
    /// A paragraph, or text directly in a `<div>`.
    #[default]
    Paragraph,
    /// A heading (`<h1>`–`<h6>`).
    Heading,
    /// A list item (`<li>`, `<dt>`, `<dd>`).
    ListItem,
    /// Text inside a `<blockquote>`.
    Quote,
    /// Preformatted text (`<pre>`).
    Preformatted,
    /// A table cell.
    TableCell,
}

/// A block of article text found in the page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    /// The block's text, entities decoded, white space collapsed.
    pub text: String,
    /// Byte offset in the raw HTML where the block's text starts.
    pub raw_offset: usize,
    /// Offsets in `text` to byte offsets in the raw HTML: an anchor wherever the correspondence
    /// jumps (after a tag, a decoded reference, a collapsed white-space run), so every offset of
    /// the text maps to the raw byte it came from.
    pub map: OffsetMap,
    /// Character references decoded in the block's text.
    pub references: u32,
    /// What the block was in the page.
    pub kind: BlockKind,
}

/// What the extractor found in a page.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HtmlArticle {
    /// The article title.
    pub title: Option<String>,
    /// Publish date (ISO 8601) and where it was found.
    pub published: Option<(String, DateSource)>,
    /// Site or agency name (`og:site_name`, publisher).
    pub site: Option<String>,
    /// Body paragraphs, in reading order.
    pub blocks: Vec<Block>,
    /// Everything left out, with reasons, in page order.
    pub removed: Vec<Removed>,
}

impl HtmlArticle {
    /// The article text: the blocks joined by `\n`.
    pub fn text(&self) -> String {
        let mut out = String::with_capacity(self.blocks.iter().map(|b| b.text.len() + 1).sum());
        for (i, b) in self.blocks.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            out.push_str(&b.text);
        }
        out
    }
}

/// Extracts the article from `html`; `url` helps resolve dates and the site. Never panics.
pub fn extract(html: &str, url: Option<&str>) -> HtmlArticle {
    let dom = dom::parse(html);
    let site = meta::site(&dom, html).filter(|s| !s.is_empty());
    let h1 = first_h1(&dom, html);
    let title = meta::title(&dom, html, site.as_deref(), h1.as_deref()).filter(|t| !t.is_empty());
    let published = meta::published(&dom, html, url);
    let extracted = content::extract_blocks(&dom, html, title.as_deref().or(h1.as_deref()));
    HtmlArticle {
        title,
        published,
        site,
        blocks: extracted.blocks,
        removed: extracted.removed,
    }
}

/// The text of the first `<h1>` in the page.
fn first_h1(dom: &dom::Dom, src: &str) -> Option<String> {
    let nodes = &dom.nodes;
    let h = nodes.iter().position(|n| n.tag == dom::Tag::H1)?;
    let mut out = String::new();
    let mut gap = text::Gap::default();
    for n in &nodes[h + 1..] {
        // The subtree is contiguous: it ends at the first node whose parent precedes the h1.
        if (n.parent as usize) < h || n.parent == dom::NONE {
            break;
        }
        match n.tag {
            dom::Tag::Text => text::append(
                &mut out,
                src.get(n.start as usize..n.end as usize).unwrap_or(""),
                &mut gap,
            ),
            dom::Tag::Space => gap.open(n.start as usize),
            _ => {}
        }
        if out.len() > 1000 {
            break;
        }
    }
    (!out.is_empty()).then_some(out)
}

#[cfg(test)]
mod tests;
