//! The binary codec for intermediate files: the only module that names bincode.
//!
//! A file is a header (magic, [`SCHEMA_VERSION`], a payload kind such as `RawDoc`) followed by
//! length-prefixed frames, one encoded value (usually a [`crate::Batch`]) each. The header lets a
//! reader refuse a file written by another schema or holding another kind of message, which matters
//! because bincode is not self-describing: a misread would silently produce garbage.

use std::io::{self, Read, Write};

use bincode::error::DecodeError;
use serde::{Serialize, de::DeserializeOwned};

use crate::SCHEMA_VERSION;

const MAGIC: &[u8; 8] = b"CONCORD\0";
/// Frames larger than this are treated as corruption rather than allocated.
const MAX_FRAME: u32 = 1 << 30;

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
    /// The file ends inside a frame or a frame is implausibly large.
    #[error("truncated or corrupt frame")]
    Corrupt,
    /// bincode could not encode a value.
    #[error("encode failed: {0}")]
    Encode(String),
    /// bincode could not decode a frame.
    #[error("decode failed: {0}")]
    Decode(String),
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

/// Standard bincode, with no single claim (string, sequence) beyond the largest frame.
fn config() -> bincode::config::Configuration<
    bincode::config::LittleEndian,
    bincode::config::Varint,
    bincode::config::Limit<{ MAX_FRAME as usize }>,
> {
    bincode::config::standard().with_limit::<{ MAX_FRAME as usize }>()
}

/// Writes values of one kind to an intermediate file.
pub struct FrameWriter<W: Write> {
    inner: W,
    scratch: Vec<u8>,
}

impl<W: Write> FrameWriter<W> {
    /// Writes the header for messages of `kind` (a type name such as `"RawDoc"`).
    pub fn new(mut inner: W, kind: &str) -> Result<FrameWriter<W>, CodecError> {
        inner.write_all(MAGIC)?;
        inner.write_all(&SCHEMA_VERSION.to_le_bytes())?;
        let kind_len = u16::try_from(kind.len())
            .map_err(|_| CodecError::Encode("kind name too long".into()))?;
        inner.write_all(&kind_len.to_le_bytes())?;
        inner.write_all(kind.as_bytes())?;
        Ok(FrameWriter {
            inner,
            scratch: Vec::new(),
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
        self.inner.write_all(&len.to_le_bytes())?;
        self.inner.write_all(&self.scratch)?;
        Ok(())
    }

    /// Flushes and returns the underlying writer.
    pub fn finish(mut self) -> Result<W, CodecError> {
        self.inner.flush()?;
        Ok(self.inner)
    }
}

/// Reads values of one kind from an intermediate file.
pub struct FrameReader<R: Read> {
    inner: R,
    kind: String,
}

impl<R: Read> FrameReader<R> {
    /// Reads and checks the header: magic, schema version and message kind.
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

    /// Reads and checks the header (magic and schema version), accepting any message kind; see
    /// [`FrameReader::kind`].
    pub fn open(mut inner: R) -> Result<FrameReader<R>, CodecError> {
        let mut magic = [0u8; 8];
        inner
            .read_exact(&mut magic)
            .map_err(|_| CodecError::NotConcord)?;
        if &magic != MAGIC {
            return Err(CodecError::NotConcord);
        }
        let mut two = [0u8; 2];
        inner
            .read_exact(&mut two)
            .map_err(|_| CodecError::Corrupt)?;
        let found = u16::from_le_bytes(two);
        if found != SCHEMA_VERSION {
            return Err(CodecError::SchemaMismatch {
                found,
                expected: SCHEMA_VERSION,
            });
        }
        inner
            .read_exact(&mut two)
            .map_err(|_| CodecError::Corrupt)?;
        let mut name = vec![0u8; usize::from(u16::from_le_bytes(two))];
        inner
            .read_exact(&mut name)
            .map_err(|_| CodecError::Corrupt)?;
        let kind = String::from_utf8(name).map_err(|_| CodecError::Corrupt)?;
        Ok(FrameReader { inner, kind })
    }

    /// The kind of message the file holds, as named by its writer (`RawDoc`, `CleanDoc`, ...).
    pub fn kind(&self) -> &str {
        &self.kind
    }

    /// Reads the next value, or `None` at a clean end of file.
    ///
    /// The value is decoded straight from the reader, bounded by its frame length: no frame-sized
    /// buffer, so each string is copied once, from the reader's buffer into its own allocation.
    pub fn read<T: DeserializeOwned>(&mut self) -> Result<Option<T>, CodecError> {
        let mut len = [0u8; 4];
        if !read_exact_or_eof(&mut self.inner, &mut len)? {
            return Ok(None);
        }
        let len = u32::from_le_bytes(len);
        if len > MAX_FRAME {
            return Err(CodecError::Corrupt);
        }
        let mut frame = (&mut self.inner).take(u64::from(len));
        let decoded = bincode::serde::decode_from_std_read(&mut frame, config());
        let left = frame.limit();
        match decoded {
            Ok(value) if left == 0 => Ok(Some(value)),
            // A value shorter than its frame, or a frame cut short: the file is damaged.
            Ok(_) | Err(DecodeError::UnexpectedEnd { .. }) => Err(CodecError::Corrupt),
            Err(DecodeError::Io { inner, .. }) => match inner.kind() {
                io::ErrorKind::UnexpectedEof => Err(CodecError::Corrupt),
                _ => Err(CodecError::Io(inner)),
            },
            Err(err) => Err(CodecError::Decode(err.to_string())),
        }
    }
}

/// Fills `buf`; `Ok(false)` when the reader is at its end before the first byte.
fn read_exact_or_eof(reader: &mut impl Read, buf: &mut [u8]) -> Result<bool, CodecError> {
    let mut filled = 0;
    while filled < buf.len() {
        match reader.read(&mut buf[filled..]) {
            Ok(0) if filled == 0 => return Ok(false),
            Ok(0) => return Err(CodecError::Corrupt),
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

    fn sample() -> Batch<String> {
        let issue = Issue::new(
            Stage::Ingest,
            IssueKind::Empty,
            SourceRef::file("a.txt"),
            "empty file",
        );
        Batch {
            seq: 3,
            items: vec![Item::Doc("Putin".to_owned()), Item::Quarantined(issue)],
        }
    }

    #[test]
    fn round_trip() {
        let mut writer = FrameWriter::new(Vec::new(), "Test").unwrap();
        writer.write(&sample()).unwrap();
        writer.write(&sample()).unwrap();
        let bytes = writer.finish().unwrap();
        let mut reader = FrameReader::new(bytes.as_slice(), "Test").unwrap();
        assert_eq!(reader.read::<Batch<String>>().unwrap(), Some(sample()));
        assert_eq!(reader.read::<Batch<String>>().unwrap(), Some(sample()));
        assert_eq!(reader.read::<Batch<String>>().unwrap(), None);
    }

    #[test]
    fn refuses_other_schema_kind_and_truncation() {
        let mut writer = FrameWriter::new(Vec::new(), "Test").unwrap();
        writer.write(&sample()).unwrap();
        let bytes = writer.finish().unwrap();

        let err = FrameReader::new(bytes.as_slice(), "Other").err().unwrap();
        assert!(matches!(err, CodecError::KindMismatch { .. }));

        let mut old = bytes.clone();
        old[8] = old[8].wrapping_add(1);
        let err = FrameReader::new(old.as_slice(), "Test").err().unwrap();
        assert!(matches!(err, CodecError::SchemaMismatch { .. }));

        let cut = &bytes[..bytes.len() - 1];
        let mut reader = FrameReader::new(cut, "Test").unwrap();
        assert!(matches!(
            reader.read::<Batch<String>>(),
            Err(CodecError::Corrupt)
        ));

        assert!(matches!(
            FrameReader::new(&b"garbage!"[..], "Test"),
            Err(CodecError::NotConcord)
        ));
    }
}
