//! Counting lines at memchr speed, with readline's notion of a line: a `\n`, `\r\n`
//! or lone `\r` ends one (and, from Node 24, U+2028 and U+2029), and a non-empty
//! remainder without a break counts too — unless all it holds is an unfinished UTF-8
//! character, which readline's decoder keeps back and never emits.
//!
//! The separators are found in the UTF-8 bytes (E2 80 A8 and E2 80 A9): E2 is a lead
//! byte, never a continuation, so those three bytes decode to the separator whatever
//! precedes them, valid or not.

/// The UTF-8 lead of U+2028/U+2029 and the two bytes that follow it.
const SEPARATOR_LEAD: u8 = 0xe2;
const SEPARATOR_MIDDLE: u8 = 0x80;
const SEPARATOR_LAST: [u8; 2] = [0xa8, 0xa9];

use std::io::{self, ErrorKind, Read};

use crate::text::node_decoder::incomplete_utf8_tail_len;
use crate::work_control::{Cancelled, WorkControl};

const READ_SIZE: usize = 1 << 20;

/// The lines in all `reader` yields, read in 1 MiB pieces; progress counts bytes, and
/// a cancel stops it before the next read.
pub fn count_read(
    mut reader: impl Read,
    separators: bool,
    control: &WorkControl,
) -> io::Result<Result<u64, Cancelled>> {
    let mut buffer = vec![0u8; READ_SIZE];
    let mut counter = LineCounter::new(separators);
    loop {
        if let Err(cancelled) = control.check() {
            return Ok(Err(cancelled));
        }
        let read = match reader.read(&mut buffer) {
            Ok(0) => return Ok(Ok(counter.finish())),
            Ok(n) => n,
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        counter.push(&buffer[..read]);
        control.advance(read as u64);
    }
}

/// Streams byte chunks and counts the lines they hold.
#[derive(Default)]
pub struct LineCounter {
    lines: u64,
    /// U+2028 and U+2029 end lines (Node 24's rule).
    separators: bool,
    /// The last chunk ended in `\r`: a `\n` opening the next one belongs to it.
    after_cr: bool,
    /// Bytes since the last break (a last line without a break still counts).
    open_line: bool,
    /// How many bytes of a separator's encoding ended the last chunk (0–2).
    separator_prefix: usize,
    /// The stream's last bytes (enough for an unfinished character and the
    /// separator before it); while the stream is shorter, all of it.
    last: [u8; STREAM_END_KEPT],
    last_len: usize,
}

const STREAM_END_KEPT: usize = 6;

impl LineCounter {
    /// A counter with Node 20/22's rule (`separators` false) or Node 24's (true).
    pub fn new(separators: bool) -> Self {
        Self {
            separators,
            ..Self::default()
        }
    }

    pub fn push(&mut self, chunk: &[u8]) {
        self.keep_stream_end(chunk);
        let mut data = chunk;
        if self.separator_prefix > 0 {
            data = self.finish_separator(data);
        }
        if self.after_cr && data.first() == Some(&b'\n') {
            data = &data[1..];
        }
        self.after_cr = false;
        if data.is_empty() {
            return;
        }
        if self.separators && memchr::memchr(SEPARATOR_LEAD, data).is_some() {
            self.count_with_separators(data);
            return;
        }
        let crs = memchr::memchr_iter(b'\r', data).count();
        if crs == 0 {
            // The common case: only `\n` can end a line.
            self.lines += memchr::memchr_iter(b'\n', data).count() as u64;
            self.open_line = data[data.len() - 1] != b'\n';
            return;
        }
        let mut at = 0;
        while let Some(found) = memchr::memchr2(b'\n', b'\r', &data[at..]) {
            at = self.take_break(data, at + found);
        }
        self.open_line = at < data.len();
    }

    /// Counts the break at `index` (`\n` or `\r`); returns where the next line starts.
    fn take_break(&mut self, data: &[u8], index: usize) -> usize {
        self.lines += 1;
        let mut at = index + 1;
        if data[index] == b'\r' {
            if data.get(at) == Some(&b'\n') {
                at += 1;
            } else if at == data.len() {
                self.after_cr = true;
            }
        }
        at
    }

    fn count_with_separators(&mut self, data: &[u8]) {
        let mut at = 0;
        while let Some(found) = memchr::memchr3(b'\n', b'\r', SEPARATOR_LEAD, &data[at..]) {
            let index = at + found;
            if data[index] != SEPARATOR_LEAD {
                at = self.take_break(data, index);
                continue;
            }
            let tail = &data[index + 1..];
            match tail {
                [SEPARATOR_MIDDLE, last, ..] if SEPARATOR_LAST.contains(last) => {
                    self.lines += 1;
                    at = index + 3;
                }
                // The chunk ends inside what may be a separator: the next chunk decides.
                [] | [SEPARATOR_MIDDLE] => {
                    self.separator_prefix = 1 + tail.len();
                    self.open_line = true;
                    return;
                }
                _ => at = index + 1,
            }
        }
        self.open_line = at < data.len();
    }

    /// Completes a separator begun at the end of the last chunk; returns the rest of `data`.
    fn finish_separator<'a>(&mut self, data: &'a [u8]) -> &'a [u8] {
        let prefix = self.separator_prefix;
        let taken = (3 - prefix).min(data.len());
        for (i, &byte) in data[..taken].iter().enumerate() {
            // Position 1 of the encoding is 0x80; position 2 is 0xA8 or 0xA9.
            let fits = if prefix + i == 1 {
                byte == SEPARATOR_MIDDLE
            } else {
                SEPARATOR_LAST.contains(&byte)
            };
            if !fits {
                // Not a separator after all: those bytes were text of the open line.
                self.separator_prefix = 0;
                return data;
            }
        }
        self.separator_prefix += taken;
        if self.separator_prefix == 3 {
            self.separator_prefix = 0;
            self.lines += 1;
            self.open_line = false;
        }
        &data[taken..]
    }

    fn keep_stream_end(&mut self, chunk: &[u8]) {
        for &byte in &chunk[chunk.len().saturating_sub(STREAM_END_KEPT)..] {
            self.last.rotate_left(1);
            self.last[STREAM_END_KEPT - 1] = byte;
        }
        self.last_len = (self.last_len + chunk.len()).min(STREAM_END_KEPT);
    }

    /// The open line is nothing but an unfinished character at the end of the stream.
    fn open_line_is_unfinished_character(&self) -> bool {
        let end = &self.last[STREAM_END_KEPT - self.last_len..];
        let unfinished = incomplete_utf8_tail_len(end);
        if unfinished == 0 {
            return false;
        }
        // An unfinished character is at most 3 bytes: an empty `before` is the start
        // of the stream.
        match &end[..end.len() - unfinished] {
            [] | [.., b'\n' | b'\r'] => true,
            [.., SEPARATOR_LEAD, SEPARATOR_MIDDLE, last] => {
                self.separators && SEPARATOR_LAST.contains(last)
            }
            _ => false,
        }
    }

    /// Lines so far, counting an unfinished last line.
    pub fn finish(&self) -> u64 {
        self.lines + u64::from(self.open_line && !self.open_line_is_unfinished_character())
    }
}

#[cfg(test)]
mod tests {
    use super::LineCounter;

    fn count_by(separators: bool, chunks: &[&[u8]]) -> u64 {
        let mut counter = LineCounter::new(separators);
        for chunk in chunks {
            counter.push(chunk);
        }
        counter.finish()
    }

    fn count(chunks: &[&[u8]]) -> u64 {
        let old = count_by(false, chunks);
        assert_eq!(
            old,
            count_by(true, chunks),
            "text without separators counts alike"
        );
        old
    }

    #[test]
    fn counts_like_readline() {
        assert_eq!(count(&[b""]), 0);
        assert_eq!(count(&[b"a"]), 1);
        assert_eq!(count(&[b"a\n"]), 1);
        assert_eq!(count(&[b"a\nb"]), 2);
        assert_eq!(count(&[b"\n\n"]), 2);
        assert_eq!(count(&[b"a\r\nb\rc\n"]), 3);
    }

    #[test]
    fn an_unfinished_character_alone_on_the_last_line_is_not_a_line() {
        assert_eq!(count(&[b"a\n\xc3"]), 1);
        assert_eq!(count(&[b"a\r\xe6\x97"]), 1);
        assert_eq!(count(&[b"\xf0\x9f\x98"]), 0);
        assert_eq!(count(&[b"a\n", b"\xe6", b"\x97"]), 1);
        // Text before it, or a complete or invalid character: the line counts.
        assert_eq!(count(&[b"a\nb\xc3"]), 2);
        assert_eq!(count(&[b"a\n\xc3\xa9"]), 2);
        assert_eq!(count(&[b"a\n\xff"]), 2);
        assert_eq!(count(&[b"a\n\x80"]), 2);
        // After U+2028 the line is empty only where U+2028 ends lines.
        let after_separator = "a\u{2028}".as_bytes();
        assert_eq!(count_by(true, &[after_separator, b"\xc3"]), 1);
        assert_eq!(count_by(false, &[after_separator, b"\xc3"]), 1);
        assert_eq!(count_by(false, &[b"\n", after_separator, b"\xc3"]), 2);
    }

    #[test]
    fn a_crlf_split_across_chunks_is_one_break() {
        assert_eq!(count(&[b"a\r", b"\nb"]), 2);
        assert_eq!(count(&[b"a\r", b"\n"]), 1);
        assert_eq!(count(&[b"a\r", b"", b"\n"]), 2);
    }

    #[test]
    fn a_line_spanning_chunks_counts_once() {
        assert_eq!(count(&[b"ab", b"cd", b"ef\ngh", b"ij"]), 2);
        assert_eq!(count(&[b"ab\n", b"cd"]), 2);
    }

    #[test]
    fn separators_end_lines_only_under_the_node_24_rule() {
        let text = "a\u{2028}b\u{2029}c\u{2027}d\n".as_bytes();
        assert_eq!(count_by(false, &[text]), 1);
        assert_eq!(count_by(true, &[text]), 3);
        assert_eq!(count_by(true, &["\u{2028}".as_bytes()]), 1);
        assert_eq!(count_by(true, &["\r\u{2028}\n".as_bytes()]), 3);
    }

    #[test]
    fn a_separator_split_across_chunks_is_one_break() {
        let text = "ab\u{2028}cd\u{2029}".as_bytes();
        for cut in 0..=text.len() {
            for second in cut..=text.len() {
                let chunks = [&text[..cut], &text[cut..second], &text[second..]];
                assert_eq!(count_by(true, &chunks), 2, "cuts at {cut} and {second}");
            }
        }
    }

    #[test]
    fn a_broken_separator_is_text() {
        assert_eq!(count_by(true, &[b"a\xe2", b"\x80b"]), 1);
        assert_eq!(count_by(true, &[b"a\xe2", b"\n"]), 1);
        assert_eq!(count_by(true, &[b"a\xe2\x80", b"\xa7\n", b"x"]), 2);
        assert_eq!(count_by(true, &[b"\xe2\xe2\x80\xa8"]), 1);
    }
}
