//! End-to-end tests: the whole pipeline on `data/samples` and `data/fixtures`, and the tidy rules.

mod fuzz_seeds;
mod incremental;
mod schema;
mod seeds_report;
mod tidy;

use std::path::{Path, PathBuf};

use concord_model::Stage;
use concord_pipeline::stage::run_stage;
use concord_pipeline::{NoProgress, RunOptions};
use concord_tests::{check_golden_jsonl, config, run, run_into, run_with, scratch};

/// The seeds come out identically at 1 and 4 threads, and as in the golden file.
#[test]
fn samples_are_golden_at_any_thread_count() {
    let one = run(&["data/samples"], 1, &config());
    let four = run(&["data/samples"], 4, &config());
    assert_eq!(
        one.docs, four.docs,
        "docs.jsonl differs between 1 and 4 threads"
    );
    assert_eq!(one.quarantine, four.quarantine);
    assert_eq!(one.manifest.documents_out, 5);
    assert_eq!(one.manifest.quarantined, 0);
    // The manifest says what extract lacks per language: Turkish has no word tables, English
    // all of them.
    let gaps = &one.manifest.language_gaps;
    assert!(
        gaps["tr"].iter().any(|gap| gap == "number words"),
        "{gaps:?}"
    );
    assert!(!gaps.contains_key("en"), "{gaps:?}");
    assert_eq!(
        one.corpus, four.corpus,
        "corpus files differ between 1 and 4 threads"
    );
    check_golden_jsonl("samples/docs.golden", &one.docs);
    for (name, lines) in &one.corpus {
        check_golden_jsonl(&format!("samples/{name}.golden"), lines);
    }
}

/// The batch size changes how work is cut up, never the output (the repeat tracker holds documents
/// back by a window of documents, not of batches).
#[test]
fn output_does_not_depend_on_batch_size() {
    for input in ["data/samples", "data/fixtures"] {
        let small = run_with(&[input], 4, 1, &config());
        let large = run_with(&[input], 4, 64, &config());
        assert_eq!(
            small.docs, large.docs,
            "{input}: docs.jsonl differs between batch sizes 1 and 64"
        );
        assert_eq!(
            small.quarantine, large.quarantine,
            "{input}: quarantine.jsonl differs"
        );
    }
}

/// Records larger than the whole in-flight byte budget (3 MiB with one-batch channels) still pass
/// one at a time: the run neither stalls nor loses them.
#[test]
fn records_larger_than_the_budget_do_not_stall_a_run() {
    let input = scratch("large-records-in");
    for idx in 0..3 {
        // 4 MiB of text with a NUL byte at the end: read whole, then quarantined by decoding.
        let mut bytes = b"Large record. ".repeat((4 << 20) / 14);
        bytes.push(0);
        std::fs::write(input.join(format!("large-{idx}.txt")), bytes).expect("write input");
    }
    std::fs::write(
        input.join("small.txt"),
        "A small article\n\nIt says one thing and ends.\n",
    )
    .expect("write input");
    let out = scratch("large-records-out");
    let options = RunOptions {
        inputs: vec![input],
        out,
        threads: 2,
        batch_size: 64,
        channel_capacity: 1,
        emit_intermediate: false,
        store: None,
        all_documents: false,
    };
    let manifest = concord_pipeline::run(&config(), &options, &NoProgress).expect("pipeline run");
    assert_eq!(manifest.records_in, 4);
    assert_eq!(manifest.documents_out, 1);
    assert_eq!(manifest.issues_by_kind.get("binary"), Some(&3));
}

/// Every record of the fixtures ends as a document or a quarantine line, and the manifest adds up.
#[test]
fn fixtures_are_all_accounted_for() {
    let one = run(&["data/fixtures"], 1, &config());
    let four = run(&["data/fixtures"], 4, &config());
    assert_eq!(one.docs, four.docs);
    assert_eq!(one.quarantine, four.quarantine);
    let manifest = &one.manifest;
    assert_eq!(
        manifest.records_in,
        manifest.documents_out + manifest.quarantined
    );
    assert_eq!(one.docs.lines().count() as u64, manifest.documents_out);
    assert_eq!(one.quarantine.lines().count() as u64, manifest.quarantined);
    let by_kind: u64 = manifest.issues_by_kind.values().sum();
    assert_eq!(by_kind, manifest.quarantined);
    assert!(manifest.documents_out > 0 && manifest.quarantined > 0);
    check_golden_jsonl("fixtures/quarantine.golden", &one.quarantine);
}

/// Each stage rerun on the previous stage's intermediate file gives the same documents as the full
/// run: the codec round-trips every message, and `stage` runs the same code as `run`.
#[test]
fn stages_on_intermediate_files_match_the_full_run() {
    let out = scratch("intermediate");
    let full = run_into(&out, &["data/samples"], 2, &config(), true);
    let stage = |stage: Stage, input: PathBuf, output: &Path| {
        let options = RunOptions {
            inputs: vec![input],
            out: output.to_owned(),
            threads: 2,
            batch_size: 3,
            channel_capacity: 0,
            emit_intermediate: false,
            store: None,
            all_documents: false,
        };
        run_stage(stage, &config(), &options)
            .unwrap_or_else(|err| panic!("stage {}: {err}", stage.as_str()));
    };
    let raw = out.join("stage-raw.bin");
    let clean = out.join("stage-clean.bin");
    let facts = out.join("stage-facts.bin");
    stage(Stage::Ingest, "data/samples".into(), &raw);
    stage(Stage::Normalize, raw, &clean);
    stage(Stage::Extract, clean, &facts);
    for (input, folder) in [(facts, "from-stages"), (out.join("facts.bin"), "from-run")] {
        let report_dir = out.join(folder);
        stage(Stage::Report, input, &report_dir);
        let docs = std::fs::read_to_string(report_dir.join("docs.jsonl")).expect("docs.jsonl");
        assert_eq!(
            docs, full.docs,
            "{folder}: docs.jsonl differs from the full run"
        );
    }
}

/// The committed `concord.toml` holds the recommended settings, and a misspelt option is refused.
#[test]
fn config_file_is_the_recommended_config() {
    let from_file =
        concord_pipeline::PipelineConfig::from_file(&concord_tests::root().join("concord.toml"))
            .expect("concord.toml parses");
    let recommended = config();
    assert_eq!(
        from_file.ingest.max_doc_bytes,
        recommended.ingest.max_doc_bytes
    );
    assert_eq!(from_file.normalize, recommended.normalize);
    assert_eq!(
        from_file.repeat_budget_bytes,
        recommended.repeat_budget_bytes
    );
    let model = |path: &std::path::Path| std::fs::canonicalize(path).expect("model file exists");
    assert_eq!(
        model(&from_file.extract.ner_model),
        model(&recommended.extract.ner_model)
    );
    assert_eq!(from_file.reconcile, recommended.reconcile);

    let tuned = scratch("config-reconcile").join("concord.toml");
    std::fs::write(&tuned, "[reconcile]\nstory_min = 0.6\nstory_days = 3\n").expect("write");
    let tuned = concord_pipeline::PipelineConfig::from_file(&tuned).expect("parses");
    assert_eq!(
        (tuned.reconcile.story_min, tuned.reconcile.story_days),
        (0.6, 3)
    );
    let out_of_range = scratch("config-range").join("concord.toml");
    std::fs::write(&out_of_range, "[reconcile]\nnear_jaccard = 1.5\n").expect("write");
    let err = concord_pipeline::PipelineConfig::from_file(&out_of_range).expect_err("refused");
    assert!(err.to_string().contains("near_jaccard"), "{err}");

    let bad = scratch("config").join("concord.toml");
    std::fs::write(&bad, "[normalize]\nstrip_crome = false\n").expect("write config");
    let err =
        concord_pipeline::PipelineConfig::from_file(&bad).expect_err("unknown option refused");
    assert!(err.to_string().contains("strip_crome"), "{err}");
}

/// Output order rests on an explicit key, the source location (`SourceRef::location_cmp`), not on
/// the order of the stream: a run split over several processes sorts its parts by it.
#[test]
fn output_order_is_the_source_location_order() {
    let out = run(&["data/fixtures"], 2, &config());
    for file in [&out.docs, &out.quarantine] {
        let sources: Vec<concord_model::SourceRef> = file
            .lines()
            .map(|line| {
                let value: serde_json::Value = serde_json::from_str(line).expect("JSON line");
                let source = &value["source"];
                concord_model::SourceRef {
                    path: source["path"].as_str().unwrap_or_default().to_owned(),
                    line: source["line"].as_u64(),
                    offset: source["offset"].as_u64(),
                    url: None,
                }
            })
            .collect();
        assert!(sources.len() > 3);
        let mut sorted = sources.clone();
        sorted.sort_by(concord_model::SourceRef::location_cmp);
        assert_eq!(sources, sorted);
    }
}

/// A mistyped input fails the run before any output is touched: the previous run's files stay
/// whole, with the manifest that describes them.
#[test]
fn a_missing_input_leaves_the_previous_outputs_whole() {
    let out = scratch("typo");
    let first = run_into(&out, &["data/samples"], 2, &config(), false);
    let options = RunOptions {
        inputs: vec!["data/samples".into(), "data/no-such-folder".into()],
        out: out.clone(),
        threads: 2,
        batch_size: 64,
        channel_capacity: 0,
        emit_intermediate: false,
        store: None,
        all_documents: false,
    };
    let err = concord_pipeline::run(&config(), &options, &NoProgress).expect_err("missing input");
    assert!(err.to_string().contains("data/no-such-folder"), "{err}");
    let docs = std::fs::read_to_string(out.join("docs.jsonl")).expect("docs.jsonl kept");
    assert_eq!(docs, first.docs);
    let manifest = std::fs::read_to_string(out.join("manifest.json")).expect("manifest kept");
    assert!(manifest.contains("\"documents_out\": 5"), "{manifest}");
}
