//! `sort(ta)`: the order of `TypedArray.prototype.sort()` (numeric; -0 before +0;
//! NaNs last), in place, on the pool. One- and two-byte elements are counted (every
//! bit pattern once, written back in order: linear time). Wider ones are turned into
//! unsigned keys in place (NaNs set aside at the end first), quicksorted, and turned
//! back. NaNs keep no order among themselves (payloads are not visible as Numbers).
//! `descending` gives the exact reverse of the ascending order, NaNs first.

use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use super::control::{Aborted, Control};
use super::element::{from_key, is_nan, key, Kind, Word};
use super::quicksort;

/// Elements per piece of the parallel passes (between cancellation checks).
const PIECE: usize = 1 << 16;

/// Sorts `words` (elements as words of their width, read by `kind`) in place.
pub fn sort<W: Word>(
    words: &mut [W],
    kind: Kind,
    descending: bool,
    control: &Control,
) -> Result<(), Aborted> {
    if W::BITS <= 16 {
        counting_sort(words, kind, control)?;
    } else {
        key_sort(words, kind, control)?;
    }
    if descending {
        reverse(words, control)?;
    }
    control.finish();
    Ok(())
}

/// Counts each bit pattern, then writes the patterns back in sort order.
fn counting_sort<W: Word>(words: &mut [W], kind: Kind, control: &Control) -> Result<(), Aborted> {
    let patterns = 1usize << W::BITS;
    let counts = words
        .par_chunks(PIECE)
        .try_fold(
            || vec![0u64; patterns],
            |mut counts, piece| {
                control.check()?;
                for word in piece {
                    counts[word.to_u64() as usize] += 1;
                }
                control.advance(piece.len() as u64);
                Ok(counts)
            },
        )
        .try_reduce(
            || vec![0u64; patterns],
            |mut total, counts| {
                total.iter_mut().zip(&counts).for_each(|(t, c)| *t += c);
                Ok(total)
            },
        )?;
    control.check()?;
    let mut at = 0;
    for pattern in pattern_order::<W>(kind) {
        let count = counts[pattern.to_u64() as usize] as usize;
        words[at..at + count].fill(pattern);
        at += count;
    }
    Ok(())
}

/// Every bit pattern of `W`, in the order its values sort.
fn pattern_order<W: Word>(kind: Kind) -> impl Iterator<Item = W> {
    let max = W::MAX.to_u64();
    let sign = W::SIGN.to_u64();
    let infinity = W::INFINITY.to_u64();
    let order: Box<dyn Iterator<Item = u64>> = match kind {
        Kind::Unsigned => Box::new(0..=max),
        Kind::Signed => Box::new((sign..=max).chain(0..sign)),
        // -Infinity down to -0, +0 up to +Infinity, then the NaNs of both signs.
        Kind::Float => Box::new(
            (sign..=sign | infinity)
                .rev()
                .chain(0..=infinity)
                .chain(infinity + 1..sign)
                .chain((sign | infinity) + 1..=max),
        ),
    };
    order.map(W::from_u64)
}

/// Sets NaNs aside at the end, then sorts the rest as keys.
fn key_sort<W: Word>(words: &mut [W], kind: Kind, control: &Control) -> Result<(), Aborted> {
    let numbers = if kind == Kind::Float && words.par_iter().any(|&word| is_nan(word)) {
        let numbers = quicksort::partition(words, |word| !is_nan(word), control)?;
        control.advance((words.len() - numbers) as u64);
        numbers
    } else {
        words.len()
    };
    let numbers = &mut words[..numbers];
    to_keys(numbers, kind, control)?;
    let sorted = quicksort::sort(numbers, control);
    // Keys go back to elements even after a cancel, so the array holds its values.
    numbers.par_chunks_mut(PIECE).for_each(|piece| {
        piece
            .iter_mut()
            .for_each(|word| *word = from_key(*word, kind))
    });
    sorted
}

/// Turns elements into keys, piece by piece; a cancel turns the pieces already done
/// back, so the array holds its values either way.
fn to_keys<W: Word>(words: &mut [W], kind: Kind, control: &Control) -> Result<(), Aborted> {
    let done: Vec<AtomicBool> = (0..words.len().div_ceil(PIECE))
        .map(|_| AtomicBool::new(false))
        .collect();
    let result = words
        .par_chunks_mut(PIECE)
        .zip(&done)
        .try_for_each(|(piece, done)| {
            control.check()?;
            piece.iter_mut().for_each(|word| *word = key(*word, kind));
            done.store(true, Ordering::Relaxed);
            Ok(())
        });
    if result.is_err() {
        words
            .par_chunks_mut(PIECE)
            .zip(&done)
            .for_each(|(piece, done)| {
                if done.load(Ordering::Relaxed) {
                    piece
                        .iter_mut()
                        .for_each(|word| *word = from_key(*word, kind));
                }
            });
    }
    result
}

/// Reverses in place, pairs of pieces from both ends on the pool.
fn reverse<W: Word>(words: &mut [W], control: &Control) -> Result<(), Aborted> {
    control.check()?;
    let half = words.len() / 2;
    let (front, back) = words.split_at_mut(half);
    let back_len = back.len();
    // The back half, read from its end, pairs with the front half read from its start.
    let back = &mut back[back_len - half..];
    front
        .par_chunks_mut(PIECE)
        .zip(back.par_rchunks_mut(PIECE))
        .for_each(|(front_piece, back_piece)| {
            for (a, b) in front_piece.iter_mut().zip(back_piece.iter_mut().rev()) {
                std::mem::swap(a, b);
            }
        });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run<W: Word>(words: &mut [W], kind: Kind, descending: bool) {
        let cancelled = AtomicBool::new(false);
        let control = Control::new(&cancelled, None, words.len() as u64);
        sort(words, kind, descending, &control).expect("not cancelled");
    }

    /// JS's order of Numbers: numeric, -0 before +0, NaN last.
    fn js_order(a: f64, b: f64) -> std::cmp::Ordering {
        match (a.is_nan(), b.is_nan()) {
            (true, true) => std::cmp::Ordering::Equal,
            (true, false) => std::cmp::Ordering::Greater,
            (false, true) => std::cmp::Ordering::Less,
            _ => a.total_cmp(&b),
        }
    }

    fn same_numbers(a: &[f64], b: &[f64]) -> bool {
        a.len() == b.len()
            && a.iter()
                .zip(b)
                .all(|(x, y)| (x.is_nan() && y.is_nan()) || x.to_bits() == y.to_bits())
    }

    #[test]
    fn doubles_sort_as_js_sorts_them() {
        let mut next = crate::test_random::xorshift(0xf64);
        let specials = [
            f64::NAN,
            -f64::NAN,
            0.0,
            -0.0,
            f64::INFINITY,
            f64::NEG_INFINITY,
            1.5,
        ];
        for size in [0, 1, 2, 50, 40_000, 120_000] {
            let values: Vec<f64> = (0..size)
                .map(|_| match next() % 5 {
                    0 => specials[(next() % 7) as usize],
                    _ => (f64::from(next()) - 2e9) / 3.0,
                })
                .collect();
            let mut expected = values.clone();
            expected.sort_by(|a, b| js_order(*a, *b));
            let mut words: Vec<u64> = values.iter().map(|v| v.to_bits()).collect();
            run(&mut words, Kind::Float, false);
            let got: Vec<f64> = words.iter().map(|w| f64::from_bits(*w)).collect();
            assert!(same_numbers(&got, &expected), "size {size}");
            run(&mut words, Kind::Float, true);
            let got: Vec<f64> = words.iter().rev().map(|w| f64::from_bits(*w)).collect();
            assert!(same_numbers(&got, &expected), "descending, size {size}");
        }
    }

    #[test]
    fn signed_and_unsigned_words_sort_numerically() {
        let mut next = crate::test_random::xorshift(0x132);
        let mut signed: Vec<u32> = (0..100_000).map(|_| next()).collect();
        let mut expected: Vec<i32> = signed.iter().map(|w| *w as i32).collect();
        expected.sort_unstable();
        run(&mut signed, Kind::Signed, false);
        assert!(signed.iter().map(|w| *w as i32).eq(expected));
        let mut bytes: Vec<u8> = (0..70_000).map(|_| next() as u8).collect();
        let mut expected = bytes.clone();
        expected.sort_unstable();
        run(&mut bytes, Kind::Unsigned, false);
        assert_eq!(bytes, expected);
        let mut shorts: Vec<u16> = (0..70_000).map(|_| next() as u16).collect();
        let mut expected: Vec<i16> = shorts.iter().map(|w| *w as i16).collect();
        expected.sort_unstable();
        run(&mut shorts, Kind::Signed, true);
        assert!(shorts.iter().rev().map(|w| *w as i16).eq(expected));
    }

    #[test]
    fn half_floats_are_counted_into_js_order() {
        // -Infinity, -2, -0, +0, 1, +Infinity and two NaNs, shuffled.
        let mut words: Vec<u16> = vec![
            0x7e00, 0x3c00, 0x8000, 0xfc00, 0xfe01, 0x0000, 0x7c00, 0xc000,
        ];
        run(&mut words, Kind::Float, false);
        assert_eq!(
            &words[..6],
            &[0xfc00, 0xc000, 0x8000, 0x0000, 0x3c00, 0x7c00]
        );
        assert!(words[6..].iter().all(|w| is_nan(*w)));
    }

    #[test]
    fn a_cancelled_sort_leaves_the_same_values() {
        let mut next = crate::test_random::xorshift(9);
        let values: Vec<u64> = (0..100_000).map(|_| f64::from(next()).to_bits()).collect();
        let mut words = values.clone();
        let cancelled = AtomicBool::new(true);
        let control = Control::new(&cancelled, None, 1);
        assert_eq!(sort(&mut words, Kind::Float, false, &control), Err(Aborted));
        let (mut a, mut b) = (values, words);
        a.sort_unstable();
        b.sort_unstable();
        assert_eq!(a, b);
    }
}
