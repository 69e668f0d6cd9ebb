//! Incremental runs (`run --store`): adding documents to a store gives the outputs of one run over
//! everything, and running the same input again changes nothing.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use concord_pipeline::PipelineConfig;
use concord_tests::{RunOutput, config, root, run, run_stored, scratch};

/// Runs `first` then `second` into one store and checks the second run against one run over both.
#[track_caller]
fn check_split(first: &[&str], second: &[&str], config: &PipelineConfig) -> RunOutput {
    let store = scratch("store");
    // The second run writes into the first run's folder, as an analyst's next run does, and
    // keeps the report's per-document parts.
    let folder = scratch("inc-a");
    let one = run_stored(&folder, first, &store, false, config);
    assert_eq!(one.manifest.stored_before, 0);
    assert_eq!(one.manifest.skipped, 0);
    let mut kept = article_files(&folder);
    // A file lost from the first report is written afresh.
    let (lost, _) = kept
        .pop_first()
        .expect("the first report has article files");
    fs::remove_file(folder.join("report").join(lost)).expect("remove an article file");
    let two = run_stored(&folder, second, &store, true, config);
    let all: Vec<&str> = first.iter().chain(second).copied().collect();
    let whole = run(&all, 2, config);
    same_lines("docs.jsonl", &two.docs, &whole.docs);
    for ((name, got), (_, want)) in two.corpus.iter().zip(&whole.corpus) {
        same_lines(name, got, want);
    }
    same_report(&two.out, &whole.out);
    reused_articles(&kept, &folder);
    // The same input again: nothing processed, nothing changed.
    let again = run_stored(&scratch("inc-c"), second, &store, false, config);
    assert_eq!(again.docs, "", "stored documents were processed again");
    assert_eq!(again.manifest.skipped, two.manifest.records_in);
    assert_eq!(again.corpus, whole.corpus);
    assert_eq!(changes(&again), "", "a rerun reported changes");
    assert!(
        !changes(&two).is_empty(),
        "the second run reported no change"
    );
    two
}

/// Every file of `report/` (article data, story pages, indexes) and every row of the database's
/// tables (but `meta`, which names the run) are as in the report of one run over everything.
#[track_caller]
fn same_report(got: &Path, want: &Path) {
    let (got_files, want_files) = (report_files(got), report_files(want));
    let names = |files: &BTreeMap<PathBuf, Vec<u8>>| files.keys().cloned().collect::<Vec<_>>();
    assert_eq!(
        names(&got_files),
        names(&want_files),
        "report/ files differ"
    );
    for (name, bytes) in &want_files {
        assert!(
            got_files[name] == *bytes,
            "report/{} differs from one run over everything",
            name.display()
        );
    }
    let (got_db, want_db) = (tables(got), tables(want));
    assert_eq!(
        got_db.keys().collect::<Vec<_>>(),
        want_db.keys().collect::<Vec<_>>()
    );
    for (table, rows) in &want_db {
        assert!(
            got_db[table] == *rows,
            "concord.sqlite table {table} differs from one run over everything"
        );
    }
}

/// The files under `out/report/`, by path inside it.
fn report_files(out: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let root = out.join("report");
    let mut files = BTreeMap::new();
    let mut dirs = vec![root.clone()];
    while let Some(dir) = dirs.pop() {
        for entry in fs::read_dir(&dir).expect("report folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                let name = path.strip_prefix(&root).expect("inside").to_owned();
                files.insert(name, fs::read(&path).expect("report file"));
            }
        }
    }
    files
}

/// Every table of `out/concord.sqlite` but `meta` and the planner's statistics, as sorted rows.
fn tables(out: &Path) -> BTreeMap<String, Vec<String>> {
    let conn = rusqlite::Connection::open(out.join("concord.sqlite")).expect("concord.sqlite");
    let names: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'meta' \
             AND name NOT LIKE 'sqlite_%'",
        )
        .and_then(|mut s| s.query_map([], |row| row.get(0))?.collect())
        .expect("tables");
    names
        .into_iter()
        .map(|name| {
            let mut select = conn
                .prepare(&format!("SELECT * FROM {name}"))
                .expect("select");
            let columns = select.column_count();
            let mut rows: Vec<String> = select
                .query_map([], |row| {
                    (0..columns)
                        .map(|i| {
                            row.get::<_, rusqlite::types::Value>(i)
                                .map(|v| format!("{v:?}"))
                        })
                        .collect::<Result<Vec<_>, _>>()
                        .map(|values| values.join("|"))
                })
                .and_then(|rows| rows.collect())
                .expect("rows");
            rows.sort();
            (name, rows)
        })
        .collect()
}

/// The article data files of a report, with their inode numbers.
fn article_files(out: &Path) -> BTreeMap<PathBuf, u64> {
    use std::os::unix::fs::MetadataExt;
    report_files(out)
        .into_keys()
        .filter(|name| name.starts_with("articles"))
        .map(|name| {
            let inode = fs::metadata(out.join("report").join(&name))
                .expect("metadata")
                .ino();
            (name, inode)
        })
        .collect()
}

/// The article files of the first run are the second run's, not written again.
#[track_caller]
fn reused_articles(kept: &BTreeMap<PathBuf, u64>, out: &Path) {
    let now = article_files(out);
    for (name, inode) in kept {
        assert_eq!(
            now.get(name),
            Some(inode),
            "{} was written again",
            name.display()
        );
    }
}

/// Fails with the first line that differs (whole files are too long to read in a failure).
#[track_caller]
fn same_lines(name: &str, got: &str, want: &str) {
    let mut lines = got.lines().zip(want.lines()).enumerate();
    if let Some((i, (a, b))) = lines.find(|(_, (a, b))| a != b) {
        panic!(
            "{name} line {} differs from one run over everything:\n  incremental: {a}\n  one run:     {b}",
            i + 1
        );
    }
    assert_eq!(
        got.lines().count(),
        want.lines().count(),
        "{name}: line counts differ"
    );
}

fn changes(output: &RunOutput) -> String {
    fs::read_to_string(output.out.join("changes.jsonl")).expect("changes.jsonl")
}

#[test]
fn adding_seeds_to_a_store_is_one_run_over_all() {
    check_split(
        &[
            "data/samples/000_e2b0121ecf72bbb5.txt",
            "./data/samples/002_ee3edb7266c309a6.txt",
        ],
        &[
            "data/samples/001_094a88c166a7f8c4.txt",
            "data/samples/003_acbc409ad9421864.txt",
            "data/samples/004_581ca8c252333ccd.txt",
        ],
        &config(),
    );
}

/// An analyst's corrections (a file named in `concord.toml`) hold in every run over a store, and
/// mark what they changed.
#[test]
fn corrections_survive_later_runs() {
    let dir = scratch("corrections");
    fs::write(
        dir.join("concord.toml"),
        "[reconcile]\ncorrections = \"corrections.toml\"\n",
    )
    .expect("concord.toml");
    // 003 is not in the story of 000; "USA" is the United States.
    fs::write(
        dir.join("corrections.toml"),
        "[[not_in_story]]\ndoc = \"ff543e0f6d55bc63\"\nof = \"ba3c5017aefe55ad\"\n\n\
         [[same_entity]]\na = \"USA\"\nb = \"United States\"\n",
    )
    .expect("corrections.toml");
    let corrected = PipelineConfig::from_file(&dir.join("concord.toml")).expect("config");
    let two = check_split(
        &[
            "data/samples/000_e2b0121ecf72bbb5.txt",
            "data/samples/003_acbc409ad9421864.txt",
        ],
        &[
            "data/samples/001_094a88c166a7f8c4.txt",
            "data/samples/002_ee3edb7266c309a6.txt",
        ],
        &corrected,
    );
    let file = |name: &str| -> Vec<serde_json::Value> {
        let (_, text) = two.corpus.iter().find(|(n, _)| n == name).expect(name);
        text.lines()
            .map(|l| serde_json::from_str(l).expect("json"))
            .collect()
    };
    let stories = file("stories.jsonl");
    let alone = stories
        .iter()
        .find(|s| s["docs"] == serde_json::json!(["ff543e0f6d55bc63"]))
        .expect("003 is a story of its own");
    assert_eq!(alone["corrected"], true);
    let rest = stories
        .iter()
        .find(|s| {
            s["docs"]
                .as_array()
                .is_some_and(|d| d.contains(&"ba3c5017aefe55ad".into()))
        })
        .expect("000's story");
    assert_eq!(rest["corrected"], true);
    assert!(
        !rest["docs"]
            .as_array()
            .expect("docs")
            .contains(&"ff543e0f6d55bc63".into())
    );
    let entities = file("entities.jsonl");
    let united = entities
        .iter()
        .find(|e| {
            e["variants"]
                .as_array()
                .is_some_and(|v| v.iter().any(|v| v["text"] == "USA"))
        })
        .expect("an entity with USA");
    assert!(
        united["variants"]
            .as_array()
            .expect("variants")
            .iter()
            .any(|v| v["text"] == "United States")
    );
    assert_eq!(united["corrected"], true);
    // Without the corrections, nothing is marked.
    let plain = run(&["data/samples"], 2, &config());
    for (name, text) in &plain.corpus {
        assert!(
            !text.contains("\"corrected\":true"),
            "{name} marks an uncorrected item"
        );
    }
}

/// A few hundred documents of the dev data: news pages of many sites (fundus) and feeds of short
/// documents that share a site, so normalize's repeated-line statistics carry over between runs.
#[test]
fn adding_dev_documents_to_a_store_is_one_run_over_all() {
    let eval = root().join("../shared/eval");
    assert!(
        eval.is_dir(),
        "{} is missing (CI puts ../shared beside the project)",
        eval.display()
    );
    let dir = scratch("inc-data");
    let feeds = [
        write_feed(&dir, "a.jsonl", &eval, 0),
        write_feed(&dir, "b.jsonl", &eval, 1),
    ];
    let mut pages: Vec<PathBuf> = fs::read_dir(eval.join("boilerplate/fundus/html"))
        .expect("fundus pages")
        .map(|entry| entry.expect("entry").path())
        .collect();
    pages.sort();
    pages.truncate(40);
    let (first_pages, second_pages) = pages.split_at(20);
    let listed = |feed: &Path, pages: &[PathBuf]| -> Vec<String> {
        std::iter::once(feed)
            .chain(pages.iter().map(PathBuf::as_path))
            .map(|p| p.display().to_string())
            .collect()
    };
    let first = listed(&feeds[0], first_pages);
    let second = listed(&feeds[1], second_pages);
    let first: Vec<&str> = first.iter().map(String::as_str).collect();
    let second: Vec<&str> = second.iter().map(String::as_str).collect();
    check_split(&first, &second, &config());
}

/// A JSON Lines feed of 120 short documents from the language-id sentences (English, German,
/// Italian), each of three sentences and a line the whole site repeats.
fn write_feed(dir: &Path, name: &str, eval: &Path, half: usize) -> PathBuf {
    let path = dir.join(name);
    let mut out = fs::File::create(&path).expect("feed");
    for lang in ["en", "de", "it"] {
        let text = fs::read_to_string(eval.join("langid").join(lang).join("sentences.txt"))
            .expect("sentences");
        let lines: Vec<&str> = text.lines().skip(half * 120).take(120).collect();
        for chunk in lines.chunks(3) {
            let body = format!(
                "{}\nThe Valley Courier, founded in 1887, is published every weekday.",
                chunk.join("\n")
            );
            let line = serde_json::json!({ "text": body, "site": "example.org" });
            writeln!(out, "{line}").expect("feed line");
        }
    }
    path
}
