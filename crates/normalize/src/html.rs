//! Main-content extraction from HTML pages.
//!
//! Stub: replaced by the extractor.

use concord_model::{DateSource, Removed};

/// A block of article text found in the page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    /// The block's text, entities decoded, white space collapsed.
    pub text: String,
    /// Byte offset in the raw HTML where the block's text starts.
    pub raw_offset: usize,
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
    /// Everything left out, with reasons.
    pub removed: Vec<Removed>,
}

/// Extracts the article from `html`; `url` helps resolve dates and the site.
pub fn extract(html: &str, url: Option<&str>) -> HtmlArticle {
    let _ = (html, url);
    HtmlArticle::default()
}
