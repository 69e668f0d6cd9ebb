//! A deterministic synthetic corpus for benchmarks, and the measurement of reconcile over it.
//!
//! Real texts are too few, and replicating them would make every LSH bucket grow with the copy
//! count, so [`Corpus::new`] generates documents directly: events with fresh names, figures and a
//! date; for each event a few articles in several languages (word vocabularies generated per
//! language, the same word index meaning the same thing in each); and a planted share of exact
//! copies (the same clean text from another site), near copies (a few words changed, a footer
//! added) and translations (the same article rendered in another language: the same names and
//! figures in the same order). Everything follows from the seed, text included, so datasketch can
//! read the very same texts ([`Corpus::texts`]).
//!
//! Enabled by the `synth` feature; nothing in the pipeline uses it.

use concord_model::{
    CleanDoc, ContentHash, DateSource, DocFacts, DocId, EntityType, Figure, Granularity,
    InputFormat, LangGuess, Mention, OffsetMap, Paragraph, PublishDate, Qualifier, Quote, Repairs,
    SourceRef, Span, TimeExpr,
};

use crate::digest::iso;
use crate::{ReconcileConfig, Reconciler};

const LANGS: [&str; 5] = ["en", "de", "fr", "id", "es"];
const VOCABULARY: usize = 4000;
const SYLLABLES: [&str; 24] = [
    "ka", "lo", "mi", "ten", "ra", "su", "ve", "dor", "an", "bel", "ci", "fu", "gra", "ho", "jin",
    "ku", "mar", "ne", "pol", "qui", "sta", "tro", "wen", "zo",
];

/// The small, fast random generator the corpus is drawn from (splitmix64).
#[derive(Clone, Debug)]
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        crate::fold::mix(self.0)
    }
    fn below(&mut self, n: usize) -> usize {
        ((self.next() >> 32) as usize * n) >> 32
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

fn word(rng: &mut Rng, syllables: usize) -> String {
    (0..syllables)
        .map(|_| SYLLABLES[rng.below(SYLLABLES.len())])
        .collect()
}

/// One token of an abstract article, rendered in a language at output time.
#[derive(Clone, Debug)]
enum Token {
    /// A content word, by vocabulary index.
    Word(usize),
    /// A name of the event, by index.
    Name(usize),
    /// A figure.
    Number(u32),
    /// End of sentence.
    Stop,
    /// End of paragraph.
    Break,
}

/// One news event: its names, figures, date and topic words.
struct Event {
    names: Vec<String>,
    figures: Vec<u32>,
    day: i32,
    topic: Vec<usize>,
}

/// The synthetic corpus: `docs` documents from `seed`.
#[derive(Clone, Debug)]
pub struct Corpus {
    docs: usize,
    seed: u64,
    vocabularies: Vec<Vec<String>>,
}

/// What the corpus planted, to check reconcile against.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Planted {
    /// Events.
    pub events: usize,
    /// Exact copies (documents that copy another).
    pub exact: usize,
    /// Near copies.
    pub near: usize,
    /// Translations.
    pub translations: usize,
}

impl Corpus {
    /// The corpus of `docs` documents drawn from `seed`.
    pub fn new(docs: usize, seed: u64) -> Corpus {
        let mut rng = Rng(seed ^ 0x766f_6361_6273);
        let vocabularies = LANGS
            .iter()
            .map(|_| {
                (0..VOCABULARY)
                    .map(|_| {
                        let n = 1 + rng.below(3);
                        word(&mut rng, n)
                    })
                    .collect()
            })
            .collect();
        Corpus {
            docs,
            seed,
            vocabularies,
        }
    }

    /// Calls `each` with every document's facts, in order, and returns what was planted.
    pub fn for_each(&self, mut each: impl FnMut(DocFacts)) -> Planted {
        let mut rng = Rng(self.seed);
        let mut planted = Planted::default();
        let mut made = 0usize;
        while made < self.docs {
            planted.events += 1;
            let event = self.event(&mut rng, planted.events);
            let articles = 1 + rng.below(3);
            for article in 0..articles {
                if made >= self.docs {
                    break;
                }
                let tokens = self.article(&mut rng, &event);
                let lang = rng.below(LANGS.len());
                let site = rng.below(400);
                each(self.facts(&tokens, &event, lang, site, made, &mut rng));
                made += 1;
                // Planted copies of this article.
                let copies = [(10, 0usize), (10, 1), (10, 2)];
                for (percent, kind) in copies {
                    if made >= self.docs || !rng.chance(percent) {
                        continue;
                    }
                    let facts = match kind {
                        0 => {
                            planted.exact += 1;
                            self.facts(&tokens, &event, lang, site + 1, made, &mut rng)
                        }
                        1 => {
                            planted.near += 1;
                            let mut edited = tokens.clone();
                            let changes = 1 + edited.len() / 40;
                            for _ in 0..changes {
                                let at = rng.below(edited.len());
                                if let Token::Word(_) = edited[at] {
                                    edited[at] = Token::Word(rng.below(VOCABULARY));
                                }
                            }
                            edited.push(Token::Break);
                            for _ in 0..6 {
                                edited.push(Token::Word(7 + rng.below(5)));
                            }
                            edited.push(Token::Stop);
                            self.facts(&edited, &event, lang, site + 2, made, &mut rng)
                        }
                        _ => {
                            planted.translations += 1;
                            let other = (lang + 1 + rng.below(LANGS.len() - 1)) % LANGS.len();
                            self.facts(&tokens, &event, other, site + 3, made, &mut rng)
                        }
                    };
                    each(facts);
                    made += 1;
                }
                let _ = article;
            }
        }
        planted
    }

    /// Every document's clean text, one per line (new lines as spaces), in order: what datasketch
    /// reads.
    pub fn texts(&self, mut each: impl FnMut(&str)) {
        self.for_each(|facts| {
            let line = facts.doc.text.replace('\n', " ");
            each(&line);
        });
    }

    fn event(&self, rng: &mut Rng, n: usize) -> Event {
        let names = (0..4 + rng.below(4))
            .map(|_| {
                let syllables = 3 + rng.below(2);
                let mut name = word(rng, syllables);
                if let Some(first) = name.get_mut(0..1) {
                    first.make_ascii_uppercase();
                }
                name
            })
            .collect();
        let figures = (0..3 + rng.below(4))
            .map(|_| 10 + rng.below(200_000) as u32)
            .collect();
        Event {
            names,
            figures,
            // Events spread over ten years, about one every two hours.
            day: 14_610 + (n / 12) as i32 + rng.below(3) as i32,
            topic: (0..30).map(|_| rng.below(VOCABULARY)).collect(),
        }
    }

    fn article(&self, rng: &mut Rng, event: &Event) -> Vec<Token> {
        let mut tokens = Vec::new();
        let paragraphs = 4 + rng.below(6);
        for _ in 0..paragraphs {
            for _ in 0..2 + rng.below(3) {
                for _ in 0..8 + rng.below(12) {
                    let roll = rng.below(100);
                    tokens.push(if roll < 8 {
                        Token::Name(rng.below(event.names.len()))
                    } else if roll < 11 {
                        Token::Number(event.figures[rng.below(event.figures.len())])
                    } else if roll < 45 {
                        Token::Word(event.topic[rng.below(event.topic.len())])
                    } else {
                        // Zipf-like common words.
                        let r = rng.below(VOCABULARY);
                        Token::Word(r * r / VOCABULARY)
                    });
                }
                tokens.push(Token::Stop);
            }
            tokens.push(Token::Break);
        }
        tokens
    }

    fn facts(
        &self,
        tokens: &[Token],
        event: &Event,
        lang: usize,
        site: usize,
        index: usize,
        rng: &mut Rng,
    ) -> DocFacts {
        let vocabulary = &self.vocabularies[lang];
        let mut text = String::with_capacity(tokens.len() * 7);
        let mut entities = Vec::new();
        let mut figures = Vec::new();
        let mut paragraphs = Vec::new();
        let mut sentences = Vec::new();
        let (mut paragraph_start, mut sentence_start) = (0usize, 0usize);
        for token in tokens {
            match token {
                Token::Word(w) => {
                    if !text.is_empty() && !text.ends_with('\n') {
                        text.push(' ');
                    }
                    text.push_str(&vocabulary[*w % VOCABULARY]);
                }
                Token::Name(k) => {
                    if !text.is_empty() && !text.ends_with('\n') {
                        text.push(' ');
                    }
                    let start = text.len();
                    text.push_str(&event.names[*k]);
                    entities.push(Mention {
                        span: Span::new(start, text.len()),
                        kind: if k % 3 == 2 {
                            EntityType::Location
                        } else {
                            EntityType::Person
                        },
                        base: event.names[*k].clone(),
                    });
                }
                Token::Number(v) => {
                    if !text.is_empty() && !text.ends_with('\n') {
                        text.push(' ');
                    }
                    let start = text.len();
                    text.push_str(&v.to_string());
                    figures.push(Figure {
                        span: Span::new(start, text.len()),
                        value: f64::from(*v),
                        value_max: None,
                        qualifier: Qualifier::Exact,
                        unit: None,
                        counted: None,
                        counted_base: None,
                        sentence: sentences.len() as u32,
                    });
                }
                Token::Stop => {
                    text.push('.');
                    sentences.push(Span::new(sentence_start, text.len()));
                    sentence_start = text.len() + 1;
                }
                Token::Break => {
                    paragraphs.push(Paragraph {
                        span: Span::new(paragraph_start, text.len()),
                        lang: LangGuess {
                            code: LANGS[lang].to_owned(),
                            confidence: 1.0,
                        },
                    });
                    text.push_str("\n\n");
                    paragraph_start = text.len();
                    sentence_start = text.len();
                }
            }
        }
        let quotes = (0..rng.below(3))
            .filter_map(|_| sentences.get(rng.below(sentences.len().max(1))).copied())
            .map(|span| Quote {
                span,
                speaker: Some(event.names[0].clone()),
                speaker_span: None,
                cue: None,
                partial: false,
            })
            .collect();
        let dated = rng.chance(85);
        let source = SourceRef::file(format!("synth/{site}/{index}.txt"));
        let content_hash = ContentHash::of(text.as_bytes());
        let dates = vec![TimeExpr {
            span: Span::new(0, 0),
            start: dated.then(|| iso(event.day - 1)),
            end: None,
            granularity: Granularity::Day,
            note: None,
        }];
        DocFacts {
            doc: CleanDoc {
                id: DocId::new(&source, content_hash),
                content_hash,
                source,
                format: InputFormat::Text,
                title: None,
                published: dated.then(|| PublishDate {
                    value: iso(event.day),
                    from: DateSource::Declared,
                }),
                site: Some(format!("site{site}.example")),
                lang: LangGuess {
                    code: LANGS[lang].to_owned(),
                    confidence: 1.0,
                },
                text,
                paragraphs,
                sentences,
                removed: Vec::new(),
                offsets: OffsetMap::default(),
                repairs: Repairs::default(),
                meta: Default::default(),
            },
            entities,
            figures,
            dates,
            quotes,
        }
    }
}

/// The figures of one benchmark run.
#[derive(Clone, Debug, PartialEq)]
pub struct Figures {
    /// Documents reconciled.
    pub docs: usize,
    /// Bytes of clean text.
    pub text_bytes: usize,
    /// Seconds spent in `push` (building digests).
    pub push_seconds: f64,
    /// Seconds spent in `finish`.
    pub finish_seconds: f64,
    /// Serialized state (all digests, with the codec) per document, in bytes.
    pub state_bytes_per_doc: f64,
    /// Stories with two or more members.
    pub stories: usize,
    /// Copy groups: exact, near, translation.
    pub groups: [usize; 3],
    /// Documents in a group of each kind.
    pub grouped: [usize; 3],
    /// What the corpus planted.
    pub planted: Planted,
}

impl Figures {
    /// Documents per second of the whole reconcile (push and finish), on one thread.
    pub fn docs_per_second(&self) -> f64 {
        self.docs as f64 / (self.push_seconds + self.finish_seconds).max(1e-9)
    }
}

/// Reconciles a synthetic corpus of `docs` documents on this thread and measures it with `clock`
/// (seconds from any origin), such as this thread's CPU time, which
/// a loaded machine does not distort.
pub fn measure_with(docs: usize, seed: u64, clock: impl Fn() -> f64) -> Figures {
    measure_digesting(docs, seed, clock, |batch, profiles| {
        batch
            .iter()
            .map(|facts| crate::digest::digest(facts, profiles))
            .collect()
    })
}

/// [`measure_with`] with each batch of documents digested by `digest_batch` (given the batch and
/// [`ReconcileConfig::profiles`]; it returns the digests in document order), for example on
/// several threads: a digest is a function of its document alone. `finish` runs on this thread.
pub fn measure_digesting(
    docs: usize,
    seed: u64,
    clock: impl Fn() -> f64,
    mut digest_batch: impl FnMut(&[DocFacts], bool) -> Vec<concord_model::DocDigest>,
) -> Figures {
    let corpus = Corpus::new(docs, seed);
    let config = ReconcileConfig::recommended();
    let mut fold = Reconciler::new(&config);
    let mut push_seconds = 0.0;
    let mut text_bytes = 0;
    // Pushed in batches so that reading the clock costs nothing per document.
    let mut batch: Vec<DocFacts> = Vec::with_capacity(1000);
    let mut push = |batch: &mut Vec<DocFacts>, fold: &mut Reconciler| {
        let started = clock();
        for digest in digest_batch(batch, config.profiles) {
            fold.push_digest(digest);
        }
        push_seconds += clock() - started;
        // Dropping the documents is the caller's cost, not reconcile's.
        batch.clear();
    };
    let planted = corpus.for_each(|facts| {
        text_bytes += facts.doc.text.len();
        batch.push(facts);
        if batch.len() == 1000 {
            push(&mut batch, &mut fold);
        }
    });
    push(&mut batch, &mut fold);
    let state = state_bytes(&fold);
    let started = clock();
    let result = fold.finish();
    let finish_seconds = clock() - started;
    let mut groups = [0usize; 3];
    let mut grouped = [0usize; 3];
    for group in &result.copies {
        groups[group.kind as usize] += 1;
        grouped[group.kind as usize] += group.docs.len();
    }
    Figures {
        docs,
        text_bytes,
        push_seconds,
        finish_seconds,
        state_bytes_per_doc: state as f64 / docs.max(1) as f64,
        stories: result.stories.iter().filter(|s| s.docs.len() > 1).count(),
        groups,
        grouped,
        planted,
    }
}

/// Bytes of a fold's state serialized with the codec (frame headers included).
pub fn state_bytes(fold: &Reconciler) -> usize {
    struct Count(usize);
    impl std::io::Write for Count {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0 += buf.len();
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let Ok(mut writer) = concord_model::codec::FrameWriter::new(Count(0), "DocDigest") else {
        return 0;
    };
    for digest in fold.digests() {
        if writer.write(digest).is_err() {
            return 0;
        }
    }
    writer.finish().map(|count| count.0).unwrap_or(0)
}
