//! Language identification on lingua's test sets: for every `<iso>/` folder under the data folder
//! whose language the default detector covers, the share of lines of `sentences.txt` and of
//! `word-pairs.txt` identified correctly (`und` counts as wrong), then the mean over languages,
//! exactly as lingua publishes its accuracy tables.
//!
//! Folders of languages outside [`concord_normalize::lang::DEFAULT_LANGUAGES`] are skipped, so the
//! mean is over the configured languages, not lingua's 75: the peer figures are context, not a
//! like-for-like comparison.

use std::path::Path;

use concord_normalize::lang::{DEFAULT_LANGUAGES, LanguageDetector};

use super::{EvalError, EvalReport, EvalRow};

/// Published mean sentence accuracies over lingua's 75 languages (`../shared/eval/README.md`).
const PEERS: &[(&str, f64)] = &[
    ("lingua high accuracy (75 languages)", 0.960),
    ("whatlang (75 languages)", 0.949),
    ("cld2 (75 languages)", 0.942),
    ("cld3 (75 languages)", 0.931),
];

/// Scores language identification on a folder of `<iso>/sentences.txt` and `<iso>/word-pairs.txt`.
pub fn evaluate(data: &Path) -> Result<EvalReport, EvalError> {
    let detector = LanguageDetector::new(DEFAULT_LANGUAGES).map_err(|error| EvalError::Format {
        path: data.to_owned(),
        message: error.to_string(),
    })?;
    let entries = std::fs::read_dir(data).map_err(|source| EvalError::Io {
        path: data.to_owned(),
        source,
    })?;
    let mut codes: Vec<String> = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|source| EvalError::Io {
            path: data.to_owned(),
            source,
        })?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.path().is_dir() && detector.languages().contains(&name) {
            codes.push(name);
        }
    }
    codes.sort();
    if codes.is_empty() {
        return Err(EvalError::Format {
            path: data.to_owned(),
            message: "no <iso>/ folder of a configured language".into(),
        });
    }
    let mut rows = Vec::with_capacity(codes.len());
    let (mut sum_sentences, mut sum_pairs) = (0.0, 0.0);
    for code in &codes {
        let (n, sentences) = accuracy(&detector, &data.join(code).join("sentences.txt"), code)?;
        let (_, pairs) = accuracy(&detector, &data.join(code).join("word-pairs.txt"), code)?;
        sum_sentences += sentences;
        sum_pairs += pairs;
        rows.push(EvalRow {
            name: code.clone(),
            n,
            metrics: vec![
                ("sentences".into(), sentences),
                ("word_pairs".into(), pairs),
            ],
        });
    }
    let count = codes.len() as f64;
    Ok(EvalReport {
        task: "langid".into(),
        data: data.display().to_string(),
        rows,
        summary: vec![
            ("mean_sentences".into(), sum_sentences / count),
            ("mean_word_pairs".into(), sum_pairs / count),
            ("languages".into(), count),
        ],
        peers: PEERS
            .iter()
            .map(|(peer, value)| ((*peer).to_owned(), "mean_sentences".to_owned(), *value))
            .collect(),
    })
}

/// Number of non-empty lines of `path` and the share detected as `code`.
fn accuracy(detector: &LanguageDetector, path: &Path, code: &str) -> Result<(u64, f64), EvalError> {
    let text = std::fs::read_to_string(path).map_err(|source| EvalError::Io {
        path: path.to_owned(),
        source,
    })?;
    let (mut total, mut correct) = (0u64, 0u64);
    for line in text.lines().filter(|line| !line.trim().is_empty()) {
        total += 1;
        if detector.detect(line).code == code {
            correct += 1;
        }
    }
    if total == 0 {
        return Err(EvalError::Format {
            path: path.to_owned(),
            message: "no lines".into(),
        });
    }
    Ok((total, correct as f64 / total as f64))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Writes a tiny two-language data folder and checks the scores and means.
    #[test]
    fn scores_a_small_folder() {
        let dir = std::env::temp_dir().join(format!("concord-langid-eval-{}", std::process::id()));
        let write = |code: &str, sentences: &str, pairs: &str| {
            std::fs::create_dir_all(dir.join(code)).unwrap();
            std::fs::write(dir.join(code).join("sentences.txt"), sentences).unwrap();
            std::fs::write(dir.join(code).join("word-pairs.txt"), pairs).unwrap();
        };
        write(
            "en",
            "The weather was terrible, so we stayed at home all day.\nDie Regierung hat gestern ein neues Gesetz beschlossen.\n",
            "the government\n",
        );
        write(
            "de",
            "Die Regierung hat gestern ein neues Gesetz beschlossen.\n",
            "ok\n",
        );
        write("xx", "ignored\n", "ignored\n");
        let report = evaluate(&dir).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        let names: Vec<&str> = report.rows.iter().map(|row| row.name.as_str()).collect();
        assert_eq!(names, ["de", "en"]);
        assert_eq!(report.rows[0].metrics[0].1, 1.0);
        // "ok" is too short: und, which counts as wrong.
        assert_eq!(report.rows[0].metrics[1].1, 0.0);
        assert_eq!(report.rows[1].metrics[0].1, 0.5);
        assert_eq!(report.summary[0], ("mean_sentences".into(), 0.75));
    }
}
