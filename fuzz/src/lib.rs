//! What the fuzz targets share: reading a fuzz input as control bytes plus data, and
//! cutting data into the chunks a stream would see.

/// A fuzz input read front to back: small numbers first, the rest is data.
pub struct Input<'a> {
    bytes: &'a [u8],
}

impl<'a> Input<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        Input { bytes }
    }

    /// The next byte, or 0 once the input is used up.
    pub fn byte(&mut self) -> u8 {
        match self.bytes.split_first() {
            Some((&first, rest)) => {
                self.bytes = rest;
                first
            }
            None => 0,
        }
    }

    /// A number in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        let wide = usize::from(self.byte()) << 8 | usize::from(self.byte());
        wide % n
    }

    /// The next `len` bytes (fewer if the input runs out).
    pub fn take(&mut self, len: usize) -> &'a [u8] {
        let (head, tail) = self.bytes.split_at(len.min(self.bytes.len()));
        self.bytes = tail;
        head
    }

    /// A length-prefixed piece: one byte of length, then that many bytes.
    pub fn piece(&mut self) -> &'a [u8] {
        let len = usize::from(self.byte());
        self.take(len)
    }

    pub fn rest(&mut self) -> &'a [u8] {
        std::mem::take(&mut self.bytes)
    }

    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }
}

/// Cuts `data` into consecutive chunks whose lengths come from `cuts` (each byte one
/// length, 0 allowed: streams do get empty chunks); the last chunk takes what is left.
pub fn chunks<'d>(data: &'d [u8], cuts: &[u8]) -> Vec<&'d [u8]> {
    let mut out = Vec::new();
    let mut rest = data;
    for &cut in cuts {
        let len = usize::from(cut).min(rest.len());
        let (head, tail) = rest.split_at(len);
        out.push(head);
        rest = tail;
        if rest.is_empty() {
            break;
        }
    }
    out.push(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_cover_the_data_in_order() {
        let data = b"abcdefghij";
        let pieces = chunks(data, &[3, 0, 2]);
        assert_eq!(pieces, vec![&b"abc"[..], b"", b"de", b"fghij"]);
        assert_eq!(pieces.concat(), data);
    }
}

pub mod zlib_checks;
