//! The report in a real browser: renders the hand-built seeds-shaped corpus with a hostile
//! article added, opens the pages in headless Chromium (Debian package `chromium`), checks the DOM
//! after the scripts ran (no injected script ran, hostile text shows as text, the stories,
//! translation pair, entity variants and troop-figure claims are there, headings and tables are
//! well formed) and takes a screenshot.
//!
//! Without Chromium the test is skipped with a message naming the package; with `CI=true` a
//! missing Chromium fails it (`.ci/run` installs the package). `CHROMIUM=/path/to/binary` picks
//! another browser binary.

// The skip message and the screenshot's path are for the person running the tests.
#![allow(clippy::print_stderr)]

use std::path::{Path, PathBuf};
use std::{env, fs};

use concord_report::Dossier;
use concord_report::dossier::sample::{self, PWNED_ATTRIBUTE, Sample};

mod chromium;
use chromium::{Browser, INSTALL, file_url, find_chromium};

fn render(sample: &Sample, out: &Path) {
    let mut dossier = Dossier::create(out).unwrap();
    for doc in &sample.docs {
        dossier.on_doc(doc).unwrap();
    }
    for issue in &sample.issues {
        dossier.on_issue(issue).unwrap();
    }
    dossier.finish(&sample.corpus, &sample.manifest).unwrap();
}

/// The heading levels of a page, in order.
fn heading_levels(dom: &str) -> Vec<u8> {
    let bytes = dom.as_bytes();
    let mut levels = Vec::new();
    for (idx, window) in bytes.windows(3).enumerate() {
        if window[0] == b'<' && window[1] == b'h' && (b'1'..=b'6').contains(&window[2]) {
            let next = bytes.get(idx + 3).copied();
            if matches!(next, Some(b'>') | Some(b' ')) {
                levels.push(window[2] - b'0');
            }
        }
    }
    levels
}

/// Structural accessibility: one `h1` first, no level skipped going down, every table with
/// header cells and a caption, every chart with a title, every image with alt text, and a
/// language on the page.
fn check_structure(name: &str, dom: &str) {
    let levels = heading_levels(dom);
    assert_eq!(levels.first(), Some(&1), "{name}: starts with {levels:?}");
    assert_eq!(
        levels.iter().filter(|&&level| level == 1).count(),
        1,
        "{name}: one h1"
    );
    for pair in levels.windows(2) {
        assert!(
            pair[1] <= pair[0] + 1,
            "{name}: heading skips from h{} to h{}",
            pair[0],
            pair[1]
        );
    }
    let tables = dom.matches("<table").count();
    assert_eq!(
        dom.matches("<caption").count(),
        tables,
        "{name}: a caption per table"
    );
    for table in dom.split("<table").skip(1) {
        let table = table.split("</table>").next().unwrap_or("");
        assert!(
            table.contains("<th"),
            "{name}: a table without header cells"
        );
    }
    for chart in dom.split("role=\"img\"").skip(1) {
        let head = chart.split("</svg>").next().unwrap_or("");
        assert!(head.contains("<title"), "{name}: a chart without a title");
    }
    for img in dom.split("<img").skip(1) {
        let tag = img.split('>').next().unwrap_or("");
        assert!(tag.contains("alt="), "{name}: an image without alt text");
    }
    assert!(dom.contains("<html lang=\"en\""), "{name}: page language");
}

/// The text of a DOM dump: every tag removed (escaped text keeps its `&lt;`).
fn text_of(dom: &str) -> String {
    let mut out = String::with_capacity(dom.len());
    let mut in_tag = false;
    for ch in dom.chars() {
        match ch {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            ch if !in_tag => out.push(ch),
            _ => {}
        }
    }
    out
}

/// Nothing hostile ran: no attribute set, the title is the page's own.
fn check_not_pwned(name: &str, dom: &str, title: &str) {
    assert!(
        !dom.contains(&format!("{PWNED_ATTRIBUTE}=")),
        "{name}: an injected script ran"
    );
    let shown = dom
        .split("<title>")
        .nth(1)
        .and_then(|rest| rest.split("</title>").next())
        .unwrap_or("");
    assert!(shown.starts_with(title), "{name}: title is {shown:?}");
}

#[test]
fn report_in_headless_chromium() {
    let Some(binary) = find_chromium() else {
        if env::var("CI").is_ok_and(|value| value == "true") {
            panic!("CI=true but Chromium is missing: install it with `{INSTALL}`");
        }
        eprintln!("skipped: Chromium is not installed (Debian package `chromium`: `{INSTALL}`)");
        return;
    };
    let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("report-browser");
    if root.exists() {
        fs::remove_dir_all(&root).unwrap();
    }
    let out = root.join("out");
    fs::create_dir_all(&out).unwrap();
    let browser = Browser {
        binary,
        profile: root.join("profile"),
    };
    let sample = sample::hostile();
    render(&sample, &out);
    let out = out.canonicalize().unwrap();

    // The overview: own scripts ran (load time recorded, index paged), nothing injected did.
    let overview = browser.dom(&file_url(&out.join("report.html"), ""));
    check_not_pwned("report.html", &overview, "Report — concord");
    check_structure("report.html", &overview);
    assert!(
        overview.contains("data-load-ms=\""),
        "report.js did not run"
    );
    assert!(
        overview.contains("Page 1 of 1 (3 stories)"),
        "story index not rendered by the script"
    );
    for label in [
        "Biden, Putin, Stoltenberg (2021-04-13 to 2021-04-14)",
        "Putin, Biden, Ukraine (2021-12-02 to 2021-12-05)",
    ] {
        assert!(overview.contains(label), "story {label} missing");
    }
    assert!(
        overview.contains("&lt;script&gt;document.body.setAttribute"),
        "hostile title not shown as text"
    );
    assert!(
        overview.contains("troops (Russian) at the border"),
        "largest conflict missing"
    );

    // The April story: the translation pair, variants by language, claims with their sources.
    let april = &sample.corpus.stories[0];
    let page = browser.dom(&file_url(
        &out.join(format!("report/stories/{}.html", april.id)),
        "",
    ));
    check_not_pwned("april story", &page, "Biden, Putin, Stoltenberg");
    check_structure("april story", &page);
    assert!(
        page.contains("Translations: 2 articles (de, id)"),
        "translation pair missing"
    );
    for variant in [
        "Jens Stoltemberg",
        "Kulebanach",
        "Kouleba",
        "Vladimir Poutin",
    ] {
        assert!(page.contains(variant), "variant {variant} missing");
    }
    for value in [
        "100 ribu unit",
        "100 Einheiten",
        "more than 80,000 troops",
        "29 soldiers",
    ] {
        assert!(page.contains(value), "claim value {value} missing");
    }
    assert!(page.contains(">Kiev<"), "attribution missing");
    let december = &sample.corpus.stories[1];
    let page = browser.dom(&file_url(
        &out.join(format!("report/stories/{}.html", december.id)),
        "",
    ));
    check_structure("december story", &page);
    assert!(
        page.contains("verdict-conflict"),
        "the 94,000 / 100,000 conflict is not marked"
    );
    assert!(page.contains("94,000 Russian troops") && page.contains("100,000 Russian troops"));

    // The hostile story page.
    let hostile = &sample.corpus.stories[2];
    let page = browser.dom(&file_url(
        &out.join(format!("report/stories/{}.html", hostile.id)),
        "",
    ));
    check_not_pwned("hostile story", &page, "&lt;script&gt;");
    check_structure("hostile story", &page);

    // The article view highlights a claim value's span in its sentence and names the file.
    let de = &sample.docs[1];
    let value = &sample.corpus.claims[1].values[1];
    assert_eq!(value.doc, de.doc.id);
    let hash = format!(
        "#d={}&s={}&e={}",
        de.doc.id, value.span.start, value.span.end
    );
    let article = browser.dom(&file_url(&out.join("report/article.html"), &hash));
    check_not_pwned("article view", &article, "Biden ruft Putin an");
    check_structure("article view", &article);
    assert!(
        article
            .contains("<mark tabindex=\"-1\"><span class=\"figure\">100 Einheiten</span></mark>"),
        "span not highlighted"
    );
    assert!(article.contains("sentence hit"), "sentence not highlighted");
    assert!(
        article.contains("data/samples/001_094a88c166a7f8c4.txt"),
        "source file not named"
    );
    let april_link = format!(
        "<a href=\"stories/{}.html\">Biden, Putin, Stoltenberg",
        april.id
    );
    assert!(
        article.contains(&april_link),
        "no link to the article's story"
    );
    assert!(article.contains(">translation</a>"), "no copy group");
    assert!(
        article.contains("<span class=\"mention\" title=\"PER\">Jens Stoltenberg</span>"),
        "mentions not marked"
    );

    // The hostile article's view shows its text as text and its URL not as a link.
    let bad = sample.docs.last().unwrap();
    let article = browser.dom(&file_url(
        &out.join("report/article.html"),
        &format!("#d={}", bad.doc.id),
    ));
    check_not_pwned("hostile article view", &article, "&lt;script&gt;");
    assert!(
        text_of(&article).contains("&lt;/script&gt;&lt;script&gt;document.body.setAttribute"),
        "body not shown as text"
    );
    assert!(
        article.contains("<span class=\"unsafe-url\">javascript:"),
        "javascript: URL became a link"
    );
    // (The body's own `<a href="javascript:...">` is text, shown escaped as `&lt;a href=...`.)
    assert!(
        !article.contains("<a href=\"javascript"),
        "javascript: link in the text became a link"
    );
    assert!(!article.contains("href=\"javascript:document.body.setAttribute('data-pwned','url')"));

    // A screenshot of the overview.
    let shot = root.join("report.png");
    browser.run(
        &[
            "--window-size=1280,1700",
            &format!("--screenshot={}", shot.display()),
        ],
        &file_url(&out.join("report.html"), ""),
    );
    let png = fs::read(&shot).expect("screenshot written");
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 10_000,
        "screenshot too small"
    );
    eprintln!("screenshot: {}", shot.display());
}
