//! A few zlib codecs kept per thread between one-shot calls and between streams.
//! Building a deflate state (window, hash chains, pending buffer: ~400 KiB, mapped
//! from the kernel: `flate/zeroed_alloc.rs`) costs more than compressing a 1 KiB
//! message; resetting a kept one is a fraction of that.

use std::cell::RefCell;

use super::codecs::{Codec, CodecOptions};

// Enough for 16 responses compressed at once on one thread (the bench's in-flight
// rows): with 4, twelve of them mapped and unmapped a state each time (3× slower).
// At most ~3 MiB per thread stays held.
const KEEP: usize = 16;

thread_local! {
    static CACHE: RefCell<Vec<Codec>> = const { RefCell::new(Vec::new()) };
}

/// A codec for `options`: a kept one, reset, or a new one.
pub fn take(options: &CodecOptions) -> Codec {
    let kept = CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        let index = cache.iter().position(|codec| match codec {
            Codec::Flate(flate) => flate.is_built_for(options.mode, &options.flate),
            _ => false,
        })?;
        Some(cache.swap_remove(index))
    });
    if let Some(mut codec) = kept {
        if recycle(&mut codec) {
            return codec;
        }
    }
    Codec::new(options)
}

/// Keeps `codec` for a later call with the same options (zlib codecs only; a
/// brotli state is rebuilt per call, its size depends on the input).
pub fn give(codec: Codec) {
    if !matches!(codec, Codec::Flate(_)) {
        return;
    }
    CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        if cache.len() >= KEEP {
            cache.remove(0);
        }
        cache.push(codec);
    });
}

fn recycle(codec: &mut Codec) -> bool {
    match codec {
        Codec::Flate(flate) => flate.recycle(),
        _ => false,
    }
}
