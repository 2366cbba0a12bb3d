//! A few output buffers kept between stream writes. A fresh buffer pays a page
//! fault per 4 KiB on first write; a recycled one is already mapped (and warm in
//! cache), which is where Node's 16 KiB output buffers from malloc's heap stand.

use std::sync::Mutex;

const KEEP_BUFFERS: usize = 8;
const KEEP_CAPACITY: usize = 2 << 20;

static POOL: Mutex<Vec<Vec<u8>>> = Mutex::new(Vec::new());

/// An empty buffer, recycled when one is available.
pub fn take() -> Vec<u8> {
    let mut pool = POOL.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    pool.pop().unwrap_or_default()
}

/// Returns a buffer for reuse; big or surplus ones are freed.
pub fn give(mut buffer: Vec<u8>) {
    if buffer.capacity() > KEEP_CAPACITY {
        return;
    }
    buffer.clear();
    let mut pool = POOL.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if pool.len() < KEEP_BUFFERS {
        pool.push(buffer);
    }
}
