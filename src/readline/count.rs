//! Counting lines at memchr speed, with readline's notion of a line: a `\n`, `\r\n`
//! or lone `\r` ends one, and a non-empty remainder without a break counts too.

/// Streams byte chunks and counts the lines they hold.
#[derive(Default)]
pub struct LineCounter {
    lines: u64,
    /// The last chunk ended in `\r`: a `\n` opening the next one belongs to it.
    after_cr: bool,
    /// Bytes since the last break (a last line without a break still counts).
    open_line: bool,
}

impl LineCounter {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, chunk: &[u8]) {
        let mut data = chunk;
        if self.after_cr && data.first() == Some(&b'\n') {
            data = &data[1..];
        }
        self.after_cr = false;
        if data.is_empty() {
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
            let index = at + found;
            self.lines += 1;
            at = index + 1;
            if data[index] == b'\r' {
                if data.get(at) == Some(&b'\n') {
                    at += 1;
                } else if at == data.len() {
                    self.after_cr = true;
                }
            }
        }
        self.open_line = at < data.len();
    }

    /// Lines so far, counting an unfinished last line.
    pub fn finish(&self) -> u64 {
        self.lines + u64::from(self.open_line)
    }
}

#[cfg(test)]
mod tests {
    use super::LineCounter;

    fn count(chunks: &[&[u8]]) -> u64 {
        let mut counter = LineCounter::new();
        for chunk in chunks {
            counter.push(chunk);
        }
        counter.finish()
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
}
