//! What an element's tag, `class`, `id`, `role` and `itemprop` say about its content.
//!
//! Class and id values are split into words (at non-alphanumerics and camelCase humps) and matched
//! against short multilingual word lists (English, German, French, Spanish, Italian, Portuguese,
//! Polish and a few more: class names on non-English sites are still mostly English). A hint is
//! only a prior: the extractor overrides an attribute hint on an element that holds most of the
//! page's text (see `content.rs`). Tag hints (`<nav>`, `<script>`) are firmer.

use std::sync::LazyLock;

use concord_model::RemovalReason;
use memchr::memmem::Finder;

use super::lexicon::{self, Lexicon};

use super::dom::Tag;

/// How firm a junk hint is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Firm {
    /// From the tag itself (`<script>`, `<nav>`, `<button>`): never overridden.
    Tag,
    /// From attributes or loose tags (`<aside>`, `<form>`): overridden when the element holds most
    /// of the page's text.
    Attr,
}

/// What an element looks like.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Hint {
    /// Nothing special.
    None,
    /// Named like an article body (`itemprop=articleBody`, `class="story-body"`).
    Content,
    /// Named or tagged like something that is not article text.
    Junk(RemovalReason, Firm),
}

/// Whether a `style` attribute hides the element (`display:none`, `visibility:hidden`).
pub(crate) fn style_hides(style: &[u8], scratch: &mut Vec<u8>) -> bool {
    if style.len() > 2048 {
        return false;
    }
    scratch.clear();
    scratch.extend(
        style
            .iter()
            .filter(|b| !b.is_ascii_whitespace())
            .map(|b| b.to_ascii_lowercase()),
    );
    static DISPLAY_NONE: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("display:none"));
    static VISIBILITY_HIDDEN: LazyLock<Finder<'static>> =
        LazyLock::new(|| Finder::new("visibility:hidden"));
    DISPLAY_NONE.find(scratch).is_some() || VISIBILITY_HIDDEN.find(scratch).is_some()
}

fn tag_hint(tag: Tag) -> Hint {
    use RemovalReason::{Caption, Markup, Metadata, Navigation, Notice, Teaser};
    match tag {
        Tag::Script
        | Tag::Style
        | Tag::Template
        | Tag::Svg
        | Tag::Math
        | Tag::Canvas
        | Tag::Object
        | Tag::Iframe
        | Tag::Video
        | Tag::Audio
        | Tag::Picture
        | Tag::Head
        | Tag::Title => Hint::Junk(Markup, Firm::Tag),
        // Parsed as markup, as a browser without scripts shows it: what is usually a notice or
        // a tracking pixel is now and then the article itself (a blog whose post is a script
        // template, repeated in `<noscript>`), so the element's text decides; otherwise it
        // is removed as a notice ("please enable JavaScript").
        Tag::Noscript => Hint::Junk(Notice, Firm::Attr),
        Tag::Nav | Tag::Menu => Hint::Junk(Navigation, Firm::Tag),
        Tag::Button | Tag::Select | Tag::Option | Tag::Textarea | Tag::Input | Tag::Label => {
            Hint::Junk(Navigation, Firm::Tag)
        }
        Tag::Dialog => Hint::Junk(Notice, Firm::Tag),
        Tag::Footer => Hint::Junk(Navigation, Firm::Attr),
        Tag::Header => Hint::Junk(Metadata, Firm::Attr),
        Tag::Aside => Hint::Junk(Teaser, Firm::Attr),
        Tag::Form => Hint::Junk(Navigation, Firm::Attr),
        Tag::Figcaption => Hint::Junk(Caption, Firm::Tag),
        Tag::Figure => Hint::Junk(Caption, Firm::Attr),
        Tag::Address => Hint::Junk(Metadata, Firm::Attr),
        _ => Hint::None,
    }
}

/// What a whole class/id word says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Word {
    /// Not article text, for this reason.
    Junk(RemovalReason),
    /// Named like an article body.
    Content,
}

/// Class/id words with a meaning of their own (lower-case).
static WORDS: LazyLock<Lexicon<Word>> = LazyLock::new(|| {
    use RemovalReason::*;
    let junk: &[(RemovalReason, &[&[u8]])] = &[
        (
            Spam,
            &[
                b"ad",
                b"ads",
                b"adv",
                b"dfp",
                b"gpt",
                b"adslot",
                b"adunit",
                b"werbung",
                b"anzeige",
                b"publicidad",
                b"publicite",
                b"pubblicita",
                b"reklama",
                b"banner",
            ],
        ),
        (
            Navigation,
            &[
                b"tags",
                b"topics",
                b"keywords",
                b"pagination",
                b"pager",
                b"skip",
                b"search",
                b"login",
                b"masthead",
                b"topbar",
                b"dropdown",
                b"sitemap",
                b"header",
                b"hdr",
                b"ftr",
            ],
        ),
        (
            Teaser,
            &[
                b"most",
                b"popular",
                b"trending",
                b"recirc",
                b"headlines",
                b"latest",
                b"teaser",
                b"teasers",
                b"verwandt",
                b"weitere",
                b"similaires",
                b"correlati",
                b"powiazane",
                b"podobne",
                b"rail",
                b"carousel",
            ],
        ),
        (
            Notice,
            &[
                b"modal",
                b"popup",
                b"overlay",
                b"signup",
                b"register",
                b"registration",
                b"abonnieren",
                b"abonnement",
            ],
        ),
        (
            Legal,
            &[
                b"disclaimer",
                b"copyright",
                b"legal",
                b"imprint",
                b"impressum",
                b"privacy",
            ],
        ),
        (
            Metadata,
            &[
                b"meta",
                b"dateline",
                b"timestamp",
                b"published",
                b"date",
                b"autor",
                b"auteur",
                b"fecha",
                b"datum",
                b"kicker",
                b"eyebrow",
            ],
        ),
        (
            Share,
            &[
                b"toolbar",
                b"tools",
                b"teilen",
                b"compartir",
                b"partager",
                b"condividi",
                b"udostepnij",
                b"whatsapp",
                b"facebook",
                b"twitter",
                b"pinterest",
                b"linkedin",
            ],
        ),
        (Boilerplate, &[b"sr"]),
        (
            Caption,
            &[b"gallery", b"slideshow", b"credit", b"credits", b"player"],
        ),
    ];
    let content: &[&[u8]] = &[
        b"article",
        b"articlebody",
        b"articletext",
        b"articlecontent",
        b"story",
        b"storybody",
        b"storytext",
        b"post",
        b"entry",
        b"content",
        b"body",
        b"text",
        b"prose",
        b"richtext",
        b"artikel",
        b"inhalt",
        b"contenido",
        b"contenu",
        b"contenuto",
        b"conteudo",
        b"cuerpo",
        b"corps",
        b"corpo",
        b"texto",
        b"testo",
        b"tekst",
        b"tresc",
        b"obsah",
        b"noticia",
        b"articulo",
        b"artigo",
        b"articolo",
        b"beitrag",
    ];
    let mut entries: Vec<(&[u8], Word)> = Vec::new();
    for (reason, words) in junk {
        entries.extend(words.iter().map(|w| (*w, Word::Junk(*reason))));
    }
    entries.extend(content.iter().map(|w| (*w, Word::Content)));
    Lexicon::new(&entries, Word::Content)
});

/// Junk reason of a word by its prefix (the word's key and length).
fn junk_prefix(key: u128, len: usize) -> Option<RemovalReason> {
    use RemovalReason::*;
    if len < 3 {
        return None;
    }
    let p = |prefix: &[u8]| lexicon::starts_with(key, prefix);
    // One match on the first letter, then a few masked compares.
    match key as u8 {
        b'a' if p(b"addthis") => Some(Share),
        b'a' if p(b"advert") => Some(Spam),
        b'a' if p(b"author") => Some(Metadata),
        b'b' if p(b"breadcrumb") => Some(Navigation),
        b'b' if p(b"byline") => Some(Metadata),
        // "commentary" is an article genre, not a comment thread.
        b'c' if p(b"comment") => (!p(b"commentary")).then_some(Comments),
        b'c' if p(b"comentari") => Some(Comments),
        b'c' if p(b"cookie") || p(b"consent") => Some(Notice),
        b'c' if p(b"caption") => Some(Caption),
        b'd' if p(b"disqus") => Some(Comments),
        b'f' if p(b"footer") => Some(Navigation),
        b'g' if p(b"gdpr") => Some(Notice),
        b'k' if p(b"kommentar") || p(b"komentar") => Some(Comments),
        b'm' if p(b"menu") => Some(Navigation),
        b'n' if p(b"nav") => Some(Navigation),
        b'n' if p(b"newsletter") => Some(Notice),
        b'o' if p(b"outbrain") => Some(Teaser),
        b'p' if p(b"promo") => Some(Teaser),
        b'p' if p(b"paywall") => Some(Notice),
        b'r' if p(b"respond") => Some(Comments),
        b'r' if p(b"related") || p(b"relacionad") || p(b"recommend") => Some(Teaser),
        b's' if p(b"sidebar") => Some(Teaser),
        b's' if p(b"share") || p(b"sharing") || p(b"social") || p(b"shariff") => Some(Share),
        b's' if p(b"subscri") => Some(Notice),
        b's' if p(b"sponsor") => Some(Spam),
        b't' if p(b"taboola") => Some(Teaser),
        b'w' if p(b"widget") => Some(Teaser),
        _ => None,
    }
}

/// What one word says: a junk reason (whole word first, then prefix), else whether it names
/// content. `key` is the word's [`lexicon::pack`] key, `len` its length.
fn word(key: u128, len: usize) -> (Option<RemovalReason>, bool) {
    let whole = if len <= lexicon::MAX_LEN {
        WORDS.get(key)
    } else {
        None
    };
    if let Some(Word::Junk(r)) = whole {
        return (Some(r), false);
    }
    match junk_prefix(key, len) {
        Some(r) => (Some(r), false),
        None => (None, whole == Some(Word::Content)),
    }
}

/// Byte classes for splitting class values into words: 0 separator, 1 lower-case letter,
/// 2 digit, 3 upper-case letter.
static WORD_BYTE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c.is_ascii_lowercase() {
            1
        } else if c.is_ascii_digit() {
            2
        } else if c.is_ascii_uppercase() {
            3
        } else {
            0
        };
        b += 1;
    }
    t
};

/// Splits `value` into words at non-alphanumerics and camelCase humps, calling `f` with each
/// word's key and length; stops early when `f` returns true.
fn words(value: &[u8], mut f: impl FnMut(u128, usize) -> bool) -> bool {
    let value = &value[..value.len().min(512)];
    let mut i = 0;
    while i < value.len() {
        let mut class = WORD_BYTE[usize::from(value[i])];
        if class == 0 {
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        while let Some(&b) = value.get(i) {
            let next = WORD_BYTE[usize::from(b)];
            if next == 0 || (next == 3 && class == 1) {
                break;
            }
            class = next;
            i += 1;
        }
        let key = lexicon::key_at(value, start, i);
        if f(key, i - start) {
            return true;
        }
    }
    false
}

/// What the words of one `class` or `id` value say: the junk reason of the first junk word, and
/// whether a word before it names content.
type Verdict = (Option<RemovalReason>, bool);

fn verdict(value: &[u8]) -> Verdict {
    let mut junk = None;
    let mut content = false;
    for token in value.split(u8::is_ascii_whitespace) {
        if script_hook(token) {
            continue;
        }
        words(token, |key, len| {
            let (j, c) = word(key, len);
            junk = j;
            content |= c;
            junk.is_some()
        });
        if junk == Some(RemovalReason::Notice) && gated_content(token) {
            junk = None;
            content = true;
            continue;
        }
        if junk.is_some() {
            break;
        }
    }
    (junk, content)
}

/// Whether a class or id token names the article behind a paywall or for subscribers
/// ("paywall-article", "article-paywall", "subscriber-content"): "paywall" or "subscribe" alone
/// names the notice that asks for money, but with a word for article text it names the text.
fn gated_content(token: &[u8]) -> bool {
    let lower = token.to_ascii_lowercase();
    let has = |needle: &[u8]| lower.windows(needle.len()).any(|w| w == needle);
    if !(has(b"paywall") || has(b"subscri")) {
        return false;
    }
    let mut content = false;
    words(token, |key, len| {
        content |= WORDS.get(key).filter(|_| len <= lexicon::MAX_LEN) == Some(Word::Content);
        content
    });
    content
}

/// Whether a class is a hook for scripts (`js-dynamic-advertorial` on an article body): it says
/// what a script does with the element, not what the element is.
fn script_hook(token: &[u8]) -> bool {
    token.len() > 3 && token[..2].eq_ignore_ascii_case(b"js") && matches!(token[2], b'-' | b'_')
}

/// Verdicts on the `class` values of one page, remembered: pages repeat the same few class lists
/// on hundreds of elements. A small direct-mapped table keyed by a hash of the value; a slot
/// holds the value itself, so a collision only costs a recomputation.
pub(crate) struct Memo<'a> {
    slots: Vec<Option<(&'a [u8], Verdict)>>,
}

impl<'a> Memo<'a> {
    const SLOTS: usize = 512;

    pub(crate) fn new() -> Memo<'a> {
        Memo {
            slots: vec![None; Self::SLOTS],
        }
    }

    fn verdict(&mut self, value: &'a [u8]) -> Verdict {
        let slot = &mut self.slots[hash(value) as usize & (Self::SLOTS - 1)];
        match slot {
            Some((v, known)) if *v == value => *known,
            _ => {
                let known = verdict(value);
                *slot = Some((value, known));
                known
            }
        }
    }
}

/// A quick hash of a class value, 8 bytes at a time (no call, for short values).
fn hash(value: &[u8]) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut h = value.len() as u64;
    let mut chunks = value.chunks_exact(8);
    for chunk in &mut chunks {
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(chunk);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(bytes)).wrapping_mul(K);
    }
    for &b in chunks.remainder() {
        h = (h.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
    }
    h ^ (h >> 29)
}

/// Classifies an element from its tag and its `class`, `id`, `role`, `itemprop` values;
/// `memo` remembers class verdicts across the elements of a page.
pub(crate) fn classify<'a>(
    tag: Tag,
    parts: [&'a [u8]; 4],
    hidden: bool,
    memo: &mut Memo<'a>,
) -> Hint {
    let by_tag = tag_hint(tag);
    if matches!(by_tag, Hint::Junk(_, Firm::Tag)) {
        return by_tag;
    }
    if hidden {
        return Hint::Junk(RemovalReason::Boilerplate, Firm::Attr);
    }
    let [class, id, role, itemprop] = parts;
    if !itemprop.is_empty() {
        if itemprop.eq_ignore_ascii_case(b"articleBody")
            || itemprop.eq_ignore_ascii_case(b"reviewBody")
        {
            return Hint::Content;
        }
        if itemprop.eq_ignore_ascii_case(b"comment") {
            return Hint::Junk(RemovalReason::Comments, Firm::Attr);
        }
    }
    if !role.is_empty() {
        let r = role;
        let reason = if r.eq_ignore_ascii_case(b"navigation")
            || r.eq_ignore_ascii_case(b"menu")
            || r.eq_ignore_ascii_case(b"menubar")
            || r.eq_ignore_ascii_case(b"banner")
            || r.eq_ignore_ascii_case(b"contentinfo")
            || r.eq_ignore_ascii_case(b"search")
        {
            Some(RemovalReason::Navigation)
        } else if r.eq_ignore_ascii_case(b"complementary") {
            Some(RemovalReason::Teaser)
        } else if r.eq_ignore_ascii_case(b"dialog") || r.eq_ignore_ascii_case(b"alertdialog") {
            Some(RemovalReason::Notice)
        } else {
            None
        };
        if let Some(reason) = reason {
            return Hint::Junk(reason, Firm::Attr);
        }
    }
    let mut junk = None;
    let mut content = false;
    for (value, memo) in [(class, Some(&mut *memo)), (id, None)] {
        if value.is_empty() {
            continue;
        }
        let (j, c) = match memo {
            Some(memo) => memo.verdict(value),
            None => verdict(value),
        };
        content |= c;
        if j.is_some() {
            junk = j;
            break;
        }
    }
    match (junk, content) {
        (Some(r), _) => Hint::Junk(r, Firm::Attr),
        (None, true) => Hint::Content,
        (None, false) => by_tag,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_article_behind_a_paywall_is_content() {
        assert_eq!(verdict(b"paywall").0, Some(RemovalReason::Notice));
        assert_eq!(verdict(b"paywall-prompt").0, Some(RemovalReason::Notice));
        assert_eq!(verdict(b"subscribe-box").0, Some(RemovalReason::Notice));
        assert_eq!(verdict(b"body__content paywall-article"), (None, true));
        assert_eq!(verdict(b"subscriber-content"), (None, true));
        // A cookie banner's content is still a notice.
        assert_eq!(verdict(b"cookie-content").0, Some(RemovalReason::Notice));
    }

    #[test]
    fn a_script_hook_class_is_no_hint() {
        // `js-` classes say what a script does with the element, not what it is.
        assert_eq!(verdict(b"article-text js-dynamic-advertorial").0, None);
        assert_eq!(verdict(b"article-text js_advert").0, None);
        assert_eq!(
            verdict(b"article-text advertorial").0,
            Some(RemovalReason::Spam)
        );
        assert_eq!(verdict(b"js").0, None);
    }
}
