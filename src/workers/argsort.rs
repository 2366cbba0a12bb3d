//! `argsort(ta)`: the indices that would sort the elements, stable (equal elements,
//! and every NaN, keep their order). Each element's key and index are packed into one
//! word (key above, index below), so quicksorting the words orders by key and, among
//! equal keys, by index: the stable order, from an unstable in-place sort.

use rayon::prelude::*;

use super::control::{Aborted, Control};
use super::element::{key_nan_last, Kind, Word};
use super::quicksort;

/// Indices as 32-bit words while every index fits, else as 64-bit ones.
#[derive(Debug, PartialEq, Eq)]
pub enum Indices {
    U32(Vec<u32>),
    U64(Vec<u64>),
}

/// Elements per piece of the packing passes (between cancellation checks).
const PIECE: usize = 1 << 16;

pub fn argsort<W: Word>(words: &[W], kind: Kind, control: &Control) -> Result<Indices, Aborted> {
    let fits_u32 = words.len() as u64 <= u64::from(u32::MAX) + 1;
    let indices = if W::BITS <= 32 && fits_u32 {
        let mut packed = pack(words, control, |i, word| {
            (key_nan_last(word, kind).to_u64() << 32) | i as u64
        })?;
        quicksort::sort(&mut packed, control)?;
        Indices::U32(unpack(&packed, control, |p| p as u32)?)
    } else {
        let mut packed = pack(words, control, |i, word| {
            (u128::from(key_nan_last(word, kind).to_u64()) << 64) | i as u128
        })?;
        quicksort::sort(&mut packed, control)?;
        if fits_u32 {
            Indices::U32(unpack(&packed, control, |p| p as u32)?)
        } else {
            Indices::U64(unpack(&packed, control, |p| p as u64)?)
        }
    };
    control.finish();
    Ok(indices)
}

/// Each element's packed key and index, built on the pool piece by piece.
fn pack<W: Word, P: Copy + Default + Send>(
    words: &[W],
    control: &Control,
    pack_one: impl Fn(usize, W) -> P + Sync,
) -> Result<Vec<P>, Aborted> {
    let mut packed = vec![P::default(); words.len()];
    packed
        .par_chunks_mut(PIECE)
        .zip(words.par_chunks(PIECE))
        .enumerate()
        .try_for_each(|(piece, (out, input))| {
            control.check()?;
            let start = piece * PIECE;
            for (i, (slot, &word)) in out.iter_mut().zip(input).enumerate() {
                *slot = pack_one(start + i, word);
            }
            Ok(())
        })?;
    Ok(packed)
}

/// The indices out of the sorted packed words, piece by piece.
fn unpack<P: Copy + Sync, I: Copy + Default + Send>(
    packed: &[P],
    control: &Control,
    index_of: impl Fn(P) -> I + Sync,
) -> Result<Vec<I>, Aborted> {
    let mut indices = vec![I::default(); packed.len()];
    indices
        .par_chunks_mut(PIECE)
        .zip(packed.par_chunks(PIECE))
        .try_for_each(|(out, input)| {
            control.check()?;
            out.iter_mut()
                .zip(input)
                .for_each(|(index, &p)| *index = index_of(p));
            Ok(())
        })?;
    Ok(indices)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicBool;

    fn run<W: Word>(words: &[W], kind: Kind) -> Vec<u32> {
        let cancelled = AtomicBool::new(false);
        let control = Control::new(&cancelled, None, words.len() as u64);
        match argsort(words, kind, &control).expect("not cancelled") {
            Indices::U32(indices) => indices,
            Indices::U64(_) => unreachable!("small inputs index in 32 bits"),
        }
    }

    #[test]
    fn equal_values_and_nans_keep_their_order() {
        let values = [2.0, f64::NAN, -1.0, 2.0, -0.0, 0.0, -f64::NAN, -1.0];
        let words: Vec<u64> = values.iter().map(|v| v.to_bits()).collect();
        assert_eq!(run(&words, Kind::Float), vec![2, 7, 4, 5, 0, 3, 1, 6]);
    }

    #[test]
    fn random_inputs_match_a_stable_sort_of_indices() {
        let mut next = crate::test_random::xorshift(0xa55);
        for (size, spread) in [(100_000, 50u32), (70_000, u32::MAX), (3, 2)] {
            let words: Vec<u32> = (0..size).map(|_| next() % spread.max(1)).collect();
            let mut expected: Vec<u32> = (0..size as u32).collect();
            expected.sort_by_key(|&i| words[i as usize] as i32);
            assert_eq!(run(&words, Kind::Signed), expected);
            let wide: Vec<u64> = words.iter().map(|&w| u64::from(w) << 20).collect();
            let mut expected: Vec<u32> = (0..size as u32).collect();
            expected.sort_by_key(|&i| wide[i as usize]);
            assert_eq!(run(&wide, Kind::Unsigned), expected);
        }
    }
}
