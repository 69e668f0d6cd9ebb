//! A small, fast, forgiving HTML tokenizer and tree builder.
//!
//! It scans the raw bytes once (memchr for `<`, `>`, quotes and raw-text end tags) and builds an
//! arena tree whose nodes are in document (pre-)order, so subtree sums need no recursion: a child's
//! index is always greater than its parent's. It implements the parts of the HTML5 tree-building
//! rules that change which text belongs to which block (void elements, implicit `</p>`, `</li>`,
//! `</td>`, raw-text elements, end tags that close several open elements, stray end tags) and no
//! more: no adoption agency, no foster parenting, no encoding sniffing (the input is a `&str`).
//! Depth is capped at [`MAX_DEPTH`]; deeper elements become leaves, so nothing recurses on input.

use super::hints::{self, Hint};
use super::lexicon::{self, Lexicon};
use crate::swar::{self, ONES};
use std::sync::LazyLock;

use memchr::memchr;
use memchr::memmem::Finder;

/// Deepest open-element stack kept; deeper start tags are attached but not opened.
pub(crate) const MAX_DEPTH: usize = 256;

/// Element names the extractor tells apart, by [`lexicon::pack`] key.
static NAMES: LazyLock<Lexicon<Tag>> = LazyLock::new(|| {
    Lexicon::new(
        &[
            (b"html", Tag::Html),
            (b"head", Tag::Head),
            (b"body", Tag::Body),
            (b"title", Tag::Title),
            (b"meta", Tag::Meta),
            (b"script", Tag::Script),
            (b"style", Tag::Style),
            (b"noscript", Tag::Noscript),
            (b"template", Tag::Template),
            (b"svg", Tag::Svg),
            (b"math", Tag::Math),
            (b"iframe", Tag::Iframe),
            (b"noembed", Tag::Iframe),
            (b"noframes", Tag::Iframe),
            (b"xmp", Tag::Iframe),
            (b"object", Tag::Object),
            (b"applet", Tag::Object),
            (b"canvas", Tag::Canvas),
            (b"video", Tag::Video),
            (b"audio", Tag::Audio),
            (b"picture", Tag::Picture),
            (b"img", Tag::Img),
            (b"br", Tag::Br),
            (b"hr", Tag::Hr),
            (b"area", Tag::Void),
            (b"base", Tag::Void),
            (b"col", Tag::Void),
            (b"embed", Tag::Void),
            (b"link", Tag::Void),
            (b"param", Tag::Void),
            (b"source", Tag::Void),
            (b"track", Tag::Void),
            (b"wbr", Tag::Void),
            (b"keygen", Tag::Void),
            (b"input", Tag::Input),
            (b"p", Tag::P),
            (b"div", Tag::Div),
            (b"a", Tag::A),
            (b"h1", Tag::H1),
            (b"h2", Tag::H2),
            (b"h3", Tag::H3),
            (b"h4", Tag::H4),
            (b"h5", Tag::H5),
            (b"h6", Tag::H6),
            (b"ul", Tag::Ul),
            (b"dir", Tag::Ul),
            (b"ol", Tag::Ol),
            (b"li", Tag::Li),
            (b"dl", Tag::Dl),
            (b"dt", Tag::Dt),
            (b"dd", Tag::Dd),
            (b"blockquote", Tag::Blockquote),
            (b"pre", Tag::Pre),
            (b"listing", Tag::Pre),
            (b"table", Tag::Table),
            (b"tbody", Tag::Tbody),
            (b"thead", Tag::Tbody),
            (b"tfoot", Tag::Tbody),
            (b"tr", Tag::Tr),
            (b"td", Tag::Td),
            (b"th", Tag::Td),
            (b"caption", Tag::Caption),
            (b"section", Tag::Section),
            (b"hgroup", Tag::Section),
            (b"fieldset", Tag::Section),
            (b"article", Tag::Article),
            (b"main", Tag::Main),
            (b"header", Tag::Header),
            (b"footer", Tag::Footer),
            (b"nav", Tag::Nav),
            (b"aside", Tag::Aside),
            (b"figure", Tag::Figure),
            (b"figcaption", Tag::Figcaption),
            (b"form", Tag::Form),
            (b"button", Tag::Button),
            (b"select", Tag::Select),
            (b"datalist", Tag::Select),
            (b"option", Tag::Option),
            (b"optgroup", Tag::Option),
            (b"textarea", Tag::Textarea),
            (b"label", Tag::Label),
            (b"time", Tag::Time),
            (b"address", Tag::Address),
            (b"details", Tag::Details),
            (b"summary", Tag::Summary),
            (b"dialog", Tag::Dialog),
            (b"menu", Tag::Menu),
            (b"center", Tag::Center),
            (b"b", Tag::Inline),
            (b"i", Tag::Inline),
            (b"u", Tag::Inline),
            (b"s", Tag::Inline),
            (b"em", Tag::Inline),
            (b"strong", Tag::Inline),
            (b"span", Tag::Inline),
            (b"small", Tag::Inline),
            (b"big", Tag::Inline),
            (b"sub", Tag::Inline),
            (b"sup", Tag::Inline),
            (b"mark", Tag::Inline),
            (b"abbr", Tag::Inline),
            (b"cite", Tag::Inline),
            (b"q", Tag::Inline),
            (b"code", Tag::Inline),
            (b"kbd", Tag::Inline),
            (b"samp", Tag::Inline),
            (b"var", Tag::Inline),
            (b"font", Tag::Inline),
            (b"strike", Tag::Inline),
            (b"del", Tag::Inline),
            (b"ins", Tag::Inline),
            (b"dfn", Tag::Inline),
            (b"bdi", Tag::Inline),
            (b"bdo", Tag::Inline),
            (b"nobr", Tag::Inline),
            (b"tt", Tag::Inline),
            (b"data", Tag::Inline),
        ],
        Tag::Other,
    )
});

/// Number of [`Tag`] values.
const TAG_COUNT: usize = Tag::Other as usize + 1;

/// Marks "no node" in the links of [`Node`].
pub(crate) const NONE: u32 = u32::MAX;

/// The element names the extractor cares about; everything else is [`Tag::Other`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tag {
    Document,
    Text,
    Html,
    Head,
    Body,
    Title,
    Meta,
    Script,
    Style,
    Noscript,
    Template,
    Svg,
    Math,
    Iframe,
    Object,
    Canvas,
    Video,
    Audio,
    Picture,
    Img,
    Br,
    Hr,
    Void,
    P,
    Div,
    A,
    H1,
    H2,
    H3,
    H4,
    H5,
    H6,
    Ul,
    Ol,
    Li,
    Dl,
    Dt,
    Dd,
    Blockquote,
    Pre,
    Table,
    Tbody,
    Tr,
    Td,
    Caption,
    Section,
    Article,
    Main,
    Header,
    Footer,
    Nav,
    Aside,
    Figure,
    Figcaption,
    Form,
    Button,
    Select,
    Option,
    Textarea,
    Label,
    Input,
    Time,
    Address,
    Details,
    Summary,
    Dialog,
    Menu,
    Center,
    Inline,
    /// Text of white space alone (ASCII, between tags): it only separates words.
    Space,
    Other,
}

impl Tag {
    /// The tag of a (lower-case) element name.
    fn from_name(key: u128) -> Tag {
        NAMES.get(key).unwrap_or(Tag::Other)
    }

    /// Elements with no content or end tag.
    fn is_void(self) -> bool {
        matches!(
            self,
            Tag::Meta | Tag::Img | Tag::Br | Tag::Hr | Tag::Void | Tag::Input
        )
    }

    /// Elements whose content is raw text up to their own end tag.
    fn is_raw_text(self) -> bool {
        matches!(
            self,
            Tag::Script | Tag::Style | Tag::Title | Tag::Textarea | Tag::Iframe
        )
    }

    /// Start tags that close an open `<p>` (HTML5 "close a p element").
    fn closes_p(self) -> bool {
        matches!(
            self,
            Tag::P
                | Tag::Div
                | Tag::H1
                | Tag::H2
                | Tag::H3
                | Tag::H4
                | Tag::H5
                | Tag::H6
                | Tag::Ul
                | Tag::Ol
                | Tag::Li
                | Tag::Dl
                | Tag::Dt
                | Tag::Dd
                | Tag::Blockquote
                | Tag::Pre
                | Tag::Table
                | Tag::Section
                | Tag::Article
                | Tag::Main
                | Tag::Header
                | Tag::Footer
                | Tag::Nav
                | Tag::Aside
                | Tag::Figure
                | Tag::Figcaption
                | Tag::Form
                | Tag::Hr
                | Tag::Address
                | Tag::Details
                | Tag::Summary
                | Tag::Dialog
                | Tag::Menu
                | Tag::Center
        )
    }

    /// Block-level elements: their boundaries split text into separate blocks.
    pub(crate) fn is_block(self) -> bool {
        self.closes_p()
            || matches!(
                self,
                Tag::Document
                    | Tag::Html
                    | Tag::Body
                    | Tag::Br
                    | Tag::Tbody
                    | Tag::Tr
                    | Tag::Td
                    | Tag::Caption
                    | Tag::Button
                    | Tag::Select
                    | Tag::Option
                    | Tag::Textarea
                    | Tag::Head
            )
    }

    pub(crate) fn is_heading(self) -> bool {
        matches!(
            self,
            Tag::H1 | Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6
        )
    }

    /// Elements that stop the search for an open element in HTML5 "scope".
    fn is_scope_boundary(self) -> bool {
        matches!(
            self,
            Tag::Html | Tag::Table | Tag::Td | Tag::Caption | Tag::Template | Tag::Object
        )
    }
}

/// One node of the arena tree.
#[derive(Clone, Debug)]
pub(crate) struct Node {
    /// Element name, or [`Tag::Text`] / [`Tag::Space`] / [`Tag::Document`].
    pub tag: Tag,
    /// Parent index ([`NONE`] for the document).
    pub parent: u32,
    /// First child, [`NONE`] if none.
    pub first_child: u32,
    /// Last child, [`NONE`] if none.
    pub last_child: u32,
    /// Next sibling, [`NONE`] if none.
    pub next_sibling: u32,
    /// Text nodes: raw byte range of the text; elements: the start tag's range.
    pub start: u32,
    /// End of the range in `start`.
    pub end: u32,
    /// What the element's tag and attributes say about it.
    pub hint: Hint,
}

/// A `<meta>` tag: its key (`property`, `name` or `itemprop`, lower-cased) and `content`.
#[derive(Clone, Debug)]
pub(crate) struct MetaTag {
    pub key: String,
    pub content: (u32, u32),
}

/// The parsed page: the tree plus what the metadata readers need.
#[derive(Debug, Default)]
pub(crate) struct Dom {
    pub nodes: Vec<Node>,
    pub metas: Vec<MetaTag>,
    /// Raw ranges of `<script type="application/ld+json">` contents.
    pub json_ld: Vec<(u32, u32)>,
    /// `datetime` attributes of `<time>` elements (and `itemprop=datePublished` elements):
    /// (raw range, is it marked as the publish date).
    pub times: Vec<((u32, u32), bool)>,
    /// Raw range of the first `<title>`'s text.
    pub title: Option<(u32, u32)>,
    /// The `<body>` element, if any.
    pub body: Option<u32>,
}

/// Attributes the builder reads, as raw ranges into the source.
#[derive(Default)]
struct Attrs {
    class: Option<(u32, u32)>,
    id: Option<(u32, u32)>,
    role: Option<(u32, u32)>,
    itemprop: Option<(u32, u32)>,
    property: Option<(u32, u32)>,
    name: Option<(u32, u32)>,
    content: Option<(u32, u32)>,
    datetime: Option<(u32, u32)>,
    typ: Option<(u32, u32)>,
    style: Option<(u32, u32)>,
    hidden: bool,
    aria_hidden: bool,
    pubdate: bool,
}

impl Attrs {
    fn clear(&mut self) {
        *self = Attrs::default();
    }
}

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0c)
}

fn find_ci(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    // Finds `</name` case-insensitively from `from`; `needle` is lower-case and starts with "</".
    // Scripts compare with `<` often and close tags in strings rarely: look for `</` whole.
    static CLOSE: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("</"));
    let mut pos = from;
    while pos < hay.len() {
        let at = pos + CLOSE.find(&hay[pos..])?;
        if at + needle.len() <= hay.len()
            && hay[at + 2..at + needle.len()].eq_ignore_ascii_case(&needle[2..])
        {
            let after = hay.get(at + needle.len()).copied().unwrap_or(b'>');
            if is_ws(after) || after == b'>' || after == b'/' {
                return Some(at);
            }
        }
        pos = at + 1;
    }
    None
}

struct Builder<'a> {
    src: &'a [u8],
    dom: Dom,
    stack: Vec<u32>,
    /// How many elements of each tag are on `stack`, so that most searches of it can be skipped.
    open: [u32; TAG_COUNT],
    attrs: Attrs,
    scratch: Vec<u8>,
    /// Class verdicts already reached on this page.
    memo: hints::Memo<'a>,
    /// Whether the last node appended or closed ends the block being written when the content
    /// walk passes it (a block-level or junk-hinted element): white space right after it
    /// separates nothing and gets no node.
    boundary: bool,
    foreign: usize,
}

/// Parses `html` into a [`Dom`]. Never panics; inputs over 4 GiB are cut at 4 GiB.
pub(crate) fn parse(html: &str) -> Dom {
    let src = html.as_bytes();
    let src = &src[..src.len().min(u32::MAX as usize - 1)];
    let mut b = Builder {
        src,
        dom: Dom {
            // About one node per 130 bytes on news pages; the vector grows if a page has more.
            nodes: Vec::with_capacity(src.len() / 128 + 16),
            ..Dom::default()
        },
        stack: Vec::with_capacity(64),
        open: [0; TAG_COUNT],
        attrs: Attrs::default(),
        scratch: Vec::with_capacity(64),
        memo: hints::Memo::new(),
        boundary: false,
        foreign: 0,
    };
    b.dom.nodes.push(Node {
        tag: Tag::Document,
        parent: NONE,
        first_child: NONE,
        last_child: NONE,
        next_sibling: NONE,
        start: 0,
        end: 0,
        hint: Hint::None,
    });
    b.stack.push(0);
    b.run();
    b.dom
}

impl<'a> Builder<'a> {
    fn current(&self) -> u32 {
        self.stack.last().copied().unwrap_or(0)
    }

    #[inline(always)]
    fn append(&mut self, tag: Tag, start: usize, end: usize, hint: Hint) -> u32 {
        self.boundary = ends_block(tag, hint);
        let parent = self.current();
        let idx = self.dom.nodes.len() as u32;
        self.dom.nodes.push(Node {
            tag,
            parent,
            first_child: NONE,
            last_child: NONE,
            next_sibling: NONE,
            start: start as u32,
            end: end as u32,
            hint,
        });
        let p = &mut self.dom.nodes[parent as usize];
        let last = p.last_child;
        p.last_child = idx;
        if last == NONE {
            p.first_child = idx;
        } else {
            self.dom.nodes[last as usize].next_sibling = idx;
        }
        idx
    }

    fn text(&mut self, start: usize, end: usize) {
        if start < end {
            let space = self.src[start..end]
                .iter()
                .all(|&b| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0c));
            // `first_h1` reads white space inside headings as it is.
            if space && self.boundary && !self.is_open(Tag::H1) {
                return;
            }
            let tag = if space { Tag::Space } else { Tag::Text };
            self.append(tag, start, end, Hint::None);
        }
    }

    fn run(&mut self) {
        let src = self.src;
        let mut pos = 0;
        while pos < src.len() {
            let Some(lt) = find_byte(src, pos, b'<') else {
                self.text(pos, src.len());
                break;
            };
            let next = src.get(lt + 1).copied().unwrap_or(0);
            if next.is_ascii_alphabetic() {
                self.text(pos, lt);
                pos = self.start_tag(lt);
            } else if next == b'/' {
                self.text(pos, lt);
                let n2 = src.get(lt + 2).copied().unwrap_or(0);
                if n2.is_ascii_alphabetic() {
                    pos = self.end_tag(lt);
                } else {
                    pos = skip_past(src, lt + 2, b'>');
                }
            } else if next == b'!' {
                self.text(pos, lt);
                if src[lt..].starts_with(b"<!--") {
                    static END: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("-->"));
                    pos = match END.find(&src[lt + 4..]) {
                        Some(i) => lt + 4 + i + 3,
                        None => src.len(),
                    };
                } else {
                    pos = skip_past(src, lt + 2, b'>');
                }
            } else if next == b'?' {
                self.text(pos, lt);
                pos = skip_past(src, lt + 2, b'>');
            } else {
                // A lone `<` is text: extend the text run past it.
                let end = memchr(b'<', &src[lt + 1..]).map_or(src.len(), |i| lt + 1 + i);
                // Find the next real tag start, so the text node covers the `<` too.
                let mut stop = end;
                while stop < src.len() {
                    let c = src.get(stop + 1).copied().unwrap_or(0);
                    if c.is_ascii_alphabetic() || c == b'/' || c == b'!' || c == b'?' {
                        break;
                    }
                    stop = memchr(b'<', &src[stop + 1..]).map_or(src.len(), |i| stop + 1 + i);
                }
                self.text(pos, stop);
                pos = stop;
            }
        }
    }

    /// Reads a tag name at `at` into a lower-case tag; returns it and the position after the name.
    #[inline(always)]
    fn tag_name(&mut self, at: usize) -> (Tag, usize) {
        let src = self.src;
        // Most names are a few letters or digits then white space, `>` or `/`: read 8 bytes at
        // once (setting bit 0x20 lower-cases letters and keeps digits).
        if let Some(chunk) = src.get(at..at + 8) {
            let x = swar::load(chunk);
            let n = leading_alphanumerics(x);
            if n < 8
                && matches!(
                    src[at + n],
                    b' ' | b'\t' | b'\n' | b'\r' | 0x0c | b'>' | b'/'
                )
            {
                let key = (x | (ONES * 0x20)) & ((1u64 << (8 * n)) - 1);
                return (Tag::from_name(u128::from(key)), at + n);
            }
        }
        // Scan and lower-case into a key in one pass, in registers (bytes stored one by one
        // and read back as one integer stall the load).
        let (mut lo, mut hi) = (0u64, 0u64);
        let mut end = at;
        while end < src.len() && !is_ws(src[end]) && src[end] != b'>' && src[end] != b'/' {
            let c = u64::from(src[end].to_ascii_lowercase());
            match end - at {
                k @ 0..8 => lo |= c << (8 * k),
                k @ 8..16 => hi |= c << (8 * (k - 8)),
                _ => {}
            }
            end += 1;
        }
        if end - at > lexicon::MAX_LEN {
            return (Tag::Other, end);
        }
        (Tag::from_name(u128::from(hi) << 64 | u128::from(lo)), end)
    }

    /// Parses attributes from `pos` to the closing `>`; returns (position after `>`, self-closing).
    fn attributes(&mut self, mut pos: usize, wanted: bool) -> (usize, bool) {
        let src = self.src;
        self.attrs.clear();
        let mut self_closing = false;
        loop {
            while pos < src.len() && (is_ws(src[pos]) || src[pos] == b'/') {
                self_closing = src[pos] == b'/';
                pos += 1;
            }
            if pos >= src.len() {
                return (src.len(), self_closing);
            }
            if src[pos] == b'>' {
                return (pos + 1, self_closing);
            }
            self_closing = false;
            let name_start = pos;
            // The name's first byte is not white space, `/` or `>`; a `=` there starts the
            // value of an empty name.
            pos += usize::from(src[pos] != b'=');
            // Skip 8 bytes at once up to the first that may end the name (long names such as
            // `data-src` or `aria-label` included); the byte loop decides from there.
            while let Some(chunk) = src.get(pos..pos + 8) {
                let stop = may_end_name(swar::load(chunk));
                if stop != 0 {
                    pos += (stop.trailing_zeros() / 8) as usize;
                    break;
                }
                pos += 8;
            }
            while pos < src.len()
                && !matches!(
                    src[pos],
                    b' ' | b'\t' | b'\n' | b'\r' | 0x0c | b'=' | b'>' | b'/'
                )
            {
                pos += 1;
            }
            let name_end = pos;
            while pos < src.len() && is_ws(src[pos]) {
                pos += 1;
            }
            let mut value = (pos as u32, pos as u32);
            let mut has_value = false;
            if pos < src.len() && src[pos] == b'=' {
                pos += 1;
                while pos < src.len() && is_ws(src[pos]) {
                    pos += 1;
                }
                has_value = true;
                if pos < src.len() && (src[pos] == b'"' || src[pos] == b'\'') {
                    let q = src[pos];
                    let vstart = pos + 1;
                    let vend = find_byte(src, vstart, q).unwrap_or(src.len());
                    value = (vstart as u32, vend as u32);
                    pos = (vend + 1).min(src.len());
                } else {
                    let vstart = pos;
                    while pos < src.len() && !is_ws(src[pos]) && src[pos] != b'>' {
                        pos += 1;
                    }
                    value = (vstart as u32, pos as u32);
                }
            }
            if wanted {
                self.set_attr(&src[name_start..name_end], value, has_value);
            }
        }
    }

    fn set_attr(&mut self, name: &[u8], value: (u32, u32), has_value: bool) {
        let a = &mut self.attrs;
        let slot = if name.eq_ignore_ascii_case(b"class") {
            &mut a.class
        } else if name.eq_ignore_ascii_case(b"id") {
            &mut a.id
        } else if name.eq_ignore_ascii_case(b"role") {
            &mut a.role
        } else if name.eq_ignore_ascii_case(b"itemprop") {
            &mut a.itemprop
        } else if name.eq_ignore_ascii_case(b"property") {
            &mut a.property
        } else if name.eq_ignore_ascii_case(b"name") {
            &mut a.name
        } else if name.eq_ignore_ascii_case(b"content") {
            &mut a.content
        } else if name.eq_ignore_ascii_case(b"datetime") {
            &mut a.datetime
        } else if name.eq_ignore_ascii_case(b"type") {
            &mut a.typ
        } else if name.eq_ignore_ascii_case(b"style") {
            &mut a.style
        } else if name.eq_ignore_ascii_case(b"hidden") {
            a.hidden = true;
            return;
        } else if name.eq_ignore_ascii_case(b"aria-hidden") {
            let v = &self.src[value.0 as usize..value.1 as usize];
            a.aria_hidden = has_value && v.eq_ignore_ascii_case(b"true");
            return;
        } else if name.eq_ignore_ascii_case(b"pubdate") {
            a.pubdate = true;
            return;
        } else {
            return;
        };
        if slot.is_none() {
            *slot = Some(value);
        }
    }

    fn slice(&self, r: Option<(u32, u32)>) -> &[u8] {
        match r {
            Some((s, e)) => &self.src[s as usize..e as usize],
            None => b"",
        }
    }

    fn start_tag(&mut self, lt: usize) -> usize {
        let (tag, name_end) = self.tag_name(lt + 1);
        let (after, self_closing) = self.attributes(name_end, true);
        match tag {
            Tag::Html | Tag::Head => return after,
            Tag::Body => {
                if self.dom.body.is_none() {
                    let hint = self.hint(tag);
                    let idx = self.append(Tag::Body, lt, after, hint);
                    self.dom.body = Some(idx);
                    // Unlike `pop_to`, this leaves the count of open foreign elements alone.
                    for &n in &self.stack[1..] {
                        self.open[self.dom.nodes[n as usize].tag as usize] -= 1;
                    }
                    self.stack.truncate(1);
                    self.push_open(idx);
                }
                return after;
            }
            Tag::Meta => {
                self.meta();
                return after;
            }
            _ => {}
        }
        self.implicit_closes(tag);
        if let Some(dt) = self.attrs.datetime.filter(|_| tag == Tag::Time) {
            let marked = self.attrs.pubdate || self.itemprop_is(b"datepublished");
            self.dom.times.push((dt, marked));
        } else if self.itemprop_is(b"datepublished")
            && let Some(c) = self.attrs.content.or(self.attrs.datetime)
        {
            self.dom.times.push((c, true));
        }
        let hint = self.hint(tag);
        let idx = self.append(tag, lt, after, hint);
        if tag.is_raw_text() {
            return self.raw_text(tag, idx, after);
        }
        let foreign_leaf = self_closing && (self.foreign > 0 || tag == Tag::Other);
        if tag.is_void() || foreign_leaf {
            return after;
        }
        if self.stack.len() < MAX_DEPTH {
            self.push_open(idx);
            if matches!(tag, Tag::Svg | Tag::Math) {
                self.foreign += 1;
            }
        }
        after
    }

    fn itemprop_is(&self, value: &[u8]) -> bool {
        self.slice(self.attrs.itemprop).eq_ignore_ascii_case(value)
    }

    #[inline(always)]
    fn hint(&mut self, tag: Tag) -> Hint {
        let a = &self.attrs;
        let hidden = a.hidden
            || (a.aria_hidden && !matches!(tag, Tag::Inline | Tag::Other | Tag::A))
            || a.style.is_some_and(|(s, e)| {
                hints::style_hides(&self.src[s as usize..e as usize], &mut self.scratch)
            });
        let src = self.src;
        let get = |r: Option<(u32, u32)>| {
            r.map_or(&b""[..], |(s, e): (u32, u32)| &src[s as usize..e as usize])
        };
        let parts = [get(a.class), get(a.id), get(a.role), get(a.itemprop)];
        hints::classify(tag, parts, hidden, &mut self.memo)
    }

    fn meta(&mut self) {
        let key = [self.attrs.property, self.attrs.name, self.attrs.itemprop]
            .into_iter()
            .flatten()
            .next();
        if let (Some((s, e)), Some(content)) = (key, self.attrs.content) {
            let key = String::from_utf8_lossy(&self.src[s as usize..e as usize]).to_lowercase();
            if self.dom.metas.len() < 512 {
                self.dom.metas.push(MetaTag { key, content });
            }
        }
    }

    fn raw_text(&mut self, tag: Tag, idx: u32, after: usize) -> usize {
        let src = self.src;
        let needle: &[u8] = match tag {
            Tag::Script => b"</script",
            Tag::Style => b"</style",
            Tag::Title => b"</title",
            Tag::Textarea => b"</textarea",
            _ => {
                // iframe and friends: look for whichever name opened it.
                let name_start = self.dom.nodes[idx as usize].start as usize + 1;
                let mut end = name_start;
                while end < src.len() && src[end].is_ascii_alphanumeric() {
                    end += 1;
                }
                self.scratch.clear();
                self.scratch.extend_from_slice(b"</");
                self.scratch
                    .extend(src[name_start..end].iter().map(|c| c.to_ascii_lowercase()));
                let needle = std::mem::take(&mut self.scratch);
                let close = find_ci(src, after, &needle);
                self.scratch = needle;
                return self.finish_raw(tag, idx, after, close);
            }
        };
        let close = find_ci(src, after, needle);
        self.finish_raw(tag, idx, after, close)
    }

    fn finish_raw(&mut self, tag: Tag, idx: u32, after: usize, close: Option<usize>) -> usize {
        let src = self.src;
        let end = close.unwrap_or(src.len());
        if after < end {
            let text = self.dom.nodes.len() as u32;
            self.dom.nodes.push(Node {
                tag: Tag::Text,
                parent: idx,
                first_child: NONE,
                last_child: NONE,
                next_sibling: NONE,
                start: after as u32,
                end: end as u32,
                hint: Hint::None,
            });
            let n = &mut self.dom.nodes[idx as usize];
            n.first_child = text;
            n.last_child = text;
        }
        if tag == Tag::Title && self.dom.title.is_none() {
            self.dom.title = Some((after as u32, end as u32));
        }
        if tag == Tag::Script
            && self
                .slice(self.attrs.typ)
                .eq_ignore_ascii_case(b"application/ld+json")
            && self.dom.json_ld.len() < 32
        {
            self.dom.json_ld.push((after as u32, end as u32));
        }
        match close {
            Some(at) => skip_past(src, at + 2, b'>'),
            None => src.len(),
        }
    }

    fn push_open(&mut self, idx: u32) {
        self.stack.push(idx);
        self.open[self.dom.nodes[idx as usize].tag as usize] += 1;
    }

    fn pop_to(&mut self, depth: usize) {
        let depth = depth.max(1);
        if depth < self.stack.len() {
            self.boundary = false;
        }
        for &n in &self.stack[depth..] {
            let node = &self.dom.nodes[n as usize];
            let tag = node.tag;
            self.boundary |= ends_block(tag, node.hint);
            self.open[tag as usize] -= 1;
            if matches!(tag, Tag::Svg | Tag::Math) {
                self.foreign = self.foreign.saturating_sub(1);
            }
        }
        self.stack.truncate(depth);
    }

    /// Whether an element with this tag is open.
    fn is_open(&self, tag: Tag) -> bool {
        self.open[tag as usize] > 0
    }

    /// Stack position of the nearest open `want` element, searching down until a `stop` tag.
    fn find_open(&self, want: &[Tag], stop: impl Fn(Tag) -> bool) -> Option<usize> {
        if !want.iter().any(|&t| self.is_open(t)) {
            return None;
        }
        for d in (1..self.stack.len()).rev() {
            let t = self.dom.nodes[self.stack[d] as usize].tag;
            if want.contains(&t) {
                return Some(d);
            }
            if stop(t) {
                return None;
            }
        }
        None
    }

    fn implicit_closes(&mut self, tag: Tag) {
        if tag.closes_p()
            && let Some(d) =
                self.find_open(&[Tag::P], |t| t.is_scope_boundary() || t == Tag::Button)
        {
            self.pop_to(d);
        }
        match tag {
            Tag::Li => {
                if let Some(d) = self.find_open(&[Tag::Li], |t| {
                    t.is_block() && !matches!(t, Tag::Div | Tag::P | Tag::Address)
                }) {
                    self.pop_to(d);
                }
            }
            Tag::Dt | Tag::Dd => {
                if let Some(d) = self.find_open(&[Tag::Dt, Tag::Dd], |t| {
                    t.is_block() && !matches!(t, Tag::Div | Tag::P | Tag::Address)
                }) {
                    self.pop_to(d);
                }
            }
            Tag::Td => {
                if let Some(d) = self.find_open(&[Tag::Td], |t| matches!(t, Tag::Tr | Tag::Table)) {
                    self.pop_to(d);
                }
            }
            Tag::Tr => {
                if let Some(d) =
                    self.find_open(&[Tag::Tr], |t| matches!(t, Tag::Table | Tag::Tbody))
                {
                    self.pop_to(d);
                }
            }
            Tag::Tbody => {
                if let Some(d) = self.find_open(&[Tag::Tbody], |t| t == Tag::Table) {
                    self.pop_to(d);
                }
            }
            Tag::Option if self.dom.nodes[self.current() as usize].tag == Tag::Option => {
                let len = self.stack.len();
                self.pop_to(len - 1);
            }
            Tag::A => {
                if let Some(d) = self.find_open(&[Tag::A], |t| t.is_block()) {
                    self.pop_to(d);
                }
            }
            t if t.is_heading() && self.dom.nodes[self.current() as usize].tag.is_heading() => {
                let len = self.stack.len();
                self.pop_to(len - 1);
            }
            _ => {}
        }
    }

    fn end_tag(&mut self, lt: usize) -> usize {
        let (tag, name_end) = self.tag_name(lt + 2);
        let after = skip_past(self.src, name_end, b'>');
        match tag {
            Tag::Html | Tag::Body | Tag::Head => return after,
            Tag::Br => {
                self.append(Tag::Br, lt, after, Hint::None);
                return after;
            }
            Tag::Other if !self.is_open(Tag::Other) => return after,
            Tag::Other => {
                // Unknown names cannot be told apart by `Tag`: close only a matching current node
                // by name, which is what authors of custom elements expect.
                let name = &self.src[lt + 2..name_end];
                for d in (1..self.stack.len()).rev() {
                    let n = &self.dom.nodes[self.stack[d] as usize];
                    if n.tag == Tag::Other {
                        let s = n.start as usize + 1;
                        let open = &self.src[s..(s + name.len()).min(self.src.len())];
                        let boundary = self
                            .src
                            .get(s + name.len())
                            .is_none_or(|&c| is_ws(c) || c == b'>' || c == b'/');
                        if open.eq_ignore_ascii_case(name) && boundary {
                            self.pop_to(d);
                            return after;
                        }
                    }
                    if n.tag.is_scope_boundary() {
                        return after;
                    }
                }
                return after;
            }
            _ if !self.is_open(tag) => return after,
            _ => {}
        }
        // Inline end tags close through blocks too (`<a><div>..</div></a>` is common): a
        // simplification of the adoption agency that keeps later text out of the link.
        for d in (1..self.stack.len()).rev() {
            let t = self.dom.nodes[self.stack[d] as usize].tag;
            if t == tag {
                self.pop_to(d);
                break;
            }
            if t.is_scope_boundary() {
                break;
            }
        }
        after
    }
}

/// Whether the content walk ends the block being written on entering or leaving an element.
fn ends_block(tag: Tag, hint: Hint) -> bool {
    !matches!(tag, Tag::Text | Tag::Space) && (tag.is_block() || matches!(hint, Hint::Junk(..)))
}

/// How many of the 8 bytes in `x` (little-endian) are ASCII letters or digits before the first
/// that is not.
fn leading_alphanumerics(x: u64) -> usize {
    const HIGH: u64 = swar::HIGH;
    const LOW: u64 = !HIGH;
    // Bytes are tested below 0x80 so that no sum carries into the next byte.
    let low = x & LOW;
    let folded = low | (ONES * 0x20);
    let letter = (folded + ONES * (0x80 - 0x61)) & !(folded + ONES * (0x80 - 0x7b));
    let digit = (low + ONES * (0x80 - 0x30)) & !(low + ONES * (0x80 - 0x3a));
    let alphanumeric = (letter | digit) & !x & HIGH;
    ((!alphanumeric & HIGH).trailing_zeros() / 8) as usize
}

/// Flags (bit 7 of the byte) the bytes of `x` (little-endian) that may end an attribute name:
/// every byte below `!` (white space among them), `/`, `=` and `>`. The lowest flag is exact;
/// flags above it may be spurious (borrows), so only the first is to be used.
fn may_end_name(x: u64) -> u64 {
    swar::first_below(x, 0x21)
        | swar::first_eq(x, b'/')
        | swar::first_eq(x, b'=')
        | swar::first_eq(x, b'>')
}

/// The first `byte` at or after `from`. The next `<` or quote is usually near: the first 32
/// bytes are tested 8 at a time in a register (no call, no branch per byte), `memchr` goes on.
fn find_byte(hay: &[u8], from: usize, byte: u8) -> Option<usize> {
    let mut at = from;
    while at < from + 32
        && let Some(chunk) = hay.get(at..at + 8)
    {
        // The lowest flag marks the first match.
        let found = swar::first_eq(swar::load(chunk), byte);
        if found != 0 {
            return Some(at + (found.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    memchr(byte, hay.get(at..)?).map(|i| at + i)
}

fn skip_past(src: &[u8], from: usize, byte: u8) -> usize {
    if from >= src.len() {
        return src.len();
    }
    match find_byte(src, from, byte) {
        Some(i) => i + 1,
        None => src.len(),
    }
}

impl Dom {
    /// The raw source bytes of a range.
    pub(crate) fn raw<'a>(&self, src: &'a str, r: (u32, u32)) -> &'a str {
        src.get(r.0 as usize..r.1 as usize).unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `find_byte` agrees with a plain scan from every start, for matches in and past the
    /// 8-byte words and at the very end.
    #[track_caller]
    fn check(hay: &[u8], byte: u8) {
        for from in 0..=hay.len() + 1 {
            let want = hay
                .get(from..)
                .and_then(|rest| rest.iter().position(|&b| b == byte))
                .map(|i| from + i);
            assert_eq!(find_byte(hay, from, byte), want, "from {from}");
        }
    }

    #[test]
    fn leading_alphanumerics_counts_like_a_plain_scan() {
        for w in [
            b"abcdefgh",
            b"class=\"x",
            b"Data-src",
            b"h1 class",
            b"DIV>abcd",
            b"a\xc3\xa9bcdef",
            b"09AZaz@[",
            b"`{/:a b ",
            b"\x80abcdefg",
            b"abcdefg\xff",
            b"tbody\t\n\r",
            b"=abcdefg",
        ] {
            let want = w.iter().take_while(|b| b.is_ascii_alphanumeric()).count();
            assert_eq!(leading_alphanumerics(swar::load(w)), want, "{w:?}");
        }
    }

    #[test]
    fn may_end_name_flags_the_first_stop_byte_exactly() {
        for w in [
            b"abcdefgh",
            b"class=\"x",
            b"data-src",
            b"aria-lab",
            b"x y=1 z/",
            b"a\xc3\xa9bc>ef",
            b"\x01\x1f!\"./=>",
            b"ab\x7f\x80\xff\t\n ",
            b"0123/567",
            b"..---.!=",
            b"<?.,;:.>",
        ] {
            let want = w
                .iter()
                .position(|&b| b < b'!' || matches!(b, b'/' | b'=' | b'>'));
            let stop = may_end_name(swar::load(w));
            let got = (stop != 0).then(|| (stop.trailing_zeros() / 8) as usize);
            assert_eq!(got, want, "{w:?}");
        }
    }

    #[test]
    fn find_byte_matches_a_plain_scan() {
        check(b"", b'<');
        check(b"<", b'<');
        check(b"abc<def", b'<');
        check(b"class=\"a b\" id=x>", b'"');
        check(&[b'a'; 100], b'<');
        let mut long = vec![b'x'; 70];
        long[9] = b'>';
        long[40] = b'>';
        long[69] = b'>';
        check(&long, b'>');
        // Bytes one above and below the wanted one, and high bytes, are not matches.
        check(&[0x3b, 0x3d, 0xbc, 0x3c, 0x80, 0x3c], b'<');
    }
}
