//! Language identification on lingua's test sets. Stub: replaced by the scorer.

use std::path::Path;

use super::{EvalError, EvalReport};

/// Scores language identification on a folder of `<iso>/sentences.txt` and `<iso>/word-pairs.txt`.
pub fn evaluate(data: &Path) -> Result<EvalReport, EvalError> {
    Err(EvalError::Format {
        path: data.to_owned(),
        message: "not implemented yet".into(),
    })
}
