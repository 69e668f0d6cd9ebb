//! End-to-end tests: the whole pipeline on `data/samples` and `data/fixtures`, and the tidy rules.

mod tidy;

use concord_tests::{check_golden, config, run};

/// The seeds come out identically at 1 and 4 threads, and as in the golden file.
#[test]
fn samples_are_golden_at_any_thread_count() {
    let one = run(&["data/samples"], 1, &config());
    let four = run(&["data/samples"], 4, &config());
    assert_eq!(one.docs, four.docs, "docs.jsonl differs between 1 and 4 threads");
    assert_eq!(one.quarantine, four.quarantine);
    assert_eq!(one.manifest.documents_out, 5);
    assert_eq!(one.manifest.quarantined, 0);
    check_golden("samples/docs.jsonl", &one.docs);
}

/// Every record of the fixtures ends as a document or a quarantine line, and the manifest adds up.
#[test]
fn fixtures_are_all_accounted_for() {
    let one = run(&["data/fixtures"], 1, &config());
    let four = run(&["data/fixtures"], 4, &config());
    assert_eq!(one.docs, four.docs);
    assert_eq!(one.quarantine, four.quarantine);
    let manifest = &one.manifest;
    assert_eq!(manifest.records_in, manifest.documents_out + manifest.quarantined);
    assert_eq!(one.docs.lines().count() as u64, manifest.documents_out);
    assert_eq!(one.quarantine.lines().count() as u64, manifest.quarantined);
    let by_kind: u64 = manifest.issues_by_kind.values().sum();
    assert_eq!(by_kind, manifest.quarantined);
    assert!(manifest.documents_out > 0 && manifest.quarantined > 0);
    check_golden("fixtures/quarantine.jsonl", &one.quarantine);
}
