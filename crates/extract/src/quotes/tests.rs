//! Tests of quotation finding and speaker attribution.

use super::*;

fn seed(name: &str) -> String {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/samples");
    let entry = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().starts_with(name))
        .unwrap();
    std::fs::read_to_string(entry.path()).unwrap()
}

#[test]
fn dump() {
    let f = QuoteFinder::new();
    for (name, lang) in [("000", "id"), ("001", "de"), ("002", "en"), ("003", "en"), ("004", "en")] {
        let text = seed(name);
        for q in f.find(&text, &[], &[], lang) {
            let s: String = q.span.of(&text).chars().take(40).collect();
            eprintln!("{name} {:?} <- {:?} [{}] partial={} cue={:?}", s, q.speaker, q.speaker_span.map(|s| s.of(&text)).unwrap_or(""), q.partial, q.cue.map(|c| c.of(&text)));
        }
    }
}
