//! Line breaks as Node's readline sees them: `/\r?\n|\r(?!\n)/g` over the decoded
//! text, so `\n`, `\r\n` and a lone `\r` each end a line, and a `\r` at the very end of
//! a chunk ends one too (readline then skips a `\n` that opens the next chunk). Node 24
//! added U+2028 and U+2029 to that pattern; the caller picks the running Node's rule.

use crate::text::js_text::JsText;

/// Which characters end a line.
#[cfg_attr(
    all(feature = "napi", not(test)),
    napi_derive::napi(js_name = "LineBreakRule")
)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BreakRule {
    /// split2's default `/\r?\n/`: a lone `\r` is text.
    LineFeed = 0,
    /// readline up to Node 22: `\n`, `\r\n` and a lone `\r`.
    Readline = 1,
    /// readline from Node 24: also U+2028 (LINE SEPARATOR) and U+2029 (PARAGRAPH SEPARATOR).
    ReadlineWithSeparators = 2,
}

/// Appends `(start, end)` of every break in `text` to `out`, in UTF-16 units.
pub fn find_breaks(text: &JsText<'_>, rule: BreakRule, out: &mut Vec<u32>) {
    match (text, rule) {
        // One-byte text cannot hold U+2028/U+2029: both readline rules agree on it.
        (JsText::Latin1(bytes), BreakRule::Readline | BreakRule::ReadlineWithSeparators) => {
            find_in_latin1(bytes, out)
        }
        (JsText::Utf16(units), BreakRule::Readline) => find_in_utf16(units, out, false),
        (JsText::Utf16(units), BreakRule::ReadlineWithSeparators) => {
            find_in_utf16(units, out, true)
        }
        (JsText::Latin1(bytes), BreakRule::LineFeed) => find_lf_in_latin1(bytes, out),
        (JsText::Utf16(units), BreakRule::LineFeed) => find_lf_in_utf16(units, out),
    }
}

fn find_lf_in_latin1(bytes: &[u8], out: &mut Vec<u32>) {
    for at in memchr::memchr_iter(b'\n', bytes) {
        let crlf = at > 0 && bytes[at - 1] == b'\r';
        out.push((at - usize::from(crlf)) as u32);
        out.push((at + 1) as u32);
    }
}

fn find_lf_in_utf16(units: &[u16], out: &mut Vec<u32>) {
    for (at, &unit) in units.iter().enumerate() {
        if unit == 0x0a {
            let crlf = at > 0 && units[at - 1] == 0x0d;
            out.push((at - usize::from(crlf)) as u32);
            out.push((at + 1) as u32);
        }
    }
}

fn push_break(out: &mut Vec<u32>, at: usize, crlf: bool) {
    out.push(at as u32);
    out.push((at + 1 + usize::from(crlf)) as u32);
}

pub fn find_in_latin1(bytes: &[u8], out: &mut Vec<u32>) {
    if memchr::memchr(b'\r', bytes).is_none() {
        // Most text has no \r at all: then every break is a \n, found by the
        // single-byte search, which is much cheaper per match than the two-byte one.
        for at in memchr::memchr_iter(b'\n', bytes) {
            out.push(at as u32);
            out.push(at as u32 + 1);
        }
        return;
    }
    // One iterator over the whole chunk: lines are short, and restarting a search per
    // line would pay memchr's setup once per line.
    let mut skip_lf_at = usize::MAX;
    for at in memchr::memchr2_iter(b'\n', b'\r', bytes) {
        if at == skip_lf_at {
            continue; // the \n of a \r\n already recorded
        }
        let crlf = bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n');
        if crlf {
            skip_lf_at = at + 1;
        }
        push_break(out, at, crlf);
    }
}

pub fn find_in_utf16(units: &[u16], out: &mut Vec<u32>, separators: bool) {
    let mut at = 0;
    while at < units.len() {
        match units[at] {
            0x0a => {
                push_break(out, at, false);
                at += 1;
            }
            0x2028 | 0x2029 if separators => {
                push_break(out, at, false);
                at += 1;
            }
            0x0d => {
                let crlf = units.get(at + 1) == Some(&0x0a);
                push_break(out, at, crlf);
                at += 1 + usize::from(crlf);
            }
            _ => at += 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn breaks_by(text: &str, rule: BreakRule) -> Vec<u32> {
        let mut out = Vec::new();
        find_breaks(
            &JsText::Utf16(text.encode_utf16().collect()),
            rule,
            &mut out,
        );
        out
    }

    /// The UTF-16 scan's breaks, checked against the one-byte scan whenever the text
    /// fits in one byte per character (also when neither finds a break).
    fn breaks(text: &str) -> Vec<u32> {
        let units: Vec<u16> = text.encode_utf16().collect();
        let mut utf16 = Vec::new();
        find_in_utf16(&units, &mut utf16, false);
        if text.chars().all(|c| u32::from(c) < 0x100) {
            let bytes: Vec<u8> = text.chars().map(|c| c as u8).collect();
            let mut latin1 = Vec::new();
            find_in_latin1(&bytes, &mut latin1);
            assert_eq!(latin1, utf16, "latin1 and utf16 scans disagree on {text:?}");
        }
        utf16
    }

    /// `/\r?\n|\r(?!\n)/g` written out by hand, the reference for the random cases.
    fn reference_breaks(text: &[u8]) -> Vec<u32> {
        let mut out = Vec::new();
        let mut at = 0;
        while at < text.len() {
            match (text[at], text.get(at + 1)) {
                (b'\r', Some(b'\n')) => {
                    out.extend([at as u32, at as u32 + 2]);
                    at += 2;
                }
                (b'\r' | b'\n', _) => {
                    out.extend([at as u32, at as u32 + 1]);
                    at += 1;
                }
                _ => at += 1,
            }
        }
        out
    }

    #[test]
    fn latin1_and_utf16_scans_match_the_pattern_on_random_text() {
        let mut next = crate::test_random::xorshift(0x2545_f491_u32);
        let alphabet = [b'a', b'\n', b'\r', b' ', 0xe9, 0x85, 0x0b, 0x0c];
        for round in 0..2000 {
            let len = (next() % 200) as usize;
            // Every other text has no \r at all, the scanner's single-byte fast path.
            let letters = if round % 2 == 0 {
                &alphabet[..]
            } else {
                &[b'a', b'\n', 0xe9][..]
            };
            let bytes: Vec<u8> = (0..len)
                .map(|_| letters[next() as usize % letters.len()])
                .collect();
            let text: String = bytes.iter().map(|&b| char::from(b)).collect();
            assert_eq!(breaks(&text), reference_breaks(&bytes), "{text:?}");
        }
    }

    #[test]
    fn text_without_breaks_has_none_in_either_scan() {
        assert_eq!(
            breaks("no breaks here \u{e9}\u{85}\u{b}\u{c}"),
            Vec::<u32>::new()
        );
    }

    #[test]
    fn lf_crlf_and_lone_cr_each_end_a_line() {
        assert_eq!(breaks("a\nb\r\nc\rd"), vec![1, 2, 3, 5, 6, 7]);
    }

    #[test]
    fn cr_at_the_end_is_a_break() {
        assert_eq!(breaks("a\r"), vec![1, 2]);
    }

    #[test]
    fn cr_cr_lf_is_two_breaks() {
        assert_eq!(breaks("\r\r\n"), vec![0, 1, 1, 3]);
    }

    #[test]
    fn unicode_line_separators_are_not_breaks_under_the_node_20_rule() {
        assert_eq!(breaks("a\u{2028}b\u{2029}c\u{85}"), Vec::<u32>::new());
    }

    #[test]
    fn unicode_line_separators_are_breaks_under_the_node_24_rule() {
        let rule = BreakRule::ReadlineWithSeparators;
        assert_eq!(
            breaks_by("a\u{2028}b\u{2029}c\u{85}", rule),
            vec![1, 2, 3, 4]
        );
        assert_eq!(breaks_by("\r\u{2028}\r\n", rule), vec![0, 1, 1, 2, 2, 4]);
        assert_eq!(breaks_by("a\r\nb\rc\n", rule), breaks("a\r\nb\rc\n"));
    }

    #[test]
    fn the_line_feed_rule_keeps_a_lone_cr_as_text() {
        let text = JsText::Latin1(b"a\rb\r\nc\n".as_slice().into());
        let mut out = Vec::new();
        find_breaks(&text, BreakRule::LineFeed, &mut out);
        assert_eq!(out, vec![3, 5, 6, 7]);
        let wide = JsText::Utf16("日\rb\r\nc\n".encode_utf16().collect());
        let mut wide_out = Vec::new();
        find_breaks(&wide, BreakRule::LineFeed, &mut wide_out);
        assert_eq!(wide_out, out);
    }

    #[test]
    fn offsets_count_utf16_units() {
        assert_eq!(breaks("😀\n日\n"), vec![2, 3, 4, 5]);
    }
}
