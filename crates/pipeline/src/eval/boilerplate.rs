//! Main-text extraction on the Zyte article-extraction benchmark. Stub: replaced by the scorer.

use std::path::Path;

use super::{EvalError, EvalReport};

/// Scores HTML extraction on a Zyte-format folder (`html/<id>.html.gz`, `ground-truth.json`).
pub fn evaluate(data: &Path) -> Result<EvalReport, EvalError> {
    Err(EvalError::Format {
        path: data.to_owned(),
        message: "not implemented yet".into(),
    })
}
