//! Copies of JS memory for work that outlives the JS call that gave it.
//!
//! A view's bytes are JS's for as long as JS can reach its buffer: JS may detach a
//! non-shared ArrayBuffer (`transfer()`, `structuredClone`/`postMessage` transfer
//! lists) or shrink a resizable one (`resize()`) at any moment after a call returns,
//! and V8 then frees or decommits that memory. Neither V8 nor N-API offers a way to
//! stop it (a napi reference keeps the buffer object, not its bytes). So every async
//! path copies what it reads on the JS thread, before the call returns, and works on
//! the copy.
//!
//! The copy's cost is mostly not the memcpy but the page faults of fresh memory: one
//! per 4 KiB, which made a 64 MiB copy ~6× slower than one into mapped memory (the
//! `gzip(buf, cb), parallel` row of benches/zlib.bench.mjs copies its input each call). So
//! big copies go into buffers kept from earlier copies (`kept`), which the JS faces
//! free after a second without a big async call.

use std::sync::Mutex;

/// Bytes copied from JS memory, owned by the work that reads them: 8-byte aligned
/// (so a TypedArray's elements of any type fit), in a buffer kept for the next big
/// copy once the work drops it.
pub struct OwnedBytes {
    words: Vec<u64>,
    len: usize,
}

impl OwnedBytes {
    /// A copy of `bytes`.
    pub fn copy_of(bytes: &[u8]) -> OwnedBytes {
        OwnedBytes::concat(&[bytes])
    }

    /// The `parts` back to back.
    pub fn concat(parts: &[&[u8]]) -> OwnedBytes {
        let len = parts.iter().map(|part| part.len()).sum::<usize>();
        let count = len.div_ceil(8);
        let mut words = kept::take(count);
        let start = words.as_mut_ptr().cast::<u8>();
        let mut at = 0;
        // SAFETY: `words` has room for `count * 8 >= len` bytes, all written here (the
        // parts, then zeros) before `set_len` declares them; it is memory of our own,
        // so it cannot overlap any part.
        unsafe {
            for part in parts {
                std::ptr::copy_nonoverlapping(part.as_ptr(), start.add(at), part.len());
                at += part.len();
            }
            std::ptr::write_bytes(start.add(len), 0, count * 8 - len);
            words.set_len(count);
        }
        OwnedBytes { words, len }
    }

    pub fn as_slice(&self) -> &[u8] {
        // SAFETY: any initialised u64 memory is valid as 8× as many u8, and `len` is
        // within it; the slice borrows `self`.
        unsafe { std::slice::from_raw_parts(self.words.as_ptr().cast::<u8>(), self.len) }
    }

    /// The copy's address, for work that writes it in place (8-byte aligned).
    pub fn as_mut_ptr(&mut self) -> *mut u8 {
        self.words.as_mut_ptr().cast()
    }
}

impl Drop for OwnedBytes {
    fn drop(&mut self) {
        kept::give(std::mem::take(&mut self.words));
    }
}

/// Frees the buffers kept for big copies (the faces call it once big async calls
/// have stopped for a while).
pub fn release_kept() {
    kept::release();
}

/// Copies from this size up go into kept buffers; smaller ones come from the
/// allocator's own free lists, which are already mapped.
pub const KEPT_FROM_BYTES: usize = 1 << 20;

mod kept {
    use super::{Mutex, KEPT_FROM_BYTES};

    const KEEP_BUFFERS: usize = 4;
    const KEEP_BYTES: usize = 256 << 20;

    static KEPT: Mutex<Vec<Vec<u64>>> = Mutex::new(Vec::new());

    fn kept() -> std::sync::MutexGuard<'static, Vec<Vec<u64>>> {
        // Nothing panics under the lock; a poisoned list is still a list of buffers.
        KEPT.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// An empty buffer with room for `words` words: the smallest kept one that fits.
    pub fn take(words: usize) -> Vec<u64> {
        if words * 8 >= KEPT_FROM_BYTES {
            let mut kept = kept();
            let fitting = kept
                .iter()
                .enumerate()
                .filter(|(_, buffer)| buffer.capacity() >= words)
                .min_by_key(|(_, buffer)| buffer.capacity())
                .map(|(index, _)| index);
            if let Some(index) = fitting {
                return kept.swap_remove(index);
            }
        }
        Vec::with_capacity(words)
    }

    /// Keeps a big buffer for the next copy, within the limits (the smallest go first).
    pub fn give(mut buffer: Vec<u64>) {
        let bytes = buffer.capacity() * 8;
        if !(KEPT_FROM_BYTES..=KEEP_BYTES).contains(&bytes) {
            return;
        }
        buffer.clear();
        let mut kept = kept();
        kept.push(buffer);
        kept.sort_by_key(|buffer| std::cmp::Reverse(buffer.capacity()));
        while kept.len() > KEEP_BUFFERS
            || kept
                .iter()
                .map(|buffer| buffer.capacity() * 8)
                .sum::<usize>()
                > KEEP_BYTES
        {
            kept.pop();
        }
    }

    pub fn release() {
        *kept() = Vec::new();
    }

    #[cfg(test)]
    pub fn kept_capacities() -> Vec<usize> {
        kept().iter().map(Vec::capacity).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bytes(len: usize) -> Vec<u8> {
        (0..len).map(|i| (i * 31 % 251) as u8).collect()
    }

    #[test]
    fn a_copy_holds_the_same_bytes_in_memory_of_its_own_aligned_for_any_element() {
        for len in [0, 1, 7, 8, 9, 4095, KEPT_FROM_BYTES + 3] {
            let source = bytes(len);
            let mut copy = OwnedBytes::copy_of(&source);
            assert_eq!(copy.as_slice(), &source[..]);
            assert_eq!(copy.as_slice().len(), len);
            assert!(len == 0 || copy.as_slice().as_ptr() != source.as_ptr());
            assert!((copy.as_mut_ptr() as usize).is_multiple_of(8));
        }
    }

    #[test]
    fn parts_are_copied_back_to_back() {
        let copy = OwnedBytes::concat(&[b"abc", b"", b"defghijkl"]);
        assert_eq!(copy.as_slice(), b"abcdefghijkl");
    }

    #[test]
    fn a_big_copy_reuses_the_buffer_an_earlier_one_left_and_release_frees_it() {
        // Sizes no other test uses, so that tests running at once do not take them.
        let words = (KEPT_FROM_BYTES + 8 * 1234) / 8;
        let first = OwnedBytes::copy_of(&bytes(words * 8));
        let address = first.words.as_ptr();
        drop(first);
        assert!(kept::kept_capacities().contains(&words));
        let second = OwnedBytes::copy_of(&bytes(words * 8 - 5));
        assert_eq!(second.words.as_ptr(), address, "the kept buffer was reused");
        assert_eq!(second.as_slice(), &bytes(words * 8 - 5)[..]);
        drop(second);
        release_kept();
        assert!(!kept::kept_capacities().contains(&words));
    }

    #[test]
    fn small_copies_are_not_kept() {
        drop(OwnedBytes::copy_of(&bytes(KEPT_FROM_BYTES / 2 + 24)));
        assert!(!kept::kept_capacities().contains(&((KEPT_FROM_BYTES / 2 + 24) / 8)));
    }
}
