//! Throughput benchmarks of single stages on large generated corpora (`cargo xtask bench STAGE`).
//!
//! The corpus is built once from the development data (text and HTML articles) in three container
//! formats, JSON Lines, gzipped WARC and plain files, and cached under `target/`. Measurements run in
//! child processes so that each reports its own peak memory; this module provides the pieces and
//! the xtask front end runs them. Benchmarks are never tests: they print figures, they assert nothing.

mod incremental;
mod reconcile;
mod report;
pub mod runner;

use std::fs::{self, File};
use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

pub use incremental::incremental;
pub use reconcile::reconcile;
pub use report::report;
pub use runner::{
    BenchError, BenchOptions, CHILD_COMMAND, ChildRequest, extract, ingest, normalize, run_child,
};
use std::time::Instant;

use concord_model::codec::{FrameReader, Message};
use concord_model::{Batch, CleanDoc, RawDoc, Stage};
use concord_pipeline::stage::run_stage_discarding;
use concord_pipeline::{PipelineConfig, PipelineError, RunOptions};
use flate2::Compression;
use flate2::write::GzEncoder;
use serde::Serialize;

/// One article of the corpus source pool.
struct SourceDoc {
    html: bool,
    title: String,
    body: String,
}

/// The generated corpus: one entry per container format.
#[derive(Clone, Debug)]
pub struct Corpus {
    /// `(format name, path to pass to ingest, uncompressed content bytes)`.
    pub formats: Vec<(String, PathBuf, u64)>,
}

/// Builds (or reuses) corpora of about `size_mb` MB of article content per format under `dir`,
/// from text and HTML articles found under `source` (the development data).
pub fn build_corpus(source: &Path, dir: &Path, size_mb: u64) -> io::Result<Corpus> {
    let dir = dir.join(format!("{size_mb}mb"));
    let done = dir.join("COMPLETE");
    let target = size_mb * 1_000_000;
    let formats = vec![
        ("jsonl".to_owned(), dir.join("corpus.jsonl"), target),
        ("warc.gz".to_owned(), dir.join("corpus.warc.gz"), target),
        ("plain".to_owned(), dir.join("plain"), target),
    ];
    if done.exists() {
        return Ok(Corpus { formats });
    }
    let pool = load_source(source)?;
    if pool.is_empty() {
        return Err(io::Error::other(format!(
            "no .txt or .html.gz articles under {}",
            source.display()
        )));
    }
    if dir.exists() {
        fs::remove_dir_all(&dir)?;
    }
    fs::create_dir_all(dir.join("plain"))?;
    write_jsonl(&pool, &dir.join("corpus.jsonl"), target)?;
    write_warc(&pool, &dir.join("corpus.warc.gz"), target)?;
    write_plain(&pool, &dir.join("plain"), target)?;
    File::create(done)?;
    Ok(Corpus { formats })
}

/// Text articles (SlavicNER raw texts, PolNeAR texts) and HTML pages (Zyte) from the dev data.
fn load_source(source: &Path) -> io::Result<Vec<SourceDoc>> {
    let mut files = Vec::new();
    collect_files(source, &mut files)?;
    files.sort();
    let mut pool = Vec::new();
    for path in files {
        let name = path.to_string_lossy();
        let html = name.ends_with(".html.gz");
        let text = name.ends_with(".txt") && (name.contains("/raw/") || name.contains("/text/"));
        if !(html || text) {
            continue;
        }
        let mut bytes = Vec::new();
        match html {
            true => flate2::read::GzDecoder::new(File::open(&path)?).read_to_end(&mut bytes)?,
            false => File::open(&path)?.read_to_end(&mut bytes)?,
        };
        let body = String::from_utf8_lossy(&bytes).into_owned();
        let title = body
            .lines()
            .next()
            .unwrap_or_default()
            .chars()
            .take(120)
            .collect();
        pool.push(SourceDoc { html, title, body });
    }
    Ok(pool)
}

fn collect_files(dir: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        match path.is_dir() {
            true => collect_files(&path, out)?,
            false => out.push(path),
        }
    }
    Ok(())
}

/// Cycles through the pool until `target` bytes of content are produced.
fn for_each_doc(
    pool: &[SourceDoc],
    target: u64,
    mut emit: impl FnMut(usize, &SourceDoc) -> io::Result<()>,
) -> io::Result<()> {
    let mut written = 0u64;
    let mut idx = 0usize;
    while written < target {
        let doc = &pool[idx % pool.len()];
        emit(idx, doc)?;
        written += doc.body.len() as u64;
        idx += 1;
    }
    Ok(())
}

#[derive(Serialize)]
struct JsonlLine<'a> {
    title: &'a str,
    url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    html: Option<&'a str>,
}

fn write_jsonl(pool: &[SourceDoc], path: &Path, target: u64) -> io::Result<()> {
    let mut out = BufWriter::with_capacity(1 << 20, File::create(path)?);
    for_each_doc(pool, target, |idx, doc| {
        let line = JsonlLine {
            title: &doc.title,
            url: format!("https://example.org/{idx}"),
            text: (!doc.html).then_some(doc.body.as_str()),
            html: doc.html.then_some(doc.body.as_str()),
        };
        serde_json::to_writer(&mut out, &line)?;
        out.write_all(b"\n")
    })?;
    out.flush()
}

/// One gzip member per record, as Common Crawl writes WARC files.
fn write_warc(pool: &[SourceDoc], path: &Path, target: u64) -> io::Result<()> {
    let mut out = BufWriter::with_capacity(1 << 20, File::create(path)?);
    let mut record = Vec::new();
    for_each_doc(pool, target, |idx, doc| {
        let content_type = if doc.html {
            "text/html; charset=utf-8"
        } else {
            "text/plain; charset=utf-8"
        };
        let http = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
            doc.body.len()
        );
        let block_len = http.len() + doc.body.len();
        record.clear();
        write!(
            record,
            "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:concord:bench:{idx}>\r\n\
             WARC-Date: 2021-12-05T09:28:38Z\r\nWARC-Target-URI: https://example.org/{idx}\r\n\
             Content-Type: application/http; msgtype=response\r\nContent-Length: {block_len}\r\n\r\n{http}"
        )?;
        record.extend_from_slice(doc.body.as_bytes());
        record.extend_from_slice(b"\r\n\r\n");
        let mut member = GzEncoder::new(&mut out, Compression::default());
        member.write_all(&record)?;
        member.finish()?;
        Ok(())
    })?;
    out.flush()
}

fn write_plain(pool: &[SourceDoc], dir: &Path, target: u64) -> io::Result<()> {
    for_each_doc(pool, target, |idx, doc| {
        let sub = dir.join(format!("{:04}", idx / 1000));
        if idx % 1000 == 0 {
            fs::create_dir_all(&sub)?;
        }
        let ext = if doc.html { "html" } else { "txt" };
        fs::write(sub.join(format!("{idx:07}.{ext}")), doc.body.as_bytes())
    })
}

/// One measurement of one stage on one input.
#[derive(Clone, Debug, Serialize, serde::Deserialize)]
pub struct Measurement {
    /// Documents produced.
    pub documents: u64,
    /// Records quarantined.
    pub quarantined: u64,
    /// Input bytes read (compressed size for gzip).
    pub bytes_read: u64,
    /// Content bytes decoded (the documents' text).
    pub content_bytes: u64,
    /// Words and punctuation tokens in the documents' text (extract only; 0 otherwise).
    pub tokens: u64,
    /// Wall time in seconds.
    pub seconds: f64,
    /// Threads used.
    pub threads: usize,
    /// Peak resident memory of the process, in KiB (0 where unknown).
    pub peak_rss_kib: u64,
}

/// Runs ingest (read and decode, in the pipeline's threads and pool) on `inputs` and discards the
/// documents: the cost of ingest alone.
pub fn measure_ingest(inputs: &[PathBuf], threads: usize) -> Result<Measurement, PipelineError> {
    let started = Instant::now();
    let summary = run_stage_discarding(
        Stage::Ingest,
        &PipelineConfig::recommended(),
        &options(inputs, threads),
    )?;
    Ok(Measurement {
        documents: summary.documents,
        quarantined: summary.quarantined,
        bytes_read: summary.bytes_in,
        content_bytes: summary.text_bytes,
        tokens: 0,
        seconds: started.elapsed().as_secs_f64(),
        threads: threads.max(1),
        peak_rss_kib: peak_rss_kib(),
    })
}

/// How a measured stage runs: the pipeline's defaults at `threads` threads.
fn options(inputs: &[PathBuf], threads: usize) -> RunOptions {
    RunOptions {
        inputs: inputs.to_vec(),
        out: PathBuf::new(),
        threads: threads.max(1),
        batch_size: RunOptions::DEFAULT_BATCH_SIZE,
        channel_capacity: 0,
        emit_intermediate: false,
        store: None,
        all_documents: false,
    }
}

/// The intermediate files the normalize and extract benchmarks read, built once under `dir` from
/// the development data under `source`.
#[derive(Clone, Debug)]
pub struct StageInputs {
    /// The Zyte benchmark's HTML pages as `RawDoc`s (the pages trafilatura is timed on).
    pub zyte_raw: PathBuf,
    /// News texts (SlavicNER raw articles, PolNeAR texts) as `RawDoc`s.
    pub texts_raw: PathBuf,
    /// The same texts normalized, as `CleanDoc`s.
    pub texts_clean: PathBuf,
    /// The Zyte pages' folder, for peers.
    pub zyte_html: PathBuf,
}

/// Builds (or reuses) the intermediate files of [`StageInputs`].
pub fn build_stage_inputs(
    source: &Path,
    dir: &Path,
    threads: usize,
) -> Result<StageInputs, PipelineError> {
    let dir = dir.join("stages");
    fs::create_dir_all(&dir).map_err(|source| PipelineError::Output {
        path: dir.clone(),
        source,
    })?;
    let inputs = StageInputs {
        zyte_raw: dir.join("zyte.raw.bin"),
        texts_raw: dir.join("texts.raw.bin"),
        texts_clean: dir.join("texts.clean.bin"),
        zyte_html: source.join("boilerplate/zyte/html"),
    };
    let config = PipelineConfig::recommended();
    let stage = |stage: Stage, from: &[PathBuf], to: &Path| {
        let mut options = options(from, threads);
        options.out = to.to_owned();
        concord_pipeline::stage::run_stage(stage, &config, &options).map(drop)
    };
    if !inputs.zyte_raw.exists() {
        stage(
            Stage::Ingest,
            std::slice::from_ref(&inputs.zyte_html),
            &inputs.zyte_raw,
        )?;
    }
    if !inputs.texts_raw.exists() {
        let texts = [
            source.join("ner/slavic/raw"),
            source.join("quotes/train/text"),
            source.join("quotes/dev/text"),
        ];
        stage(Stage::Ingest, &texts, &inputs.texts_raw)?;
    }
    if !inputs.texts_clean.exists() {
        stage(
            Stage::Normalize,
            std::slice::from_ref(&inputs.texts_raw),
            &inputs.texts_clean,
        )?;
    }
    Ok(inputs)
}

/// Runs normalize (repeat tracker and normalizer, in the pipeline's pump and pool) over a `RawDoc`
/// intermediate file and discards the output.
pub fn measure_normalize(input: &Path, threads: usize) -> Result<Measurement, PipelineError> {
    let mut content_bytes = 0u64;
    for_each_stored::<RawDoc>(input, |doc| content_bytes += doc.body.len() as u64)?;
    measure(Stage::Normalize, input, threads, content_bytes, 0)
}

/// Runs extract (in the pipeline's pump and pool) over a `CleanDoc` intermediate file and discards
/// the output; counts the tokens of the clean texts.
pub fn measure_extract(input: &Path, threads: usize) -> Result<Measurement, PipelineError> {
    let (mut content_bytes, mut tokens) = (0u64, 0u64);
    for_each_stored::<CleanDoc>(input, |doc| {
        content_bytes += doc.text.len() as u64;
        tokens += concord_extract::tokenize::tokenize(&doc.text).len() as u64;
    })?;
    measure(Stage::Extract, input, threads, content_bytes, tokens)
}

/// Times one stage streaming over an intermediate file (read on its own thread, as in a run).
fn measure(
    stage: Stage,
    input: &Path,
    threads: usize,
    content_bytes: u64,
    tokens: u64,
) -> Result<Measurement, PipelineError> {
    let config = PipelineConfig::recommended();
    if stage == Stage::Normalize {
        // The language model is parsed once per process: a cost of starting, not of the pages
        // (the peer's figure is timed the same way, after its imports).
        let _ = concord_normalize::Normalizer::new(&config.normalize);
    }
    let started = Instant::now();
    let summary = run_stage_discarding(stage, &config, &options(&[input.to_owned()], threads))?;
    Ok(Measurement {
        documents: summary.documents,
        quarantined: summary.quarantined,
        bytes_read: content_bytes,
        content_bytes,
        tokens,
        seconds: started.elapsed().as_secs_f64(),
        threads: threads.max(1),
        peak_rss_kib: peak_rss_kib(),
    })
}

/// Calls `each` on every document of an intermediate file (before timing starts).
fn for_each_stored<T: Message>(path: &Path, mut each: impl FnMut(&T)) -> Result<(), PipelineError> {
    let codec_error = |source| PipelineError::Codec {
        path: path.to_owned(),
        source,
    };
    let file = File::open(path).map_err(|source| PipelineError::Intermediate {
        path: path.to_owned(),
        source,
    })?;
    let mut reader = FrameReader::new(io::BufReader::with_capacity(1 << 20, file), T::KIND)
        .map_err(codec_error)?;
    while let Some(batch) = reader.read::<Batch<T>>().map_err(codec_error)? {
        batch.docs().for_each(&mut each);
    }
    Ok(())
}

/// This process's peak resident memory (`VmHWM`), in KiB; 0 where `/proc` is unavailable.
pub fn peak_rss_kib() -> u64 {
    let status = fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}
