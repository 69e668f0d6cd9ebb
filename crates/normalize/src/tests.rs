//! Whole-document tests: the five seed articles, offset maps, and determinism of the run state.

use std::sync::OnceLock;

use concord_model::{RemovalReason, SourceRef};

use super::*;

fn normalizer() -> &'static Normalizer {
    static NORMALIZER: OnceLock<Normalizer> = OnceLock::new();
    NORMALIZER.get_or_init(|| {
        Normalizer::new(&NormalizeConfig::recommended()).expect("recommended config builds")
    })
}

/// A decoded document as ingest would make it (shared by the crate's unit tests).
pub(crate) fn raw(path: &str, body: &str, media: Media) -> RawDoc {
    RawDoc::from_text(SourceRef::file(path), media, body.to_owned())
}

const SAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/samples");

/// The seed articles, in file order, normalized through a repeat tracker as the pipeline runs them.
fn seeds() -> Vec<(String, RawDoc, CleanDoc)> {
    let mut paths: Vec<_> = std::fs::read_dir(SAMPLES)
        .expect("data/samples exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let mut tracker = RepeatTracker::new(1 << 20);
    let mut ready = Vec::new();
    for path in &paths {
        let body = std::fs::read_to_string(path).expect("seed is UTF-8");
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let doc = raw(&format!("data/samples/{name}"), &body, Media::Text);
        let context = tracker.observe(&doc);
        ready.push((doc, context));
    }
    ready
        .into_iter()
        .map(|(doc, ctx)| {
            let name = doc.source.path.rsplit('/').next().unwrap_or("").to_owned();
            let clean = normalizer()
                .normalize(doc.clone(), &ctx)
                .expect("seed has text");
            (name, doc, clean)
        })
        .collect()
}

/// One seed's expected outcome.
struct Seed {
    prefix: &'static str,
    title: &'static str,
    published: Option<(&'static str, DateSource)>,
    /// Text that must be gone from `text` and listed in `removed`, with the reason.
    removed: &'static [(&'static str, RemovalReason)],
    /// Text that must stay.
    kept: &'static [&'static str],
}

const SEEDS: &[Seed] = &[
    Seed {
        prefix: "000",
        title: "Krisis Ukraina, Biden menyebut Putin: \"Mari bertemu di negara ketiga\"",
        published: None,
        removed: &[("Krisis Ukraina, Biden menyebut Putin", RemovalReason::Title)],
        kept: &[
            "Moskow harus \"meredakan ketegangan\"",
            "Selama 2021 mereka 29 tentara Ukraina",
        ],
    },
    Seed {
        prefix: "001",
        title: "Ukraine-Krise, nennt Biden Putin: \"Treffen wir uns in einem Drittland\"",
        published: None,
        removed: &[("Ukraine-Krise, nennt Biden Putin", RemovalReason::Title)],
        kept: &["Moskau muss \"Spannungen abbauen\"", "ungefähr 50 Tote."],
    },
    Seed {
        prefix: "002",
        title: "Threat of invasion of Ukraine: Putin and Biden meet on Tuesday",
        published: Some(("2021-12-05T09:28:38Z", DateSource::Dateline)),
        removed: &[
            ("The Limited Times", RemovalReason::Navigation),
            (
                "Now you can see non-English news...",
                RemovalReason::Navigation,
            ),
            (
                "Threat of invasion of Ukraine: Putin and Biden meet on Tuesday",
                RemovalReason::Title,
            ),
            ("2021-12-05T09:28:38.493Z", RemovalReason::Metadata),
            (
                "Read alsoUkraine: 5 minutes to understand",
                RemovalReason::Teaser,
            ),
            (
                "VIDEO \"Ukraine will retaliate without hesitation\"",
                RemovalReason::Teaser,
            ),
            ("Source: leparis", RemovalReason::Metadata),
            (
                "All news articles on 2021-12-05",
                RemovalReason::Boilerplate,
            ),
            ("You may like", RemovalReason::Navigation),
            ("Trends 24h", RemovalReason::Navigation),
            (
                "News/Politics 2024-04-18T09:29:37.790Z",
                RemovalReason::Metadata,
            ),
            (
                "News/Politics 2024-04-18T11:17:37.535Z",
                RemovalReason::Metadata,
            ),
            ("Latest", RemovalReason::Navigation),
            ("© Communities 2019 - Privacy", RemovalReason::Legal),
            (
                "The information on this site is from external sources",
                RemovalReason::Legal,
            ),
            (
                "The inclusion of any links does not necessarily imply",
                RemovalReason::Legal,
            ),
        ],
        kept: &[
            "The Russian and American presidents have not spoken",
            "\"I expect that we will have a long discussion with Putin\"",
            "Russia consistently denies carrying out or hosting cyber attacks.",
        ],
    },
    Seed {
        prefix: "003",
        title: "Biden and Putin spoke on the phone about the conflict in Ukraine",
        published: None,
        removed: &[
            ("Biden and Putin spoke on the phone", RemovalReason::Title),
            ("biden putin getty comp", RemovalReason::Caption),
            ("Source: with Agencies", RemovalReason::Metadata),
            ("All comments.", RemovalReason::Comments),
        ],
        kept: &[
            "\"Decrease the tension and continue to talk\"",
            "Joe Biden proposed to Vladimir Putin",
        ],
    },
    Seed {
        prefix: "004",
        title: "Russia hopes for \"contact\" between Vladimir Putin and Joe Biden to ease tensions in Ukraine",
        published: None,
        removed: &[
            ("Russia hopes for \"contact\" between", RemovalReason::Title),
            (
                "Read also Article reserved for our subscribers",
                RemovalReason::Teaser,
            ),
            (
                "Read also Tensions between Russia and Ukraine",
                RemovalReason::Teaser,
            ),
            (
                "We would love to say thanks to the writer of this post",
                RemovalReason::Spam,
            ),
        ],
        kept: &[
            "Multiple topics of tension",
            "Blinken-Lavrov maintenance",
            "Moscow said it hoped for a \"contact\" between",
            "all OSCE members",
        ],
    },
];

#[test]
fn seeds_titles_dates_and_chrome() {
    let seeds = seeds();
    assert_eq!(seeds.len(), SEEDS.len());
    for ((name, _, clean), want) in seeds.iter().zip(SEEDS) {
        assert!(name.starts_with(want.prefix), "{name}");
        assert_eq!(clean.title.as_deref(), Some(want.title), "{name}");
        let published = clean.published.as_ref().map(|p| (p.value.as_str(), p.from));
        assert_eq!(published, want.published, "{name}");
        for (piece, reason) in want.removed {
            let hit = clean.removed.iter().find(|r| r.text.starts_with(piece));
            assert_eq!(
                hit.map(|r| r.reason),
                Some(*reason),
                "{name}: {piece:?} in {:#?}",
                clean.removed
            );
            if *reason != RemovalReason::Title {
                assert!(
                    !clean.text.contains(piece),
                    "{name}: {piece:?} left in text"
                );
            }
        }
        for piece in want.kept {
            assert!(
                clean.text.contains(piece),
                "{name}: {piece:?} missing from text"
            );
        }
        // The title is in `title`, never in the text.
        assert!(!clean.text.contains(want.title), "{name}: title in text");
        assert!(
            clean.paragraphs.len() >= 8,
            "{name}: {} paragraphs",
            clean.paragraphs.len()
        );
        assert!(!clean.sentences.is_empty());
    }
    // 004 also loses its sign-off, and nothing else.
    let (_, _, c004) = &seeds[4];
    let reasons: Vec<&str> = c004.removed.iter().map(|r| r.text.as_str()).collect();
    assert_eq!(reasons.len(), 6, "{reasons:#?}");
    assert!(reasons.contains(&"The World with AFP"));
}

#[test]
fn seeds_languages() {
    let expected = ["id", "de", "en", "en", "en"];
    for ((name, _, clean), code) in seeds().iter().zip(expected) {
        assert_eq!(clean.lang.code, code, "{name}");
        assert!(
            clean.lang.confidence > 0.5,
            "{name}: {}",
            clean.lang.confidence
        );
        let agreeing = clean
            .paragraphs
            .iter()
            .filter(|p| p.lang.code == code)
            .count();
        assert!(
            agreeing * 10 >= clean.paragraphs.len() * 8,
            "{name}: {agreeing} of {}",
            clean.paragraphs.len()
        );
    }
}

/// Every paragraph, sentence and word maps back to raw text that starts the same way (up to
/// repairs: compared on letters and digits only; in HTML after markup is dropped and references
/// are decoded, and never inside a tag), and every removed piece's offset points at it.
#[track_caller]
fn check_offsets(doc: &RawDoc, clean: &CleanDoc) {
    let alnum = |s: &str, n: usize| -> String {
        s.chars().filter(|c| c.is_alphanumeric()).take(n).collect()
    };
    let html = doc.media == Media::Html;
    // The raw text at `at`, tags dropped and repaired, compared on its first letters and digits.
    let raw_alnum = |at: usize, n: usize| -> String {
        let rest = doc.body.get(at..).unwrap_or("");
        let cut = rest.char_indices().nth(4000).map_or(rest.len(), |(i, _)| i);
        let rest = &rest[..cut];
        let text = if html {
            let mut out = String::new();
            let mut in_tag = false;
            for c in rest.chars() {
                match c {
                    '<' => in_tag = true,
                    '>' if in_tag => in_tag = false,
                    _ if !in_tag => out.push(c),
                    _ => {}
                }
            }
            out
        } else {
            rest.to_owned()
        };
        alnum(&repair::repair(&text, 0).text, n)
    };
    let words = split_words(&clean.text).map(|(at, w)| Span::new(at, at + w.len()));
    let spans = clean
        .paragraphs
        .iter()
        .map(|p| p.span)
        .chain(clean.sentences.iter().copied())
        .chain(words);
    for span in spans {
        let raw_at = clean.offsets.to_raw(span.start as usize);
        let want = alnum(span.of(&clean.text), 12);
        if html {
            // Clean text never maps into markup.
            assert!(
                !doc.body[raw_at..].starts_with('<'),
                "span {:?} -> raw {raw_at}: {:?}",
                span.of(&clean.text),
                &doc.body[raw_at..]
            );
        }
        assert_eq!(
            raw_alnum(raw_at, want.chars().count()),
            want,
            "span {:?} -> raw {raw_at}: {:?}",
            span.of(&clean.text),
            doc.body.get(raw_at..).unwrap_or("")
        );
    }
    for r in &clean.removed {
        if r.reason == RemovalReason::Markup {
            continue; // script and style summaries are not text
        }
        // HTML removed pieces are decoded but not repaired: compare both sides repaired.
        let want = alnum(
            &repair::repair_with(&r.text, 0, repair::References::Keep).text,
            8,
        );
        assert_eq!(
            raw_alnum(r.raw_offset as usize, want.chars().count()),
            want,
            "removed {:?}",
            r.text
        );
    }
}

#[test]
fn seeds_offsets_map_back() {
    for (_, doc, clean) in seeds() {
        check_offsets(&doc, &clean);
    }
}

/// Normalizes `body` alone and checks its text, title and offsets.
#[track_caller]
fn check_doc(body: &str, title: Option<&str>, text: &str) {
    let doc = raw("x/doc.txt", body, Media::Text);
    let clean = normalizer()
        .normalize(doc.clone(), &RunContext::none())
        .expect("has text");
    assert_eq!(clean.title.as_deref(), title);
    assert_eq!(clean.text, text);
    check_offsets(&doc, &clean);
    // Every clean offset inside a word maps to a raw offset inside the body.
    for c in 0..=clean.text.len() {
        assert!(clean.offsets.to_raw(c) <= doc.body.len() + 4);
    }
}

#[test]
fn repaired_documents_map_back() {
    check_doc(
        "Caf\u{e9} owners say \u{201c}pr\u{e8}s\u{201d}\n\nThe g\u{c3}\u{bc}nl\u{c3}\u{bc}k report &amp; the \u{e2}\u{80}\u{9c}review\u{e2}\u{80}\u{9d} were published on Monday.\n\n  Spaced    out   line\u{a0}with   gaps, and it is a sentence too.",
        Some("Café owners say \"près\""),
        "The günlük report & the \"review\" were published on Monday.\n\nSpaced out line with gaps, and it is a sentence too.",
    );
}

/// A news page with inline markup, references and white-space runs inside its paragraphs.
const HTML_PAGE: &str = "<!DOCTYPE html><html><head><title>Summit talks | Example News</title>
<meta property=\"og:site_name\" content=\"Example News\"></head><body>
<nav><a href=\"/\">Home</a> <a href=\"/world\">World</a> <a href=\"/sport\">Sport</a></nav>
<article><h1>Summit   talks</h1>
<p>The <b>Kremlin</b> said on   Tuesday that <a href=\"/putin\">Vladimir <em>Putin</em></a> would
   meet <i>Joe&nbsp;Biden</i> in Geneva &ndash; a caf&eacute; owner there &amp; his staff were told
   &ldquo;to expect crowds&rdquo;. Officials said the talks would last two days.</p>
<p>Ukraine&rsquo;s   envoy <span class=\"name\">Oleh&#160;Nikolenko</span> welcomed the meeting.
He said the region needed &#8220;calm, not threats&#8221; and that 29&nbsp;soldiers died in 2021.</p>
<p>A page that shows markup writes it as &amp;lt;b&amp;gt; in its source, and readers see &lt;b&gt;
  literally: the text keeps <code>&amp;lt;b&amp;gt;</code> as &lt;b&gt; and nothing more.</p>
</article><footer>&copy; 2021 Example News. All rights reserved.</footer></body></html>";

#[test]
fn html_offsets_map_back() {
    let doc = raw("x/page.html", HTML_PAGE, Media::Html);
    let clean = normalizer()
        .normalize(doc.clone(), &RunContext::none())
        .expect("has text");
    assert_eq!(clean.title.as_deref(), Some("Summit talks"));
    assert_eq!(clean.paragraphs.len(), 3, "{}", clean.text);
    assert!(
        clean.text.starts_with(
            "The Kremlin said on Tuesday that Vladimir Putin would meet Joe Biden in Geneva - a café \
             owner there & his staff were told \"to expect crowds\"."
        ),
        "{}",
        clean.text
    );
    check_offsets(&doc, &clean);
    // Words after inline tags, references and white-space runs map to themselves exactly.
    for (word, raw_form) in [
        ("Kremlin", "Kremlin</b>"),
        ("said on", "said on"),
        ("Tuesday", "Tuesday"),
        ("Putin", "Putin</em>"),
        ("meet", "meet <i>"),
        ("Biden", "Biden</i>"),
        ("- a", "&ndash; a"),
        ("café", "caf&eacute;"),
        ("& his", "&amp; his"),
        ("\"to", "&ldquo;to"),
        ("'s", "&rsquo;s"),
        ("Nikolenko", "Nikolenko</span>"),
        ("\"calm", "&#8220;calm"),
        ("soldiers", "soldiers"),
        ("&lt;b&gt;", "&amp;lt;b&amp;gt;"),
        ("<b>", "&lt;b&gt;"),
    ] {
        let at = clean.text.find(word).expect(word);
        let raw_at = clean.offsets.to_raw(at);
        assert!(
            HTML_PAGE[raw_at..].starts_with(raw_form),
            "{word:?} -> raw {raw_at}: {:?}",
            &HTML_PAGE[raw_at..raw_at + 30]
        );
    }
    // The map stays compact: an anchor only where the correspondence jumps.
    for w in clean.offsets.anchors.windows(2) {
        assert_ne!(w[0].1 + (w[1].0 - w[0].0), w[1].1, "redundant anchor {w:?}");
    }
}

/// Normalizes `body` as `media` and compares the clean text and the entities repaired.
#[track_caller]
fn check_references(body: &str, media: Media, text: &str, entities: u32) {
    let doc = raw("x/doc", body, media);
    let clean = normalizer()
        .normalize(doc.clone(), &RunContext::none())
        .expect("has text");
    assert_eq!(clean.text, text);
    assert_eq!(clean.repairs.entities, entities, "{body:?}");
    check_offsets(&doc, &clean);
}

#[test]
fn references_are_decoded_once() {
    let sentence =
        "Officials said on Tuesday that the talks would last two days and end with a statement.";
    // HTML: the page's `&amp;lt;b&amp;gt;` shows `&lt;b&gt;`, never `<b>`.
    check_references(
        &format!(
            "<html><body><article><p>{sentence} They wrote &amp;lt;b&amp;gt; and &amp;amp; there.</p></article></body></html>"
        ),
        Media::Html,
        &format!("{sentence} They wrote &lt;b&gt; and &amp; there."),
        3,
    );
    check_references(
        &format!(
            "<html><body><article><p>{sentence} Caf&eacute; &alpha;&infin;&check;&star; &#8220;x&#8221;</p></article></body></html>"
        ),
        Media::Html,
        &format!("{sentence} Café α∞✓☆ \"x\""),
        7,
    );
    // Plain text that carries escaped HTML is decoded once, with the same table.
    check_references(
        &format!(
            "{sentence} They wrote &amp;lt;b&amp;gt; and caf&eacute; &alpha;&infin;&check;&star;."
        ),
        Media::Text,
        &format!("{sentence} They wrote &lt;b&gt; and café α∞✓☆."),
        7,
    );
}

#[test]
fn empty_after_cleaning_is_an_issue() {
    let doc = raw(
        "x/doc.txt",
        "Advertisement\n\nShare\n\n© 2021 Example",
        Media::Text,
    );
    let issue = normalizer()
        .normalize(doc.clone(), &RunContext::none())
        .expect_err("no content");
    assert_eq!(issue.kind, IssueKind::NoContent);
    assert_eq!(issue.stage, Stage::Normalize);
    assert_eq!(issue.doc, Some(doc.id));
}

/// A document of one line is its own content, whatever cue or title shape the line has: headline
/// feeds and wire snippets are documents. Two lines of chrome still leave nothing.
#[test]
fn a_one_line_document_is_kept() {
    for line in [
        "Chissà cosa avranno da chiedergli.",
        "Pada tahun 1527 ketika armada Portugis datang, kota itu sudah ramai.",
        "Wie stelle ich meinen Antrag?",
        "Courses by Name | Courses by Area | Course Descriptions (by Number)",
        "Ты веришь мне?",
        "واستغرقت أعمال هذه الندوة يومين،",
    ] {
        let clean = normalizer()
            .normalize(raw("x/line.txt", line, Media::Text), &RunContext::none())
            .unwrap_or_else(|issue| panic!("{line:?}: {}", issue.message));
        assert_eq!(clean.text, line);
        assert!(clean.removed.is_empty(), "{line:?}: {:?}", clean.removed);
    }
    let issue = normalizer()
        .normalize(
            raw("x/two.txt", "Advertisement\n\nShare", Media::Text),
            &RunContext::none(),
        )
        .expect_err("two lines of chrome");
    assert_eq!(issue.kind, IssueKind::NoContent);
}

/// Normalizes `body` as `media` with chrome removal on or off and checks the NoContent message.
#[track_caller]
fn check_no_content(body: &str, media: Media, strip_chrome: bool, message: &str) {
    let normalizer = Normalizer::new(&NormalizeConfig {
        strip_chrome,
        ..NormalizeConfig::recommended()
    })
    .expect("config builds");
    let issue = normalizer
        .normalize(raw("x/doc", body, media), &RunContext::none())
        .expect_err("no content");
    assert_eq!(issue.kind, IssueKind::NoContent);
    assert_eq!(issue.message, message);
}

#[test]
fn no_content_says_what_was_cleaned() {
    check_no_content(
        "Advertisement\n\nShare\n\n© 2021 Example",
        Media::Text,
        true,
        "no article text left after cleaning plain text (3 pieces removed, chrome removal on)",
    );
    check_no_content(
        " \n\u{200b}\n ",
        Media::Text,
        false,
        "no article text left after cleaning plain text (0 pieces removed, chrome removal off)",
    );
    check_no_content(
        "<html><body><nav><a href=\"/\">Home</a></nav><script>var x = 1;</script></body></html>",
        Media::Html,
        true,
        "no article text left after cleaning HTML (2 pieces removed, chrome removal on)",
    );
    check_no_content(
        "<html><body><p> &nbsp; </p></body></html>",
        Media::Html,
        false,
        "no article text left after cleaning HTML (0 pieces removed, chrome removal off)",
    );
}

/// A site's banner and footer are removed as repeated from the second document on (the first has no
/// evidence yet), and the answer does not depend on the statistics' budget while it holds them.
#[test]
fn repeat_tracker_drives_removal_deterministically() {
    let docs: Vec<RawDoc> = (0..6)
        .map(|i| {
            raw(
                &format!("site/{i}.txt"),
                &format!(
                    "Daily Example\n\nHeadline number {i} about the summit today\n\nThe summit number {i} took place on Tuesday in Geneva, officials said.\n\nMore news at Daily Example every morning before breakfast, and more.\n\nPublished under the example licence"
                ),
                Media::Text,
            )
        })
        .collect();
    let run = |budget: usize| -> Vec<CleanDoc> {
        let mut tracker = RepeatTracker::new(budget);
        docs.iter()
            .map(|d| {
                let ctx = tracker.observe(d);
                normalizer().normalize(d.clone(), &ctx).expect("text")
            })
            .collect()
    };
    let first = run(1 << 20);
    for clean in &first[1..] {
        assert!(
            clean.text.starts_with("The summit number"),
            "{}\n{:#?}",
            clean.text,
            clean.removed
        );
        assert!(!clean.text.contains("Daily Example"), "{}", clean.text);
        assert!(
            clean
                .removed
                .iter()
                .any(|r| r.reason == RemovalReason::Repeated)
        );
    }
    assert!(first[0].text.contains("The summit number 0"));
    assert_eq!(run(1 << 16), first);
}

/// Articles of one site that reuse wire paragraphs keep all their prose: repetition removes chrome,
/// never an article's body, and never empties a document.
#[test]
fn shared_wire_paragraphs_are_never_deleted() {
    let wire = [
        "Russian troops have massed near the border with Ukraine, according to Western officials who spoke on condition of anonymity.",
        "The Kremlin has repeatedly denied any plan to invade and accuses NATO of provoking tensions in the region.",
        "Talks between the two presidents are expected to last about two hours, a spokesman said on Saturday.",
        "Ukraine says it has been fighting separatists backed by Moscow in the east of the country since 2014.",
    ];
    // Snippet feeds drop the final stop: such lines do not read as sentences.
    let snippets = wire.map(|paragraph| paragraph.trim_end_matches('.'));
    check_wire(&wire);
    check_wire(&snippets);
}

#[track_caller]
fn check_wire(wire: &[&str]) {
    let mut tracker = RepeatTracker::new(1 << 20);
    for i in 0..20 {
        let mut body = String::from("Example Wire Service\n\n");
        // Every article is made of wire paragraphs only, in an order of its own.
        for k in 0..3 {
            body.push_str(wire[(i + k) % wire.len()]);
            body.push_str("\n\n");
        }
        body.push_str("Copyright Example Wire Service");
        let doc = raw(&format!("wire/{i}.txt"), &body, Media::Text);
        let ctx = tracker.observe(&doc);
        let clean = normalizer()
            .normalize(doc, &ctx)
            .unwrap_or_else(|issue| panic!("document {i} lost: {issue}"));
        for k in 0..3 {
            let paragraph = wire[(i + k) % wire.len()];
            // A first line without a stop may be taken for the headline: kept as the title.
            let kept = clean.text.contains(paragraph) || clean.title.as_deref() == Some(paragraph);
            assert!(kept, "document {i} lost {paragraph:?}: {}", clean.text);
        }
    }
}

/// Hostile inputs: never a panic, offsets inside the body, text or a NoContent issue.
#[test]
fn hostile_inputs_never_panic() {
    let inputs = [
        "",
        "&",
        "&#",
        "&#x110000;",
        "&#0;",
        "&#xD800;",
        "Ã",
        "â€",
        "Â",
        "\u{301}",
        "a\u{301}\u{302}\u{303}",
        "«",
        "»",
        " »",
        "\r",
        "\r\n\r\n",
        "\u{2029}\u{2029}",
        "\u{feff}\u{feff}",
        "2021-13-45T99:99",
        "31.12.9999 99:99",
        "December 99, 2021",
        "©",
        "Read also",
        "\n\n\n",
        "x\u{0}y",
        "Title line here now\n2021-12-05T09:28:38.493Z",
        "日本語のテキストです。これは文です。",
        "مرحبا بالعالم. هذا نص عربي طويل بما فيه الكفاية ليكون جملة كاملة.",
    ];
    for input in inputs {
        for media in [Media::Text, Media::Html] {
            let doc = raw("x/doc.txt", input, media);
            match normalizer().normalize(doc.clone(), &RunContext::none()) {
                Ok(clean) => {
                    assert!(!clean.text.trim().is_empty());
                    for c in 0..=clean.text.len() {
                        assert!(clean.offsets.to_raw(c) <= doc.body.len() + 4, "{input:?}");
                    }
                    for r in &clean.removed {
                        assert!(r.raw_offset as usize <= doc.body.len(), "{input:?}");
                    }
                }
                Err(issue) => assert_eq!(issue.kind, IssueKind::NoContent, "{input:?}"),
            }
        }
    }
}

// The named steps of `Normalizer::normalize`, one test each.

#[test]
fn prepare_repairs_text_and_reduces_html_to_blocks() {
    let (text, page) = prepare("Caf\u{e9}  and\n\nmore", Media::Text, None);
    assert_eq!(text.text, "Caf\u{e9}  and\n\nmore");
    assert!(text.mode == Mode::Text);
    assert!(page.title.is_none() && page.removed.is_empty());
    let html = "<html><head><title>T</title></head><body><nav>Home</nav>\
                <p>One\nline.</p><p>Two.</p></body></html>";
    let (blocks, page) = prepare(html, Media::Html, None);
    assert!(blocks.mode == Mode::Blocks);
    // One line per block; line breaks inside a block are spaces.
    assert!(blocks.text.contains("One line.\n"), "{:?}", blocks.text);
    assert_eq!(page.title.as_deref(), Some("T"));
}

fn check_declared_or_found(declared: Option<&str>, found: Option<&str>, expected: Option<&str>) {
    let got = declared_or_found(declared, found);
    assert_eq!(got.as_deref(), expected, "{declared:?} {found:?}");
}

#[test]
fn declared_fields_win_over_found_ones() {
    check_declared_or_found(Some(" A  &amp; B "), Some("C"), Some("A & B"));
    // A found value is decoded already: a literal reference stays.
    check_declared_or_found(None, Some("A &amp; B"), Some("A &amp; B"));
    check_declared_or_found(Some("  "), Some("C"), None);
    check_declared_or_found(None, None, None);
}

#[test]
fn assemble_keeps_content_units_as_paragraphs() {
    let (prepared, _) = prepare("Kept  one\nAdvertisement\nKept two", Media::Text, None);
    let units = lines::units(&prepared.text, true);
    assert_eq!(units.len(), 3);
    let verdicts = [
        Verdict::Keep,
        Verdict::Remove(RemovalReason::Boilerplate),
        Verdict::Keep,
    ];
    let mut removed = Vec::new();
    let clean = normalizer().assemble(&prepared, &units, &verdicts, &mut removed);
    assert_eq!(clean.text, "Kept one\n\nKept two");
    let paragraphs: Vec<&str> = clean.paragraphs.iter().map(|s| s.of(&clean.text)).collect();
    assert_eq!(paragraphs, ["Kept one", "Kept two"]);
    assert_eq!(removed.len(), 1);
    assert_eq!(removed[0].raw_offset, 10);
    // Offsets map back to the raw body: "two" is at byte 29 of the input.
    assert_eq!(clean.offsets.to_raw(clean.text.len() - 3), 29);
    let keep_all = Normalizer::new(&NormalizeConfig {
        strip_chrome: false,
        ..NormalizeConfig::recommended()
    })
    .expect("config builds");
    let mut removed = Vec::new();
    let clean = keep_all.assemble(&prepared, &units, &verdicts, &mut removed);
    assert_eq!(clean.paragraphs.len(), 3);
    assert!(removed.is_empty());
}

fn assembled(paragraphs: &[&str]) -> Assembled {
    let text = paragraphs.join("\n\n");
    let mut spans = Vec::new();
    let mut at = 0;
    for p in paragraphs {
        spans.push(Span::new(at, at + p.len()));
        at += p.len() + 2;
    }
    Assembled {
        text,
        offsets: OffsetMap::default(),
        paragraphs: spans,
    }
}

#[test]
fn languages_fall_back_to_the_declared_one() {
    let german =
        assembled(&["Der Bundeskanzler sagte am Sonntag, dass die Regierung handeln werde."]);
    let (lang, paragraphs) = normalizer().languages(&german, Some("fr"));
    assert_eq!(lang.code, "de");
    assert_eq!(paragraphs.len(), 1);
    let short = assembled(&["OK"]);
    let (lang, _) = normalizer().languages(&short, Some("en-GB"));
    assert_eq!((lang.code.as_str(), lang.confidence), ("en", 0.0));
    let (lang, _) = normalizer().languages(&short, Some("english"));
    assert_eq!(lang.code, "und");
}

#[test]
fn sentences_follow_each_paragraphs_language() {
    let clean = assembled(&[
        "Am 7. Dezember kam er. Dann ging er.",
        "Dr. Who came. He left.",
    ]);
    let guess = |code: &str| LangGuess {
        code: code.to_owned(),
        confidence: 1.0,
    };
    // German keeps "7. Dezember" together; the second paragraph takes the document's language.
    let (paragraphs, sentences) =
        sentences_of(&clean, vec![guess("de"), guess("und")], &guess("en"));
    assert_eq!(paragraphs.len(), 2);
    assert_eq!(paragraphs[1].lang.code, "und");
    let texts: Vec<&str> = sentences.iter().map(|s| s.of(&clean.text)).collect();
    assert_eq!(
        texts,
        [
            "Am 7. Dezember kam er.",
            "Dann ging er.",
            "Dr. Who came.",
            "He left."
        ]
    );
}
