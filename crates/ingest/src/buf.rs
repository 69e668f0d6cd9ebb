//! A fixed-capacity read buffer with exact stream offsets, used by every record splitter.
//!
//! `std::io::BufReader` cannot be asked for "at least n more bytes" and does not count what it has
//! handed out, both of which the splitters need (WARC headers, resynchronisation, record offsets).
//! This buffer never grows: a caller that needs more than its capacity (a long line, a WARC block)
//! copies bytes out into the record's own buffer instead. It does no parsing.

use std::io::{self, Read};

/// A read buffer over `R` that knows the stream offset of its first available byte. The memory is
/// borrowed so that one allocation serves every file of a run.
pub(crate) struct Buf<'b, R> {
    inner: R,
    buf: &'b mut [u8],
    pos: usize,
    end: usize,
    eof: bool,
    /// A read error held back by [`Buf::peek`] until the bytes before it are consumed.
    pending: Option<io::Error>,
    offset: u64,
    /// Bytes given back with [`Buf::unread`], read again before anything else.
    replay: Vec<u8>,
    /// How much of `replay` has been read again.
    replayed: usize,
}

impl<'b, R: Read> Buf<'b, R> {
    /// Wraps `inner` with `memory` as the buffer (callers give at least 64 KiB).
    pub(crate) fn new(inner: R, memory: &'b mut [u8]) -> Buf<'b, R> {
        Buf {
            inner,
            buf: memory,
            pos: 0,
            end: 0,
            eof: false,
            pending: None,
            offset: 0,
            replay: Vec::new(),
            replayed: 0,
        }
    }

    /// The buffered bytes not consumed yet.
    pub(crate) fn available(&self) -> &[u8] {
        &self.buf[self.pos..self.end]
    }

    /// Stream offset of the first available byte (bytes consumed so far).
    pub(crate) fn offset(&self) -> u64 {
        self.offset
    }

    /// Whether the end of the input has been seen (there may still be bytes available); false while
    /// a held-back error waits to be reported.
    pub(crate) fn at_eof(&self) -> bool {
        self.eof && self.pending.is_none() && self.replayed == self.replay.len()
    }

    /// Gives `bytes` back to the stream: they are the stream's next bytes again (before whatever is
    /// available now), and the offset moves back by their length. Used when a WARC block taken as
    /// declared turns out to hold the next records.
    pub(crate) fn unread(&mut self, bytes: &[u8]) {
        let mut replay = Vec::with_capacity(
            bytes.len() + (self.end - self.pos) + (self.replay.len() - self.replayed),
        );
        replay.extend_from_slice(bytes);
        replay.extend_from_slice(&self.buf[self.pos..self.end]);
        replay.extend_from_slice(&self.replay[self.replayed..]);
        self.replay = replay;
        self.replayed = 0;
        self.pos = 0;
        self.end = 0;
        self.offset -= bytes.len() as u64;
    }

    /// Reads from the given-back bytes first, then from the input.
    fn read_source(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let left = &self.replay[self.replayed..];
        if !left.is_empty() {
            let n = left.len().min(out.len());
            out[..n].copy_from_slice(&left[..n]);
            self.replayed += n;
            if self.replayed == self.replay.len() {
                self.replay = Vec::new();
                self.replayed = 0;
            }
            return Ok(n);
        }
        if self.eof {
            return Ok(0);
        }
        self.inner.read(out)
    }

    /// Whether the buffer holds `capacity` unconsumed bytes, so `fill` cannot add any.
    pub(crate) fn is_full(&self) -> bool {
        self.pos == 0 && self.end == self.buf.len()
    }

    /// Marks `n` available bytes as consumed.
    pub(crate) fn consume(&mut self, n: usize) {
        let n = n.min(self.end - self.pos);
        self.pos += n;
        self.offset += n as u64;
        if self.pos == self.end {
            self.pos = 0;
            self.end = 0;
        }
    }

    /// Reads more input after the available bytes. `Ok(false)` means end of input, or a full buffer.
    pub(crate) fn fill(&mut self) -> io::Result<bool> {
        if self.eof && self.replayed == self.replay.len() {
            return match self.pending.take() {
                Some(err) => Err(err),
                None => Ok(false),
            };
        }
        if self.end == self.buf.len() {
            if self.pos == 0 {
                return Ok(false);
            }
            self.buf.copy_within(self.pos..self.end, 0);
            self.end -= self.pos;
            self.pos = 0;
        }
        loop {
            let end = self.end;
            let window = std::mem::take(&mut self.buf);
            let read = self.read_source(&mut window[end..]);
            self.buf = window;
            match read {
                Ok(0) => {
                    self.eof = true;
                    return Ok(false);
                }
                Ok(n) => {
                    self.end += n;
                    return Ok(true);
                }
                Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
                Err(err) => {
                    // Errors are final: the splitters report them and stop the file.
                    self.eof = true;
                    return Err(err);
                }
            }
        }
    }

    /// Makes at least `n` bytes available (`n` is capped at the capacity); `Ok(false)` if the input
    /// ends first.
    pub(crate) fn ensure(&mut self, n: usize) -> io::Result<bool> {
        let n = n.min(self.buf.len());
        while self.end - self.pos < n {
            if !self.fill()? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Like [`Buf::ensure`], but a read error is held back: the bytes before it stay available and
    /// the error comes from the next `fill` once they are used up.
    pub(crate) fn peek(&mut self, n: usize) {
        if let Err(err) = self.ensure(n) {
            self.pending = Some(err);
        }
    }

    /// Moves the next `n` bytes of the stream to the end of `out`; returns how many there were
    /// (fewer than `n` only at the end of input). Large blocks bypass the buffer.
    pub(crate) fn take_into(&mut self, n: usize, out: &mut Vec<u8>) -> io::Result<usize> {
        let from_buf = n.min(self.end - self.pos);
        out.extend_from_slice(&self.buf[self.pos..self.pos + from_buf]);
        self.consume(from_buf);
        let mut done = from_buf;
        if done == n {
            return Ok(done);
        }
        if self.eof && self.replayed == self.replay.len() {
            return match self.pending.take() {
                Some(err) => Err(err),
                None => Ok(done),
            };
        }
        if n - done < self.buf.len() / 2 {
            // Short rest: go through the buffer so that the next record's bytes get buffered too.
            while done < n {
                if self.end == self.pos && !self.fill()? {
                    break;
                }
                let step = (n - done).min(self.end - self.pos);
                out.extend_from_slice(&self.buf[self.pos..self.pos + step]);
                self.consume(step);
                done += step;
            }
            return Ok(done);
        }
        let start = out.len();
        out.resize(start + (n - done), 0);
        let mut filled = start;
        while filled < out.len() {
            match self.read_source(&mut out[filled..]) {
                Ok(0) => {
                    self.eof = true;
                    break;
                }
                Ok(k) => filled += k,
                Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
                Err(err) => {
                    self.eof = true;
                    out.truncate(filled);
                    self.offset += (filled - start) as u64;
                    return Err(err);
                }
            }
        }
        out.truncate(filled);
        self.offset += (filled - start) as u64;
        done += filled - start;
        Ok(done)
    }

    /// Skips the next `n` bytes; returns how many were skipped (fewer only at the end of input).
    pub(crate) fn skip(&mut self, n: u64) -> io::Result<u64> {
        let mut done = 0u64;
        while done < n {
            if self.end == self.pos && !self.fill()? {
                break;
            }
            let step = (self.end - self.pos).min(usize::try_from(n - done).unwrap_or(usize::MAX));
            self.consume(step);
            done += step as u64;
        }
        Ok(done)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader that hands out at most `step` bytes per call, like a pipe.
    struct Trickle<'a> {
        data: &'a [u8],
        step: usize,
    }

    impl Read for Trickle<'_> {
        fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
            let n = self.step.min(out.len()).min(self.data.len());
            out[..n].copy_from_slice(&self.data[..n]);
            self.data = &self.data[n..];
            Ok(n)
        }
    }

    #[test]
    fn take_skip_and_offsets_agree_with_the_stream() {
        let data: Vec<u8> = (0..120_000u32).map(|i| (i % 251) as u8).collect();
        for step in [1, 7, 4096, 1 << 20] {
            let mut memory = vec![0; 64 << 10];
            let mut buf = Buf::new(Trickle { data: &data, step }, &mut memory);
            let mut out = Vec::new();
            assert_eq!(buf.take_into(10, &mut out).unwrap(), 10);
            assert_eq!(buf.skip(1000).unwrap(), 1000);
            assert_eq!(buf.offset(), 1010);
            assert!(buf.ensure(5).unwrap());
            assert_eq!(buf.available()[0], data[1010]);
            let mut big = Vec::new();
            assert_eq!(buf.take_into(100_000, &mut big).unwrap(), 100_000);
            assert_eq!(&big[..], &data[1010..101_010]);
            assert_eq!(buf.offset(), 101_010);
            let mut rest = Vec::new();
            assert_eq!(
                buf.take_into(data.len(), &mut rest).unwrap(),
                data.len() - 101_010
            );
            assert_eq!(&rest[..], &data[101_010..]);
            assert_eq!(buf.skip(5).unwrap(), 0);
            assert_eq!(out, &data[..10]);
        }
    }

    #[test]
    fn unread_bytes_come_back_first_and_move_the_offset_back() {
        let data: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        for step in [1, 4096, 1 << 20] {
            let mut memory = vec![0; 64 << 10];
            let mut buf = Buf::new(Trickle { data: &data, step }, &mut memory);
            let mut block = Vec::new();
            assert_eq!(buf.take_into(150_000, &mut block).unwrap(), 150_000);
            buf.peek(10);
            buf.unread(&block[100_000..]);
            assert_eq!(buf.offset(), 100_000);
            let mut rest = Vec::new();
            assert_eq!(buf.take_into(10, &mut rest).unwrap(), 10);
            assert_eq!(buf.skip(5).unwrap(), 5);
            assert_eq!(buf.take_into(1 << 20, &mut rest).unwrap(), 99_985);
            assert_eq!(&rest[..10], &data[100_000..100_010]);
            assert_eq!(&rest[10..], &data[100_015..]);
            assert!(buf.at_eof());
        }
    }
}
