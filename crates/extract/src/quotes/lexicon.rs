//! Word lists that drive speaker attribution, per language, compiled once into hash tables.
//!
//! Each language has reporting verbs ("said", "sagte", "a déclaré" via "déclaré", "je dejal" via
//! "dejal", "заявил", "mengatakan"), source prepositions that put the speaker after them ("according
//! to", "laut", "selon", "по словам", "menurut"), pronouns, relative pronouns, determiners,
//! prepositions, words that may stand between a subject and its verb ("also", "has"), role words
//! matched as prefixes so that inflections and compounds match ("minist" covers "ministre",
//! "Außenminister", "министра"), and capitalised words that are never names. Unknown languages use
//! the union of all lists.
//!
//! The lists are deliberately short and high-precision; they are not a lemmatiser.

use std::collections::HashMap;

/// A reporting verb: the speaker is its subject, before it or (inverted) after it.
pub const CUE_VERB: u16 = 1;
/// A source preposition ("according to", "laut"): the speaker follows it.
pub const CUE_PREP: u16 = 1 << 1;
/// A cue valid only right after a quote ("so", "aldus"): the speaker follows it.
pub const CUE_POST: u16 = 1 << 2;
/// A personal pronoun that can be a speaker ("he", "sie", "dia").
pub const PRON: u16 = 1 << 3;
/// A relative pronoun ("who", "qui", "который").
pub const RELPRON: u16 = 1 << 4;
/// An article or possessive determiner.
pub const DET: u16 = 1 << 5;
/// A preposition: a name right after it is not a subject.
pub const PREP: u16 = 1 << 6;
/// A word that may stand between a subject and its verb ("also", "has", "juga").
pub const SKIP: u16 = 1 << 7;
/// A role word ("minister", "spokesman", "Menteri").
pub const ROLE: u16 = 1 << 8;
/// A capitalised word that is not a name (months, weekdays, nationality adjectives, conjunctions).
pub const STOP: u16 = 1 << 9;
/// A title before a name ("Mr", "Herr", "M.").
pub const TITLE: u16 = 1 << 10;

/// Flags that make a word something other than a name.
pub const NOT_NAME: u16 =
    CUE_VERB | CUE_PREP | CUE_POST | PRON | RELPRON | DET | PREP | SKIP | ROLE | STOP | TITLE;

/// Languages with their own lists.
pub const LANGUAGES: [&str; 14] = [
    "en", "de", "fr", "es", "it", "nl", "pl", "cs", "sl", "bg", "ru", "uk", "id", "pt",
];

struct LangLists {
    code: &'static str,
    verbs: &'static str,
    verb_prefixes: &'static str,
    preps_cue: &'static str,
    post_cue: &'static str,
    pronouns: &'static str,
    relatives: &'static str,
    dets: &'static str,
    preps: &'static str,
    skips: &'static str,
    stops: &'static str,
    titles: &'static str,
}

const LISTS: [LangLists; 14] = [
    LangLists {
        code: "en",
        verbs: "said says say told tells added adds adding stated states declared explained explains \
                stressed stressing emphasized emphasised emphasizing emphasising noted notes warned warns \
                insisted insists argued argues asked asks replied responded wrote writes tweeted announced \
                claimed claims continued concluded acknowledged admitted recalled reiterated urged pleaded \
                called calls calling described quipped remarked observed affirmed confirmed assured assuring saying \
                telling asserted accused predicted suggested vowed promised complained testified shouted \
                cautioned contended countered maintained pointed posted underlined underscored write \
                exclaimed joked yelled yelling screamed shouting reported reports reads answered mused \
                recounted interjected texted begged demanded boasted bragged proclaimed conceded agreed \
                lamented scoffed retorted snapped offered advised thundered declaring warning arguing \
                noting insisting explaining asking writing chanted chanting responding replying",
        verb_prefixes: "",
        preps_cue: "according_to quoting citing",
        post_cue: "",
        pronouns: "he she they",
        relatives: "who",
        dets: "the a an his her its their this that",
        preps: "to by of with at from for in on about against between toward towards into over",
        skips: "also then later again further previously once has have had was is were just himself herself \
                will would could can may might should did does",
        stops: "the a an this that these those it in on at for but and or as if when while after before since \
                monday tuesday wednesday thursday friday saturday sunday january february march april may june \
                july august september october november december russian ukrainian american european western \
                soviet french german british chinese us u.s. usa uk read video source also however",
        titles: "mr mrs ms dr sir",
    },
    LangLists {
        code: "de",
        verbs: "sagte sagt sagten gesagt erklärte erklärt erklärten betonte betont betonten meinte meint \
                fügte sprach spricht warnte warnt schrieb schreibt bezeichnete bezeichnet nannte nennt \
                wiederholte wiederholt forderte fordert versicherte bekräftigte kritisierte teilte äußerte \
                erläuterte unterstrich twitterte antwortete sagen hieß heißt",
        verb_prefixes: "",
        preps_cue: "laut nach_angaben zufolge",
        post_cue: "so",
        pronouns: "er sie",
        relatives: "",
        dets: "der die das den dem des ein eine einen einem einer sein seine seinen seinem ihr ihre ihren",
        preps: "mit von zu an bei für gegen nach über in aus um zur zum vom im am auf unter vor",
        skips: "auch dann später erneut hat habe hatte ist war zudem",
        stops: "und oder aber während nach vor seit als wenn montag dienstag mittwoch donnerstag freitag \
                samstag sonntag januar februar märz april mai juni juli august september oktober november \
                dezember es dies diese dieser",
        titles: "herr frau dr",
    },
    LangLists {
        code: "fr",
        verbs: "déclaré déclare dit affirmé affirme expliqué explique souligné souligne ajouté ajoute estimé \
                estime assuré assure averti prévenu indiqué indique répondu lancé martelé insisté confié \
                plaidé réitéré dénoncé accusé qualifié déclaré rappelé précisé annoncé écrit",
        verb_prefixes: "",
        preps_cue: "selon d'après",
        post_cue: "",
        pronouns: "il elle a-t-il a-t-elle",
        relatives: "qui",
        dets: "le la les l' un une son sa ses leur",
        preps: "à de par avec pour en dans sur contre entre au aux du des",
        skips: "a aussi ensuite encore ont avait",
        stops: "et ou mais le la les",
        titles: "m. mme",
    },
    LangLists {
        code: "es",
        verbs: "dijo dice afirmó afirma declaró explicó señaló aseguró añadió agregó advirtió indicó subrayó \
                insistió manifestó destacó recalcó sostuvo apuntó escribió",
        verb_prefixes: "",
        preps_cue: "según",
        post_cue: "",
        pronouns: "él ella",
        relatives: "que quien",
        dets: "el la los las un una su sus",
        preps: "a de por con para en sobre contra entre al del",
        skips: "también luego además ha había",
        stops: "y o pero",
        titles: "sr sra",
    },
    LangLists {
        code: "it",
        verbs: "detto dice dichiarato dichiara afferma affermato spiegato spiega sottolineato sottolinea \
                aggiunto aggiunge avvertito ribadito ammonito precisato osservato commentato scritto annunciato",
        verb_prefixes: "",
        preps_cue: "secondo",
        post_cue: "",
        pronouns: "lui lei",
        relatives: "che",
        dets: "il lo la i gli le un una uno l' suo sua",
        preps: "a di da con per su in tra fra al del della dal alla nel",
        skips: "ha anche poi aveva",
        stops: "e o ma",
        titles: "",
    },
    LangLists {
        code: "nl",
        verbs: "zei zegt verklaarde verklaart stelde stelt benadrukte voegde waarschuwde schreef antwoordde \
                vertelde liet",
        verb_prefixes: "",
        preps_cue: "volgens",
        post_cue: "aldus",
        pronouns: "hij zij ze",
        relatives: "die",
        dets: "de het een zijn haar",
        preps: "van met aan tot door voor op in naar bij over tegen",
        skips: "ook toen heeft had",
        stops: "en of maar",
        titles: "",
    },
    LangLists {
        code: "pl",
        verbs: "mówi mówił mówiła",
        verb_prefixes: "powiedzia stwierdzi oświadczy zaznaczy podkreśli dodał dodała oceni napisa przekaza \
                        poinformowa ostrzeg wyjaśni",
        preps_cue: "według zdaniem",
        post_cue: "",
        pronouns: "on ona",
        relatives: "który która",
        dets: "",
        preps: "z do od w na przez dla o przeciw ze we u",
        skips: "też potem także",
        stops: "i oraz ale",
        titles: "pan pani",
    },
    LangLists {
        code: "cs",
        verbs: "řekl řekla řekli tvrdí říká",
        verb_prefixes: "uvedl prohlási dodal podotkl zdůrazni napsal vysvětli varova sdělil konstatova poznamena",
        preps_cue: "podle",
        post_cue: "",
        pronouns: "on ona",
        relatives: "který která",
        dets: "",
        preps: "s z do od v na pro o u k ke ve proti",
        skips: "také pak",
        stops: "a ale",
        titles: "pan paní",
    },
    LangLists {
        code: "sl",
        verbs: "meni pravi",
        verb_prefixes: "dejal povedal izjavil poudari dodal pojasni opozori zapisal navedel menil ocenil sporočil",
        preps_cue: "po_besedah",
        post_cue: "",
        pronouns: "on ona",
        relatives: "ki",
        dets: "",
        preps: "z s do od v na za o pri k proti",
        skips: "je tudi nato",
        stops: "in ali",
        titles: "",
    },
    LangLists {
        code: "bg",
        verbs: "каза заяви посочи подчерта добави обяви коментира съобщи отбеляза предупреди написа обясни \
                изтъкна допълни",
        verb_prefixes: "казал заявил",
        preps_cue: "според",
        post_cue: "",
        pronouns: "той тя",
        relatives: "който която",
        dets: "",
        preps: "с до от в на за при към срещу",
        skips: "е също",
        stops: "и или но",
        titles: "",
    },
    LangLists {
        code: "ru",
        verbs: "говорит заявляет считает цитирует",
        verb_prefixes: "заяви сказа отмети подчеркну добави сообщи поясни предупреди написа",
        preps_cue: "по_словам по_мнению по_данным",
        post_cue: "",
        pronouns: "он она",
        relatives: "который которая",
        dets: "",
        preps: "с до от в на за при к против о об по",
        skips: "также тоже потом",
        stops: "и или но",
        titles: "",
    },
    LangLists {
        code: "uk",
        verbs: "каже говорить",
        verb_prefixes: "заяви сказа зазнач наголоси дода повідоми поясни написа",
        preps_cue: "за_словами на_думку",
        post_cue: "",
        pronouns: "він вона",
        relatives: "який яка",
        dets: "",
        preps: "з до від в у на за при проти о по",
        skips: "також потім",
        stops: "і й або але",
        titles: "",
    },
    LangLists {
        code: "id",
        verbs: "kata ujar ucap tutur ungkap katanya ujarnya mengatakan menyatakan menegaskan menjelaskan \
                menambahkan mengungkapkan menyebut menyebutkan mengulangi memperingatkan menekankan berkata \
                tegasnya menuturkan mengklaim menuduh bilang",
        verb_prefixes: "",
        preps_cue: "menurut",
        post_cue: "",
        pronouns: "dia ia beliau",
        relatives: "yang",
        dets: "sang para si",
        preps: "dengan ke dari di untuk oleh kepada pada terhadap tentang antara a",
        skips: "juga kemudian lagi pun telah sudah",
        stops: "dan atau tetapi sedangkan senin selasa rabu kamis jumat sabtu minggu januari februari maret \
                april mei juni juli agustus september oktober november desember as",
        titles: "",
    },
    LangLists {
        code: "pt",
        verbs: "disse diz afirmou afirma declarou explicou assinalou garantiu acrescentou advertiu indicou \
                sublinhou insistiu destacou sustentou escreveu comentou referiu",
        verb_prefixes: "",
        preps_cue: "segundo conforme de_acordo_com",
        post_cue: "",
        pronouns: "ele ela",
        relatives: "que quem",
        dets: "o a os as um uma seu sua seus suas",
        preps: "a de do da dos das por com para em no na sobre contra entre ao à pelo pela",
        skips: "também depois ainda já tinha",
        stops: "e ou mas",
        titles: "sr sra",
    },
];

/// Role words, matched as prefixes of the lowercased word or of its last hyphen part.
const ROLE_PREFIXES: &str = "minist menteri presiden president secret sekret spokes sprecher porte-parole \
    portavoce portavoz porta-voz woordvoerder rzecznik mluvčí tiskov predsedn premier chancellor kanzler министр \
    президент пресс-секретар представител міністр речник говорител juru jubir kepala chief director \
    ambassador botschafter ambassad official leader chef chairman senator governor general deputy foreign \
    defense defence interior generalsekretär außenminister verteidigungsminister chair mayor \
    commander analyst expert diplomat канцлер глава luar negeri pertahanan jenderal bicara";

/// Short role words matched whole (as prefixes they would catch "statement", "headline").
const ROLE_WORDS: &str = "state head staat état estado stato";

/// The words after the first of a multi-word entry, with the entry's flags.
pub type MultiWord = (Vec<Box<str>>, u16);

/// Compiled lists for one language.
#[derive(Debug, Default)]
pub struct Lexicon {
    words: HashMap<Box<str>, u16>,
    /// Multi-word entries by first word: the remaining words and the flags.
    multi: HashMap<Box<str>, Vec<MultiWord>>,
    verb_prefixes: Vec<Box<str>>,
}

impl Lexicon {
    fn add(&mut self, list: &str, flag: u16) {
        for entry in list.split_whitespace() {
            if entry.contains('_') {
                let mut parts = entry.split('_');
                let head: Box<str> = parts.next().unwrap_or_default().into();
                let rest: Vec<Box<str>> = parts.map(Into::into).collect();
                self.multi.entry(head).or_default().push((rest, flag));
            } else {
                *self.words.entry(entry.into()).or_insert(0) |= flag;
            }
        }
    }

    fn add_lists(&mut self, lists: &LangLists) {
        self.add(lists.verbs, CUE_VERB);
        self.add(lists.preps_cue, CUE_PREP);
        self.add(lists.post_cue, CUE_POST);
        self.add(lists.pronouns, PRON);
        self.add(lists.relatives, RELPRON);
        self.add(lists.dets, DET);
        self.add(lists.preps, PREP);
        self.add(lists.skips, SKIP);
        self.add(lists.stops, STOP);
        self.add(lists.titles, TITLE);
        self.verb_prefixes
            .extend(lists.verb_prefixes.split_whitespace().map(Into::into));
    }

    /// The flags of a lowercased word (prefix entries included).
    pub fn flags(&self, lower: &str) -> u16 {
        let mut f = self.words.get(lower).copied().unwrap_or(0);
        if self.multi.contains_key(lower) {
            // "According" (to): part of a cue, never a name.
            f |= STOP;
        }
        if f & CUE_VERB == 0 && self.verb_prefixes.iter().any(|p| lower.starts_with(&**p)) {
            f |= CUE_VERB;
        }
        if role_stem(lower).is_some() {
            f |= ROLE;
        }
        f
    }

    /// Multi-word entries that start with `lower`.
    pub fn multi(&self, lower: &str) -> &[MultiWord] {
        self.multi.get(lower).map_or(&[], Vec::as_slice)
    }
}

/// The role prefix a lowercased word starts with (or whose last hyphen part starts with).
pub fn role_stem(lower: &str) -> Option<&'static str> {
    if let Some(exact) = ROLE_WORDS.split_whitespace().find(|w| *w == lower) {
        return Some(exact);
    }
    let last = lower.rsplit('-').next().unwrap_or(lower);
    ROLE_PREFIXES.split_whitespace().find(|p| {
        lower.starts_with(p) || last.starts_with(p) || (p.len() >= 6 && lower.contains(p))
    })
}

/// All languages' lexicons, plus their union for unknown languages.
#[derive(Debug)]
pub struct Lexicons {
    by_lang: Vec<(&'static str, Lexicon)>,
    union: Lexicon,
}

impl Lexicons {
    /// Compiles every list.
    pub fn new() -> Lexicons {
        let mut by_lang = Vec::with_capacity(LISTS.len());
        let mut union = Lexicon::default();
        for lists in &LISTS {
            let mut lex = Lexicon::default();
            lex.add_lists(lists);
            by_lang.push((lists.code, lex));
            // The union leaves out what is only safe in its own language.
            union.add(lists.verbs, CUE_VERB);
            union.add(lists.preps_cue, CUE_PREP);
            union.add(lists.pronouns, PRON);
            union.add(lists.titles, TITLE);
            union
                .verb_prefixes
                .extend(lists.verb_prefixes.split_whitespace().map(Into::into));
        }
        union.add(LISTS[0].dets, DET);
        union.add(LISTS[0].preps, PREP);
        union.add(LISTS[0].stops, STOP);
        Lexicons { by_lang, union }
    }

    /// The lexicon for an ISO 639-1 code (the union for other codes).
    pub fn get(&self, lang: &str) -> &Lexicon {
        self.by_lang
            .iter()
            .find(|(code, _)| *code == lang)
            .map_or(&self.union, |(_, lex)| lex)
    }
}

impl Default for Lexicons {
    fn default() -> Self {
        Lexicons::new()
    }
}
