//! End-to-end tests: the whole pipeline on `data/samples` and `data/fixtures`, and the tidy rules.

mod fuzz_seeds;
mod tidy;

use concord_pipeline::stage::{StageOptions, run_stage};
use concord_pipeline::{NoProgress, RunOptions};
use concord_tests::{check_golden, config, run, run_into, run_with, scratch};

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
    check_golden("samples/docs.jsonl", &one.docs);
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
    check_golden("fixtures/quarantine.jsonl", &one.quarantine);
}

/// Each stage rerun on the previous stage's intermediate file gives the same documents as the full
/// run: the codec round-trips every message, and `stage` runs the same code as `run`.
#[test]
fn stages_on_intermediate_files_match_the_full_run() {
    let out = scratch("intermediate");
    let full = run_into(&out, &["data/samples"], 2, &config(), true);
    let options = StageOptions {
        threads: 2,
        batch_size: 3,
        channel_capacity: 0,
    };
    let raw = out.join("stage-raw.bin");
    let clean = out.join("stage-clean.bin");
    let facts = out.join("stage-facts.bin");
    run_stage(
        "ingest",
        &config(),
        &options,
        &["data/samples".into()],
        &raw,
    )
    .expect("stage ingest");
    run_stage("normalize", &config(), &options, &[raw], &clean).expect("stage normalize");
    run_stage("extract", &config(), &options, &[clean], &facts).expect("stage extract");
    for (input, folder) in [(facts, "from-stages"), (out.join("facts.bin"), "from-run")] {
        let report_dir = out.join(folder);
        run_stage("report", &config(), &options, &[input], &report_dir).expect("stage report");
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
    assert_eq!(from_file.repeat_window, recommended.repeat_window);
    let model = |path: &std::path::Path| std::fs::canonicalize(path).expect("model file exists");
    assert_eq!(
        model(&from_file.extract.ner_model),
        model(&recommended.extract.ner_model)
    );

    let bad = scratch("config").join("concord.toml");
    std::fs::write(&bad, "[normalize]\nstrip_crome = false\n").expect("write config");
    let err =
        concord_pipeline::PipelineConfig::from_file(&bad).expect_err("unknown option refused");
    assert!(err.to_string().contains("strip_crome"), "{err}");
}
