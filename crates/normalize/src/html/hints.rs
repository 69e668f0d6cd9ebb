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
        | Tag::Noscript
        | Tag::Video
        | Tag::Audio
        | Tag::Picture
        | Tag::Head
        | Tag::Title => Hint::Junk(Markup, Firm::Tag),
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

/// Junk reason for one lower-case class/id word, or `None`.
fn junk_word(w: &[u8]) -> Option<RemovalReason> {
    use RemovalReason::*;
    let exact =
        match w {
            b"ad" | b"ads" | b"adv" | b"dfp" | b"gpt" | b"adslot" | b"adunit" | b"werbung"
            | b"anzeige" | b"publicidad" | b"publicite" | b"pubblicita" | b"reklama"
            | b"banner" => Some(Spam),
            b"tags" | b"topics" | b"keywords" | b"pagination" | b"pager" | b"skip" | b"search"
            | b"login" | b"masthead" | b"topbar" | b"dropdown" | b"sitemap" | b"header"
            | b"hdr" | b"ftr" => Some(Navigation),
            b"most" | b"popular" | b"trending" | b"recirc" | b"headlines" | b"latest"
            | b"teaser" | b"teasers" | b"verwandt" | b"weitere" | b"similaires" | b"correlati"
            | b"powiazane" | b"podobne" | b"rail" | b"carousel" => Some(Teaser),
            b"modal" | b"popup" | b"overlay" | b"signup" | b"register" | b"registration"
            | b"abonnieren" | b"abonnement" => Some(Notice),
            b"disclaimer" | b"copyright" | b"legal" | b"imprint" | b"impressum" | b"privacy" => {
                Some(Legal)
            }
            b"meta" | b"dateline" | b"timestamp" | b"published" | b"date" | b"autor"
            | b"auteur" | b"fecha" | b"datum" | b"kicker" | b"eyebrow" => Some(Metadata),
            b"toolbar" | b"tools" | b"teilen" | b"compartir" | b"partager" | b"condividi"
            | b"udostepnij" | b"whatsapp" | b"facebook" | b"twitter" | b"pinterest"
            | b"linkedin" => Some(Share),
            b"sr" => Some(Boilerplate),
            b"gallery" | b"slideshow" | b"credit" | b"credits" | b"player" => Some(Caption),
            _ => None,
        };
    if exact.is_some() {
        return exact;
    }
    // One match on the first letter, then prefixes of known length (compiled to plain compares).
    if w.len() < 3 {
        return None;
    }
    let p = |prefix: &[u8]| w.starts_with(prefix);
    match w[0] {
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

fn content_word(w: &[u8]) -> bool {
    matches!(
        w,
        b"article"
            | b"articlebody"
            | b"articletext"
            | b"articlecontent"
            | b"story"
            | b"storybody"
            | b"storytext"
            | b"post"
            | b"entry"
            | b"content"
            | b"body"
            | b"text"
            | b"prose"
            | b"richtext"
            | b"artikel"
            | b"inhalt"
            | b"contenido"
            | b"contenu"
            | b"contenuto"
            | b"conteudo"
            | b"cuerpo"
            | b"corps"
            | b"corpo"
            | b"texto"
            | b"testo"
            | b"tekst"
            | b"tresc"
            | b"obsah"
            | b"noticia"
            | b"articulo"
            | b"artigo"
            | b"articolo"
            | b"beitrag"
    )
}

/// Longest word passed whole to the word lists: every listed word is shorter, and longer words
/// are matched by their first `WORD_MAX` bytes (which only prefixes can match).
const WORD_MAX: usize = 32;

/// Splits `value` into lower-case words at non-alphanumerics and camelCase humps, calling `f` on
/// each; stops early when `f` returns true. Lower-case words are passed without a copy.
fn words(value: &[u8], mut f: impl FnMut(&[u8]) -> bool) -> bool {
    let value = &value[..value.len().min(512)];
    let mut buf = [0u8; WORD_MAX];
    let mut i = 0;
    while i < value.len() {
        if !value[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        let mut upper = value[i].is_ascii_uppercase();
        let mut prev_lower = value[i].is_ascii_lowercase();
        i += 1;
        while let Some(&b) = value.get(i) {
            if !b.is_ascii_alphanumeric() || (b.is_ascii_uppercase() && prev_lower) {
                break;
            }
            upper |= b.is_ascii_uppercase();
            prev_lower = b.is_ascii_lowercase();
            i += 1;
        }
        let word = &value[start..i];
        let hit = if upper {
            let n = word.len().min(WORD_MAX);
            for (d, s) in buf.iter_mut().zip(&word[..n]) {
                *d = s.to_ascii_lowercase();
            }
            f(&buf[..n])
        } else {
            f(word)
        };
        if hit {
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
    words(value, |w| {
        if let Some(r) = junk_word(w) {
            junk = Some(r);
            return true;
        }
        content |= content_word(w);
        false
    });
    (junk, content)
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
        let slot = &mut self.slots[xxhash_rust::xxh3::xxh3_64(value) as usize & (Self::SLOTS - 1)];
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
