//! Tests of the whole report on the hand-built samples: the files written, the SQLite schema and
//! the example queries of `docs/SCHEMA.md`, the Markdown snapshot, and hostile input in every page.

use std::fs;
use std::path::{Path, PathBuf};

use rusqlite::Connection;

use super::sample::{self, Sample};
use super::{Dossier, DossierFiles};

/// A fresh folder under the system's temporary folder.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("concord-report-{name}-{}", std::process::id()));
    if dir.exists() {
        fs::remove_dir_all(&dir).unwrap();
    }
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn render(sample: &Sample, out: &Path) -> DossierFiles {
    let mut dossier = Dossier::create(out).unwrap();
    for doc in &sample.docs {
        dossier.on_doc(doc).unwrap();
    }
    for issue in &sample.issues {
        dossier.on_issue(issue).unwrap();
    }
    dossier.finish(&sample.corpus, &sample.manifest).unwrap()
}

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files_under(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn query(conn: &Connection, sql: &str) -> Vec<String> {
    let mut statement = conn.prepare(sql).unwrap();
    let columns = statement.column_count();
    let mut rows = statement.query([]).unwrap();
    let mut out = Vec::new();
    while let Some(row) = rows.next().unwrap() {
        let cells: Vec<String> = (0..columns)
            .map(|idx| match row.get_ref(idx).unwrap() {
                rusqlite::types::ValueRef::Null => "NULL".to_owned(),
                rusqlite::types::ValueRef::Integer(v) => v.to_string(),
                rusqlite::types::ValueRef::Real(v) => v.to_string(),
                rusqlite::types::ValueRef::Text(v) => String::from_utf8_lossy(v).into_owned(),
                rusqlite::types::ValueRef::Blob(_) => "BLOB".to_owned(),
            })
            .collect();
        out.push(cells.join(" | "));
    }
    out
}

/// The three example queries of `docs/SCHEMA.md`, verbatim.
const VALUES_WITH_SENTENCES: &str = "\
SELECT c.what, c.verdict, v.text, v.value, d.site, v.attributed_to, v.as_of,
       substr(d.text, s.char_start + 1, s.char_end - s.char_start) AS sentence
FROM claims c
JOIN claim_values v ON v.claim_id = c.id
JOIN documents d ON d.id = v.doc_id
JOIN sentences s ON s.doc_id = v.doc_id
               AND s.byte_start <= v.byte_start AND v.byte_start < s.byte_end
WHERE c.what LIKE 'troops%at the border'
ORDER BY v.idx";

const VARIANTS_BY_LANGUAGE: &str = "\
SELECT v.lang, group_concat(v.text || ' x' || v.count, ', ') AS variants
FROM entities e JOIN variants v ON v.entity_id = e.id
WHERE e.name = 'Jens Stoltenberg'
GROUP BY v.lang ORDER BY v.lang";

const ARTICLES_BY_DATE: &str = "\
SELECT coalesce(d.published, d.published_inferred) AS date, d.lang, d.site, d.title
FROM stories st
JOIN story_docs sd ON sd.story_id = st.id
JOIN documents d ON d.id = sd.doc_id
WHERE st.label LIKE 'Biden, Putin%'
ORDER BY date, d.id";

#[test]
fn sqlite_holds_the_corpus_with_spans_in_bytes_and_characters() {
    let schema_doc =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/SCHEMA.md"))
            .unwrap();
    for example in [
        VALUES_WITH_SENTENCES,
        VARIANTS_BY_LANGUAGE,
        ARTICLES_BY_DATE,
    ] {
        assert!(
            schema_doc.contains(example),
            "docs/SCHEMA.md lacks the example query\n{example}"
        );
    }
    let sample = sample::seeds_like();
    let out = scratch("sqlite");
    let files = render(&sample, &out);
    let conn = Connection::open(&files.sqlite).unwrap();
    conn.execute_batch("PRAGMA foreign_keys = ON").unwrap();
    assert!(query(&conn, "PRAGMA foreign_key_check").is_empty());
    let tables = query(
        &conn,
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name",
    );
    assert_eq!(
        tables,
        [
            "claim_stories",
            "claim_values",
            "claims",
            "copy_group_docs",
            "copy_groups",
            "documents",
            "entities",
            "mentions",
            "meta",
            "mt_damage",
            "mt_evidence",
            "quarantine",
            "quotes",
            "renderings",
            "sentences",
            "stories",
            "story_docs",
            "variants"
        ]
    );
    let counts = query(
        &conn,
        "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM stories), \
         (SELECT count(*) FROM copy_groups), (SELECT count(*) FROM entities), \
         (SELECT count(*) FROM claims), (SELECT count(*) FROM renderings), \
         (SELECT count(*) FROM mt_damage), (SELECT count(*) FROM quarantine), \
         (SELECT count(*) FROM mentions WHERE entity_id IS NULL)",
    );
    assert_eq!(counts, ["5 | 2 | 1 | 7 | 4 | 3 | 4 | 2 | 0"]);

    // Character offsets show the same text as byte offsets, for every kind of span.
    for table in [
        "mentions",
        "claim_values",
        "renderings",
        "mt_damage",
        "mt_evidence",
    ] {
        let mismatched = query(
            &conn,
            &format!(
                "SELECT t.text FROM {table} t JOIN documents d ON d.id = t.doc_id \
                 WHERE substr(d.text, t.char_start + 1, t.char_end - t.char_start) != t.text \
                 OR CAST(substr(CAST(d.text AS BLOB), t.byte_start + 1, t.byte_end - t.byte_start) AS TEXT) != t.text"
            ),
        );
        assert!(mismatched.is_empty(), "{table}: {mismatched:?}");
    }

    assert_eq!(
        query(&conn, VALUES_WITH_SENTENCES),
        [
            "troops (Russian) at the border | conflict | 94,000 Russian troops | 94000 | The Limited Times | Kiev | 2021-12-05 | Kiev says 94,000 Russian troops are already deployed near the border with Ukraine.",
            "troops (Russian) at the border | conflict | 100,000 Russian troops | 100000 | monde.example | Washington | 2021-12-05 | Washington says 100,000 Russian troops are massed at the border of Ukraine.",
        ]
    );
    assert_eq!(
        query(&conn, VARIANTS_BY_LANGUAGE),
        [
            "de | Jens Stoltenberg x1",
            "en | Jens Stoltenberg x1",
            "id | Jens Stoltemberg x1"
        ]
    );
    let rows = query(&conn, ARTICLES_BY_DATE);
    assert_eq!(rows.len(), 3);
    assert_eq!(
        rows[0],
        "2021-04-13 | en | news.example | Biden and Putin spoke on the phone about the conflict in Ukraine"
    );
    let mut same_day = rows[1..].to_vec();
    same_day.sort();
    assert_eq!(
        same_day,
        [
            "2021-04-14 | de | zeitung.example | Biden ruft Putin an: Moskau muss Spannungen abbauen",
            "2021-04-14 | id | kompas.example | Biden menelepon Putin: Moskow harus meredakan ketegangan",
        ]
    );
    // The undated article of the December story has its inferred date.
    let inferred = query(
        &conn,
        "SELECT published_inferred FROM documents WHERE published IS NULL",
    );
    assert_eq!(inferred, ["2021-12-02"]);
    // The planner uses the indexes for the lookups the report and the examples make.
    let plan = query(
        &conn,
        "EXPLAIN QUERY PLAN SELECT * FROM mentions WHERE entity_id = 'e-0000000000000000'",
    );
    assert!(
        plan.iter().any(|row| row.contains("mentions_entity")),
        "{plan:?}"
    );
    fs::remove_dir_all(out).unwrap();
}

fn check_snapshot(actual: &str, path: &str) {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        fs::write(&full, actual).unwrap();
        return;
    }
    let expected = fs::read_to_string(&full).unwrap_or_default();
    assert!(
        expected == actual,
        "{path} differs (rerun with UPDATE_EXPECT=1 if the change is intended):\n{actual}"
    );
}

#[test]
fn markdown_dossier_matches_its_snapshot() {
    let sample = sample::seeds_like();
    let out = scratch("markdown");
    let files = render(&sample, &out);
    let markdown = fs::read_to_string(&files.markdown).unwrap();
    check_snapshot(&markdown, "src/dossier/snapshots/seeds.md");
    fs::remove_dir_all(out).unwrap();
}

/// The script elements a page may hold: its own deferred script, nothing else.
fn strip_own_scripts(page: &str) -> String {
    let mut out = page.to_owned();
    for own in [
        "<script src=\"report/report.js\" defer></script>",
        "<script src=\"report.js\" defer></script>",
        "<script src=\"../report.js\" defer></script>",
        "<script src=\"article.js\" defer></script>",
    ] {
        out = out.replace(own, "");
    }
    out
}

#[test]
fn hostile_text_never_becomes_markup() {
    let sample = sample::hostile();
    let out = scratch("hostile");
    let files = render(&sample, &out);
    let mut all = Vec::new();
    files_under(&out, &mut all);
    all.sort();
    let mut pages = 0;
    for path in &all {
        let name = path.to_string_lossy();
        let body = match fs::read(path) {
            Ok(bytes) if !name.ends_with(".sqlite") => String::from_utf8(bytes).unwrap(),
            _ => continue,
        };
        if name.ends_with(".html") {
            pages += 1;
            let page = strip_own_scripts(&body);
            let lower = page.to_lowercase();
            for forbidden in [
                "<script",
                "<img",
                "<svg onload",
                "<svg/onload",
                "onerror=\"",
                "onload=\"",
                "<style",
                "</style",
                "href=\"javascript",
                "href=\"data:",
                "href='javascript",
            ] {
                assert!(!lower.contains(forbidden), "{name}: {forbidden}");
            }
            assert!(
                body.contains("Content-Security-Policy") && body.contains("script-src 'self'"),
                "{name}: no CSP"
            );
        } else if name.ends_with(".js") && name.contains("/data/") || name.contains("/articles/") {
            // Data scripts: one call with JSON in which no markup character is left raw.
            let json_start = body.find('(').unwrap();
            let json = &body[json_start..];
            for raw in ['<', '>', '&', '\u{2028}', '\u{2029}'] {
                assert!(!json.contains(raw), "{name}: raw {raw:?}");
            }
        } else if name.ends_with(".md") {
            for forbidden in ["<script", "<img", "<svg", "</style", "](javascript"] {
                assert!(!body.contains(forbidden), "{name}: {forbidden}");
            }
        }
    }
    assert!(pages >= 6, "{all:?}");
    // The hostile text is there, as text.
    let overview = fs::read_to_string(&files.html).unwrap();
    assert!(
        overview.contains("&lt;script&gt;document.body.setAttribute"),
        "title shown as text"
    );
    assert!(
        overview.contains("&lt;img src=x onerror="),
        "issue message shown as text"
    );
    fs::remove_dir_all(out).unwrap();
}

#[test]
fn every_file_of_the_seeds_report_is_written() {
    let sample = sample::seeds_like();
    let out = scratch("files");
    let files = render(&sample, &out);
    assert_eq!(files.html, out.join("report.html"));
    let overview = fs::read_to_string(&files.html).unwrap();
    for expected in [
        "<h1>What the press says: concord report</h1>",
        "5 articles in 3 languages",
        "2 records quarantined",
        "malformed json",
        "<svg class=\"timeline\"",
        "troops (Russian) at the border",
        "data-index=\"stories\"",
    ] {
        assert!(overview.contains(expected), "overview lacks {expected}");
    }
    let april = &sample.corpus.stories[0];
    let page = fs::read_to_string(out.join(format!("report/stories/{}.html", april.id))).unwrap();
    for expected in [
        "Translations: 2 articles (de, id)",
        "The dates do not tell which is the original",
        "Jens Stoltemberg",
        "Kulebanach</a> <span class=\"muted\">×1</span> <span class=\"badge\">repaired</span>",
        "<blockquote lang=\"de\">Russland muss diese Truppenaufstockung beenden.</blockquote>",
        "berkedip",
        "<strong>Blinken</strong>",
        "verdict-changed",
        "<svg class=\"chart\"",
    ] {
        assert!(page.contains(expected), "April story page lacks {expected}");
    }
    // Every article link points at a data file that exists.
    for doc in &sample.docs {
        let id = doc.doc.id.to_string();
        assert!(
            out.join(format!("report/articles/{}/{id}.js", &id[..2]))
                .exists()
        );
    }
    for name in [
        "report.css",
        "report.js",
        "article.js",
        "article.html",
        "entities.html",
        "data/stories-0.js",
        "data/entities-0.js",
    ] {
        assert!(out.join("report").join(name).exists(), "{name}");
    }
    fs::remove_dir_all(out).unwrap();
}

#[test]
fn articles_in_no_story_are_listed() {
    let mut sample = sample::seeds_like();
    sample.corpus = concord_model::Corpus::default();
    let out = scratch("unassigned");
    let files = render(&sample, &out);
    let overview = fs::read_to_string(&files.html).unwrap();
    assert!(overview.contains("<h3 id=\"unassigned\">Articles in no story</h3>"));
    for doc in &sample.docs {
        assert!(
            overview.contains(&format!("#d={}\"", doc.doc.id)),
            "{} not listed",
            doc.doc.id
        );
    }
    fs::remove_dir_all(out).unwrap();
}

#[test]
fn a_value_from_an_unknown_document_does_not_cost_the_report() {
    let mut sample = sample::seeds_like();
    let mut stray = sample.corpus.claims[0].values[0].clone();
    stray.doc = concord_model::DocId(1);
    sample.corpus.claims[0].values.push(stray);
    let out = scratch("stray");
    let files = render(&sample, &out);
    let conn = Connection::open(&files.sqlite).unwrap();
    let problems = query(&conn, "PRAGMA foreign_key_check");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].starts_with("claim_values"), "{problems:?}");
    let overview = fs::read_to_string(&files.html).unwrap();
    assert!(
        overview.contains("0000000000000001"),
        "the stray value is still shown"
    );
    fs::remove_dir_all(out).unwrap();
}

#[test]
fn an_unfinished_report_leaves_the_previous_one_as_it_was() {
    let sample = sample::seeds_like();
    let out = scratch("unfinished");
    let files = render(&sample, &out);
    let before = fs::read_to_string(&files.html).unwrap();
    {
        let mut dossier = Dossier::create(&out).unwrap();
        dossier.on_doc(&sample.docs[0]).unwrap();
        // Dropped without finish, as when a run fails.
    }
    assert!(
        !out.join(".report.partial").exists(),
        "staging folder left behind"
    );
    assert_eq!(fs::read_to_string(&files.html).unwrap(), before);
    assert!(out.join("report/article.html").exists() && files.sqlite.exists());
    // A second finished run replaces the report folder whole.
    let again = render(&sample, &out);
    assert_eq!(fs::read_to_string(&again.html).unwrap(), before);
    let mut names: Vec<String> = fs::read_dir(&out)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["concord.sqlite", "report", "report.html", "report.md"]
    );
    fs::remove_dir_all(out).unwrap();
}

#[test]
fn the_same_corpus_gives_the_same_pages() {
    let sample = sample::hostile();
    let (a, b) = (scratch("same-a"), scratch("same-b"));
    render(&sample, &a);
    let mut reversed = sample.clone();
    // The order issues arrive in is the output order; documents may be summarised in any order.
    reversed.docs.reverse();
    render(&reversed, &b);
    let mut files = Vec::new();
    files_under(&a, &mut files);
    let mut compared = 0;
    for path in files {
        let name = path.strip_prefix(&a).unwrap();
        if name.to_string_lossy().ends_with(".sqlite") {
            continue;
        }
        let left = fs::read(&path).unwrap();
        let right = fs::read(b.join(name)).unwrap();
        assert!(left == right, "{} differs", name.display());
        compared += 1;
    }
    assert!(compared > 10);
    fs::remove_dir_all(a).unwrap();
    fs::remove_dir_all(b).unwrap();
}

#[test]
fn summaries_are_bounded() {
    for (text, chars, expected) in [
        ("Putin", 10, "Putin"),
        ("Путин и Байден", 5, "Путин…"),
        ("", 3, ""),
        ("abc", 3, "abc"),
    ] {
        assert_eq!(super::bounded(text, chars), expected);
    }
}

/// An incremental run's changes open the overview, new stories and conflicts first, their text
/// escaped; a run without a store has no such section.
#[test]
fn the_overview_says_what_changed_since_the_last_run() {
    use concord_model::{Change, ChangeKind, Verdict};
    let sample = sample::seeds_like();
    let change = |kind, label: &str, verdict| Change {
        kind,
        item: sample.corpus.stories[0].id.to_string(),
        label: label.to_owned(),
        added: vec!["ba3c5017aefe55ad".to_owned()],
        verdict,
        was: None,
    };
    let out = scratch("changes");
    let mut dossier = Dossier::create(&out).unwrap();
    for doc in &sample.docs {
        dossier.on_doc(doc).unwrap();
    }
    dossier.set_changes(vec![
        change(ChangeKind::NewVariant, "Putin", None),
        change(ChangeKind::StoryGrew, "<script>alert(1)</script>", None),
        change(ChangeKind::ClaimChanged, "troops", Some(Verdict::Conflict)),
    ]);
    let files = dossier.finish(&sample.corpus, &sample.manifest).unwrap();
    let page = fs::read_to_string(&files.html).unwrap();
    let section = &page[page.find("Since the last run").expect("the section")..];
    let (claim, story, variant) = (
        section.find("claim changed").unwrap(),
        section.find("story grew").unwrap(),
        section.find("new variant").unwrap(),
    );
    assert!(
        claim < story && story < variant,
        "conflicts, then stories first"
    );
    assert!(section.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!section.contains("<script>alert"));
    fs::remove_dir_all(&out).unwrap();

    let plain = scratch("no-changes");
    let files = render(&sample, &plain);
    assert!(
        !fs::read_to_string(&files.html)
            .unwrap()
            .contains("Since the last run")
    );
    fs::remove_dir_all(plain).unwrap();
}
