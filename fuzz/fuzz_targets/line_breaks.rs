//! readline's line rules: the byte-level LineCounter in any chunking (a `\r\n` or a
//! U+2028 split between chunks, an unfinished character at the end) counts what a
//! plain reading of the whole decoded text counts, and the break finder over one-byte
//! and two-byte text cuts the text into the same lines, joined back to the input
//! minus its breaks.
#![no_main]

use hotpath::readline::count::LineCounter;
use hotpath::readline::line_breaks::{find_breaks, find_in_latin1, find_in_utf16, BreakRule};
use hotpath::text::js_text::{render_utf8, JsText};
use hotpath::text::node_decoder::incomplete_utf8_tail_len;
use hotpath_fuzz::{chunks, Input};
use libfuzzer_sys::fuzz_target;

/// Every break of `units` by the rule, as (start, end): a plain reading.
fn breaks(units: &[u16], rule: BreakRule) -> Vec<u32> {
    let mut out = Vec::new();
    let mut at = 0;
    while at < units.len() {
        let unit = units[at];
        let crlf = unit == 0x0d && units.get(at + 1) == Some(&0x0a);
        let ends = match rule {
            BreakRule::LineFeed => unit == 0x0a || crlf,
            BreakRule::Readline => unit == 0x0a || unit == 0x0d,
            BreakRule::ReadlineWithSeparators => matches!(unit, 0x0a | 0x0d | 0x2028 | 0x2029),
        };
        if ends {
            let len = 1 + usize::from(crlf);
            out.push(at as u32);
            out.push((at + len) as u32);
            at += len;
        } else {
            at += 1;
        }
    }
    out
}

fuzz_target!(|bytes: &[u8]| {
    let mut input = Input::new(bytes);
    let separators = input.byte().is_multiple_of(2);
    let cuts = input.piece();
    let data = input.rest();

    let text = render_utf8(data);
    let units = render_utf8(data).into_utf16();
    for rule in [
        BreakRule::LineFeed,
        BreakRule::Readline,
        BreakRule::ReadlineWithSeparators,
    ] {
        let mut found = Vec::new();
        find_breaks(&text, rule, &mut found);
        assert_eq!(found, breaks(&units, rule), "{rule:?}");
        // Lines between breaks, joined, are the text without its breaks.
        let mut joined = Vec::new();
        let mut from = 0;
        for pair in found.chunks(2) {
            joined.extend_from_slice(&units[from..pair[0] as usize]);
            from = pair[1] as usize;
        }
        joined.extend_from_slice(&units[from..]);
        let mut without: Vec<u16> = units.clone();
        for pair in found.chunks(2).rev() {
            without.drain(pair[0] as usize..pair[1] as usize);
        }
        assert_eq!(joined, without);
    }
    // One-byte text: its own finder and the two-byte one agree.
    let mut latin1 = Vec::new();
    find_in_latin1(data, &mut latin1);
    let mut widened = Vec::new();
    find_in_utf16(
        &data.iter().map(|&b| u16::from(b)).collect::<Vec<_>>(),
        &mut widened,
        separators,
    );
    assert_eq!(latin1, widened);

    // The counter, chunk by chunk, against the whole text minus a held-back tail.
    // Streams never deliver an empty chunk; readline given one forgets a pending `\r`
    // (and so does the counter), which a reading of the whole text cannot show.
    let mut counter = LineCounter::new(separators);
    for chunk in chunks(data, cuts)
        .into_iter()
        .filter(|chunk| !chunk.is_empty())
    {
        counter.push(chunk);
    }
    let kept = &data[..data.len() - incomplete_utf8_tail_len(data)];
    let kept_units = JsText::into_utf16(render_utf8(kept));
    let rule = if separators {
        BreakRule::ReadlineWithSeparators
    } else {
        BreakRule::Readline
    };
    let found = breaks(&kept_units, rule);
    let last_end = found.last().map_or(0, |&end| end as usize);
    let expected = found.len() as u64 / 2 + u64::from(last_end < kept_units.len());
    assert_eq!(counter.finish(), expected, "line count");
});
