//! The binary codec for intermediate files: the only module that names bincode.
//!
//! A file is a header, frames, and a trailer:
//! - header: magic `CONCORD` plus one byte, the container format version ([`FORMAT_VERSION`]),
//!   then [`SCHEMA_VERSION`] (the shape of the messages) and a payload kind such as `RawDoc`;
//! - frames: one encoded value (usually a [`crate::Batch`]) each, as its length (u32), the xxh3-64
//!   of its bytes (u64) and the bytes;
//! - trailer, written last by [`FrameWriter::finish`]: the marker `u32::MAX` (never a frame
//!   length), the number of frames (u64), the xxh3-64 of the frames' checksums in order (u64), and
//!   nothing after it.
//!
//! The header lets a reader refuse a file written by another schema or container format or holding
//! another kind of message, which matters because bincode is not self-describing: a misread would
//! silently produce garbage. The checksums make a changed byte an error at the frame it is in, before
//! the frame is used; the trailer makes a file that was cut (even at a frame boundary) or never
//! finished (a stage that failed half-way) an error instead of a shorter, complete-looking file.
//! Errors name the frame (counted from 1); the caller names the file.
//!
//! Writing an output so that a reader never sees it half-written is the caller's part, since this
//! crate does no I/O of its own: write to [`partial_path`] and rename that onto the final path once
//! [`FrameWriter::finish`] (and a flush of the file) succeeded.

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use bincode::error::DecodeError;
use serde::{Serialize, de::DeserializeOwned};
use xxhash_rust::xxh3::{Xxh3, xxh3_64};

use crate::SCHEMA_VERSION;

/// The first seven bytes of every intermediate file; the eighth is [`FORMAT_VERSION`].
const MAGIC: &[u8; 7] = b"CONCORD";

/// Version of the container layout (header, frames, trailer), independent of [`SCHEMA_VERSION`],
/// which versions the messages inside. Version 0 had no checksums and no trailer.
pub const FORMAT_VERSION: u8 = 1;

/// Frames larger than this are treated as corruption rather than allocated.
const MAX_FRAME: u32 = 1 << 30;

/// The length field that announces the trailer instead of a frame.
const TRAILER_MARK: u32 = u32::MAX;

/// Why an intermediate file could not be written or read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CodecError {
    /// The underlying reader or writer failed.
    #[error("i/o error")]
    Io(#[from] io::Error),
    /// The file does not start with concord's magic bytes.
    #[error("not a concord intermediate file")]
    NotConcord,
    /// The file was written with another container format (header, frames, trailer).
    #[error(
        "container format {found} in file, this build reads {expected}: write the file again with this build"
    )]
    FormatMismatch {
        /// Version found in the file.
        found: u8,
        /// Version this build writes and reads.
        expected: u8,
    },
    /// The file was written with another schema version.
    #[error("schema version {found} in file, this build reads {expected}")]
    SchemaMismatch {
        /// Version found in the file.
        found: u16,
        /// Version this build writes and reads.
        expected: u16,
    },
    /// The file holds another kind of message than the one asked for.
    #[error("file holds {found} messages, expected {expected}")]
    KindMismatch {
        /// Kind found in the file.
        found: String,
        /// Kind asked for.
        expected: String,
    },
    /// The header ends early or is not well formed.
    #[error("truncated or corrupt header")]
    CorruptHeader,
    /// The file ends inside a frame, or a frame is implausibly large or longer than its value.
    #[error("frame {frame} is truncated or corrupt")]
    Corrupt {
        /// The frame, counted from 1.
        frame: u64,
    },
    /// A frame's bytes do not have the checksum written with them: the file was changed.
    #[error("frame {frame} does not match its checksum (the file was changed or damaged)")]
    ChecksumMismatch {
        /// The frame, counted from 1.
        frame: u64,
    },
    /// The file ends without its trailer: it was cut, or its writer never finished it.
    #[error(
        "file ends after frame {frames} without the trailer: it was cut or its writer did not finish"
    )]
    MissingTrailer {
        /// Frames read before the end.
        frames: u64,
    },
    /// The trailer does not describe the frames read: frames are missing, repeated or reordered,
    /// or bytes follow the trailer.
    #[error("trailer does not match the file: {0}")]
    TrailerMismatch(String),
    /// bincode could not encode a value.
    #[error("encode failed: {0}")]
    Encode(String),
    /// bincode could not decode a frame.
    #[error("frame {frame}: decode failed: {message}")]
    Decode {
        /// The frame, counted from 1.
        frame: u64,
        /// bincode's message.
        message: String,
    },
}

/// A message type that intermediate files hold; its kind names it in the file header.
pub trait Message: Serialize + DeserializeOwned {
    /// The name written in (and checked against) the file header.
    const KIND: &'static str;
}

impl Message for crate::RawDoc {
    const KIND: &'static str = "RawDoc";
}

impl Message for crate::CleanDoc {
    const KIND: &'static str = "CleanDoc";
}

impl Message for crate::DocFacts {
    const KIND: &'static str = "DocFacts";
}

impl Message for crate::Corpus {
    const KIND: &'static str = "Corpus";
}

impl Message for crate::DocDigest {
    const KIND: &'static str = "DocDigest";
}

/// One value as bytes, in the encoding of a frame (for stores that keep values one by one).
pub fn encode<T: Serialize>(value: &T) -> Result<Vec<u8>, CodecError> {
    bincode::serde::encode_to_vec(value, config()).map_err(|e| CodecError::Encode(e.to_string()))
}

/// A value from the bytes [`encode`] wrote.
pub fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, CodecError> {
    bincode::serde::decode_from_slice(bytes, config())
        .map(|(value, _)| value)
        .map_err(|e| CodecError::Decode {
            frame: 1,
            message: e.to_string(),
        })
}

/// Where to write the file that will become `path`: a hidden `.NAME.partial` in the same folder (so
/// the rename stays on one file system). Every output of a run is written this way and renamed onto
/// `path` once complete; a failed run leaves only the partial file, which no reader is pointed at
/// (and which a frame reader refuses anyway: it has no trailer).
pub fn partial_path(path: &Path) -> PathBuf {
    let mut name = std::ffi::OsString::from(".");
    name.push(path.file_name().unwrap_or_default());
    name.push(".partial");
    path.with_file_name(name)
}

/// Standard bincode, with no single claim (string, sequence) beyond the largest frame.
fn config() -> bincode::config::Configuration<
    bincode::config::LittleEndian,
    bincode::config::Varint,
    bincode::config::Limit<{ MAX_FRAME as usize }>,
> {
    bincode::config::standard().with_limit::<{ MAX_FRAME as usize }>()
}

/// Writes values of one kind to an intermediate file. Dropping it without [`FrameWriter::finish`]
/// leaves a file without a trailer, which readers refuse.
pub struct FrameWriter<W: Write> {
    inner: W,
    scratch: Vec<u8>,
    frames: u64,
    /// Digest of the frames' checksums, in order.
    sequence: Xxh3,
}

impl<W: Write> FrameWriter<W> {
    /// Writes the header for messages of `kind` (a type name such as `"RawDoc"`).
    pub fn new(mut inner: W, kind: &str) -> Result<FrameWriter<W>, CodecError> {
        inner.write_all(MAGIC)?;
        inner.write_all(&[FORMAT_VERSION])?;
        inner.write_all(&SCHEMA_VERSION.to_le_bytes())?;
        let kind_len = u16::try_from(kind.len())
            .map_err(|_| CodecError::Encode("kind name too long".into()))?;
        inner.write_all(&kind_len.to_le_bytes())?;
        inner.write_all(kind.as_bytes())?;
        Ok(FrameWriter {
            inner,
            scratch: Vec::new(),
            frames: 0,
            sequence: Xxh3::new(),
        })
    }

    /// Appends one value as a frame.
    pub fn write<T: Serialize>(&mut self, value: &T) -> Result<(), CodecError> {
        self.scratch.clear();
        bincode::serde::encode_into_std_write(value, &mut self.scratch, config())
            .map_err(|err| CodecError::Encode(err.to_string()))?;
        let len = u32::try_from(self.scratch.len())
            .ok()
            .filter(|len| *len <= MAX_FRAME)
            .ok_or_else(|| CodecError::Encode("frame over 1 GiB".into()))?;
        let checksum = xxh3_64(&self.scratch);
        self.inner.write_all(&len.to_le_bytes())?;
        self.inner.write_all(&checksum.to_le_bytes())?;
        self.inner.write_all(&self.scratch)?;
        self.frames += 1;
        self.sequence.update(&checksum.to_le_bytes());
        Ok(())
    }

    /// Frames written so far.
    pub fn frames(&self) -> u64 {
        self.frames
    }

    /// Writes the trailer, flushes and returns the underlying writer. Only a file whose writer
    /// finished is complete; the caller then flushes and syncs the file itself if it wraps one
    /// (`BufWriter::into_inner`, `File::sync_all`) and renames it into place (see [`partial_path`]).
    pub fn finish(mut self) -> Result<W, CodecError> {
        self.inner.write_all(&TRAILER_MARK.to_le_bytes())?;
        self.inner.write_all(&self.frames.to_le_bytes())?;
        self.inner
            .write_all(&self.sequence.digest().to_le_bytes())?;
        self.inner.flush()?;
        Ok(self.inner)
    }
}

/// Reads values of one kind from an intermediate file.
pub struct FrameReader<R: Read> {
    inner: R,
    kind: String,
    frames: u64,
    sequence: Xxh3,
    /// Whether the trailer has been read and checked.
    finished: bool,
}

impl<R: Read> FrameReader<R> {
    /// Reads and checks the header: magic, container format, schema version and message kind.
    pub fn new(inner: R, kind: &str) -> Result<FrameReader<R>, CodecError> {
        let reader = FrameReader::open(inner)?;
        if reader.kind != kind {
            return Err(CodecError::KindMismatch {
                found: reader.kind,
                expected: kind.to_owned(),
            });
        }
        Ok(reader)
    }

    /// Reads and checks the header (magic, container format and schema version), accepting any
    /// message kind; see [`FrameReader::kind`].
    pub fn open(mut inner: R) -> Result<FrameReader<R>, CodecError> {
        let mut magic = [0u8; 8];
        inner
            .read_exact(&mut magic)
            .map_err(|_| CodecError::NotConcord)?;
        if &magic[..7] != MAGIC {
            return Err(CodecError::NotConcord);
        }
        if magic[7] != FORMAT_VERSION {
            return Err(CodecError::FormatMismatch {
                found: magic[7],
                expected: FORMAT_VERSION,
            });
        }
        let mut two = [0u8; 2];
        inner
            .read_exact(&mut two)
            .map_err(|_| CodecError::CorruptHeader)?;
        let found = u16::from_le_bytes(two);
        if found != SCHEMA_VERSION {
            return Err(CodecError::SchemaMismatch {
                found,
                expected: SCHEMA_VERSION,
            });
        }
        inner
            .read_exact(&mut two)
            .map_err(|_| CodecError::CorruptHeader)?;
        let mut name = vec![0u8; usize::from(u16::from_le_bytes(two))];
        inner
            .read_exact(&mut name)
            .map_err(|_| CodecError::CorruptHeader)?;
        let kind = String::from_utf8(name).map_err(|_| CodecError::CorruptHeader)?;
        Ok(FrameReader {
            inner,
            kind,
            frames: 0,
            sequence: Xxh3::new(),
            finished: false,
        })
    }

    /// The kind of message the file holds, as named by its writer (`RawDoc`, `CleanDoc`, ...).
    pub fn kind(&self) -> &str {
        &self.kind
    }

    /// Frames read so far.
    pub fn frames(&self) -> u64 {
        self.frames
    }

    /// Reads the next value, or `None` once the trailer has been read and matches the frames read.
    ///
    /// The value is decoded straight from the reader, bounded by its frame length: no frame-sized
    /// buffer, so each string is copied once, from the reader's buffer into its own allocation. Its
    /// bytes are checked against the frame's checksum before it is returned.
    pub fn read<T: DeserializeOwned>(&mut self) -> Result<Option<T>, CodecError> {
        if self.finished {
            return Ok(None);
        }
        let frame = self.frames + 1;
        let corrupt = CodecError::Corrupt { frame };
        let mut len = [0u8; 4];
        if !read_exact_or_eof(&mut self.inner, &mut len).map_err(|err| at_frame(err, frame))? {
            return Err(CodecError::MissingTrailer {
                frames: self.frames,
            });
        }
        let len = u32::from_le_bytes(len);
        if len == TRAILER_MARK {
            self.trailer()?;
            return Ok(None);
        }
        if len > MAX_FRAME {
            return Err(corrupt);
        }
        let mut checksum = [0u8; 8];
        self.inner
            .read_exact(&mut checksum)
            .map_err(|err| at_frame(err.into(), frame))?;
        let checksum = u64::from_le_bytes(checksum);
        let mut hashed = Hashed {
            inner: (&mut self.inner).take(u64::from(len)),
            hasher: Xxh3::new(),
        };
        let decoded = bincode::serde::decode_from_std_read(&mut hashed, config());
        let left = hashed.inner.limit();
        // Hash what the decoder left of the frame too, so that a damaged frame is reported as such
        // rather than as whatever the decoder made of it.
        let drained = io::copy(&mut hashed, &mut io::sink());
        let intact = hashed.hasher.digest() == checksum;
        let cut = hashed.inner.limit() > 0;
        if let Err(err) = drained {
            return Err(at_frame(err.into(), frame));
        }
        if cut {
            return Err(corrupt);
        }
        if !intact {
            return Err(CodecError::ChecksumMismatch { frame });
        }
        let value = match decoded {
            // A value shorter than its frame: the file is damaged.
            Ok(_) if left > 0 => return Err(corrupt),
            Ok(value) => value,
            Err(DecodeError::UnexpectedEnd { .. }) => return Err(corrupt),
            Err(DecodeError::Io { inner, .. }) => return Err(at_frame(inner.into(), frame)),
            Err(err) => {
                return Err(CodecError::Decode {
                    frame,
                    message: err.to_string(),
                });
            }
        };
        self.frames = frame;
        self.sequence.update(&checksum.to_le_bytes());
        Ok(Some(value))
    }

    /// Reads the trailer after its marker and checks it against the frames read.
    fn trailer(&mut self) -> Result<(), CodecError> {
        let mut rest = [0u8; 16];
        self.inner
            .read_exact(&mut rest)
            .map_err(|_| CodecError::TrailerMismatch("the trailer is cut short".to_owned()))?;
        let (count, digest) = rest.split_at(8);
        let count = u64::from_le_bytes(count.try_into().unwrap_or_default());
        let digest = u64::from_le_bytes(digest.try_into().unwrap_or_default());
        if count != self.frames {
            return Err(CodecError::TrailerMismatch(format!(
                "it counts {count} frames, the file has {}",
                self.frames
            )));
        }
        if digest != self.sequence.digest() {
            return Err(CodecError::TrailerMismatch(
                "the frames are not the ones it was written after (reordered or replaced)"
                    .to_owned(),
            ));
        }
        let mut more = [0u8; 1];
        if read_exact_or_eof(&mut self.inner, &mut more)? {
            return Err(CodecError::TrailerMismatch(
                "bytes follow the trailer".to_owned(),
            ));
        }
        self.finished = true;
        Ok(())
    }
}

/// A reader that hashes what passes through it.
struct Hashed<R> {
    inner: R,
    hasher: Xxh3,
}

impl<R: Read> Read for Hashed<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }
}

/// An error met while reading frame `frame`: the end of input inside it is corruption.
fn at_frame(err: CodecError, frame: u64) -> CodecError {
    match err {
        CodecError::Io(io) if io.kind() == io::ErrorKind::UnexpectedEof => {
            CodecError::Corrupt { frame }
        }
        CodecError::Corrupt { .. } => CodecError::Corrupt { frame },
        other => other,
    }
}

/// Fills `buf`; `Ok(false)` when the reader is at its end before the first byte.
fn read_exact_or_eof(reader: &mut impl Read, buf: &mut [u8]) -> Result<bool, CodecError> {
    let mut filled = 0;
    while filled < buf.len() {
        match reader.read(&mut buf[filled..]) {
            Ok(0) if filled == 0 => return Ok(false),
            Ok(0) => return Err(CodecError::Corrupt { frame: 0 }),
            Ok(n) => filled += n,
            Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
            Err(err) => return Err(err.into()),
        }
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Batch, Issue, IssueKind, Item, SourceRef, Stage};

    fn sample(seq: u64) -> Batch<String> {
        let issue = Issue::new(
            Stage::Ingest,
            IssueKind::Empty,
            SourceRef::file("a.txt"),
            "empty file",
        );
        Batch {
            seq,
            items: vec![Item::Doc("Putin".to_owned()), Item::Quarantined(issue)],
        }
    }

    /// A finished file of three frames, and where each frame starts.
    fn file() -> (Vec<u8>, Vec<usize>) {
        let mut writer = FrameWriter::new(Vec::new(), "Test").unwrap();
        for seq in 1..=3 {
            writer.write(&sample(seq)).unwrap();
        }
        assert_eq!(writer.frames(), 3);
        let bytes = writer.finish().unwrap();
        let header = MAGIC.len() + 1 + 2 + 2 + "Test".len();
        let mut at = header;
        let mut starts = Vec::new();
        while at < bytes.len() {
            let len = u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap());
            if len == TRAILER_MARK {
                break;
            }
            starts.push(at);
            at += 4 + 8 + len as usize;
        }
        starts.push(at);
        (bytes, starts)
    }

    /// Reads every frame of `bytes`: `ok N` with the frames read, or the error's message.
    fn outcome(bytes: &[u8]) -> String {
        let mut reader = match FrameReader::new(bytes, "Test") {
            Ok(reader) => reader,
            Err(err) => return err.to_string(),
        };
        let mut seqs = Vec::new();
        loop {
            match reader.read::<Batch<String>>() {
                Ok(Some(batch)) => {
                    assert_eq!(batch, sample(batch.seq));
                    seqs.push(batch.seq.to_string());
                }
                Ok(None) => break,
                Err(err) => return err.to_string(),
            }
        }
        // Reading on after the end stays at the end.
        assert!(matches!(reader.read::<Batch<String>>(), Ok(None)));
        format!("ok {}", seqs.join(","))
    }

    fn check(bytes: &[u8], expected: &str) {
        assert_eq!(outcome(bytes), expected);
    }

    #[test]
    fn round_trip() {
        let (bytes, starts) = file();
        assert_eq!(starts.len(), 4);
        check(&bytes, "ok 1,2,3");
        let empty = FrameWriter::new(Vec::new(), "Test")
            .unwrap()
            .finish()
            .unwrap();
        check(&empty, "ok ");
    }

    #[test]
    fn refuses_other_format_schema_and_kind() {
        let (bytes, _) = file();
        let err = FrameReader::new(bytes.as_slice(), "Other").err().unwrap();
        assert!(matches!(err, CodecError::KindMismatch { .. }));
        let mut old = bytes.clone();
        old[7] = 0;
        check(
            &old,
            "container format 0 in file, this build reads 1: write the file again with this build",
        );
        let mut other = bytes.clone();
        other[8] = other[8].wrapping_add(1);
        assert!(outcome(&other).starts_with("schema version"));
        check(b"garbage!", "not a concord intermediate file");
        check(&bytes[..10], "truncated or corrupt header");
    }

    #[test]
    fn refuses_cut_unfinished_and_changed_files() {
        let (bytes, starts) = file();
        let trailer = starts[3];
        // Cut at a frame boundary: every frame is whole, the trailer is missing.
        check(
            &bytes[..starts[2]],
            "file ends after frame 2 without the trailer: it was cut or its writer did not finish",
        );
        check(
            &bytes[..trailer],
            "file ends after frame 3 without the trailer: it was cut or its writer did not finish",
        );
        // A writer dropped before finishing leaves the same.
        let mut unfinished = Vec::new();
        {
            let mut writer = FrameWriter::new(&mut unfinished, "Test").unwrap();
            writer.write(&sample(1)).unwrap();
        }
        check(
            &unfinished,
            "file ends after frame 1 without the trailer: it was cut or its writer did not finish",
        );
        // Cut inside a frame, inside the trailer, or with bytes after it.
        check(&bytes[..starts[1] + 7], "frame 2 is truncated or corrupt");
        check(&bytes[..starts[1] + 20], "frame 2 is truncated or corrupt");
        check(
            &bytes[..bytes.len() - 1],
            "trailer does not match the file: the trailer is cut short",
        );
        let mut longer = bytes.clone();
        longer.push(0);
        check(
            &longer,
            "trailer does not match the file: bytes follow the trailer",
        );
        // One changed byte in the text of the second frame ("Putin" -> "Putin" with a changed letter).
        let mut changed = bytes.clone();
        let at = starts[1]
            + changed[starts[1]..]
                .windows(5)
                .position(|w| w == b"Putin")
                .unwrap();
        changed[at] = b'p';
        check(
            &changed,
            "frame 2 does not match its checksum (the file was changed or damaged)",
        );
        // A frame dropped or two frames swapped: each frame is intact, the trailer is not.
        let dropped = [&bytes[..starts[1]], &bytes[starts[2]..]].concat();
        check(
            &dropped,
            "trailer does not match the file: it counts 3 frames, the file has 2",
        );
        let swapped = [
            &bytes[..starts[0]],
            &bytes[starts[1]..starts[2]],
            &bytes[starts[0]..starts[1]],
            &bytes[starts[2]..],
        ]
        .concat();
        check(
            &swapped,
            "trailer does not match the file: the frames are not the ones it was written after (reordered or replaced)",
        );
        // A frame length over the limit.
        let mut huge = bytes.clone();
        huge[starts[0]..starts[0] + 4].copy_from_slice(&(MAX_FRAME + 1).to_le_bytes());
        check(&huge, "frame 1 is truncated or corrupt");
    }

    #[test]
    fn partial_files_sit_next_to_their_final_name() {
        assert_eq!(
            partial_path(Path::new("out/raw.bin")),
            PathBuf::from("out/.raw.bin.partial")
        );
    }
}
