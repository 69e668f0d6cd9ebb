//! Tidy: the house rules of DESIGN.md that a machine can check, run by plain `cargo test`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use concord_model::Stage;
use concord_tests::root;

/// The stage crates' package names, from the one table of stages.
fn stage_packages() -> Vec<String> {
    Stage::ALL
        .iter()
        .map(|stage| format!("concord-{}", stage.as_str()))
        .collect()
}

/// Crates every stage may use: the messages, and per-language data.
const SHARED: [&str; 2] = ["concord-model", "concord-lang"];

/// The workspace's packages with their workspace dependencies, from `cargo metadata`.
fn workspace_dependencies() -> Vec<(String, Vec<String>)> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--offline",
        ])
        .current_dir(root())
        .output()
        .expect("cargo metadata runs");
    assert!(output.status.success(), "cargo metadata failed");
    let metadata: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("metadata is JSON");
    let mut packages = Vec::new();
    for package in metadata["packages"].as_array().expect("packages") {
        let name = package["name"].as_str().unwrap_or_default().to_owned();
        let deps = package["dependencies"]
            .as_array()
            .expect("dependencies")
            .iter()
            .filter(|dep| dep["kind"].is_null())
            .filter_map(|dep| dep["name"].as_str())
            .filter(|dep| dep.starts_with("concord-"))
            .map(str::to_owned)
            .collect();
        packages.push((name, deps));
    }
    packages
}

/// A stage crate depends on concord-model (and the language data) and outside crates, never on
/// another workspace crate.
#[test]
fn stages_never_depend_on_each_other() {
    let stages = stage_packages();
    let mut violations = Vec::new();
    for (name, deps) in workspace_dependencies() {
        let allowed: &[&str] = match name.as_str() {
            "concord-model" => &[],
            "concord-lang" => &["concord-model"],
            name if stages.iter().any(|stage| stage == name) => &SHARED,
            _ => continue,
        };
        for dep in deps {
            if !allowed.contains(&dep.as_str()) {
                violations.push(format!("{name} depends on {dep}"));
            }
        }
    }
    assert!(
        violations.is_empty(),
        "stage crates must not depend on other workspace crates: {violations:?}"
    );
}

/// Measuring knows every stage and nothing depends on it but the developer front end; the
/// pipeline is wiring that only front ends and measuring use.
#[test]
fn nothing_depends_on_measuring_and_only_front_ends_on_the_pipeline() {
    let mut violations = Vec::new();
    for (name, deps) in workspace_dependencies() {
        for dep in deps {
            let allowed = match dep.as_str() {
                "concord-measure" => name == "xtask",
                "concord-pipeline" => ["concord-measure", "concord-cli", "xtask", "concord-tests"]
                    .contains(&name.as_str()),
                "concord-cli" => name == "xtask",
                _ => true,
            };
            if !allowed {
                violations.push(format!("{name} depends on {dep}"));
            }
        }
    }
    assert!(violations.is_empty(), "{violations:?}");
}

/// Every Rust file of the workspace starts with a `//!` paragraph saying what it is for.
#[test]
fn every_file_says_what_it_does() {
    let mut missing = Vec::new();
    for dir in ["crates", "xtask", "tests"] {
        for path in rust_files(&root().join(dir)) {
            let text = fs::read_to_string(&path).unwrap_or_default();
            let first = text
                .lines()
                .find(|line| !line.trim().is_empty())
                .unwrap_or_default();
            if !first.starts_with("//!") {
                missing.push(
                    path.strip_prefix(root())
                        .unwrap_or(&path)
                        .display()
                        .to_string(),
                );
            }
        }
    }
    assert!(
        missing.is_empty(),
        "files without a //! doc paragraph: {missing:?}"
    );
}

/// Stage crates are functions: no threads of their own, no rayon (the pipeline owns parallelism).
#[test]
fn stage_crates_spawn_no_threads() {
    let needles = [
        ["std::thread", "::spawn"].concat(),
        ["thread", "::spawn("].concat(),
        ["use ray", "on"].concat(),
    ];
    let mut offenders = Vec::new();
    for stage in Stage::ALL {
        for path in rust_files(&root().join("crates").join(stage.as_str()).join("src")) {
            let text = fs::read_to_string(&path).unwrap_or_default();
            if needles.iter().any(|needle| text.contains(needle.as_str())) {
                offenders.push(path.display().to_string());
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "stage crates spawning threads or using rayon: {offenders:?}"
    );
}

/// Only the codec module names bincode, so the wire format can change in one file.
#[test]
fn only_the_codec_names_bincode() {
    let needle = ["bin", "code::"].concat();
    let codec = root().join("crates/model/src/codec.rs");
    let offenders: Vec<String> = ["crates", "xtask", "tests"]
        .iter()
        .flat_map(|dir| rust_files(&root().join(dir)))
        .filter(|path| {
            *path != codec
                && fs::read_to_string(path)
                    .unwrap_or_default()
                    .contains(&needle)
        })
        .map(|path| path.display().to_string())
        .collect();
    assert!(
        offenders.is_empty(),
        "bincode named outside crates/model/src/codec.rs: {offenders:?}"
    );
}

/// No test is switched off or expected to panic: a test shows behaviour, wrong behaviour included.
#[test]
fn no_ignored_or_should_panic_tests() {
    let needles = [["#[ig", "nore"].concat(), ["#[should", "_panic"].concat()];
    let offenders: Vec<String> = ["crates", "xtask", "tests"]
        .iter()
        .flat_map(|dir| rust_files(&root().join(dir)))
        .filter(|path| {
            let text = fs::read_to_string(path).unwrap_or_default();
            needles.iter().any(|needle| text.contains(needle.as_str()))
        })
        .map(|path| path.display().to_string())
        .collect();
    assert!(
        offenders.is_empty(),
        "ignored or should_panic tests in {offenders:?}"
    );
}

/// Channels are bounded: memory must stay bounded by batch size, not corpus size.
#[test]
fn no_unbounded_channels() {
    let needle = ["unbounded", "("].concat();
    let offenders: Vec<String> = rust_files(&root().join("crates"))
        .into_iter()
        .filter(|path| {
            fs::read_to_string(path)
                .unwrap_or_default()
                .contains(&needle)
        })
        .map(|path| path.display().to_string())
        .collect();
    assert!(offenders.is_empty(), "unbounded channels in {offenders:?}");
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name();
            if path.is_dir() && name != "target" && name != "golden" {
                stack.push(path);
            } else if path.extension().is_some_and(|ext| ext == "rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// docs/SCHEMA.md shows the language coverage table as concord-lang holds it.
#[test]
fn the_schema_shows_the_coverage_table() {
    let schema = fs::read_to_string(root().join("docs/SCHEMA.md")).unwrap_or_default();
    let table = concord_lang::coverage::markdown_table();
    assert!(
        schema.contains(&table),
        "docs/SCHEMA.md lacks the coverage table; it should read:\n{table}"
    );
}
