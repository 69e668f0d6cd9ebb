//! Data-driven checks of the extractor on small hand-made pages.

use concord_model::{DateSource, RemovalReason};

use super::{BlockKind, extract};

/// Three paragraphs long enough to count as an article.
const BODY: &str = "<p>The city council voted on Tuesday to expand the tram network, adding three new lines that will connect the northern suburbs with the harbour district.</p>
<p>Officials said construction would begin next spring and last about four years, with the first line opening to passengers in 2027, according to the plan.</p>
<p>Opposition members criticised the cost, which they put at more than two billion euros, and asked for an independent review of the passenger forecasts.</p>";

fn page(head: &str, body: &str) -> String {
    format!("<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>")
}

/// Extracts `html` and compares the kept blocks with `expected` (prefixes of each block's text).
fn check(html: &str, expected: &[&str]) {
    let article = extract(html, None);
    let got: Vec<&str> = article.blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(
        got.len(),
        expected.len(),
        "blocks: {got:#?}\nremoved: {:#?}",
        article.removed
    );
    for (g, e) in got.iter().zip(expected) {
        assert!(g.starts_with(e), "block {g:?} should start with {e:?}");
    }
}

/// Checks that a removed piece starting with `text` has `reason`.
fn check_removed(html: &str, text: &str, reason: RemovalReason) {
    let article = extract(html, None);
    let found = article.removed.iter().find(|r| r.text.starts_with(text));
    assert_eq!(
        found.map(|r| r.reason),
        Some(reason),
        "removed {text:?}: {:#?}",
        article.removed
    );
}

fn check_meta(
    html: &str,
    url: Option<&str>,
    title: Option<&str>,
    published: Option<(&str, DateSource)>,
    site: Option<&str>,
) {
    let a = extract(html, url);
    assert_eq!(a.title.as_deref(), title, "title");
    assert_eq!(
        a.published.as_ref().map(|(d, s)| (d.as_str(), *s)),
        published,
        "published"
    );
    assert_eq!(a.site.as_deref(), site, "site");
}

#[test]
fn article_between_navigation_and_footer() {
    let html = page(
        "<title>Trams - Daily</title><style>p{color:red}</style>",
        &format!(
            "<nav><ul><li><a href=/>Home</a></li><li><a href=/w>World</a></li></ul></nav>
             <main><article><h1>Trams</h1>{BODY}
             <div class=share-bar><a href=#>Share on Facebook</a></div></article></main>
             <footer><p>© 2024 Daily News. All rights reserved.</p></footer>"
        ),
    );
    check(
        &html,
        &["The city council", "Officials said", "Opposition members"],
    );
    check_removed(&html, "Home", RemovalReason::Navigation);
    check_removed(&html, "Share on Facebook", RemovalReason::Share);
    check_removed(&html, "© 2024", RemovalReason::Navigation);
    check_removed(&html, "Trams", RemovalReason::Title);
    check_removed(&html, "p{color:red}", RemovalReason::Markup);
}

#[test]
fn non_english_page_with_comments_and_related() {
    let html = page(
        "<meta property=\"og:site_name\" content=\"Stadtblatt\"><title>Neue Straßenbahn | Stadtblatt</title>",
        "<div class=\"artikel-inhalt\"><h1>Neue Straßenbahn für den Norden</h1>
         <p>Der Stadtrat hat am Dienstag den Ausbau des Straßenbahnnetzes beschlossen; drei neue Linien sollen die nördlichen Vororte mit dem Hafen verbinden.</p>
         <p>Die Bauarbeiten beginnen nach Angaben der Verwaltung im kommenden Frühjahr und dauern etwa vier Jahre, die erste Linie soll 2027 fahren.</p>
         <p>Die Opposition kritisierte die Kosten von mehr als zwei Milliarden Euro und verlangte eine unabhängige Prüfung der Fahrgastprognosen.</p></div>
         <div class=\"weitere-artikel\"><h3>Weitere Artikel</h3><ul>
         <li><a href=/a>Hafenfest lockt tausende Besucher an den Kai</a></li>
         <li><a href=/b>Neue Radwege im Süden der Stadt eröffnet</a></li></ul></div>
         <section id=\"kommentare\"><h3>Kommentare</h3>
         <p>Endlich! Darauf warten wir im Norden schon seit zwanzig Jahren, das wurde auch wirklich Zeit für unsere Stadt.</p></section>",
    );
    check(
        &html,
        &["Der Stadtrat", "Die Bauarbeiten", "Die Opposition"],
    );
    check_removed(&html, "Endlich!", RemovalReason::Comments);
    check_removed(&html, "Hafenfest", RemovalReason::Teaser);
    check_meta(
        &html,
        None,
        Some("Neue Straßenbahn"),
        None,
        Some("Stadtblatt"),
    );
}

#[test]
fn article_in_divs_without_paragraphs() {
    let html = page(
        "",
        "<div id=menu><a href=/>Start</a> <a href=/x>News</a></div>
         <div class=story>The city council voted on Tuesday to expand the tram network, adding three new lines to the north.<br><br>
         Officials said construction would begin next spring and last about four years, with the first line in 2027.<br><br>
         <div>Opposition members criticised the cost, which they put at more than two billion euros.</div></div>
         <div class=sidebar><a href=/p>Popular: Harbour festival draws crowds</a></div>",
    );
    check(
        &html,
        &["The city council", "Officials said", "Opposition members"],
    );
    check_removed(&html, "Start", RemovalReason::Navigation);
}

#[test]
fn comments_and_related_articles_are_removed() {
    let html = page(
        "",
        &format!(
            "<div class=post-body>{BODY}</div>
             <div class=related-posts><h4>Related</h4><ul><li><a href=/1>Bus fares rise again in the new year</a></li>
             <li><a href=/2>Harbour bridge closed for repairs this weekend</a></li></ul></div>
             <div id=comments><div class=comment><p>I have waited for this for years and I am very glad that the council finally listened to the people of the north.</p></div>
             <div class=comment><p>Two billion euros is far too much money for three lines, the review should have been done before the vote.</p></div></div>"
        ),
    );
    check(
        &html,
        &["The city council", "Officials said", "Opposition members"],
    );
    check_removed(&html, "I have waited", RemovalReason::Comments);
    check_removed(&html, "Bus fares", RemovalReason::Teaser);
}

#[test]
fn block_kinds() {
    let html = page(
        "",
        &format!(
            "<article>{BODY}<h2>What happens next</h2><blockquote><p>We will build it on time and on budget, and we will publish every contract.</p></blockquote>
             <ul><li>Line 1 to the harbour district, through the old town and the station.</li></ul></article>"
        ),
    );
    let a = extract(&html, None);
    let kinds: Vec<BlockKind> = a.blocks.iter().map(|b| b.kind).collect();
    assert_eq!(
        kinds,
        [
            BlockKind::Paragraph,
            BlockKind::Paragraph,
            BlockKind::Paragraph,
            BlockKind::Heading,
            BlockKind::Quote,
            BlockKind::ListItem
        ]
    );
}

#[test]
fn raw_offsets_point_at_the_text() {
    let html = page("", &format!("<article>{BODY}</article>"));
    let a = extract(&html, None);
    for b in &a.blocks {
        assert!(html[b.raw_offset..].starts_with(&b.text[..20]), "{b:?}");
    }
    for r in &a.removed {
        assert!((r.raw_offset as usize) < html.len());
    }
}

#[test]
fn dates_titles_and_sites() {
    let json_ld = r#"<script type="application/ld+json">{"@type":"NewsArticle","headline":"Trams","datePublished":"2021-12-05T10:30:00+01:00","publisher":{"@type":"Organization","name":"Daily \u0026 Co"}}</script>"#;
    check_meta(
        &page(&format!("<title>Trams to the north</title>{json_ld}"), BODY),
        None,
        Some("Trams to the north"),
        Some(("2021-12-05T10:30:00+01:00", DateSource::JsonLd)),
        Some("Daily & Co"),
    );
    check_meta(
        &page(
            "<meta property=\"article:published_time\" content=\"2019-11-19T09:44:09Z\"><meta property=\"og:title\" content=\"Trams &amp; buses\"><meta property=\"og:site_name\" content=\"Daily\">",
            BODY,
        ),
        None,
        Some("Trams & buses"),
        Some(("2019-11-19T09:44:09Z", DateSource::Meta)),
        Some("Daily"),
    );
    check_meta(
        &page(
            "<title>Trams to the north - Daily News</title>",
            &format!("<h1>Trams to the north</h1><time datetime=\"2020-02-03\">3 Feb</time>{BODY}"),
        ),
        None,
        Some("Trams to the north"),
        Some(("2020-02-03", DateSource::Dateline)),
        None,
    );
    check_meta(
        &page("", BODY),
        Some("https://example.org/news/2021/12/05/trams.html"),
        None,
        Some(("2021-12-05", DateSource::Url)),
        None,
    );
    // Implausible dates are skipped, not guessed.
    check_meta(
        &page("<meta name=\"date\" content=\"9999-99-99\">", BODY),
        Some("https://example.org/p/123"),
        None,
        None,
        None,
    );
}

#[test]
fn entities_and_white_space() {
    let html = page(
        "",
        "<article><p>Caf&eacute; &amp; bar&nbsp;&mdash; &#8220;open&#x201D;   again, since the council approved the new licence for the terrace on Monday.</p></article>",
    );
    check(
        &html,
        &["Café & bar — “open” again, since the council approved"],
    );
}

#[test]
fn scripts_are_summarised_and_bounded() {
    let long = "var x = 1;".repeat(1000);
    let html = page(&format!("<script>{long}</script>"), BODY);
    let a = extract(&html, None);
    let script = a
        .removed
        .iter()
        .find(|r| r.reason == RemovalReason::Markup)
        .expect("script summary");
    assert!(script.text.chars().count() <= 81, "{}", script.text.len());
}

#[test]
fn never_panics_on_malformed_input() {
    let deep = "<div>".repeat(100_000) + "text" + &"</div>".repeat(10);
    let huge_attr = format!("<p class=\"{}\">x</p>", "a".repeat(1_000_000));
    let cases = [
        "",
        "<",
        "</",
        "<!--",
        "<a href='",
        "<p>unclosed <b>bold <i>both</p> after",
        "<script>never closed",
        "<title>only a title",
        "&#xFFFFFFFF; &#0; &; &amp &#",
        "<table><td>cell<td>cell</table></td></tr>",
        "<svg><path d='M0'/><text>svg text</text></svg><p>after</p>",
        "<<<>>></></><!doctype><?php ?>",
        deep.as_str(),
        huge_attr.as_str(),
        "<p>multi-byte é 東京 🚋 &eacute</p>",
    ];
    for html in cases {
        let _ = extract(html, Some("not a url"));
    }
    // Deterministic pseudo-random tag soup.
    let pieces = [
        "<p>",
        "</p>",
        "<div class=comment>",
        "</div>",
        "<a>",
        "</a>",
        "text ",
        "&amp;",
        "<br>",
        "<script>",
        "</script>",
        "<!--",
        "-->",
        "<li>",
        "<table>",
        "<td>",
        "é",
        "<",
        ">",
        "\"",
    ];
    let mut state = 12345u64;
    for _ in 0..200 {
        let mut html = String::new();
        for _ in 0..200 {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            html.push_str(pieces[(state >> 33) as usize % pieces.len()]);
        }
        let a = extract(&html, None);
        for b in &a.blocks {
            assert!(b.raw_offset <= html.len());
        }
    }
}

/// Extracts `html` and checks that each `(word, raw form)` pair's word, found in a kept block,
/// maps through the block's map to where its raw form starts in the page.
#[track_caller]
fn check_block_map(html: &str, words: &[(&str, &str)]) {
    let a = extract(html, None);
    for &(word, raw_form) in words {
        let (b, at) = a
            .blocks
            .iter()
            .find_map(|b| b.text.find(word).map(|at| (b, at)))
            .unwrap_or_else(|| panic!("{word:?} in {:#?}", a.blocks));
        let raw = b.map.to_raw(at);
        assert!(
            html[raw..].starts_with(raw_form),
            "{word:?} -> raw {raw}: {:?}",
            &html[raw..(raw + 24).min(html.len())]
        );
    }
}

#[test]
fn block_maps_point_at_each_word() {
    let html = page(
        "",
        &format!(
            "<article>{BODY}<p>The <b>Kremlin</b>   said on\n  Tuesday that <a href=\"/p\">Vladimir <em>Putin</em></a> and Joe&nbsp;Biden met at a caf&eacute; &ndash; &#8220;calm&#8221;<img src=\"x.jpg\">again.</p></article>"
        ),
    );
    check_block_map(
        &html,
        &[
            ("The Kremlin", "The <b>"),
            ("Kremlin", "Kremlin</b>"),
            (" said on", "   said on"),
            ("said on", "said on"),
            ("Tuesday that", "Tuesday that"),
            ("Putin", "Putin</em>"),
            ("Biden", "Biden met"),
            (" met", " met"),
            ("café", "caf&eacute;"),
            ("–", "&ndash;"),
            ("“calm", "&#8220;calm"),
            ("” again", "&#8221;<img"),
            (" again", "<img src"),
            ("again", "again.</p>"),
            ("Officials said", "Officials said"),
        ],
    );
}

/// Checks the summary kept for a `<script>` holding `script`.
#[track_caller]
fn check_summary(script: &str, expected: &str) {
    let html = page(&format!("<script>{script}</script>"), BODY);
    let a = extract(&html, None);
    let summary = a
        .removed
        .iter()
        .find(|r| r.reason == RemovalReason::Markup)
        .map(|r| r.text.as_str());
    assert_eq!(summary, (!expected.is_empty()).then_some(expected));
}

#[test]
fn script_summaries_collapse_white_space_and_stop_at_80_characters() {
    let x = |n: usize| "x".repeat(n);
    check_summary("  var  a =\n\t1;  ", "var a = 1;");
    check_summary(" \n ", "");
    check_summary(&x(80), &x(80));
    check_summary(&x(81), &format!("{}…", x(80)));
    check_summary(&format!("{} y", x(79)), &format!("{} …", x(79)));
    check_summary(&format!("{} y", x(80)), &format!("{}…", x(80)));
    check_summary(&format!("{}  ", x(80)), &x(80));
    check_summary(&"é".repeat(81), &format!("{}…", "é".repeat(80)));
    // Only the first 640 bytes are read: a long run of white space ends the summary there.
    check_summary(&format!("a{}b", " ".repeat(700)), "a");
}

#[test]
fn white_space_between_inline_elements_separates_words() {
    let html = page(
        "",
        &format!(
            "<article>\n  <p><b>The mayor</b> <i>said</i>\n<a href=/x>nothing</a> about the plan for the harbour district and its trams.</p>\n  {BODY}\n</article>"
        ),
    );
    check(
        &html,
        &[
            "The mayor said nothing about the plan",
            "The city council",
            "Officials said",
            "Opposition members",
        ],
    );
    // A heading read for the title keeps its word breaks, even after a line break element.
    check_meta(
        &page(
            "",
            &format!("<h1>\n <span>Trams</span><br> <span>return</span>\n</h1>{BODY}"),
        ),
        None,
        Some("Trams return"),
        None,
        None,
    );
}

#[test]
fn a_named_anchor_left_open_is_not_a_link() {
    // `<a name="top">` never closed holds the whole page: its text is not link text.
    let html = page("", &format!("<a name=\"top\"><div>{BODY}</div>"));
    check(
        &html,
        &["The city council", "Officials said", "Opposition members"],
    );
}

#[test]
fn stories_in_sibling_wrappers_are_all_kept() {
    // A page of two stories, each in its own `<div><center><table>`: the wrappers with one
    // weighted child are no level, so the second story's frame is a sibling within reach.
    let story = |lead: &str| {
        format!(
            "<div><center><table><tr><td width=10>&nbsp;</td><td><p>{lead} The minister said the talks \
             would go on next week in the capital, where both delegations are expected on Monday \
             morning.</p><p>Diplomats from three countries will join them, according to a statement \
             published by the foreign ministry late on Sunday evening.</p></td></tr></table></center></div>"
        )
    };
    let html = page(
        "",
        &format!(
            "<div><a href=\"/\">Home</a> <a href=\"/n\">News</a></div>{}{}",
            story("Talks resume."),
            story("Ceasefire holds.")
        ),
    );
    check(
        &html,
        &[
            "Talks resume.",
            "Diplomats",
            "Ceasefire holds.",
            "Diplomats",
        ],
    );
}

#[test]
fn a_junk_class_on_every_paragraph_is_overruled() {
    // Condé Nast pages mark each article paragraph `paywall`, in several frames.
    let paragraphs: Vec<String> = BODY
        .lines()
        .map(|p| {
            format!(
                "<div class=\"chunk\">{}</div>",
                p.replace("<p>", "<p class=\"paywall\">")
            )
        })
        .collect();
    let html = page(
        "",
        &format!(
            "<nav><a href=\"/\">Home</a></nav><article>{}</article><p class=\"newsletter\">Sign up</p>",
            paragraphs.concat()
        ),
    );
    check(
        &html,
        &["The city council", "Officials said", "Opposition members"],
    );
}

/// A paragraph as long as those of [`BODY`], for articles of four or five.
const RESIDENTS: &str = "<p>Residents of the harbour district welcomed the plan at a meeting on Wednesday \
    evening, though several of them asked about the noise and dust during the works.</p>";

/// Checks that every paragraph of an article whose `paywalled` frames hold `frames` is kept, after
/// a menu and before a subscription notice.
fn check_paywalled(lead: &str, frames: &[&str], after: &str, expected: &[&str]) {
    let frames: String = frames
        .iter()
        .map(|f| format!("<div class=\"paywalled\">{f}</div>"))
        .collect();
    let html = page(
        "",
        &format!(
            "<nav><a href=\"/\">Home</a></nav><article><div class=\"text\">{lead}{frames}</div></article>\
             {after}<div class=\"paywall\">Subscribe to read on</div>"
        ),
    );
    check(&html, expected);
}

#[test]
fn the_hinted_half_of_an_article_is_kept() {
    // The part of an article behind a `paywalled` frame holds as much text as the article's
    // best unhinted part (here a sibling frame): it is the article, not a notice.
    let lines: Vec<&str> = BODY.lines().collect();
    let other = format!(
        "<div class=\"more\">{RESIDENTS}<p>The transport authority promised a website with the \
         timetable of every construction phase before the first works begin next spring.</p></div>"
    );
    check_paywalled(
        lines[0],
        &[&format!("{}{}", lines[1], lines[2])],
        &other,
        &[
            "The city council",
            "Officials said",
            "Opposition members",
            "Residents",
            "The transport",
        ],
    );
}

#[test]
fn hinted_frames_holding_the_article_together_are_kept() {
    // Two `paywalled` frames, each smaller than the article's unhinted text, together as large.
    let lines: Vec<&str> = BODY.lines().collect();
    check_paywalled(
        &format!("{}{}", lines[0], lines[1]),
        &[lines[2], RESIDENTS],
        "",
        &[
            "The city council",
            "Officials said",
            "Opposition members",
            "Residents",
        ],
    );
}

#[test]
fn a_live_feed_longer_than_the_article_stays_out_of_it() {
    let item = |n: usize| {
        format!(
            "<li class=live-item><div class=live-title><a href=/live/{n} class=date>12:0{n}</a> <span>Storm.</span></div>\
             <div class=live-body><p>Update {n}: the regional office reported new figures on the storm damage and the roads that are closed tonight in the east.</p></div>\
             <div class=share><a href=/s/{n}>Share</a></div></li>"
        )
    };
    let feed: String = (0..10).map(item).collect();
    let html = page(
        "",
        &format!(
            "<div class=main><section><article><h1>Tram network grows</h1>{BODY}{BODY}</article>
             <div class=promo><div class=outbrain></div></div></section>
             <aside id=sidebar class=mod><div class=live><ul class=live-flux>{feed}</ul></div></aside></div>"
        ),
    );
    let article = extract(&html, None);
    let kept: String = article.blocks.iter().map(|b| b.text.as_str()).collect();
    assert!(kept.contains("The city council"), "{kept}");
    assert!(!kept.contains("Update 3"), "{kept}");
}

#[test]
fn an_article_shown_only_without_scripts_is_kept() {
    // A blog whose post is a script template, repeated in <noscript> for browsers without
    // scripts: the <noscript> copy is the article.
    let body = format!(
        "<nav><a href=\"/\">Home</a> <a href=\"/blog\">Blog</a></nav>\
         <div class=\"post-body\"><script type=\"text/template\">{BODY}</script>\
         <noscript>{BODY}</noscript></div>"
    );
    check(
        &page("<title>Trams</title>", &body),
        &["The city council", "Officials said", "Opposition members"],
    );
    // A notice in <noscript> beside the article is not article text.
    let body = format!(
        "<article>{BODY}</article><noscript><p>Please enable JavaScript to see the comments \
         below this article.</p></noscript>"
    );
    let html = page("<title>Trams</title>", &body);
    check(
        &html,
        &["The city council", "Officials said", "Opposition members"],
    );
    check_removed(&html, "Please enable JavaScript", RemovalReason::Notice);
}
