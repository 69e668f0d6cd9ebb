//! A run killed with SIGKILL at any moment leaves its store as it was before the run or as it is
//! after it, never half-written, and the next run completes with the outputs of an unbroken run.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("workspace root")
}

fn scratch(name: &str) -> PathBuf {
    let dir = root()
        .join("target/concord-tests")
        .join(format!("{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

/// A feed of `n` short documents, one language-id sentence pair each.
fn feed(path: &Path, skip: usize, n: usize) {
    let sentences = fs::read_to_string(root().join("../shared/eval/langid/de/sentences.txt"))
        .expect("../shared/eval/langid (CI puts ../shared beside the project)");
    let lines: Vec<&str> = sentences.lines().skip(skip).take(2 * n).collect();
    let mut out = fs::File::create(path).expect("feed");
    for pair in lines.chunks(2) {
        let line = serde_json::json!({ "text": pair.join("\n"), "site": "example.de" });
        writeln!(out, "{line}").expect("feed line");
    }
}

fn concord(input: &Path, out: &Path, store: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_concord"));
    command
        .current_dir(root())
        .args(["run", "--threads", "2", "--input"])
        .arg(input)
        .arg("--out")
        .arg(out)
        .arg("--store")
        .arg(store)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    command
}

fn stored_documents(store: &Path) -> i64 {
    let db = rusqlite::Connection::open(store.join("concord-store.sqlite")).expect("store opens");
    db.query_row("SELECT COUNT(*) FROM docs", [], |r| r.get(0))
        .expect("docs table")
}

fn corpus_files(out: &Path) -> Vec<(String, String)> {
    [
        "stories.jsonl",
        "copies.jsonl",
        "doc_links.jsonl",
        "entities.jsonl",
    ]
    .iter()
    .map(|name| {
        let text = fs::read_to_string(out.join(name)).expect("corpus file");
        (name.to_string(), text)
    })
    .collect()
}

#[test]
fn a_killed_run_leaves_the_store_whole() {
    let dir = scratch("crash");
    let (first, second) = (dir.join("a.jsonl"), dir.join("b.jsonl"));
    feed(&first, 0, 150);
    feed(&second, 300, 150);
    let base = dir.join("base-store");
    let status = concord(&first, &dir.join("out-a"), &base)
        .status()
        .expect("run a");
    assert!(status.success());
    assert_eq!(stored_documents(&base), 150);
    // The reference: the second feed added without interruption.
    let reference = dir.join("reference-store");
    copy_store(&base, &reference);
    let started = std::time::Instant::now();
    let status = concord(&second, &dir.join("out-ref"), &reference)
        .status()
        .expect("reference run");
    assert!(status.success());
    let whole = started.elapsed();
    let want = corpus_files(&dir.join("out-ref"));

    let mut outcomes = Vec::new();
    // Kills spread over the whole run: model loading, the stream, reconcile, the report, commit.
    for percent in [2, 20, 50, 75, 90, 97, 100, 120] {
        let delay_ms = whole.as_millis() as u64 * percent / 100;
        let store = dir.join(format!("store-{delay_ms}"));
        copy_store(&base, &store);
        let out = dir.join(format!("out-{delay_ms}"));
        let mut child = concord(&second, &out, &store).spawn().expect("run b");
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill(); // SIGKILL; the run may have finished already
        let finished = child.wait().expect("wait").success();
        let count = stored_documents(&store);
        assert!(
            count == 150 || count == 300,
            "killed after {delay_ms} ms: the store holds {count} documents, neither 150 nor 300"
        );
        outcomes.push((delay_ms, finished, count));
        // The next run completes and gives the unbroken run's outputs.
        let status = concord(&second, &out, &store).status().expect("rerun");
        assert!(
            status.success(),
            "the run after a kill at {delay_ms} ms failed"
        );
        assert_eq!(stored_documents(&store), 300);
        assert_eq!(
            corpus_files(&out),
            want,
            "outputs after a kill at {delay_ms} ms"
        );
    }
    // At least one kill must have landed mid-run, or the test proves nothing.
    assert!(
        outcomes
            .iter()
            .any(|&(_, finished, count)| !finished && count == 150),
        "no kill interrupted a run: {outcomes:?}"
    );
}

fn copy_store(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("store folder");
    fs::copy(
        from.join("concord-store.sqlite"),
        to.join("concord-store.sqlite"),
    )
    .expect("copy store");
}
