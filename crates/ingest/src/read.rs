//! The reading side: walking inputs, opening streams, gzip, choosing a splitter, emitting records.
//!
//! Everything here is sequential and streaming: one buffer of [`STREAM_BUFFER`] bytes per open
//! stream, plus the record being built. Whole-file formats (text, HTML) hold at most
//! `max_doc_bytes + 1` bytes of a file before giving up on it as too large. Gzip is detected by its
//! magic number, whatever the file is called, and multi-member files (as Common Crawl writes them) are
//! read through. This module does not decode text: [`crate::decode`] does, on any thread.

use std::cell::Cell;
use std::collections::BTreeMap;
use std::fs;
use std::io::{self, BufReader, Read};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use concord_model::{InputFormat, Issue, IssueKind, Item, SourceRef, Stage};
use flate2::read::MultiGzDecoder;

use crate::buf::Buf;
use crate::sniff::{self, GZIP_MAGIC, SNIFF_BYTES, Sniffed};
use crate::{Declared, IngestConfig, ReadStats, Record, RecordSink, jsonl, warc};

/// Capacity of the splitting buffer of each stream.
const STREAM_BUFFER: usize = 1 << 20;

/// Capacity of the buffer between a compressed file and the gzip decoder.
const GZIP_INPUT_BUFFER: usize = 256 << 10;

/// How often (in input bytes) the sink hears about progress.
const PROGRESS_EVERY: u64 = 4 << 20;

/// State of one `read_inputs` call: the sink, the totals, and the file being read.
pub(crate) struct Reader<'a> {
    config: &'a IngestConfig,
    sink: &'a mut dyn RecordSink,
    pub(crate) stats: ReadStats,
    /// Input bytes read so far, counted below any decompression.
    bytes_read: Rc<Cell<u64>>,
    reported: u64,
    /// Path of the current file as reported in sources.
    path: String,
    /// Whether the current file is gzip-compressed.
    gzip: bool,
    /// The splitting buffer, allocated once and reused for every file.
    memory: Vec<u8>,
    /// Folders walked so far (by device and inode), with the name each was first read as.
    folders: BTreeMap<FolderKey, String>,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(config: &'a IngestConfig, sink: &'a mut dyn RecordSink) -> Reader<'a> {
        Reader {
            config,
            sink,
            stats: ReadStats::default(),
            bytes_read: Rc::new(Cell::new(0)),
            reported: 0,
            path: String::new(),
            gzip: false,
            memory: Vec::new(),
            folders: BTreeMap::new(),
        }
    }

    pub(crate) fn max_doc_bytes(&self) -> usize {
        self.config.max_doc_bytes
    }

    /// The current file as a whole.
    pub(crate) fn file_source(&self) -> SourceRef {
        SourceRef::file(self.path.clone())
    }

    /// A line of the current file.
    pub(crate) fn line_source(&self, line: u64) -> SourceRef {
        SourceRef {
            line: Some(line),
            ..self.file_source()
        }
    }

    /// A byte offset in the current (decompressed) file.
    pub(crate) fn offset_source(&self, offset: u64, url: Option<String>) -> SourceRef {
        SourceRef {
            offset: Some(offset),
            url,
            ..self.file_source()
        }
    }

    fn emit(&mut self, item: Item<Record>) -> ControlFlow<()> {
        self.stats.records += 1;
        let flow = self.sink.record(item);
        let read = self.bytes_read.get();
        if read - self.reported >= PROGRESS_EVERY {
            self.reported = read;
            self.sink.progress(read);
        }
        flow
    }

    /// Passes a record on.
    pub(crate) fn record(&mut self, record: Record) -> ControlFlow<()> {
        self.emit(Item::Doc(record))
    }

    /// Passes on an issue that takes the place of a record.
    pub(crate) fn issue(
        &mut self,
        kind: IssueKind,
        source: SourceRef,
        message: impl Into<String>,
    ) -> ControlFlow<()> {
        self.emit(Item::Quarantined(Issue::new(
            Stage::Ingest,
            kind,
            source,
            message,
        )))
    }

    /// Reports a read error at `source`: a broken gzip stream, or an unreadable file.
    pub(crate) fn io_issue(&mut self, err: &io::Error, source: SourceRef) -> ControlFlow<()> {
        let corrupt = matches!(
            err.kind(),
            io::ErrorKind::UnexpectedEof | io::ErrorKind::InvalidInput | io::ErrorKind::InvalidData
        );
        if self.gzip && corrupt {
            let message = format!(
                "gzip stream is truncated or corrupt ({err}); records before this point are kept"
            );
            self.issue(IssueKind::TruncatedGzip, source, message)
        } else {
            self.issue(IssueKind::Unreadable, source, format!("read failed: {err}"))
        }
    }

    fn report_progress(&mut self) {
        let read = self.bytes_read.get();
        self.stats.bytes = read;
        if read != self.reported {
            self.reported = read;
            self.sink.progress(read);
        }
    }

    /// Reads one named input: a file, a folder (recursively), or `-` for stdin.
    pub(crate) fn input(&mut self, input: &Path) -> ControlFlow<()> {
        if input.as_os_str() == "-" {
            let stdin = io::stdin().lock();
            return self.stream("-", Box::new(stdin));
        }
        let name = display_name(input);
        self.visit(name, input, 0)
    }

    /// Reads `path`, found at `depth` below a named input (0: the input itself).
    fn visit(&mut self, name: String, path: &Path, depth: usize) -> ControlFlow<()> {
        let named = depth == 0;
        let metadata = match fs::metadata(path) {
            Ok(metadata) => metadata,
            Err(err) => {
                return self.issue(
                    IssueKind::Unreadable,
                    SourceRef::file(name),
                    format!("cannot stat: {err}"),
                );
            }
        };
        if metadata.is_dir() {
            return self.folder(name, path, &metadata, depth);
        }
        if !metadata.is_file() && !named {
            return self.issue(
                IssueKind::Unreadable,
                SourceRef::file(name),
                "not a regular file",
            );
        }
        match fs::File::open(path) {
            Ok(file) => {
                if depth > 1 {
                    // Not counted by `input_bytes`.
                    self.sink.file(metadata.len());
                }
                self.stream(&name, Box::new(file))
            }
            Err(err) => self.issue(
                IssueKind::Unreadable,
                SourceRef::file(name),
                format!("cannot open: {err}"),
            ),
        }
    }

    fn folder(
        &mut self,
        name: String,
        path: &Path,
        metadata: &fs::Metadata,
        depth: usize,
    ) -> ControlFlow<()> {
        // Each folder is walked once per call, whatever the links that lead to it: a symlink cycle
        // (`a -> .`) would otherwise be walked forever, and two links to one folder would read it
        // twice.
        let key = folder_key(path, metadata);
        if let Some(first) = self.folders.get(&key) {
            let message = format!("folder already read as {first} (symlink cycle or second link)");
            return self.issue(IssueKind::Unreadable, SourceRef::file(name), message);
        }
        let entries = match sorted_entries(path) {
            Ok(entries) => entries,
            Err(err) => {
                return self.issue(
                    IssueKind::Unreadable,
                    SourceRef::file(name),
                    format!("cannot list folder: {err}"),
                );
            }
        };
        self.folders.insert(key, name.clone());
        for (file_name, child) in entries {
            let child_name = if name == "." {
                // `.` names the current folder: its files are `x`, as when named alone.
                file_name.clone()
            } else if name.ends_with('/') {
                format!("{name}{file_name}")
            } else {
                format!("{name}/{file_name}")
            };
            self.visit(child_name, &child, depth + 1)?;
        }
        ControlFlow::Continue(())
    }

    /// Reads one stream of any supported format; `name` is its path for sources and its format hint.
    pub(crate) fn stream(&mut self, name: &str, input: Box<dyn Read + '_>) -> ControlFlow<()> {
        self.stats.files += 1;
        self.path.clear();
        self.path.push_str(name);
        self.gzip = false;
        let mut memory = std::mem::take(&mut self.memory);
        if memory.len() < STREAM_BUFFER {
            memory = vec![0; STREAM_BUFFER];
        }
        let flow = self.stream_inner(name, input, &mut memory);
        self.memory = memory;
        self.report_progress();
        flow
    }

    fn stream_inner(
        &mut self,
        name: &str,
        input: Box<dyn Read + '_>,
        memory: &mut [u8],
    ) -> ControlFlow<()> {
        let mut counted = Counted {
            inner: input,
            count: Rc::clone(&self.bytes_read),
        };
        let mut magic = [0u8; 2];
        let mut got = 0;
        while got < magic.len() {
            match counted.read(&mut magic[got..]) {
                Ok(0) => break,
                Ok(n) => got += n,
                Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
                Err(err) => return self.io_issue(&err, self.file_source()),
            }
        }
        self.gzip = got == 2 && magic == GZIP_MAGIC;
        let chained = io::Cursor::new(magic).take(got as u64).chain(counted);
        let stream: Box<dyn Read + '_> = if self.gzip {
            Box::new(MultiGzDecoder::new(BufReader::with_capacity(
                GZIP_INPUT_BUFFER,
                chained,
            )))
        } else {
            Box::new(chained)
        };
        let mut buf = Buf::new(stream, memory);
        // A read error in the first bytes is reported where it happens, after the records before it.
        buf.peek(SNIFF_BYTES);
        let head = buf.available();
        if let Some(what) = sniff::binary_magic(head) {
            return self.issue(
                IssueKind::Binary,
                self.file_source(),
                format!("binary content ({what})"),
            );
        }
        let format = match sniff::format_from_name(name) {
            Some(format) => format,
            None => match sniff::sniff(head) {
                Sniffed::Format(format) => format,
                Sniffed::Binary(what) => {
                    return self.issue(
                        IssueKind::Binary,
                        self.file_source(),
                        format!("binary content ({what})"),
                    );
                }
            },
        };
        match format {
            InputFormat::Text | InputFormat::Html => self.whole(&mut buf, format),
            InputFormat::Jsonl => jsonl::split(self, &mut buf),
            InputFormat::Warc => warc::split(self, &mut buf),
        }
    }

    /// A whole file as one record, refusing to hold more than `max_doc_bytes + 1` bytes of it.
    fn whole<R: Read>(&mut self, buf: &mut Buf<'_, R>, format: InputFormat) -> ControlFlow<()> {
        let max = self.max_doc_bytes();
        let mut bytes = Vec::new();
        loop {
            let avail = buf.available();
            let room = (max + 1) - bytes.len();
            let n = avail.len().min(room);
            bytes.extend_from_slice(&avail[..n]);
            buf.consume(n);
            if bytes.len() > max {
                let message = format!("file is over the limit of {max} bytes");
                return self.issue(IssueKind::TooLarge, self.file_source(), message);
            }
            match buf.fill() {
                Ok(true) => {}
                Ok(false) => break,
                Err(err) => return self.io_issue(&err, self.file_source()),
            }
        }
        self.record(Record {
            source: self.file_source(),
            format,
            bytes,
            declared: Declared::default(),
        })
    }
}

/// Counts the bytes read from a file (below decompression), for stats and progress.
struct Counted<R> {
    inner: R,
    count: Rc<Cell<u64>>,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.set(self.count.get() + n as u64);
        Ok(n)
    }
}

/// The path as the user named it, with `/` separators, without `.` components, repeated or
/// trailing separators (so `./x`, `x/` and `x` are one file and give one document id). A name
/// that is not valid UTF-8 keeps every byte, escaped (see `escape`).
pub(crate) fn display_name(path: &Path) -> String {
    lexically_normal(&named(path))
}

/// `name` without `.` components and empty ones (`a//./b` is `a/b`); `..` is kept, since what
/// it means depends on links. A name that is only dots and slashes stays `.` or `/`.
fn lexically_normal(name: &str) -> String {
    let absolute = name.starts_with('/');
    let parts: Vec<&str> = name
        .split('/')
        .filter(|part| !part.is_empty() && *part != ".")
        .collect();
    match (absolute, parts.is_empty()) {
        (true, _) => format!("/{}", parts.join("/")),
        (false, true) if name.is_empty() => String::new(),
        (false, true) => ".".to_owned(),
        (false, false) => parts.join("/"),
    }
}

/// The path as the user named it, with `/` separators and no trailing separator.
fn named(path: &Path) -> String {
    #[cfg(unix)]
    let name = crate::escape::file_name(path.as_os_str());
    // Elsewhere the separator is a backslash, which the escaping would double.
    #[cfg(not(unix))]
    let name = path
        .to_string_lossy()
        .replace(std::path::MAIN_SEPARATOR, "/");
    let trimmed = name.trim_end_matches('/');
    if trimmed.is_empty() {
        name
    } else {
        trimmed.to_owned()
    }
}

/// The visible entries of a folder (no dot-files), sorted by name (as bytes), each with its name as
/// text (escaped when it is not valid UTF-8).
pub(crate) fn sorted_entries(path: &Path) -> io::Result<Vec<(String, PathBuf)>> {
    let mut entries = Vec::new();
    for entry in fs::read_dir(path)? {
        let entry = entry?;
        let file_name = entry.file_name();
        if file_name.as_encoded_bytes().first() == Some(&b'.') {
            continue;
        }
        entries.push((file_name, entry.path()));
    }
    entries.sort();
    Ok(entries
        .into_iter()
        .map(|(file_name, path)| (crate::escape::file_name(&file_name), path))
        .collect())
}

/// What identifies a folder however it is reached: device and inode.
#[cfg(unix)]
type FolderKey = (u64, u64);
/// What identifies a folder however it is reached: its canonical path.
#[cfg(not(unix))]
type FolderKey = PathBuf;

#[cfg(unix)]
fn folder_key(_path: &Path, metadata: &fs::Metadata) -> FolderKey {
    use std::os::unix::fs::MetadataExt;
    (metadata.dev(), metadata.ino())
}

#[cfg(not(unix))]
fn folder_key(path: &Path, _metadata: &fs::Metadata) -> FolderKey {
    fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// The size of a named input as far as one look tells: a file's size, or for a folder the sizes of
/// the regular files directly in it (no descent, so it is cheap and cannot loop); 0 for stdin and
/// what cannot be read.
pub(crate) fn input_bytes(path: &Path) -> u64 {
    if path.as_os_str() == "-" {
        return 0;
    }
    match fs::metadata(path) {
        Ok(metadata) if metadata.is_dir() => sorted_entries(path)
            .map(|entries| {
                entries
                    .iter()
                    .filter_map(|(_, child)| fs::metadata(child).ok())
                    .filter(fs::Metadata::is_file)
                    .map(|metadata| metadata.len())
                    .sum()
            })
            .unwrap_or(0),
        Ok(metadata) => metadata.len(),
        Err(_) => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::lexically_normal;

    /// One file named several ways is one name, so it gets one document id.
    #[test]
    fn names_are_lexically_normal() {
        for (given, normal) in [
            ("x.txt", "x.txt"),
            ("./x.txt", "x.txt"),
            ("data//samples/./000.txt", "data/samples/000.txt"),
            ("data/samples/", "data/samples"),
            ("/tmp/./in/", "/tmp/in"),
            ("../in/x.txt", "../in/x.txt"),
            (".", "."),
            ("./", "."),
            ("/", "/"),
        ] {
            assert_eq!(lexically_normal(given), normal, "{given:?}");
        }
    }
}
