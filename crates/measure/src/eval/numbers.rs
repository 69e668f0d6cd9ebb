//! Number reading on Duckling's corpora: `<Dimension>/<LANG>.hs` files of Haskell source with gold
//! values and the surface forms that mean them (`examples (NumeralValue 100000) ["100.000",
//! "100K"]`). The metric is the published one: the share of (surface form, language) pairs whose
//! reading equals the gold, per dimension and language, for the languages concord covers.
//!
//! How each dimension is scored (every example of the main corpus `allExamples` counts, including
//! forms concord does not aim to read, such as "a few" or "30 lkh"; Duckling's latent corpora are
//! left out, as Duckling itself only tests them with latent matching switched on):
//! - `Numeral`: [`concord_extract::numbers::Numbers::parse`] of the whole form equals the gold value
//!   (relative tolerance 1e-9).
//! - `Quantity`, `AmountOfMoney`: [`concord_extract::figures::find_figures`] on the form as a
//!   one-sentence text; the figure with the longest span is compared. Right means the unit AND the
//!   value match: currencies as ISO 4217 codes (Duckling's `Dollar` is `USD`, `Pound` `GBP`, `PTS`
//!   `ESP`; `Cent` is the unit `cent`; `Dinar`, `Riyal`, `Rial` are those names; `Unnamed` means no
//!   unit), masses converted to grams (`g`, `kg`, `mg`, Dutch `pond` = 500 g and `ons` = 100 g),
//!   and `lb`, `oz`, `cup`, `tbsp` as such. `Pound` is sterling in AmountOfMoney and the mass
//!   pound in Quantity, where a sterling reading is accepted only for a form with no context
//!   (gold product `Nothing`: "a Pound", "2 фунта" mean either, and concord is not told the
//!   dimension as Duckling's tests tell it); "two pounds of meat" must weigh. `simple v` needs
//!   the value v with no upper bound and an exact or approximate qualifier; `between (a, b)` needs value a and upper bound b; `under v`
//!   needs v qualified at most; `above v` needs v qualified at least. The product ("of meat") is
//!   not scored.
//! - `Ordinal` is not read: concord does not count ordinals as figures.

use std::path::Path;

use concord_extract::figures::{FigureTables, find_figures};
use concord_model::{Figure, Qualifier, Span};

use super::{EvalError, EvalReport, EvalRow};

/// Dimensions scored, in report order.
const DIMENSIONS: [&str; 3] = ["Numeral", "Quantity", "AmountOfMoney"];

/// Scores number reading on a folder of Duckling corpora (`<Dimension>/<LANG>.hs`).
pub fn evaluate(data: &Path) -> Result<EvalReport, EvalError> {
    let tables = FigureTables::new();
    let mut rows = Vec::new();
    let mut summary = Vec::new();
    for dimension in DIMENSIONS {
        let (mut all_n, mut all_right) = (0u64, 0u64);
        let mut min_accuracy = f64::INFINITY;
        for lang in concord_extract::numbers::LANGUAGES {
            let path = data
                .join(dimension)
                .join(format!("{}.hs", lang.to_uppercase()));
            if !path.exists() {
                continue;
            }
            let source = std::fs::read_to_string(&path).map_err(|source| EvalError::Io {
                path: path.clone(),
                source,
            })?;
            let (n, right) = score_file(dimension, lang, &source, &tables).map_err(|message| {
                EvalError::Format {
                    path: path.clone(),
                    message,
                }
            })?;
            if n == 0 {
                continue;
            }
            let accuracy = right as f64 / n as f64;
            min_accuracy = min_accuracy.min(accuracy);
            all_n += n;
            all_right += right;
            rows.push(EvalRow {
                name: format!("{dimension}/{lang}"),
                n,
                metrics: vec![("accuracy".into(), accuracy)],
            });
        }
        if all_n > 0 {
            summary.push((
                format!("{dimension} micro accuracy"),
                all_right as f64 / all_n as f64,
            ));
            summary.push((format!("{dimension} lowest language"), min_accuracy));
        }
    }
    if rows.is_empty() {
        return Err(EvalError::Format {
            path: data.to_owned(),
            message: "no <Dimension>/<LANG>.hs file of a covered language".into(),
        });
    }
    Ok(EvalReport {
        task: "numbers".into(),
        data: data.display().to_string(),
        rows,
        summary,
        peers: vec![(
            "Duckling (its own test corpus)".into(),
            "accuracy".into(),
            1.0,
        )],
    })
}

/// Scores one corpus file: `(examples, right)`.
fn score_file(
    dimension: &str,
    lang: &str,
    source: &str,
    tables: &FigureTables,
) -> Result<(u64, u64), String> {
    let examples = parse_corpus(source)?;
    let (mut n, mut right) = (0u64, 0u64);
    for (gold, forms) in &examples {
        let gold = parse_gold(gold).ok_or_else(|| format!("unreadable gold value {gold:?}"))?;
        for form in forms {
            n += 1;
            let ok = match (&gold, dimension) {
                (Gold::Numeral(v), _) => tables
                    .numbers()
                    .parse(form, lang)
                    .is_some_and(|got| same(got, *v)),
                (Gold::Measure { .. }, "Quantity" | "AmountOfMoney") => {
                    let sentences = [Span::new(0, form.len())];
                    let figures = find_figures(form, &sentences, lang, tables);
                    let best = figures
                        .iter()
                        .max_by_key(|f| (f.span.len(), std::cmp::Reverse(f.span.start)));
                    best.is_some_and(|f| measure_matches(dimension, &gold, f))
                }
                _ => false,
            };
            right += u64::from(ok);
        }
    }
    Ok((n, right))
}

fn same(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * b.abs().max(1.0)
}

/// A gold reading.
#[derive(Clone, Debug, PartialEq)]
enum Gold {
    /// `NumeralValue v`.
    Numeral(f64),
    /// `simple|between|under|above Unit value(s)`.
    Measure {
        /// `simple`, `between`, `under`, `above`.
        shape: String,
        /// Duckling's unit name.
        unit: String,
        /// The value, or the range's lower end.
        value: f64,
        /// The range's upper end.
        max: Option<f64>,
        /// Whether the gold names the product measured (`Just "meat"`): the form has context.
        product: bool,
    },
}

/// Reads a gold expression: `NumeralValue (-1.2e6)`, `simple Gram 2 (Just "meat")`,
/// `between Dollar (10, 20)`.
fn parse_gold(gold: &str) -> Option<Gold> {
    let cleaned: String = gold
        .chars()
        .map(|c| if matches!(c, '(' | ')' | ',') { ' ' } else { c })
        .collect();
    let words: Vec<&str> = cleaned.split_whitespace().collect();
    let number = |s: &str| s.replace('_', "").parse::<f64>().ok();
    match words.first()? {
        &"NumeralValue" => number(words.get(1)?).map(Gold::Numeral),
        shape @ (&"simple" | &"between" | &"under" | &"above") => {
            let unit = (*words.get(1)?).to_owned();
            let value = number(words.get(2)?)?;
            let max = if *shape == "between" {
                Some(number(words.get(3)?)?)
            } else {
                None
            };
            Some(Gold::Measure {
                shape: (*shape).to_owned(),
                unit,
                value,
                max,
                product: words.contains(&"Just"),
            })
        }
        _ => None,
    }
}

/// Whether a figure reads a Quantity or AmountOfMoney gold (see the module docs).
fn measure_matches(dimension: &str, gold: &Gold, figure: &Figure) -> bool {
    let Gold::Measure {
        shape,
        unit,
        value,
        max,
        product,
    } = gold
    else {
        return false;
    };
    // The figure's unit and value in the gold's terms.
    let (want_unit, factor): (Option<&str>, f64) = match unit.as_str() {
        "Unnamed" => (None, 1.0),
        "Dollar" => (Some("USD"), 1.0),
        // Duckling is asked one dimension at a time; concord reads a form once. A pound alone
        // ("a Pound", "2 фунта") may mean either, so in Quantity sterling counts only then.
        "Pound" if dimension == "AmountOfMoney" => (Some("GBP"), 1.0),
        "Pound" if !product && figure.unit.as_deref() == Some("GBP") => (Some("GBP"), 1.0),
        "Pound" => (Some("lb"), 1.0),
        "PTS" => (Some("ESP"), 1.0),
        "Cent" => (Some("cent"), 1.0),
        "Dinar" => (Some("dinar"), 1.0),
        "Riyal" => (Some("riyal"), 1.0),
        "Rial" => (Some("rial"), 1.0),
        "Gram" => (Some("g"), 1.0),
        "Ounce" => (Some("oz"), 1.0),
        "Cup" => (Some("cup"), 1.0),
        "Tablespoon" => (Some("tbsp"), 1.0),
        code => (Some(code), 1.0),
    };
    let (got_unit, got_factor) = match figure.unit.as_deref() {
        Some("kg") => (Some("g"), 1000.0),
        Some("mg") => (Some("g"), 0.001),
        Some("pond") => (Some("g"), 500.0),
        Some("ons") => (Some("g"), 100.0),
        other => (other, 1.0),
    };
    if got_unit != want_unit {
        return false;
    }
    let got = figure.value * got_factor;
    let got_max = figure.value_max.map(|m| m * got_factor);
    let want = value * factor;
    match shape.as_str() {
        "simple" => {
            same(got, want)
                && got_max.is_none()
                && matches!(figure.qualifier, Qualifier::Exact | Qualifier::Approximate)
        }
        "between" => {
            same(got, want)
                && got_max.zip(*max).is_some_and(|(a, b)| same(a, b * factor))
                && matches!(figure.qualifier, Qualifier::Exact | Qualifier::Approximate)
        }
        "under" => same(got, want) && got_max.is_none() && figure.qualifier == Qualifier::AtMost,
        "above" => same(got, want) && got_max.is_none() && figure.qualifier == Qualifier::AtLeast,
        _ => false,
    }
}

/// The `(gold expression, surface forms)` pairs of a corpus file's `allExamples`.
fn parse_corpus(source: &str) -> Result<Vec<(String, Vec<String>)>, String> {
    let body = match source.find("allExamples =") {
        Some(at) => &source[at..],
        None => return Err("no allExamples".into()),
    };
    let mut out = Vec::new();
    let mut rest = body;
    while let Some(at) = rest.find("examples") {
        rest = &rest[at + "examples".len()..];
        let after = rest.trim_start();
        if !after.starts_with('(') {
            continue;
        }
        let gold_end = balanced(after).ok_or("unbalanced gold expression")?;
        let gold = after[1..gold_end - 1].to_owned();
        let list = after[gold_end..].trim_start();
        if !list.starts_with('[') {
            return Err(format!("no list after {gold:?}"));
        }
        let (forms, used) = string_list(list)?;
        out.push((gold, forms));
        rest = &list[used..];
    }
    Ok(out)
}

/// Length of the balanced parenthesised group at the start of `s`.
fn balanced(s: &str) -> Option<usize> {
    let mut depth = 0i32;
    let mut in_string = false;
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        if in_string {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
    }
    None
}

/// Reads a Haskell list of string literals (`[ "a", "b\x20ac" ]`): the strings and the bytes used.
fn string_list(s: &str) -> Result<(Vec<String>, usize), String> {
    let mut out = Vec::new();
    let mut chars = s.char_indices().skip(1).peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            ']' => return Ok((out, i + 1)),
            '"' => {
                let mut value = String::new();
                loop {
                    let Some((_, c)) = chars.next() else {
                        return Err("unterminated string".into());
                    };
                    match c {
                        '"' => break,
                        '\\' => match chars.next().map(|(_, c)| c) {
                            Some('x') => {
                                let mut code = 0u32;
                                while let Some(&(_, h)) = chars.peek() {
                                    let Some(d) = h.to_digit(16) else { break };
                                    code = code * 16 + d;
                                    chars.next();
                                }
                                value.extend(char::from_u32(code));
                            }
                            Some('&') => {}
                            Some('n') => value.push('\n'),
                            Some(other) => value.push(other),
                            None => return Err("unterminated escape".into()),
                        },
                        other => value.push(other),
                    }
                }
                out.push(value);
            }
            _ => {}
        }
    }
    Err("unterminated list".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A cut of Duckling's corpora (Numeral/DE.hs, AmountOfMoney/EN.hs, Quantity/EN.hs shapes).
    const SNIPPET: &str = r#"
allExamples :: [Example]
allExamples = concat
  [ examples (NumeralValue 100000)
             [ "100.000"
             , "hunderttausend"
             ]
  , examples (NumeralValue (-1200000))
             [ "- 1.200.000"
             , "nichts"
             ]
  ]
"#;

    const MONEY: &str = r#"
allExamples = concat
  [ examples (simple EUR 20)
             [ "20\x20ac"
             , "EUR 20"
             ]
  , examples (simple Pound 10)
             [ "\x00a3\&10" ]
  , examples (between Dollar (10, 20))
             [ "between 10 and 20 dollars" ]
  , examples (under EUR 7)
             [ "less than 7 EUR" ]
  , examples (simple Gram 2000 Nothing)
             [ "2 kg" , "2 pounds" ]
  ]
"#;

    const POUNDS: &str = r#"
allExamples = concat
  [ examples (simple Pound 2 (Just "meat"))
             [ "two pounds of meat", "two pounds" ]
  , examples (simple Pound 1 Nothing)
             [ "a Pound", "1 lb" ]
  ]
"#;

    fn check(dimension: &str, lang: &str, source: &str, want: (u64, u64)) {
        let tables = FigureTables::new();
        assert_eq!(
            score_file(dimension, lang, source, &tables),
            Ok(want),
            "{dimension} {lang}"
        );
    }

    #[test]
    fn scores_inline_corpora() {
        // "nichts" is not minus 1.2 million: 3 of 4.
        check("Numeral", "de", SNIPPET, (4, 3));
        // "2 pounds" is no 2 kg: 6 of 7.
        check("AmountOfMoney", "en", MONEY, (7, 6));
        // With a product the pound must weigh ("two pounds" pays); alone it may mean either. In
        // AmountOfMoney only sterling counts.
        check("Quantity", "en", POUNDS, (4, 3));
        check("AmountOfMoney", "en", POUNDS, (4, 2));
    }

    #[test]
    fn reads_haskell_strings_and_gold() {
        let (forms, _) = string_list(r#"[ "20\x20ac", "\x00a3\&10", "a\"b" ]"#).unwrap_or_default();
        assert_eq!(forms, vec!["20€", "£10", "a\"b"]);
        assert_eq!(
            parse_gold("NumeralValue (-1.2e6)"),
            Some(Gold::Numeral(-1.2e6))
        );
        assert_eq!(parse_gold("NumeralValue 100_000"), Some(Gold::Numeral(1e5)));
        assert_eq!(
            parse_gold(r#"between Gram (100,1000) (Just "strawberries")"#),
            Some(Gold::Measure {
                shape: "between".into(),
                unit: "Gram".into(),
                value: 100.0,
                max: Some(1000.0),
                product: true,
            })
        );
    }
}
