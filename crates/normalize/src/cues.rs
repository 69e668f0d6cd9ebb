//! Cue phrases that mark a line of scraped text as site chrome, in every covered language, matched
//! by one Aho-Corasick automaton built once.
//!
//! A cue has a position and a strength. `Start` cues open the line ("Read also", "Lesen Sie auch",
//! "Source:"); strong ones remove the line whatever follows, weak ones only a line that is not a
//! sentence ("Video footage showed ..." stays, "VIDEO Kiev warns Moscow" goes). `Whole` cues are
//! the whole line give or take a counter ("Latest", "Trends 24h", "Comments (3)"). `Any` cues
//! anywhere in a short line ("all rights reserved", "reserved for our subscribers"). Matching is on
//! a case- and accent-of-script-folded copy of the line (`İ`/`ı` -> `i`, Arabic alef forms unified,
//! harakat dropped). Scraper spam that thanks "the writer of this post" is found by a pair of word
//! families rather than by the phrase. Deliberately not here: decisions by position in the document
//! (see `lines`).

use aho_corasick::{
    AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Anchored, Input, MatchKind, StartKind,
};
use concord_model::RemovalReason;

use crate::repeat::simple_lower;

/// Where in a line a cue must be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Pos {
    /// At the start; the rest of the line follows.
    Start,
    /// The whole line, give or take two short tokens (`Trends 24h`).
    Whole,
    /// Anywhere in a line of at most [`ANY_MAX_WORDS`] words.
    Any,
}

/// How a cue class matches and what it means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Kind {
    reason: RemovalReason,
    pos: Pos,
    /// Whether the cue removes even a line that reads as a sentence.
    strong: bool,
}

const fn kind(reason: RemovalReason, pos: Pos, strong: bool) -> Kind {
    Kind {
        reason,
        pos,
        strong,
    }
}

/// "Read also ...": a teaser for another article, whatever follows.
const TEASER: Kind = kind(RemovalReason::Teaser, Pos::Start, true);
/// "Video ...", "Related ...": a teaser unless the line is a sentence.
const TEASER_WEAK: Kind = kind(RemovalReason::Teaser, Pos::Start, false);
/// "You may like", "Latest", "Most read": navigation headings.
const NAV: Kind = kind(RemovalReason::Navigation, Pos::Whole, false);
/// "Source: ...", "By ...", "Tags: ...": metadata lines.
const META: Kind = kind(RemovalReason::Metadata, Pos::Start, false);
/// "Photo: ...": credits and captions.
const CAPTION: Kind = kind(RemovalReason::Caption, Pos::Start, false);
/// "... Getty Images": photo-agency credits inside a short line.
const CAPTION_ANY: Kind = kind(RemovalReason::Caption, Pos::Any, false);
/// "© ...", "Copyright ...".
const LEGAL: Kind = kind(RemovalReason::Legal, Pos::Start, true);
/// "... all rights reserved ...", disclaimers.
const LEGAL_ANY: Kind = kind(RemovalReason::Legal, Pos::Any, true);
/// "Comments", "All comments".
const COMMENTS: Kind = kind(RemovalReason::Comments, Pos::Whole, false);
/// "Leave a comment ...".
const COMMENTS_START: Kind = kind(RemovalReason::Comments, Pos::Start, false);
/// "Share", "Follow us".
const SHARE: Kind = kind(RemovalReason::Share, Pos::Whole, false);
/// "Share on Facebook ...", "Follow us on ...".
const SHARE_START: Kind = kind(RemovalReason::Share, Pos::Start, false);
/// "Subscribe ...", "Newsletter ...": notices unless a sentence.
const NOTICE: Kind = kind(RemovalReason::Notice, Pos::Start, false);
/// "... reserved for our subscribers ...", "... we use cookies ...".
const NOTICE_ANY: Kind = kind(RemovalReason::Notice, Pos::Any, true);
/// "Advertisement", "Sponsored".
const SPAM: Kind = kind(RemovalReason::Spam, Pos::Whole, false);

/// A line with more words than this is never removed by an `Any` cue.
const ANY_MAX_WORDS: usize = 40;
/// Only this many characters of a line are folded for `Start` and `Whole` cues.
const PREFIX_CHARS: usize = 96;
/// Lines longer than this (bytes) are not searched for `Any` cues.
const ANY_MAX_BYTES: usize = 400;

/// The cue table: language, then phrases with their kind. Phrases are lowercase; a phrase ending in
/// `:` also matches with a space before the colon (French typography).
const CUES: &[(&str, &[(&str, Kind)])] = &[
    (
        "en",
        &[
            ("read also", TEASER),
            ("also read", TEASER),
            ("read more", TEASER),
            ("see also", TEASER),
            ("related:", TEASER),
            ("related articles", TEASER),
            ("related stories", TEASER),
            ("related news", TEASER),
            ("related content", TEASER),
            ("more on this", TEASER),
            ("don't miss", TEASER),
            ("must read", TEASER),
            ("recommended:", TEASER),
            ("more:", TEASER),
            ("related", TEASER_WEAK),
            ("video", TEASER_WEAK),
            ("watch:", TEASER_WEAK),
            ("watch", TEASER_WEAK),
            ("gallery", TEASER_WEAK),
            ("live:", TEASER_WEAK),
            ("podcast", TEASER_WEAK),
            ("you may like", NAV),
            ("you may also like", NAV),
            ("you might also like", NAV),
            ("you might like", NAV),
            ("most read", NAV),
            ("most popular", NAV),
            ("most viewed", NAV),
            ("trending", NAV),
            ("trends", NAV),
            ("latest", NAV),
            ("latest news", NAV),
            ("top stories", NAV),
            ("more news", NAV),
            ("more stories", NAV),
            ("next article", NAV),
            ("previous article", NAV),
            ("home", NAV),
            ("menu", NAV),
            ("search", NAV),
            ("back to top", NAV),
            ("skip to content", NAV),
            ("breaking news", NAV),
            ("source:", META),
            ("sources:", META),
            ("by", META),
            ("written by", META),
            ("reporting by", META),
            ("editing by", META),
            ("updated:", META),
            ("published:", META),
            ("posted:", META),
            ("posted on", META),
            ("tags:", META),
            ("topics:", META),
            ("filed under", META),
            ("credit:", META),
            ("with agencies", META),
            ("photo:", CAPTION),
            ("photos:", CAPTION),
            ("photo by", CAPTION),
            ("image:", CAPTION),
            ("picture:", CAPTION),
            ("file photo", CAPTION),
            ("caption:", CAPTION),
            ("getty images", CAPTION_ANY),
            ("getty", CAPTION_ANY),
            ("shutterstock", CAPTION_ANY),
            ("afp photo", CAPTION_ANY),
            ("ap photo", CAPTION_ANY),
            ("reuters/", CAPTION_ANY),
            ("©", LEGAL),
            ("(c)", LEGAL),
            ("copyright", LEGAL),
            ("all rights reserved", LEGAL_ANY),
            ("not necessarily reflect", LEGAL_ANY),
            ("does not necessarily", LEGAL_ANY),
            ("do not necessarily", LEGAL_ANY),
            ("not under our control", LEGAL_ANY),
            ("terms of use", LEGAL_ANY),
            ("privacy policy", LEGAL_ANY),
            ("terms and conditions", LEGAL_ANY),
            ("terms of service", LEGAL_ANY),
            ("comments", COMMENTS),
            ("all comments", COMMENTS),
            ("comment", COMMENTS),
            ("show comments", COMMENTS),
            ("view comments", COMMENTS),
            ("leave a comment", COMMENTS_START),
            ("add a comment", COMMENTS_START),
            ("post a comment", COMMENTS_START),
            ("join the conversation", COMMENTS_START),
            ("share", SHARE),
            ("share this", SHARE),
            ("tweet", SHARE),
            ("email", SHARE),
            ("print", SHARE),
            ("copy link", SHARE),
            ("share on", SHARE_START),
            ("share this article", SHARE_START),
            ("follow us", SHARE_START),
            ("like us on", SHARE_START),
            ("subscribe", NOTICE),
            ("sign up", NOTICE),
            ("newsletter", NOTICE),
            ("log in", NOTICE),
            ("already a subscriber", NOTICE),
            ("continue reading", NOTICE),
            ("support our journalism", NOTICE),
            ("reserved for our subscribers", NOTICE_ANY),
            ("subscribers only", NOTICE_ANY),
            ("for subscribers", NOTICE_ANY),
            ("we use cookies", NOTICE_ANY),
            ("uses cookies", NOTICE_ANY),
            ("accept cookies", NOTICE_ANY),
            ("cookie policy", NOTICE_ANY),
            ("cookie settings", NOTICE_ANY),
            ("advertisement", SPAM),
            ("sponsored", SPAM),
            ("sponsored content", SPAM),
            ("paid content", SPAM),
            ("ad", SPAM),
            ("promoted", SPAM),
        ],
    ),
    (
        "de",
        &[
            ("lesen sie auch", TEASER),
            ("lesen sie mehr", TEASER),
            ("lesen sie hier", TEASER),
            ("mehr zum thema", TEASER),
            ("siehe auch", TEASER),
            ("auch interessant", TEASER),
            ("das könnte sie auch interessieren", TEASER),
            ("weiterlesen", TEASER),
            ("zum thema:", TEASER),
            ("video", TEASER_WEAK),
            ("bildergalerie", TEASER_WEAK),
            ("meistgelesen", NAV),
            ("meistgelesene artikel", NAV),
            ("neueste", NAV),
            ("neueste artikel", NAV),
            ("top-themen", NAV),
            ("startseite", NAV),
            ("quelle:", META),
            ("von", META),
            ("aktualisiert:", META),
            ("veröffentlicht:", META),
            ("mit material von", META),
            ("schlagworte:", META),
            ("foto:", CAPTION),
            ("fotos:", CAPTION),
            ("bild:", CAPTION),
            ("bildquelle:", CAPTION),
            ("alle rechte vorbehalten", LEGAL_ANY),
            ("kommentare", COMMENTS),
            ("kommentar", COMMENTS),
            ("alle kommentare", COMMENTS),
            ("kommentar schreiben", COMMENTS_START),
            ("teilen", SHARE),
            ("artikel teilen", SHARE),
            ("folgen sie uns", SHARE_START),
            ("abonnieren", NOTICE),
            ("jetzt abonnieren", NOTICE),
            ("newsletter", NOTICE),
            ("nur für abonnenten", NOTICE_ANY),
            ("exklusiv für abonnenten", NOTICE_ANY),
            ("verwendet cookies", NOTICE_ANY),
            ("wir verwenden cookies", NOTICE_ANY),
            ("anzeige", SPAM),
            ("werbung", SPAM),
        ],
    ),
    (
        "fr",
        &[
            ("lire aussi", TEASER),
            ("à lire aussi", TEASER),
            ("voir aussi", TEASER),
            ("lire la suite", TEASER),
            ("sur le même sujet", TEASER),
            ("à voir aussi", TEASER),
            ("à lire", TEASER),
            ("vidéo", TEASER_WEAK),
            ("video", TEASER_WEAK),
            ("les plus lus", NAV),
            ("à la une", NAV),
            ("dernières actualités", NAV),
            ("accueil", NAV),
            ("source:", META),
            ("sources:", META),
            ("par", META),
            ("mis à jour", META),
            ("publié le", META),
            ("crédit:", META),
            ("photo:", CAPTION),
            ("crédit photo", CAPTION),
            ("copyright", LEGAL),
            ("tous droits réservés", LEGAL_ANY),
            ("commentaires", COMMENTS),
            ("réagir", COMMENTS),
            ("partager", SHARE),
            ("suivez-nous", SHARE_START),
            ("s'abonner", NOTICE),
            ("abonnez-vous", NOTICE),
            ("newsletter", NOTICE),
            ("réservé aux abonnés", NOTICE_ANY),
            ("réservé à nos abonnés", NOTICE_ANY),
            ("article réservé", NOTICE_ANY),
            ("utilise des cookies", NOTICE_ANY),
            ("publicité", SPAM),
        ],
    ),
    (
        "es",
        &[
            ("lee también", TEASER),
            ("leer también", TEASER),
            ("lea también", TEASER),
            ("ver también", TEASER),
            ("te puede interesar", TEASER),
            ("le puede interesar", TEASER),
            ("noticias relacionadas", TEASER),
            ("más información", TEASER),
            ("relacionado:", TEASER),
            ("vídeo", TEASER_WEAK),
            ("video", TEASER_WEAK),
            ("lo más leído", NAV),
            ("lo último", NAV),
            ("portada", NAV),
            ("fuente:", META),
            ("por", META),
            ("actualizado:", META),
            ("publicado:", META),
            ("foto:", CAPTION),
            ("imagen:", CAPTION),
            ("todos los derechos reservados", LEGAL_ANY),
            ("comentarios", COMMENTS),
            ("compartir", SHARE),
            ("síguenos", SHARE_START),
            ("suscríbete", NOTICE),
            ("suscribirse", NOTICE),
            ("boletín", NOTICE),
            ("newsletter", NOTICE),
            ("exclusivo para suscriptores", NOTICE_ANY),
            ("utiliza cookies", NOTICE_ANY),
            ("usamos cookies", NOTICE_ANY),
            ("publicidad", SPAM),
        ],
    ),
    (
        "it",
        &[
            ("leggi anche", TEASER),
            ("leggi pure", TEASER),
            ("vedi anche", TEASER),
            ("potrebbe interessarti", TEASER),
            ("articoli correlati", TEASER),
            ("leggi tutto", TEASER),
            ("video", TEASER_WEAK),
            ("i più letti", NAV),
            ("ultime notizie", NAV),
            ("fonte:", META),
            ("aggiornato:", META),
            ("pubblicato:", META),
            ("foto:", CAPTION),
            ("tutti i diritti riservati", LEGAL_ANY),
            ("riproduzione riservata", LEGAL_ANY),
            ("commenti", COMMENTS),
            ("condividi", SHARE),
            ("seguici", SHARE_START),
            ("iscriviti", NOTICE),
            ("abbonati", NOTICE),
            ("newsletter", NOTICE),
            ("riservato agli abbonati", NOTICE_ANY),
            ("utilizza cookie", NOTICE_ANY),
            ("pubblicità", SPAM),
        ],
    ),
    (
        "pt",
        &[
            ("leia também", TEASER),
            ("leia mais", TEASER),
            ("veja também", TEASER),
            ("saiba mais", TEASER),
            ("notícias relacionadas", TEASER),
            ("relacionadas", TEASER_WEAK),
            ("vídeo", TEASER_WEAK),
            ("mais lidas", NAV),
            ("últimas notícias", NAV),
            ("fonte:", META),
            ("atualizado", META),
            ("publicado", META),
            ("foto:", CAPTION),
            ("todos os direitos reservados", LEGAL_ANY),
            ("comentários", COMMENTS),
            ("compartilhe", SHARE),
            ("compartilhar", SHARE),
            ("partilhar", SHARE),
            ("siga-nos", SHARE_START),
            ("assine", NOTICE),
            ("newsletter", NOTICE),
            ("exclusivo para assinantes", NOTICE_ANY),
            ("utiliza cookies", NOTICE_ANY),
            ("publicidade", SPAM),
        ],
    ),
    (
        "nl",
        &[
            ("lees ook", TEASER),
            ("lees meer", TEASER),
            ("zie ook", TEASER),
            ("meer over", TEASER),
            ("gerelateerd", TEASER_WEAK),
            ("video", TEASER_WEAK),
            ("meest gelezen", NAV),
            ("laatste nieuws", NAV),
            ("bron:", META),
            ("door", META),
            ("foto:", CAPTION),
            ("alle rechten voorbehouden", LEGAL_ANY),
            ("reacties", COMMENTS),
            ("delen", SHARE),
            ("deel dit artikel", SHARE_START),
            ("volg ons", SHARE_START),
            ("abonneer", NOTICE),
            ("nieuwsbrief", NOTICE),
            ("alleen voor abonnees", NOTICE_ANY),
            ("gebruikt cookies", NOTICE_ANY),
            ("advertentie", SPAM),
        ],
    ),
    (
        "pl",
        &[
            ("czytaj także", TEASER),
            ("czytaj też", TEASER),
            ("czytaj również", TEASER),
            ("czytaj więcej", TEASER),
            ("zobacz także", TEASER),
            ("zobacz też", TEASER),
            ("przeczytaj także", TEASER),
            ("polecamy", TEASER_WEAK),
            ("wideo", TEASER_WEAK),
            ("najczęściej czytane", NAV),
            ("najnowsze", NAV),
            ("źródło:", META),
            ("fot.", CAPTION),
            ("zdjęcie:", CAPTION),
            ("foto:", CAPTION),
            ("wszelkie prawa zastrzeżone", LEGAL_ANY),
            ("komentarze", COMMENTS),
            ("udostępnij", SHARE),
            ("subskrybuj", NOTICE),
            ("newsletter", NOTICE),
            ("tylko dla subskrybentów", NOTICE_ANY),
            ("pliki cookies", NOTICE_ANY),
            ("reklama", SPAM),
        ],
    ),
    (
        "cs",
        &[
            ("čtěte také", TEASER),
            ("čtěte též", TEASER),
            ("přečtěte si také", TEASER),
            ("související", TEASER_WEAK),
            ("video", TEASER_WEAK),
            ("nejčtenější", NAV),
            ("zdroj:", META),
            ("foto:", CAPTION),
            ("všechna práva vyhrazena", LEGAL_ANY),
            ("komentáře", COMMENTS),
            ("diskuse", COMMENTS),
            ("sdílet", SHARE),
            ("přihlaste se k odběru", NOTICE),
            ("newsletter", NOTICE),
            ("používá cookies", NOTICE_ANY),
            ("reklama", SPAM),
        ],
    ),
    (
        "sl",
        &[
            ("preberite tudi", TEASER),
            ("preberi tudi", TEASER),
            ("poglejte tudi", TEASER),
            ("povezano", TEASER_WEAK),
            ("video", TEASER_WEAK),
            ("najbolj brano", NAV),
            ("vir:", META),
            ("foto:", CAPTION),
            ("vse pravice pridržane", LEGAL_ANY),
            ("komentarji", COMMENTS),
            ("deli", SHARE),
            ("delite", SHARE),
            ("naročite se", NOTICE),
            ("e-novice", NOTICE),
            ("piškotke", NOTICE_ANY),
            ("oglas", SPAM),
        ],
    ),
    (
        "bg",
        &[
            ("прочетете още", TEASER),
            ("прочети още", TEASER),
            ("вижте още", TEASER),
            ("вижте също", TEASER),
            ("още по темата", TEASER),
            ("свързани", TEASER_WEAK),
            ("видео", TEASER_WEAK),
            ("най-четени", NAV),
            ("последни новини", NAV),
            ("преглед", NAV),
            ("източник:", META),
            ("снимка:", CAPTION),
            ("снимки:", CAPTION),
            ("всички права запазени", LEGAL_ANY),
            ("коментари", COMMENTS),
            ("сподели", SHARE),
            ("абонирайте се", NOTICE),
            ("бисквитки", NOTICE_ANY),
            ("реклама", SPAM),
        ],
    ),
    (
        "ru",
        &[
            ("читайте также", TEASER),
            ("читайте еще", TEASER),
            ("читайте ещё", TEASER),
            ("смотрите также", TEASER),
            ("см. также", TEASER),
            ("по теме:", TEASER),
            ("подробнее", TEASER_WEAK),
            ("видео", TEASER_WEAK),
            ("самое читаемое", NAV),
            ("последние новости", NAV),
            ("главное", NAV),
            ("источник:", META),
            ("фото:", CAPTION),
            ("все права защищены", LEGAL_ANY),
            ("комментарии", COMMENTS),
            ("поделиться", SHARE),
            ("подписывайтесь", NOTICE),
            ("подписаться", NOTICE),
            ("рассылка", NOTICE),
            ("файлы cookie", NOTICE_ANY),
            ("реклама", SPAM),
        ],
    ),
    (
        "uk",
        &[
            ("читайте також", TEASER),
            ("дивіться також", TEASER),
            ("по темі:", TEASER),
            ("на тему:", TEASER),
            ("відео", TEASER_WEAK),
            ("найпопулярніше", NAV),
            ("останні новини", NAV),
            ("джерело:", META),
            ("фото:", CAPTION),
            ("всі права захищені", LEGAL_ANY),
            ("усі права захищені", LEGAL_ANY),
            ("коментарі", COMMENTS),
            ("поділитися", SHARE),
            ("підписуйтесь", NOTICE),
            ("підписатися", NOTICE),
            ("файли cookie", NOTICE_ANY),
            ("реклама", SPAM),
        ],
    ),
    (
        "tr",
        &[
            ("ayrıca okuyun", TEASER),
            ("ayrıca bakınız", TEASER),
            ("bunu da okuyun", TEASER),
            ("ilgili haberler", TEASER),
            ("ilgili haber", TEASER),
            ("video", TEASER_WEAK),
            ("en çok okunanlar", NAV),
            ("son dakika", NAV),
            ("kaynak:", META),
            ("fotoğraf:", CAPTION),
            ("foto:", CAPTION),
            ("tüm hakları saklıdır", LEGAL_ANY),
            ("yorumlar", COMMENTS),
            ("paylaş", SHARE),
            ("abone ol", NOTICE),
            ("çerezler", NOTICE_ANY),
            ("reklam", SPAM),
        ],
    ),
    (
        "ar",
        &[
            ("اقرأ أيضا", TEASER),
            ("اقرأ أيضاً", TEASER),
            ("شاهد أيضا", TEASER),
            ("مواضيع ذات صلة", TEASER),
            ("ذات صلة", TEASER_WEAK),
            ("فيديو", TEASER_WEAK),
            ("الأكثر قراءة", NAV),
            ("المصدر:", META),
            ("صورة:", CAPTION),
            ("جميع الحقوق محفوظة", LEGAL_ANY),
            ("التعليقات", COMMENTS),
            ("شارك", SHARE),
            ("اشترك", NOTICE),
            ("ملفات تعريف الارتباط", NOTICE_ANY),
            ("إعلان", SPAM),
        ],
    ),
    (
        "id",
        &[
            ("baca juga", TEASER),
            ("simak juga", TEASER),
            ("lihat juga", TEASER),
            ("berita terkait", TEASER),
            ("artikel terkait", TEASER),
            ("baca:", TEASER),
            ("video", TEASER_WEAK),
            ("terpopuler", NAV),
            ("berita terkini", NAV),
            ("sumber:", META),
            ("foto:", CAPTION),
            ("hak cipta", LEGAL),
            ("komentar", COMMENTS),
            ("bagikan", SHARE),
            ("berlangganan", NOTICE),
            ("iklan", SPAM),
        ],
    ),
    (
        "ms",
        &[
            ("baca lagi", TEASER),
            ("berita berkaitan", TEASER),
            ("artikel berkaitan", TEASER),
            ("paling popular", NAV),
            ("gambar:", CAPTION),
            ("hak cipta terpelihara", LEGAL_ANY),
            ("komen", COMMENTS),
            ("kongsi", SHARE),
            ("langgan", NOTICE),
        ],
    ),
];

/// Words that thank, and words that name the author: a short line with both is scraper spam
/// ("We would love to say thanks to the writer of this post ...").
const THANKS: &[&str] = &[
    "thank",
    "thanks",
    "grateful",
    "gratitude",
    "danke",
    "merci",
    "gracias",
    "grazie",
    "obrigado",
    "bedankt",
    "dziękujemy",
    "спасибо",
    "дякуємо",
    "teşekkür",
    "terima kasih",
];
const AUTHORS: &[&str] = &[
    "writer",
    "author",
    "publisher",
    "owner of this",
    "autor",
    "auteur",
    "autore",
    "auteur",
    "penulis",
    "автор",
    "yazar",
];

/// Folds text for matching: lowercase, `İ`/`ı` -> `i`, Arabic alef forms -> `ا`, harakat dropped.
/// Reads at most `limit` characters. Pushes, when `origin` is given, for each folded character the
/// original character it came from.
fn fold_into(text: &str, limit: usize, folded: &mut String, mut origin: Option<&mut Vec<char>>) {
    let mut rest = text;
    let mut left = limit;
    while left > 0 && !rest.is_empty() {
        // A run of ASCII (most of most lines) is lower-cased whole.
        let run = rest
            .bytes()
            .take(left)
            .position(|b| !b.is_ascii())
            .unwrap_or(left.min(rest.len()));
        if run > 0 {
            let (ascii, after) = rest.split_at(run);
            let at = folded.len();
            folded.push_str(ascii);
            folded[at..].make_ascii_lowercase();
            if let Some(origin) = origin.as_deref_mut() {
                origin.extend(ascii.bytes().map(char::from));
            }
            rest = after;
            left -= run;
            continue;
        }
        let Some(c) = rest.chars().next() else {
            break;
        };
        rest = &rest[c.len_utf8()..];
        left -= 1;
        let mut push = |lower: char| {
            folded.push(lower);
            if let Some(origin) = origin.as_deref_mut() {
                origin.push(c);
            }
        };
        match c {
            'İ' | 'ı' => push('i'),
            'أ' | 'إ' | 'آ' => push('ا'),
            '\u{64b}'..='\u{652}' | '\u{640}' => {}
            // The common cases without the case tables.
            _ => {
                if let Some(lower) = simple_lower(c) {
                    push(lower);
                } else {
                    for lower in c.to_lowercase() {
                        push(lower);
                    }
                }
            }
        }
    }
}

fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    fold_into(text, usize::MAX, &mut folded, None);
    folded
}

/// A cue classification of a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CueHit {
    /// Why the line is chrome.
    pub reason: RemovalReason,
}

/// The compiled cue tables, built once per run.
#[derive(Debug)]
pub struct CueMatcher {
    /// `Start` and `Whole` cues, searched anchored at the line start.
    start: AhoCorasick,
    start_kinds: Vec<Kind>,
    /// `Any` cues, searched anywhere.
    any: AhoCorasick,
    any_kinds: Vec<Kind>,
    /// Scraper spam thanking the writer: a [`THANKS`] word and an [`AUTHORS`] word.
    thanks: AhoCorasick,
    authors: AhoCorasick,
}

/// Why the cue tables could not be compiled.
#[derive(Debug, thiserror::Error)]
#[error("cannot build the cue automaton: {0}")]
pub struct CueError(#[from] aho_corasick::BuildError);

impl CueMatcher {
    /// Compiles the cues of every language (languages outside the run cost nothing measurable and
    /// chrome is often in another language than the article).
    pub fn new() -> Result<CueMatcher, CueError> {
        let mut start: Vec<(String, Kind)> = Vec::new();
        let mut any: Vec<(String, Kind)> = Vec::new();
        for (_, cues) in CUES {
            for &(phrase, kind) in *cues {
                let target = if kind.pos == Pos::Any {
                    &mut any
                } else {
                    &mut start
                };
                let folded = fold(phrase);
                if let Some(stem) = folded.strip_suffix(':') {
                    target.push((format!("{stem} :"), kind));
                }
                target.push((folded, kind));
            }
        }
        // Identical phrases from two languages: keep the first, so kinds stay deterministic.
        let dedup = |list: &mut Vec<(String, Kind)>| {
            let mut seen = std::collections::BTreeSet::new();
            list.retain(|(phrase, _)| seen.insert(phrase.clone()));
        };
        dedup(&mut start);
        dedup(&mut any);
        // Each automaton is searched one way only. The `Any` cues are searched through whole
        // lines: a DFA (a few MB, built once) does that fastest.
        let build = |list: &[(String, Kind)], start: StartKind, kind: AhoCorasickKind| {
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostLongest)
                .start_kind(start)
                .kind(Some(kind))
                .build(list.iter().map(|(p, _)| p.as_str()))
        };
        Ok(CueMatcher {
            start: build(&start, StartKind::Anchored, AhoCorasickKind::ContiguousNFA)?,
            start_kinds: start.iter().map(|(_, k)| *k).collect(),
            any: build(&any, StartKind::Unanchored, AhoCorasickKind::DFA)?,
            any_kinds: any.iter().map(|(_, k)| *k).collect(),
            thanks: AhoCorasick::new(THANKS)?,
            authors: AhoCorasick::new(AUTHORS)?,
        })
    }

    /// Classifies one line (white space collapsed). `sentence` says whether the line reads as a
    /// sentence, `words` how many words it has.
    pub fn classify(&self, line: &str, sentence: bool, words: usize) -> Option<CueHit> {
        // Skip bullets and arrows, but not the copyright sign.
        let body =
            line.trim_start_matches(|c: char| !(c.is_alphanumeric() || c == '©' || c == '('));
        let mut folded = String::with_capacity(PREFIX_CHARS * 2);
        fold_into(body, PREFIX_CHARS, &mut folded, None);
        let input = Input::new(&folded).anchored(Anchored::Yes);
        if let Some(hit) = self.start.find(input) {
            let kind = self.start_kinds[hit.pattern().as_usize()];
            let rest = &folded[hit.end()..];
            let matched = &folded[..hit.end()];
            // `Read alsoUkraine`: a phrase cue glued to the capital of the teaser's title. Only
            // then are the original characters needed: folding again gives them.
            let glued = || {
                let used = matched.chars().count();
                let mut refolded = String::with_capacity(folded.len());
                let mut origin = Vec::with_capacity(PREFIX_CHARS);
                fold_into(body, PREFIX_CHARS, &mut refolded, Some(&mut origin));
                origin.get(used).is_some_and(|c| c.is_uppercase())
                    && used
                        .checked_sub(1)
                        .and_then(|at| origin.get(at))
                        .is_some_and(|c| c.is_lowercase())
            };
            let boundary = rest.is_empty()
                || matched.ends_with([':', ' ', '©', ')', '.'])
                || !rest.starts_with(char::is_alphanumeric)
                || (matched.contains(' ') && glued());
            if boundary {
                let removes = match kind.pos {
                    Pos::Start => kind.strong || !sentence,
                    Pos::Whole => {
                        !sentence && body.chars().count() <= PREFIX_CHARS && whole_rest(rest)
                    }
                    Pos::Any => false,
                };
                if removes {
                    return Some(CueHit {
                        reason: kind.reason,
                    });
                }
            }
        }
        if line.len() <= ANY_MAX_BYTES && words <= ANY_MAX_WORDS {
            let folded = fold(line);
            for hit in self.any.find_iter(&folded) {
                let kind = self.any_kinds[hit.pattern().as_usize()];
                let before_ok = !folded[..hit.start()].ends_with(char::is_alphanumeric);
                let after_ok = !folded[hit.end()..].starts_with(char::is_alphanumeric);
                if before_ok && after_ok && (kind.strong || !sentence) {
                    return Some(CueHit {
                        reason: kind.reason,
                    });
                }
            }
            if words <= 30
                && contains_word(&self.thanks, &folded)
                && contains_word(&self.authors, &folded)
            {
                return Some(CueHit {
                    reason: RemovalReason::Spam,
                });
            }
        }
        None
    }
}

/// Whether what follows a `Whole` cue is at most two short tokens (`24h`, `(3)`, `.`).
fn whole_rest(rest: &str) -> bool {
    let mut tokens = 0;
    for token in rest.split_whitespace() {
        let letters = token.chars().filter(|c| c.is_alphabetic()).count();
        if letters > 3 {
            return false;
        }
        tokens += 1;
    }
    tokens <= 2
}

/// Whether one of the `words` occurs in `text` between non-alphanumeric characters.
fn contains_word(words: &AhoCorasick, text: &str) -> bool {
    words.find_overlapping_iter(text).any(|hit| {
        !text[..hit.start()].ends_with(char::is_alphanumeric)
            && !text[hit.end()..].starts_with(char::is_alphanumeric)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use RemovalReason::*;

    /// Classifies each `(line, expected)` of one language's table; `None` means kept. Whether a
    /// line is a sentence is judged the way the line stage judges it.
    #[track_caller]
    fn check(lines: &[(&str, Option<RemovalReason>)]) {
        let matcher = CueMatcher::new().expect("cues compile");
        for &(line, expected) in lines {
            let words = line.split_whitespace().count();
            let sentence = crate::lines::is_sentence(line, words);
            let got = matcher
                .classify(line, sentence, words)
                .map(|hit| hit.reason);
            assert_eq!(got, expected, "line: {line:?}");
        }
    }

    #[test]
    fn english() {
        check(&[
            (
                "Read also Article reserved for our subscribers Faced with Russia",
                Some(Teaser),
            ),
            (
                "Read alsoUkraine: 5 minutes to understand the escalation",
                Some(Teaser),
            ),
            ("Readers also wrote to us about the escalation.", None),
            (
                "VIDEO \"Ukraine will retaliate\": Kiev warns Moscow against any invasion",
                Some(Teaser),
            ),
            (
                "Video footage showed troops moving towards the border at night.",
                None,
            ),
            ("Source: leparis", Some(Metadata)),
            ("Source: with Agencies", Some(Metadata)),
            ("You may like", Some(Navigation)),
            ("Trends 24h", Some(Navigation)),
            ("Latest", Some(Navigation)),
            (
                "Latest figures show a rise in troop numbers along the border.",
                None,
            ),
            ("© Communities 2019 - Privacy", Some(Legal)),
            (
                "The inclusion of any links does not necessarily imply a recommendation",
                Some(Legal),
            ),
            ("All comments.", Some(Comments)),
            ("Comments (12)", Some(Comments)),
            ("biden putin getty comp", Some(Caption)),
            (
                "We would love to say thanks to the writer of this post for this outstanding content",
                Some(Spam),
            ),
            (
                "We want to thank the author of this article for this great material",
                Some(Spam),
            ),
            ("Share on Facebook", Some(Share)),
            ("Advertisement", Some(Spam)),
            ("By John Smith", Some(Metadata)),
            (
                "By the end of the year, prices had doubled in the capital.",
                None,
            ),
            ("Sharp rise in prices", None),
            ("watchOS 6 brings new faces", None),
            ("Homeland security officials met on Monday", None),
        ]);
    }

    #[test]
    fn german() {
        check(&[
            ("Lesen Sie auch: Was Putin wirklich will", Some(Teaser)),
            ("Mehr zum Thema Ukraine-Krise", Some(Teaser)),
            ("Quelle: dpa", Some(Metadata)),
            ("Foto: Getty Images", Some(Caption)),
            ("Alle Rechte vorbehalten.", Some(Legal)),
            ("Kommentare", Some(Comments)),
            ("Anzeige", Some(Spam)),
            (
                "Lesen macht Spaß, sagte der Minister am Montag in Berlin.",
                None,
            ),
        ]);
    }

    #[test]
    fn french() {
        check(&[
            (
                "Lire aussi Article réservé à nos abonnés Face à la Russie",
                Some(Teaser),
            ),
            ("Source : AFP", Some(Metadata)),
            ("Tous droits réservés", Some(Legal)),
            ("Abonnez-vous à notre newsletter", Some(Notice)),
            ("Publicité", Some(Spam)),
            (
                "Lire un discours ne suffit pas, a dit le ministre à Paris.",
                None,
            ),
        ]);
    }

    #[test]
    fn spanish_italian_portuguese() {
        check(&[
            ("Lee también: Rusia y Ucrania", Some(Teaser)),
            ("Fuente: EFE", Some(Metadata)),
            ("Todos los derechos reservados", Some(Legal)),
            ("Leggi anche Ucraina, Biden chiama Putin", Some(Teaser)),
            ("Riproduzione riservata ©", Some(Legal)),
            ("Leia também: Putin e Biden", Some(Teaser)),
            ("Todos os direitos reservados.", Some(Legal)),
        ]);
    }

    #[test]
    fn dutch_polish_czech_slovene() {
        check(&[
            ("Lees ook: Poetin en Biden", Some(Teaser)),
            ("Bron: ANP", Some(Metadata)),
            ("Czytaj także: Putin i Biden", Some(Teaser)),
            ("Źródło: PAP", Some(Metadata)),
            ("Čtěte také: Putin a Biden", Some(Teaser)),
            ("Všechna práva vyhrazena.", Some(Legal)),
            ("Preberite tudi: Putin in Biden", Some(Teaser)),
            ("Vse pravice pridržane.", Some(Legal)),
        ]);
    }

    #[test]
    fn cyrillic() {
        check(&[
            ("Читайте также: Путин и Байден", Some(Teaser)),
            ("ЧИТАЙТЕ ТАКЖЕ Путин и Байден", Some(Teaser)),
            ("Все права защищены", Some(Legal)),
            ("Читайте також: Путін і Байден", Some(Teaser)),
            ("Джерело: УНІАН", Some(Metadata)),
            ("Прочетете още: Путин и Байдън", Some(Teaser)),
            ("Преглед", Some(Navigation)),
            (
                "Путин и Байден провели переговоры во вторник вечером.",
                None,
            ),
        ]);
    }

    #[test]
    fn turkish_arabic_indonesian_malay() {
        check(&[
            ("AYRICA OKUYUN: Putin ve Biden", Some(Teaser)),
            ("İlgili Haberler", Some(Teaser)),
            ("Tüm hakları saklıdır.", Some(Legal)),
            ("اقرأ أيضا: بوتين وبايدن", Some(Teaser)),
            ("إقرأ ايضاً بوتين وبايدن", Some(Teaser)),
            ("جميع الحقوق محفوظة", Some(Legal)),
            ("Baca juga: Putin dan Biden", Some(Teaser)),
            ("Sumber: Antara", Some(Metadata)),
            ("Baca lagi: Putin dan Biden", Some(Teaser)),
            ("Hak cipta terpelihara", Some(Legal)),
        ]);
    }
}
