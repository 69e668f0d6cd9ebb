//! Cluster mode: two processes on 127.0.0.1 give process 0 the corpus-level files of a single run,
//! byte for byte, and between them the single run's documents; a lost process fails the run.

use std::fs;
use std::io::Write;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use concord_model::SourceRef;

const CORPUS_FILES: [&str; 7] = [
    "stories.jsonl",
    "copies.jsonl",
    "doc_links.jsonl",
    "entities.jsonl",
    "claims.jsonl",
    "quotes.jsonl",
    "mt_damage.jsonl",
];

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

/// The seeds again under several sites, whole and cut short, so that copies and stories span
/// the sites and so the processes.
fn feed(path: &Path) {
    let mut out = fs::File::create(path).expect("feed");
    let mut seeds: Vec<PathBuf> = fs::read_dir(root().join("data/samples"))
        .expect("data/samples")
        .map(|entry| entry.expect("entry").path())
        .collect();
    seeds.sort();
    for (i, seed) in seeds.iter().enumerate() {
        let text = fs::read_to_string(seed).expect("seed text");
        let paragraphs: Vec<&str> = text.split("\n\n").collect();
        for site in 0..4 {
            let keep = paragraphs.len() - (site % 2) * paragraphs.len() / 4;
            let line = serde_json::json!({
                "text": paragraphs[..keep.max(1)].join("\n\n"),
                "url": format!("https://news{site}.example/{i}"),
            });
            writeln!(out, "{line}").expect("feed line");
        }
    }
}

/// A free port on 127.0.0.1 (bound and released: another program could take it in between,
/// which only fails the test).
fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    listener.local_addr().expect("address").port()
}

fn hosts_file(dir: &Path) -> PathBuf {
    let path = dir.join("hosts.txt");
    let (a, b) = (free_port(), free_port());
    fs::write(&path, format!("127.0.0.1:{a}\n127.0.0.1:{b}\n")).expect("hosts");
    path
}

fn concord(inputs: &[PathBuf], out: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_concord"));
    command
        .current_dir(root())
        .args(["run", "--threads", "1", "--input"])
        .args(inputs)
        .arg("--out")
        .arg(out)
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    command
}

fn cluster_process(
    inputs: &[PathBuf],
    out: &Path,
    hosts: &Path,
    process: usize,
    timeout: u64,
) -> Child {
    concord(inputs, out)
        .arg("--cluster")
        .arg(hosts)
        .args(["--process", &process.to_string()])
        .args(["--cluster-timeout", &timeout.to_string()])
        .spawn()
        .expect("concord starts")
}

/// Waits for `child` at most `limit`, killing it past that.
fn wait(mut child: Child, limit: Duration) -> Output {
    let started = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if started.elapsed() > limit {
            let _ = child.kill();
            let output = child.wait_with_output().expect("output");
            panic!(
                "still running after {limit:?}: {}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.wait_with_output().expect("output")
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|err| panic!("{}: {err}", path.display()))
}

/// The lines of `docs.jsonl` files, merged by the source location of each document.
fn merged_docs(outs: &[&Path]) -> Vec<String> {
    let mut lines: Vec<(SourceRef, String)> = Vec::new();
    for out in outs {
        for line in read(&out.join("docs.jsonl")).lines() {
            let value: serde_json::Value = serde_json::from_str(line).expect("docs line");
            let source: SourceRef =
                serde_json::from_value(value["source"].clone()).expect("source");
            lines.push((source, line.to_owned()));
        }
    }
    lines.sort_by(|a, b| a.0.location_cmp(&b.0));
    lines.into_iter().map(|(_, line)| line).collect()
}

#[test]
fn two_processes_give_the_outputs_of_one_run() {
    let dir = scratch("cluster");
    feed(&dir.join("feed.jsonl"));
    // Named in sorted order, so the single run's order is that of source locations.
    let inputs = vec![
        root().join("data/fixtures"),
        root().join("data/samples"),
        dir.join("feed.jsonl"),
    ];
    let single = dir.join("single");
    let run = wait(
        concord(&inputs, &single).spawn().expect("starts"),
        Duration::from_secs(300),
    );
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );

    let hosts = hosts_file(&dir);
    let outs = [dir.join("p0"), dir.join("p1")];
    let children: Vec<Child> = (0..2)
        .map(|i| cluster_process(&inputs, &outs[i], &hosts, i, 120))
        .collect();
    for child in children {
        let output = wait(child, Duration::from_secs(300));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{stderr}");
    }
    for name in CORPUS_FILES {
        assert_eq!(
            read(&outs[0].join(name)),
            read(&single.join(name)),
            "{name} differs from the single run's"
        );
        assert!(!outs[1].join(name).exists(), "only process 0 writes {name}");
    }
    let single_docs: Vec<String> = read(&single.join("docs.jsonl"))
        .lines()
        .map(str::to_owned)
        .collect();
    let counts: Vec<usize> = outs
        .iter()
        .map(|out| read(&out.join("docs.jsonl")).lines().count())
        .collect();
    assert!(
        counts.iter().all(|&n| n > 0),
        "both processes got documents: {counts:?}"
    );
    let merged = merged_docs(&[&outs[0], &outs[1]]);
    assert_eq!(merged.len(), single_docs.len());
    let first_difference = merged.iter().zip(&single_docs).position(|(a, b)| a != b);
    assert_eq!(
        first_difference, None,
        "merged documents differ from the single run's"
    );

    let mut quarantined: Vec<String> = outs
        .iter()
        .flat_map(|out| {
            read(&out.join("quarantine.jsonl"))
                .lines()
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect();
    let mut single_quarantined: Vec<String> = read(&single.join("quarantine.jsonl"))
        .lines()
        .map(str::to_owned)
        .collect();
    quarantined.sort();
    single_quarantined.sort();
    assert!(!single_quarantined.is_empty());
    assert_eq!(
        quarantined, single_quarantined,
        "every quarantined record once"
    );

    // The report over both folders.
    let report = Command::new(env!("CARGO_BIN_EXE_concord"))
        .current_dir(root())
        .args(["report", "--input"])
        .args(&outs)
        .arg("--out")
        .arg(dir.join("report"))
        .output()
        .expect("report runs");
    assert!(
        report.status.success(),
        "{}",
        String::from_utf8_lossy(&report.stderr)
    );
    assert!(dir.join("report/report.html").is_file());
    assert!(dir.join("report/concord.sqlite").is_file());
    assert_eq!(
        read(&dir.join("report/report.md")),
        read(&single.join("report.md")),
        "the report of both folders is the single run's"
    );
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn a_lost_process_fails_the_run_and_is_named() {
    let dir = scratch("cluster-lost");
    let inputs = vec![root().join("data/samples")];
    let hosts = hosts_file(&dir);
    let zero = cluster_process(&inputs, &dir.join("p0"), &hosts, 0, 10);
    // Process 1 reads stdin, which stays open: it cannot finish before it is killed.
    let mut one = concord(&[PathBuf::from("-")], &dir.join("p1"))
        .arg("--cluster")
        .arg(&hosts)
        .args(["--process", "1", "--cluster-timeout", "10"])
        .stdin(Stdio::piped())
        .spawn()
        .expect("concord starts");
    // Process 1 goes away, connected or not yet: process 0 must fail, not wait forever.
    std::thread::sleep(Duration::from_millis(1500));
    let _ = one.kill();
    let _ = one.wait();
    let started = Instant::now();
    let output = wait(zero, Duration::from_secs(120));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "process 0 succeeded: {stderr}");
    assert!(stderr.contains("process 1"), "{stderr}");
    // Within the 10 s timeout plus the local run and a margin (a loaded CI machine is slow).
    assert!(started.elapsed() < Duration::from_secs(60));
    let _ = fs::remove_dir_all(&dir);
}
