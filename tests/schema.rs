//! Every field `docs.jsonl` emits on the samples and the fixtures is the one `docs/SCHEMA.md`
//! documents, with the documented JSON type: the table is read from the document itself, so a
//! field added to the code but not to SCHEMA (or the reverse) fails here.

use std::collections::BTreeMap;

use concord_tests::{config, root, run};
use serde_json::Value;

/// The `docs.jsonl` table of SCHEMA.md: field path (`source.path`) to its type cell (`int or null`).
fn documented_fields() -> BTreeMap<String, String> {
    let schema = std::fs::read_to_string(root().join("docs/SCHEMA.md")).expect("docs/SCHEMA.md");
    let section = schema
        .split("\n## `docs.jsonl`")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("a `docs.jsonl` section in SCHEMA.md");
    section
        .lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            let field = cells.get(1)?.strip_prefix('`')?.strip_suffix('`')?;
            Some((field.to_owned(), cells.get(2)?.to_string()))
        })
        .collect()
}

/// Whether `value` has the documented `kind` (`string`, `int or null`, `array`, ...).
fn has_type(value: &Value, kind: &str) -> bool {
    kind.split(" or ").any(|kind| match kind {
        "null" => value.is_null(),
        "string" => value.is_string(),
        "int" => value.is_u64() || value.is_i64(),
        "number" => value.is_number(),
        "array" => value.is_array(),
        "object" => value.is_object(),
        other => panic!("SCHEMA.md names an unknown type {other:?}"),
    })
}

/// The leaves SCHEMA documents for one line: `source` is documented field by field, every other
/// object (and every array) as a whole.
fn emitted_fields(line: &Value, documented: &BTreeMap<String, String>) -> BTreeMap<String, Value> {
    let mut fields = BTreeMap::new();
    for (key, value) in line.as_object().expect("a JSON object per line") {
        match value.as_object() {
            Some(inner) if !documented.contains_key(key) => {
                for (sub, value) in inner {
                    fields.insert(format!("{key}.{sub}"), value.clone());
                }
            }
            _ => {
                fields.insert(key.clone(), value.clone());
            }
        }
    }
    fields
}

/// Numbers in the facts are numbers: a figure's value is never null (an overflowing numeral is not a
/// figure), spans are pairs of integers.
fn check_facts(line: &Value, at: &str) {
    for figure in line["figures"].as_array().into_iter().flatten() {
        assert!(
            figure["value"].is_number(),
            "{at}: figure without a value: {figure}"
        );
        assert!(
            figure["value_max"].is_null() || figure["value_max"].is_number(),
            "{at}: {figure}"
        );
    }
    for list in ["entities", "figures", "dates", "quotes"] {
        for item in line[list].as_array().into_iter().flatten() {
            let span = item["span"].as_array().expect("span");
            assert!(
                span.len() == 2 && span.iter().all(Value::is_u64),
                "{at}: {list} span {item}"
            );
        }
    }
}

#[test]
fn docs_jsonl_matches_schema() {
    let documented = documented_fields();
    assert!(
        documented.len() > 20,
        "SCHEMA.md's docs.jsonl table not found"
    );
    let mut seen = BTreeMap::new();
    for input in ["data/samples", "data/fixtures"] {
        let out = run(&[input], 2, &config());
        for (n, text) in out.docs.lines().enumerate() {
            let at = format!("{input} docs.jsonl line {}", n + 1);
            let line: Value = serde_json::from_str(text).expect("JSON");
            for (field, value) in emitted_fields(&line, &documented) {
                let Some(kind) = documented.get(&field) else {
                    panic!("{at}: field {field} is not in docs/SCHEMA.md");
                };
                assert!(
                    has_type(&value, kind),
                    "{at}: {field} = {value} is not {kind}"
                );
                seen.insert(field, ());
            }
            check_facts(&line, &at);
        }
    }
    let never: Vec<&String> = documented
        .keys()
        .filter(|f| !seen.contains_key(*f))
        .collect();
    assert!(never.is_empty(), "documented but never emitted: {never:?}");
}
